"""The headless command line (`python -m ecmanual COMMAND`), contract in shared/CLI.md.

Each module in this package registers its commands; a handler takes (ctx, args) and
returns an exit status. Errors map to statuses here, in one place.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..domain.errors import AuthenticationError, InputError, PermissionDenied

logger = logging.getLogger(__name__)

# Modules that add commands; each has register(subparsers).
COMMAND_MODULES = ["core", "maintenance", "desktop", "exports", "organisation", "training", "inventory", "reviews", "checklists", "calendar", "audit", "settings", "demo"]

EXIT_OK, EXIT_ERROR, EXIT_INPUT, EXIT_DENIED = 0, 1, 2, 3


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options before the command, which the desktop app takes too."""
    parser.add_argument("--db", help="SQLite file path or SQLAlchemy URL (default: $ECMANUAL_DB or the user data folder)")
    parser.add_argument("--lang", choices=["ja", "en"], help="language of messages and the GUI")
    parser.add_argument("--user", help="acting user (default: $ECMANUAL_USER)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise ValueError(message)


def gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The global options when `argv` names no command (the desktop app), else None.
    Only the global options are parsed: the command modules (and the database layer they
    import) are not loaded on the way to the first window."""
    parser = _QuietParser(add_help=False)
    add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except ValueError:  # a bad option value: the full parser says what is wrong
        return None
    return None if rest or args.version else args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ecmanual", description="ecmanual: the team's living operations manual.")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # area not built yet
            raise
        module.register(sub)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from .. import __version__

        print(__version__)
        return EXIT_OK
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INPUT
    from .context import CliContext

    ctx = CliContext(args)
    try:
        return args.handler(ctx, args) or EXIT_OK
    except PermissionDenied as exc:
        print(f"permission denied: {exc}", file=sys.stderr)
        return EXIT_DENIED
    except AuthenticationError as exc:
        print(f"sign-in failed: {exc}", file=sys.stderr)
        return EXIT_DENIED
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if getattr(args, "json", False) and exc.errors:
            ctx.print_json({"ok": False, "message": exc.message, "file": exc.file,
                            "errors": [e.as_dict() for e in exc.errors]})
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return EXIT_ERROR
    except Exception:
        from ..log import log_file

        logger.exception("unexpected error in %s", args.command)
        print(f"unexpected error; details are in the log file {log_file()}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        ctx.close()
