"""The start page: the event at a glance; which livestream addresses are allowed."""
