"""Entry point: a command runs headless; no command starts the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .log import setup_logging

    setup_logging()
    from .cli import gui_arguments, run

    args = gui_arguments(argv)
    if args is not None:  # no command: the desktop app, its first window before anything heavy
        from .app import run_gui

        return run_gui(args)
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
