"""The default content shipped with the app (db/defaults/*.json), built from the seed documents.

`load_defaults` adds what is missing, in one transaction, and audits every record it creates.
A record found by its natural key (name, slug, term, title, seq) is left exactly as it is,
together with its parts (steps, RACI cells, items, versions, levels): user edits always win,
and a second load adds nothing and writes no audit entry.

The files are read and their records added by `defaults_loader`; the builders per area are
`defaults_structure` (organisation, glossary, processes and RACI, inventory) and
`defaults_content` (manual pages, trainings, calendar, checklists, templates, risks).
"""

from __future__ import annotations

import logging

from ..domain.permissions import Permission
from ..resources import defaults_dir
from . import search
from .context import Actor, Database, ProgressFn, no_progress
from .defaults_content import ContentDefaults
from .defaults_structure import StructureDefaults

logger = logging.getLogger(__name__)

# Load order follows the references between files.
FILES = ("organisation", "glossary", "processes", "inventory", "manual_pages", "trainings", "calendar",
         "checklists", "templates", "risks")
KINDS = ("departments", "job_roles", "approval_levels", "glossary_terms", "processes", "process_steps",
         "raci_cells", "update_types", "standard_levels", "level_policies", "systems", "system_levels",
         "manual_pages", "manual_page_versions", "courses", "course_audiences", "certifications",
         "onboarding_templates", "duties", "checklist_templates", "checklist_versions", "checklist_items",
         "document_templates", "risks", "incident_flow_steps")


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


class _Loader(StructureDefaults, ContentDefaults):
    """All the builders over one session: `_<file name>(doc)` adds one file's missing records."""
