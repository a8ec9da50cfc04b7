"""Use-case services: each owns its transaction, checks permission, writes the audit entry."""
