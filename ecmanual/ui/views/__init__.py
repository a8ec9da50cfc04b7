"""One screen per area of the main window."""
