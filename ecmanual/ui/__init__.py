"""The desktop GUI (PySide6). Only this package, `app.py` and `__main__.py` import Qt."""
