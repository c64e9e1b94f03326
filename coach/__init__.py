"""coach: guided listening exercises for two partners rebuilding trust."""

__version__ = "0.1.0"
