"""Answering the finalise dialog as a person would: read the declaration, tick it with
the space bar, press Enter (the dialog is modal, so the answer is queued before it opens)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from qz_evaluator.ui.finalise_dialog import FinaliseDialog


@dataclass
class FinaliseAnswer:
    declaration: list[str] = field(default_factory=list)  # the text the dialog showed
    language: list[str] = field(default_factory=list)  # its "signed scorecard in …" line
    enter_refused: list[bool] = field(default_factory=list)  # Enter did nothing unticked


def answer_finalise(*, tick: bool = True, tries: int = 500) -> FinaliseAnswer:
    """Queue the answer to the next finalise dialog: with `tick`, affirm and finalise;
    without, press Enter (which must do nothing) and then Escape."""
    answer = FinaliseAnswer()

    def respond(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FinaliseDialog):
            if left > 0:
                QTimer.singleShot(10, lambda: respond(left - 1))
            return
        answer.declaration.append(dialog.declaration_label.text())
        answer.language.append(dialog.language_label.text())
        if tick:
            dialog.affirm.setFocus()
            QTest.keyClick(dialog.affirm, Qt.Key.Key_Space)
            QTest.keyClick(dialog.finalise_button, Qt.Key.Key_Return)
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Return)
            answer.enter_refused.append(dialog.isVisible())
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, lambda: respond(tries))
    return answer
