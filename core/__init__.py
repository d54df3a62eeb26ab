"""The core: what every feature builds on and nothing here shows a page (no NiceGUI imports).

The bus and its signal kinds (the catch-up query that reads the features' tables is
features/system/catch_up.py), the clock, errors, rate limits, text input,
media, the participation phase and the garbage collector policy."""
