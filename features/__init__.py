"""One folder per feature: its service modules (no NiceGUI), its page(s) and its UI pieces.

See docs/architecture.md for the tree and the import rules."""
