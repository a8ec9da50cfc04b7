"""`checklist …` commands: run a checklist headless under the same rules as the GUI."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("checklist", help="run, tick, submit and approve checklists")
    csub = p.add_subparsers(dest="checklist_command", required=True)

    q = csub.add_parser("templates", help="list checklist templates")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_templates)

    q = csub.add_parser("run", help="start a run of TEMPLATE (name or id); prints the run id")
    q.add_argument("template")
    q.add_argument("--subject", required=True)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_run)

    q = csub.add_parser("check", help="tick item ITEM (its number or exact text) of run RUN")
    q.add_argument("run", type=int)
    q.add_argument("item")
    q.add_argument("--uncheck", action="store_true")
    q.add_argument("--note")
    q.set_defaults(handler=cmd_check)

    q = csub.add_parser("submit", help="submit run RUN for approval")
    q.add_argument("run", type=int)
    q.set_defaults(handler=cmd_submit)

    q = csub.add_parser("approve", help="approve run RUN (not by its runner; needs the approval level)")
    q.add_argument("run", type=int)
    q.add_argument("--comment")
    q.set_defaults(handler=cmd_approve)

    q = csub.add_parser("return", help="send run RUN back with a comment")
    q.add_argument("run", type=int)
    q.add_argument("--comment", required=True)
    q.set_defaults(handler=cmd_return)

    q = csub.add_parser("show", help="show run RUN")
    q.add_argument("run", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_show)

    q = csub.add_parser("list", help="list runs")
    q.add_argument("--template")
    q.add_argument("--status", choices=["draft", "submitted", "returned", "approved"])
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_list)


def cmd_templates(ctx, args) -> int:
    from ..services import checklists

    rows = checklists.list_templates(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json([r.__dict__ for r in rows])
    else:
        for r in rows:
            print(f"{r.id}\t{r.name}\tv{r.version_no}\t{len(r.items)} items\t{r.approval_level or '-'}")
    return 0


def cmd_run(ctx, args) -> int:
    from ..services import checklists

    run_id = checklists.start_run(ctx.database(), ctx.actor(), args.template, args.subject)
    if args.json:
        ctx.print_json({"run": run_id})
    else:
        print(run_id)
    return 0


def cmd_check(ctx, args) -> int:
    from ..services import checklists

    checklists.check_item(ctx.database(), ctx.actor(), args.run, args.item, not args.uncheck, args.note)
    return 0


def cmd_submit(ctx, args) -> int:
    from ..services import checklists

    checklists.submit_run(ctx.database(), ctx.actor(), args.run)
    print(f"run {args.run} submitted")
    return 0


def cmd_approve(ctx, args) -> int:
    from ..services import checklists

    checklists.approve_run(ctx.database(), ctx.actor(), args.run, args.comment)
    print(f"run {args.run} approved")
    return 0


def cmd_return(ctx, args) -> int:
    from ..services import checklists

    checklists.return_run(ctx.database(), ctx.actor(), args.run, args.comment)
    print(f"run {args.run} sent back")
    return 0


def cmd_show(ctx, args) -> int:
    from dataclasses import asdict

    from ..services import checklists

    run = checklists.get_run(ctx.database(), ctx.actor(), args.run)
    if args.json:
        ctx.print_json(asdict(run))
        return 0
    print(f"#{run.id} {run.template} v{run.version_no} — {run.subject} [{run.status}]")
    for i in run.items:
        mark = "x" if i.checked else " "
        print(f"  [{mark}] {i.seq}. {i.text}{'' if i.required else ' (任意)'}" + (f"  — {i.checked_by}" if i.checked else ""))
    if run.approved_by:
        print(f"approved by {run.approved_by} at {run.approved_at:%Y-%m-%d %H:%M}")
    return 0


def cmd_list(ctx, args) -> int:
    from dataclasses import asdict

    from ..services import checklists

    runs = checklists.list_runs(ctx.database(), ctx.actor(), template=args.template, status=args.status)
    if args.json:
        ctx.print_json([{k: v for k, v in asdict(r).items() if k != "items"} for r in runs])
    else:
        for r in runs:
            print(f"{r.id}\t{r.status}\t{r.template}\t{r.subject}\t{r.started_by or ''}")
    return 0
