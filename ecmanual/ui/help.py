"""Help for each screen: a short explanation (F1 or the "?" button by the page title) and a
link to the manual page that holds the team's rules for that work.

The manual pages come from the default content (db/defaults/manual_pages.json); the link opens
the page in the Manual area. When an organisation deleted or renamed a page, the link says so.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import EcmanualError
from ..services import manual
from .areas import Area
from .context import UiContext

# area key -> (explanation, English source; context "Help"), manual page slug
HELP: dict[str, tuple[str, str]] = {
    "dashboard": (QT_TRANSLATE_NOOP("Help", "What needs attention today: overdue and due-soon trainings, "
                                            "open review findings, runs waiting for approval, duties and pages "
                                            "due for review. Double-click an item to go to its place."),
                  "operations-structure"),
    "raci": (QT_TRANSLATE_NOOP("Help", "Who does what: departments, staff and roles, and for every process step "
                                       "who is Responsible, Accountable, Consulted and Informed. Type R, A, C or I "
                                       "in a cell; every step needs exactly one A."),
             "operations-structure"),
    "training": (QT_TRANSLATE_NOOP("Help", "The trainings each role needs and who completed them. Record a "
                                           "completion, plan sessions, and watch certifications that expire."),
                 "security-policy"),
    "reviews": (QT_TRANSLATE_NOOP("Help", "Quarterly permission reviews: import each system's account list, check "
                                          "the findings (leavers, shared or dormant accounts, MFA off), decide keep "
                                          "or remove for every account and sign the review off."),
                "security-policy"),
    "checklists": (QT_TRANSLATE_NOOP("Help", "Start a checklist from a template, tick each item with its evidence "
                                             "and submit it; a second person approves or returns it."),
                   "update-rules"),
    "templates": (QT_TRANSLATE_NOOP("Help", "Document templates: fill in the fields of a notice, request or report "
                                            "and export the finished document."),
                  "template-rules"),
    "glossary": (QT_TRANSLATE_NOOP("Help", "The team's terms with reading and meaning. Terms are underlined in the "
                                           "manual pages; hover one to read its meaning."),
                 "text-rules"),
    "manual": (QT_TRANSLATE_NOOP("Help", "The operations manual. Propose a change with Edit; an approver publishes "
                                         "it. Pages are reviewed on a cycle, and required pages are acknowledged "
                                         "with \u201cI have read this\u201d."),
               "update-rules"),
    "risks": (QT_TRANSLATE_NOOP("Help", "The risk register, and incidents recorded step by step along the agreed "
                                        "response flow."),
              "emergency-response"),
    "audit": (QT_TRANSLATE_NOOP("Help", "Every change with who made it and when. The log is chained, so a change "
                                        "made outside the app shows as a break."),
              "compliance"),
    "settings": (QT_TRANSLATE_NOOP("Help", "Language and appearance of this PC, the organisation's settings "
                                           "(administrators) and where the data and log are kept."),
                 "security-policy"),
}


def help_text(area_key: str) -> str:
    return QCoreApplication.translate("Help", HELP[area_key][0])


def manual_slug(area_key: str) -> str:
    return HELP[area_key][1]


class HelpDialog(QDialog):
    """The explanation of one area and a button that opens its manual page; emits `openManual(slug)`."""

    openManual = Signal(str)

    def __init__(self, ctx: UiContext, area: Area, parent: QWidget | None = None):
        super().__init__(parent)
        self.area = area
        self.slug = manual_slug(area.key)
        try:
            self.page = manual.get_page(ctx.db, ctx.actor, self.slug)
        except EcmanualError:
            self.page = None
        self.setWindowTitle(self.tr("Help: %1").replace("%1", area.translated_title()))
        self.text = QLabel(help_text(area.key))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(420)
        self.manual_button = QPushButton()
        if self.page is not None:
            self.manual_button.setText(self.tr("Open the manual page \u201c%1\u201d").replace("%1", self.page.title))
        else:
            self.manual_button.setText(self.tr("The manual page %1 is not in this database")
                                       .replace("%1", self.slug))
            self.manual_button.setEnabled(False)
        self.manual_button.setAccessibleName(self.manual_button.text())
        self.manual_button.clicked.connect(self._open_manual)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.manual_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)

    def _open_manual(self) -> None:
        self.openManual.emit(self.slug)
        self.accept()
