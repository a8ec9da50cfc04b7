"""Maintenance commands: search (and rebuilding its index), backup and restore."""

from __future__ import annotations

import sys

from ..domain.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("search", help="full-text search over everything (every word must match)")
    p.add_argument("text", nargs="*", help="words to search for")
    p.add_argument("--limit", type=int, default=50, help="at most this many hits (default 50)")
    p.add_argument("--rebuild", action="store_true", help="rebuild the search index from every record")
    p.add_argument("--json", action="store_true", help="print the hits as JSON")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("backup", help="consistent backup of the database (keeps the newest generations)")
    p.add_argument("--keep", type=int, default=3, metavar="N", help="generations to keep (default 3)")
    p.add_argument("--out", metavar="DIR", help="folder for the backups (default: backups/ next to the database)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (checked first; current one backed up)")
    p.add_argument("file", help="a backup file made by `backup`")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_restore)


def cmd_search(ctx, args) -> int:
    from ..services import search

    db, actor = ctx.database(), ctx.actor()
    if args.rebuild:
        stats = search.rebuild_index(db, actor=actor, full=True)
        if args.json and not args.text:
            ctx.print_json(stats)
            return 0
        # With words to search as well, stdout carries only the hits.
        print(f"search index: {stats['documents']} documents ({stats['added']} added, "
              f"{stats['updated']} updated, {stats['removed']} removed)", file=sys.stderr if args.text else sys.stdout)
        if not args.text:
            return 0
    if not args.text:
        raise InputError("Nothing to search for: give TEXT (or --rebuild).")
    hits = search.search(db, actor, " ".join(args.text), limit=args.limit)
    if args.json:
        ctx.print_json([h.as_dict() for h in hits])
        return 0
    for h in hits:
        print(f"[{h.area}] {h.title}  ({h.entity} {h.entity_id})")
        if h.snippet:
            print(f"    {h.snippet}")
    if not hits:
        print("no hits", file=sys.stderr)
    return 0


def cmd_backup(ctx, args) -> int:
    from ..services import backup

    info = backup.backup(ctx.database(), ctx.actor(), keep=args.keep, out_dir=args.out)
    if args.json:
        ctx.print_json(info.as_dict())
    else:
        print(f"backup written: {info.path}")
        print(f"sha256: {info.sha256}")
        for name in info.removed:
            print(f"old generation removed: {name}")
    return 0


def cmd_restore(ctx, args) -> int:
    from ..services import backup

    # A database that is old or damaged can still be restored over.
    db = ctx.database(require_current=False)
    actor = ctx.actor()
    checked = backup.check_backup(db, actor, args.file)
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise InputError("Restoring replaces the whole database: pass --yes to confirm.")
        answer = input(f"Replace the database {ctx.db_target} with {args.file} "
                       f"(revision {checked.revision}, {checked.audit_entries} audit entries)? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing restored", file=sys.stderr)
            return 2
    info = backup.restore(db, actor, args.file)
    if args.json:
        ctx.print_json(info.as_dict())
    else:
        print(f"restored {info.source} (revision {info.backup_revision}, now {info.revision})")
        print(f"the previous database was saved as {info.safety_backup}")
    return 0
