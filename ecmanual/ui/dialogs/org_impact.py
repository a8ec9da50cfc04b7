"""'What loses its owner when this person leaves', as a grouped tree (the leaver dialog and the
担当一覧 page both show it). Each item keeps (kind, id) in UserRole so it can be reassigned."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

RACI_COLOURS = {"R": "#C6EFCE", "A": "#FFC7CE", "C": "#FFEB9C", "I": "#DDEBF7"}


def _as_label(how: str) -> str:
    return {"owner": QCoreApplication.translate("OrgImpact", "owner"),
            "deputy": QCoreApplication.translate("OrgImpact", "deputy"),
            "role owner": QCoreApplication.translate("OrgImpact", "owner through the role")}.get(how, how)


def _deputies_left(names: list[str]) -> str:
    if not names:
        return QCoreApplication.translate("OrgImpact", "no deputy left")
    return QCoreApplication.translate("OrgImpact", "other deputies: %1").replace("%1", "、".join(names))


def _cell_detail(c: dict) -> str:
    return f"{c['code']}（{c['role']}）" + (f" {c['note']}" if c["note"] else "")


def add_group(tree: QTreeWidget, title: str, rows: list[tuple[str, str, tuple | None]]) -> int:
    """A bold group item with one child per (text, detail, data); nothing when rows is empty."""
    if not rows:
        return 0
    group = QTreeWidgetItem([f"{title} ({len(rows)})", ""])
    font = QFont(tree.font())
    font.setBold(True)
    group.setFont(0, font)
    for text, detail, data in rows:
        child = QTreeWidgetItem([text, detail])
        child.setToolTip(0, text)
        child.setToolTip(1, detail)
        if data is not None:
            child.setData(0, Qt.ItemDataRole.UserRole, data)
        if data and data[0] == "cell" and data[2] in RACI_COLOURS:
            child.setBackground(1, QBrush(QColor(RACI_COLOURS[data[2]])))
        group.addChild(child)
    tree.addTopLevelItem(group)
    group.setExpanded(True)
    return len(rows)


def fill_impact(tree: QTreeWidget, impact: dict) -> int:
    """Fill `tree` from `raci.leaver_impact(...)`; returns how many items lose their owner."""
    tree.clear()
    n = add_group(tree, QCoreApplication.translate("OrgImpact", "Job roles left without a holder"),
                  [(r["role"], QCoreApplication.translate("OrgImpact", "deputies: %1").replace(
                      "%1", "、".join(r["deputies"]) or "—"), ("role", r["role_id"]))
                   for r in impact["roles"] if r["left_without_holder"]])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "RACI cells of those roles"),
                   [(f"{c['process']} / {c['step']}", _cell_detail(c),
                     ("cell", c["step_id"], c["code"])) for c in impact["raci_cells"]])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "Duties on the calendar"),
                   [(d["name"], _as_label(d["as"]), ("duty", d["duty_id"])) for d in impact["duties"]])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "Approvals"),
                   [(a["update_type"], f"{a['level']}（{a['role']}）", None) for a in impact.get("approvals", [])])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "SaaS systems they own"),
                   [(x["name"], "", ("system", x["system_id"])) for x in impact["systems"]])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "People who report to them"),
                   [(x["name"], "", ("staff", x["staff_id"])) for x in impact["reports"]])
    n += add_group(tree, QCoreApplication.translate("OrgImpact", "Roles losing their deputy"),
                   [(r["role"], _deputies_left(r["deputies"]), ("role", r["role_id"]))
                    for r in impact["roles"] if r["kind"] == "deputy"])
    still = [(r["role"], QCoreApplication.translate("OrgImpact", "still held by %1").replace(
        "%1", "、".join(r["other_holders"])), ("role", r["role_id"]))
        for r in impact["roles"] if r["kind"] == "holder" and not r["left_without_holder"]]
    add_group(tree, QCoreApplication.translate("OrgImpact", "Roles that keep another holder"), still)
    return n
