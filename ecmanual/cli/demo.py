"""`demo`: load a small example team into a new database (screenshots, trials, training)."""

from __future__ import annotations

from .args import iso_date as _day


def register(sub) -> None:
    p = sub.add_parser("demo", help="load an example team into a new database (after `init --defaults`); "
                                    "refused when the database already has staff, accounts, reviews or runs")
    p.add_argument("--today", type=_day, help="the day the example data is dated from (default: today in Japan)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(ctx, args) -> int:
    from ..services import demo

    result = demo.load_demo(ctx.database(), ctx.actor(), args.today)
    if args.json:
        ctx.print_json(result)
        return 0
    accounts = ", ".join(f"{k} {v}" for k, v in result["accounts"].items())
    runs = result["checklist_runs"]
    onboarding, left = result["onboarding"], result["left"]
    print(f"demo team loaded: {result['staff']} staff ({left['name']} left on {left['leave_date']})")
    print(f"users {', '.join(result['users'])} (random passwords: an administrator resets one to sign in as them)")
    print(f"accounts imported: {accounts}")
    print(f"permission review {result['review']['period']} started, {result['review']['decided']} decisions")
    print(f"training: {result['completions']} completions, {result['awards']} certifications, "
          f"{result['sessions']} session planned")
    print(f"onboarding of {onboarding['name']}: {onboarding['done']} / {onboarding['items']} done")
    print(f"checklist runs: {runs['approved']} approved, {runs['submitted']} waiting for approval, "
          f"{runs['draft']} in progress")
    print(f"calendar: {result['duties_done']} duties marked done; {result['acknowledgements']} manual pages read")
    return 0
