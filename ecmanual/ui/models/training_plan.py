"""Onboarding plans: the list of plans, and one plan's items as checkable rows."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ...domain import training_rules as rules
from ...services.training_onboarding import PlanInfo, PlanItemInfo
from .rows import Role, RowsModel, local_time
from .training_matrix import short_date, status_brush

__all__ = ["PlanColumn", "PlansModel", "ItemColumn", "PlanItemsModel", "Role", "kind_label", "plan_status_label"]

_KINDS = {
    "training": QT_TRANSLATE_NOOP("TrainingPlan", "Training"),
    "page": QT_TRANSLATE_NOOP("TrainingPlan", "Read"),
    "account": QT_TRANSLATE_NOOP("TrainingPlan", "Account"),
    "task": QT_TRANSLATE_NOOP("TrainingPlan", "Task"),
}
_PLAN_KINDS = {"onboarding": QT_TRANSLATE_NOOP("TrainingPlan", "Onboarding"),
               "offboarding": QT_TRANSLATE_NOOP("TrainingPlan", "Offboarding")}
_STATUSES = {"open": QT_TRANSLATE_NOOP("TrainingPlan", "In progress"),
             "done": QT_TRANSLATE_NOOP("TrainingPlan", "Done"),
             "closed": QT_TRANSLATE_NOOP("TrainingPlan", "Closed (left)")}
_OFFSETS = {"初日": QT_TRANSLATE_NOOP("TrainingPlan", "Day 1"), "1週目": QT_TRANSLATE_NOOP("TrainingPlan", "Week 1"),
            "1か月目": QT_TRANSLATE_NOOP("TrainingPlan", "Month 1")}


def _t(text: str) -> str:
    return QCoreApplication.translate("TrainingPlan", text)


def kind_label(kind: str) -> str:
    return _t(_KINDS[kind]) if kind in _KINDS else kind


def plan_status_label(status: str) -> str:
    return _t(_STATUSES[status]) if status in _STATUSES else status


def offset_text(offset: str) -> str:
    return _t(_OFFSETS[offset]) if offset in _OFFSETS else offset


class PlanColumn(IntEnum):
    PERSON = 0
    KIND = 1
    START = 2
    PROGRESS = 3
    STATUS = 4


class PlansModel(RowsModel):
    """Onboarding and offboarding plans with their progress."""

    context = "TrainingPlansModel"
    headers = {
        PlanColumn.PERSON: QT_TRANSLATE_NOOP("TrainingPlansModel", "Person"),
        PlanColumn.KIND: QT_TRANSLATE_NOOP("TrainingPlansModel", "Plan"),
        PlanColumn.START: QT_TRANSLATE_NOOP("TrainingPlansModel", "Start"),
        PlanColumn.PROGRESS: QT_TRANSLATE_NOOP("TrainingPlansModel", "Progress"),
        PlanColumn.STATUS: QT_TRANSLATE_NOOP("TrainingPlansModel", "Status"),
    }

    def cell(self, p: PlanInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            kind = _t(_PLAN_KINDS.get(p.kind, p.kind))
            return (p.staff, kind, short_date(p.start_date), f"{p.done_count} / {len(p.items)} ({p.progress:.0%})",
                    plan_status_label(p.status))[column]
        if role == Role.SORT:
            if column == PlanColumn.START:
                return p.start_date.isoformat()
            if column == PlanColumn.PROGRESS:
                return p.progress
        return None


class ItemColumn(IntEnum):
    DONE = 0
    DUE = 1
    WHEN = 2
    KIND = 3
    TITLE = 4
    NOTE = 5


ToggleFn = Callable[[PlanItemInfo, bool], "PlanInfo | None"]


class PlanItemsModel(RowsModel):
    """One plan's items; ticking the check box calls `toggle(item, done)`, which saves it and
    returns the updated plan (or None when it was refused, and the box stays as it was)."""

    context = "TrainingPlanItemsModel"
    headers = {
        ItemColumn.DONE: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "Done"),
        ItemColumn.DUE: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "Due"),
        ItemColumn.WHEN: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "When"),
        ItemColumn.KIND: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "Kind"),
        ItemColumn.TITLE: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "Item"),
        ItemColumn.NOTE: QT_TRANSLATE_NOOP("TrainingPlanItemsModel", "Note"),
    }

    def __init__(self, toggle: ToggleFn | None = None, parent=None):
        super().__init__(parent)
        self.toggle = toggle
        self.plan: PlanInfo | None = None
        self.editable = True

    def set_plan(self, plan: PlanInfo | None) -> None:
        self.plan = plan
        self.set_rows(list(plan.items) if plan else [])

    def cell(self, i: PlanItemInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ItemColumn.DONE:
                return short_date(i.done_at.astimezone().date()) if i.done_at else ""
            return ("", short_date(i.due_date), offset_text(i.offset), kind_label(i.kind), i.title, i.note or "")[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == ItemColumn.DONE:
            return Qt.CheckState.Checked if i.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and i.done:
            return status_brush(rules.VALID)
        if role == Qt.ItemDataRole.ToolTipRole and i.done_at:
            return QCoreApplication.translate("TrainingPlanItemsModel", "Done %1 by %2").replace(
                "%1", local_time(i.done_at)).replace("%2", i.done_by or "—")
        if role == Role.SORT and column == ItemColumn.DUE:
            return i.due_date.isoformat() if i.due_date else ""
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ItemColumn.DONE and self.editable and self.toggle is not None \
                and self.plan is not None and self.plan.status != "closed":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != ItemColumn.DONE \
                or not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        item = self.row_at(index.row())
        done = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if done == item.done:
            return False
        plan = self.toggle(item, done)
        if plan is None:
            return False
        self.plan = plan
        fresh = {i.id: i for i in plan.items}
        self._rows = [fresh.get(r.id, r) for r in self._rows]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True
