"""`training …`: requirement status, completions, the compliance matrix, hires and onboarding
plans, certifications, leavers' offboarding, and the training calendar (.ics)."""

from __future__ import annotations

import sys

from ..domain import training_rules as rules
from .args import iso_date as _day

STATUS_CHOICES = [s for s in rules.STATUSES]


def register(sub) -> None:
    p = sub.add_parser("training", help="trainings: status, completions, matrix, hires, onboarding, calendar")
    t = p.add_subparsers(dest="training_command", required=True)

    q = t.add_parser("status", help="one person's required courses and certifications and their status")
    q.add_argument("--person", required=True, metavar="NAME")
    _today(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_status)

    q = t.add_parser("record", help="record a completion (or a failed attempt with --fail)")
    q.add_argument("--person", required=True, metavar="NAME")
    q.add_argument("--course", required=True, metavar="NAME")
    q.add_argument("--date", required=True, type=_day, help="completion date YYYY-MM-DD")
    q.add_argument("--score", type=float)
    q.add_argument("--fail", action="store_true", help="the person did not pass")
    q.add_argument("--note", help="evidence note")
    q.add_argument("--attach", metavar="FILE", help="evidence file kept with the record")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_record)

    q = t.add_parser("matrix", help="the compliance matrix: people x mandatory courses and certifications")
    _today(q)
    q.add_argument("--department", help="only this department")
    q.add_argument("--status", choices=STATUS_CHOICES, help="only people with at least one cell in this status")
    q.add_argument("--optional", action="store_true", help="include optional courses")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_matrix)

    q = t.add_parser("due", help="what is overdue, expired or due soon (the start-up reminder)")
    _today(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_due)

    q = t.add_parser("hire", help="add a new hire with their job roles and onboarding plan")
    q.add_argument("name")
    q.add_argument("--department", required=True)
    q.add_argument("--role", action="append", default=[], metavar="ROLE", help="a job role (repeatable)")
    q.add_argument("--date", required=True, type=_day, help="hire date YYYY-MM-DD")
    q.add_argument("--email")
    q.add_argument("--kana")
    q.add_argument("--manager", metavar="NAME")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_hire)

    q = t.add_parser("plan", help="a person's onboarding/offboarding plans and progress")
    q.add_argument("--person", required=True, metavar="NAME")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_plan)

    q = t.add_parser("tick", help="mark a plan item done (or not done with --undo)")
    q.add_argument("item", type=int, metavar="ITEM_ID")
    q.add_argument("--undo", action="store_true")
    q.add_argument("--date", type=_day, help="when it was done (default today)")
    q.add_argument("--note")
    q.set_defaults(handler=cmd_tick)

    q = t.add_parser("award", help="issue or renew a certification")
    q.add_argument("--person", required=True, metavar="NAME")
    q.add_argument("--certification", required=True, metavar="NAME")
    q.add_argument("--date", required=True, type=_day, help="issue date YYYY-MM-DD")
    q.add_argument("--expires", type=_day, help="expiry date (default: issue date + validity)")
    q.add_argument("--note")
    q.set_defaults(handler=cmd_award)

    q = t.add_parser("content-updated", help="a course's material changed: earlier completions need a re-take")
    q.add_argument("--course", required=True, metavar="NAME")
    q.add_argument("--date", required=True, type=_day)
    q.set_defaults(handler=cmd_content_updated)

    q = t.add_parser("offboard", help="a leaver recorded before `staff leave` offboarded: close onboarding, "
                                      "list accounts to remove")
    q.add_argument("--person", required=True, metavar="NAME")
    q.add_argument("--date", required=True, type=_day, help="leave date YYYY-MM-DD")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_offboard)

    q = t.add_parser("session", help="schedule a session (Japan time) and register attendees")
    q.add_argument("--course", required=True, metavar="NAME")
    q.add_argument("--start", required=True, metavar="'YYYY-MM-DD HH:MM'")
    q.add_argument("--end", metavar="'YYYY-MM-DD HH:MM'")
    q.add_argument("--place")
    q.add_argument("--online", action="store_true")
    q.add_argument("--instructor")
    q.add_argument("--capacity", type=int)
    q.add_argument("--attendee", action="append", default=[], metavar="NAME", help="register (repeatable)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_session)

    q = t.add_parser("attend", help="record attendance of a session (records the completion)")
    q.add_argument("session", type=int, metavar="SESSION_ID")
    q.add_argument("--person", required=True, metavar="NAME")
    q.add_argument("--absent", action="store_true")
    q.add_argument("--score", type=float)
    q.add_argument("--fail", action="store_true")
    q.add_argument("--note", help="evidence note")
    q.add_argument("--file", help="evidence file to attach (certificate, test sheet)")
    q.set_defaults(handler=cmd_attend)

    q = t.add_parser("ics", help="write sessions and due dates to an .ics calendar file")
    q.add_argument("--out", required=True, metavar="FILE")
    q.add_argument("--person", metavar="NAME", help="only this person's sessions and due dates")
    q.add_argument("--days", type=int, default=180, help="how far ahead (default 180 days)")
    _today(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_ics)


def _today(q) -> None:
    q.add_argument("--today", type=_day, help="reference day (default: today)")
    q.add_argument("--window", type=int, default=rules.DEFAULT_WINDOW_DAYS,
                   help=f"days that count as due soon (default {rules.DEFAULT_WINDOW_DAYS})")


def _label(status: str) -> str:
    return rules.STATUS_LABELS_JA.get(status, status)


def cmd_status(ctx, args) -> int:
    from ..services import training_status

    reqs = training_status.person_requirements(ctx.database(), ctx.actor(), args.person, args.today,
                                               window_days=args.window)
    if args.json:
        ctx.print_json({"person": args.person, "today": args.today, "window_days": args.window,
                        "requirements": [r.as_dict() for r in reqs]})
        return 0
    for r in reqs:
        due = f"due {r.due_on}" if r.due_on else ""
        last = f"last {r.last_completed}" if r.last_completed else ""
        print(f"{r.status:<15} {r.name:<20} {due:<15} {last:<16} {'、'.join(r.via)}")
    return 0


def cmd_record(ctx, args) -> int:
    from ..services import training

    info = training.record_completion(ctx.database(), ctx.actor(), args.person, args.course, args.date,
                                      score=args.score, passed=not args.fail, evidence_note=args.note,
                                      attachment=args.attach)
    if args.json:
        ctx.print_json(info.as_dict())
    else:
        print(f"recorded #{info.id}: {info.staff} {info.course} {info.completed_on}"
              + ("" if info.passed else " (not passed)"))
        for name in info.renewed:
            print(f"renewed certification {name} from {info.completed_on}")
    return 0


def cmd_matrix(ctx, args) -> int:
    from ..services import training_status

    m = training_status.compliance_matrix(ctx.database(), ctx.actor(), args.today, window_days=args.window,
                                          include_optional=args.optional)
    rows = [r for r in m.rows if (not args.department or r.department == args.department)
            and (not args.status or args.status in r.statuses)]
    if args.json:
        ctx.print_json({"today": m.today, "window_days": m.window_days,
                        "columns": [c.__dict__ for c in m.columns],
                        "rows": [{"staff_id": r.staff_id, "name": r.name, "department": r.department,
                                  "roles": list(r.roles),
                                  "cells": {c.key: cell.__dict__ for c, cell in zip(m.columns, r.cells)}}
                                 for r in rows]})
        return 0
    print("\t".join(["name", "department", *(c.name for c in m.columns)]))
    for r in rows:
        print("\t".join([r.name, r.department or "", *(_label(c.status) for c in r.cells)]))
    return 0


def cmd_due(ctx, args) -> int:
    from ..services import training_status

    items = training_status.due_items(ctx.database(), ctx.actor(), args.today, window_days=args.window)
    if args.json:
        ctx.print_json([i.as_dict() for i in items])
    elif not items:
        print("nothing overdue or due soon")
    else:
        for i in items:
            print(f"{_label(i.status):<6}\t{i.due_on or '-'}\t{i.staff}\t{i.name}")
    return 0


def _print_plan(plan) -> None:
    print(f"plan #{plan.id} {plan.kind} for {plan.staff} from {plan.start_date}: {plan.status}, "
          f"{plan.done_count}/{len(plan.items)} done")
    for i in plan.items:
        mark = "x" if i.done else " "
        print(f"  [{mark}] #{i.id:<5} {i.due_date} {i.offset:<5} {i.kind:<8} {i.title}")


def cmd_hire(ctx, args) -> int:
    from ..services import training_onboarding

    result = training_onboarding.hire_person(ctx.database(), ctx.actor(), args.name, department=args.department,
                                             roles=args.role, hire_date=args.date, email=args.email, kana=args.kana,
                                             manager=args.manager)
    if args.json:
        ctx.print_json({"staff": result["staff"].as_dict(), "plan": result["plan"].as_dict()})
    else:
        print(f"hired {result['staff'].name} (#{result['staff'].id})")
        _print_plan(result["plan"])
    return 0


def cmd_plan(ctx, args) -> int:
    from ..services import training_onboarding

    plans = training_onboarding.plans_of(ctx.database(), ctx.actor(), args.person)
    if args.json:
        ctx.print_json([p.as_dict() for p in plans])
    elif not plans:
        print("no plans")
    else:
        for plan in plans:
            _print_plan(plan)
    return 0


def cmd_tick(ctx, args) -> int:
    from ..services import training_onboarding

    plan = training_onboarding.set_item_done(ctx.database(), ctx.actor(), args.item, not args.undo, on=args.date,
                                             note=args.note)
    print(f"plan #{plan.id}: {plan.done_count}/{len(plan.items)} done ({plan.status})")
    return 0


def cmd_award(ctx, args) -> int:
    from ..services import training_certs

    a = training_certs.award_certification(ctx.database(), ctx.actor(), args.person, args.certification, args.date,
                                     expires_on=args.expires, note=args.note)
    print(f"{a.staff}: {a.certification} issued {a.issued_on}, expires {a.expires_on or 'never'}")
    return 0


def cmd_content_updated(ctx, args) -> int:
    from ..services import training

    c = training.mark_content_updated(ctx.database(), ctx.actor(), args.course, args.date)
    print(f"{c.name}: content updated on {c.content_updated_on}")
    return 0


def cmd_offboard(ctx, args) -> int:
    from ..services import offboarding

    plan = offboarding.start_offboarding(ctx.database(), ctx.actor(), args.person, args.date)
    if args.json:
        ctx.print_json(plan.as_dict())
    else:
        _print_plan(plan)
    return 0


def cmd_session(ctx, args) -> int:
    from ..importers.values import JST
    from ..services import training_sessions

    info = training_sessions.schedule_session(ctx.database(), ctx.actor(), args.course, args.start, ends_at=args.end,
                                     place=args.place, online=args.online, instructor=args.instructor,
                                     capacity=args.capacity, attendees=args.attendee)
    if args.json:
        ctx.print_json({"id": info.id, "course": info.course, "starts_at": info.starts_at,
                        "attendees": [a.name for a in info.attendees]})
    else:
        print(f"session #{info.id}: {info.course} {info.starts_at.astimezone(JST):%Y-%m-%d %H:%M}, "
              f"{len(info.attendees)} registered")
    return 0


def cmd_attend(ctx, args) -> int:
    from ..services import training_sessions

    info = training_sessions.record_attendance(ctx.database(), ctx.actor(), args.session, args.person, not args.absent,
                                      passed=not args.fail, score=args.score, evidence_note=args.note,
                                      attachment=args.file)
    print(f"session #{info.id}: {sum(1 for a in info.attendees if a.attended)} attended")
    return 0


def cmd_ics(ctx, args) -> int:
    from ..services import training_exports

    result = training_exports.write_calendar(ctx.database(), ctx.actor(), args.out, args.today, days=args.days,
                                             person=args.person)
    if args.json:
        ctx.print_json(result)
    else:
        print(f"wrote {result['path']} ({result['events']} events)")
        print(f"sha256 {result['sha256']}", file=sys.stdout)
    return 0
