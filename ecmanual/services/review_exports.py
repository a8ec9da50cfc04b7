"""The permission review record (権限棚卸し記録) for the export layer, and its binder part.

`export review --period P` (or --id N): a summary with the sign-off boxes of the reviewer and
the approver, one table (Excel: one sheet) per system, then the findings, the decisions, the
remediation and the comparison with the previous review. Builders read with the system
actor: `run_export` has already checked the user's export permissions.
"""

from __future__ import annotations

from sqlalchemy import select

from ..domain.errors import InputError
from ..domain.review_rules import DECISION_LABELS_JA, KIND_LABELS_JA
from ..exports.model import Column, Document, Section, SignBox, SignOff, Table
from ..persistence.models import Review
from .context import SYSTEM, Database
from .exports import ExportParams, binder_section, export_kind
from .review_records import ReviewRow, compare, list_findings, review_rows, short_time
from .review_remediation import list_remediation
from .reviews import ReviewSummary, get_review

STATUS_JA = {"open": "実施中", "submitted": "承認待ち", "approved": "承認済み(ロック済み)"}
LINK_JA = {"none": "未紐づけ", "auto": "自動(メール)", "uncertain": "要確認(氏名)", "confirmed": "確認済み"}
ACTION_JA = {"change": "権限変更", "revoke": "削除"}
CLOSED_JA = {"import": "取込で確認", "manual": "手動で確認"}
FINDING_FILL = "FDE2E1"
UNDECIDED_FILL = "FFF4CE"

ACCOUNT_COLUMNS = [
    Column("ログインID", width_hint=28), Column("氏名", width_hint=14), Column("権限", width_hint=14),
    Column("標準レベル", width_hint=8), Column("二段階認証", width_hint=6, align="center"),
    Column("最終ログイン", width_hint=16), Column("本人・所有者", width_hint=12), Column("部署", width_hint=14),
    Column("紐づけ", width_hint=10), Column("指摘", width_hint=22), Column("判断", width_hint=5, align="center"),
    Column("理由", width_hint=24),
]
FINDING_COLUMNS = [Column("システム", width_hint=14), Column("ログインID", width_hint=28), Column("氏名", width_hint=14),
                   Column("指摘", width_hint=14), Column("内容", width_hint=40), Column("判断", width_hint=5)]
DECISION_COLUMNS = [Column("システム", width_hint=14), Column("ログインID", width_hint=28), Column("判断", width_hint=5),
                    Column("変更後の権限", width_hint=12), Column("理由", width_hint=30), Column("判断者", width_hint=12),
                    Column("判断日時", "datetime")]
REMEDIATION_COLUMNS = [Column("システム", width_hint=14), Column("ログインID", width_hint=28),
                       Column("対応", width_hint=8), Column("変更前", width_hint=10), Column("変更後", width_hint=10),
                       Column("期限", "date"), Column("状態", width_hint=6), Column("確認方法", width_hint=10),
                       Column("確認日時", "datetime"), Column("確認メモ", width_hint=30)]
COMPARE_COLUMNS = [Column("システム", width_hint=14), Column("区分", width_hint=8), Column("ログインID", width_hint=28),
                   Column("氏名", width_hint=14), Column("変更前", width_hint=12), Column("変更後", width_hint=12)]


def _review_for(params: ExportParams) -> str | int:
    if params.id:
        return f"#{params.id}"
    if params.period:
        return params.period
    raise InputError("Say which review to export with --period (e.g. 2026Q4) or --id N.")


def _mfa(value: bool | None) -> str:
    return "有効" if value else "無効" if value is False else "—"


def _account_row(r: ReviewRow) -> tuple:
    kinds = "、".join(KIND_LABELS_JA.get(k, k) for k in r.findings)
    person = r.person or ("(共有)" if r.is_shared else "(サービス)" if r.is_service else "")
    return (r.login, r.name or "", r.native_level or "", r.level or "", _mfa(r.mfa),
            short_time(r.last_login), person, r.department or "", LINK_JA.get(r.link_status, ""),
            kinds, DECISION_LABELS_JA.get(r.decision or "", "未判断"), r.reason or "")


def _row_fill(row) -> str | None:
    if row[9]:
        return FINDING_FILL
    return UNDECIDED_FILL if row[10] == "未判断" else None


def _signoff(r: ReviewSummary) -> SignOff:
    note = ("4眼原則: 承認者は棚卸し実施者と別の者で、自ら判断したアカウントはありません。" if r.status == "approved"
            else "未承認: 承認欄が空欄の間は、この記録は確定していません。")
    return SignOff([SignBox("承認", r.approver, r.approved_at), SignBox("実施", r.reviewer, r.submitted_at)], note=note)


def _facts(r: ReviewSummary, previous: str | None) -> list[tuple[str, object]]:
    return [("対象期間", r.period), ("棚卸し基準日", r.started_on), ("状態", STATUS_JA.get(r.status, r.status)),
            ("対象アカウント", f"{r.accounts:,} 件(判断済み {r.decided:,} 件)"),
            ("指摘", f"{r.findings:,} 件({r.flagged_accounts:,} アカウント)"),
            ("未完了の是正", f"{r.open_remediation:,} 件"), ("棚卸し実施者", r.reviewer or "—"),
            ("提出日時", r.submitted_at or "—"), ("承認者", r.approver or "—"), ("承認日時", r.approved_at or "—"),
            ("前回の棚卸し", previous or "なし(初回)")]


def _system_table(r: ReviewSummary, rows: list[ReviewRow]) -> Table:
    by_system: dict[int, dict] = {}
    for x in rows:
        d = by_system.setdefault(x.system_id, {"findings": 0, "keep": 0, "change": 0, "revoke": 0})
        d["findings"] += bool(x.findings)
        if x.decision:
            d[x.decision] += 1
    cols = [Column("システム", width_hint=16), Column("レビュアー", width_hint=12), Column("アカウント", "number"),
            Column("判断済み", "number"), Column("指摘あり", "number"), Column("継続", "number"),
            Column("変更", "number"), Column("削除", "number")]
    data = [(x["system"], x["reviewer"] or "—", x["accounts"], x["decided"],
             *(by_system.get(x["system_id"], {}).get(k, 0) for k in ("findings", "keep", "change", "revoke")))
            for x in r.systems]
    return Table("システム別の集計", cols, data, sheet_name="システム別")


@export_kind("review", personal_data=True)
def review_document(db: Database, params: ExportParams) -> Document:
    """The review record: summary and sign-off, a table per system, findings, decisions, remediation."""
    ref = _review_for(params)
    r = get_review(db, SYSTEM, ref)
    rows = review_rows(db, SYSTEM, ref)
    diff = compare(db, SYSTEM, ref)
    summary = Section("概要", [
        "SaaSアカウントの権限棚卸しの記録です。アカウントは棚卸し開始時点のスナップショットで、"
        "以後の取込で変わりません。指摘は開始時点の情報と権限ポリシーから算出しています。"],
        _facts(r, diff["previous"]), [_system_table(r, rows)])
    systems = []
    for x in r.systems:
        mine = [_account_row(a) for a in rows if a.system_id == x["system_id"]]
        if not mine:
            continue
        systems.append(Section(x["system"], tables=[Table(
            f"{x['system']} のアカウント", ACCOUNT_COLUMNS, mine, row_fill=_row_fill, sheet_name=x["system"],
            legend=[(FINDING_FILL, "指摘あり"), (UNDECIDED_FILL, "未判断")])]))
    found = list_findings(db, SYSTEM, ref)
    findings = Section("指摘事項", tables=[Table("指摘事項一覧", FINDING_COLUMNS, [
        (f["system"], f["login"], f["name"] or "", KIND_LABELS_JA.get(f["kind"], f["kind"]), f["detail"] or "",
         DECISION_LABELS_JA.get(f["decision"] or "", "未判断")) for f in found])])
    decisions = Section("判断", tables=[Table("判断一覧", DECISION_COLUMNS, [
        (a.system, a.login, DECISION_LABELS_JA[a.decision], a.target_level or "", a.reason or "", a.decided_by or "",
         a.decided_at) for a in rows if a.decision], empty_text="判断はまだ記録されていません。")])
    tasks = list_remediation(db, SYSTEM, ref)
    remediation = Section("是正", [f"変更・削除の判断は期限付きの是正タスクになり、後の取込で反映が確認されるか、"
                                 f"確認メモ付きで手動確認されると完了します。未完了 {r.open_remediation} 件。"],
                          tables=[Table("是正タスク", REMEDIATION_COLUMNS, [
                              (t.system, t.login, ACTION_JA.get(t.action, t.action), t.level_before or "",
                               t.target_level or ("—" if t.action == "revoke" else ""), t.due_date,
                               "完了" if t.status == "closed" else ("期限超過" if t.overdue else "未完了"),
                               CLOSED_JA.get(t.closed_by or "", ""), t.closed_at, t.note or "") for t in tasks],
                              row_fill=lambda row: "FDE2E1" if row[6] == "期限超過" else None)])
    changes = [(x["system"], kind, a["login"], a["name"] or "", a.get("before") or (a["level"] if kind == "削除" else ""),
                a.get("after") or (a["level"] if kind == "追加" else ""))
               for x in diff["systems"] for kind, key in (("追加", "added"), ("削除", "removed"), ("権限変更", "level_changes"))
               for a in x[key]]
    comparison = Section("前回との比較", [f"前回の棚卸し: {diff['previous'] or 'なし(初回)'}"],
                         tables=[Table("前回からの変化", COMPARE_COLUMNS, changes, sheet_name="前回比較")])
    signature = Section("承認記録", [
        "棚卸し実施者がすべてのアカウントを判断して提出し、別の承認者が承認した時点で記録はロックされます。"
        "すべての操作は監査ログに記録されています。"],
        [("棚卸し実施者", r.reviewer or "未署名"), ("提出日時", r.submitted_at or "—"),
         ("承認者", r.approver or "未承認"), ("承認日時", r.approved_at or "—"),
         ("状態", STATUS_JA.get(r.status, r.status))] + ([("備考", r.notes)] if r.notes else []))
    return Document(f"権限棚卸し記録 {r.period}", [summary, *systems, findings, decisions, remediation, comparison,
                                                   signature],
                    period=r.period, orientation="landscape", signoff=_signoff(r), subject=f"permission review {r.period}",
                    keywords=["review", r.period], properties={"状態": STATUS_JA.get(r.status, r.status)})


@binder_section("review", personal_data=True)
def review_binder_section(db: Database, params: ExportParams) -> Section | None:
    """The binder's part: each review of the period with its sign-off, findings and remediation."""
    period = params.resolved_period()
    if period is None:
        return None
    with db.read() as s:
        found = [(x.id, x.period) for x in s.scalars(select(Review).order_by(Review.started_on, Review.id))
                 if x.period == period.label or period.contains(x.started_on)]
    if not found:
        return None
    parts = []
    for review_id, label in found:
        r = get_review(db, SYSTEM, f"#{review_id}")
        rows = review_rows(db, SYSTEM, f"#{review_id}")
        note = [] if r.status == "approved" else [f"この棚卸しは{STATUS_JA.get(r.status, r.status)}で、まだ承認されていません。"]
        found_rows = [(a.system, a.login, a.name or "", "、".join(KIND_LABELS_JA.get(k, k) for k in a.findings),
                       DECISION_LABELS_JA.get(a.decision or "", "未判断"), a.reason or "") for a in rows if a.findings]
        tasks = [(t.system, t.login, ACTION_JA.get(t.action, t.action), t.due_date,
                  "完了" if t.status == "closed" else "未完了", CLOSED_JA.get(t.closed_by or "", ""))
                 for t in list_remediation(db, SYSTEM, f"#{review_id}")]
        parts.append(Section(f"権限棚卸し {label}", note, _facts(r, None)[:-1], [
            _system_table(r, rows),
            Table(f"{label} 指摘と判断", [Column("システム"), Column("ログインID"), Column("氏名"), Column("指摘"),
                                       Column("判断"), Column("理由")], found_rows),
            Table(f"{label} 是正", [Column("システム"), Column("ログインID"), Column("対応"), Column("期限", "date"),
                                  Column("状態"), Column("確認方法")], tasks)]))
    return Section("権限棚卸し（署名済み）", children=parts) if len(parts) > 1 else parts[0]
