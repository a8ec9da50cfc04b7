"""Entry point: a command runs headless; no command starts the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .log import setup_logging

    setup_logging()
    from .cli import build_parser, run

    args, _ = build_parser().parse_known_args(argv)
    if args.command is None and not args.version:
        from .app import run_gui

        return run_gui(args)
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
