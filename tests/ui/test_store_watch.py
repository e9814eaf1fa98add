"""Bug 5 (issue 9): two windows on one workspace. The window notices another writer
(SQLite's data_version) and shows the store's values again; a change based on a card
that another window has since changed is refused, never written over the newer value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services.errors import ChangedElsewhere
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.main_window import MainWindow

from .conftest import MessageBoxes

ROUND = "2026-site"
OWNER = "P01"


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_workspace(path)
    return win


@pytest.fixture
def windows(qtbot: QtBot, demo_path: Path) -> Iterator[tuple[MainWindow, MainWindow]]:
    a, b = _window(qtbot, demo_path), _window(qtbot, demo_path)
    yield a, b
    a.close()
    b.close()


def _fresh_code(window: MainWindow) -> str:
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row is not None and row.status is CandidateStatus.NOT_STARTED:
            return code
    raise AssertionError("no unscored candidate")


def _show(window: MainWindow, code: str) -> None:
    assert window.select_candidate(code)
    window.ui.action_focus_criteria.trigger()
    assert window.panel.card is not None and window.panel.card.credit_code == code


def _stored_percent(path: Path, code: str, item: str) -> int | None:
    with Workspace.open(path) as workspace:
        return workspace.scorecard(ROUND, code, OWNER).entry(item).percent


def test_second_window_sees_the_first_windows_score_and_cannot_overwrite_it(
    windows: tuple[MainWindow, MainWindow], demo_path: Path, message_boxes: MessageBoxes
) -> None:
    a, b = windows
    code = _fresh_code(a)
    _show(a, code)
    _show(b, code)
    item = a.panel.current_item_code
    assert item is not None and b.panel.current_item_code == item
    tree_a, tree_b = a.panel.ui.criteria_tree, b.panel.ui.criteria_tree

    # Typed into each window's own tree: Alt+digit is a window shortcut, which only the
    # active window (offscreen: the last one shown) would take.
    for key in (Qt.Key.Key_3, Qt.Key.Key_0, Qt.Key.Key_Return):
        QTest.keyClick(tree_a, key)  # window A scores the item: 30 %
    stored = _stored_percent(demo_path, code, item)
    assert stored is not None

    # Window B has not looked yet: its card is stale, so its choice is refused, not
    # written over A's value; it then shows the stored value.
    for key in (Qt.Key.Key_7, Qt.Key.Key_0, Qt.Key.Key_Return):
        QTest.keyClick(tree_b, key)
    assert _stored_percent(demo_path, code, item) == stored
    assert b.panel.card is not None and b.panel.card.entry(item).percent == stored
    assert any("另一个窗口" in text for text in message_boxes.texts())


def test_window_shows_what_another_connection_wrote(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], demo_path: Path
) -> None:
    a, _b = windows
    code = _fresh_code(a)
    _show(a, code)
    item = a.panel.current_item_code
    assert item is not None
    with Workspace.open(demo_path) as other:
        service = ScoringService(other)
        card = service.open(ROUND, code, OWNER)
        service.set_percent(card, item, 70)
    # The window notices on its timer (or when it is activated) and reads the store again.
    qtbot.waitUntil(lambda: a.panel.card is not None and a.panel.card.entry(item).percent == 70)
    row = a.model.progress(code)
    assert row is not None and row.scored == 1 and row.status is CandidateStatus.IN_PROGRESS
    assert "70%" in a.panel.ui.item_score_label.text() or "70" in a.panel.ui.item_score_label.text()
    assert not a.check_store()  # nothing new since


def test_service_refuses_a_change_based_on_a_stale_card(demo_path: Path) -> None:
    with Workspace.open(demo_path) as first, Workspace.open(demo_path) as second:
        one, two = ScoringService(first), ScoringService(second)
        code = next(iter(sorted(first.panel_rounds(OWNER))))  # the owner has a panel
        assert code == ROUND
        member = first.panel_members(round_code=ROUND, evaluator_code=OWNER)[0]
        card = one.open(ROUND, member.credit_code, OWNER)
        stale = two.open(ROUND, member.credit_code, OWNER)
        item = "4.1.2"
        one.set_percent(card, item, 35)
        with pytest.raises(ChangedElsewhere):
            two.set_percent(stale, item, 70)
        assert first.scorecard(ROUND, member.credit_code, OWNER).entry(item).percent == 35
        one.set_text(one.current(card).card, item, TextField.STRENGTHS, "甲")
        fresh = two.current(stale).card
        two.set_percent(fresh, item, 40)  # based on the stored card: allowed
        with pytest.raises(ChangedElsewhere):
            two.set_text(stale, item, TextField.STRENGTHS, "乙")
