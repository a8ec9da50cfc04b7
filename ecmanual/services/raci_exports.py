"""RACI and operations-calendar records for the shared export layer.

`export raci`: the matrix (R/A/C/I cells coloured, with the seed's wording under the code),
who holds each party, the validation result and the approval levels, on A4 landscape.
`export raci --person NAME`: everything one person is responsible for, and what would lose
its owner if they left. `export calendar`: the duties and their occurrences in a period.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..domain import raci as rules
from ..exports.model import Column, Document, Section, Table
from ..exports.period import custom_period
from . import calendar, raci
from .context import Database
from .exports import ExportParams, binder_section, export_kind
from .records import today_jst

RACI_FILL = {"R": "C6EFCE", "A": "FFC7CE", "C": "FFEB9C", "I": "DDEBF7"}
RACI_LEGEND: list[tuple[str | None, str]] = [
    (RACI_FILL["R"], "R 実行責任者（Responsible）: その作業を実際に行う"),
    (RACI_FILL["A"], "A 説明責任者（Accountable）: 結果に責任を持ち承認する（各ステップに1つだけ）"),
    (RACI_FILL["C"], "C 協議先（Consulted）: 事前に相談・確認を受ける"),
    (RACI_FILL["I"], "I 報告先（Informed）: 結果の報告を受ける"),
    (None, "4眼: 実行者（R）と承認者（A）を別の人にする必要があるステップ。セルの2行目は役割分担表の文言（備考）"),
]
SEVERITY_FILL = {rules.ERROR: "F8CBAD", rules.WARNING: "FFE699"}
SEVERITY_JA = {rules.ERROR: "エラー", rules.WARNING: "警告"}
STATUS_FILL = {"done": "C6EFCE", "skipped": "E7E6E6", "overdue": "F8CBAD", "open": None}
VIA_JA = {"department": "所属部署", "role": "役割", "deputy": "代行"}
AS_JA = {"owner": "担当", "deputy": "代行", "role": "役割として担当", "department": "部署として担当",
         "role owner": "役割として担当", "holder": "担当者"}
STAFF_STATUS_JA = {"active": "在籍", "leave": "休職中", "left": "退職"}
PARTIES_PER_TABLE = 12
WEEKDAY_JA = "月火水木金土日"
CALENDAR_DAYS = 90


def raci_fill(i: int, value, row) -> str | None:
    """Fill colour of a matrix cell: by its code (the first character), party columns only."""
    if i < 4 or not value:
        return None
    return RACI_FILL.get(str(value)[:1])


def _cell_text(cell: raci.CellInfo | None) -> str | None:
    if cell is None:
        return None
    return f"{cell.code}\n{cell.note}" if cell.note else cell.code


def matrix_tables(matrix: raci.Matrix) -> list[Table]:
    """The matrix as tables of at most PARTIES_PER_TABLE party columns each (one when it fits)."""
    parties = matrix.parties
    chunks = [parties[i:i + PARTIES_PER_TABLE] for i in range(0, len(parties), PARTIES_PER_TABLE)] or [[]]
    tables = []
    for n, chunk in enumerate(chunks, 1):
        columns = [Column("プロセス", wrap=False), Column("No.", "number", width_hint=4),
                   Column("ステップ", wrap=False), Column("4眼", "bool", width_hint=4)]
        columns += [Column(p.name, align="center", width_hint=10) for p in chunk]
        rows = [[proc.name, st.seq, st.name, st.four_eyes, *(_cell_text(st.cells.get(p.key)) for p in chunk)]
                for proc in matrix.processes for st in proc.steps]
        title = "RACI表" if len(chunks) == 1 else f"RACI表 ({n}/{len(chunks)})"
        tables.append(Table(title, columns, rows, cell_fill=raci_fill, legend=RACI_LEGEND if n == len(chunks) else [],
                            sheet_name=title))
    return tables


def issues_table(issues: list[rules.RaciIssue], threshold: int) -> Table:
    rows = [(SEVERITY_JA[i.severity], i.message) for i in issues]
    columns = [Column("重要度", width_hint=8, wrap=False), Column("内容", width_hint=90)]
    return Table("検証結果", columns, rows,
                 row_fill=lambda r: SEVERITY_FILL.get({v: k for k, v in SEVERITY_JA.items()}.get(r[0])),
                 note=f"過負荷の上限: R が {threshold} 件を超える当事者を警告します。",
                 empty_text="問題は見つかりませんでした。")


def _parties_table(matrix: raci.Matrix) -> Table:
    counts: dict[str, dict[str, int]] = {p.key: {c: 0 for c in rules.CODES} for p in matrix.parties}
    for proc in matrix.processes:
        for st in proc.steps:
            for key, cell in st.cells.items():
                if key in counts and cell.code in counts[key]:
                    counts[key][cell.code] += 1
    rows = [(p.name, "部署" if p.kind == "department" else "役割", "、".join(p.holders) or None,
             "、".join(p.deputies) or None, counts[p.key]["R"], counts[p.key]["A"]) for p in matrix.parties]
    columns = [Column("当事者"), Column("種別", width_hint=6, wrap=False), Column("担当者"), Column("代行者"),
               Column("R", "number", width_hint=5), Column("A", "number", width_hint=5)]
    return Table("当事者と担当者", columns, rows)


def approvals_table(rules_: list[raci.ApprovalRule], with_people: bool = True) -> Table:
    columns = [Column("更新タイプ"), Column("確認ポイント"), Column("承認レベル"), Column("頻度")]
    rows = [[r.update_type, r.check_points, r.level, r.frequency] for r in rules_]
    if with_people:
        columns.append(Column("承認者（担当／代行）"))
        for r, row in zip(rules_, rows):
            people = "、".join(r.holders) or "—"
            row.append(people + (f" ／ {'、'.join(r.deputies)}" if r.deputies else ""))
    return Table("承認レベル（更新タイプ別）", columns, rows)


def _matrix_document(db: Database, params: ExportParams) -> Document:
    on = today_jst()
    threshold = int(params.options.get("threshold", rules.DEFAULT_OVERLOAD))
    matrix = raci.load_matrix(db, on)
    issues = raci.validate(db, overload_threshold=threshold, on=on)
    steps = sum(len(p.steps) for p in matrix.processes)
    summary = [("プロセス数", len(matrix.processes)), ("ステップ数", steps), ("当事者数", len(matrix.parties)),
               ("基準日", on), ("検証結果", f"エラー {sum(i.severity == rules.ERROR for i in issues)} 件、"
                                      f"警告 {sum(i.severity == rules.WARNING for i in issues)} 件")]
    sections = [
        Section("RACI表", ["各業務プロセスのステップごとに、誰が実行し（R）、誰が結果に責任を持ち（A）、"
                           "誰に相談し（C）、誰に報告するか（I）を示します。"], summary, matrix_tables(matrix)),
        Section("担当体制・検証・承認", tables=[_parties_table(matrix), issues_table(issues, threshold),
                                                  approvals_table(raci.approval_rules(db, on))]),
    ]
    return Document("RACI表（役割分担表）", sections, orientation="landscape", subject="RACI matrix",
                    keywords=["raci"], toc=False, period=f"{on:%Y/%m/%d} 時点")


def _person_document(db: Database, person: str) -> Document:
    on = today_jst()
    info = raci.person_view(db, person, on)
    lost = raci.leaver_impact(db, person, on)
    p = info["person"]
    facts = [("氏名", p["name"]), ("部署", p["department"] or "—"), ("状態", STAFF_STATUS_JA.get(p["status"], p["status"])),
             ("上長", info["manager"] or "—"), ("部下", "、".join(info["reports"]) or "—"), ("基準日", on)]
    steps = Table("担当ステップ", [Column("プロセス"), Column("ステップ"),
                                   Column("RACI", width_hint=6, align="center", wrap=False),
                                   Column("経由", width_hint=8, wrap=False), Column("当事者"), Column("備考")],
                  [(s["process"], s["step"], s["code"], VIA_JA.get(s["via"], s["via"]), s["party"], s["note"])
                   for s in info["steps"]], cell_fill=lambda i, v, r: RACI_FILL.get(v) if i == 2 else None,
                  legend=RACI_LEGEND[:4])
    roles = Table("役割", [Column("役割"), Column("区分", width_hint=6, wrap=False), Column("開始", "date"),
                           Column("終了", "date")],
                  [(r["role"], AS_JA.get(r["kind"], r["kind"]), r["start_date"], r["end_date"]) for r in info["roles"]])
    duties = Table("定例業務", [Column("業務"), Column("種別", width_hint=6, wrap=False),
                                Column("関わり", width_hint=10, wrap=False), Column("繰り返し")],
                   [(d["name"], calendar.KIND_JA.get(d["kind"], d["kind"]), AS_JA.get(d["as"], d["as"]),
                     calendar.describe(d["rrule"], on)) for d in info["duties"]])
    approvals = Table("承認", [Column("更新タイプ"), Column("承認レベル"), Column("区分", width_hint=6, wrap=False),
                               Column("確認ポイント")],
                      [(a["update_type"], a["level"], AS_JA.get(a["as"], a["as"]), a["check_points"])
                       for a in info["approvals"]])
    cover = Table("代行体制", [Column("役割"), Column("関係", width_hint=12, wrap=False), Column("相手")],
                  [(d["role"], "代行者", "、".join(d["deputies"]) or "（なし）") for d in info["deputies"]]
                  + [(c["role"], "代行している担当者", "、".join(c["holders"]) or "（なし）") for c in info["covers_for"]])
    lost_rows = ([("役割", r["role"], "担当者がいなくなる") for r in lost["roles"] if r["left_without_holder"]]
                 + [("RACI", f"{c['process']} / {c['step']}", f"{c['code']}（{c['role']}）") for c in lost["raci_cells"]]
                 + [("定例業務", d["name"], AS_JA.get(d["as"], d["as"])) for d in lost["duties"]]
                 + [("承認", a["update_type"], f"{a['level']}（{a['role']}）") for a in lost["approvals"]]
                 + [("システム", x["name"], "オーナー") for x in lost["systems"]]
                 + [("部下", x["name"], "上長") for x in lost["reports"]])
    leaver = Table("退職時に担当者がいなくなるもの",
                   [Column("種類", width_hint=8, wrap=False), Column("対象"), Column("内容")], lost_rows,
                   empty_text="この人が退職しても担当者がいなくなるものはありません。")
    sections = [Section("担当者", key_values=facts, tables=[roles]),
                Section("担当していること", tables=[steps, duties, approvals]),
                Section("代行", tables=[cover]), Section("引き継ぎ", tables=[leaver])]
    return Document(f"担当一覧 {p['name']}", sections, orientation="landscape", subject="responsibilities",
                    keywords=["raci", "person"], toc=False, period=f"{on:%Y/%m/%d} 時点")


@export_kind("raci", personal_data=True)
def raci_document(db: Database, params: ExportParams) -> Document:
    """The RACI matrix record, or with `--person` one person's responsibilities."""
    if params.person:
        return _person_document(db, params.person)
    return _matrix_document(db, params)


@binder_section("raci")
def raci_section(db: Database, params: ExportParams) -> Section:
    """The binder's RACI part: the matrix and its validation as of the day the binder is made."""
    on = today_jst()
    matrix = raci.load_matrix(db, on)
    issues = raci.validate(db, on=on)
    tables = matrix_tables(matrix) + [issues_table(issues, rules.DEFAULT_OVERLOAD),
                                      approvals_table(raci.approval_rules(db, on), with_people=False)]
    return Section("RACI表", [f"{on:%Y/%m/%d} 時点の役割分担（RACI）と、その検証結果です。"], tables=tables,
                   orientation="landscape")


# ---------------------------------------------------------------- calendar

def _occurrence_rows(items: list[calendar.Occurrence]) -> Iterator[tuple]:
    for o in items:
        yield (o.due_date, WEEKDAY_JA[o.due_date.weekday()], o.start_time, o.duty, calendar.CADENCE_JA[o.cadence],
               o.owner, o.deputy or None, calendar.STATUS_JA[o.status], o.by, o.at, o.note)


@export_kind("calendar", personal_data=True)
def calendar_document(db: Database, params: ExportParams) -> Document:
    """Duties with owner, deputy and next due date; occurrences of the period with their status."""
    today = today_jst()
    period = params.resolved_period() or custom_period(today, today + timedelta(days=CALENDAR_DAYS - 1))
    duties = calendar.list_duties(db, on=max(today, period.start))
    duty_table = Table("定例業務一覧", [
        Column("業務"), Column("種別", width_hint=6, wrap=False), Column("周期", width_hint=6, wrap=False),
        Column("繰り返し"), Column("時刻", width_hint=6, wrap=False), Column("所要(分)", "number", width_hint=8),
        Column("担当"), Column("代行"),
        Column("次回予定", "date"), Column("有効", "bool", width_hint=5)],
        [(d.name, calendar.KIND_JA.get(d.kind, d.kind), calendar.CADENCE_JA[d.cadence], d.recurrence, d.start_time,
          d.duration_minutes, d.owner, d.deputy or None, d.next_due, d.active) for d in duties])
    items = calendar.between(db, period.start, period.end, today)
    occ_table = Table("予定と実施状況", [
        Column("期日", "date"), Column("曜", width_hint=4, align="center", wrap=False),
        Column("時刻", width_hint=6, wrap=False), Column("業務"), Column("周期", width_hint=6, wrap=False),
        Column("担当"), Column("代行"), Column("状況", width_hint=8, wrap=False),
        Column("記録者", width_hint=10, wrap=False), Column("記録日時", "datetime"), Column("メモ")],
        _occurrence_rows(items), row_count=len(items),
        cell_fill=lambda i, v, r: {"完了": STATUS_FILL["done"], "スキップ": STATUS_FILL["skipped"],
                                   "期限超過": STATUS_FILL["overdue"]}.get(v) if i == 7 else None,
        legend=[(STATUS_FILL["done"], "完了"), (STATUS_FILL["skipped"], "スキップ"),
                (STATUS_FILL["overdue"], "期限超過（期日を過ぎて未記録）")])
    sections = [Section("定例業務", ["繰り返しは RFC 5545 の RRULE から求めた予定です。担当が役割の場合は、"
                                     "その役割の現在の担当者を括弧内に示します。"], tables=[duty_table]),
                Section("予定と実施状況", [f"{period.text_ja} の予定と、完了・スキップの記録です。"],
                        tables=[occ_table])]
    return Document("業務カレンダー", sections, orientation="landscape", subject="operations calendar",
                    keywords=["calendar"], toc=False, period=period.text_ja)

