"""The operations calendar on a real SQLite file: recurrence per cadence, overdue, done/skipped,
duty changes with audit, the .ics file read back line by line, and the `calendar` commands."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from sqlalchemy import select

from ecmanual.cli import run
from ecmanual.domain.errors import ConflictError, InputError, NotFound, PermissionDenied
from ecmanual.exports import ics
from ecmanual.persistence.models import AuditEntry, DutyOccurrence, ExportRecord
from ecmanual.services import calendar, exports, records
from ecmanual.services import organisation as org

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen

TODAY = date(2026, 11, 23)  # a Monday
JAN1 = date(2026, 1, 1)     # a Thursday: the seeds' DTSTART


def audit_entries(db, entity: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.seq)))


# --- recurrence, one case per cadence ---------------------------------------------------------

@pytest.mark.parametrize("rule, first, last, expected, cadence", [
    ("FREQ=DAILY;INTERVAL=2", date(2026, 11, 1), date(2026, 11, 9),
     [date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 7), date(2026, 11, 9)], "daily"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", date(2026, 11, 20), date(2026, 11, 27),
     [date(2026, 11, 20), date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26),
      date(2026, 11, 27)], "daily"),
    ("FREQ=WEEKLY;BYDAY=TH", date(2026, 11, 1), date(2026, 11, 30),
     [date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26)], "weekly"),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", JAN1, date(2026, 6, 30),  # last business day
     [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 29),
      date(2026, 6, 30)], "monthly"),
    ("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=3FR", JAN1, date(2026, 12, 31),
     [date(2026, 1, 16), date(2026, 4, 17), date(2026, 7, 17), date(2026, 10, 16)], "quarterly"),
    ("FREQ=YEARLY;BYMONTH=3,9;BYDAY=4MO", JAN1, date(2027, 12, 31),
     [date(2026, 3, 23), date(2026, 9, 28), date(2027, 3, 22), date(2027, 9, 27)], "half-yearly"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=3MO", JAN1, date(2027, 12, 31), [date(2026, 3, 16), date(2027, 3, 15)], "yearly"),
])
def test_occurrences_for_each_cadence(rule, first, last, expected, cadence):
    assert calendar.occurrences(rule, JAN1, first, last) == expected
    assert calendar.cadence(rule) == cadence
    assert calendar.next_occurrence(rule, JAN1, first) == expected[0]


def test_dtstart_is_not_an_occurrence_unless_the_rule_says_so():
    # 2026-01-01 is a Thursday; a Monday rule starts on the 5th.
    assert calendar.next_occurrence("FREQ=WEEKLY;BYDAY=MO", JAN1, JAN1) == date(2026, 1, 5)
    assert calendar.occurrences("FREQ=WEEKLY;BYDAY=MO;COUNT=2", JAN1, JAN1, date(2026, 12, 31)) == [
        date(2026, 1, 5), date(2026, 1, 12)]
    assert calendar.occurrences("FREQ=WEEKLY;BYDAY=MO", JAN1, date(2026, 2, 1), date(2026, 1, 1)) == []


@pytest.mark.parametrize("rule, text", [
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "平日（月〜金）"),
    ("FREQ=WEEKLY;BYDAY=MO", "毎週 月曜"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "隔週 火曜"),
    ("FREQ=MONTHLY;BYDAY=2FR", "毎月 第2金曜"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "毎月 最終金曜"),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=3", "毎月 第3営業日"),
    ("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=5", "1・4・7・10月 第5営業日"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "毎月 末日"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=1MO", "毎年 3月 第1月曜"),
    ("FREQ=MONTHLY;BYDAY=1TU,3TU;COUNT=5", "毎月 第1火曜・第3火曜（5回）"),
])
def test_rules_read_in_japanese(rule, text):
    assert calendar.describe(rule, JAN1) == text


@pytest.mark.parametrize("rule", ["", "FREQ=SOMETIMES", "FREQ=HOURLY", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX"])
def test_bad_rules_are_refused(rule):
    with pytest.raises(InputError):
        calendar.parse_rule(rule, JAN1)


def test_seeded_duties_next_due_owner_and_cadence(seeded_db):
    duties = {d.name: d for d in calendar.list_duties(seeded_db, on=TODAY)}
    assert len(duties) == 22
    expected = {
        "日次朝会": ("daily", date(2026, 11, 23)),
        "週次進捗会議": ("weekly", date(2026, 11, 23)),
        "メール定期配信": ("weekly", date(2026, 11, 26)),
        "月次レポート": ("monthly", date(2026, 12, 3)),          # third business day
        "月次運用監査": ("monthly", date(2026, 11, 30)),         # last business day
        "月次戦略会議": ("monthly", date(2026, 12, 11)),         # second Friday
        "四半期レビュー": ("quarterly", date(2027, 1, 15)),
        "四半期セキュリティ監査(権限棚卸し)": ("quarterly", date(2026, 12, 14)),
        "半期マニュアル更新": ("half-yearly", date(2027, 3, 22)),
        "年次リスク評価": ("yearly", date(2027, 3, 15)),
    }
    for name, (cadence, due) in expected.items():
        assert (duties[name].cadence, duties[name].next_due) == (cadence, due), name
    assert {d.cadence for d in duties.values()} == set(calendar.CADENCES)
    assert duties["月次戦略会議"].owner == "情報システム部門長（担当者なし）"
    assert duties["定期更新(ECforce)"].owner == "情報システム部" and duties["定期更新(ECforce)"].start_time == "10:00"


def test_owner_and_deputy_follow_the_role(seeded_db, admin):
    org.create_staff(seeded_db, admin, "佐藤 一郎", email="sato@example.jp")
    org.create_staff(seeded_db, admin, "鈴木 花子", email="suzuki@example.jp")
    org.assign_role(seeded_db, admin, "データ分析担当", "佐藤 一郎", start_date=date(2026, 4, 1))
    org.assign_role(seeded_db, admin, "データ分析担当", "鈴木 花子", kind="deputy", start_date=date(2026, 4, 1))
    report = calendar.get_duty(seeded_db, "週次レポート", on=TODAY)
    assert (report.owner, report.deputy) == ("データ分析担当（佐藤 一郎）", "鈴木 花子")
    assert calendar.get_duty(seeded_db, "週次レポート", on=date(2026, 3, 1)).owner == "データ分析担当（担当者なし）"


# --- duties: changes with audit ---------------------------------------------------------------

def test_duty_crud_is_checked_and_audited(db, admin, viewer):
    d = calendar.create_duty(db, admin, "棚卸し会議", "FREQ=MONTHLY;BYDAY=1MO", "2026-01-01", kind="meeting",
                             start_time="09:30", duration_minutes=30)
    assert (d.kind, d.cadence, d.recurrence, d.start_date) == ("meeting", "monthly", "毎月 第1月曜", JAN1)
    for bad in ({"rrule_text": "FREQ=NEVER"}, {"kind": "party"}, {"start_time": "25:00"}, {"duration_minutes": 0}):
        args = {"rrule_text": "FREQ=WEEKLY", **bad}
        with pytest.raises(InputError):
            calendar.create_duty(db, admin, "別の会議", args.pop("rrule_text"), JAN1, **args)
    with pytest.raises(InputError, match="already exists"):
        calendar.create_duty(db, admin, "棚卸し会議", "FREQ=WEEKLY", JAN1)
    with pytest.raises(PermissionDenied):
        calendar.create_duty(db, viewer, "見るだけ", "FREQ=WEEKLY", JAN1)

    changed = calendar.update_duty(db, admin, d.id, expected_version=d.version, rrule="RRULE:FREQ=MONTHLY;BYDAY=2MO")
    assert changed.rrule == "FREQ=MONTHLY;BYDAY=2MO" and changed.version == d.version + 1
    with pytest.raises(ConflictError):
        calendar.update_duty(db, admin, d.id, expected_version=d.version, name="古い版")
    entries = audit_entries(db, "duty")
    assert [e.action for e in entries] == ["create", "update"]
    assert json.loads(entries[1].before)["rrule"] == "FREQ=MONTHLY;BYDAY=1MO"

    calendar.mark_occurrence(db, admin, d.id, date(2026, 1, 12), "done")
    calendar.delete_duty(db, admin, d.id)
    assert [e.action for e in audit_entries(db, "duty_occurrence")] == ["create", "delete"]
    with pytest.raises(NotFound):
        calendar.get_duty(db, d.id)


# --- occurrences: done, skipped, overdue -------------------------------------------------------

@pytest.fixture
def weekly(db, admin):
    return calendar.create_duty(db, admin, "週次点検", "FREQ=WEEKLY;BYDAY=MO", "2026-01-01")


def test_overdue_within_the_look_back(db, admin, weekly):
    today = date(2026, 11, 25)  # Wednesday; Mondays before it: 11-16, 11-23 (and 11-09, outside 14 days)
    overdue = calendar.overdue(db, today, lookback_days=14, since=date(2026, 1, 1))
    assert [(o.duty, o.due_date, o.status) for o in overdue] == [
        ("週次点検", date(2026, 11, 16), "overdue"), ("週次点検", date(2026, 11, 23), "overdue")]
    assert [o.due_date for o in calendar.overdue(db, today, lookback_days=30, since=date(2026, 11, 10))] == [
        date(2026, 11, 16), date(2026, 11, 23)]
    assert [o.due_date for o in calendar.overdue(db, today, lookback_days=28, since=date(2026, 1, 1))] == [
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]

    done = calendar.mark_occurrence(db, admin, "週次点検", date(2026, 11, 16), "done", "点検表を保存")
    assert (done.status, done.by, done.note) == ("done", "admin", "点検表を保存")
    assert abs(done.at - datetime.now(UTC)) < timedelta(minutes=1)
    calendar.mark_occurrence(db, admin, weekly.id, date(2026, 11, 23), "skipped", "祝日")
    assert calendar.overdue(db, today, lookback_days=14, since=date(2026, 1, 1)) == []

    listed = calendar.between(db, date(2026, 11, 16), date(2026, 11, 30), today)
    assert [(o.due_date, o.status, o.by, o.note) for o in listed] == [
        (date(2026, 11, 16), "done", "admin", "点検表を保存"), (date(2026, 11, 23), "skipped", "admin", "祝日"),
        (date(2026, 11, 30), "open", None, None)]

    calendar.unmark_occurrence(db, admin, weekly.id, date(2026, 11, 23))
    assert [o.due_date for o in calendar.overdue(db, today, since=date(2026, 1, 1))] == [date(2026, 11, 23)]
    with pytest.raises(NotFound):
        calendar.unmark_occurrence(db, admin, weekly.id, date(2026, 11, 23))


def test_overdue_counts_from_the_day_the_duty_was_added(db, weekly):
    """A duty entered today (DTSTART in January) is not reported as missed for the months before."""
    added = records.today_jst()
    assert weekly.tracked_from == added
    later = added + timedelta(days=20)
    overdue = calendar.overdue(db, later, lookback_days=60)
    assert overdue and all(added <= o.due_date < later for o in overdue)
    assert [o.status for o in calendar.between(db, added - timedelta(days=14), added - timedelta(days=1), later)] \
        == ["untracked", "untracked"]


def test_marks_are_checked_recorded_and_replaced(db, admin, viewer, weekly):
    with pytest.raises(InputError, match="not due on 2026-11-24; nearest: 2026-11-23"):
        calendar.mark_occurrence(db, admin, weekly.id, date(2026, 11, 24))
    with pytest.raises(InputError):
        calendar.mark_occurrence(db, admin, weekly.id, date(2026, 11, 23), "forgotten")
    with pytest.raises(PermissionDenied):
        calendar.mark_occurrence(db, viewer, weekly.id, date(2026, 11, 23))
    calendar.mark_occurrence(db, admin, weekly.id, date(2026, 11, 23), "skipped")
    calendar.mark_occurrence(db, admin, weekly.id, date(2026, 11, 23), "done", "翌日に実施")
    with db.read() as s:
        rows = list(s.scalars(select(DutyOccurrence)))
    assert [(r.due_date, r.status, r.note, r.by_user_id) for r in rows] == [
        (date(2026, 11, 23), "done", "翌日に実施", admin.user_id)]
    entries = audit_entries(db, "duty_occurrence")
    assert [e.action for e in entries] == ["create", "update"]
    assert json.loads(entries[1].before)["status"] == "skipped" and json.loads(entries[1].after)["status"] == "done"


def test_agenda_lists_overdue_then_upcoming(seeded_db, admin):
    agenda = calendar.agenda(seeded_db, TODAY, days=3)
    upcoming = [(o.due_date, o.duty) for o in agenda["upcoming"]]
    assert upcoming[:4] == [(TODAY, "日次朝会"), (TODAY, "日次レポート"), (TODAY, "週次進捗会議"), (TODAY, "週次レポート")]
    assert (date(2026, 11, 25), "定期更新(ECforce)") in upcoming and max(d for d, _ in upcoming) == date(2026, 11, 25)
    with pytest.raises(InputError):
        calendar.upcoming(seeded_db, TODAY, days=0)


# --- iCalendar --------------------------------------------------------------------------------

def test_fold_and_escape_keep_rfc_5545():
    line = "DESCRIPTION:" + "担当: 情報システム部門長, 代行; なし\\n" * 6
    folded = ics.fold(line)
    pieces = folded.split("\r\n ")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces) and "".join(pieces) == line
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def _events(text: str) -> list[dict[str, str]]:
    events, current = [], None
    for line in ics.unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def test_ics_export_read_back_line_by_line(seeded_db, admin, tmp_path):
    calendar.update_duty(seeded_db, admin, calendar.get_duty(seeded_db, "テンプレート審査会").id, active=False)
    out = tmp_path / "out"
    out.mkdir()
    result = calendar.export_ics(seeded_db, admin, out / "業務カレンダー.ics", today=TODAY)
    raw = (out / "業務カレンダー.ics").read_bytes()
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    lines = ics.unfold(text)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ecmanual//ecmanual//JA"]
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 21 == result["events"]
    assert f"X-ECMANUAL-DOCUMENT-ID:{result['document_id']}" in lines
    assert ["BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE"] == \
        lines[lines.index("BEGIN:VTIMEZONE"):lines.index("END:VTIMEZONE") + 1]

    events = {e["SUMMARY"]: e for e in _events(text)}
    assert "テンプレート審査会" not in events
    update = events["定期更新(ECforce)"]
    assert update["DTSTART;TZID=Asia/Tokyo"] == "20260107T100000"  # the first Wednesday, 10:00 in Tokyo
    assert update["DURATION"] == "PT2H" and update["RRULE"] == "FREQ=WEEKLY;BYDAY=WE"
    assert update["UID"] == f"duty-{calendar.get_duty(seeded_db, '定期更新(ECforce)').id}@ecmanual"
    assert update["DESCRIPTION"].startswith("担当: 情報システム部\\n代行: 未設定\\n繰り返し: 毎週 水曜")
    review = events["四半期レビュー"]
    assert review["DTSTART;VALUE=DATE"] == "20260116" and review["CATEGORIES"] == "会議"
    assert review["TRANSP"] == "TRANSPARENT" and "TRANSP" not in update  # an all-day due date blocks no time
    assert review["X-ECMANUAL-CADENCE"] == "quarterly"

    # A calendar program expanding the RRULE from the DTSTART gets the app's own dates.
    for name in ("四半期レビュー", "月次運用監査", "日次朝会"):
        e = events[name]
        start = datetime.strptime(e["DTSTART;VALUE=DATE"], "%Y%m%d")
        theirs = [d.date() for d in rrulestr(e["RRULE"], dtstart=start).between(
            datetime(2026, 1, 1), datetime(2026, 12, 31), inc=True)]
        duty = calendar.get_duty(seeded_db, name)
        assert theirs == calendar.occurrences(duty.rrule, duty.start_date, date(2026, 1, 1), date(2026, 12, 31))

    with seeded_db.read() as s:
        rec = s.scalars(select(ExportRecord).where(ExportRecord.fmt == "ics")).one()
    assert (rec.kind, rec.sha256, rec.size) == ("calendar", result["sha256"], len(raw))
    assert exports.check_export(seeded_db, admin, out / "業務カレンダー.ics")["found"] is True
    assert [p.name for p in out.iterdir()] == ["業務カレンダー.ics"]  # no temp file left


def test_ics_export_needs_the_export_permission(seeded_db, viewer, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied):
        calendar.export_ics(seeded_db, viewer, out / "x.ics")
    assert list(out.iterdir()) == []


def test_ics_export_leaves_nothing_when_the_record_fails(seeded_db, admin, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()

    def broken(*_a, **_k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(calendar.audit, "record", broken)
    with pytest.raises(RuntimeError):
        calendar.export_ics(seeded_db, admin, out / "x.ics")
    assert list(out.iterdir()) == []
    with seeded_db.read() as s:
        assert s.scalars(select(ExportRecord)).all() == []


# --- the command line -------------------------------------------------------------------------

@pytest.fixture
def as_admin(monkeypatch, seeded_db, db_path):
    monkeypatch.setenv("ECMANUAL_USER", "admin")
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    return ["--db", str(db_path)]


def test_cli_calendar_commands(as_admin, capsys, tmp_path, seeded_db):
    assert run([*as_admin, "calendar", "list", "--today", "2026-11-23", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 22 and listed[0]["next_due"] == "2026-11-23"

    assert run([*as_admin, "calendar", "done", "月次改善提案", "--date", "2026-11-27", "--note", "提案3件"]) == 0
    assert "done by admin" in capsys.readouterr().out
    assert run([*as_admin, "calendar", "done", "月次改善提案", "--date", "2026-11-26"]) == 2
    assert "not due on 2026-11-26" in capsys.readouterr().err
    assert run([*as_admin, "calendar", "done", "週次進捗会議", "--date", "2026-11-23", "--skip", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "skipped"

    assert run([*as_admin, "calendar", "due", "--today", "2026-11-23", "--days", "7", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    marked = {(o["duty"], o["due_date"]): o for o in due["upcoming"]}
    assert marked[("月次改善提案", "2026-11-27")]["status"] == "done"
    assert marked[("月次改善提案", "2026-11-27")]["note"] == "提案3件"
    assert marked[("週次進捗会議", "2026-11-23")]["status"] == "skipped"
    assert run([*as_admin, "calendar", "done", "週次進捗会議", "--date", "2026-11-23", "--undo"]) == 0
    capsys.readouterr()

    out = tmp_path / "cal.ics"
    assert run([*as_admin, "calendar", "ics", "--out", str(out)]) == 0
    assert "22 events" in capsys.readouterr().out and out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_cli_viewer_may_read_but_not_mark(monkeypatch, seeded_db, viewer, db_path, capsys):
    password_chosen(seeded_db, "viewer")
    monkeypatch.setenv("ECMANUAL_USER", "viewer")
    monkeypatch.setenv("ECMANUAL_PASSWORD", USER_PASSWORD)
    assert run(["--db", str(db_path), "calendar", "due", "--today", "2026-11-23"]) == 0
    assert "日次朝会" in capsys.readouterr().out
    assert run(["--db", str(db_path), "calendar", "done", "日次朝会", "--date", "2026-11-23"]) == 3
