"""`review …`: quarterly permission reviews (権限棚卸し) of the inventory's accounts: start, decide,
sign off, remediation and the comparison with the previous quarter.
"""

from __future__ import annotations

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..domain.review_rules import DECISIONS
from .args import iso_date as _iso_date
from .printing import print_rows, printed_json


def register(sub) -> None:
    p = sub.add_parser("review", help="quarterly permission reviews (権限棚卸し)")
    rsub = p.add_subparsers(dest="review_command", required=True)
    q = rsub.add_parser("start", help="open a review, freezing a snapshot of every account")
    q.add_argument("--period", required=True, help="e.g. 2026Q4")
    q.add_argument("--date", type=_iso_date, help="the review date (default: today); findings count from it")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_start)
    q = rsub.add_parser("list", help="reviews with their progress")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_list)
    q = rsub.add_parser("findings", help="the findings of a review")
    q.add_argument("--period", required=True)
    q.add_argument("--refresh", action="store_true", help="recompute them from the snapshot first")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_findings)
    q = rsub.add_parser("decide", help="record the decision on one account")
    q.add_argument("--period", required=True)
    q.add_argument("--account", required=True, help="account id or login")
    q.add_argument("--system", help="the system, when the login is in several")
    q.add_argument("--decision", required=True, choices=DECISIONS)
    q.add_argument("--reason")
    q.add_argument("--level", dest="target_level", help="change: the level it should have")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_decide)
    q = rsub.add_parser("assign", help="make a user the reviewer of one system")
    q.add_argument("--period", required=True)
    q.add_argument("--system", required=True)
    q.add_argument("--user", dest="reviewer", required=True, help="user name ('' for nobody)")
    q.set_defaults(handler=cmd_review_assign)
    q = rsub.add_parser("sign", help="sign off as reviewer (submit) or approver (approve and lock)")
    q.add_argument("--period", required=True)
    q.add_argument("--as", dest="as_role", required=True, choices=["reviewer", "approver"])
    q.add_argument("--note")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_sign)
    q = rsub.add_parser("return", help="send a submitted review back to the reviewer")
    q.add_argument("--period", required=True)
    q.add_argument("--comment", required=True)
    q.set_defaults(handler=cmd_review_return)
    q = rsub.add_parser("remediation", help="the changes and revocations to carry out")
    q.add_argument("--period", required=True)
    q.add_argument("--open", action="store_true", help="only open tasks")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_remediation)
    q = rsub.add_parser("verify-remediation", help="close remediation shown done by imports, or verify one by hand")
    q.add_argument("--period", required=True)
    q.add_argument("--account", help="verify this account's task by hand (needs --note)")
    q.add_argument("--system")
    q.add_argument("--note")
    q.set_defaults(handler=cmd_review_verify)
    q = rsub.add_parser("compare", help="added, removed and level changes since the previous review")
    q.add_argument("--period", required=True)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_compare)


def _viewer(ctx):
    actor = ctx.actor()
    actor.require(Permission.VIEW)
    return actor


def _summary(r) -> str:
    return (f"{r.period}\t{r.status}\tstarted {r.started_on}\t{r.decided}/{r.accounts} decided\t"
            f"{r.findings} findings\t{r.open_remediation} open remediation")


def cmd_review_start(ctx, args) -> int:
    from ..services import reviews

    r = reviews.start_review(ctx.database(), ctx.actor(), args.period, args.date)
    if not printed_json(ctx, args, r):
        print(_summary(r))
    return 0


def cmd_review_list(ctx, args) -> int:
    from ..services import reviews

    print_rows(ctx, args, reviews.list_reviews(ctx.database(), _viewer(ctx)), _summary)
    return 0


def cmd_review_findings(ctx, args) -> int:
    from ..services import review_records, reviews

    db, actor = ctx.database(), ctx.actor()
    if args.refresh:
        reviews.refresh_findings(db, actor, args.period)
    found = review_records.list_findings(db, _viewer(ctx), args.period)
    if printed_json(ctx, args, found):
        return 0
    for f in found:
        print(f"{f['account']}\t{f['system']}\t{f['login']}\t{f['kind']}\t{f['detail']}")
    print(f"{len(found)} finding(s)")
    return 0


def cmd_review_decide(ctx, args) -> int:
    from ..services import reviews

    result = reviews.decide(ctx.database(), ctx.actor(), args.period, args.account, args.decision, args.reason,
                            target_level=args.target_level, system=args.system)
    if printed_json(ctx, args, result):
        return 0
    task = result["remediation"]
    print(f"{result['system']} {result['login']}: {result['decision']}"
          + (f"; remediation due {task['due_date']}" if task else ""))
    return 0


def cmd_review_assign(ctx, args) -> int:
    from ..services import reviews

    reviews.assign_reviewer(ctx.database(), ctx.actor(), args.period, args.system, args.reviewer or None)
    print(f"{args.system}: reviewer {args.reviewer or 'nobody'}")
    return 0


def cmd_review_sign(ctx, args) -> int:
    from ..services import reviews

    r = reviews.sign(ctx.database(), ctx.actor(), args.period, args.as_role, args.note)
    if not printed_json(ctx, args, r):
        print(_summary(r))
    return 0


def cmd_review_return(ctx, args) -> int:
    from ..services import reviews

    print(_summary(reviews.send_back(ctx.database(), ctx.actor(), args.period, args.comment)))
    return 0


def cmd_review_remediation(ctx, args) -> int:
    from ..services import review_remediation

    rows = review_remediation.list_remediation(ctx.database(), _viewer(ctx), args.period,
                                               status="open" if args.open else None)
    print_rows(ctx, args, rows, _remediation_line)
    return 0


def _remediation_line(t) -> str:
    target = f" -> {t.target_level}" if t.target_level else ""
    closed = f" ({t.closed_by}: {t.note})" if t.status == "closed" else (" OVERDUE" if t.overdue else "")
    return f"{t.id}\t{t.system}\t{t.login}\t{t.action}{target}\tdue {t.due_date}\t{t.status}{closed}"


def cmd_review_verify(ctx, args) -> int:
    from ..services import review_remediation

    if args.account is None and args.note:
        raise InputError("--note goes with --account (a manual verification of one account)")
    closed = review_remediation.verify(ctx.database(), ctx.actor(), args.period, args.account, args.note,
                                       system=args.system)
    print(f"{len(closed)} remediation task(s) closed")
    return 0


def cmd_review_compare(ctx, args) -> int:
    from ..services import review_records

    result = review_records.compare(ctx.database(), _viewer(ctx), args.period)
    if printed_json(ctx, args, result):
        return 0
    if result["previous"] is None:
        print(f"{result['period']} is the first review; nothing to compare with")
        return 0
    print(f"{result['period']} compared with {result['previous']}")
    for x in result["systems"]:
        print(f"{x['system']}: {len(x['added'])} added, {len(x['removed'])} removed, "
              f"{len(x['level_changes'])} level changes")
        for a in x["added"]:
            print(f"  + {a['login']} ({a['level'] or '-'})")
        for a in x["removed"]:
            print(f"  - {a['login']} ({a['level'] or '-'})")
        for a in x["level_changes"]:
            print(f"  ~ {a['login']}: {a['before'] or '-'} -> {a['after'] or '-'} ({a['direction']})")
    return 0
