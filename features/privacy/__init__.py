"""Privacy: participants withdraw their contributions, organisers keep and purge."""
