"""`setting get [KEY]` / `setting set KEY VALUE`: the organisation-wide settings.

Reading needs a signed-in user; changing needs an administrator (the service refuses others,
exit 3) and leaves an audit entry with before and after. Keys: services/org_settings.py SETTINGS.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("setting", help="organisation-wide settings kept in the database "
                                       "(idle lock minutes, organisation name, …)")
    ssub = p.add_subparsers(dest="setting_command", required=True)
    q = ssub.add_parser("get", help="print one setting, or all of them")
    q.add_argument("key", nargs="?", metavar="KEY")
    q.add_argument("--json", action="store_true", help="{key: value, …}")
    q.set_defaults(handler=cmd_get)
    q = ssub.add_parser("set", help="change a setting (administrators only; audited)")
    q.add_argument("key", metavar="KEY")
    q.add_argument("value", metavar="VALUE")
    q.add_argument("--json", action="store_true", help="{key: stored value}")
    q.set_defaults(handler=cmd_set)


def cmd_get(ctx, args) -> int:
    from ..domain.permissions import Permission
    from ..services import org_settings

    db = ctx.database()
    ctx.actor().require(Permission.VIEW)
    values = {args.key: org_settings.get(db, args.key)} if args.key else org_settings.all_values(db)
    if args.json:
        ctx.print_json(values)
    elif args.key:
        print(values[args.key])
    else:
        for key, value in values.items():
            print(f"{key}\t{value}")
    return 0


def cmd_set(ctx, args) -> int:
    from ..services import org_settings

    stored = org_settings.set_value(ctx.database(), ctx.actor(), args.key, args.value)
    if args.json:
        ctx.print_json({args.key: stored})
    else:
        print(f"{args.key} = {stored}")
    return 0
