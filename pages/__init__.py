"""One module per public area; importing a module registers its routes."""
