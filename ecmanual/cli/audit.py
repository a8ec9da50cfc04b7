"""`audit`: read the audit trail with the same filters as the audit-log screen.

    python -m ecmanual audit [--who NAME] [--action CODE] [--entity CODE] [--id ID]
                             [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--before SEQ] [--json]

Newest first; `--from`/`--to` are local calendar days, both inclusive. `--limit` (default 200)
bounds the output; page on with `--before` the smallest seq shown. Any signed-in user may read
the trail (the VIEW permission), as in the app. `verify` checks its hash chain.
"""

from __future__ import annotations

from ..services.audit import MAX_QUERY_LIMIT, QUERY_LIMIT
from .args import iso_date as _iso_date


def register(sub) -> None:
    p = sub.add_parser("audit", help="list audit entries, newest first, filtered by who, what, when and record")
    # --who, not --user: --user before the command is the acting user.
    p.add_argument("--who", metavar="NAME", help="only entries made by this user")
    p.add_argument("--action", help="only this action (login, login_failed, create, update, delete, export, …)")
    p.add_argument("--entity", help="only this kind of record (app_user, setting, staff, …)")
    p.add_argument("--id", dest="entity_id", metavar="ID", help="only the record with this id (with --entity)")
    p.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD", help="from this day (local time)")
    p.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD", help="up to and including this day")
    p.add_argument("--limit", type=int, default=QUERY_LIMIT, help=f"at most N entries (1–{MAX_QUERY_LIMIT}, "
                                                                  f"default {QUERY_LIMIT})")
    p.add_argument("--before", type=int, metavar="SEQ", help="only entries older than this seq (next page)")
    p.add_argument("--json", action="store_true",
                   help="{total, entries: [{seq, at, actor, action, entity, entity_id, summary, before, after}]}")
    p.set_defaults(handler=cmd_audit)


def cmd_audit(ctx, args) -> int:
    from ..services import audit

    db, actor = ctx.database(), ctx.actor()
    filters = {"user": args.who, "action": args.action, "entity": args.entity, "entity_id": args.entity_id,
               "start": args.start, "end": args.end}
    rows = audit.query(db, actor, before_seq=args.before, limit=args.limit, **filters)
    total = audit.count(db, actor, **filters)
    if args.json:
        ctx.print_json({"total": total, "entries": [r.as_dict() for r in rows]})
        return 0
    for r in rows:
        record = r.entity + (f"#{r.entity_id}" if r.entity_id else "")
        print(f"{r.seq}\t{r.at.astimezone():%Y-%m-%d %H:%M:%S}\t{r.actor}\t{r.action}\t{record}\t{r.summary or ''}")
    shown = f"{len(rows)} of {total} matching entries"
    if rows and len(rows) < total:
        shown += f"; older ones with --before {rows[-1].seq}"
    print(shown)
    return 0
