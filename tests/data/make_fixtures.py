"""Write the staff-import fixture files of tests/data (run: python tests/data/make_fixtures.py).

Every good file holds the same five people, exported the ways Japanese tools and Excel do:
English headers in UTF-8, Japanese headers with a BOM, CP932 with CRLF and title lines and
full-width/half-width characters, TSV, semicolons, XLSX with date cells, SmartHR-style split
names. Importing any of them after another must change nothing.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

DEPARTMENTS = ["マーケティング部", "情報システム部", "カスタマーサポート部", "物流部"]

# name, kana, email, department, manager, employment type, hire date, leave date, status
PEOPLE = [
    ("山田 太郎", "ヤマダ タロウ", "taro.yamada@example.co.jp", "マーケティング部", "", "正社員", "2020-04-01", "", "在籍"),
    ("佐藤 花子", "サトウ ハナコ", "hanako.sato@example.co.jp", "情報システム部", "山田 太郎", "正社員", "2021-10-01", "", "在籍"),
    ("鈴木 一郎", "スズキ イチロウ", "ichiro.suzuki@example.co.jp", "カスタマーサポート部", "hanako.sato@example.co.jp",
     "契約社員", "2023-04-01", "", "在籍"),
    ("高橋 美咲", "タカハシ ミサキ", "misaki.takahashi@example.co.jp", "マーケティング部", "山田 太郎", "業務委託",
     "2024-07-01", "", "在籍"),
    ("田中 健", "タナカ ケン", "ken.tanaka@example.co.jp", "物流部", "佐藤 花子", "パート・アルバイト", "2025-01-06",
     "2026-03-31", "退職"),
]

JA_HEADER = ["氏名", "フリガナ", "メールアドレス", "部署", "上長", "雇用形態", "入社日", "退職日", "在籍状況"]
EN_HEADER = ["Full name", "Kana", "E-mail", "Department", "Manager", "Employment type", "Hire date", "Leave date",
             "Status"]
EN_VALUES = {"正社員": "Full-time", "契約社員": "Contract", "業務委託": "Contractor", "パート・アルバイト": "Part-time",
             "在籍": "Active", "退職": "Left"}


def _csv(rows: list[list[str]], sep: str = ",", newline: str = "\n") -> str:
    def field(v: str) -> str:
        return f'"{v.replace(chr(34), chr(34) * 2)}"' if any(c in v for c in f'{sep}"\r\n') else v
    return "".join(sep.join(field(v) for v in r) + newline for r in rows)


def _slash(iso: str) -> str:
    return iso.replace("-", "/")


def _kanji(iso: str) -> str:
    if not iso:
        return ""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _us(iso: str) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(m)}/{int(d)}/{y}"


def _full_width(text: str) -> str:
    """ASCII letters/digits/punctuation to full-width, spaces to U+3000 (as typed in Japanese IMEs)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def _half_kana(text: str) -> str:
    import jaconv

    return jaconv.z2h(text, kana=True, ascii=False, digit=False)


def english_rows() -> list[list[str]]:
    return [EN_HEADER] + [[n, k, e.upper() if i == 0 else e, dep, mgr, EN_VALUES[t], _us(h), _us(lv), EN_VALUES[st]]
                          for i, (n, k, e, dep, mgr, t, h, lv, st) in enumerate(PEOPLE)]


def japanese_rows(date=_slash) -> list[list[str]]:
    return [JA_HEADER] + [[n, k, e, dep, mgr, t, date(h), date(lv), st] for n, k, e, dep, mgr, t, h, lv, st in PEOPLE]


def cp932_rows() -> list[list[str]]:
    """Title lines above the header, full-width names/emails/digits, half-width kana, wareki dates."""
    rows = [["スタッフ一覧（2026年4月1日現在）", "", "", "", "", "", "", "", ""], [""] * 9, JA_HEADER]
    for i, (n, k, e, dep, mgr, t, h, lv, st) in enumerate(PEOPLE):
        hire = _full_width(_slash(h)) if i % 2 else _kanji(h)
        if i == 3:
            hire = "令和6年7月1日"
        rows.append([_full_width(n) if i % 2 == 0 else n, _half_kana(k) if i % 2 else k,
                     _full_width(e) if i == 0 else e, dep, mgr.replace(" ", "\u3000"), t, hire, _slash(lv), st])
    return rows


def smarthr_rows() -> list[list[str]]:
    header = ["社員番号", "姓", "名", "姓（ヨミガナ）", "名（ヨミガナ）", "メールアドレス", "部署", "雇用形態",
              "入社年月日", "退職年月日", "在籍状況", "上長"]
    rows = [header]
    for i, (n, k, e, dep, mgr, t, h, lv, st) in enumerate(PEOPLE, start=1):
        family, given = n.split(" ")
        kf, kg = k.split(" ")
        rows.append([f"{i:04d}", family, given, kf, kg, e, dep, t, h, lv, st, mgr])
    return rows


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime(2026, 4, 1)
    cover = wb.active
    cover.title = "表紙"  # an empty first sheet: the reader takes the first sheet with data
    ws = wb.create_sheet("スタッフ")
    ws.append(["スタッフ一覧"])
    ws.append([])
    ws.append(JA_HEADER)
    for n, k, e, dep, mgr, t, h, lv, st in PEOPLE:
        ws.append([n, k, e, dep, mgr, t, datetime.fromisoformat(h), datetime.fromisoformat(lv) if lv else None, st])
    wb.save(path)


def write_all(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "staff_utf8_en.csv": _csv(english_rows()).encode("utf-8"),
        "staff_utf8_bom.csv": b"\xef\xbb\xbf" + _csv(japanese_rows(_kanji)).encode("utf-8"),
        "staff_cp932_crlf.csv": _csv(cp932_rows(), newline="\r\n").encode("cp932"),
        "staff.tsv": _csv(japanese_rows(), sep="\t").encode("utf-8"),
        "staff_semicolon.csv": _csv(japanese_rows(lambda iso: iso), sep=";").encode("utf-8"),
        "staff_smarthr.csv": _csv(smarthr_rows(), newline="\r\n").encode("cp932"),
    }
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    write_xlsx(folder / "staff.xlsx")
    written.append(folder / "staff.xlsx")
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
