"""Exports as a service: permission, document id, the file, and its audit record.

Areas register what they can export, without touching this module:

    from .exports import ExportParams, binder_section, export_kind

    @export_kind("raci", personal_data=True)
    def raci_document(db, params: ExportParams) -> Document: ...      # reads in its own session

    @binder_section("raci")
    def raci_section(db, params: ExportParams) -> Section | None: ...  # None: nothing this period

`run_export` checks the permission, builds the Document, writes the file through the export
layer (temp file, atomic rename), and records an ExportRecord plus an audit entry carrying the
file's SHA-256 in one transaction, so `check_export` can later vouch for a file.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
import secrets
import sys
import threading
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..exports import writer
from ..exports.binder import assemble_binder
from ..exports.model import Column, Document, Section, Table
from ..exports.period import Period, custom_period, parse_period
from ..exports.writer import FORMATS, ExportResult
from ..persistence.base import utcnow
from ..persistence.models import AuditEntry, ExportRecord
from . import audit, org_settings
from .context import Actor, Database, ProgressFn

logger = logging.getLogger(__name__)

# Every kind the CLI contract names, with its Japanese title; areas register the builders.
KNOWN_KINDS: dict[str, str] = {
    "raci": "RACI表", "calendar": "業務カレンダー", "training-matrix": "研修受講状況マトリクス",
    "training-records": "研修記録", "onboarding": "オンボーディング計画", "review": "権限棚卸し記録",
    "checklist-run": "チェックリスト実施記録", "glossary": "用語集", "template": "文書テンプレート",
    "manual": "運用マニュアル", "audit-log": "監査ログ", "binder": "内部統制記録バインダー",
}
# The binder's parts in order; providers registered under these names fill them.
BINDER_PARTS: dict[str, tuple[str, int]] = {
    "review": ("権限棚卸し（署名済み）", 10), "checklist-runs": ("承認済みチェックリスト実施記録", 20),
    "training-matrix": ("研修受講状況マトリクス", 30), "raci": ("RACI表", 40), "audit-log": ("監査ログ要約", 90),
}
DOC_ID_RE = re.compile(rb"ECM-\d{4}-[0-9A-F]{8}")


@dataclass
class ExportParams:
    """What the user asked for; builders read the fields they need."""

    period: str | None = None
    id: int | None = None
    person: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    external: bool = True      # the file leaves the team (see `run_export` for personal data)
    options: dict = field(default_factory=dict)
    mask_personal: bool = False  # mask people's names and e-mail addresses even when allowed to show them

    def resolved_period(self) -> Period | None:
        try:
            if self.date_from or self.date_to:
                return custom_period(self.date_from or date(1970, 1, 1), self.date_to or date.today())
            return parse_period(self.period) if self.period else None
        except ValueError as exc:
            raise InputError(str(exc)) from exc

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()
                if v not in (None, {}, "") and not (k == "mask_personal" and not v)}


Builder = Callable[[Database, ExportParams], Document]
SectionProvider = Callable[[Database, ExportParams], "Section | None"]


@dataclass(frozen=True)
class ExportKind:
    """One exportable record kind and the function building its Document."""

    name: str
    title: str
    builder: Builder
    personal_data: bool | Callable[[], bool] = False
    formats: tuple[str, ...] = FORMATS

    def carries_personal_data(self) -> bool:
        return self.personal_data() if callable(self.personal_data) else bool(self.personal_data)


@dataclass(frozen=True)
class BinderProvider:
    """A section of the audit binder, built for the binder's period."""

    name: str
    title: str
    order: int
    provider: SectionProvider
    personal_data: bool = False


EXPORT_KINDS: dict[str, ExportKind] = {}
BINDER_PROVIDERS: dict[str, BinderProvider] = {}
_load_lock = threading.Lock()
_loaded = False


def register_kind(kind: ExportKind) -> ExportKind:
    EXPORT_KINDS[kind.name] = kind
    return kind


def export_kind(name: str, title: str | None = None, personal_data: bool = False,
                formats: tuple[str, ...] = FORMATS) -> Callable[[Builder], Builder]:
    def decorate(builder: Builder) -> Builder:
        register_kind(ExportKind(name, title or KNOWN_KINDS.get(name, name), builder, personal_data, formats))
        return builder
    return decorate


def binder_section(name: str, title: str | None = None, order: int | None = None,
                   personal_data: bool = False) -> Callable[[SectionProvider], SectionProvider]:
    def decorate(provider: SectionProvider) -> SectionProvider:
        part_title, part_order = BINDER_PARTS.get(name, (name, 50))
        BINDER_PROVIDERS[name] = BinderProvider(name, title or part_title, order if order is not None else part_order,
                                                provider, personal_data)
        return provider
    return decorate


def load_providers() -> None:
    """Import every services module once, so the areas' registrations have run."""
    global _loaded
    with _load_lock:
        if _loaded:
            return
        package = sys.modules[__package__]
        for info in pkgutil.iter_modules(package.__path__):
            name = f"{__package__}.{info.name}"
            if name not in sys.modules:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001 - one broken area must not hide the others' exports
                    logger.exception("could not load export providers from %s", name)
        _loaded = True


def get_kind(name: str) -> ExportKind:
    """The registered kind, or InputError naming the known kinds / saying it is not built yet."""
    load_providers()
    kind = EXPORT_KINDS.get(name)
    if kind is not None:
        return kind
    if name in KNOWN_KINDS:
        raise InputError(f"Export {name!r} ({KNOWN_KINDS[name]}) is not available yet.")
    known = ", ".join(sorted(set(KNOWN_KINDS) | set(EXPORT_KINDS)))
    raise InputError(f"Unknown export {name!r}; known exports: {known}.")


def new_document_id() -> str:
    return f"ECM-{utcnow():%Y}-{secrets.token_hex(4).upper()}"


def org_name(db: Database) -> str:
    return str(org_settings.get(db, org_settings.ORG_NAME))


def _prepared(db: Database, actor: Actor, builder: Builder, params: ExportParams, masked: bool) -> Document:
    from .export_masking import mask_document, masker_for

    document = builder(db, params)
    document.doc_id = new_document_id()
    document.generated_at = utcnow().replace(microsecond=0)
    document.generated_by = actor.display_name or actor.username
    document.org_name = document.org_name or org_name(db)
    if masked:
        mask_document(document, masker_for(db))
    return document


def print_document(db: Database, actor: Actor, kind: str, params: ExportParams | None = None) -> Document:
    """The Document of a record to print on paper: the export's permission checks and masking,
    and an audit entry (a print hands the record out like an export, without a file to register)."""
    from .export_masking import personal_data_rule

    params = params or ExportParams()
    actor.require(Permission.EXPORT, f"print {kind}")
    spec = get_kind(kind)
    personal = spec.carries_personal_data()
    external, masked = personal_data_rule(db, actor, kind, personal, params)
    document = _prepared(db, actor, spec.builder, params, masked)
    with db.write(actor, Permission.EXPORT, f"print {kind}") as s:
        audit.record(s, actor.username, "print", "export_kind", kind,
                     after={"document_id": document.doc_id, "kind": kind, "params": params.as_dict(),
                            "personal_data": personal and not masked, "external": external, "masked": masked},
                     summary=f"printed {kind} {document.doc_id}"
                             + (" personal data" if personal and not masked else "") + (" masked" if masked else ""))
    return document


def run_export(db: Database, actor: Actor, kind: str, fmt: str, out, builder: Builder | None = None, *,
               params: ExportParams | None = None, progress: ProgressFn | None = None, cancel=None,
               personal_data: bool | None = None) -> ExportResult:
    """Build, write and record one export (see the module doc). Nothing is left on failure.

    People's names and e-mail addresses follow `export_masking.personal_data_rule`; the record
    and its audit entry say whether the file carries personal data, went outside and was masked.
    """
    from .export_masking import personal_data_rule

    params = params or ExportParams()
    actor.require(Permission.EXPORT, f"export {kind}")
    spec = None if builder is not None else get_kind(kind)
    if spec is not None:
        builder = spec.builder
        if fmt not in spec.formats:
            raise InputError(f"Export {kind!r} is available as {', '.join(spec.formats)}, not {fmt}.")
    personal = bool(personal_data) if personal_data is not None else bool(spec and spec.carries_personal_data())
    external, masked = personal_data_rule(db, actor, kind, personal, params)
    target = writer.check_target(fmt, out)
    document = _prepared(db, actor, builder, params, masked)
    logged = {**params.as_dict(), "external": external} | ({"masked": True} if masked else {})
    pending = writer.write_pending(document, fmt, target, progress, cancel)
    try:
        with db.write(actor, Permission.EXPORT, f"export {kind}") as s:
            record = ExportRecord(document_id=document.doc_id, kind=kind, fmt=fmt, filename=str(target)[-500:],
                                  sha256=pending.sha256, size=pending.size, at=document.generated_at,
                                  by_user=actor.username, params=logged, personal_data=personal and not masked)
            s.add(record)
            s.flush()
            audit.record(s, actor.username, "export", "export_record", record.id,
                         after={"document_id": document.doc_id, "kind": kind, "fmt": fmt, "file": target.name,
                                "sha256": pending.sha256, "size": pending.size, "params": logged,
                                "personal_data": personal and not masked, "external": external, "masked": masked},
                         summary=f"exported {kind} ({fmt}) {document.doc_id} sha256 {pending.sha256[:16]}"
                                 + (" personal data" if personal and not masked else "")
                                 + (" masked" if masked else ""))
            result = pending.commit()
    except BaseException:
        pending.discard()
        raise
    logger.info("export %s %s written to %s by %s", kind, document.doc_id, target, actor.username)
    return result


def embedded_document_id(path: Path) -> str | None:
    """The document id an exported file carries in its properties, if any."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                m = DOC_ID_RE.search(z.read("docProps/core.xml"))
        else:
            with open(path, "rb") as fh:
                m, tail = None, b""
                while not m and (chunk := fh.read(1 << 20)):
                    m, tail = DOC_ID_RE.search(tail + chunk), chunk[-32:]
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return m.group().decode() if m else None


def check_export(db: Database, actor: Actor, path) -> dict:
    """Is this file one the app exported, unchanged? Looks the file's SHA-256 up in the records."""
    actor.require(Permission.VIEW)
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No file at {path}.", file=str(path))
    sha, size = writer.file_sha256(path)
    claimed = embedded_document_id(path)
    with db.read() as s:
        rec = s.scalars(select(ExportRecord).where(ExportRecord.sha256 == sha).order_by(ExportRecord.id)).first()
        if rec is None and claimed:
            original = s.scalars(select(ExportRecord).where(ExportRecord.document_id == claimed)).first()
        else:
            original = None
        info = rec or original
        result = {"found": rec is not None, "modified": rec is None and original is not None, "sha256": sha,
                  "size": size, "document_id": info.document_id if info else claimed,
                  "kind": info.kind if info else None, "fmt": info.fmt if info else None,
                  "at": info.at.isoformat() if info else None, "by_user": info.by_user if info else None,
                  "filename": info.filename if info else None}
    if rec is not None:
        result["message"] = (f"{path.name} is {rec.document_id} ({rec.kind}, {rec.fmt}), exported by "
                             f"{rec.by_user} at {rec.at:%Y-%m-%d %H:%M} UTC, unchanged.")
    elif original is not None:
        result["message"] = (f"{path.name} claims to be {original.document_id}, exported by {original.by_user} at "
                             f"{original.at:%Y-%m-%d %H:%M} UTC, but its content differs: it was changed after export.")
    else:
        result["message"] = f"{path.name} is not a file this app exported (no export with its hash is recorded)."
    return result


# --- audit-log and binder --------------------------------------------------------------------

def _utc_bounds(period: Period | None) -> tuple[datetime | None, datetime | None]:
    """Local calendar days of the period as a half-open UTC range."""
    if period is None:
        return None, None
    start = datetime.combine(period.start, time.min).astimezone(UTC)
    end = datetime.combine(period.end + timedelta(days=1), time.min).astimezone(UTC)
    return start, end


def _in_range(query, start: datetime | None, end: datetime | None):
    if start is not None:
        query = query.where(AuditEntry.at >= start, AuditEntry.at < end)
    return query


def _chain_facts(db: Database, period: Period | None) -> tuple[str, list[tuple[str, object]], int]:
    """The chain verification statement, key facts for the period, and its entry count."""
    start, end = _utc_bounds(period)
    with db.read() as s:
        chain = audit.verify_chain(s)
        count, first, last = s.execute(_in_range(
            select(func.count(), func.min(AuditEntry.seq), func.max(AuditEntry.seq)), start, end)).one()
        last_hash = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == last)) if last else None
    if chain.ok:
        statement = (f"監査ログのハッシュチェーンを全 {chain.entries:,} 件について検証しました。"
                     "改ざん・欠落・順序の入れ替えは見つかりませんでした。")
    else:
        statement = f"監査ログのハッシュチェーンの検証に失敗しました（通番 {chain.first_broken_seq}）: {chain.problem}"
    facts: list[tuple[str, object]] = [
        ("対象期間", period.text_ja if period else "全期間"), ("期間内の件数", count or 0),
        ("期間内の通番", f"{first:,}〜{last:,}" if first else "—"),
        ("最終エントリのハッシュ値", last_hash or "—"),
        ("チェーン検証", "正常" if chain.ok else "異常"),
    ]
    return statement, facts, count or 0


def _audit_rows(db: Database, start: datetime | None, end: datetime | None):
    with db.read() as s:
        query = _in_range(select(AuditEntry.seq, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
                                 AuditEntry.entity, AuditEntry.entity_id, AuditEntry.summary), start, end)
        for row in s.execute(query.order_by(AuditEntry.seq).execution_options(yield_per=2000)):
            yield tuple(row)


AUDIT_COLUMNS = [Column("通番", "number", width_hint=8), Column("日時", "datetime"), Column("実行者"),
                 Column("操作"), Column("対象"), Column("ID", width_hint=8), Column("概要")]


@export_kind("audit-log")
def audit_log_document(db: Database, params: ExportParams) -> Document:
    """Every audit entry of the period (or the whole trail) with the chain's verification."""
    period = params.resolved_period()
    statement, facts, count = _chain_facts(db, period)
    start, end = _utc_bounds(period)
    table = Table("監査ログ", AUDIT_COLUMNS, _audit_rows(db, start, end), row_count=count)
    sections = [Section("ハッシュチェーンの検証", [statement], facts), Section("監査ログ一覧", tables=[table])]
    return Document("監査ログ記録", sections, period=period.text_ja if period else "全期間",
                    subject="audit log", keywords=["audit-log"], toc=False)


@binder_section("audit-log")
def audit_summary_section(db: Database, params: ExportParams) -> Section:
    """The binder's audit part: verification, and counts by operation and by user."""
    period = params.resolved_period()
    statement, facts, _ = _chain_facts(db, period)
    start, end = _utc_bounds(period)
    with db.read() as s:
        by_action = s.execute(_in_range(select(AuditEntry.action, AuditEntry.entity, func.count()), start, end)
                              .group_by(AuditEntry.action, AuditEntry.entity)
                              .order_by(func.count().desc(), AuditEntry.action, AuditEntry.entity)).all()
        by_actor = s.execute(_in_range(select(AuditEntry.actor, func.count(), func.max(AuditEntry.at)), start, end)
                             .group_by(AuditEntry.actor).order_by(func.count().desc(), AuditEntry.actor)).all()
    tables = [
        Table("操作別件数", [Column("操作"), Column("対象"), Column("件数", "number")], [tuple(r) for r in by_action]),
        Table("実行者別件数", [Column("実行者"), Column("件数", "number"), Column("最終操作日時", "datetime")],
              [tuple(r) for r in by_actor]),
    ]
    return Section("監査ログ要約", [statement], facts, tables)


def _binder_personal() -> bool:
    return any(p.personal_data for p in BINDER_PROVIDERS.values())


def binder_document(db: Database, params: ExportParams) -> Document:
    """Cover, TOC and every registered binder part that has something for the period."""
    period = params.resolved_period()
    if period is None:
        raise InputError("The binder needs a period, e.g. --period 2026Q4.")
    load_providers()
    sections, missing, empty = [], [], []
    parts = sorted(set(BINDER_PARTS) | set(BINDER_PROVIDERS),
                   key=lambda n: (BINDER_PROVIDERS[n].order if n in BINDER_PROVIDERS else BINDER_PARTS[n][1], n))
    for name in parts:
        provider = BINDER_PROVIDERS.get(name)
        if provider is None:
            missing.append(BINDER_PARTS[name][0])
            continue
        section = provider.provider(db, params)
        if section is None:
            empty.append(provider.title)
        else:
            sections.append(section)
    return assemble_binder(period, sections, missing, empty)


register_kind(ExportKind("binder", KNOWN_KINDS["binder"], binder_document, _binder_personal, ("pdf",)))
