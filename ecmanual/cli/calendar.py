"""`calendar …` commands: the operations calendar's duties, what is due or overdue, done/skipped
marks, and an .ics file for calendar programs. `export calendar` writes the xlsx/pdf record."""

from __future__ import annotations

import argparse
from datetime import date

from ..domain.permissions import Permission
from .args import iso_date as _day


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def register(sub) -> None:
    p = sub.add_parser("calendar", help="the operations calendar: duties, due dates, done/skipped, .ics")
    csub = p.add_subparsers(dest="calendar_command", required=True)

    q = csub.add_parser("list", help="every duty with its recurrence, owner, deputy and next due date")
    q.add_argument("--today", type=_day, help="the day to count from (default: today in Japan)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_list)

    q = csub.add_parser("due", help="overdue occurrences, then those due in the next days")
    q.add_argument("--today", type=_day, help="default: today in Japan")
    q.add_argument("--days", type=_positive, default=14, help="days ahead (14)")
    q.add_argument("--lookback", type=_positive, default=14, help="days back for overdue occurrences (14)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_due)

    q = csub.add_parser("done", help="mark one occurrence done (or --skip it); --undo takes the mark back")
    q.add_argument("duty", metavar="DUTY", help="the duty's name or id")
    q.add_argument("--date", required=True, type=_day, help="the occurrence's due date YYYY-MM-DD")
    how = q.add_mutually_exclusive_group()
    how.add_argument("--skip", action="store_true", help="record it as skipped instead of done")
    how.add_argument("--undo", action="store_true", help="remove the done/skipped mark")
    q.add_argument("--note", help="what was done, or why it was skipped")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_done)

    q = csub.add_parser("ics", help="write the active duties as an iCalendar (.ics) file")
    q.add_argument("--out", required=True, help="the .ics file to write")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_ics)


def _signed_in(ctx):
    actor = ctx.actor()
    actor.require(Permission.VIEW)
    return actor


def _today(args) -> date:
    from ..services.records import today_jst

    return args.today or today_jst()


def cmd_list(ctx, args) -> int:
    from ..services import calendar

    _signed_in(ctx)
    duties = calendar.list_duties(ctx.database(), on=_today(args))
    if args.json:
        ctx.print_json([d.as_dict() for d in duties])
        return 0
    for d in duties:
        when = f" {d.start_time}" if d.start_time else ""
        state = "" if d.active else " (inactive)"
        print(f"{d.id}\t{d.name}{state}\t{calendar.CADENCE_JA[d.cadence]}\t{d.recurrence}{when}\t"
              f"next {d.next_due or '-'}\towner {d.owner or '-'}\tdeputy {d.deputy or '-'}")
    return 0


def _line(o) -> str:
    from ..services import calendar

    mark = f" by {o.by}" if o.by else ""
    note = f" ({o.note})" if o.note else ""
    when = f" {o.start_time}" if o.start_time else ""
    return (f"{o.due_date}{when}\t{calendar.STATUS_JA[o.status]}{mark}{note}\t{o.duty}\t"
            f"owner {o.owner or '-'}\tdeputy {o.deputy or '-'}")


def cmd_due(ctx, args) -> int:
    from ..services import calendar

    _signed_in(ctx)
    today = _today(args)
    result = calendar.agenda(ctx.database(), today, args.days, args.lookback)
    if args.json:
        ctx.print_json({"today": today, "overdue": [o.as_dict() for o in result["overdue"]],
                        "upcoming": [o.as_dict() for o in result["upcoming"]]})
        return 0
    print(f"overdue ({len(result['overdue'])}):" if result["overdue"] else "nothing overdue")
    for o in result["overdue"]:
        print("  " + _line(o))
    print(f"due from {today} for {args.days} days ({len(result['upcoming'])}):")
    for o in result["upcoming"]:
        print("  " + _line(o))
    return 0


def cmd_done(ctx, args) -> int:
    from ..services import calendar

    db, actor = ctx.database(), ctx.actor()
    if args.undo:
        calendar.unmark_occurrence(db, actor, args.duty, args.date)
        if args.json:
            ctx.print_json({"ok": True, "duty": args.duty, "due_date": args.date, "status": "open"})
        else:
            print(f"{args.duty} on {args.date}: mark removed (open again)")
        return 0
    occ = calendar.mark_occurrence(db, actor, args.duty, args.date, "skipped" if args.skip else "done", args.note)
    if args.json:
        ctx.print_json(occ.as_dict())
    else:
        print(f"{occ.duty} on {occ.due_date}: {occ.status} by {occ.by}")
    return 0


def cmd_ics(ctx, args) -> int:
    from ..services import calendar

    result = calendar.export_ics(ctx.database(), ctx.actor(), args.out)
    if args.json:
        ctx.print_json(result)
    else:
        print(f"wrote {result['path']} ({result['document_id']}, {result['events']} events, {result['size']:,} bytes)")
        print(f"sha256 {result['sha256']}")
    return 0
