"""Tortoise models, one module per aggregate. Models hold data and invariants, never UI."""
