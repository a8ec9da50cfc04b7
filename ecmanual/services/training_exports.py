"""Training records through the shared export layer, and the training calendar as .ics.

Kinds: `training-matrix` (people x requirements, coloured status cells with a legend; also
the binder's training part), `training-records` (completions and certification awards, for a
period and/or a person) and `onboarding` (a person's plan, requirements and history, with
sign-off boxes for the person, their manager and the training coordinator). The reference
day is `params.options["today"]`, else the end of the period (`--to`), else today.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from ..domain import training_rules as rules
from ..domain.errors import InputError
from ..domain.permissions import AppRole, Permission
from ..exports.ics import Event, write_ics
from ..exports.model import Column, Document, Section, SignBox, SignOff, Table
from ..importers.values import JST
from ..persistence.base import utcnow
from ..persistence.models import (
    Attachment, Certification, CertificationAward, Course, Department, ExportRecord, Staff, TrainingRecord,
)
from . import audit
from .context import Actor, Database
from .exports import ExportParams, binder_section, export_kind
from .organisation import find_staff
from .records import today_jst
from .training import as_date, user_names
from .training_sessions import SessionInfo, list_sessions
from .training_onboarding import plans_of
from .training_status import Matrix, MatrixCell, compliance_matrix, person_requirements

logger = logging.getLogger(__name__)

LABELS = rules.STATUS_LABELS_JA
COLOURS = rules.STATUS_COLOURS
KIND_LABELS = {"training": "研修", "page": "マニュアル", "account": "アカウント", "task": "作業"}
# The export layer's builders run without an actor; reads go through this view-only one.
_READER = Actor(None, "export", AppRole.VIEWER, "export")


def legend(window_days: int) -> list[tuple[str | None, str]]:
    texts = {
        rules.VALID: "有効: 受講済みで、次の期限まで余裕がある",
        rules.DUE_SOON: f"期限間近: {window_days}日以内に期限が来る(初回・更新とも)",
        rules.OVERDUE: "期限超過: 期限を過ぎても受講していない",
        rules.EXPIRED: "期限切れ: 前回の受講・認定の有効期間が切れ、更新されていない",
        rules.PENDING: "未受講: 受講が必要だが、期限はまだ先",
        rules.NOT_APPLICABLE: "対象外: この人の部門・役割には不要",
    }
    return [(COLOURS[s], texts[s]) for s in rules.STATUSES]


def cell_text(cell: MatrixCell) -> str:
    """What a matrix cell prints: the status, then the date that matters for it."""
    if cell.status == rules.NOT_APPLICABLE:
        return "—"
    day = cell.valid_until if cell.status == rules.EXPIRED else cell.due_on
    return f"{LABELS[cell.status]} {day:%Y/%m/%d}" if day else LABELS[cell.status]


def status_fill(offset: int):
    """cell_fill for a table whose status texts start at column `offset`."""
    by_label = {label: COLOURS[s] for s, label in LABELS.items()}

    def fill(i: int, value, _row) -> str | None:
        if i < offset or not isinstance(value, str):
            return None
        if value == "—":
            return COLOURS[rules.NOT_APPLICABLE]
        return by_label.get(value.split(" ")[0])
    return fill


def reference_day(params: ExportParams) -> date:
    today = params.options.get("today")
    if today:
        return as_date(today, "today")
    period = params.resolved_period()
    if period is not None:
        return min(period.end, today_jst())
    return today_jst()


def _window(params: ExportParams) -> int:
    return int(params.options.get("window_days") or rules.DEFAULT_WINDOW_DAYS)


def _matrix_table(m: Matrix, department: str | None = None) -> Table:
    rows = [r for r in m.rows if department is None or r.department == department]
    columns = [Column("氏名", width_hint=14), Column("部門", width_hint=14), Column("役割")]
    columns += [Column(c.name + ("" if c.kind == "course" else "(認定)"), align="center") for c in m.columns]
    data = [(r.name, r.department or "", "、".join(r.roles), *(cell_text(c) for c in r.cells)) for r in rows]
    return Table("受講状況マトリクス", columns, data, cell_fill=status_fill(3), legend=legend(m.window_days),
                 sheet_name="受講状況")


def _matrix_summary(m: Matrix) -> list[tuple[str, object]]:
    counts = m.counts()
    shown = [s for s in rules.STATUSES if s != rules.NOT_APPLICABLE]
    return [("基準日", m.today), ("対象", f"{len(m.rows)}名 × {len(m.columns)}件(必須研修と認定)"),
            ("状況の内訳", " / ".join(f"{LABELS[s]} {counts[s]}" for s in shown)),
            ("表の見方", f"各欄は状態と期限日(期限切れは有効期限)。期限間近 = {m.window_days}日以内。")]


@export_kind("training-matrix", personal_data=True)
def training_matrix_document(db: Database, params: ExportParams) -> Document:
    """Everybody on the staff x the mandatory courses and certifications, coloured by status."""
    today = reference_day(params)
    m = compliance_matrix(db, _READER, today, window_days=_window(params),
                          include_optional=bool(params.options.get("include_optional")))
    department = params.options.get("department")
    sections = [Section("概要", key_values=_matrix_summary(m)),
                Section("受講状況", tables=[_matrix_table(m, department)])]
    return Document("研修受講状況マトリクス", sections, period=f"{today:%Y/%m/%d} 時点", orientation="landscape",
                    subject="training matrix", keywords=["training-matrix"], toc=False)


@binder_section("training-matrix", personal_data=True)
def training_matrix_section(db: Database, params: ExportParams) -> Section | None:
    today = reference_day(params)
    m = compliance_matrix(db, _READER, today, window_days=_window(params))
    if not m.rows:
        return None
    return Section("研修受講状況マトリクス", [f"{today:%Y年%m月%d日}時点の受講状況です。"], _matrix_summary(m),
                   [_matrix_table(m)], orientation="landscape")


# ---------------------------------------------------------------- records

RECORD_COLUMNS = [Column("受講日", "date"), Column("氏名", width_hint=14), Column("部門", width_hint=14),
                  Column("研修"), Column("得点", "number", width_hint=6), Column("合否", width_hint=6),
                  Column("証跡"), Column("添付"), Column("記録者", width_hint=12), Column("記録日時", "datetime")]
AWARD_COLUMNS = [Column("氏名", width_hint=14), Column("認定"), Column("区分", width_hint=6), Column("認定日", "date"),
                 Column("有効期限", "date"), Column("状態", width_hint=10), Column("備考")]


def _record_rows(db: Database, staff_id: int | None, start: date | None, end: date | None) -> list[tuple]:
    with db.read() as s:
        names = user_names(s)
        q = (select(TrainingRecord, Staff.name, Department.name, Course.name, Attachment.filename)
             .join(Staff, Staff.id == TrainingRecord.staff_id).join(Course, Course.id == TrainingRecord.course_id)
             .outerjoin(Department, Department.id == Staff.department_id)
             .outerjoin(Attachment, Attachment.id == TrainingRecord.attachment_id)
             .order_by(TrainingRecord.completed_on, Staff.name, TrainingRecord.id))
        if staff_id is not None:
            q = q.where(TrainingRecord.staff_id == staff_id)
        if start:
            q = q.where(TrainingRecord.completed_on >= start)
        if end:
            q = q.where(TrainingRecord.completed_on <= end)
        return [(r.completed_on, person, dep or "", course, r.score, "合格" if r.passed else "不合格",
                 r.evidence_note or "", filename or "", names.get(r.recorded_by_user_id, ""), r.created_at)
                for r, person, dep, course, filename in s.execute(q)]


def _award_rows(db: Database, staff_id: int | None, today: date) -> list[tuple]:
    with db.read() as s:
        q = (select(CertificationAward, Staff.name, Certification.name, Certification.kind)
             .join(Staff, Staff.id == CertificationAward.staff_id)
             .join(Certification, Certification.id == CertificationAward.certification_id)
             .order_by(Staff.name, Certification.name, CertificationAward.issued_on))
        if staff_id is not None:
            q = q.where(CertificationAward.staff_id == staff_id)
        out = []
        for a, person, cert, kind in s.execute(q):
            state = ("更新済み" if a.superseded_by_id else "期限切れ" if a.expires_on and a.expires_on < today
                     else "有効")
            out.append((person, cert, "社内" if kind == "internal" else "社外", a.issued_on, a.expires_on, state,
                        a.note or ""))
        return out


@export_kind("training-records", personal_data=True)
def training_records_document(db: Database, params: ExportParams) -> Document:
    """Completions (optionally of one person, within a period) and certification awards."""
    period = params.resolved_period()
    today = reference_day(params)
    staff_id, who = None, "全員"
    if params.person:
        with db.read() as s:
            p = find_staff(s, params.person)
            staff_id, who = p.id, p.name
    rows = _record_rows(db, staff_id, period.start if period else None, period.end if period else None)
    awards = _award_rows(db, staff_id, today)
    sections = [Section("研修記録", key_values=[("対象者", who), ("対象期間", period.text_ja if period else "全期間"),
                                            ("件数", len(rows))],
                        tables=[Table("受講記録", RECORD_COLUMNS, rows, sheet_name="受講記録",
                                      row_fill=lambda r: COLOURS[rules.OVERDUE] if r[5] == "不合格" else None,
                                      legend=[(COLOURS[rules.OVERDUE], "不合格の記録(受講済みに数えない)")])]),
                Section("認定", tables=[Table("認定の履歴", AWARD_COLUMNS, awards, sheet_name="認定",
                                            note="更新で再発行された認定は、前の認定を「更新済み」として残します。")])]
    title = "研修記録" + (f" {who}" if staff_id else "")
    return Document(title, sections, period=period.text_ja if period else None, orientation="landscape",
                    subject="training records", keywords=["training-records"], toc=False)


# ---------------------------------------------------------------- onboarding (signed by the new hire)

PLAN_COLUMNS = [Column("No", "number", width_hint=4), Column("期限", "date"), Column("時期", width_hint=8),
                Column("区分", width_hint=12), Column("内容"), Column("完了日", "date"), Column("確認者", width_hint=12),
                Column("備考", width_hint=20)]
REQ_COLUMNS = [Column("研修・認定"), Column("頻度", width_hint=12), Column("状態", width_hint=10),
               Column("期限", "date"), Column("最終受講・認定", "date"), Column("対象理由")]
HISTORY_COLUMNS = [Column("受講日", "date"), Column("研修"), Column("得点", "number", width_hint=6),
                   Column("合否", width_hint=6), Column("証跡"), Column("記録者", width_hint=12)]


@export_kind("onboarding", personal_data=True)
def onboarding_document(db: Database, params: ExportParams) -> Document:
    """One person's onboarding plan (the latest, or `--id`), requirements and training history."""
    if not params.person and params.id is None:
        raise InputError("The onboarding export needs --person NAME (or --id PLAN).")
    today = reference_day(params)
    with db.read() as s:
        if params.person:
            p = find_staff(s, params.person)
        else:
            from ..persistence.models import OnboardingPlan

            plan_row = s.get(OnboardingPlan, params.id)
            if plan_row is None:
                raise InputError(f"No onboarding plan with id {params.id}.")
            p = s.get(Staff, plan_row.staff_id)
        manager = s.get(Staff, p.manager_id).name if p.manager_id else ""
        person = {"id": p.id, "name": p.name, "department": p.department.name if p.department else "",
                  "hire_date": p.hire_date, "email": p.email or ""}
    plans = [pl for pl in plans_of(db, _READER, person["id"]) if pl.kind == "onboarding"]
    if params.id is not None:
        plans = [pl for pl in plans if pl.id == params.id]
    plan = plans[0] if plans else None
    reqs = [r for r in person_requirements(db, _READER, person["id"], today, window_days=_window(params))
            if r.status != rules.NOT_APPLICABLE]
    sections = []
    if plan is not None:
        rows = [(i.seq, i.due_date, i.offset, KIND_LABELS.get(i.kind, i.kind), i.title,
                 i.done_at.astimezone(JST).date() if i.done_at else None, i.done_by or "", i.note or "")
                for i in plan.items]
        done_fill = COLOURS[rules.VALID]
        sections.append(Section(
            "オンボーディング計画", [f"{plan.start_date:%Y年%m月%d日}着任。初日・1週目・1か月目の順に進めます。"],
            [("開始日", plan.start_date), ("進捗", f"{plan.done_count} / {len(plan.items)} 完了"
                                           f"({plan.progress:.0%})"), ("状態", {"open": "進行中", "done": "完了",
                                                                                "closed": "終了(退職)"}[plan.status])],
            [Table("計画の項目", PLAN_COLUMNS, rows, sheet_name="計画", row_fill=lambda r: done_fill if r[5] else None,
                   legend=[(done_fill, "完了した項目")])]))
    else:
        sections.append(Section("オンボーディング計画", ["この人のオンボーディング計画はまだありません。"]))
    req_rows = [(r.name + ("" if r.kind == "course" else "(認定)"), r.frequency or "", LABELS[r.status], r.due_on,
                 r.last_completed, "、".join(r.via)) for r in reqs]
    sections.append(Section("受講要件と状況", tables=[Table("受講要件", REQ_COLUMNS, req_rows, sheet_name="要件",
                                                          cell_fill=lambda i, v, _r: _label_fill(v) if i == 2 else None,
                                                          legend=legend(_window(params)))]))
    history = [(r[0], r[3], r[4], r[5], r[6], r[8]) for r in _record_rows(db, person["id"], None, None)]
    history.reverse()
    sections.append(Section("研修履歴", tables=[Table("受講記録", HISTORY_COLUMNS, history, sheet_name="履歴")]))
    signoff = SignOff([SignBox("本人"), SignBox("上長"), SignBox("教育担当")],
                      note="本人・上長・教育担当が内容を確認し、署名または押印してください。")
    props = {"氏名": person["name"], "部門": person["department"] or "—",
             "入社日": f"{person['hire_date']:%Y/%m/%d}" if person["hire_date"] else "—", "上長": manager or "—"}
    return Document(f"オンボーディング計画・研修記録 {person['name']}", sections, period=f"{today:%Y/%m/%d} 時点",
                    orientation="portrait", signoff=signoff, properties=props, subject="onboarding",
                    keywords=["onboarding"], toc=False)


def _label_fill(value) -> str | None:
    for status, label in LABELS.items():
        if value == label:
            return COLOURS[status]
    return None


# ---------------------------------------------------------------- calendar (.ics)

def calendar_events(db: Database, actor: Actor, today: date | None = None, *, days: int = 180,
                    person: str | int | None = None) -> list[Event]:
    """Sessions from today on, and mandatory due dates within `days` (one person's, or everyone's)."""
    actor.require(Permission.VIEW)
    today = today or today_jst()
    end = today + timedelta(days=days)
    staff_id = None
    if person is not None:
        with db.read() as s:
            staff_id = find_staff(s, person).id
    events = []
    for t in list_sessions(db, actor, start=today, end=end):
        if staff_id is not None and staff_id not in {a.staff_id for a in t.attendees}:
            continue
        events.append(_session_event(t))
    m = compliance_matrix(db, actor, today)
    for row in m.rows:
        if staff_id is not None and row.staff_id != staff_id:
            continue
        for col, cell in zip(m.columns, row.cells):
            if cell.due_on and today <= cell.due_on <= end and cell.status != rules.NOT_APPLICABLE:
                events.append(Event(f"due-{row.staff_id}-{col.key.replace(':', '')}-{cell.due_on:%Y%m%d}@ecmanual",
                                    f"期限: {col.name}({row.name})", cell.due_on,
                                    description=f"{row.name} の {col.name} の期限({LABELS[cell.status]})",
                                    categories=("研修期限",), transparent=True))
    return events


def _session_event(t: SessionInfo) -> Event:
    names = "、".join(a.name for a in t.attendees)
    lines = [f"講師: {t.instructor}" if t.instructor else "", f"定員: {t.capacity}名" if t.capacity else "",
             f"参加者: {names}" if names else "", t.notes or ""]
    return Event(f"session-{t.id}@ecmanual", f"研修: {t.course}", t.starts_at,
                 t.ends_at or t.starts_at + timedelta(hours=1), description="\n".join(x for x in lines if x) or None,
                 location="オンライン" if t.online and not t.place else t.place, categories=("研修",))


def write_calendar(db: Database, actor: Actor, out: str | Path, today: date | None = None, *, days: int = 180,
                   person: str | int | None = None) -> dict:
    """Write the training calendar to an .ics file, recorded like any export (document id,
    hash, audit entry) so `check-export` vouches for it; a refused record leaves no file."""
    from .exports import new_document_id, org_name

    actor.require(Permission.EXPORT, "export the training calendar")
    events = calendar_events(db, actor, today, days=days, person=person)
    target = Path(out).expanduser().absolute()
    if target.suffix.lower() != ".ics":
        target = target.with_suffix(".ics")
    if target.is_dir() or not target.parent.is_dir():
        raise InputError(f"cannot write {target}: give a file in an existing folder", file=str(target))
    doc_id, stamp = new_document_id(), utcnow().replace(microsecond=0)
    params = {"days": days, **({"person": str(person)} if person is not None else {}),
              **({"today": today.isoformat()} if today else {})}
    facts: dict = {}
    try:
        with db.write(actor, Permission.EXPORT, "export the training calendar") as s:
            def record(sha: str, size: int) -> None:
                rec = ExportRecord(document_id=doc_id, kind="training-calendar", fmt="ics",
                                   filename=str(target)[-500:], sha256=sha, size=size, at=stamp,
                                   by_user=actor.username, params=params, personal_data=True)
                s.add(rec)
                s.flush()
                audit.record(s, actor.username, "export", "export_record", rec.id,
                             after={"document_id": doc_id, "kind": "training-calendar", "fmt": "ics",
                                    "file": target.name, "sha256": sha, "size": size, "events": len(events)},
                             summary=f"exported training calendar (ics) {doc_id} sha256 {sha[:16]}")
                facts.update(sha256=sha, size=size)
            try:
                write_ics(events, target, before_commit=record, stamp=stamp,
                          name=f"{org_name(db) or 'ecmanual'} 研修予定と期限", description=f"ecmanual {doc_id}",
                          extra=[("X-ECMANUAL-DOCUMENT-ID", doc_id)])
            except OSError as exc:
                raise InputError(f"cannot write {target}: {exc}", file=str(target)) from None
    except BaseException:
        if facts:  # written, but the database refused the record: leave no unrecorded file
            target.unlink(missing_ok=True)
        raise
    return {"path": str(target), "document_id": doc_id, "events": len(events), **facts}


__all__ = ["training_matrix_document", "training_records_document", "onboarding_document", "calendar_events",
           "write_calendar", "cell_text", "legend"]
