"""Moderation: the console, its decisions, blocked words and the moderation log."""
