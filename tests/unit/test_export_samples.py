"""Sample documents shared by the export tests, and the model's own small rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ecmanual.exports.cells import Clock, display_width, format_value, natural_widths
from ecmanual.exports.model import Column, Document, Section, SignBox, SignOff, Table

TASKS = ["権限棚卸しの確認", "KARTE管理責任者への報告", "受注処理の二重チェック", "返品対応フローの見直し",
         "Shopify管理者アカウントの棚卸し"]

COLUMNS = [
    Column("通番", "number"),
    Column("記録日時", "datetime"),
    Column("担当者名"),
    Column("作業内容"),
    Column("期限日", "date"),
    Column("達成率", "percent"),
    Column("完了", "bool"),
]


def sample_rows(n: int):
    """A generator, like a builder streaming from the database."""
    t0 = datetime(2026, 10, 1, 0, 30, tzinfo=UTC)
    for i in range(n):
        text = TASKS[i % len(TASKS)] + ("。詳細は運用マニュアル第3章を参照し、結果を記録すること" if i % 3 == 0 else "")
        yield (i + 1, t0 + timedelta(hours=i), f"担当者{i % 7}号", text, date(2026, 10, 1) + timedelta(days=i % 40),
               (i % 10) / 10, i % 2 == 0)


def sample_doc(n: int = 300, rows=None, **kw) -> Document:
    table = Table("作業記録一覧", COLUMNS, sample_rows(n) if rows is None else rows, row_count=n,
                  legend=[("FDE2E1", "期限超過")], note="期限日は営業日ベースです。")
    sections = kw.pop("sections", None) or [
        Section("概要", ["本書は2026年度第4四半期の作業記録です。", "承認済みの記録のみを掲載しています。"],
                [("対象部門", "EC運営部"), ("件数", n), ("基準日", date(2026, 12, 31))]),
        Section("作業記録", tables=[table]),
    ]
    defaults = dict(org_name="株式会社サンプル商店", doc_id="ECM-2026-0A1B2C3D", period="2026Q4",
                    generated_at=datetime(2026, 12, 31, 6, 0, tzinfo=UTC), generated_by="管理 太郎",
                    signoff=SignOff.standard(prepared=("編集 花子", date(2026, 12, 30)),
                                             checked=("承認 次郎", date(2026, 12, 31))),
                    timezone="Asia/Tokyo")
    defaults.update(kw)
    return Document("作業記録簿", sections, **defaults)


def test_standard_signoff_order_and_filling():
    s = SignOff.standard(approved=("社長 一郎", date(2026, 1, 5)))
    assert [b.label for b in s.boxes] == ["承認", "確認", "作成"]
    assert s.boxes[0].filled and not s.boxes[1].filled and not SignBox("作成").filled


def test_expected_rows_and_toc_rule():
    doc = sample_doc(10)
    assert doc.expected_rows() == 10
    assert doc.wants_toc  # two sections
    single = Document("x", [Section("only", tables=[Table("t", [Column("a")], [[1], [2], [3]])])])
    assert single.expected_rows() == 3 and not single.wants_toc
    with pytest.raises(ValueError):
        Column("x", "money")  # type: ignore[arg-type]


def test_display_width_counts_japanese_double():
    assert display_width("abc") == 3
    assert display_width("権限") == 4
    assert display_width("ｱｲｳ") == 3  # half-width katakana
    assert display_width("○×") == 4    # ambiguous width: full in Japanese fonts
    assert display_width("一行目\nとても長い二行目") == 16


def test_format_value_by_kind():
    clock = Clock("Asia/Tokyo")
    assert format_value(datetime(2026, 10, 1, 0, 30, tzinfo=UTC), Column("t", "datetime"), clock) == "2026/10/01 09:30"
    assert format_value(datetime(2026, 10, 1, 20, 0, tzinfo=UTC), Column("t", "date"), clock) == "2026/10/02"
    assert format_value(0.875, Column("p", "percent"), clock) == "87.5%"
    assert format_value(1234567, Column("n", "number"), clock) == "1,234,567"
    assert format_value(True, Column("b", "bool"), clock) == "○"
    assert format_value("a\x00b", Column("s"), clock) == "ab"


def test_natural_widths_fit_japanese_and_cap_long_text():
    cols = [Column("名前"), Column("memo"), Column("固定", width_hint=12)]
    widths = natural_widths(cols, [("山田太郎", "x" * 500, "")], Clock())
    assert widths[0] == display_width("山田太郎") + 2
    assert widths[1] == 60 and widths[2] == 12
