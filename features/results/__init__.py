"""Workshop results: the gallery, one result with its comments and proposals, the admin tab."""
