"""Dialogs: sign-in, first administrator, unexpected errors."""
