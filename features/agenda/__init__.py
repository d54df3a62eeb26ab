"""The programme: what is on stage now, the /agenda page and its calendar file."""
