"""Small reusable widgets (charts, the search palette, the notification banner)."""
