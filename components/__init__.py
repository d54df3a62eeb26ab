"""Reusable UI pieces. They render; they call services for anything that changes state."""
