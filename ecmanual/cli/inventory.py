"""`systems …` and `accounts …`: the permission inventory (the quarterly reviews are in `reviews`).

`accounts import` is all-or-nothing: with --json a failed import prints the summary with
every row error ({added: 0, …, errors: [{row, column, message}]}) and exits 2.
"""

from __future__ import annotations

from ..domain.errors import InputError
from ..domain.permissions import Permission
from .printing import import_failed, print_import_notes, print_rows, printed_json


def register(sub) -> None:
    p = sub.add_parser("systems", help="the SaaS systems in the inventory")
    ssub = p.add_subparsers(dest="systems_command", required=True)
    q = ssub.add_parser("list", help="systems with owner, levels, MFA rule and account counts")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_systems_list)
    q = ssub.add_parser("set", help="change a system's owner, MFA rule or dormancy days")
    q.add_argument("system", metavar="SYSTEM")
    q.add_argument("--mfa-required", choices=["yes", "no"])
    q.add_argument("--dormant-days", type=int, help="days without sign-in after which an account is dormant")
    q.add_argument("--owner", help="the person who owns it (name, email or id; '' for none)")
    q.add_argument("--owner-role", help="the job role that owns it ('' for none)")
    q.set_defaults(handler=cmd_systems_set)
    q = ssub.add_parser("levels", help="set a system's level names and their standard levels")
    q.add_argument("system", metavar="SYSTEM")
    q.add_argument("levels", nargs="+", metavar="NAME=STANDARD", help="e.g. 管理者=管理者 運用者=配信作成")
    q.set_defaults(handler=cmd_systems_levels)
    q = ssub.add_parser("policy", help="allow a department, job role or anyone to hold a standard level")
    q.add_argument("--level", required=True, help="standard level (管理者, 承認, 配信作成, 閲覧)")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--department")
    g.add_argument("--role")
    g.add_argument("--anyone", action="store_true")
    q.add_argument("--system", help="only for this system (default: all systems)")
    q.set_defaults(handler=cmd_systems_policy)

    p = sub.add_parser("accounts", help="SaaS accounts: import, list, link to staff, mark shared/service")
    asub = p.add_subparsers(dest="accounts_command", required=True)
    q = asub.add_parser("import", help="import one system's account list (CSV or XLSX, all-or-nothing)")
    q.add_argument("--system", required=True, help="system name or id")
    q.add_argument("file")
    q.add_argument("--sheet", help="XLSX: the sheet to read")
    q.add_argument("--dry-run", action="store_true", help="check the file and show what would change; write nothing")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_accounts_import)
    q = asub.add_parser("list", help="accounts (not removed), with their person")
    q.add_argument("--system")
    q.add_argument("--uncertain", action="store_true", help="only links waiting for confirmation")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_accounts_list)
    q = asub.add_parser("link", help="link an account to a person, confirm its link, or link by email/name")
    q.add_argument("account", nargs="?", metavar="ACCOUNT", help="account id or login")
    q.add_argument("--system", help="the system, when the login is in several")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--staff", help="the person (name, email or id)")
    g.add_argument("--none", action="store_true", help="confirm that the account belongs to nobody on staff")
    g.add_argument("--confirm", action="store_true", help="accept the current link")
    g.add_argument("--auto", action="store_true", help="link unlinked accounts by email, else by a unique name")
    q.set_defaults(handler=cmd_accounts_link)
    q = asub.add_parser("mark", help="mark an account shared or a service account, with its owner")
    q.add_argument("account", metavar="ACCOUNT")
    q.add_argument("--system")
    g = q.add_mutually_exclusive_group()
    g.add_argument("--shared", action="store_true")
    g.add_argument("--service", action="store_true")
    g.add_argument("--personal", action="store_true", help="neither shared nor a service account")
    q.add_argument("--owner", help="the person who owns it (name, email or id)")
    q.set_defaults(handler=cmd_accounts_mark)


def _viewer(ctx):
    actor = ctx.actor()
    actor.require(Permission.VIEW)
    return actor


def cmd_systems_list(ctx, args) -> int:
    from ..services import inventory

    print_rows(ctx, args, inventory.list_systems(ctx.database(), _viewer(ctx)), _system_lines)
    return 0


def _system_lines(x) -> str:
    mfa = "MFA required" if x.mfa_required else "MFA optional"
    return "\n".join([f"{x.id}\t{x.name}\towner: {x.owner or '-'}\t{mfa}\tdormant after {x.dormant_days} days\t"
                      f"{x.accounts} accounts", *(f"\t  {lv.name} -> {lv.standard}" for lv in x.levels)])


def cmd_systems_set(ctx, args) -> int:
    from ..services import inventory

    db, actor = ctx.database(), ctx.actor()
    changes: dict = {}
    if args.mfa_required:
        changes["mfa_required"] = args.mfa_required == "yes"
    if args.dormant_days is not None:
        changes["dormant_days"] = args.dormant_days
    if args.owner is not None:
        changes["owner"] = args.owner
    if args.owner_role is not None:
        changes["owner_role"] = args.owner_role
    if not changes:
        raise InputError("nothing to change: give --mfa-required, --dormant-days, --owner or --owner-role")
    x = inventory.update_system(db, actor, args.system, **changes)
    print(f"{x.name}: owner {x.owner or '-'}, MFA {'required' if x.mfa_required else 'optional'}, "
          f"dormant after {x.dormant_days} days")
    return 0


def cmd_systems_levels(ctx, args) -> int:
    from ..services import inventory

    pairs = []
    for text in args.levels:
        name, sep, standard = text.partition("=")
        if not sep:
            raise InputError(f"write each level as NAME=STANDARD, not {text!r}")
        pairs.append((name, standard))
    x = inventory.set_levels(ctx.database(), ctx.actor(), args.system, pairs)
    print(f"{x.name}: " + ", ".join(f"{lv.name}={lv.standard}" for lv in x.levels))
    return 0


def cmd_systems_policy(ctx, args) -> int:
    from ..services import inventory

    p = inventory.add_policy(ctx.database(), ctx.actor(), args.level, department=args.department, role=args.role,
                             anyone=args.anyone, system=args.system)
    print(f"{p.level}: {p.party} may hold it" + (f" in {p.system}" if p.system else " in every system"))
    return 0


def cmd_accounts_import(ctx, args) -> int:
    from ..services import inventory_import

    actor = ctx.actor()
    try:
        summary = inventory_import.import_accounts(ctx.database(), actor, args.system, args.file,
                                                   dry_run=args.dry_run, sheet=args.sheet)
    except InputError as exc:
        return import_failed(ctx, args, exc, ("added", "updated", "unchanged", "removed"))
    if printed_json(ctx, args, {"ok": True, **summary}):
        return 0
    note = " (dry run: nothing was written)" if args.dry_run else ""
    print(f"{args.file} -> {summary['system']}: {summary['added']} added, {summary['updated']} updated, "
          f"{summary['unchanged']} unchanged, {summary['removed']} removed{note}")
    if summary["linked"]:
        print(f"  {summary['linked']} linked to staff (check uncertain links with `accounts list --uncertain`)")
    if summary["remediation_closed"]:
        print(f"  {summary['remediation_closed']} remediation task(s) closed by this import")
    print_import_notes(summary, "notes")
    return 0


def cmd_accounts_list(ctx, args) -> int:
    from ..services import inventory_accounts

    rows = inventory_accounts.list_accounts(ctx.database(), _viewer(ctx), args.system,
                                            link_status="uncertain" if args.uncertain else None)
    print_rows(ctx, args, rows, _account_line)
    return 0


def _account_line(a) -> str:
    kind = "shared" if a.is_shared else "service" if a.is_service else ""
    return (f"{a.id}\t{a.system}\t{a.login}\t{a.display_name or ''}\t{a.native_level or ''}\t"
            f"{a.staff or '-'} ({a.link_status})\t{kind}")


def cmd_accounts_link(ctx, args) -> int:
    from ..services import inventory_accounts as accounts

    db, actor = ctx.database(), ctx.actor()
    if args.auto:
        found = accounts.auto_link(db, actor, args.system)
        print(f"linked {found['auto']} by email and {found['uncertain']} by name (uncertain: confirm them)")
        return 0
    if not args.account:
        raise InputError("name the account (id or login)")
    if args.confirm:
        a = accounts.confirm_link(db, actor, args.account, system=args.system)
    else:
        a = accounts.link_account(db, actor, args.account, None if args.none else args.staff, system=args.system)
    print(f"{a.system} {a.login}: {a.staff or 'nobody on staff'} ({a.link_status})")
    return 0


def cmd_accounts_mark(ctx, args) -> int:
    from ..services import inventory_accounts as accounts

    shared = True if args.shared else False if (args.service or args.personal) else None
    service = True if args.service else False if (args.shared or args.personal) else None
    if shared is None and args.owner is None:
        raise InputError("give --shared, --service, --personal and/or --owner")
    a = accounts.mark_account(ctx.database(), ctx.actor(), args.account, shared=shared, service=service,
                              owner=args.owner, system=args.system)
    kind = "shared" if a.is_shared else "service" if a.is_service else "personal"
    print(f"{a.system} {a.login}: {kind} account, owner {a.owner or '-'}")
    return 0
