"""Plain-Python domain: enums, value types and rules. No SQLAlchemy session, no Qt."""
