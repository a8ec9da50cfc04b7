"""People's names and e-mail addresses in external exports: shown in full only to roles with
the personal-data permission, masked for everyone else, and every export that carries them logged.

The files are read back (openpyxl) and searched for the names and addresses.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from ecmanual.cli import run
from ecmanual.domain.errors import PermissionDenied
from ecmanual.exports.model import Column, Document, Section, SignOff, Table
from ecmanual.persistence.models import AuditEntry, ExportRecord
from ecmanual.services import org_settings, organisation
from ecmanual.services.export_masking import Masker, mask_email, mask_name
from ecmanual.services.exports import ExportParams, run_export
from tests.conftest import USER_PASSWORD, password_chosen

PEOPLE = [("山田 太郎", "ヤマダ タロウ", "taro.yamada@example.co.jp"),
          ("佐藤花子", "サトウハナコ", "hanako@example.co.jp")]


def test_masking_rules():
    assert mask_name("山田 太郎") == "山田 ●●" and mask_name("山田\u3000太郎") == "山田 ●●"
    assert mask_name("佐藤花子") == "佐●●" and mask_name("Taro Yamada") == "Taro ●●"
    assert mask_email("連絡先: taro.yamada@example.co.jp まで") == "連絡先: t***@example.co.jp まで"
    m = Masker({"山田 太郎", "山田", "佐藤花子"})
    # the longest name first; the written variants without a space or with a full-width one too
    assert m.text("担当: 山田 太郎 / 山田太郎 / 山田\u3000太郎") == "担当: 山田 ●● / 山田 ●● / 山田 ●●"
    assert m.text("佐藤花子さん (hanako@example.co.jp)") == "佐●●さん (h***@example.co.jp)"
    assert m.text("個人情報を含まない文") == "個人情報を含まない文"
    assert m.value(42) == 42


@pytest.fixture
def people(db, admin):
    for name, kana, email in PEOPLE:
        organisation.create_staff(db, admin, name, kana=kana, email=email)
    return db


def staff_builder(db, params):
    """Names, kana and addresses in a table (streamed), a paragraph and the sign-off."""
    staff = organisation.list_staff(db)
    rows = ((p.name, p.kana, p.email) for p in staff)
    table = Table("名簿", [Column("氏名"), Column("カナ"), Column("メール")], rows, row_count=len(staff))
    section = Section("担当者", [f"責任者は{staff[0].name}です。"], [("連絡先", staff[0].email)], [table])
    return Document("担当者名簿", [section], signoff=SignOff.standard(prepared=(staff[1].name, None)))


def texts_of(path) -> str:
    wb = load_workbook(path, read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    return "\n".join(cells)


def record_and_entry(db):
    with db.read() as s:
        rec = s.scalars(select(ExportRecord).order_by(ExportRecord.id.desc())).first()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")
                          .order_by(AuditEntry.seq.desc())).first()
        return rec, json.loads(entry.after)


def assert_masked(text: str) -> None:
    for name, kana, email in PEOPLE:
        assert name not in text and kana not in text and email not in text
    assert "山田 ●●" in text and "ヤマダ ●●" in text and "佐●●" in text
    assert "t***@example.co.jp" in text and "h***@example.co.jp" in text


def assert_full(text: str) -> None:
    for name, kana, email in PEOPLE:
        assert name in text and kana in text and email in text
    assert "●●" not in text


def test_editor_asks_for_masking_when_the_file_leaves_the_team(people, editor, tmp_path):
    with pytest.raises(PermissionDenied, match="masked"):  # external, no permission, no masking asked
        run_export(people, editor, "staff", "xlsx", tmp_path / "x.xlsx", staff_builder, personal_data=True)
    assert not (tmp_path / "x.xlsx").exists()
    run_export(people, editor, "staff", "xlsx", tmp_path / "m.xlsx", staff_builder, personal_data=True,
               params=ExportParams(mask_personal=True))
    assert_masked(texts_of(tmp_path / "m.xlsx"))
    rec, after = record_and_entry(people)
    assert (rec.personal_data, rec.params["masked"], rec.params["external"]) == (False, True, True)
    assert (after["personal_data"], after["masked"], after["external"]) == (False, True, True)


def test_admin_sees_names_in_external_exports_and_it_is_logged(people, admin, tmp_path):
    run_export(people, admin, "staff", "xlsx", tmp_path / "a.xlsx", staff_builder, personal_data=True)
    assert_full(texts_of(tmp_path / "a.xlsx"))
    rec, after = record_and_entry(people)
    assert (rec.personal_data, "masked" in rec.params, after["personal_data"], after["external"]) == \
        (True, False, True, True)
    with people.read() as s:
        summary = s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "export")).one()
    assert summary.endswith("personal data")
    # an admin may still ask for masking
    run_export(people, admin, "staff", "xlsx", tmp_path / "b.xlsx", staff_builder, personal_data=True,
               params=ExportParams(mask_personal=True))
    assert_masked(texts_of(tmp_path / "b.xlsx"))


def test_internal_exports_show_names_and_are_logged_as_personal(people, editor, tmp_path):
    run_export(people, editor, "staff", "xlsx", tmp_path / "i.xlsx", staff_builder, personal_data=True,
               params=ExportParams(external=False))
    assert_full(texts_of(tmp_path / "i.xlsx"))
    rec, after = record_and_entry(people)
    assert (rec.personal_data, after["external"], after["masked"]) == (True, False, False)


def test_kinds_the_admin_marks_external_are_masked_automatically(people, admin, editor, tmp_path):
    with pytest.raises(PermissionDenied):
        org_settings.set_value(people, editor, org_settings.EXTERNAL_EXPORTS, "staff")
    org_settings.set_value(people, admin, org_settings.EXTERNAL_EXPORTS, "review, staff")
    internal = ExportParams(external=False)  # what the GUI asks for
    run_export(people, editor, "staff", "xlsx", tmp_path / "e.xlsx", staff_builder, personal_data=True,
               params=internal)
    assert_masked(texts_of(tmp_path / "e.xlsx"))
    rec, after = record_and_entry(people)
    assert (rec.personal_data, after["external"], after["masked"]) == (False, True, True)
    run_export(people, admin, "staff", "xlsx", tmp_path / "f.xlsx", staff_builder, personal_data=True,
               params=internal)
    assert_full(texts_of(tmp_path / "f.xlsx"))
    # kinds without personal data are not touched
    run_export(people, editor, "glossary", "xlsx", tmp_path / "g.xlsx", params=internal)
    rec, after = record_and_entry(people)
    assert (rec.kind, rec.personal_data, after["masked"]) == ("glossary", False, False)


def test_a_real_export_kind_masks_the_role_holders(seeded_db, admin, editor, tmp_path):
    organisation.create_staff(seeded_db, admin, "山田 太郎", email="taro.yamada@example.co.jp")
    organisation.assign_role(seeded_db, admin, "KARTE管理責任者", "山田 太郎")
    run_export(seeded_db, admin, "raci", "xlsx", tmp_path / "full.xlsx")
    assert "山田 太郎" in texts_of(tmp_path / "full.xlsx")
    run_export(seeded_db, editor, "raci", "xlsx", tmp_path / "masked.xlsx", params=ExportParams(mask_personal=True))
    text = texts_of(tmp_path / "masked.xlsx")
    assert "山田 太郎" not in text and "山田 ●●" in text
    assert "KARTE管理責任者" in text  # roles and processes stay readable


def test_cli_external_and_mask_personal(people, editor, db_path, tmp_path, monkeypatch, capsys):
    password_chosen(people, "editor")
    monkeypatch.setenv("ECMANUAL_USER", "editor")
    monkeypatch.setenv("ECMANUAL_PASSWORD", USER_PASSWORD)
    out = tmp_path / "r.xlsx"
    assert run(["--db", str(db_path), "export", "training-matrix", "--external", "--out", str(out)]) == 3
    assert "masked" in capsys.readouterr().err and not out.exists()
    assert run(["--db", str(db_path), "export", "training-matrix", "--external", "--mask-personal",
                "--out", str(out)]) == 0
    text = texts_of(out)
    assert "山田 太郎" not in text and "taro.yamada@example.co.jp" not in text
    rec, after = record_and_entry(people)
    assert (rec.kind, after["masked"], after["external"]) == ("training-matrix", True, True)
    assert run(["--db", str(db_path), "export", "training-matrix", "--internal", "--out",
                str(tmp_path / "i.xlsx")]) == 0
    assert "山田 太郎" in texts_of(tmp_path / "i.xlsx")  # the matrix does list people
