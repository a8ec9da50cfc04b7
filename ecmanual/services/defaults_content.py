"""Default content builders for the content: manual pages (published as version 1), courses,
certifications and onboarding templates, calendar duties, checklists, document templates,
risks and the emergency flow.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil.rrule import rrulestr

from ..persistence.models import (
    ApprovalLevel, Certification, ChecklistItem, ChecklistTemplate, ChecklistTemplateVersion, Course,
    CourseAudience, Department, DocumentTemplate, Duty, GlossaryTerm, IncidentFlowStep, JobRole, ManualPage,
    ManualPageVersion, OnboardingTemplate, Process, Risk, SaasSystem, StandardLevel, UpdateType,
)
from .defaults_loader import CHANGE_NOTE, Entry, Loader

RECURRENCES = {"on_hire", "on_update", "every_n_months", "fixed_months", "yearly", "continuous"}
DUTY_KINDS = {"meeting", "duty", "audit", "delivery", "update"}
FIELD_KINDS = {"text", "multiline", "date", "number", "list"}
ITEM_KINDS = {"training", "page", "account", "task"}


class ContentDefaults(Loader):
    """Adds the manual, training, calendar, checklist, template and risk files' missing records."""

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

    def _body(self, e: Entry) -> str:
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
    def _onboarding_item(e: Entry, item: dict) -> dict:
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
