"""The glossary (用語集): terms with readings, looked up by term or by reading."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass

import jaconv
from sqlalchemy import select

from ..domain.errors import ConflictError, InputError, NotFound
from ..domain.permissions import Permission
from ..persistence.models import GlossaryTerm
from . import audit
from .context import Actor, Database

FIELDS = ("term", "reading", "category", "definition", "english", "related")


@dataclass
class TermInfo:
    id: int | None
    term: str
    reading: str | None
    category: str | None
    definition: str
    english: str | None = None
    related: str | None = None
    version: int | None = None


def normalise_reading(text: str) -> str:
    """Readings compare as hiragana, NFKC, without spaces: カイフウリツ == かいふうりつ."""
    return jaconv.kata2hira(unicodedata.normalize("NFKC", text or "")).replace(" ", "").replace("\u3000", "").lower()


def _info(t: GlossaryTerm) -> TermInfo:
    return TermInfo(t.id, t.term, t.reading, t.category, t.definition, t.english, t.related, t.version)


def list_terms(db: Database, actor: Actor, query: str | None = None, category: str | None = None) -> list[TermInfo]:
    """All terms in reading order; `query` matches term, reading (kana-insensitive) or English."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        stmt = select(GlossaryTerm)
        if category:
            stmt = stmt.where(GlossaryTerm.category == category)
        terms = [_info(t) for t in s.scalars(stmt)]
    if query:
        q = unicodedata.normalize("NFKC", query).strip().lower()
        qr = normalise_reading(query)
        terms = [t for t in terms if q in unicodedata.normalize("NFKC", t.term).lower()
                 or (qr and qr in normalise_reading(t.reading or ""))
                 or q in (t.english or "").lower()]
    return sorted(terms, key=lambda t: (normalise_reading(t.reading or t.term), t.term))


def get_term(db: Database, actor: Actor, term: str) -> TermInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        t = s.scalar(select(GlossaryTerm).where(GlossaryTerm.term == term))
        if t is None:
            raise NotFound(f"No glossary term {term!r}.")
        return _info(t)


def definitions_for(db: Database, text: str) -> dict[str, str]:
    """Terms that occur in `text` with their definitions (hover help in checklists and pages)."""
    with db.read() as s:
        rows = s.execute(select(GlossaryTerm.term, GlossaryTerm.definition)).all()
    return {term: definition for term, definition in rows if term and term in text}


def save_term(db: Database, actor: Actor, info: TermInfo) -> int:
    """Create a term (no id) or update one (by id). Stale versions and duplicate terms are refused."""
    if not info.term.strip() or not (info.definition or "").strip():
        raise InputError("A glossary term needs the term and its definition.")
    with db.write(actor, Permission.EDIT, "edit the glossary") as s:
        t = s.get(GlossaryTerm, info.id) if info.id else None
        if info.id and t is None:
            raise NotFound(f"No glossary term {info.id}.")
        if t is not None and info.version is not None and t.version != info.version:
            raise ConflictError(f"「{t.term}」 was changed by someone else since you opened it.", current=audit.snapshot(t))
        clash = s.scalar(select(GlossaryTerm.id).where(GlossaryTerm.term == info.term.strip()))
        if clash is not None and (t is None or clash != t.id):
            raise InputError(f"The term 「{info.term}」 already exists.")
        before = audit.snapshot(t) if t else None
        if t is None:
            t = GlossaryTerm(term=info.term.strip(), definition=info.definition)
            s.add(t)
        for name in FIELDS:
            value = getattr(info, name)
            setattr(t, name, value.strip() if isinstance(value, str) else value)
        s.flush()
        after = audit.snapshot(t)
        if before != after:
            audit.record(s, actor.username, "create" if before is None else "update", "glossary_term", t.id,
                         before=before, after=after, summary=t.term)
        _reindex(s, t.id)
        return t.id


def delete_term(db: Database, actor: Actor, term: str) -> None:
    with db.write(actor, Permission.EDIT, "edit the glossary") as s:
        t = s.scalar(select(GlossaryTerm).where(GlossaryTerm.term == term))
        if t is None:
            raise NotFound(f"No glossary term {term!r}.")
        before = audit.snapshot(t)
        s.delete(t)
        s.flush()
        audit.record(s, actor.username, "delete", "glossary_term", before["id"], before=before, summary=term)
        _reindex(s, before["id"], removed=True)


def _reindex(session, term_id: int, removed: bool = False) -> None:
    """Keep the search index current."""
    from . import search

    if removed:
        search.remove_record(session, "glossary_term", term_id)
    else:
        search.index_record(session, "glossary_term", term_id)


def as_rows(terms: list[TermInfo]) -> list[dict]:
    return [{k: v for k, v in asdict(t).items() if k in FIELDS} for t in terms]
