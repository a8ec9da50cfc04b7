"""Write the account-import fixtures of tests/data/accounts (run: python tests/data/make_account_fixtures.py).

The scripted quarter: staff (with a leaver) and the accounts of three systems as their
exports look: ECforce as CP932 with CRLF, a title line, full-width names and addresses;
KARTE as UTF-8 with a BOM and Japanese headers and dates; Google広告 as XLSX with English
headers and date cells. The `*_after` files are the next exports, after remediation. The
`bad_*` files are malformed the ways real files are.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent / "accounts"

# name, kana, email, department, leave date (the staff of the scripted quarter)
STAFF = [
    ("佐藤 花子", "サトウ ハナコ", "hanako.sato@example.co.jp", "情報システム部", None),
    ("山田 太郎", "ヤマダ タロウ", "taro.yamada@example.co.jp", "マーケティング部", None),
    ("鈴木 一郎", "スズキ イチロウ", "ichiro.suzuki@example.co.jp", "マーケティング部", None),
    ("高橋 美咲", "タカハシ ミサキ", "misaki.takahashi@example.co.jp", "マーケティング部", None),
    ("田中 健", "タナカ ケン", "ken.tanaka@example.co.jp", "マーケティング部", "2026-09-30"),
]
REVIEW_DATE = "2026-10-01"

# email, display name, level, last sign-in, MFA on
ECFORCE = [
    ("hanako.sato@example.co.jp", "佐藤 花子", "管理者", "2026-09-29 18:05", True),
    ("taro.yamada@example.co.jp", "山田 太郎", "運用者", "2026-09-30 10:15", True),
    ("ec-admin@example.co.jp", "EC共用管理", "管理者", "2026-09-28 09:00", True),  # the shared admin
]
KARTE = [
    ("taro.yamada@example.co.jp", "山田 太郎", "編集者", "2026-09-25", False),  # MFA off
    ("ichiro.suzuki@example.co.jp", "鈴木 一郎", "管理者", "2026-09-20", True),  # admin outside 情報システム部
    ("hanako.sato@example.co.jp", "佐藤 花子", "オーナー", "2026-09-30", True),
]
GOOGLE_ADS = [
    ("misaki.takahashi@example.co.jp", "高橋 美咲", "標準", "2026-05-01 11:00", True),  # dormant
    ("ken.tanaka@example.co.jp", "田中 健", "標準", "2026-09-29 17:30", True),  # the leaver
    ("taro.yamada@example.co.jp", "山田 太郎", "標準", "2026-09-30 09:00", True),
]
# After remediation: KARTE 鈴木 lowered to 編集者; Google広告 田中 and 高橋 removed, 山田 raised to
# 管理者 and 佐藤 added (what the next quarter's review finds).
KARTE_AFTER = [KARTE[0], ("ichiro.suzuki@example.co.jp", "鈴木 一郎", "編集者", "2026-10-10", True), KARTE[2]]
GOOGLE_ADS_AFTER = [("taro.yamada@example.co.jp", "山田 太郎", "管理者", "2026-12-01 09:00", True),
                    ("hanako.sato@example.co.jp", "佐藤 花子", "管理者", "2026-12-02 08:00", True)]
NEXT_REVIEW_DATE = "2026-12-20"

ECFORCE_HEADER = ["メールアドレス", "氏名", "権限", "最終ログイン日時", "二段階認証", "備考欄"]
KARTE_HEADER = ["表示名", "メールアドレス", "権限", "最終ログイン", "2段階認証"]
GOOGLE_HEADER = ["Name", "Email", "Access level", "Last sign-in", "2-Step verification", "Status"]


def full_width(text: str) -> str:
    """ASCII to full-width, spaces to U+3000 (as typed with a Japanese IME)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def _csv(rows: list[list[str]], newline: str = "\n") -> str:
    def field(v: str) -> str:
        return f'"{v.replace(chr(34), chr(34) * 2)}"' if any(c in v for c in ',"\r\n') else v
    return "".join(",".join(field(v) for v in r) + newline for r in rows)


def _kanji(iso: str) -> str:
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return f"{y}年{m}月{d}日"


def ecforce_rows(accounts=ECFORCE) -> list[list[str]]:
    rows = [["ECforce 管理者一覧(2026年10月1日出力)", "", "", "", "", ""], ECFORCE_HEADER]
    for i, (email, name, level, last, mfa) in enumerate(accounts):
        rows.append([full_width(email) if i == 0 else email, full_width(name) if i % 2 == 0 else name,
                     level, last.replace("-", "/"), "有効" if mfa else "無効", ""])
    return rows


def karte_rows(accounts=KARTE) -> list[list[str]]:
    return [KARTE_HEADER] + [[name.replace(" ", "\u3000"), email.upper() if i == 1 else email, level,
                              _kanji(last), "ON" if mfa else "OFF"]
                             for i, (email, name, level, last, mfa) in enumerate(accounts)]


def write_google_xlsx(path: Path, accounts=GOOGLE_ADS) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime(2026, 10, 1)
    ws = wb.active
    ws.title = "Users"
    ws.append(GOOGLE_HEADER)
    for email, name, level, last, mfa in accounts:
        ws.append([name, email, level, datetime.fromisoformat(last), mfa, "Active"])
    wb.save(path)


def bad_files() -> dict[str, bytes]:
    header = "メールアドレス,氏名,権限,最終ログイン,二段階認証\r\n"
    return {
        "bad_missing_column.csv": "氏名,権限,最終ログイン\r\n佐藤 花子,管理者,2026/09/29\r\n".encode("cp932"),
        "bad_date.csv": (header + "hanako.sato@example.co.jp,佐藤 花子,管理者,2026/13/45,有効\r\n"
                         "taro.yamada@example.co.jp,山田 太郎,運用者,2026/09/30,有効\r\n"
                         "ken.tanaka@example.co.jp,田中 健,運用者,昨日,有効\r\n").encode("cp932"),
        "bad_duplicate_login.csv": (header + "hanako.sato@example.co.jp,佐藤 花子,管理者,2026/09/29,有効\r\n"
                                    "taro.yamada@example.co.jp,山田 太郎,運用者,2026/09/30,有効\r\n"
                                    + full_width("HANAKO.SATO@example.co.jp") + ",佐藤 花子,閲覧者,2026/09/29,有効\r\n"
                                    ).encode("cp932"),
        "bad_empty.csv": b"",
        "bad_wrong_type.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "bad_image_named.csv": b"\x89PNG\r\n\x1a\n" + bytes(range(64)),
    }


def write_all(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "ecforce_cp932_crlf.csv": _csv(ecforce_rows(), newline="\r\n").encode("cp932"),
        "karte_utf8_bom.csv": b"\xef\xbb\xbf" + _csv(karte_rows()).encode("utf-8"),
        "karte_after_utf8_bom.csv": b"\xef\xbb\xbf" + _csv(karte_rows(KARTE_AFTER)).encode("utf-8"),
        **bad_files(),
    }
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    for name, accounts in (("google_ads_en.xlsx", GOOGLE_ADS), ("google_ads_after_en.xlsx", GOOGLE_ADS_AFTER)):
        write_google_xlsx(folder / name, accounts)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
