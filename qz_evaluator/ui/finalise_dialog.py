"""The finalise dialog: the total, the language of the signed scorecard, and the no-conflict
declaration word for word as the PDF prints it, with a tick the evaluator must give.

Finalise stays disabled until the box is ticked: the evaluator signs only what they saw.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION


def language_name(language: str) -> str:
    """A scorecard language ("zh", "en") as the interface names it."""
    if language == "en":
        return QCoreApplication.translate("FinaliseDialog", "English")
    return QCoreApplication.translate("FinaliseDialog", "Chinese")


class FinaliseDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        candidate_name: str,
        total: str,
        points: int,
        scorecard_language: str,
        interface_language: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("finalise_dialog")
        self.setWindowTitle(QCoreApplication.translate("FinaliseDialog", "Finalise scorecard"))
        layout = QVBoxLayout(self)
        summary = QLabel(
            QCoreApplication.translate(
                "FinaliseDialog",
                "Finalise the scorecard for {name}? Total {total} / {points}.\n\nA final"
                " scorecard is locked; it can be reopened for a correction.",
            ).format(name=candidate_name, total=total, points=points)
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.language_label = QLabel(
            QCoreApplication.translate(
                "FinaliseDialog", "The signed scorecard will be in {language} (set by the round)."
            ).format(language=language_name(scorecard_language))
        )
        self.language_label.setWordWrap(True)
        layout.addWidget(self.language_label)

        # The exact text the PDF prints (its language is the scorecard's), and a
        # translation when the window speaks the other language.
        signed = NO_CONFLICT_DECLARATION.get(scorecard_language)
        shown = NO_CONFLICT_DECLARATION.get(interface_language)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        heading = QLabel(
            QCoreApplication.translate(
                "FinaliseDialog", "No-conflict declaration (printed and signed)"
            )
        )
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        inner.addWidget(heading)
        self.declaration_label = QLabel(signed)
        self.declaration_label.setObjectName("declaration_text")
        self.declaration_label.setWordWrap(True)
        self.declaration_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.declaration_label)
        if shown != signed:
            translation = QLabel(shown)
            translation.setWordWrap(True)
            italic = translation.font()
            italic.setItalic(True)  # a reading aid, not what is signed
            translation.setFont(italic)
            inner.addWidget(translation)
        layout.addWidget(box)

        self.affirm = QCheckBox(
            QCoreApplication.translate(
                "FinaliseDialog", "I have read this declaration and &affirm it"
            )
        )
        self.affirm.setObjectName("affirm_declaration")
        layout.addWidget(self.affirm)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.finalise_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.finalise_button.setText(QCoreApplication.translate("FinaliseDialog", "Finalise"))
        self.finalise_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("FinaliseDialog", "Cancel")
        )
        self.affirm.toggled.connect(self.finalise_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.affirm.setFocus()
        self.setMinimumWidth(520)

    def accept(self) -> None:
        if self.affirm.isChecked():  # Enter on the button box must not bypass the tick
            super().accept()
