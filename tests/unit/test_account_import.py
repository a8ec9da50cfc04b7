"""Account import on real fixture files and a real SQLite database: encodings, headers, full-width
values, all-or-nothing errors, re-imports, removals, links, the remembered mapping, the CLI."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from ecmanual.cli import run
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.importers import ACCOUNT_FIELDS, parse_table, read_table
from ecmanual.importers import accounts as account_importer
from ecmanual.importers.accounts import _datetime_parser, _email, fast_clean, parse_accounts
from ecmanual.importers.values import JST, ValueProblem, clean, clean_column, parse_datetime, parse_email
from ecmanual.persistence.models import Account, AccountImport, AuditEntry, SaasSystem
from ecmanual.services import inventory, inventory_accounts, inventory_import, organisation
from ecmanual.services.context import CancelFlag, Cancelled
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.data import make_account_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data" / "accounts"
GOOD = {"ECforce": ("ecforce_cp932_crlf.csv", fx.ECFORCE), "KARTE": ("karte_utf8_bom.csv", fx.KARTE),
        "Google広告": ("google_ads_en.xlsx", fx.GOOGLE_ADS)}
BAD = ["bad_missing_column.csv", "bad_date.csv", "bad_duplicate_login.csv", "bad_empty.csv", "bad_wrong_type.pdf",
       "bad_image_named.csv"]
TABLES = ("account", "account_import", "saas_system", "audit_entry", "audit_head")
DATA_TABLES = ("account", "account_import", "saas_system")


def checksum(db, tables=TABLES) -> str:
    h = hashlib.sha256()
    with db.read() as s:
        for t in tables:
            for row in s.execute(text(f"SELECT * FROM {t} ORDER BY 1")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


@pytest.fixture
def staffed(seeded_db, admin):
    deps = {d.name: d.id for d in organisation.list_departments(seeded_db)}
    for name, kana, email, dep, _leave in fx.STAFF:
        organisation.create_staff(seeded_db, admin, name, kana=kana, email=email, department_id=deps[dep])
    return seeded_db


def accounts_of(db, system: str) -> dict[str, Account]:
    with db.read() as s:
        sid = s.scalar(select(SaasSystem.id).where(SaasSystem.name == system))
        return {a.login: a for a in s.scalars(select(Account).where(Account.system_id == sid))}


def test_fixture_files_match_their_generator(tmp_path):
    for p in fx.write_all(tmp_path):
        if p.suffix != ".xlsx":
            assert p.read_bytes() == (DATA / p.name).read_bytes(), p.name


def test_cp932_fixture_is_real_cp932_with_crlf_and_full_width_text():
    raw = (DATA / "ecforce_cp932_crlf.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 5
    assert "佐藤　花子".encode("cp932") in raw and fx.full_width("hanako.sato").encode("cp932") in raw
    assert (DATA / "karte_utf8_bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("system", list(GOOD))
def test_good_exports_import_with_normalised_values(staffed, admin, system):
    name, rows = GOOD[system]
    summary = inventory_import.import_accounts(staffed, admin, system, DATA / name)
    assert (summary["added"], summary["updated"], summary["removed"], summary["errors"]) == (len(rows), 0, 0, [])
    stored = accounts_of(staffed, system)
    assert set(stored) == {email for email, *_ in rows}
    for email, display, level, last, mfa in rows:
        a = stored[email]
        assert (a.email, a.display_name, a.native_level, a.mfa_enabled, a.status) == (email, display, level, mfa,
                                                                                       "active")
        expected = datetime.fromisoformat(last).replace(tzinfo=JST)
        assert a.last_login_at == expected and a.standard_level_id is not None
    with staffed.read() as s:
        imp = s.scalars(select(AccountImport).order_by(AccountImport.id.desc())).first()
        assert imp.sha256 == hashlib.sha256((DATA / name).read_bytes()).hexdigest() and imp.summary["added"] == len(rows)


def test_encoding_header_row_and_unmapped_columns_are_reported(staffed, admin):
    s = inventory_import.import_accounts(staffed, admin, "ECforce", DATA / "ecforce_cp932_crlf.csv", dry_run=True)
    assert (s["encoding"], s["kind"], s["dry_run"]) == ("cp932", "csv", True)
    assert s["columns"] == {"email": "メールアドレス", "display_name": "氏名", "role": "権限",
                            "last_login": "最終ログイン日時", "mfa": "二段階認証"}
    assert s["unmapped"] == [{"column": "備考欄", "reason": "not a known column name; ignored"}]
    assert accounts_of(staffed, "ECforce") == {}  # a dry run writes nothing
    assert inventory_import.import_accounts(staffed, admin, "KARTE", DATA / "karte_utf8_bom.csv",
                                            dry_run=True)["encoding"] == "utf-8-sig"


def test_import_links_by_email_and_writes_one_audit_entry(staffed, admin):
    with staffed.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    summary = inventory_import.import_accounts(staffed, admin, "ECforce", DATA / "ecforce_cp932_crlf.csv")
    assert summary["linked"] == 2
    stored = accounts_of(staffed, "ECforce")
    assert stored["hanako.sato@example.co.jp"].link_status == "auto"
    assert stored["ec-admin@example.co.jp"].staff_id is None
    with staffed.read() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.seq > before)))
    assert [(e.action, e.entity) for e in entries] == [("import", "account_import")]
    after = json.loads(entries[0].after)
    assert after["sha256"] == summary["sha256"] and after["added"] == 3 and after["file"] == "ecforce_cp932_crlf.csv"


@pytest.mark.parametrize("system", list(GOOD))
def test_reimporting_the_same_file_changes_nothing(staffed, admin, system):
    name, rows = GOOD[system]
    inventory_import.import_accounts(staffed, admin, system, DATA / name)
    before = checksum(staffed)
    summary = inventory_import.import_accounts(staffed, admin, system, DATA / name)
    assert (summary["added"], summary["updated"], summary["unchanged"], summary["removed"]) == (0, 0, len(rows), 0)
    assert summary["import_id"] is None and checksum(staffed) == before


def test_missing_accounts_are_removed_and_come_back(staffed, admin, tmp_path):
    inventory_import.import_accounts(staffed, admin, "Google広告", DATA / "google_ads_en.xlsx")
    s = inventory_import.import_accounts(staffed, admin, "Google広告", DATA / "google_ads_after_en.xlsx")
    assert (s["added"], s["updated"], s["removed"]) == (1, 1, 2)
    stored = accounts_of(staffed, "Google広告")
    assert stored["ken.tanaka@example.co.jp"].status == "removed" and stored["ken.tanaka@example.co.jp"].removed_at
    assert stored["taro.yamada@example.co.jp"].native_level == "管理者"
    assert stored["taro.yamada@example.co.jp"].version == 2
    s = inventory_import.import_accounts(staffed, admin, "Google広告", DATA / "google_ads_en.xlsx")
    assert (s["added"], s["updated"], s["removed"]) == (0, 3, 1)
    back = accounts_of(staffed, "Google広告")["ken.tanaka@example.co.jp"]
    assert back.status == "active" and back.removed_at is None


@pytest.mark.parametrize("name, where", [
    ("bad_missing_column.csv", [(1, "ログインID")]),
    ("bad_date.csv", [(2, "最終ログイン"), (4, "最終ログイン")]),
    ("bad_duplicate_login.csv", [(4, "メールアドレス")]),
])
def test_bad_rows_are_all_reported_and_nothing_is_stored(staffed, admin, name, where):
    inventory_import.import_accounts(staffed, admin, "ECforce", DATA / "ecforce_cp932_crlf.csv")
    before = checksum(staffed)
    with pytest.raises(InputError) as exc:
        inventory_import.import_accounts(staffed, admin, "ECforce", DATA / name)
    assert [(e.row, e.column) for e in exc.value.errors] == where
    assert exc.value.file.endswith(name) and checksum(staffed) == before


@pytest.mark.parametrize("name, message", [("bad_empty.csv", "the file is empty"),
                                           ("bad_wrong_type.pdf", "this is a PDF document"),
                                           ("bad_image_named.csv", "this is a PNG image")])
def test_unreadable_files_are_refused(staffed, admin, name, message):
    before = checksum(staffed)
    with pytest.raises(InputError, match=message):
        inventory_import.import_accounts(staffed, admin, "KARTE", DATA / name)
    assert checksum(staffed) == before


def _cli(monkeypatch, db_path, *args, user="admin", password=ADMIN_PASSWORD):
    monkeypatch.setenv("ECMANUAL_USER", user)
    monkeypatch.setenv("ECMANUAL_PASSWORD", password)
    return run(["--db", str(db_path), *args])


@pytest.mark.parametrize("name", BAD)
def test_cli_bad_files_exit_2_with_row_and_column_and_change_nothing(staffed, db_path, monkeypatch, capsys, name):
    before = checksum(staffed, DATA_TABLES)
    with staffed.read() as s:
        seq = s.scalar(select(func.max(AuditEntry.seq)))
    assert _cli(monkeypatch, db_path, "accounts", "import", "--system", "ECforce", str(DATA / name), "--json") == 2
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["ok"] is False and (out["added"], out["updated"], out["unchanged"], out["removed"]) == (0, 0, 0, 0)
    assert name in captured.err and checksum(staffed, DATA_TABLES) == before
    with staffed.read() as s:  # the CLI's sign-in is the only entry
        assert list(s.scalars(select(AuditEntry.action).where(AuditEntry.seq > seq))) in (["login"], [])
    if name == "bad_date.csv":
        assert [(e["row"], e["column"]) for e in out["errors"]] == [(2, "最終ログイン"), (4, "最終ログイン")]
        assert "2026/13/45" in out["errors"][0]["message"] and "row 2, column 最終ログイン" in captured.err


def test_cli_import_json_summary_and_systems_list(staffed, db_path, monkeypatch, capsys):
    assert _cli(monkeypatch, db_path, "accounts", "import", "--system", "KARTE", str(DATA / "karte_utf8_bom.csv"),
                "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("added", "updated", "unchanged", "removed", "errors")} == {
        "added": 3, "updated": 0, "unchanged": 0, "removed": 0, "errors": []}
    assert _cli(monkeypatch, db_path, "systems", "list", "--json") == 0
    systems = {x["name"]: x for x in json.loads(capsys.readouterr().out)}
    assert len(systems) == 6 and systems["KARTE"]["accounts"] == 3 and systems["KARTE"]["mfa_required"] is True
    assert {lv["name"]: lv["standard"] for lv in systems["KARTE"]["levels"]}["オーナー"] == "管理者"
    assert systems["ECforce"]["owner"] == "情報システム部門長"


def test_viewer_may_not_import(staffed, viewer, db_path, monkeypatch, capsys):
    with pytest.raises(PermissionDenied):
        inventory_import.import_accounts(staffed, viewer, "KARTE", DATA / "karte_utf8_bom.csv")
    assert _cli(monkeypatch, db_path, "accounts", "import", "--system", "KARTE", str(DATA / "karte_utf8_bom.csv"),
                user="viewer", password=USER_PASSWORD) == 3


def test_unknown_system_is_named(staffed, admin):
    with pytest.raises(InputError, match="no SaaS system named 'Slack'"):
        inventory_import.import_accounts(staffed, admin, "Slack", DATA / "karte_utf8_bom.csv")


def test_explicit_mapping_is_remembered_for_the_system(staffed, admin, tmp_path):
    odd = tmp_path / "karte_odd.csv"
    odd.write_text("表示名,連絡先,権限\n山田 太郎,taro.yamada@example.co.jp,編集者\n", encoding="utf-8")
    with pytest.raises(InputError, match="required columns are missing"):
        inventory_import.import_accounts(staffed, admin, "KARTE", odd)
    mapping = {"email": "連絡先", "display_name": "表示名", "role": "権限"}
    preview = inventory_import.preview_file(staffed, admin, odd, "KARTE", mapping=mapping)
    assert preview["problem"] is None and preview["columns"]["email"] == "連絡先"
    inventory_import.import_accounts(staffed, admin, "KARTE", odd, mapping=mapping, remember_mapping=True)
    assert inventory.get_system(staffed, admin, "KARTE").column_mapping == mapping
    odd.write_text("表示名,連絡先,権限\n山田 太郎,taro.yamada@example.co.jp,閲覧者\n", encoding="utf-8")
    s = inventory_import.import_accounts(staffed, admin, "KARTE", odd)  # the remembered mapping, no dialog
    assert s["updated"] == 1 and accounts_of(staffed, "KARTE")["taro.yamada@example.co.jp"].native_level == "閲覧者"
    s = inventory_import.import_accounts(staffed, admin, "KARTE", DATA / "karte_utf8_bom.csv")
    assert any("連絡先" in n for n in s["notes"])  # the remembered column is not in this file: detected by name


def test_preview_explains_a_file_that_cannot_be_mapped(staffed, admin):
    info = inventory_import.preview_file(staffed, admin, DATA / "bad_missing_column.csv", "ECforce")
    assert "required columns are missing" in info["problem"] and info["headers"] == ["氏名", "権限", "最終ログイン"]
    assert info["rows"] == [["佐藤 花子", "管理者", "2026/09/29"]]


def test_unknown_levels_are_noted_and_mapped_later(staffed, admin, tmp_path):
    f = tmp_path / "ptengine.csv"
    f.write_text("Email,Name,Role\nhanako.sato@example.co.jp,佐藤 花子,Super Admin\n", encoding="utf-8")
    s = inventory_import.import_accounts(staffed, admin, "Ptengine", f)
    assert s["unmapped_levels"] == {"Super Admin": 1} and any("Super Admin" in n for n in s["notes"])
    assert accounts_of(staffed, "Ptengine")["hanako.sato@example.co.jp"].standard_level_id is None
    levels = [(lv.name, lv.standard) for lv in inventory.get_system(staffed, admin, "Ptengine").levels]
    inventory.set_levels(staffed, admin, "Ptengine", levels + [("Super Admin", "管理者")])
    assert accounts_of(staffed, "Ptengine")["hanako.sato@example.co.jp"].standard_level_id is not None


def test_names_link_uncertainly_across_width_and_kana(staffed, admin, tmp_path):
    f = tmp_path / "line.csv"
    f.write_text("ログインID,氏名,権限\nline-yamada,やまだ　たろう,運用担当者\nline-x,山田 太郎 ,管理者\n"
                 "line-z,不明 さん,運用担当者\n", encoding="utf-8")
    s = inventory_import.import_accounts(staffed, admin, "LINE公式アカウント", f)
    assert s["linked"] == 2
    stored = accounts_of(staffed, "LINE公式アカウント")
    yamada = organisation.get_staff(staffed, "山田 太郎").id
    assert (stored["line-yamada"].staff_id, stored["line-yamada"].link_status) == (yamada, "uncertain")
    assert stored["line-x"].staff_id == yamada and stored["line-z"].staff_id is None
    confirmed = inventory_accounts.confirm_link(staffed, admin, "line-yamada")
    assert confirmed.link_status == "confirmed"
    relinked = inventory_accounts.link_account(staffed, admin, "line-x", None)
    assert (relinked.staff_id, relinked.link_status) == (None, "confirmed")
    s = inventory_import.import_accounts(staffed, admin, "LINE公式アカウント", f)
    assert s["updated"] == 0 and accounts_of(staffed, "LINE公式アカウント")["line-x"].staff_id is None


def test_cancel_leaves_nothing(staffed, admin, tmp_path):
    f = tmp_path / "many.csv"
    f.write_text("Email,Role\n" + "".join(f"u{i}@example.jp,閲覧者\n" for i in range(12_000)), encoding="utf-8")
    flag = CancelFlag()
    seen = []

    def progress(done, total, message):
        seen.append((done, total))
        if message == "adding accounts":
            flag.cancel()
    before = checksum(staffed)
    with pytest.raises(Cancelled):
        inventory_import.import_accounts(staffed, admin, "Meta広告", f, progress=progress, cancel=flag)
    assert checksum(staffed) == before and any(total == 12_000 for _, total in seen)


# --- the fast cell path is the layer's parsing, only faster ---------------------------------------------

@pytest.mark.parametrize("name", ["ecforce_cp932_crlf.csv", "karte_utf8_bom.csv", "google_ads_en.xlsx",
                                  "google_ads_after_en.xlsx"])
def test_parse_accounts_agrees_with_the_layers_parse_table(name):
    table = read_table(DATA / name)
    fast, slow = parse_accounts(table), parse_table(table, ACCOUNT_FIELDS)
    for f, s in zip(fast.records, slow.records, strict=True):
        expected = {k: (v.lower() if k == "login" and v else v) for k, v in s.values.items()}
        assert f.values == expected and f.row == s.row


TEXTS = st.text(alphabet=st.sampled_from(list("aZ9 .@-_　\t\u200bＡ１山やヤｶﾞ")), max_size=12)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_fast_clean_is_clean(text_):
    assert fast_clean(text_) == clean(text_)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, st.from_regex(r"[A-Za-z0-9._%+\-]{1,8}@[a-z0-9\-]{1,6}(\.[a-z]{2,3}){1,2}", fullmatch=True)))
def test_fast_email_is_parse_email(text_):
    try:
        expected = parse_email(text_)
    except ValueProblem as exc:
        with pytest.raises(ValueProblem, match="not a valid email"):
            _email(text_)
        assert str(exc)
    else:
        assert _email(text_) == expected


@settings(max_examples=400, deadline=None)
@given(st.integers(1990, 2040), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25), st.integers(0, 61),
       st.sampled_from(["/", "-"]), st.booleans())
def test_fast_datetime_is_parse_datetime(y, mo, d, hh, mm, sep, with_time):
    text_ = f"{y}{sep}{mo}{sep}{d}" + (f" {hh}:{mm:02d}" if with_time else "")
    try:
        expected = parse_datetime(text_, "mdy")
    except ValueProblem:
        with pytest.raises(ValueProblem):
            _datetime_parser("mdy")(text_)
    else:
        assert _datetime_parser("mdy")(text_) == expected


_PIECE = st.sampled_from(["09", "9", "30", "00", "12", "24", "61", "1"])
_SEP = st.sampled_from(["/", "-", ":", ".", " ", "T", "", "Z", "+"])


@settings(max_examples=800, deadline=None)
@given(st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789/-: T.+Z")), min_size=8, max_size=20).map(lambda t: "2026" + t[4:]),
    st.tuples(_SEP, _PIECE, _SEP, _PIECE, _SEP, _PIECE, _SEP, _PIECE, _SEP, _PIECE).map(lambda p: "2026" + "".join(p))))
def test_fast_datetime_agrees_on_odd_shapes(text_):
    try:
        expected = parse_datetime(text_, "mdy")
    except ValueError:  # ValueProblem, or a zone offset the layer lets through as ValueError
        with pytest.raises(ValueProblem):
            _datetime_parser("mdy")(text_)
    else:
        assert _datetime_parser("mdy")(text_) == expected


def test_bulk_insert_stores_exactly_what_core_stores(staffed, admin):
    from sqlalchemy import insert

    from ecmanual.persistence.base import utcnow
    from ecmanual.services.inventory_bulk import bulk_insert

    t = Account.__table__
    now = utcnow()
    common = {"system_id": 1, "email": "ａ@example.jp", "display_name": "山田　太郎", "native_level": "管理者",
              "standard_level_id": None, "mfa_enabled": False,
              "last_login_at": datetime(2026, 9, 30, 12, 0, 5, 123456, tzinfo=JST), "status": "active",
              "staff_id": None, "link_status": "none", "first_seen_at": now, "created_at": now, "updated_at": now,
              "version": 1, "is_shared": False, "is_service": True, "extra": {"k": ["値", 1]}}
    with staffed.write(admin) as s:
        conn = s.connection()
        conn.execute(insert(t), [{**common, "login": "core"}])
        cols = [c for c in common if c != "system_id"]
        bulk_insert(conn, t, ["login", *cols], [("bulk", *(common[c] for c in cols))], {"system_id": 1})
        rows = {r[0]: r[1:] for r in conn.execute(text(
            "SELECT login, " + ", ".join(cols) + " FROM account WHERE login IN ('core', 'bulk')"))}
    assert rows["core"] == rows["bulk"] and len(rows) == 2


def test_systems_can_be_set_from_the_command_line(staffed, db_path, monkeypatch, capsys):
    assert _cli(monkeypatch, db_path, "systems", "set", "KARTE", "--dormant-days", "30", "--mfa-required", "no",
                "--owner", "佐藤 花子") == 0
    assert "dormant after 30 days" in capsys.readouterr().out
    karte = inventory.get_system(staffed, _admin(staffed), "KARTE")
    assert (karte.dormant_days, karte.mfa_required, karte.owner) == (30, False, "佐藤 花子")
    assert _cli(monkeypatch, db_path, "systems", "levels", "Ptengine", "オーナー=管理者", "閲覧者=閲覧") == 0
    assert "オーナー=管理者, 閲覧者=閲覧" in capsys.readouterr().out
    assert _cli(monkeypatch, db_path, "systems", "levels", "Ptengine", "神=神様") == 2
    assert "unknown standard level" in capsys.readouterr().err
    assert _cli(monkeypatch, db_path, "systems", "policy", "--level", "管理者", "--department", "マーケティング部",
                "--system", "KARTE") == 0
    assert "in KARTE" in capsys.readouterr().out
    assert _cli(monkeypatch, db_path, "systems", "set", "KARTE", "--dormant-days", "0") == 2


def _admin(db):
    from ecmanual.services import users

    return users.actor_for(db, "admin")


# --- the column-wise paths give what the cell-by-cell parsers give -----------------------------------------

CELLS = st.text(alphabet=st.sampled_from(list("aZ9 .@-_　\t\u200bＡ１山やヤｶﾞﾞ\u3099\u0301e\x00\n")), max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=12))
def test_clean_column_is_clean_of_each_cell(texts):
    assert clean_column(texts) == [clean(t) for t in texts]
    assert clean_column([t for t in texts if t.isascii()]) == [clean(t) for t in texts if t.isascii()]


def test_clean_column_keeps_marks_at_cell_boundaries_apart():
    texts = ["ｶ", "ﾞ", "e", "\u0301x", "ﾘﾖｳｼｬ000001", "利用者　太郎", "a\u200bb", " x  y ", "", "\u3099"]
    assert clean_column(texts) == [clean(t) for t in texts]
    assert clean_column([None, "ａ"]) == [None, "a"]  # anything but str: cell by cell


EMAILS = st.one_of(CELLS, st.just(""), st.from_regex(r"[A-Za-z0-9._%+\-]{1,8}@[A-Za-z0-9\-]{1,6}(\.[a-z\-]{1,3}){1,2}",
                                                     fullmatch=True))


def _cells(parse, texts):
    out = []
    for t in texts:
        try:
            out.append(parse(t))
        except ValueProblem:
            return "problem"
    return out


def _column(parse, texts):
    try:
        return parse(texts)
    except ValueProblem:
        return "problem"


@settings(max_examples=400, deadline=None)
@given(st.lists(EMAILS, max_size=8))
def test_email_column_is_the_cell_parser(texts):
    assert _column(account_importer._email_column, texts) == _cells(_email, texts)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09_%+-.@\n ")), max_size=16))
def test_plain_lines_pattern_is_the_plain_email_pattern_per_line(text_):
    lines = text_.split("\n")
    each = sum(bool(account_importer._PLAIN_EMAIL.fullmatch(line)) for line in lines)
    assert len(account_importer._PLAIN_LINES.findall(text_)) == each


_DAY = st.tuples(st.integers(1999, 2031), st.integers(0, 13), st.integers(0, 32), st.sampled_from("/-"))
_CLOCK = st.one_of(st.just(""), st.tuples(st.integers(0, 25), st.integers(0, 61)).map(lambda t: f" {t[0]:02d}:{t[1]:02d}"),
                   st.tuples(st.integers(0, 24), st.integers(0, 59), st.integers(0, 61)).map(
                       lambda t: f" {t[0]:02d}:{t[1]:02d}:{t[2]:02d}"))
DATETIMES = st.one_of(st.tuples(_DAY, _CLOCK).map(lambda p: f"{p[0][0]:04d}{p[0][3]}{p[0][1]:02d}{p[0][3]}{p[0][2]:02d}"
                                                           + p[1]), st.just(""), st.just("2026/9/3"), st.just(" "))


@settings(max_examples=500, deadline=None)
@given(st.lists(DATETIMES, max_size=8), st.sampled_from(["", " 18:00", " 09:30:15"]))
def test_datetime_column_is_the_cell_parser(texts, clock):
    cell = account_importer._datetime_parser("auto")
    for column in (texts, [f"2026/09/{1 + i % 28:02d}{clock}" for i in range(len(texts) + 3)]):
        got = account_importer._datetime_column(column)
        if got is not None:  # None: the caller parses cell by cell
            assert got == _cells(cell, column) and all(v is None or v.tzinfo is JST for v in got)


def test_datetime_column_takes_the_fast_form_and_leaves_the_rest():
    assert account_importer._datetime_column(["2026/09/30 18:00", "2026-01-02 03:04"]) == [
        datetime(2026, 9, 30, 18, 0, tzinfo=JST), datetime(2026, 1, 2, 3, 4, tzinfo=JST)]
    assert account_importer._datetime_column(["2026/09/30", ""]) == [datetime(2026, 9, 30, tzinfo=JST), None]
    assert account_importer._datetime_column(["2026/09/30 18:00:05"] * 3) == [datetime(2026, 9, 30, 18, 0, 5, tzinfo=JST)] * 3
    for odd in (["2026/02/30 10:00"], ["2026/09/30 24:00"], ["2026年9月30日"], ["2026/09/30 18:00", "x"],
                ["2026/09/30T18:00"], ["2026/09/30 18:0a"], ["２０２６/09/30"], ["2026/09/30 18:00\n"]):
        assert account_importer._datetime_column(odd) is None


def test_parse_accounts_in_chunks_reports_progress_cancels_and_agrees_with_parse_table(tmp_path, monkeypatch):
    monkeypatch.setattr(account_importer, "PARSE_CHUNK", 7)
    rows = ["ログインID,メールアドレス,氏名,権限,最終ログイン日時,二段階認証,ステータス"]
    for i in range(40):
        last = ["2026/09/30 18:00", "", "2026年9月1日 9:05", "2026-09-0" + str(1 + i % 9)][i % 4] if i > 20 else \
            f"2026/09/{1 + i % 28:02d} 1{i % 10}:00"
        rows.append(f"Ｕ{i},user{i}@Example.jp,{'ﾘﾖｳｼｬ' if i % 2 else '利用者　'}{i},{'管理者' if i % 3 else '閲覧者'},{last},"
                    f"{'有効' if i % 2 else 'OFF'},{'有効' if i % 5 else '停止'}")
    f = tmp_path / "chunks.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = read_table(f)
    seen = []
    fast = parse_accounts(table, progress=lambda d, t, m: seen.append(d))
    slow = parse_table(table, ACCOUNT_FIELDS)
    assert not fast.errors and not slow.errors
    for a, b in zip(fast.records, slow.records, strict=True):
        assert a.values == {k: (v.lower() if k == "login" and v else v) for k, v in b.values.items()}
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 40
    flag = CancelFlag()
    with pytest.raises(Cancelled):
        parse_accounts(table, progress=lambda d, t, m: flag.cancel(), cancel=flag)


def test_bad_cells_in_a_later_chunk_are_all_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(account_importer, "PARSE_CHUNK", 5)
    lines = ["Email,Last login"] + [f"u{i}@example.jp,2026/09/{1 + i % 28:02d} 10:00" for i in range(20)]
    lines[13] = "u12@example.jp,2026/02/30 10:00"
    lines[17] = "not an address,2026/09/01 10:00"
    f = tmp_path / "bad.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = parse_accounts(read_table(f))
    assert sorted((e.row, e.column) for e in parsed.errors) == [(14, "Last login"), (18, "Email")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, "", "A@x.jp", "a@x.jp", "b@y.jp", "c@z.jp", "Ｄ@x.jp"]),
                          st.sampled_from([None, "", " 山田 太郎", "やまだ", "ヤマダ", "佐藤", "Yamada", "ｙａｍａｄａ", "・山"]),
                          st.sampled_from([None, "a@x.jp", "zz", "B@Y.JP"])), max_size=10))
def test_match_many_is_match_of_each(rows):
    from ecmanual.importers.accounts import StaffMatcher, StaffRef

    matcher = StaffMatcher([StaffRef(1, "山田 太郎", "やまだ", "a@x.jp"), StaffRef(2, "佐藤 花子", None, "B@y.jp"),
                            StaffRef(3, "Yamada", None, None), StaffRef(4, "山", None, None)])
    emails, names, logins = (list(c) for c in zip(*rows)) if rows else ([], [], [])
    expected = [matcher.match(e, n, lg) for e, n, lg in rows]
    ids, links = matcher.match_many(emails, names, logins)
    assert list(zip(ids, links)) == expected
    ids, links = matcher.match_many(emails, names, emails)
    assert list(zip(ids, links)) == [matcher.match(e, n, e) for e, n, _ in rows]


def test_plan_against_stored_accounts_is_the_same_column_wise(tmp_path):
    from ecmanual.importers.accounts import (
        KnownAccount, LevelRef, LevelResolver, StaffMatcher, StaffRef, plan_account_import,
    )

    f = tmp_path / "plan.csv"
    f.write_text("Email,Name,Role,Status\n" + "".join(
        f"u{i}@x.jp,利用者{i},{['管理者', '閲覧者', '謎の権限'][i % 3]},{'' if i % 4 else '停止'}\n" for i in range(12)),
        encoding="utf-8")
    parsed = parse_accounts(read_table(f))
    levels = LevelResolver([LevelRef("管理者", 1, 40)], [LevelRef("閲覧者", 4, 10)])
    matcher = StaffMatcher([StaffRef(7, "利用者3", None, None), StaffRef(8, "X", None, "U5@x.jp")])
    known = [KnownAccount(100 + i, f"u{i}@x.jp", f"u{i}@x.jp", f"利用者{i}", "閲覧者", 4, None, None, "active")
             for i in (1, 2, 3, 20)]
    plan = plan_account_import(parsed, known, levels, matcher)
    assert plan.added_rows == [2, 6, 7, 8, 9, 10, 11, 12, 13]
    added = {a[0]: dict(zip(account_importer.ADDED_COLUMNS, a)) for a in plan.added}
    assert added["u0@x.jp"]["standard_level_id"] == 1 and added["u0@x.jp"]["status"] == "suspended"
    assert added["u5@x.jp"]["staff_id"] == 8 and added["u5@x.jp"]["link_status"] == "auto"
    assert added["u6@x.jp"]["status"] == "active" and added["u8@x.jp"]["standard_level_id"] is None
    assert {u["id"]: sorted(u["changes"]) for u in plan.updated} == {
        102: ["native_level", "standard_level_id"], 103: ["link_status", "native_level", "staff_id", "standard_level_id"]}
    assert plan.unchanged == 1 and plan.removed == [120] and plan.linked == 2
    assert plan.unmapped_levels == {"謎の権限": 4}
    fresh = plan_account_import(parsed, [], levels, matcher)
    assert len(fresh.added) == 12 and fresh.linked == 2 and fresh.unmapped_levels == {"謎の権限": 4}


def test_sqlite_datetime_texts_are_cores():
    from datetime import UTC, timedelta, timezone

    from sqlalchemy.dialects import sqlite

    from ecmanual.services.inventory_bulk import _sqlite_utc_texts, column_processor

    dialect = sqlite.dialect()
    column = Account.__table__.c.last_login_at
    core = column.type.dialect_impl(dialect).bind_processor(dialect)
    assert column_processor(column, dialect) is _sqlite_utc_texts
    values = [None, datetime(2026, 9, 30, 8, 59, tzinfo=JST), datetime(2026, 9, 30, 9, 0, 0, 1, tzinfo=JST),
              datetime(999, 1, 1, 12, tzinfo=UTC), datetime(2026, 1, 1, 0, 0, 0, 123456, tzinfo=timezone(
                  -timedelta(hours=5, minutes=30))), datetime(2026, 9, 30, 8, 59, tzinfo=JST), None]
    assert _sqlite_utc_texts(values) == [core(v) for v in values]
    assert _sqlite_utc_texts([]) == []
    for naive in ([datetime(2026, 1, 1)], [None, datetime(2026, 1, 1)]):
        with pytest.raises(ValueError, match="naive"):
            core(naive[-1])
        with pytest.raises(ValueError, match="naive"):
            _sqlite_utc_texts(naive)
