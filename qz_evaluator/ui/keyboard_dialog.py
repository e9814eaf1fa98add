"""Help ▸ Keyboard Shortcuts: every key of keyboard-only scoring, in one table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from qz_evaluator.ui.generated.ui_keyboard_dialog import Ui_KeyboardDialog


def keyboard_map() -> list[tuple[str, str]]:
    """(keys, what they do), in the interface language; the single source of the docs."""
    return [
        (QCoreApplication.translate("KeyboardDialog", "Anywhere in the window"), ""),
        (
            "Ctrl+1",
            QCoreApplication.translate(
                "KeyboardDialog", "Go to the candidate list (↑ ↓ choose a candidate)"
            ),
        ),
        (
            "Ctrl+2",
            QCoreApplication.translate("KeyboardDialog", "Go to the criteria of the scorecard"),
        ),
        (
            "Ctrl+F",
            QCoreApplication.translate("KeyboardDialog", "Search candidates (Chinese input works)"),
        ),
        (
            "Ctrl+PgDown / Ctrl+PgUp",
            QCoreApplication.translate("KeyboardDialog", "Next / previous candidate"),
        ),
        (
            "Alt+↓ / Alt+↑",
            QCoreApplication.translate("KeyboardDialog", "Next / previous criteria item"),
        ),
        ("Ctrl+J", QCoreApplication.translate("KeyboardDialog", "Next item not scored yet")),
        (
            "Alt+1 … Alt+6",
            QCoreApplication.translate(
                "KeyboardDialog", "Choose the band, from anywhere (also while writing notes)"
            ),
        ),
        (
            "Alt+→ / Alt+←, Alt+0",
            QCoreApplication.translate(
                "KeyboardDialog", "Value up / down by 5 %, clear the score, from anywhere"
            ),
        ),
        (
            "Alt+S / Alt+O / Alt+V",
            QCoreApplication.translate(
                "KeyboardDialog", "Write strengths / opportunities for improvement / evidence"
            ),
        ),
        (
            "Ctrl+Z",
            QCoreApplication.translate("KeyboardDialog", "Undo the last score or note change"),
        ),
        ("Ctrl+Shift+Z, Ctrl+Y", QCoreApplication.translate("KeyboardDialog", "Redo")),
        (
            "Ctrl+Shift+F",
            QCoreApplication.translate(
                "KeyboardDialog", "Finalise the scorecard (lists what is missing)"
            ),
        ),
        (
            "Ctrl+E",
            QCoreApplication.translate(
                "KeyboardDialog", "Export the signed PDF of a final scorecard"
            ),
        ),
        (
            "Ctrl+= / Ctrl+-, Ctrl+0",
            QCoreApplication.translate("KeyboardDialog", "Larger / smaller text, actual size"),
        ),
        ("F1", QCoreApplication.translate("KeyboardDialog", "This list")),
        (QCoreApplication.translate("KeyboardDialog", "In the criteria (Ctrl+2)"), ""),
        (
            "↑ / ↓, Home / End",
            QCoreApplication.translate("KeyboardDialog", "Previous / next item, first / last item"),
        ),
        # Plain digits are a typed percentage, so bands are Alt+1…6 only: "4" "5" is 45 %,
        # never band 4 then band 5.
        (
            "0 … 9, Enter",
            QCoreApplication.translate(
                "KeyboardDialog",
                "Type the percentage, then Enter (0–100 in 5 % steps; other values are refused)",
            ),
        ),
        (
            "Backspace, Esc",
            QCoreApplication.translate("KeyboardDialog", "Correct / drop the typed digits"),
        ),
        ("→ / ←  (+ / −)", QCoreApplication.translate("KeyboardDialog", "Value up / down by 5 %")),
        (
            "Delete, Backspace",
            QCoreApplication.translate("KeyboardDialog", "Clear the item's score"),
        ),
        (
            QCoreApplication.translate("KeyboardDialog", "Enter (nothing typed)"),
            QCoreApplication.translate("KeyboardDialog", "Write the strengths of this item"),
        ),
        (QCoreApplication.translate("KeyboardDialog", "In the bands"), ""),
        (
            "Tab",
            QCoreApplication.translate(
                "KeyboardDialog", "Go to the bands: this alone never scores the item"
            ),
        ),
        (
            QCoreApplication.translate("KeyboardDialog", "↓ / ↑, Space, click"),
            QCoreApplication.translate(
                "KeyboardDialog", "Choose the next / previous band, the one under the cursor"
            ),
        ),
        (QCoreApplication.translate("KeyboardDialog", "In a note box"), ""),
        ("Tab / Shift+Tab", QCoreApplication.translate("KeyboardDialog", "Next / previous box")),
        ("Esc", QCoreApplication.translate("KeyboardDialog", "Back to the criteria")),
    ]


class KeyboardDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_KeyboardDialog()
        self.ui.setupUi(self)
        table = self.ui.keys_table
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = keyboard_map()
        table.setRowCount(len(rows))
        for row, (keys, action) in enumerate(rows):
            key_cell = QTableWidgetItem(keys)
            if not action:  # a heading row
                font = key_cell.font()
                font.setBold(True)
                key_cell.setFont(font)
                table.setSpan(row, 0, 1, 2)
            table.setItem(row, 0, key_cell)
            if action:
                table.setItem(row, 1, QTableWidgetItem(action))
