"""People's names and e-mail addresses in exports: the rule, and masking a Document.

`personal_data_rule` decides, for `exports.run_export`, whether an export is external and
whether its personal data is masked. Every text of the document is masked: titles, paragraphs, label/value pairs,
table cells (also streamed rows), sign-off names and the title block.

- A name known to the app (staff, their kana, account holders, app users) keeps its first
  part, the rest becomes ●●: 山田 太郎 -> 山田 ●●, ヤマダ タロウ -> ヤマダ ●●; a name
  without a space keeps its first character: 山田太郎 -> 山●●.
- Any e-mail address keeps its first character and its domain: taro@example.co.jp ->
  t***@example.co.jp.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..domain.permissions import Permission
from ..exports.model import Document, Section, SignOff, Table
from ..persistence.models import Account, AppUser, Staff
from . import org_settings
from .context import Actor, Database

if TYPE_CHECKING:
    from .exports import ExportParams

EMAIL = re.compile(r"(?<![\w.%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
MASK = "●●"
_SPACES = re.compile(r"[ \u3000]+")


def external_kinds(db: Database) -> set[str]:
    """The export kinds an administrator marked as always leaving the team (setting external_exports)."""
    return set(re.split(r"[\s,、]+", str(org_settings.get(db, org_settings.EXTERNAL_EXPORTS)).strip())) - {""}


def personal_data_rule(db: Database, actor: Actor, kind: str, personal: bool,
                       params: ExportParams) -> tuple[bool, bool]:
    """(external, masked) for an export, or PermissionDenied. The rule for people's names and e-mails:

    - Internal exports (the file stays within the team) show them; the export permission suffices.
    - An export is external when the exporter says so or an administrator listed its kind in the
      setting `external_exports`. External exports show them only to roles with EXPORT_PERSONAL
      (administrators), unless the exporter asks for masking (`mask_personal`).
    - Anyone else gets them masked (山田 ●●, t***@example.co.jp): automatically for the kinds the
      administrator marked external; otherwise only on request, and without it the export is
      refused, so no one receives a masked file they did not ask for.
    """
    marked = kind in external_kinds(db)
    external = params.external or marked
    if not (personal and external):
        return external, False
    if params.mask_personal or (marked and not actor.may(Permission.EXPORT_PERSONAL)):
        return external, True
    actor.require(Permission.EXPORT_PERSONAL, f"export {kind} with personal data for use outside the team "
                                              "(ask for masked names and e-mail addresses instead)")
    return external, False


def mask_name(name: str) -> str:
    parts = _SPACES.split(name.strip(), maxsplit=1)
    if len(parts) == 2:
        return f"{parts[0]} {MASK}"
    return name.strip()[:1] + MASK


def mask_email(text: str) -> str:
    return EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)


class Masker:
    """Masks the given names (and every e-mail address) wherever they occur in a text."""

    def __init__(self, names: set[str]):
        variants: dict[str, str] = {}
        for name in names:
            name = (name or "").strip()
            if len(name.replace(" ", "").replace("\u3000", "")) < 2 or "@" in name:
                continue
            masked = mask_name(name)
            for variant in {name, _SPACES.sub(" ", name), _SPACES.sub("\u3000", name), _SPACES.sub("", name)}:
                variants.setdefault(variant, masked)
        self._names = variants
        ordered = sorted(variants, key=len, reverse=True)  # 山田 太郎 before 山田
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def text(self, value: str) -> str:
        value = mask_email(value)
        if self._pattern is not None:
            value = self._pattern.sub(lambda m: self._names[m.group(0)], value)
        return value

    def value(self, value: Any) -> Any:
        return self.text(value) if isinstance(value, str) else value

    def row(self, row) -> tuple:
        return tuple(self.value(v) for v in row)


def masker_for(db: Database) -> Masker:
    """A masker for every person the database knows by name."""
    with db.read() as s:
        names = set(s.scalars(select(Staff.name)))
        names |= {k for k in s.scalars(select(Staff.kana)) if k}
        names |= {n for n in s.scalars(select(Account.display_name).distinct()) if n}
        names |= {n for n in s.scalars(select(AppUser.display_name)) if n}
    return Masker(names)


def _table(table: Table, m: Masker) -> None:
    rows = table.rows
    table.title, table.note = m.text(table.title), m.value(table.note)
    table.legend = [(colour, m.text(text)) for colour, text in table.legend]
    if isinstance(rows, list | tuple):
        table.rows = [m.row(r) for r in rows]
    else:  # a generator streaming from the database: mask as it streams
        table.rows = (m.row(r) for r in rows)


def _section(section: Section, m: Masker) -> None:
    section.title = m.text(section.title)
    section.paragraphs = [m.text(p) for p in section.paragraphs]
    section.key_values = [(m.text(k), m.value(v)) for k, v in section.key_values]
    for table in section.tables:
        _table(table, m)
    for child in section.children:
        _section(child, m)


def _signoff(signoff: SignOff, m: Masker) -> None:
    for box in signoff.boxes:
        box.name = m.value(box.name)
    signoff.note = m.value(signoff.note)


def mask_document(document: Document, m: Masker) -> Document:
    """Mask every text of `document` in place (and return it)."""
    for f in fields(document):
        value = getattr(document, f.name)
        if isinstance(value, str) and f.name not in ("doc_id", "orientation", "timezone"):
            setattr(document, f.name, m.text(value))
    document.keywords = [m.text(k) for k in document.keywords]
    document.cover_notes = [m.text(n) for n in document.cover_notes]
    document.properties = {k: m.text(v) if isinstance(v, str) else v for k, v in document.properties.items()}
    for section in document.sections:
        _section(section, m)
    if document.signoff is not None and is_dataclass(document.signoff):
        _signoff(document.signoff, m)
    return document
