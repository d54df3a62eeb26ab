"""The organisers' /admin page: the event and its programme; other features add their tabs."""
