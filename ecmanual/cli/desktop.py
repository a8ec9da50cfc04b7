"""Desktop-related commands: `screenshots`. Qt is imported inside the handler only."""

from __future__ import annotations

import os
from pathlib import Path


def _colours(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 2 <= value <= 256:
        raise argparse.ArgumentTypeError(f"not a number of colours from 2 to 256: {text!r}")
    return value


def register(sub) -> None:
    p = sub.add_parser("screenshots", help="render every main screen offscreen to PNG (for docs and review)")
    p.add_argument("--out", required=True, help="folder for the PNG files (created if missing)")
    # Own dest: a subcommand option named like the global --lang would overwrite it with None.
    p.add_argument("--lang", dest="screenshot_lang", choices=["ja", "en"],
                   help="language of the screens (default: the global --lang, else this PC's setting)")
    p.add_argument("--colors", type=_colours, metavar="N",
                   help="save each PNG with a palette of its N most frequent colours (2-256; 256 looks the same "
                        "at about a third of the size: for PNGs committed to the docs)")
    p.set_defaults(handler=cmd_screenshots)


def cmd_screenshots(ctx, args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    db = ctx.database()
    from ..app import database_location, take_screenshots

    files = take_screenshots(db, Path(args.out), args.screenshot_lang or args.lang, database_location(ctx.db_target))
    if args.colors:
        from ..ui.screenshots import reduce_colours

        files = [reduce_colours(path, args.colors) for path in files]
    for path in files:
        print(path)
    return 0
