"""The core: what every feature builds on and nothing here shows a page (no NiceGUI imports).

The bus and its signal kinds with their catch-up, the clock, errors, rate limits, text input,
media, the participation phase and the garbage collector policy."""
