"""The importer layer on real files: encodings, delimiters, XLSX, headers, values, row errors."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ecmanual.domain.errors import InputError
from ecmanual.importers import ACCOUNT_FIELDS, STAFF_FIELDS, parse_file, parse_table, read_bytes, read_table
from ecmanual.importers.values import (
    ValueProblem, clean, parse_bool, parse_date, parse_datetime, parse_email, resolve_date_order,
)
from tests.data import make_fixtures

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD_FILES = ["staff_utf8_en.csv", "staff_utf8_bom.csv", "staff_cp932_crlf.csv", "staff.tsv",
              "staff_semicolon.csv", "staff_smarthr.csv", "staff.xlsx"]
COMPARED = ("name", "kana", "email", "department", "manager", "employment_type", "hire_date", "leave_date", "status")


def _parse(path, **kw):
    return parse_file(path, STAFF_FIELDS, unique=(("email",),), **kw)


def _values(parsed):
    return [{k: r.values.get(k) for k in COMPARED} for r in parsed.records]


def _write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def test_fixture_files_match_their_generator(tmp_path):
    """The committed text fixtures are exactly what make_fixtures.py writes."""
    for p in make_fixtures.write_all(tmp_path):
        if p.suffix != ".xlsx":
            assert p.read_bytes() == (DATA / p.name).read_bytes(), p.name


@pytest.mark.parametrize("name", GOOD_FILES)
def test_every_export_reads_to_the_same_people(name):
    parsed = _parse(DATA / name)
    assert parsed.errors == []
    expected = [{"name": n, "kana": k, "email": e, "department": d, "manager": m or None,
                 "employment_type": t, "hire_date": date.fromisoformat(h),
                 "leave_date": date.fromisoformat(lv) if lv else None,
                 "status": "left" if st_ == "退職" else "active"}
                for n, k, e, d, m, t, h, lv, st_ in make_fixtures.PEOPLE]
    assert _values(parsed) == expected


def test_encoding_delimiter_and_header_row_are_reported():
    cp = _parse(DATA / "staff_cp932_crlf.csv")
    assert (cp.source["encoding"], cp.source["delimiter"], cp.mapping.header_row) == ("cp932", ",", 3)
    assert cp.records[0].row == 4  # rows are numbered as a spreadsheet shows them
    assert _parse(DATA / "staff_utf8_bom.csv").source["encoding"] == "utf-8-sig"
    assert _parse(DATA / "staff.tsv").source["delimiter"] == "\t"
    assert _parse(DATA / "staff_semicolon.csv").source["delimiter"] == ";"
    x = _parse(DATA / "staff.xlsx")
    assert (x.source["kind"], x.source["sheet"], x.mapping.header_row) == ("xlsx", "スタッフ", 3)


def test_cp932_file_is_really_cp932_with_crlf():
    raw = (DATA / "staff_cp932_crlf.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n") > 5
    assert "山田　太郎".encode("cp932") in raw and "ｻﾄｳ".encode("cp932") in raw


def test_english_usa_dates_are_read_month_first_from_the_file():
    parsed = _parse(DATA / "staff_utf8_en.csv")
    assert parsed.records[4]["hire_date"] == date(2025, 1, 6)  # 1/6/2025: told by 3/31/2026 in the file
    assert parsed.records[0]["email"] == "taro.yamada@example.co.jp"


def test_smarthr_split_names_are_joined_and_unknown_columns_explained():
    parsed = _parse(DATA / "staff_smarthr.csv")
    assert parsed.mapping.derived == {"name": ("family_name", "given_name"), "kana": ("family_kana", "given_kana")}
    assert parsed.mapping.header_of("name") == "姓 + 名"
    assert [u.column for u in parsed.mapping.unmapped] == ["社員番号"]
    assert "not a known column" in parsed.mapping.unmapped[0].reason


def test_quoted_fields_with_newlines_and_multiline_notes(tmp_path):
    p = _write(tmp_path, "n.csv", '氏名,メールアドレス,備考\r\n"山田\r\n太郎",a@example.jp,"1行目\r\n  2行目  "\r\nB,b@example.jp,x\r\n')
    parsed = _parse(p)
    assert parsed.records[0]["name"] == "山田 太郎"
    assert parsed.records[0]["notes"] == "1行目\n2行目"
    assert [r.row for r in parsed.records] == [2, 3]


def test_xlsx_named_sheet_numbers_and_gaps(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "一覧"
    ws.append(["氏名", "メールアドレス", "入社日", "社員番号"])
    ws.append(["山田 太郎", "a@example.jp", datetime(2026, 4, 1), 12.0])
    ws.append([])
    ws.append([])
    ws.append(["佐藤 花子", "b@example.jp", 46113, 7])  # a serial day number in a General cell
    other = wb.create_sheet("Accounts")
    other.append(["Email", "Role", "2FA"])
    other.append(["x@example.jp", "Admin", "ON"])
    p = tmp_path / "s.xlsx"
    wb.save(p)
    t = read_table(p)
    assert t.sheet == "一覧" and [r.number for r in t.rows] == [1, 2, 5]
    assert t.rows[1].cells == ["山田 太郎", "a@example.jp", "2026-04-01", "12"]
    parsed = _parse(p)
    assert [r["hire_date"] for r in parsed.records] == [date(2026, 4, 1), date(2026, 4, 1)]
    acc = parse_file(p, ACCOUNT_FIELDS, sheet="accounts")
    assert acc.records[0].values["login"] == "x@example.jp" and acc.records[0]["mfa"] is True
    with pytest.raises(InputError, match="no sheet named"):
        read_table(p, sheet="ない")


@pytest.mark.parametrize("text, expected", [
    ("2026/04/01", date(2026, 4, 1)), ("2026-4-1", date(2026, 4, 1)), ("2026.04.01", date(2026, 4, 1)),
    ("20260401", date(2026, 4, 1)), ("2026年4月1日", date(2026, 4, 1)), ("２０２６年４月１日", date(2026, 4, 1)),
    ("2026年 4月 1日(水)", date(2026, 4, 1)), ("令和8年4月1日", date(2026, 4, 1)), ("R8.4.1", date(2026, 4, 1)),
    ("令和元年5月1日", date(2019, 5, 1)), ("平成31年4月30日", date(2019, 4, 30)), ("Apr 1, 2026", date(2026, 4, 1)),
    ("April 1st, 2026", date(2026, 4, 1)), ("Wed, Apr 1, 2026 9:30 AM", date(2026, 4, 1)),
    ("1 Apr 2026", date(2026, 4, 1)), ("01-Apr-2026", date(2026, 4, 1)), ("2026-04-01 09:30", date(2026, 4, 1)),
    ("2026/04/01 9:30:15", date(2026, 4, 1)), ("2026-04-01T09:30:00", date(2026, 4, 1)),
    ("2026-03-31T16:00:00Z", date(2026, 4, 1)),  # UTC evening is the next morning in Japan
    ("2026-03-31T23:30:00+09:00", date(2026, 3, 31)), ("2026/04/01 午後3:00", date(2026, 4, 1)),
    ("46113", date(2026, 4, 1)), ("46113.5", date(2026, 4, 1)), ("4/13/2026", date(2026, 4, 13)),
    ("13/4/2026", date(2026, 4, 13)), ("", None), ("  ", None), ("-", None), ("\u3000", None),
])
def test_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026/13/01", "2026/02/30", "明日", "4月1日", "2026-04-01 25:00", "12345",
                                  "Foo 1, 2026", "令和0年1月1日", "2026-04-01 x"])
def test_bad_dates(text):
    with pytest.raises(ValueProblem):
        parse_date(text)


def test_datetime_is_aware_in_japan_time():
    assert parse_datetime("2026-04-01 09:30") == datetime(2026, 4, 1, 9, 30, tzinfo=timezone(timedelta(hours=9)))
    assert parse_datetime("2026-04-01T00:30:00Z").astimezone(timezone.utc).hour == 0


def test_ambiguous_numeric_dates_by_file():
    assert resolve_date_order(["01/04/2026", "13/04/2026"]) == ("dmy", None)
    assert resolve_date_order(["4/1/2026", "4/13/2026"]) == ("mdy", None)
    assert resolve_date_order(["4/1/2026", "5/2/2026"]) == ("mdy", None)  # nothing tells: month first
    order, note = resolve_date_order(["13/4/2026", "14/4/2026", "4/13/2026"])
    assert order == "dmy" and "majority" in note
    assert parse_date("01/04/2026", "dmy") == date(2026, 4, 1)
    assert parse_date("01/04/2026", "mdy") == date(2026, 1, 4)


def test_day_first_file_reads_ambiguous_rows_day_first(tmp_path):
    p = _write(tmp_path, "d.csv", "Name,Email,Start date\nA,a@x.jp,01/04/2026\nB,b@x.jp,25/12/2025\n")
    assert [r["hire_date"] for r in _parse(p).records] == [date(2026, 4, 1), date(2025, 12, 25)]


@pytest.mark.parametrize("text, expected", [
    ("有効", True), ("無効", False), ("ON", True), ("off", False), ("はい", True), ("いいえ", False),
    ("true", True), ("FALSE", False), ("enabled", True), ("Disabled", False), ("✓", True), ("1", True),
    ("0", False), ("１", True), ("", None), ("-", None)])
def test_booleans(text, expected):
    assert parse_bool(text) is expected if expected is not None else parse_bool(text) is None


def test_text_and_email_normalisation():
    assert clean("\u3000ＡＢＣ　１２３\u200b ") == "ABC 123"
    assert clean("ﾔﾏﾀﾞ") == "ヤマダ"
    assert parse_email(" Taro.Yamada＠Example.CO.JP ") == "taro.yamada@example.co.jp"
    assert parse_email("<a@b.jp>") == "a@b.jp"
    for bad in ["taro", "a@b", "a b@c.jp", "a@@b.jp", "a@b..jp", "@b.jp"]:
        with pytest.raises(ValueProblem):
            parse_email(bad)
    with pytest.raises(ValueProblem):
        parse_bool("たぶん")


def test_headers_normalised_and_marked(tmp_path):
    p = _write(tmp_path, "h.csv", "ＮＡＭＥ,メールアドレス（個人）,e_mail,部署*,Start Date,社員番号\n"
                                  "A,a@home.jp,a@x.jp,営業,2026/4/1,1\n")
    m = _parse(p).mapping
    # An exact name beats one found by dropping a bracketed note, wherever it stands.
    assert m.as_dict()["columns"] == {"name": "ＮＡＭＥ", "email": "e_mail", "department": "部署*",
                                      "hire_date": "Start Date"}
    assert [(u.column, u.reason[:10]) for u in m.unmapped] == [("メールアドレス（個人）", "also names"),
                                                               ("社員番号", "not a know")]


def test_explicit_mapping_overrides_and_leaves_out(tmp_path):
    p = _write(tmp_path, "m.csv", "社員,連絡先,所属\nA,a@x.jp,営業\n")
    parsed = _parse(p, mapping={"name": "社員", "email": "連絡先", "department": None})
    assert parsed.records[0].values == {"name": "A", "email": "a@x.jp"}
    assert [(u.column, u.reason) for u in parsed.mapping.unmapped] == [("所属", "left out by the column mapping")]
    with pytest.raises(InputError, match="no row among"):
        _parse(p, mapping={"name": "氏名X"})
    with pytest.raises(InputError, match="unknown field"):
        _parse(p, mapping={"nickname": "社員"})


# ---------------------------------------------------------------- malformed files

def test_missing_required_column_names_it(tmp_path):
    p = _write(tmp_path, "m.csv", "メールアドレス,部署\na@x.jp,営業\n")
    with pytest.raises(InputError) as e:
        _parse(p)
    assert e.value.file == str(p) and "氏名" in e.value.message
    assert e.value.errors[0].column == "氏名" and e.value.errors[0].row == 1


def test_every_bad_row_is_reported_with_row_and_column(tmp_path):
    p = _write(tmp_path, "bad.csv", "氏名,メールアドレス,入社日,在籍状況\n"
                                    "山田 太郎,taro@x.jp,2026/04/01,在籍\n"
                                    "佐藤 花子,hanako-at-x.jp,2026/04/01,在籍\n"
                                    "鈴木 一郎,ichiro@x.jp,2026/02/30,在籍\n"
                                    ",empty@x.jp,2026/04/01,休暇中\n"
                                    "高橋 美咲,TARO@x.jp,2026/04/01,在籍\n")
    parsed = _parse(p)
    got = {(e.row, e.column) for e in parsed.errors}
    assert got == {(3, "メールアドレス"), (4, "入社日"), (5, "氏名"), (5, "在籍状況"), (6, "メールアドレス")}
    dup = next(e for e in parsed.errors if e.row == 6)
    assert "rows 2 and 6" in dup.message
    with pytest.raises(InputError) as e:
        parsed.raise_for_errors()
    assert len(e.value.errors) == 5 and "row 4, column 入社日" in str(e.value)


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"\xef\xbb\xbf", "empty"), (b"\r\n\r\n  \r\n", "empty"), (b",,,\n,,\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, ".xls"), (b"PK\x03\x04garbage", "ZIP"),
    (b"\x00\x01\x02\x03binary", "binary"), (b"name,email\n\x01\x02,x\n", "control characters"),
])
def test_unusable_files_are_refused_naming_the_file(data, message):
    with pytest.raises(InputError, match=message) as e:
        read_bytes(data, "upload.csv")
    assert e.value.file == "upload.csv"


def test_undecodable_bytes_say_where(tmp_path):
    p = _write(tmp_path, "u.csv", "氏名,メール\n山田,a@x.jp\n".encode("cp932") + b"\x85\x40,b@x.jp\n")
    with pytest.raises(InputError) as e:
        read_table(p)
    text = str(e.value)
    assert str(p) in text and "line 3" in text and "0x85" in text and "CP932" in text


def test_no_header_row_and_missing_file(tmp_path):
    p = _write(tmp_path, "x.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(InputError, match="no header row"):
        _parse(p)
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "nothing.csv")
    with pytest.raises(InputError, match="folder"):
        read_table(tmp_path)


def test_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    p = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(InputError, match="Word document"):
        read_table(p)


# ---------------------------------------------------------------- fuzz

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_only_raise_input_error(data):
    try:
        t = read_bytes(data, "fuzz.bin")
        parse_table(t, STAFF_FIELDS, unique=(("email",),))
    except InputError:
        pass


_CELL = st.one_of(st.sampled_from(["氏名", "Name", "メールアドレス", "E-mail", "入社日", "在籍状況", "二段階認証",
                                   "2026/04/01", "令和8年4月1日", "13/13/2026", "a@x.jp", "有効", "", "\u3000",
                                   '"', "\r\n", "R99.99.99"]),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([",", "\t", ";"]), st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
def test_random_csv_text_only_raises_input_error(rows, sep, encoding):
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    data = buf.getvalue().encode(encoding, errors="ignore")
    for fieldset in (STAFF_FIELDS, ACCOUNT_FIELDS):
        try:
            parse_table(read_bytes(data, "fuzz.csv"), fieldset, unique=(("email",),))
        except InputError:
            pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=255)),
                min_size=1, max_size=8))
def test_damaged_xlsx_only_raises_input_error(flips):
    data = bytearray((DATA / "staff.xlsx").read_bytes())
    for pos, value in flips:
        data[pos % len(data)] = value
    try:
        parse_table(read_bytes(bytes(data), "damaged.xlsx"), STAFF_FIELDS, unique=(("email",),))
    except InputError:
        pass


def test_excel_unicode_text_utf16_tab(tmp_path):
    p = _write(tmp_path, "u.txt", "氏名\tメールアドレス\r\n山田 太郎\ta@example.jp\r\n".encode("utf-16"))
    parsed = _parse(p)
    assert parsed.source["encoding"] == "utf-16" and parsed.records[0]["name"] == "山田 太郎"


def test_account_exports_map_to_the_account_fields(tmp_path):
    google = _write(tmp_path, "g.csv", "First Name [Required],Last Name [Required],Email Address [Required],"
                                       "Status [READ ONLY],Last Sign In [READ ONLY],2sv Enrolled [READ ONLY]\n"
                                       "Taro,Yamada,Taro@Example.jp,Active,2026/03/31 23:10:00,True\n"
                                       "Hanako,Sato,hanako@example.jp,Suspended,Never logged in,False\n")
    parsed = parse_file(google, ACCOUNT_FIELDS, unique=(("login",),))
    assert parsed.errors == []
    first, second = parsed.records
    assert (first["login"], first["email"], first["status"], first["mfa"]) == (
        "taro@example.jp", "taro@example.jp", "active", True)
    assert first["last_login"] == datetime(2026, 3, 31, 23, 10, tzinfo=timezone(timedelta(hours=9)))
    assert (second["status"], second["last_login"], second["mfa"]) == ("suspended", None, False)
    karte = _write(tmp_path, "k.csv", "ユーザー名,メールアドレス,権限,最終ログイン日時,二段階認証\n"
                                      "yamada,taro@example.jp,管理者,2026年3月31日 10:00,有効\n", "cp932")
    rec = parse_file(karte, ACCOUNT_FIELDS).records[0]
    assert (rec["login"], rec["role"], rec["mfa"]) == ("yamada", "管理者", True)


def test_login_from_email_is_required_and_reported_once(tmp_path):
    p = _write(tmp_path, "a.csv", "Email,Role\nok@example.jp,Admin\n,Viewer\nbroken-address,Viewer\n")
    parsed = parse_file(p, ACCOUNT_FIELDS)
    assert [(e.row, e.column, e.message.split(":")[0]) for e in parsed.errors] == [
        (3, "Email", "ログインID is empty"), (4, "Email", "not a valid email address")]


# --- the reader's shortcuts give what the plain code gives --------------------------------------------------

def test_source_rows_behave_like_the_list_of_rows():
    from ecmanual.importers.reader import SourceRow, SourceRows, row_columns

    t = read_bytes("a,b\r\n\r\n , \r\nc,d\r\n\"x\ny\",z\r\n".encode(), "f.csv")
    assert isinstance(t.rows, SourceRows) and len(t.rows) == 3
    assert list(t.rows) == [SourceRow(1, ["a", "b"]), SourceRow(4, ["c", "d"]), SourceRow(5, ["x\ny", "z"])]
    assert t.rows == list(t.rows) and t.rows[1:] == [SourceRow(4, ["c", "d"]), SourceRow(5, ["x\ny", "z"])]
    assert t.rows[-1].number == 5 and t.rows.index(t.rows[1]) == 1 and t.rows[1:][0] == t.rows[1]
    assert row_columns(t.rows) == ([1, 4, 5], [["a", "b"], ["c", "d"], ["x\ny", "z"]])
    assert row_columns(list(t.rows)) == row_columns(t.rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["a", "bb", "x" * 300, "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1e", "\x85",
                                 "\u2028"]), max_size=300), st.integers(1, 40))
def test_first_lines_are_the_first_of_splitlines(pieces, count):
    from ecmanual.importers.reader import _first_lines

    text = "".join(pieces)
    assert _first_lines(text, count) == text.splitlines()[:count]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["a", ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "x" * 4000, " ", "あ" * 3000]),
                max_size=120), st.sampled_from(",;\t"), st.sampled_from([1, 3, 30]))
def test_sniffing_reads_the_head_as_the_whole_text(pieces, delimiter, limit):
    from ecmanual.importers.reader import _head_records, _records

    def rows(read):
        try:
            return read()
        except InputError as exc:
            return exc.message

    text = "".join(pieces)
    assert rows(lambda: _head_records(text, delimiter, "f", limit)) == rows(lambda: _records(text, delimiter, "f", limit))


def test_control_characters_in_the_first_lines_are_refused_with_the_line(tmp_path):
    body = "a,b\n" * 10 + "c\x07,d\n"
    with pytest.raises(InputError, match="line 11 contains control characters"):
        read_bytes(body.encode(), "f.csv")
    assert len(read_bytes(("a,b\n" * 2000 + "c\x07,d\n").encode(), "f.csv").rows) == 2001  # only the first 2000
    assert len(read_bytes(b"a\x1cb,c\n", "f.csv").rows) >= 1  # a line separator, not in a line
