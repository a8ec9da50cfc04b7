"""Full-text search over every area: the `search_doc` index, keeping it current, and queries.

One row of `search_doc` per searchable record, its text NFKC-normalised (full-width letters
and digits become ASCII, half-width kana become full-width). On SQLite an FTS5 table with
the trigram tokenizer mirrors it through triggers (migration 0002); trigrams need three
characters, so shorter words (研修, 権限) are matched with LIKE. On PostgreSQL every word is
an ILIKE over title and body (a pg_trgm index speeds that up when the extension exists).

Each entity kind registers one function that turns records into documents (`register`);
services call `index_record` / `remove_record` inside their write transaction.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Select, and_, bindparam, case, column, delete, func, insert, literal_column, or_, select, table, text, update,
)
from sqlalchemy.orm import Session

from ..domain.permissions import Permission
from ..persistence.models import (
    ChecklistItem, ChecklistTemplate, Course, Department, DocumentTemplate, Duty, GlossaryTerm, JobRole,
    ManualPage, ManualPageVersion, Process, ProcessStep, Risk, SaasSystem, SearchDoc, Staff,
)
from .context import SYSTEM, Actor, CancelFlag, Database, ProgressFn, no_progress

logger = logging.getLogger(__name__)

FTS_TABLE = "search_fts"             # SQLite FTS5 mirror of search_doc (migration 0002)
PG_TRGM_INDEX = "ix_search_doc_trgm"  # optional pg_trgm index on PostgreSQL (migration 0002)
TRIGRAM = 3                           # shortest word the trigram index can match
MAX_TERMS = 10
SNIPPET_CHARS = 100


def is_index_object(name: str | None) -> bool:
    """Database objects the migrations keep outside the models (FTS5 table and shadows, trgm index)."""
    return bool(name) and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_") or name == PG_TRGM_INDEX)


@dataclass(frozen=True)
class Hit:
    """One search result; `entity`/`entity_id` say which record to open."""

    entity: str
    entity_id: int
    title: str
    snippet: str
    area: str

    def as_dict(self) -> dict:
        return {"entity": self.entity, "id": self.entity_id, "title": self.title,
                "snippet": self.snippet, "area": self.area}


# A provider yields (id, title, body parts) for the given ids, or for every record when None.
Provider = Callable[[Session, Sequence[int] | None], Iterable[tuple[int, str, Iterable[str | None]]]]


@dataclass(frozen=True)
class Kind:
    """A searchable entity kind: its name (as in Hit.entity), GUI area (a key of ui/areas.py) and provider."""

    entity: str
    area: str
    provider: Provider


KINDS: dict[str, Kind] = {}


def register(entity: str, area: str) -> Callable[[Provider], Provider]:
    """Decorator: make `entity` searchable; later areas register theirs the same way."""

    def deco(fn: Provider) -> Provider:
        KINDS[entity] = Kind(entity, area, fn)
        return fn

    return deco


def normalize(value: str | None) -> str:
    """NFKC: full-width ASCII to half-width, half-width kana to full-width, compatibility forms."""
    return unicodedata.normalize("NFKC", value or "")


def query_terms(query: str) -> list[str]:
    """The words of a query (AND), normalised, duplicates removed."""
    seen: dict[str, None] = {}
    # Control characters (NUL and the like) separate words; PostgreSQL text cannot hold NUL.
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in normalize(query))
    for word in cleaned.split():
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


# ---- keeping the index current -------------------------------------------------------------

def _documents(session: Session, kind: Kind, ids: Sequence[int] | None) -> Iterable[dict]:
    for entity_id, title, parts in kind.provider(session, ids):
        body = "\n".join(normalize(p).strip() for p in parts if p and p.strip())
        yield {"entity": kind.entity, "entity_id": entity_id, "title": normalize(title)[:300],
               "body": body, "area": kind.area}


def index_record(session: Session, entity: str, entity_id: int) -> None:
    """Add, refresh or drop one record's document inside the caller's transaction."""
    kind = KINDS.get(entity)
    if kind is None:
        logger.debug("no search provider for %s", entity)
        return
    docs = list(_documents(session, kind, [entity_id]))
    if not docs:
        remove_record(session, entity, entity_id)
        return
    doc = docs[0]
    existing = session.execute(select(SearchDoc.id).where(
        SearchDoc.entity == entity, SearchDoc.entity_id == entity_id)).scalar()
    if existing is None:
        session.execute(insert(SearchDoc), [doc])
    else:
        session.execute(update(SearchDoc).where(SearchDoc.id == existing).values(
            title=doc["title"], body=doc["body"], area=doc["area"]))


def remove_record(session: Session, entity: str, entity_id: int) -> None:
    session.execute(delete(SearchDoc).where(SearchDoc.entity == entity, SearchDoc.entity_id == entity_id))


def rebuild_index(db: Database, progress: ProgressFn | None = None, *, actor: Actor = SYSTEM,
                  cancel: CancelFlag | None = None, full: bool = False) -> dict:
    """Make search_doc match every searchable record; writes only what differs (cheap when current).

    `full` also rebuilds the FTS5 structures from search_doc (repairs a damaged index).
    Returns {"documents", "added", "updated", "removed"}.
    """
    progress = progress or no_progress
    stats = {"documents": 0, "added": 0, "updated": 0, "removed": 0}
    with db.write(actor, Permission.EDIT, "rebuild the search index") as s:
        existing = {(r.entity, r.entity_id): r for r in s.execute(
            select(SearchDoc.id, SearchDoc.entity, SearchDoc.entity_id, SearchDoc.title,
                   SearchDoc.body, SearchDoc.area))}
        new, changed = [], []
        kinds = list(KINDS.values())
        for i, kind in enumerate(kinds):
            if cancel:
                cancel.check()
            progress(i, len(kinds), kind.entity)
            for doc in _documents(s, kind, None):
                stats["documents"] += 1
                old = existing.pop((doc["entity"], doc["entity_id"]), None)
                if old is None:
                    new.append(doc)
                elif (old.title, old.body, old.area) != (doc["title"], doc["body"], doc["area"]):
                    changed.append({"b_id": old.id, "b_title": doc["title"], "b_body": doc["body"],
                                    "b_area": doc["area"]})
        stale = [r.id for r in existing.values()]
        for start in range(0, len(stale), 500):
            s.execute(delete(SearchDoc).where(SearchDoc.id.in_(stale[start:start + 500])))
        if changed:
            s.execute(update(SearchDoc.__table__).where(SearchDoc.id == bindparam("b_id")).values(
                title=bindparam("b_title"), body=bindparam("b_body"), area=bindparam("b_area")), changed)
        if new:
            s.execute(insert(SearchDoc), new)
        if full and _has_fts(s):
            s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        stats.update(added=len(new), updated=len(changed), removed=len(stale))
    progress(len(kinds), len(kinds), "done")
    logger.info("search index: %s", stats)
    return stats


# ---- queries -------------------------------------------------------------------------------

def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(term: str) -> str:
    """A term as an FTS5 string: quoted, inner quotes doubled, so no syntax gets through."""
    return '"' + term.replace('"', '""') + '"'


def _has_fts(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    return session.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:n"),
                           {"n": FTS_TABLE}).first() is not None


def _query(session: Session, terms: list[str], limit: int) -> Select:
    doc = SearchDoc.__table__
    sqlite = session.get_bind().dialect.name == "sqlite"
    patterns = [_like_pattern(t) for t in terms]

    def contains(column, pattern):
        return column.like(pattern, escape="\\") if sqlite else column.ilike(pattern, escape="\\")

    title_score = sum((case((contains(doc.c.title, p), 1), else_=0) for p in patterns), start=literal_column("0"))
    stmt = select(doc.c.entity, doc.c.entity_id, doc.c.title, doc.c.body, doc.c.area)
    order = [title_score.desc()]
    if sqlite:
        long_terms = [t for t in terms if len(t) >= TRIGRAM]
        use_fts = long_terms and _has_fts(session)
        if use_fts:
            fts = table(FTS_TABLE, column("rowid"), column("rank"))
            stmt = stmt.select_from(doc.join(fts, fts.c.rowid == doc.c.id))
            stmt = stmt.where(text(f"{FTS_TABLE} MATCH :fts").bindparams(
                fts=" AND ".join(_fts_phrase(t) for t in long_terms)))
            order.append(fts.c.rank)
        for term, pattern in zip(terms, patterns, strict=True):
            if not use_fts or len(term) < TRIGRAM:
                stmt = stmt.where(or_(contains(doc.c.title, pattern), contains(doc.c.body, pattern)))
    else:
        # Same expression as the optional pg_trgm index, so the planner can use it.
        haystack = literal_column("(search_doc.title || ' ' || search_doc.body)")
        stmt = stmt.where(and_(*(contains(haystack, p) for p in patterns)))
    order += [func.length(doc.c.title), doc.c.id]
    return stmt.order_by(*order).limit(limit)


def snippet(body: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of the body around the first matching word, on one line."""
    flat = " ".join(body.split())
    positions = [m.start() for t in terms if (m := re.search(re.escape(t), flat, re.IGNORECASE))]
    if not positions:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, min(positions) - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def search(db: Database, actor: Actor, query: str, limit: int = 50) -> list[Hit]:
    """Records containing every word of `query`; title matches first."""
    actor.require(Permission.VIEW, "search")
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    with db.read() as s:
        rows = s.execute(_query(s, terms, limit)).all()
    return [Hit(r.entity, r.entity_id, r.title, snippet(r.body, terms), r.area) for r in rows]


# ---- providers: one function per entity kind ---------------------------------------------

def _select(model, ids: Sequence[int] | None) -> Select:
    stmt = select(model).order_by(model.id)
    return stmt if ids is None else stmt.where(model.id.in_(ids))


def _grouped(session: Session, parent_col, parent_ids: Iterable[int | None], *cols, order_by=None) -> dict:
    """Child rows per parent id, in one query (avoids one query per record)."""
    wanted = [i for i in parent_ids if i is not None]
    groups: dict[int, list] = {}
    if not wanted:
        return groups
    stmt = select(parent_col, *cols).where(parent_col.in_(wanted))
    if order_by is not None:
        stmt = stmt.order_by(order_by)
    for row in session.execute(stmt):
        groups.setdefault(row[0], []).append(row[1:])
    return groups


def _flatten(rows: Iterable[tuple]) -> list[str | None]:
    return [value for row in rows for value in row]


@register("glossary_term", "glossary")
def _glossary_terms(s: Session, ids):
    for t in s.scalars(_select(GlossaryTerm, ids)):
        yield t.id, t.term, [t.reading, t.english, t.category, t.definition, t.related]


@register("manual_page", "manual")
def _manual_pages(s: Session, ids):
    pages = s.scalars(_select(ManualPage, ids)).all()
    bodies = dict(s.execute(select(ManualPageVersion.id, ManualPageVersion.body_md).where(
        ManualPageVersion.id.in_([p.published_version_id for p in pages if p.published_version_id]))).all())
    for p in pages:
        yield p.id, p.title, [p.category, bodies.get(p.published_version_id)]


@register("checklist_template", "checklists")
def _checklist_templates(s: Session, ids):
    templates = s.scalars(_select(ChecklistTemplate, ids)).all()
    items = _grouped(s, ChecklistItem.version_id, (t.current_version_id for t in templates),
                     ChecklistItem.text, ChecklistItem.guidance, order_by=ChecklistItem.seq)
    for t in templates:
        yield t.id, t.name, [t.name_en, t.category, t.description, *_flatten(items.get(t.current_version_id, []))]


@register("document_template", "templates")
def _document_templates(s: Session, ids):
    for t in s.scalars(_select(DocumentTemplate, ids)):
        parts = [t.name_en, t.category, t.description]
        for section in t.sections if isinstance(t.sections, list) else []:
            if isinstance(section, dict):
                parts.append(str(section.get("title") or ""))
                for f in section.get("fields") or []:
                    if isinstance(f, dict):
                        parts += [str(f.get("label") or ""), str(f.get("hint") or "")]
        yield t.id, t.name, parts


@register("process", "raci")
def _processes(s: Session, ids):
    processes = s.scalars(_select(Process, ids)).all()
    steps = _grouped(s, ProcessStep.process_id, (p.id for p in processes),
                     ProcessStep.name, ProcessStep.description, order_by=ProcessStep.seq)
    for p in processes:
        yield p.id, p.name, [p.name_en, p.description, p.notes, *_flatten(steps.get(p.id, []))]


@register("department", "raci")
def _departments(s: Session, ids):
    for d in s.scalars(_select(Department, ids)):
        yield d.id, d.name, [d.name_en, d.description]


@register("job_role", "raci")
def _job_roles(s: Session, ids):
    for r in s.scalars(_select(JobRole, ids)):
        yield r.id, r.name, [r.name_en, r.description]


@register("staff", "raci")
def _staff(s: Session, ids):
    for p in s.scalars(_select(Staff, ids)):
        yield p.id, p.name, [p.kana, p.email, p.employment_type]


@register("course", "training")
def _courses(s: Session, ids):
    for c in s.scalars(_select(Course, ids)):
        yield c.id, c.name, [c.name_en, c.category, c.frequency_label, c.description, c.topics]


@register("saas_system", "reviews")
def _saas_systems(s: Session, ids):
    for x in s.scalars(_select(SaasSystem, ids)):
        yield x.id, x.name, [x.vendor, x.description]


@register("risk", "risks")
def _risks(s: Session, ids):
    for r in s.scalars(_select(Risk, ids)):
        yield r.id, r.title, [r.category, r.description, r.countermeasure, r.responsible]


@register("duty", "raci")
def _duties(s: Session, ids):
    for d in s.scalars(_select(Duty, ids)):
        yield d.id, d.name, [d.kind, d.description]
