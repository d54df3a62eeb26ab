"""Exports for the council: CSV, JSON and the council report (PDF)."""
