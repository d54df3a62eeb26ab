"""/live: the one page for remote viewers: the livestream, the post form and the live wall together."""
