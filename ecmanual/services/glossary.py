"""The glossary (用語集): terms with readings, looked up by term or by reading."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import jaconv
from sqlalchemy import select

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers import FieldSet, FieldSpec, parse_file
from ..persistence.models import GlossaryTerm
from . import audit
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress

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
        g = GlossaryTerm  # plain columns: no ORM object per term
        stmt = select(g.id, g.term, g.reading, g.category, g.definition, g.english, g.related, g.version)
        if category:
            stmt = stmt.where(g.category == category)
        terms = [TermInfo(*row) for row in s.execute(stmt)]
    if query:
        match = matcher(query)
        terms = [t for t in terms if match(t)]
    return sorted(terms, key=sort_key)


def sort_key(t: TermInfo) -> tuple[str, str]:
    """Reading order (五十音順), as `list_terms` returns terms."""
    return normalise_reading(t.reading or t.term), t.term


def matcher(query: str):
    """A predicate on TermInfo: `query` in the term, the reading (kana-insensitive) or the English."""
    q = unicodedata.normalize("NFKC", query or "").strip().lower()
    qr = normalise_reading(query or "")

    def match(t: TermInfo) -> bool:
        return not q or (q in unicodedata.normalize("NFKC", t.term).lower()
                         or bool(qr and qr in normalise_reading(t.reading or ""))
                         or q in (t.english or "").lower())
    return match


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
            raise audit.conflict(s, t, "glossary_term",
                                 f"「{t.term}」 was changed by someone else since you opened it.")
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


# --- import from a file ---------------------------------------------------------------------

# Column names of the glossary export (first alias) and of hand-made sheets.
GLOSSARY_FIELDS = FieldSet("glossary", (
    FieldSpec("term", "用語", ("用語名", "単語", "Term", "Word"), required=True),
    FieldSpec("reading", "読み", ("よみ", "よみがな", "読み仮名", "ふりがな", "フリガナ", "カナ", "Reading", "Kana")),
    FieldSpec("category", "分類", ("カテゴリ", "カテゴリー", "区分", "Category")),
    FieldSpec("definition", "定義", ("意味", "説明", "解説", "Definition", "Meaning", "Description"), multiline=True),
    FieldSpec("english", "英語", ("英語表記", "英訳", "English")),
    FieldSpec("related", "関連用語", ("関連", "Related", "Related terms")),
))
GLOSSARY_SHEET = "用語集"
_MAX_LENGTHS = {"term": 100, "reading": 200, "category": 50, "english": 200, "related": 300}


def import_rows(db: Database, actor: Actor, path: str | Path, progress: ProgressFn | None = None,
                cancel: CancelFlag | None = None) -> dict:
    """Add or update terms from a CSV/XLSX file (the glossary export reads back); all-or-nothing.

    A row is the stored term of the same name. A blank cell keeps the stored value; terms
    not in the file stay. Any row problem raises InputError with every row/column error and
    nothing is stored. Returns {added, updated, unchanged, file}.
    """
    actor.require(Permission.EDIT, "import the glossary")
    progress = progress or no_progress
    progress(0, 1, "reading the file")
    try:  # the glossary export keeps its table on the sheet 用語集, after a summary sheet
        parsed = parse_file(path, GLOSSARY_FIELDS, sheet=GLOSSARY_SHEET, unique=(("term",),), progress=progress)
    except InputError as exc:
        if not exc.message.startswith("no sheet named"):
            raise
        parsed = parse_file(path, GLOSSARY_FIELDS, unique=(("term",),), progress=progress)
    if cancel:
        cancel.check()
    with db.write(actor, Permission.EDIT, "import the glossary") as s:
        stored = {t.term: t for t in s.scalars(select(GlossaryTerm))}
        plan: list[tuple[int, GlossaryTerm | None, dict]] = []
        for rec in parsed.records:
            values = {k: v for k, v in rec.values.items() if k in FIELDS and v not in (None, "")}
            for name, limit in _MAX_LENGTHS.items():
                if len(values.get(name) or "") > limit:
                    parsed.add_error(rec.row, name, f"longer than {limit} characters")
            current = stored.get(values.get("term") or "")
            if current is None and rec.values.get("term") and not values.get("definition"):
                parsed.add_error(rec.row, "definition", "a new term needs its definition")
            plan.append((rec.row, current, values))
        parsed.raise_for_errors()
        added = updated = unchanged = 0
        for n, (_row, current, values) in enumerate(plan, start=1):
            if cancel:
                cancel.check()
            before = audit.snapshot(current) if current is not None else None
            if current is None:
                current = GlossaryTerm(term=values["term"], definition=values["definition"])
                s.add(current)
            for name, value in values.items():
                setattr(current, name, value)
            s.flush()
            after = audit.snapshot(current)
            if before is None or before != after:
                added, updated = (added + 1, updated) if before is None else (added, updated + 1)
                audit.record(s, actor.username, "create" if before is None else "update", "glossary_term", current.id,
                             before=before, after=after, summary=f"{current.term} (import)")
                _reindex(s, current.id)
            else:
                unchanged += 1
            progress(n, len(plan), "saving terms")
        if added or updated:
            audit.record(s, actor.username, "import", "glossary_term", None,
                         after={"file": Path(path).name, "sha256": parsed.source["sha256"], "added": added,
                                "updated": updated},
                         summary=f"glossary import {Path(path).name}: {added} added, {updated} updated, "
                                 f"{unchanged} unchanged")
    return {"file": str(path), "added": added, "updated": updated, "unchanged": unchanged, "notes": parsed.notes}
