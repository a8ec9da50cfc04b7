"""`export KIND …` and `check-export FILE`: audit records to files, and vouching for a file later."""

from __future__ import annotations

import sys
from pathlib import Path
from .args import iso_date as _day

EXIT_INPUT = 2


def register(sub) -> None:
    p = sub.add_parser("export", help="write an audit record as .xlsx or .pdf (recorded with its hash)")
    p.add_argument("kind", metavar="KIND", help="raci, calendar, training-matrix, training-records, onboarding, "
                   "review, checklist-run, glossary, template, manual, audit-log, binder")
    p.add_argument("--format", choices=["xlsx", "pdf"], help="default: from the --out file name")
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--period", help="audit period, e.g. 2026Q4, 2026H2, 2026, 2026-10")
    p.add_argument("--id", type=int, help="the record to export (review, checklist run, template …)")
    p.add_argument("--person", help="a person's name (training records, onboarding)")
    p.add_argument("--from", dest="date_from", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--external", dest="internal", action="store_false", default=False,
                       help="the file leaves the team (the default): people's names and e-mail addresses in "
                            "full need the personal-data permission (administrators)")
    where.add_argument("--internal", action="store_true",
                       help="the file stays within the team (personal data then needs only the export permission); "
                            "kinds an administrator listed in the setting external_exports stay external")
    p.add_argument("--mask-personal", action="store_true",
                   help="mask people's names and e-mail addresses (山田 ●●, t***@example.co.jp)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("check-export", help="is FILE an export of this app, unchanged since it was written?")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check_export)


def _progress_printer():
    if not sys.stderr.isatty():
        return None
    last = [-1]

    def progress(done: int, total: int, message: str) -> None:
        pct = int(done * 100 / total) if total else -1
        if pct != last[0]:
            last[0] = pct
            text = f"{pct}%" if pct >= 0 else f"{done:,} rows"
            print(f"\r{text} {message[:40]:<40}", end="", file=sys.stderr, flush=True)
    return progress


def cmd_export(ctx, args) -> int:
    from ..domain.errors import InputError
    from ..services import exports

    try:
        exports.get_kind(args.kind)  # unknown or not yet built: exit 2 before asking for a password
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    fmt = args.format or Path(args.out).suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "pdf"):
        print("error: give --format xlsx|pdf or an --out name ending in .xlsx or .pdf", file=sys.stderr)
        return EXIT_INPUT
    params = exports.ExportParams(period=args.period, id=args.id, person=args.person, date_from=args.date_from,
                                  date_to=args.date_to, external=not args.internal,
                                  mask_personal=args.mask_personal)
    progress = _progress_printer()
    try:
        result = exports.run_export(ctx.database(), ctx.actor(), args.kind, fmt, args.out, params=params,
                                    progress=progress)
    finally:
        if progress:
            print(file=sys.stderr)
    if args.json:
        ctx.print_json(result.as_dict())
    else:
        pages = f", {result.pages} pages" if result.pages else ""
        print(f"wrote {result.path} ({result.doc_id}, {result.size:,} bytes{pages})")
        print(f"sha256 {result.sha256}")
    return 0


def cmd_check_export(ctx, args) -> int:
    from ..services import exports

    result = exports.check_export(ctx.database(), ctx.actor(), args.file)
    if args.json:
        ctx.print_json(result)
    else:
        print(result["message"], file=sys.stdout if result["found"] else sys.stderr)
    return 0 if result["found"] else EXIT_INPUT
