"""Every form and dialog: each input is named for screen readers (an accessible name or a buddy
label) and Tab reaches every input, in the order of the form's rows."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QTextEdit, QWidget,
)

import ecmanual.ui.dialogs as dialogs_package
from ecmanual.services import (
    checklists, documents, incidents, manual, organisation, reviews, training, training_certs, training_sessions,
)
from ecmanual.ui.context import UiContext

pytestmark = pytest.mark.gui

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractButton, QAbstractItemView)


def _module(name: str):
    return importlib.import_module(f"{dialogs_package.__name__}.{name}")


def _factories(db, admin):
    """One way to open each dialog class, keyed by class name, against the default content."""
    from ecmanual.ui.dialogs import (
        checklist_run, checklist_template, duty_edit, exception, first_admin, glossary_term, hire, import_mapping,
        incident, login, manual_edit, manual_history, org_form, org_leave, password_change, review_signoff,
        review_start, template_form, training_certs as certs_dialogs, training_completion, training_course,
        training_session,
    )

    ctx = UiContext(db, admin, "test.sqlite3")
    page = manual.list_pages(db, admin)[0]
    run_templates = checklists.list_templates(db, admin)
    doc_template = documents.list_templates(db, admin)[0]
    organisation.create_staff(db, admin, "山田 花子")
    staff = organisation.list_staff(db)
    course = training.list_courses(db, admin)[0]
    cert = training_certs.list_certifications(db, admin)
    session = training_sessions.schedule_session(db, admin, course.id, "2026-12-01 14:00")

    def run_dialog():
        run_id = checklists.start_run(db, admin, run_templates[0].name, "a11y")
        return checklist_run.ChecklistRunDialog(ctx, run_id)

    def incident_dialog():
        return incident.IncidentDialog(ctx, incidents.open_incident(db, admin, "a11y", severity="low"))

    def signoff_dialog():
        summary = reviews.start_review(db, admin, "2026Q4", date(2026, 11, 20))
        return review_signoff.ReviewSignOffDialog(ctx, summary, "approver")

    def mapping_dialog(tmp_path):
        f = tmp_path / "accounts.csv"
        f.write_text("表示名,連絡先,権限\n山田 太郎,taro@example.co.jp,編集者\n", encoding="utf-8")
        return import_mapping.ImportMappingDialog(ctx, f)

    return {
        "ChecklistRunDialog": run_dialog,
        "StartRunDialog": lambda: checklist_template.StartRunDialog(ctx, run_templates, run_templates[0].id),
        "TemplateEditorDialog": lambda: checklist_template.TemplateEditorDialog(ctx, run_templates[0]),
        "DutyDialog": lambda: duty_edit.DutyDialog(ctx, None, roles=organisation.list_job_roles(db),
                                                   departments=organisation.list_departments(db), staff=staff),
        "ExceptionDialog": lambda: exception.ExceptionDialog("Boom", "Traceback…", "/tmp/ecmanual.log"),
        "FirstAdminDialog": lambda: first_admin.FirstAdminDialog(db),
        "TermDialog": lambda: glossary_term.TermDialog(ctx, None, ["一般"]),
        "HireDialog": lambda: hire.HireDialog(ctx),
        "ImportMappingDialog": mapping_dialog,
        "OpenIncidentDialog": lambda: incident.OpenIncidentDialog(ctx, ["スパム判定"]),
        "IncidentDialog": incident_dialog,
        "LoginDialog": lambda: login.LoginDialog(db, "test.sqlite3", "admin"),
        "ManualEditDialog": lambda: manual_edit.ManualEditDialog(ctx, page),
        "ManualHistoryDialog": lambda: manual_history.ManualHistoryDialog(ctx, page),
        "FormDialog": lambda: org_form.FormDialog("部署", [org_form.FormField("name", "名前 *")], lambda v: None),
        "LeaveDialog": lambda: org_leave.LeaveDialog(ctx, next(p for p in staff if p.status != "left")),
        "PasswordChangeDialog": lambda: password_change.PasswordChangeDialog(db, admin),
        "ReviewSignOffDialog": signoff_dialog,
        "ReviewStartDialog": lambda: review_start.ReviewStartDialog(date(2026, 11, 20), set()),
        "DocumentFormDialog": lambda: template_form.DocumentFormDialog(ctx, doc_template),
        "CertificationDialog": lambda: certs_dialogs.CertificationDialog(ctx),
        "AwardDialog": lambda: certs_dialogs.AwardDialog(ctx, certification_id=cert[0].id if cert else None),
        "CompletionDialog": lambda: training_completion.CompletionDialog(ctx),
        "CourseDialog": lambda: training_course.CourseDialog(ctx),
        "SessionDialog": lambda: training_session.SessionDialog(ctx, course_id=course.id),
        "AttendanceDialog": lambda: training_session.AttendanceDialog(ctx, session),
        "ConnectionDialog": lambda: _module("connection").ConnectionDialog("test.sqlite3"),
        "FirstRunWizard": lambda: _module("first_run").FirstRunWizard(),
    }


def dialog_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.iter_modules(dialogs_package.__path__):
        module = importlib.import_module(f"{dialogs_package.__name__}.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found[name] = cls
    return found


def _named(widget: QWidget, dialog: QDialog) -> bool:
    if widget.accessibleName():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    return any(label.buddy() is widget for label in dialog.findChildren(QLabel))


def _focus_chain(dialog: QDialog) -> list[QWidget]:
    chain, widget = [], dialog.nextInFocusChain()
    while widget is not dialog and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _inputs(dialog: QDialog) -> list[QWidget]:
    """Inputs the user can Tab to: visible, enabled, taking focus (the line edit inside a spin box or
    an editable combo box counts as its owner)."""
    out = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(dialog) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue
        out.append(widget)
    return out


def _attribute(dialog: QDialog, widget: QWidget) -> str:
    """How the dialog's code calls the widget (for the report), else its object name."""
    for owner in [dialog] + dialog.findChildren(QWidget):
        for name, value in vars(owner).items():
            if value is widget:
                return name if owner is dialog else f"{type(owner).__name__}.{name}"
            if isinstance(value, dict) and widget in value.values():
                return f"{name}[{next(k for k, v in value.items() if v is widget)!r}]"
            if isinstance(value, list) and any(v is widget for v in value):
                return f"{name}[{[id(v) for v in value].index(id(widget))}]"
    return widget.objectName()


def problems(dialog: QDialog) -> list[str]:
    found = []
    chain = _focus_chain(dialog)
    for widget in _inputs(dialog):
        where = f"{type(widget).__name__} {_attribute(dialog, widget)}".strip()
        if not _named(widget, dialog):
            found.append(f"{where}: no accessible name and no buddy label")
        if widget not in chain:
            found.append(f"{where}: not reachable with Tab")
    for form in dialog.findChildren(QFormLayout):
        fields = [form.itemAt(row, QFormLayout.ItemRole.FieldRole) for row in range(form.rowCount())]
        order = [chain.index(item.widget()) for item in fields
                 if item and item.widget() in chain and item.widget().isVisibleTo(dialog)]
        if order != sorted(order):
            found.append(f"form rows out of Tab order: {order}")
    return found


def test_every_dialog_has_a_factory_here(seeded_db, admin):
    assert sorted(dialog_classes()) <= sorted(_factories(seeded_db, admin))


def test_every_dialog_names_its_inputs_and_tabs_through_them(qtbot, seeded_db, admin, tmp_path):
    factories = _factories(seeded_db, admin)
    report = {}
    for name in sorted(dialog_classes()):
        factory = factories[name]
        dialog = factory(tmp_path) if name == "ImportMappingDialog" else factory()
        try:
            dialog.show()
            found = problems(dialog)
            if found:
                report[name] = found
        finally:  # gone before the next test switches the language
            dialog.close()
            dialog.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert report == {}, "\n".join(f"{name}: {p}" for name, found in report.items() for p in found)


def test_the_check_catches_an_unnamed_input(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    named, unnamed = QLineEdit(), QLineEdit()
    form.addRow("名前", named)
    form.addRow(unnamed)
    dialog.show()
    assert problems(dialog) == ["QLineEdit: no accessible name and no buddy label"]
    unnamed.setAccessibleName("メモ")
    assert problems(dialog) == []
    second, third = QLineEdit(), QLineEdit()
    form.addRow("読み", second)
    form.addRow("分類", third)
    assert problems(dialog) == []
    QWidget.setTabOrder(second, named)  # Tab from the second row goes back up to the first
    assert [p for p in problems(dialog) if "Tab order" in p]
