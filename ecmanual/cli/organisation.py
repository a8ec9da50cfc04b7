"""`staff …` and `raci …` commands: staff import, leavers, the RACI matrix and its checks.

`raci validate` exits 0 when the check ran, whatever it found (the issues are the output);
with `--strict` it exits 2 when there is any issue, for scheduled checks.
"""

from __future__ import annotations

from ..domain.errors import InputError
from ..domain.permissions import Permission
from .args import iso_date as _iso_date
from .printing import import_failed, print_import_notes, print_rows, printed_json


def register(sub) -> None:
    p = sub.add_parser("staff", help="staff: import, leavers, list, who does what")
    ssub = p.add_subparsers(dest="staff_command", required=True)

    q = ssub.add_parser("import", help="add or update staff from a CSV or XLSX file (all-or-nothing)")
    q.add_argument("file")
    q.add_argument("--dry-run", action="store_true", help="check the file and show what would change; write nothing")
    q.add_argument("--sheet", help="XLSX: the sheet to read (default: the first sheet with data)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_staff_import)

    q = ssub.add_parser("leave", help="record a leaver and show what loses its owner")
    q.add_argument("person", metavar="NAME_OR_ID")
    q.add_argument("--date", required=True, type=_iso_date, help="leave date YYYY-MM-DD")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_staff_leave)

    q = ssub.add_parser("list", help="list staff")
    q.add_argument("--active", action="store_true", help="leave out leavers")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_staff_list)

    q = ssub.add_parser("show", help="who does what: one person's steps, duties and roles")
    q.add_argument("person", metavar="NAME_OR_ID")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_staff_show)

    p = sub.add_parser("raci", help="the RACI matrix")
    rsub = p.add_subparsers(dest="raci_command", required=True)
    q = rsub.add_parser("show", help="print the matrix")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_raci_show)
    q = rsub.add_parser("validate", help="check the matrix (exit 0; --strict: exit 2 when anything is found)")
    q.add_argument("--threshold", type=int, default=8, help="R cells per party above which it is overloaded (8)")
    q.add_argument("--strict", action="store_true")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_raci_validate)


def _signed_in(ctx):
    actor = ctx.actor()
    actor.require(Permission.VIEW)
    return actor


def cmd_staff_import(ctx, args) -> int:
    from ..services import staff_import

    actor = ctx.actor()
    try:
        summary = staff_import.import_staff(ctx.database(), actor, args.file, dry_run=args.dry_run, sheet=args.sheet)
    except InputError as exc:
        return import_failed(ctx, args, exc, ("added", "updated", "unchanged"))
    if printed_json(ctx, args, {"ok": True, **summary}):
        return 0
    note = " (dry run: nothing was written)" if args.dry_run else ""
    print(f"{args.file}: {summary['added']} added, {summary['updated']} updated, "
          f"{summary['unchanged']} unchanged{note}")
    for change in summary["changes"]:
        fields = f" ({', '.join(change['fields'])})" if change.get("fields") else ""
        print(f"  row {change['row']}: {change['action']} {change['name']}{fields}")
    print_import_notes(summary, "warnings", "notes")
    return 0


def cmd_staff_leave(ctx, args) -> int:
    from ..services import responsibilities

    report = responsibilities.record_leave(ctx.database(), ctx.actor(), args.person, args.date)
    if printed_json(ctx, args, report):
        return 0
    p = report["person"]
    print(f"{p['name']} (#{p['id']}) recorded as leaving on {p['leave_date']}")
    lines = []
    for r in report["roles"]:
        who = ("no other holder" if r["left_without_holder"] else
               f"still held by {', '.join(r['other_holders'])}" if r["kind"] == "holder" else "deputy")
        lines.append(f"  role {r['role']} ({r['kind']}): {who}")
    lines += [f"  RACI {c['code']} on {c['process']} / {c['step']} (via {c['role']})" for c in report["raci_cells"]]
    lines += [f"  duty {d['name']} ({d['as']})" for d in report["duties"]]
    lines += [f"  system {x['name']} (owner)" for x in report["systems"]]
    lines += [f"  report {x['name']} (manager)" for x in report["reports"]]
    print("loses its owner:" if lines else "nothing loses its owner")
    for line in lines:
        print(line)
    plan = report.get("offboarding")
    if plan:
        accounts = [i["title"] for i in plan["items"] if i["kind"] == "account"]
        print(f"offboarding plan #{plan['id']}: trainings closed, {len(accounts)} accounts to remove")
        for title in accounts:
            print(f"  {title}")
    return 0


def cmd_staff_list(ctx, args) -> int:
    from ..services import organisation

    _signed_in(ctx)
    rows = organisation.list_staff(ctx.database(), include_left=not args.active)
    print_rows(ctx, args, rows,
               lambda r: f"{r.id}\t{r.name}\t{r.kana or ''}\t{r.email or ''}\t{r.department or ''}\t{r.status}")
    return 0


def cmd_staff_show(ctx, args) -> int:
    from ..services import responsibilities

    _signed_in(ctx)
    info = responsibilities.who_does_what(ctx.database(), args.person)
    if printed_json(ctx, args, info):
        return 0
    p = info["person"]
    print(f"{p['name']} (#{p['id']}) {p['department'] or ''} {p['status']}")
    for r in info["roles"]:
        print(f"  role: {r['role']} ({r['kind']})")
    for st in info["steps"]:
        print(f"  {st['code']} {st['process']} / {st['step']} (via {st['via']} {st['party']})")
    for d in info["duties"]:
        print(f"  duty: {d['name']} ({d['as']})")
    for d in info["deputies"]:
        print(f"  deputies for {d['role']}: {', '.join(d['deputies']) or 'none'}")
    return 0


def cmd_raci_show(ctx, args) -> int:
    from ..services import raci

    _signed_in(ctx)
    matrix = raci.load_matrix(ctx.database())
    if printed_json(ctx, args, matrix):
        return 0
    names = {p.key: p.name for p in matrix.parties}
    for proc in matrix.processes:
        print(proc.name)
        for st in proc.steps:
            cells = "  ".join(f"{c.code}:{names.get(k, k)}" + (f"({c.note})" if c.note else "")
                              for k, c in sorted(st.cells.items(), key=lambda kv: "ARCI".index(kv[1].code)))
            print(f"  {st.seq}. {st.name}{' [四つの目]' if st.four_eyes else ''}  {cells}")
    return 0


def cmd_raci_validate(ctx, args) -> int:
    from ..services import raci

    _signed_in(ctx)
    issues = raci.validate(ctx.database(), overload_threshold=args.threshold)
    if args.json:
        ctx.print_json({"ok": not issues, "issues": [i.as_dict() for i in issues]})
    else:
        for i in issues:
            print(f"{i.severity}\t{i.kind}\t{i.message}")
        print(f"{len(issues)} issue(s)" if issues else "no issues")
    return 2 if issues and args.strict else 0
