"""Accessibility helpers for forms and dialogs.

Qt names an input for screen readers after its buddy label, but `QFormLayout.addRow(label, field)`
with a QLabel does not set the buddy (only the string form does). `link_form_labels` sets it for
every form row, which also makes a caption's "&" mnemonic focus its field. Inputs without a
caption get `setAccessibleName(self.tr(...))` where they are built.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def _first_widget(layout: QLayout) -> QWidget | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None and not isinstance(item.widget(), QLabel):
            return item.widget()
        if item.layout() is not None and (found := _first_widget(item.layout())) is not None:
            return found
    return None


def link_form_labels(root: QWidget) -> int:
    """Make each form caption the buddy of its field (the first input of a field layout); returns how many."""
    linked = 0
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            target = field.widget() or (_first_widget(field.layout()) if field.layout() else None)
            if target is not None and label.widget().buddy() is None:
                label.widget().setBuddy(target)
                linked += 1
    return linked
