"""A viewer is refused by every service function that changes something, found by introspection.

The rule (so a new service function is covered without anyone remembering to add it):

- Every public function defined in an `ecmanual/services/*.py` module that takes an `actor`
  parameter is walked. Helpers whose first parameter is a `Session` are excluded: they run
  inside a caller's `db.write(...)`, which already checked the permission.
- Each is called as a viewer with placeholder arguments that name nothing that exists
  (record 999999, 「存在しない」…). A function that changes data must refuse with
  PermissionDenied *before* it looks its arguments up; one that looks first answers NotFound
  and this test fails, naming it.
- Only read-only functions may answer instead (return, or raise InputError/NotFound);
  for them the test checks that the database is exactly as it was. Functions named as reads
  (list_…, get_…, …_of) need no listing; the list holds the other read-only functions, each
  with its reason, and the test fails when it names a function that no longer exists.
- VIEWER_MAY lists the few changes a viewer makes about themself (own password, "I have read
  this page"); they are skipped here and tested in their areas.
- A public function that writes (`db.write(` in its body) without taking an actor must be in
  WRITES_WITHOUT_ACTOR, with the reason.

`test_the_walk_notices_a_forgotten_check` proves the walk is not vacuous: a module with a
mutating function that forgot its check makes it fail.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import types
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

import ecmanual.services as services_pkg
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import AuditHead, Base
from ecmanual.services import checklists, glossary, reviews
from ecmanual.services.context import Actor, Database

# Names that say "this only reads" (list_…, get_…, …_of). A function so named is still walked:
# it must answer a viewer without changing the database.
READ_PREFIXES = ("list_", "get_", "count", "query", "search", "preview_", "due_", "upcoming_")
READ_SUFFIXES = ("_of",)

# Read-only functions whose names do not say so: the explicit exceptions, each with its reason.
READ_ONLY = {
    "audit.filter_choices",                     # the audit-log view's drop-down contents
    "checklists.template_history",              # the versions of a template
    "dashboard.attention", "dashboard.overview",  # what needs attention today
    "dashboard.approvable_runs",                # runs waiting for this user's approval
    "exports.check_export",                     # looks a file's hash up in the export records
    "manual.diff", "manual.history",            # compare / list a page's versions
    "manual.reading_status",                    # who has read the published version
    "review_records.compare",                   # this quarter against the last
    "review_records.review_rows",               # the rows of the review screen
    "training.attachment_file",                 # the bytes of an evidence file
    "training_certs.holders",                   # who holds a certification
    "training_exports.calendar_events",         # the training calendar, in memory
    "offboarding.accounts_to_remove",           # leavers' accounts still open (a report)
    "training_status.compliance_matrix", "training_status.dashboard_counts",
    "training_status.person_requirements",
    "users.must_change_password",               # whether the sign-in must ask for a new password
}


def reads_only(qual: str) -> bool:
    name = qual.split(".", 1)[1]
    return qual in READ_ONLY or name.startswith(READ_PREFIXES) or name.endswith(READ_SUFFIXES)


# Changes a viewer may make, each only about themself (tested below and in their areas' tests).
VIEWER_MAY = {
    "manual.acknowledge_self",   # confirms having read a published page, as the linked staff member
    "users.change_password",     # their own password; needs the current one
}

# Public functions that write without taking an actor: they run before anyone is signed in.
WRITES_WITHOUT_ACTOR = {
    "setup.init_schema",          # creates/upgrades the schema as the system (init, app start)
    "setup.upgrade",              # the same, after a backup generation
    "users.authenticate",         # sign-in: records failures and lockouts
    "users.create_first_admin",   # only while the database has no user at all
}

MISSING = "存在しない"
NO_ID = 999_999


def service_functions(modules: list[types.ModuleType]):
    """(qualified name, function) of every public function defined in `modules`."""
    for module in modules:
        short = module.__name__.rsplit(".", 1)[-1]
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{short}.{name}", fn


def all_service_modules() -> list[types.ModuleType]:
    return [importlib.import_module(f"{services_pkg.__name__}.{info.name}")
            for info in pkgutil.iter_modules(services_pkg.__path__)]


def takes_actor(fn) -> bool:
    params = list(inspect.signature(fn).parameters.values())
    actor = next((p for p in params if p.name == "actor"), None)
    if actor is None or actor.annotation not in (Actor, "Actor"):
        return False  # e.g. audit.record(session, actor: str, …)
    first = params[0].annotation if params else None
    return first not in (Session, "Session")  # helpers inside a caller's transaction


def placeholder(name: str, annotation, tmp: Path):
    """An argument that passes a type check but names nothing that exists."""
    ann = str(annotation)
    if name in ("info",):
        return glossary.TermInfo(NO_ID, MISSING, None, None, "定義", version=1)
    if name == "items":
        return [checklists.ItemSpec("確認する")] if "ItemSpec" in ann else [{"text": "確認する"}]
    if name == "levels":
        return [("admin", "管理者")]
    if name in ("path", "out", "file", "attachment"):
        return tmp / "missing.csv"
    if name == "role" and "AppRole" in ann:
        return "editor"
    if name == "as_role":
        return "reviewer"
    if name == "decision":
        return "keep"
    if name == "status":
        return "done"
    if name == "kind" and "str" in ann:
        return "holder"
    if name == "fmt":
        return "xlsx"
    if "ExportParams" in ann:
        from ecmanual.services.exports import ExportParams

        return ExportParams()
    if name in ("rrule_text",):
        return "FREQ=MONTHLY;BYMONTHDAY=1"
    if name in ("period",):
        return "2099Q1"
    if "datetime" in ann:
        return datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    if "date" in ann:
        return date(2026, 4, 1)
    if "bool" in ann:
        return True
    if "float" in ann:
        return 1.0
    if ann.startswith("list") or ann.startswith("tuple"):
        return [NO_ID]
    if "dict" in ann:
        return {"x": "y"}
    if ann == "object":
        return "x"
    if "str" in ann:  # also `str | int`: a name that does not exist
        return f"{MISSING}-{name}"
    if "int" in ann:
        return NO_ID
    raise AssertionError(f"no placeholder for parameter {name!r}: {ann}; teach `placeholder` about it")


def call_as(fn, db: Database, actor: Actor, tmp: Path):
    args, kwargs = [], {}
    for p in inspect.signature(fn).parameters.values():
        if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        if p.name == "db":
            value = db
        elif p.name == "actor":
            value = actor
        elif p.default is not p.empty:
            continue
        else:
            value = placeholder(p.name, p.annotation, tmp)
        if p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    if "actor" in inspect.signature(fn).parameters and inspect.signature(fn).parameters["actor"].default \
            is not inspect.Parameter.empty:
        kwargs["actor"] = actor
    return fn(*args, **kwargs)


def fingerprint(db: Database) -> str:
    """A hash of every row of every table: equal means nothing changed."""
    digest = hashlib.sha256()
    with db.engine.connect() as c:
        for table in Base.metadata.sorted_tables:
            for row in c.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
        digest.update(repr(c.execute(text("SELECT count(*) FROM search_doc")).scalar()).encode())
    return digest.hexdigest()


def walk(modules, db: Database, viewer: Actor, tmp: Path) -> list[str]:
    """Every problem found: a mutating function a viewer got through, or one that looked first."""
    problems = []
    for qual, fn in service_functions(modules):
        if not takes_actor(fn):
            continue
        before = fingerprint(db)
        try:
            call_as(fn, db, viewer, tmp)
            outcome = None
        except PermissionDenied:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - NotFound, InputError, or a crash: all reported below
            outcome = f"answered {type(exc).__name__}: {str(exc)[:80]}"
        changed = fingerprint(db) != before
        if qual in VIEWER_MAY:
            continue
        if reads_only(qual):
            if changed:
                problems.append(f"{qual} is listed as read-only but changed the database")
        elif outcome != "refused":
            problems.append(f"{qual}: a viewer was not refused first ({outcome or 'it ran'})"
                            + ("; the database changed" if changed else ""))
    return problems


def test_a_viewer_is_refused_by_every_mutating_service(seeded_db, viewer, tmp_path):
    with seeded_db.read() as s:
        head = s.scalar(select(AuditHead.last_seq))
    problems = walk(all_service_modules(), seeded_db, viewer, tmp_path)
    assert problems == [], "\n".join(problems)
    with seeded_db.read() as s:  # nothing a viewer tried reached the audit trail
        assert s.scalar(select(AuditHead.last_seq)) == head


def test_the_walk_covers_the_services():
    walked = {q for q, fn in service_functions(all_service_modules()) if takes_actor(fn)}
    mutating = {q for q in walked if not reads_only(q)} - VIEWER_MAY
    assert len(mutating) > 90, sorted(mutating)  # the walk sees the services, not an empty list
    assert {"glossary.save_term", "reviews.approve", "backup.restore", "users.set_role",
            "exports.run_export", "staff_import.import_staff"} <= mutating
    stale = (READ_ONLY | VIEWER_MAY) - walked
    assert stale == set(), "READ_ONLY names functions that no longer exist"


def test_writers_without_an_actor_are_known():
    found = set()
    for qual, fn in service_functions(all_service_modules()):
        params = inspect.signature(fn).parameters
        if "db" in params and "actor" not in params and ".write(" in inspect.getsource(fn):
            found.add(qual)
    assert found - WRITES_WITHOUT_ACTOR == set(), "a service writes without an acting user"


def test_the_walk_notices_a_forgotten_check(db, admin, viewer, tmp_path):
    """A new mutating function that forgot its check, or checks after its lookup, fails the walk."""
    from ecmanual.domain.permissions import Permission
    from ecmanual.services import audit
    from ecmanual.services.context import SYSTEM

    fake = types.ModuleType("ecmanual.services.fake_area")

    def rename_department(db: Database, actor: Actor, department_id: int, name: str) -> None:
        with db.write(SYSTEM) as s:  # forgot to pass the actor: runs unchecked
            audit.record(s, actor.username, "update", "department", department_id, summary=name)

    def close_incident(db: Database, actor: Actor, incident_id: int) -> None:
        from ecmanual.domain.errors import NotFound
        from ecmanual.persistence.models import Incident

        with db.read() as s:
            if s.get(Incident, incident_id) is None:
                raise NotFound(f"No incident {incident_id}.")  # looked up before the check
        actor.require(Permission.EDIT)

    def delete_term(db: Database, actor: Actor, term: str) -> None:
        actor.require(Permission.EDIT, "delete terms")  # correct: check first

    for fn in (rename_department, close_incident, delete_term):
        fn.__module__ = fake.__name__
        setattr(fake, fn.__name__, fn)
    problems = walk([fake], db, viewer, tmp_path)
    assert [p.split(":")[0] for p in problems] == ["fake_area.close_incident", "fake_area.rename_department"]
    assert "the database changed" in problems[1] and "NotFound" in problems[0]


# ---- separation of duties --------------------------------------------------------------------

@pytest.fixture
def tpl(db, admin):
    with db.write(admin) as s:
        from ecmanual.persistence.models import ChecklistTemplate

        t = ChecklistTemplate(name="メルマガ配信前チェック", category="配信")
        s.add(t)
        s.flush()
        checklists.create_version(s, admin, t, [checklists.ItemSpec("宛先リストを確認"),
                                                checklists.ItemSpec("配信停止リンクを確認")], "初版")
        return t.id


def test_runner_and_whoever_ticked_cannot_approve(db, admin, editor, approver, tpl):
    run_id = checklists.start_run(db, editor, tpl, "4/22 配信")
    checklists.check_item(db, editor, run_id, 1)
    checklists.check_item(db, approver, run_id, 2)   # the approver did part of the work
    checklists.submit_run(db, editor, run_id)
    with pytest.raises(PermissionDenied, match="may not approve"):
        checklists.approve_run(db, editor, run_id)  # an editor may not approve at all
    with pytest.raises(PermissionDenied, match="4眼原則"):
        checklists.approve_run(db, approver, run_id)
    with pytest.raises(PermissionDenied, match="4眼原則"):
        checklists.return_run(db, approver, run_id, "やり直し")
    checklists.approve_run(db, admin, run_id, "確認済み")
    assert checklists.get_run(db, admin, run_id).status == "approved"


def test_runner_cannot_send_own_run_back(db, admin, approver, tpl):
    run_id = checklists.start_run(db, approver, tpl, "自分の実施")
    checklists.check_item(db, approver, run_id, 1)
    checklists.check_item(db, approver, run_id, 2)
    checklists.submit_run(db, approver, run_id)
    for act in (lambda: checklists.approve_run(db, approver, run_id),
                lambda: checklists.return_run(db, approver, run_id, "差し戻し")):
        with pytest.raises(PermissionDenied, match="4眼原則"):
            act()


def test_reviewer_cannot_approve_or_send_back_own_review(db, admin, approver):
    reviews.start_review(db, admin, "2026Q4", on=date(2026, 12, 1))
    reviews.sign(db, approver, "2026Q4", "reviewer")
    with pytest.raises(InputError, match="four eyes"):
        reviews.sign(db, approver, "2026Q4", "approver")
    with pytest.raises(InputError, match="four eyes"):
        reviews.send_back(db, approver, "2026Q4", "自分で差し戻し")
    assert reviews.sign(db, admin, "2026Q4", "approver").status == "approved"
