"""The default content shipped with the app (db/defaults/*.json), built from the seed documents.

`load_defaults` adds what is missing, in one transaction, and audits every record it creates.
A record found by its natural key (name, slug, term, title, seq) is left exactly as it is,
together with its parts (steps, RACI cells, items, versions, levels): user edits always win,
and a second load adds nothing and writes no audit entry.

RACI mapping (processes.json keeps each row of the seed's 役割分担 table as `seed_raci`):
主担当 and wording naming the step's own work (公開作業, 技術設定, システム設定, 在庫管理 …) -> R;
approval wording (部門長承認, 内容承認) -> A; 最終確認 -> A only where nobody else approves, else C;
support, check and input wording (技術支援, 表現確認, 法的確認, 内容確認, データ提供 …) -> C; '-' -> no
cell. A party holds one code per step, so A and R are always different parties: where marketing
is itself R, A goes to the job role 部門長 (the head of the 主担当 department, marked derived);
otherwise marketing, the business owner, is A. Every step must have exactly one A and at least
one R, or nothing is loaded.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, RowError
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import (
    ApprovalLevel, Certification, ChecklistItem, ChecklistTemplate, ChecklistTemplateVersion, Course,
    CourseAudience, Department, DocumentTemplate, Duty, GlossaryTerm, IncidentFlowStep, JobRole, LevelPolicy,
    ManualPage, ManualPageVersion, OnboardingTemplate, Process, ProcessStep, RaciCell, Risk, SaasSystem,
    StandardLevel, SystemLevel, UpdateType,
)
from ..resources import defaults_dir
from . import audit, search
from .context import Actor, Database, ProgressFn, no_progress

logger = logging.getLogger(__name__)

# Load order follows the references between files.
FILES = ("organisation", "glossary", "processes", "inventory", "manual_pages", "trainings", "calendar",
         "checklists", "templates", "risks")
KINDS = ("departments", "job_roles", "approval_levels", "glossary_terms", "processes", "process_steps",
         "raci_cells", "update_types", "standard_levels", "level_policies", "systems", "system_levels",
         "manual_pages", "manual_page_versions", "courses", "course_audiences", "certifications",
         "onboarding_templates", "duties", "checklist_templates", "checklist_versions", "checklist_items",
         "document_templates", "risks", "incident_flow_steps")
RECURRENCES = {"on_hire", "on_update", "every_n_months", "fixed_months", "yearly", "continuous"}
DUTY_KINDS = {"meeting", "duty", "audit", "delivery", "update"}
FIELD_KINDS = {"text", "multiline", "date", "number", "list"}
ITEM_KINDS = {"training", "page", "account", "task"}
SUMMARY = "default content"
CHANGE_NOTE = "初期コンテンツ(シード文書から作成)"


def load_defaults(db: Database, actor: Actor, progress: ProgressFn | None = None) -> dict[str, int]:
    """Add the missing default records; returns how many of each kind were added."""
    progress = progress or no_progress
    with db.write(actor, Permission.EDIT, "load the default content") as s:
        loader = _Loader(s, actor, defaults_dir())
        for done, name in enumerate(FILES):
            progress(done, len(FILES), name)
            loader.file = f"{name}.json"
            getattr(loader, f"_{name}")(loader.read(name))
        # Indexed last: a process's document includes its steps, a checklist's its items.
        for entity, entity_id in loader.created_ids:
            if entity in search.KINDS:
                search.index_record(s, entity, entity_id)
        progress(len(FILES), len(FILES), "")
    added = {kind: loader.counts[kind] for kind in KINDS}
    logger.info("default content: %d records added", sum(added.values()))
    return added


class _Entry:
    """One entry of a defaults file; its errors name the file, the section and the entry."""

    def __init__(self, loader: _Loader, section: str, index: int, row: dict):
        self.loader, self.section, self.index, self.row = loader, section, index, row
        self.label = str(next((row[k] for k in ("name", "term", "slug", "title", "seq") if row.get(k)), "?"))

    def fail(self, message: str, column: str | None = None) -> InputError:
        return InputError(f"{self.section} entry {self.index + 1} ({self.label}): {message}",
                          file=self.loader.file, errors=[RowError(self.index + 1, column, message)])

    def req(self, key: str) -> Any:
        value = self.row.get(key)
        if value in (None, "", []):
            raise self.fail(f"'{key}' is required", key)
        return value

    def ref(self, model, column: str, value: Any, what: str):
        """A referenced record by natural key; an unknown one is an error."""
        obj = self.loader.lookup(model, column, value)
        if obj is None:
            raise self.fail(f"unknown {what} {value!r}", what)
        return obj

    def opt_id(self, key: str, model, column: str, what: str) -> int | None:
        """The id of the record named by row[key], or None when the entry names none."""
        return self.ref(model, column, self.row[key], what).id if self.row.get(key) else None

    def party(self, spec: dict) -> tuple[dict, str]:
        """A department, a job role or anyone: model columns plus the party key."""
        if spec.get("department"):
            d = self.ref(Department, "name", spec["department"], "department")
            return {"department_id": d.id}, f"d:{d.id}"
        if spec.get("role"):
            r = self.ref(JobRole, "name", spec["role"], "job role")
            return {"job_role_id": r.id}, f"r:{r.id}"
        if spec.get("anyone"):
            return {}, "*"
        raise self.fail("names no department or role", "party")


class _Loader:
    """Adds one file's missing records at a time to the open session."""

    def __init__(self, session: Session, actor: Actor, root: Path):
        self.s, self.actor, self.root = session, actor, root
        self.counts: Counter[str] = Counter()
        self.created_ids: list[tuple[str, int]] = []
        self.file = ""
        self.now = utcnow()
        self._cache: dict[tuple, Any] = {}

    def read(self, name: str) -> dict:
        path = self.root / f"{name}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("default content file is missing", file=str(path)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not valid UTF-8 JSON: {exc}", file=str(path)) from None

    def entries(self, doc: dict, section: str) -> list[_Entry]:
        rows = doc.get(section)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(f"'{section}' must be a list of objects", file=self.file)
        return [_Entry(self, section, i, row) for i, row in enumerate(rows)]

    def find(self, model, **keys):
        return self.s.scalar(select(model).filter_by(**keys))

    def lookup(self, model, column: str, value: Any):
        key = (model, column, value)
        if self._cache.get(key) is None:
            self._cache[key] = self.find(model, **{column: value})
        return self._cache[key]

    def add(self, kind: str, *objs) -> None:
        """Insert new records and audit each one as created."""
        self.s.add_all(objs)
        self.s.flush()
        for obj in objs:
            self.created(kind, obj)

    def created(self, kind: str, obj) -> None:
        audit.record(self.s, self.actor.username, "create", obj.__tablename__, obj.id,
                     after=audit.snapshot(obj), summary=SUMMARY)
        self.counts[kind] += 1
        self.created_ids.append((obj.__tablename__, obj.id))

    def flushed(self, obj):
        self.s.add(obj)
        self.s.flush()
        return obj

    # -- organisation, glossary -------------------------------------------------------------

    def _organisation(self, doc: dict) -> None:
        for e in self.entries(doc, "departments"):
            r = e.row
            if not self.find(Department, name=e.req("name")):
                self.add("departments", Department(name=r["name"], name_en=r.get("name_en"),
                                                   description=r.get("description"),
                                                   sort_order=r.get("sort_order", e.index)))
        for e in self.entries(doc, "job_roles"):
            r = e.row
            dept_id = e.opt_id("department", Department, "name", "department")
            if not self.find(JobRole, name=e.req("name")):
                self.add("job_roles", JobRole(name=r["name"], name_en=r.get("name_en"),
                                              description=r.get("description"), department_id=dept_id,
                                              sort_order=r.get("sort_order", e.index)))
        for e in self.entries(doc, "approval_levels"):
            if not self.find(ApprovalLevel, name=e.req("name")):
                self.add("approval_levels", ApprovalLevel(name=e.row["name"], name_en=e.row.get("name_en"),
                                                          rank=int(e.req("rank"))))

    def _glossary(self, doc: dict) -> None:
        entries = self.entries(doc, "terms")
        known = {e.row.get("term") for e in entries}
        for e in entries:
            r = e.row
            for other in r.get("related") or []:
                if other not in known and not self.find(GlossaryTerm, term=other):
                    raise e.fail(f"unknown related term {other!r}", "related")
            if not self.find(GlossaryTerm, term=e.req("term")):
                self.add("glossary_terms", GlossaryTerm(
                    term=r["term"], reading=r.get("reading"), category=r.get("category"),
                    definition=e.req("definition"), english=r.get("english"),
                    related=", ".join(r.get("related") or []) or None))

    # -- processes and RACI -----------------------------------------------------------------

    def _processes(self, doc: dict) -> None:
        for e in self.entries(doc, "processes"):
            steps = e.req("steps")
            for step in steps:
                self._check_step(e, step)
            if self.find(Process, name=e.req("name")):
                continue
            process = Process(name=e.row["name"], name_en=e.row.get("name_en"), description=e.row.get("description"),
                              notes=e.row.get("notes"), sort_order=e.row.get("sort_order", e.index))
            self.add("processes", process)
            for step in steps:
                ps = ProcessStep(process_id=process.id, seq=step["seq"], name=step["name"],
                                 description="\n".join(step.get("tasks", [])) or None,
                                 four_eyes=bool(step.get("four_eyes")))
                self.add("process_steps", ps)
                cells = []
                for cell in step["raci"]:
                    cols, key = e.party(cell)
                    cells.append(RaciCell(step_id=ps.id, party_key=key, code=cell["code"],
                                          note=cell.get("note"), **cols))
                self.add("raci_cells", *cells)
        for e in self.entries(doc, "update_types"):
            level = e.ref(ApprovalLevel, "name", e.req("approval_level"), "approval level")
            if not self.find(UpdateType, name=e.req("name")):
                self.add("update_types", UpdateType(name=e.row["name"], check_points=e.row.get("check_points"),
                                                    approval_level_id=level.id, frequency=e.row.get("frequency"),
                                                    sort_order=e.row.get("sort_order", e.index)))

    @staticmethod
    def _check_step(e: _Entry, step: dict) -> None:
        where = f"step {step.get('seq')} {step.get('name', '?')}"
        if not step.get("name") or not isinstance(step.get("seq"), int):
            raise e.fail(f"{where}: a step needs a name and an integer seq", "steps")
        cells = step.get("raci") or []
        codes = [c.get("code") for c in cells]
        if any(code not in ("R", "A", "C", "I") for code in codes):
            raise e.fail(f"{where}: RACI codes must be R, A, C or I (got {codes})", "raci")
        if codes.count("A") != 1 or "R" not in codes:
            raise e.fail(f"{where}: a step needs exactly one A and at least one R", "raci")
        parties = [c.get("department") or c.get("role") for c in cells]
        if len(set(parties)) != len(parties):
            raise e.fail(f"{where}: a party appears twice on one step", "raci")

    # -- permission inventory ---------------------------------------------------------------

    def _inventory(self, doc: dict) -> None:
        for e in self.entries(doc, "standard_levels"):
            if not self.find(StandardLevel, name=e.req("name")):
                self.add("standard_levels", StandardLevel(name=e.row["name"], name_en=e.row.get("name_en"),
                                                          rank=int(e.req("rank")),
                                                          description=e.row.get("description")))
        for e in self.entries(doc, "level_policies"):
            level = e.ref(StandardLevel, "name", e.req("level"), "standard level")
            cols, key = e.party(e.row)
            if not self.find(LevelPolicy, standard_level_id=level.id, system_id=None, party_key=key):
                self.add("level_policies", LevelPolicy(standard_level_id=level.id, party_key=key, **cols))
        for e in self.entries(doc, "systems"):
            r = e.row
            levels = [(lv.get("name"), e.ref(StandardLevel, "name", lv.get("standard"), "standard level"))
                      for lv in e.req("levels")]
            if not all(name for name, _ in levels):
                raise e.fail("every level needs a name", "levels")
            owner_id = e.opt_id("owner_role", JobRole, "name", "job role")
            if self.find(SaasSystem, name=e.req("name")):
                continue
            system = SaasSystem(name=r["name"], vendor=r.get("vendor"), description=r.get("description"),
                                owner_role_id=owner_id, mfa_required=bool(r.get("mfa_required", True)),
                                dormant_days=int(r.get("dormant_days", 90)))
            self.add("systems", system)
            self.add("system_levels", *[SystemLevel(system_id=system.id, name=name, standard_level_id=std.id)
                                        for name, std in levels])

    # -- manual pages -----------------------------------------------------------------------

    def _manual_pages(self, doc: dict) -> None:
        for e in self.entries(doc, "pages"):
            r = e.row
            body, owner_id = self._body(e), e.opt_id("owner_role", JobRole, "name", "job role")
            if self.find(ManualPage, slug=e.req("slug")):
                continue
            page = self.flushed(ManualPage(
                slug=r["slug"], title=e.req("title"), category=r.get("category"),
                sort_order=r.get("sort_order", e.index), owner_role_id=owner_id,
                review_cycle_months=int(r.get("review_cycle_months", 6)),
                required_reading=bool(r.get("required_reading", False))))
            # The shipped text is published as version 1; nobody signed it off, so no approver.
            version = self.flushed(ManualPageVersion(
                page_id=page.id, version_no=1, body_md=body, summary=CHANGE_NOTE, status="published",
                author_user_id=self.actor.user_id, created_at=self.now, published_at=self.now))
            page.published_version_id = version.id
            self.s.flush()
            self.created("manual_pages", page)
            self.created("manual_page_versions", version)

    def _body(self, e: _Entry) -> str:
        if e.row.get("body_file"):
            path = (self.root / e.row["body_file"]).resolve()
            if self.root.resolve() not in path.parents or not path.is_file():
                raise e.fail(f"body file {e.row['body_file']!r} not found", "body_file")
            return path.read_text(encoding="utf-8").strip() + "\n"
        body = e.req("body")
        return "\n".join(body) if isinstance(body, list) else str(body)

    # -- trainings --------------------------------------------------------------------------

    def _trainings(self, doc: dict) -> None:
        for e in self.entries(doc, "courses"):
            r = e.row
            recurrence = r.get("recurrence")
            if recurrence not in RECURRENCES:
                raise e.fail(f"recurrence must be one of {sorted(RECURRENCES)}", "recurrence")
            if recurrence == "fixed_months" and not re.fullmatch(r"\d{1,2}(,\d{1,2})*", str(r.get("fixed_months", ""))):
                raise e.fail('fixed_months must look like "4,10"', "fixed_months")
            if recurrence == "every_n_months" and not r.get("interval_months"):
                raise e.fail("every_n_months needs interval_months", "interval_months")
            audience = r.get("audience") or {}
            parties = [e.party({"department": d}) for d in audience.get("departments", [])]
            parties += [e.party({"role": name}) for name in audience.get("roles", [])]
            owner_id = e.opt_id("owner_role", JobRole, "name", "job role")
            if self.find(Course, name=e.req("name")):
                continue
            course = Course(name=r["name"], name_en=r.get("name_en"), category=r.get("category"),
                            mandatory=bool(r.get("mandatory")), audience_all=bool(audience.get("all")),
                            recurrence=recurrence, interval_months=r.get("interval_months"),
                            fixed_months=r.get("fixed_months"), on_hire_days=r.get("on_hire_days"),
                            validity_months=r.get("validity_months"), frequency_label=r.get("frequency_label"),
                            description=r.get("description"), topics=r.get("topics"), materials=r.get("materials"),
                            owner_role_id=owner_id)
            self.add("courses", course)
            if parties:
                self.add("course_audiences", *[CourseAudience(course_id=course.id, party_key=key, **cols)
                                               for cols, key in parties])
        for e in self.entries(doc, "certifications"):
            r = e.row
            course_id = e.opt_id("course", Course, "name", "course")
            role_id = e.opt_id("required_for_role", JobRole, "name", "job role")
            if not self.find(Certification, name=e.req("name")):
                self.add("certifications", Certification(
                    name=r["name"], kind=r.get("kind", "internal"), issuer=r.get("issuer"),
                    validity_months=r.get("validity_months"), renewal_rule=r.get("renewal_rule"),
                    course_id=course_id, required_for_role_id=role_id))
        for e in self.entries(doc, "onboarding_templates"):
            cols, _ = e.party({"department": e.row.get("department"), "role": e.row.get("job_role")})
            items = [self._onboarding_item(e, item) for item in e.req("items")]
            if not self.find(OnboardingTemplate, name=e.req("name")):
                self.add("onboarding_templates", OnboardingTemplate(name=e.row["name"], items=items, **cols))

    @staticmethod
    def _onboarding_item(e: _Entry, item: dict) -> dict:
        """A plan item as stored: {kind, title, ref (natural key), level, offset_days}."""
        kind, ref, title = item.get("kind"), item.get("ref"), item.get("title")
        if kind not in ITEM_KINDS:
            raise e.fail(f"item kind must be one of {sorted(ITEM_KINDS)}", "items")
        out = {"kind": kind, "title": title, "ref": ref, "offset_days": int(item.get("offset_days", 0))}
        if kind == "training":
            out["title"] = title or f"研修: {e.ref(Course, 'name', ref, 'course').name}"
        elif kind == "page":
            out["title"] = title or f"マニュアルを読む: {e.ref(ManualPage, 'slug', ref, 'manual page').title}"
        elif kind == "account":
            system = e.ref(SaasSystem, "name", ref, "system")
            out["level"] = e.ref(StandardLevel, "name", item.get("level"), "standard level").name
            out["title"] = title or f"アカウント申請: {system.name}({out['level']})"
        elif not title:
            raise e.fail("a task item needs a title", "items")
        return out

    # -- calendar ---------------------------------------------------------------------------

    def _calendar(self, doc: dict) -> None:
        for e in self.entries(doc, "duties"):
            r = e.row
            if r.get("kind", "duty") not in DUTY_KINDS:
                raise e.fail(f"kind must be one of {sorted(DUTY_KINDS)}", "kind")
            try:
                start = date.fromisoformat(e.req("start_date"))
                rrulestr(e.req("rrule"), dtstart=datetime.combine(start, datetime.min.time()))
            except ValueError as exc:
                raise e.fail(f"bad start_date or rrule: {exc}", "rrule") from None
            time = r.get("start_time")
            if time is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", time):
                raise e.fail("start_time must be HH:MM", "start_time")
            role_id = e.opt_id("owner_role", JobRole, "name", "job role")
            dept_id = e.opt_id("owner_department", Department, "name", "department")
            if not self.find(Duty, name=e.req("name")):
                self.add("duties", Duty(name=r["name"], kind=r.get("kind", "duty"), description=r.get("description"),
                                        rrule=r["rrule"], start_date=start, start_time=time,
                                        duration_minutes=r.get("duration_minutes"), owner_role_id=role_id,
                                        owner_department_id=dept_id))

    # -- checklists and document templates --------------------------------------------------

    def _checklists(self, doc: dict) -> None:
        for e in self.entries(doc, "checklists"):
            r, items = e.row, e.req("items")
            if any(not str(it.get("text", "")).strip() for it in items):
                raise e.fail("every item needs text", "items")
            terms = [e.ref(GlossaryTerm, "term", it["glossary"], "glossary term").id if it.get("glossary") else None
                     for it in items]
            refs = {"approval_level_id": e.opt_id("approval_level", ApprovalLevel, "name", "approval level"),
                    "process_id": e.opt_id("process", Process, "name", "process"),
                    "update_type_id": e.opt_id("update_type", UpdateType, "name", "update type")}
            if self.find(ChecklistTemplate, name=e.req("name")):
                continue
            tpl = self.flushed(ChecklistTemplate(name=r["name"], name_en=r.get("name_en"), category=r.get("category"),
                                                 description=r.get("description"), **refs))
            version = self.flushed(ChecklistTemplateVersion(template_id=tpl.id, version_no=1, created_at=self.now,
                                                            created_by_user_id=self.actor.user_id,
                                                            change_note=CHANGE_NOTE))
            tpl.current_version_id = version.id
            self.s.flush()
            self.created("checklist_templates", tpl)
            self.created("checklist_versions", version)
            self.add("checklist_items", *[
                ChecklistItem(version_id=version.id, seq=seq, text=it["text"].strip(),
                              required=bool(it.get("required", True)), guidance=it.get("guidance"),
                              glossary_term_id=term_id)
                for seq, (it, term_id) in enumerate(zip(items, terms, strict=True), start=1)])

    def _templates(self, doc: dict) -> None:
        for e in self.entries(doc, "document_templates"):
            fields = [f for sec in e.req("sections") for f in sec.get("fields", [])]
            keys = [f.get("key") for f in fields]
            if not fields or len(set(keys)) != len(keys) or not all(keys) or not all(f.get("label") for f in fields):
                raise e.fail("every field needs a label and a unique key", "sections")
            if any(f.get("kind") not in FIELD_KINDS for f in fields):
                raise e.fail(f"field kinds must be one of {sorted(FIELD_KINDS)}", "sections")
            if not self.find(DocumentTemplate, name=e.req("name")):
                self.add("document_templates", DocumentTemplate(
                    name=e.row["name"], name_en=e.row.get("name_en"), category=e.row.get("category"),
                    description=e.row.get("description"), sections=e.row["sections"]))

    # -- risks and the emergency flow -------------------------------------------------------

    def _risks(self, doc: dict) -> None:
        for e in self.entries(doc, "risks"):
            r = e.row
            if r.get("level") not in ("high", "medium", "low"):
                raise e.fail("level must be high, medium or low", "level")
            if not self.find(Risk, title=e.req("title")):
                self.add("risks", Risk(title=r["title"], category=r.get("category"), level=r["level"],
                                       description=r.get("description"), countermeasure=r.get("countermeasure"),
                                       responsible=r.get("responsible"), sort_order=r.get("sort_order", e.index)))
        for e in self.entries(doc, "incident_flow"):
            if not self.find(IncidentFlowStep, seq=e.req("seq")):
                self.add("incident_flow_steps", IncidentFlowStep(seq=e.row["seq"], name=e.req("name"),
                                                                 name_en=e.row.get("name_en"),
                                                                 guidance=e.row.get("guidance")))
