"""Official answers: what the city made of a contribution."""
