"""ecmanual: the operations manual of a small EC team as living, checkable records."""

__version__ = "0.1.0"
