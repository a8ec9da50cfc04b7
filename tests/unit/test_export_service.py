"""The export service: permissions, the export record and audit entry, check_export, audit-log, binder."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.exports import Column, Section, Table
from ecmanual.persistence.models import AuditEntry, ExportRecord
from ecmanual.services import audit, exports
from ecmanual.services.context import CancelFlag, Cancelled
from ecmanual.services.exports import ExportParams, check_export, run_export

from .test_export_samples import sample_doc


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def small_builder(db, params):
    return sample_doc(20)


def test_export_is_recorded_with_its_hash(db, admin, out):
    result = run_export(db, admin, "work-log", "pdf", out / "w.pdf", small_builder)
    with db.read() as s:
        rec = s.scalars(select(ExportRecord)).one()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
        chain = audit.verify_chain(s)
    assert rec.sha256 == result.sha256 and rec.document_id == result.doc_id and rec.by_user == "admin"
    assert rec.kind == "work-log" and rec.fmt == "pdf" and rec.size == (out / "w.pdf").stat().st_size
    assert result.doc_id.startswith("ECM-") and len(result.doc_id) == 17
    after = json.loads(entry.after)
    assert after["sha256"] == result.sha256 and after["document_id"] == result.doc_id
    assert entry.entity == "export_record" and entry.entity_id == str(rec.id) and entry.actor == "admin"
    assert chain.ok
    # the document carries what the service stamped on it
    text = pypdf.PdfReader(result.path).pages[0].extract_text()
    assert result.doc_id in text and "管理 太郎" in text


def test_check_export_accepts_the_file_and_rejects_a_changed_copy(db, admin, viewer, out):
    result = run_export(db, admin, "work-log", "xlsx", out / "w.xlsx", small_builder)
    ok = check_export(db, viewer, result.path)
    assert ok["found"] and not ok["modified"] and ok["document_id"] == result.doc_id and ok["by_user"] == "admin"
    assert "unchanged" in ok["message"]

    tampered = out / "w-copy.xlsx"
    wb = openpyxl.load_workbook(result.path)
    wb["作業記録一覧"]["B2"] = "改ざん"
    wb.save(tampered)
    bad = check_export(db, viewer, tampered)
    assert not bad["found"] and bad["modified"] and bad["document_id"] == result.doc_id
    assert "changed after export" in bad["message"]

    foreign = out / "foreign.pdf"
    foreign.write_bytes(b"%PDF-1.4 not ours")
    other = check_export(db, viewer, foreign)
    assert not other["found"] and not other["modified"] and other["document_id"] is None


def test_check_export_of_a_pdf_with_one_byte_changed(db, admin, out):
    result = run_export(db, admin, "work-log", "pdf", out / "w.pdf", small_builder)
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    (out / "x.pdf").write_bytes(bytes(data))
    bad = check_export(db, admin, out / "x.pdf")
    assert not bad["found"] and bad["modified"] and bad["document_id"] == result.doc_id
    shutil.copy(result.path, out / "same.pdf")
    assert check_export(db, admin, out / "same.pdf")["found"]


def test_viewer_may_not_export(db, viewer, out):
    with pytest.raises(PermissionDenied):
        run_export(db, viewer, "audit-log", "pdf", out / "a.pdf")
    assert list(out.iterdir()) == []


def test_personal_data_needs_export_personal_when_the_file_leaves_the_team(db, admin, editor, out):
    with pytest.raises(PermissionDenied, match="personal"):
        run_export(db, editor, "staff", "xlsx", out / "s.xlsx", small_builder, personal_data=True)
    assert list(out.iterdir()) == []
    internal = ExportParams(external=False)
    run_export(db, editor, "staff", "xlsx", out / "s.xlsx", small_builder, params=internal, personal_data=True)
    run_export(db, admin, "staff", "xlsx", out / "t.xlsx", small_builder, personal_data=True)
    with db.read() as s:
        recs = s.scalars(select(ExportRecord).order_by(ExportRecord.id)).all()
    assert [(r.by_user, r.personal_data, r.params.get("external")) for r in recs] == [
        ("editor", True, False), ("admin", True, True)]


def test_failing_builder_or_cancel_records_nothing(db, admin, out):
    def broken(db, params):
        raise InputError("no such review")

    with pytest.raises(InputError):
        run_export(db, admin, "review", "pdf", out / "r.pdf", broken)
    cancel = CancelFlag()
    cancel.cancel()
    with pytest.raises(Cancelled):
        run_export(db, admin, "work-log", "pdf", out / "r.pdf", small_builder, cancel=cancel)
    assert list(out.iterdir()) == []
    with db.read() as s:
        assert s.scalars(select(ExportRecord)).first() is None
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).first() is None


def test_unknown_and_unbuilt_kinds(db, admin, monkeypatch):
    exports.load_providers()
    with pytest.raises(InputError, match="Unknown export 'nope'.*audit-log"):
        exports.get_kind("nope")
    monkeypatch.delitem(exports.EXPORT_KINDS, "glossary", raising=False)
    with pytest.raises(InputError, match="not available yet"):
        exports.get_kind("glossary")
    with pytest.raises(InputError, match="available as pdf"):
        run_export(db, admin, "binder", "xlsx", "x.xlsx", params=ExportParams(period="2026Q4"))


def test_audit_log_export_lists_entries_and_verifies_the_chain(db, admin, out):
    result = run_export(db, admin, "audit-log", "xlsx", out / "a.xlsx")
    wb = openpyxl.load_workbook(result.path)
    ws = wb["監査ログ"]
    assert [c.value for c in ws[1]] == ["通番", "日時", "実行者", "操作", "対象", "ID", "概要"]
    actions = [row[3] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert actions[:2] == ["migrate", "create"] and ws["B2"].is_date
    summary = [c.value for row in wb["概要"].iter_rows() for c in row if c.value]
    assert any("改ざん・欠落・順序の入れ替えは見つかりませんでした" in str(v) for v in summary)
    # the export itself is now in the trail, after the file was written
    second = run_export(db, admin, "audit-log", "pdf", out / "a.pdf", params=ExportParams(period="2026Q4"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(second.path).pages)
    assert "監査ログ記録" in text and "ハッシュチェーン" in text


def test_audit_log_export_reports_a_broken_chain(db, admin, out):
    with db.write(admin) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).first()
        entry.summary = "tampered"
    result = run_export(db, admin, "audit-log", "pdf", out / "a.pdf")
    text = pypdf.PdfReader(result.path).pages[0].extract_text()
    assert "検証に失敗しました" in text and "異常" in text


def test_binder_takes_registered_sections(db, admin, out, monkeypatch):
    def raci_section(db, params):
        table = Table("RACI表", [Column("業務"), Column("EC担当", align="center"), Column("店長", align="center")],
                      [["受注処理", "R", "A"], ["返品対応", "A", "I"]],
                      cell_fill=lambda i, v, row: {"R": "FDE2E1", "A": "FFE8B0"}.get(v),
                      legend=[("FDE2E1", "R 実行責任者"), ("FFE8B0", "A 説明責任者")])
        return Section("RACI表（役割分担）", [f"{params.resolved_period().label} 時点の役割分担です。"], tables=[table])

    exports.load_providers()
    # Only these parts exist here, whatever other areas have registered by now.
    monkeypatch.setattr(exports, "BINDER_PROVIDERS", {
        "raci": exports.BinderProvider("raci", "RACI表", 40, raci_section),
        "review": exports.BinderProvider("review", "権限棚卸し", 10, lambda db, p: None),
        "audit-log": exports.BINDER_PROVIDERS["audit-log"],
    })
    result = run_export(db, admin, "binder", "pdf", out / "binder.pdf", params=ExportParams(period="2026Q4"))
    reader = pypdf.PdfReader(result.path)
    tops = [o for o in reader.outline if not isinstance(o, list)]
    titles = [o.title for o in tops]
    assert titles == ["内部統制記録バインダー 2026Q4", "目次", "RACI表（役割分担）", "監査ログ要約"]
    cover = reader.pages[0].extract_text()
    assert "2026/10/01〜2026/12/31" in cover and result.doc_id in cover
    assert "承認済みチェックリスト実施記録" in cover and "研修受講状況マトリクス" in cover  # listed as missing
    assert "該当する記録がなかった項目: 権限棚卸し" in cover  # registered, nothing this period
    assert "権限棚卸し（署名済み）" not in cover
    toc = reader.pages[1].extract_text()
    assert "RACI表（役割分担）" in toc and "監査ログ要約" in toc
    raci_page = reader.get_destination_page_number(tops[2])
    assert "2026Q4 時点の役割分担です。" in reader.pages[raci_page].extract_text()
    assert reader.get_destination_page_number(tops[3]) > raci_page


def test_binder_needs_a_period(db, admin, out):
    with pytest.raises(InputError, match="period"):
        run_export(db, admin, "binder", "pdf", out / "b.pdf")
    with pytest.raises(InputError, match="not a period"):
        run_export(db, admin, "binder", "pdf", out / "b.pdf", params=ExportParams(period="Q9"))
    assert list(out.iterdir()) == []
