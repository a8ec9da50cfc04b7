"""Training exports through the shared export layer, read back (openpyxl, pypdf) and rendered
(pdftoppm), and the .ics calendar."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone

import openpyxl
import pypdf
import pytest
from PIL import Image, ImageStat
from sqlalchemy import select

from ecmanual.domain import training_rules as rules
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.exports import ics
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import exports, training, training_exports, training_onboarding as onb, training_sessions

TODAY = "2026-11-05"
JST = timezone(timedelta(hours=9))


@pytest.fixture
def staffed(seeded_db, admin):
    """Two people in two departments with some completions, a failed attempt and a session."""
    db = seeded_db
    onb.hire_person(db, admin, "佐藤 美咲", department="情報システム部", roles=["KARTE管理責任者"],
                    hire_date="2025-04-01")
    onb.hire_person(db, admin, "山本 一郎", department="マーケティング部", hire_date="2026-10-01")
    training.record_completion(db, admin, "佐藤 美咲", "KARTE操作研修", "2025-04-05")
    training.record_completion(db, admin, "佐藤 美咲", "個人情報保護研修", "2026-04-15")
    training.record_completion(db, admin, "佐藤 美咲", "コンプライアンス研修", "2025-11-20", score=95)
    training.record_completion(db, admin, "山本 一郎", "リスク管理研修", "2026-10-20", score=40, passed=False)
    training.record_completion(db, admin, "山本 一郎", "KARTE操作研修", "2026-10-06", evidence_note="=1+1 は数式ではない")
    training_sessions.schedule_session(db, admin, "個人情報保護研修", datetime(2026, 11, 20, 14, 0),
                              ends_at=datetime(2026, 11, 20, 15, 30), place="会議室A, 3F", instructor="教育担当")
    return db


def export(db, actor, kind, fmt, path, **params):
    options = {"today": TODAY, **params.pop("options", {})}
    return exports.run_export(db, actor, kind, fmt, path, params=exports.ExportParams(options=options, **params))


def test_matrix_xlsx_has_coloured_status_cells_and_a_legend(staffed, admin, tmp_path):
    result = export(staffed, admin, "training-matrix", "xlsx", tmp_path / "matrix.xlsx")
    wb = openpyxl.load_workbook(result.path)
    ws = wb["受講状況"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["氏名", "部門", "役割", "KARTE操作研修"] and "KARTE運用認定(認定)" in header
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2) if r[0].value}
    misaki = rows["佐藤 美咲"]
    privacy = misaki[header.index("個人情報保護研修")]
    assert privacy.value == "期限切れ 2026/10/15"
    assert privacy.fill.fgColor.rgb.endswith(rules.STATUS_COLOURS["expired"])
    compliance = misaki[header.index("コンプライアンス研修")]
    assert compliance.value == "期限間近 2026/11/20" and compliance.fill.fgColor.rgb.endswith("FFEB9C")
    assert misaki[header.index("KARTE操作研修")].value == "有効"
    assert rows["山本 一郎"][header.index("KARTE運用認定(認定)")].value == "—"
    summary = wb.worksheets[0]
    legend = {r[1].value: r[0].fill.fgColor.rgb for r in summary.iter_rows() if r[0].fill.fill_type and r[1].value}
    assert any(text.startswith("期限超過") and colour.endswith("FFC7CE") for text, colour in legend.items())


def test_matrix_pdf_reads_back_landscape_with_legend(staffed, admin, tmp_path):
    result = export(staffed, admin, "training-matrix", "pdf", tmp_path / "matrix.pdf")
    reader = pypdf.PdfReader(result.path)
    text = "".join(p.extract_text() for p in reader.pages)
    for expected in ("研修受講状況マトリクス", "佐藤 美咲", "山本 一郎", "期限切れ 2026/10/15",
                     "期限間近: 30日以内に期限が来る"):
        assert expected in text
    box = reader.pages[0].mediabox
    assert box.width > box.height


def test_matrix_department_filter(staffed, admin, tmp_path):
    result = export(staffed, admin, "training-matrix", "xlsx", tmp_path / "m.xlsx",
                    options={"department": "マーケティング部"})
    ws = openpyxl.load_workbook(result.path)["受講状況"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]] == ["山本 一郎"]


def test_training_records_for_a_period_and_a_person(staffed, admin, tmp_path):
    result = export(staffed, admin, "training-records", "xlsx", tmp_path / "records.xlsx", period="2026Q4")
    wb = openpyxl.load_workbook(result.path)
    rows = [r for r in wb["受講記録"].iter_rows(min_row=2) if r[0].value]
    assert [(r[1].value, r[3].value) for r in rows] == [("山本 一郎", "KARTE操作研修"), ("山本 一郎", "リスク管理研修")]
    failed = rows[1]
    assert failed[5].value == "不合格" and failed[0].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows[0][6].value == "=1+1 は数式ではない" and rows[0][6].data_type == "s"  # text, never a formula
    result = export(staffed, admin, "training-records", "pdf", tmp_path / "records.pdf", person="佐藤 美咲")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(result.path).pages)
    assert "研修記録 佐藤 美咲" in text and "コンプライアンス研修" in text and "山本 一郎" not in text


def test_onboarding_pdf_with_signoff_boxes_read_back_and_rendered(staffed, admin, tmp_path):
    plan = onb.plans_of(staffed, admin, "山本 一郎")[0]
    page_item = next(i for i in plan.items if i.kind == "page")
    onb.set_item_done(staffed, admin, page_item.id, on="2026-10-01")
    result = export(staffed, admin, "onboarding", "pdf", tmp_path / "onboarding.pdf", person="山本 一郎")
    reader = pypdf.PdfReader(result.path)
    text = "".join(p.extract_text() for p in reader.pages)
    for expected in ("オンボーディング計画・研修記録 山本 一郎", "本人", "上長", "教育担当", "マーケティング部",
                     "2 / ", "研修: KARTE操作研修", "アカウント申請: KARTE(配信作成)", "受講要件と状況", "研修履歴",
                     "本人・上長・教育担当が内容を確認し"):
        assert expected in text, expected
    assert re.search(r"進捗\s*2 / \d+ 完了", text)  # the ticked page and the KARTE completion
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the PDF")
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(result.path), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    assert image.height > image.width  # A4 portrait
    stat = ImageStat.Stat(image)
    assert stat.var[0] > 500
    # The sign-off boxes sit at the top right: their ruled grid makes that corner dark enough.
    corner = image.crop((int(image.width * 0.6), int(image.height * 0.08), image.width, int(image.height * 0.3)))
    dark = sum(corner.histogram()[:128]) / (corner.width * corner.height)
    assert dark > 0.01


def test_onboarding_needs_a_person(staffed, admin, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="--person"):
        export(staffed, admin, "onboarding", "pdf", out / "x.pdf")
    assert not list(out.iterdir())


def test_binder_includes_the_training_matrix(staffed, admin, tmp_path):
    result = exports.run_export(staffed, admin, "binder", "pdf", tmp_path / "binder.pdf",
                                params=exports.ExportParams(period="2026Q4"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(result.path).pages)
    assert "研修受講状況マトリクス" in text and "佐藤 美咲" in text


# --- .ics ------------------------------------------------------------------------------------

def test_ics_escapes_folds_and_uses_crlf():
    long = "研修" * 40 + ", 注意; 改行\nあり"
    text = ics.render([ics.Event("a@x", long, date(2026, 11, 20)),
                       ics.Event("b@x", "会議", datetime(2026, 11, 20, 14, 0, tzinfo=JST))],
                      stamp=datetime(2026, 11, 1, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:" + "研修" * 40 + "\\, 注意\\; 改行\\nあり" in unfolded
    assert "DTSTART;VALUE=DATE:20261120" in unfolded and "DTEND;VALUE=DATE:20261121" in unfolded
    assert "DTSTART:20261120T050000Z" in unfolded and "DTEND:20261120T060000Z" in unfolded
    assert "DTSTAMP:20261101T000000Z" in unfolded
    with pytest.raises(ValueError):
        ics.render([ics.Event("c@x", "naive", datetime(2026, 1, 1, 9, 0))])  # wall time needs a timezone
    tokyo = ics.render([ics.Event("d@x", "朝会", datetime(2026, 1, 7, 10, 0), duration=timedelta(minutes=90),
                                  rrule="FREQ=WEEKLY;BYDAY=WE")], timezone="Asia/Tokyo")
    lines = ics.unfold(tokyo)
    assert "DTSTART;TZID=Asia/Tokyo:20260107T100000" in lines and "DURATION:PT1H30M" in lines
    assert "RRULE:FREQ=WEEKLY;BYDAY=WE" in lines and "TZOFFSETTO:+0900" in lines


def test_training_calendar_has_sessions_and_due_dates(staffed, admin, viewer, tmp_path):
    result = training_exports.write_calendar(staffed, admin, tmp_path / "training", date(2026, 11, 5), days=60)
    path = tmp_path / "training.ics"
    assert result["path"] == str(path) and result["events"] >= 2
    text = path.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "SUMMARY:研修: 個人情報保護研修" in text and "DTSTART:20261120T050000Z" in text
    assert "LOCATION:会議室A\\, 3F" in text
    assert "SUMMARY:期限: コンプライアンス研修(佐藤 美咲)" in text and "DTSTART;VALUE=DATE:20261120" in text
    mine = training_exports.calendar_events(staffed, admin, date(2026, 11, 5), days=60, person="佐藤 美咲")
    assert mine and all("佐藤 美咲" in e.summary for e in mine)  # not registered for the session
    with staffed.read() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry.action == "export" and result["sha256"][:16] in entry.summary
    assert f"X-ECMANUAL-DOCUMENT-ID:{result['document_id']}" in ics.unfold(path.read_text(encoding="utf-8"))
    assert exports.check_export(staffed, admin, path)["found"] is True
    with pytest.raises(PermissionDenied):
        training_exports.write_calendar(staffed, viewer, tmp_path / "x.ics", date(2026, 11, 5))
    assert not (tmp_path / "x.ics").exists()
