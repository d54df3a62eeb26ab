""""In Leichter Sprache": the event and how to take part, in easy-read language."""
