"""The start page: the event at a glance and the livestream."""
