"""Finding things (issue 9): search by credit code and by pinyin initials, an empty
state when nothing matches, the card being scored stays open when a search hides it,
and the selection, item, search and filters come back on restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.store.pool import pinyin_initials
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.main_window import MainWindow


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_workspace(path)
    return win


@pytest.fixture
def pool(qtbot: QtBot, pool_path: Path) -> Iterator[MainWindow]:
    win = _window(qtbot, pool_path)
    yield win
    win.close()


@pytest.fixture
def evaluator(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    win = _window(qtbot, demo_path)
    yield win
    win.close()


def type_keys(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type into the search box key by key, then wait for the search to run."""
    edit = window.ui.search_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(edit, text)
    qtbot.waitUntil(lambda: window.model.search_text == text.strip(), timeout=2000)


def type_chinese(qtbot: QtBot, window: MainWindow, text: str) -> None:
    edit = window.ui.search_edit
    edit.setFocus()
    edit.clear()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)
    qtbot.waitUntil(lambda: window.model.search_text == text, timeout=2000)


def test_initials_of_a_name() -> None:
    assert pinyin_initials("衢州博韬信息科技有限公司").startswith("qzbt")
    assert pinyin_initials("3M 中国") == "3mzg"


def test_search_by_pinyin_initials(qtbot: QtBot, pool: MainWindow, pool_path: Path) -> None:
    with Workspace.open(pool_path) as store:
        candidate = store.candidates()[0]
    initials = pinyin_initials(candidate.name)[:4]
    type_keys(qtbot, pool, initials)
    shown = pool.model.shown_codes()
    assert candidate.credit_code in shown
    assert all(initials in pinyin_initials(n) for n in _names(pool, shown))


def test_search_by_credit_code(qtbot: QtBot, pool: MainWindow, pool_path: Path) -> None:
    with Workspace.open(pool_path) as store:
        candidate = store.candidates(tier=Tier.SEED)[-1]
    type_keys(qtbot, pool, candidate.credit_code[-8:].lower())  # case does not matter
    assert pool.model.shown_codes() == [candidate.credit_code]


def test_nothing_matches_says_so(qtbot: QtBot, pool: MainWindow) -> None:
    assert pool.ui.empty_label.isHidden()
    type_chinese(qtbot, pool, "不存在的单位名")
    assert pool.model.shown_codes() == []
    assert pool.ui.empty_label.isVisible()
    assert "没有与“不存在的单位名”匹配的参评单位" in pool.ui.empty_label.text()
    pool.ui.search_edit.clear()
    qtbot.waitUntil(lambda: pool.model.search_text == "", timeout=2000)
    assert pool.ui.empty_label.isHidden()


def test_the_card_being_scored_stays_open_when_a_search_hides_it(
    qtbot: QtBot, evaluator: MainWindow
) -> None:
    code = next(
        c
        for c in evaluator.model.shown_codes()
        if (row := evaluator.model.progress(c)) and row.status is CandidateStatus.NOT_STARTED
    )
    assert evaluator.select_candidate(code)
    evaluator.ui.action_focus_criteria.trigger()
    QTest.keyClick(evaluator.panel.ui.criteria_tree, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    type_chinese(qtbot, evaluator, "不存在的单位名")
    assert evaluator.model.shown_codes() == []
    card = evaluator.panel.card
    assert card is not None and card.credit_code == code  # still open
    assert evaluator.panel.isVisible()
    current = evaluator.current_candidate()
    assert current is not None and current.credit_code == code  # finalise etc. still work
    QTest.keyClick(evaluator.panel.ui.criteria_tree, Qt.Key.Key_Down)
    QTest.keyClick(
        evaluator.panel.ui.criteria_tree, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier
    )  # still scoring
    assert evaluator.panel.card is not None and evaluator.panel.card.entries
    evaluator.ui.search_edit.clear()
    qtbot.waitUntil(lambda: evaluator.model.search_text == "", timeout=2000)
    selected = evaluator.selected_candidate()
    assert selected is not None and selected.credit_code == code  # selected again


def test_selection_item_and_filters_come_back_on_restart(qtbot: QtBot, demo_path: Path) -> None:
    first = _window(qtbot, demo_path)
    ui = first.ui
    ui.status_filter.setCurrentIndex(ui.status_filter.findData(CandidateStatus.IN_PROGRESS.value))
    codes = first.model.shown_codes()
    assert codes
    assert first.select_candidate(codes[-1])
    first.panel.select_item("4.3.2")
    first.close()

    second = _window(qtbot, demo_path)
    try:
        assert second.ui.status_filter.currentData() == CandidateStatus.IN_PROGRESS.value
        assert second.model.shown_codes() == codes
        selected = second.selected_candidate()
        assert selected is not None and selected.credit_code == codes[-1]
        assert second.panel.current_item_code == "4.3.2"
    finally:
        second.close()


def _names(window: MainWindow, codes: list[str]) -> list[str]:
    names = []
    for code in codes:
        row = window.model.progress(code)
        assert row is not None
        names.append(row.candidate.name)
    return names


def test_lyxmz_finds_the_machine_works(qtbot: QtBot, pool: MainWindow) -> None:
    type_keys(qtbot, pool, "lyxmz")
    assert "龙游县明轴精密机械有限公司" in _names(pool, pool.model.shown_codes())
