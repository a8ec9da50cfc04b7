"""Certifications: create or edit one (internal 認定制度 or external), and award one to a
person (the expiry follows from the issue date and the validity; a second award is a
renewal that supersedes the current one)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from ...domain import training_rules as rules
from ...domain.errors import ConflictError, EcmanualError, PermissionDenied
from ...services import organisation, records, training, training_certs
from ...services.training_certs import AwardInfo, CertificationInfo
from .. import feedback
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.training_catalog import cert_kind_label
from .hire import to_date


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#a00;")
    return label


class CertificationDialog(QDialog):
    """Saves through `training_certs.create_certification` / `update_certification`."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, cert: CertificationInfo | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.original = cert
        self.cert: CertificationInfo | None = None
        self.setWindowTitle(self.tr("Edit certification") if cert else self.tr("New certification"))
        self.resize(520, 360)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for code in ("internal", "external"):
            self.kind.addItem(cert_kind_label(code), code)
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(self.tr("e.g. 教育担当, or the outside body"))
        self.validity = QSpinBox()
        self.validity.setRange(0, 240)
        self.validity.setSpecialValueText(self.tr("No expiry"))
        self.validity.setSuffix(self.tr(" months"))
        self.renewal = QLineEdit()
        self.renewal.setPlaceholderText(self.tr("e.g. 更新研修の修了で再認定"))
        self.course = QComboBox()
        self.course.addItem("—", None)
        for c in training.list_courses(ctx.db, ctx.actor):
            self.course.addItem(c.name, c.name)
        self.role = QComboBox()
        self.role.addItem("—", None)
        for r in organisation.list_job_roles(ctx.db):
            self.role.addItem(r.name, r.name)
        form = QFormLayout()
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Issuer"), self.issuer)
        form.addRow(self.tr("Valid for"), self.validity)
        form.addRow(self.tr("Renewal rule"), self.renewal)
        form.addRow(self.tr("Renewed by completing"), self.course)
        form.addRow(self.tr("Required for role"), self.role)
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if cert is not None:
            self.name.setText(cert.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(cert.kind)))
            self.issuer.setText(cert.issuer or "")
            self.validity.setValue(cert.validity_months or 0)
            self.renewal.setText(cert.renewal_rule or "")
            self.course.setCurrentIndex(max(0, self.course.findData(cert.course)))
            self.role.setCurrentIndex(max(0, self.role.findData(cert.required_for_role)))
        link_form_labels(self)  # captions name their fields for screen readers

    def accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Enter the certification's name."))
            return
        fields = {"kind": self.kind.currentData(), "issuer": self.issuer.text().strip() or None,
                  "validity_months": self.validity.value() or None, "renewal_rule": self.renewal.text().strip() or None,
                  "course": self.course.currentData(), "required_for_role": self.role.currentData()}
        db, actor = self.ctx.db, self.ctx.actor
        try:
            if self.original is None:
                self.cert = training_certs.create_certification(db, actor, name, **fields)
            else:
                self.cert = training_certs.update_certification(db, actor, self.original.id, name=name,
                                                                expected_version=self.original.version, **fields)
        except (ConflictError, PermissionDenied) as exc:
            self.error.setText(feedback.refused(self, exc).text())  # a box: reopen to see the newer data
            return
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()


class AwardDialog(QDialog):
    """Award (or re-issue) a certification to a person on an issue date. The dialog shows the
    award the person holds now and the expiry the new one gets; `award` holds the saved one."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, staff_id: int | None = None,
                 certification_id: int | None = None, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.award: AwardInfo | None = None
        self.setWindowTitle(self.tr("Award a certification"))
        self.resize(520, 320)
        self.certs = {c.id: c for c in training_certs.list_certifications(ctx.db, ctx.actor)}
        self.person = QComboBox()
        for p in organisation.list_staff(ctx.db, include_left=False):
            self.person.addItem(f"{p.name}（{p.department}）" if p.department else p.name, p.id)
        if staff_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(staff_id)))
        self.cert = QComboBox()
        for c in self.certs.values():
            self.cert.addItem(f"{c.name}（{cert_kind_label(c.kind)}）", c.id)
        if certification_id is not None:
            self.cert.setCurrentIndex(max(0, self.cert.findData(certification_id)))
        day = today or records.today_jst()
        self.issued = QDateEdit(QDate(day.year, day.month, day.day))
        self.issued.setCalendarPopup(True)
        self.issued.setDisplayFormat("yyyy/MM/dd")
        self.expiry = QLabel()
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Person *"), self.person)
        form.addRow(self.tr("Certification *"), self.cert)
        form.addRow(self.tr("Issued on *"), self.issued)
        form.addRow(self.tr("Expires on"), self.expiry)
        form.addRow(self.tr("Holds now"), self.current)
        form.addRow(self.tr("Note"), self.note)
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for signal in (self.person.currentIndexChanged, self.cert.currentIndexChanged):
            signal.connect(lambda _i: self._preview())
        self.issued.dateChanged.connect(lambda _d: self._preview())
        self._preview()
        link_form_labels(self)  # captions name their fields for screen readers

    def _preview(self) -> None:
        """The expiry the service will set, and the award this one would renew."""
        cert = self.certs.get(self.cert.currentData())
        if cert is None:
            self.expiry.setText("—")
            self.current.setText("—")
            return
        ends = rules.certification_expiry(to_date(self.issued.date()), cert.validity_months)
        self.expiry.setText(f"{ends:%Y/%m/%d}" if ends else self.tr("No expiry"))
        held = None
        if self.person.currentData() is not None:
            held = next((a for a in training_certs.awards_of(self.ctx.db, self.ctx.actor, self.person.currentData())
                         if a.certification_id == cert.id and a.current), None)
        if held is None:
            self.current.setText(self.tr("Not held yet"))
        else:
            ends_text = f"{held.expires_on:%Y/%m/%d}" if held.expires_on else self.tr("no expiry")
            self.current.setText(self.tr("Issued %1, expires %2. Saving re-issues it from the new date.")
                                 .replace("%1", f"{held.issued_on:%Y/%m/%d}").replace("%2", ends_text))

    def accept(self) -> None:
        if self.person.currentData() is None or self.cert.currentData() is None:
            self.error.setText(self.tr("Choose a person and a certification."))
            return
        try:
            self.award = training_certs.award_certification(
                self.ctx.db, self.ctx.actor, self.person.currentData(), self.cert.currentData(),
                to_date(self.issued.date()), note=self.note.text().strip() or None)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
