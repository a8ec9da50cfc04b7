"""Default content builders for the structure: departments, job roles and approval levels, the
glossary, processes with their RACI cells and update types, and the permission inventory
(standard levels, level policies, systems and their levels).

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

from ..persistence.models import (
    ApprovalLevel, Department, GlossaryTerm, JobRole, LevelPolicy, Process, ProcessStep, RaciCell, SaasSystem,
    StandardLevel, SystemLevel, UpdateType,
)
from .defaults_loader import Entry, Loader


class StructureDefaults(Loader):
    """Adds the organisation, glossary, processes/RACI and inventory files' missing records."""

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
    def _check_step(e: Entry, step: dict) -> None:
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
