"""Qt item models over plain service data."""
