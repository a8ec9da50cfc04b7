"""Core commands: init, verify, users, backup/restore, search, screenshots, connect."""

from __future__ import annotations

import sys

from ..domain.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("init", help="create or upgrade the database; --defaults loads the seed content")
    p.add_argument("--defaults", action="store_true", help="load the default content (idempotent)")
    p.add_argument("--admin", help="name of the first administrator (password from $ECMANUAL_PASSWORD)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("verify", help="database integrity and the audit trail's hash chain")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("connect", help="check a PostgreSQL URL and keep its password in the OS keyring")
    p.add_argument("url", help="postgresql+psycopg://user@host[:port]/dbname[?sslmode=require]")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--forget", action="store_true", help="remove the stored password")
    p.set_defaults(handler=cmd_connect)

    p = sub.add_parser("user", help="manage app users")
    usub = p.add_subparsers(dest="user_command", required=True)
    q = usub.add_parser("add", help="add a user (password from $ECMANUAL_NEW_PASSWORD or a prompt)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=["admin", "editor", "approver", "viewer"])
    q.add_argument("--display-name")
    q.set_defaults(handler=cmd_user_add)
    q = usub.add_parser("level", help="give a user an approval level (チームリーダー, 部門長, 役員会) or --none")
    q.add_argument("name")
    q.add_argument("level", nargs="?")
    q.add_argument("--none", action="store_true", help="take the approval level away")
    q.set_defaults(handler=cmd_user_level)
    q = usub.add_parser("role", help="change a user's app role")
    q.add_argument("name")
    q.add_argument("role", choices=["admin", "editor", "approver", "viewer"])
    q.set_defaults(handler=cmd_user_role)
    q = usub.add_parser("reset-password", help="set a new password (from $ECMANUAL_NEW_PASSWORD); clears a lockout")
    q.add_argument("name")
    q.set_defaults(handler=cmd_user_reset)
    q = usub.add_parser("list", help="list users")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_user_list)
    q = usub.add_parser("passwd", help="change your own password (current from $ECMANUAL_PASSWORD, "
                                       "new from $ECMANUAL_NEW_PASSWORD, or prompts)")
    q.set_defaults(handler=cmd_user_passwd)


def cmd_init(ctx, args) -> int:
    from ..services import setup, users

    from sqlalchemy.exc import DBAPIError

    from ..domain.passwords import password_problems

    db = ctx.database(require_current=False)
    try:
        needs_admin = users.user_count(db) == 0
    except DBAPIError:  # no schema yet
        needs_admin = True
    admin, password = args.admin, None
    if needs_admin:
        # Checked before anything is created, so a refused password leaves the database untouched.
        admin = admin or ctx.args.user or "admin"
        password = ctx.password(f"Password for the first administrator {admin}: ")
        problems = password_problems(password, admin)
        if problems:
            raise InputError(f"The password for {admin} is too weak: " + "; ".join(problems))
    before, after = setup.init_schema(db)
    result = {"revision_before": before, "revision": after, "admin": None, "defaults": None}
    if needs_admin and users.user_count(db) == 0:
        info = users.create_first_admin(db, admin, password)
        result["admin"] = info.username
    if args.defaults:
        from ..services import defaults

        actor = ctx.actor() if ctx.args.user or not result["admin"] else users.actor_for(db, result["admin"])
        result["defaults"] = defaults.load_defaults(db, actor)
    if args.json:
        ctx.print_json(result)
    else:
        print(f"database at revision {after}" + (" (created)" if before is None else ""))
        if result["admin"]:
            print(f"first administrator: {result['admin']}")
        if result["defaults"] is not None:
            added = sum(v for v in result["defaults"].values())
            print(f"default content: {added} records added" if added else "default content: already loaded")
    return 0


def cmd_verify(ctx, args) -> int:
    from ..services import setup

    report = setup.verify(ctx.database(require_current=False))
    if args.json:
        ctx.print_json(report.as_dict())
    else:
        for c in report.checks:
            print(f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}")
    return 0 if report.ok else 2


def _new_password(name: str) -> str:
    import os

    password = os.environ.get("ECMANUAL_NEW_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise InputError(f"No password for {name}: set $ECMANUAL_NEW_PASSWORD.")
        import getpass

        password = getpass.getpass(f"New password for {name}: ")
    return password


def cmd_user_add(ctx, args) -> int:
    from ..services import users

    info = users.create_user(ctx.database(), ctx.actor(), args.name, _new_password(args.name), args.role,
                             args.display_name)
    print(f"user {info.username} ({info.role}) added")
    return 0


def cmd_user_list(ctx, args) -> int:
    from ..services import users

    rows = users.list_users(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json([r.__dict__ for r in rows])
    else:
        for r in rows:
            print(f"{r.username}\t{r.role}\t{r.display_name}\t{'active' if r.active else 'inactive'}")
    return 0


def cmd_user_level(ctx, args) -> int:
    from ..services import users

    if not args.level and not args.none:
        raise InputError("Name a level (チームリーダー, 部門長, 役員会) or pass --none.")
    users.set_approval_level(ctx.database(), ctx.actor(), args.name, None if args.none else args.level)
    print(f"approval level of {args.name}: {'none' if args.none else args.level}")
    return 0


def cmd_user_role(ctx, args) -> int:
    from ..services import users

    users.set_role(ctx.database(), ctx.actor(), args.name, args.role)
    print(f"role of {args.name}: {args.role}")
    return 0


def cmd_user_passwd(ctx, args) -> int:
    from ..services import users

    actor = ctx.actor(password_change=True)
    users.change_password(ctx.database(), actor, ctx.password(), _new_password(actor.username))
    print(f"password of {actor.username} changed")
    return 0


def cmd_user_reset(ctx, args) -> int:
    from ..services import users

    users.reset_password(ctx.database(), ctx.actor(), args.name, _new_password(args.name))
    print(f"password of {args.name} reset; it must be changed at the next sign-in")
    return 0


def cmd_connect(ctx, args) -> int:
    """Verify the server accepts the password, then store it in the keyring (never in a file)."""
    import os

    from .. import connection, secrets
    from ..persistence.engine import make_engine

    url = connection.server_url(args.url)  # the same checks as the app's connection dialog
    if args.forget:
        secrets.forget_password(url)
        print(f"password for {secrets.account_key(url)} removed from the keyring")
        return 0
    if not secrets.secure_backend_available():
        raise InputError("No secure OS keyring is available on this machine, so the password cannot be kept. "
                         "Set $ECMANUAL_DB_PASSWORD for automation, or use the GUI, which keeps it for the "
                         "session only.")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = os.environ.get("ECMANUAL_DB_PASSWORD") or __import__("getpass").getpass(
            f"Password for {url.username}@{url.host}: ")
    engine = make_engine(url, password=password)
    try:
        connection.check_connection(engine)
    finally:
        engine.dispose()
    connection.remember_password(url, password)
    print(f"connected; password for {secrets.account_key(url)} kept in the OS keyring")
    print(f"use it with: python -m ecmanual --db '{url.render_as_string(hide_password=True)}' …")
    return 0
