"""The scoring panel in the field (issue 9): focus never scores, typed percentages,
visible finalise/export, the save state beside the scorecard, comment lengths,
unique accelerators and zoom."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QTreeWidgetItemIterator, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import Scorecard
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.main_window import MainWindow

from .conftest import MessageBoxes

ROUND = "2026-site"
OWNER = "P01"


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_workspace(demo_path)
    yield win
    win.close()


def stored(demo_path: Path, credit_code: str) -> Scorecard:
    with Workspace.open(demo_path) as workspace:
        return workspace.scorecard(ROUND, credit_code, OWNER)


def open_fresh(window: MainWindow) -> str:
    """Select a candidate with nothing scored and put the focus in its criteria."""
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row and row.status is CandidateStatus.NOT_STARTED:
            break
    else:
        raise AssertionError("no candidate not started")
    assert window.select_candidate(code)
    window.ui.action_focus_criteria.trigger()
    assert window.panel.card is not None and window.panel.card.credit_code == code
    return code


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifiers)


def type_keys(widget: QWidget, keys: str) -> None:
    for char in keys:
        QTest.keyClick(widget, Qt.Key(ord(char)))  # digits: Key_0 … Key_9 are their codes


def commit_text(edit: QPlainTextEdit, text: str) -> None:
    """Commit `text` the way a Chinese input method does (not as key presses)."""
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def click_item(window: MainWindow, code: str) -> None:
    tree = window.panel.ui.criteria_tree
    iterator = QTreeWidgetItemIterator(tree)
    row = None
    while iterator.value() is not None:
        if iterator.value().data(0, Qt.ItemDataRole.UserRole + 1) == code:
            row = iterator.value()
            break
        iterator += 1
    assert row is not None
    tree.scrollToItem(row)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center()
    )
    assert window.panel.current_item_code == code


# ----- bug 1: focus moving into the band list never writes a score ---------------------


def test_tab_into_the_bands_does_not_score(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    panel = window.panel
    click_item(window, "4.3.2")
    press(panel.ui.criteria_tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(panel.ui.band_list.hasFocus)
    assert panel.card is not None and panel.card.entry("4.3.2").percent is None
    assert panel.ui.completeness_value.text() == "0/23"
    assert stored(demo_path, code).entry("4.3.2").percent is None
    stack = panel.undo_stack()
    assert stack is not None and stack.count() == 0
    assert panel.shown_band() == -1  # nothing drawn as chosen either

    # Shift+Tab from the strengths box lands in the band list too, and scores nothing.
    panel.ui.strengths_edit.setFocus()
    press(panel.ui.strengths_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.ui.band_list.hasFocus)
    assert panel.card.entry("4.3.2").percent is None
    assert stored(demo_path, code).entry("4.3.2").percent is None

    # An explicit choice in the band list does score: a click, or ↓ from nothing.
    press(panel.ui.band_list, Qt.Key.Key_Down)
    assert panel.card.entry("4.3.2").percent == 0
    press(panel.ui.band_list, Qt.Key.Key_Down)
    assert panel.card.entry("4.3.2").percent == 10
    band_list = panel.ui.band_list
    QTest.mouseClick(
        band_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=band_list.visualItemRect(band_list.item(3)).center(),
    )
    assert panel.card.entry("4.3.2").percent == 50
    assert stored(demo_path, code).entry("4.3.2").percent == 50


# ----- bug 4: typed digits then Enter set that percentage ---------------------------------


def test_typed_digits_and_enter_score_that_percentage(
    qtbot: QtBot, window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    code = open_fresh(window)
    panel, tree = window.panel, window.panel.ui.criteria_tree
    type_keys(tree, "45")
    assert panel.card is not None and panel.card.entry("4.1.2").percent is None  # not yet
    assert panel.ui.entry_label.isVisible() and "45%" in panel.ui.entry_label.text()
    press(tree, Qt.Key.Key_Return)
    assert panel.card.entry("4.1.2").percent == 45
    assert stored(demo_path, code).entry("4.1.2").percent == 45
    assert panel.shown_band() == 2  # 30–45 %
    assert not panel.ui.entry_label.isVisible()
    assert tree.hasFocus()  # Enter scored, it did not go on to the notes

    type_keys(tree, "100")
    press(tree, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert stored(demo_path, code).entry("4.1.2").percent == 100

    # Not a 5 % step: refused beside the scorecard, no box, the score stays.
    type_keys(tree, "47")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 100
    assert panel.ui.entry_label.isVisible()
    assert "47%" in panel.ui.entry_label.text() and "5%" in panel.ui.entry_label.text()
    assert message_boxes.shown == []
    type_keys(tree, "105")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 100
    assert "105%" in panel.ui.entry_label.text()

    # Backspace corrects a typed digit, Esc drops what was typed, moving on drops it too.
    type_keys(tree, "78")
    press(tree, Qt.Key.Key_Backspace)
    type_keys(tree, "0")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 70
    type_keys(tree, "5")
    press(tree, Qt.Key.Key_Escape)
    press(tree, Qt.Key.Key_Return)  # nothing typed: Enter goes on to the strengths
    assert panel.ui.strengths_edit.hasFocus()
    assert stored(demo_path, code).entry("4.1.2").percent == 70
    tree.setFocus()
    type_keys(tree, "3")
    press(tree, Qt.Key.Key_Down)
    assert panel.current_item_code == "4.1.3" and panel.typed_value == ""
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.3").percent is None

    # Typing works in the band list too; "0" Enter is 0 %, Delete clears.
    band_list = panel.ui.band_list
    band_list.setFocus()
    type_keys(band_list, "0")
    press(band_list, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.3").percent == 0
    press(band_list, Qt.Key.Key_Delete)
    assert stored(demo_path, code).entry("4.1.3").percent is None
    # Undo knows the typed scores as ordinary score changes.
    stack = panel.undo_stack()
    assert stack is not None and stack.text(stack.count() - 1) == "评分 4.1.3：0% → —"
