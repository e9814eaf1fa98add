"""The main window over the demo workspace: the tier tree, search, details, errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.candidate_model import TIER_ORDER, Column
from qz_evaluator.ui.main_window import LAST_WORKSPACE_KEY, MainWindow

from .conftest import MessageBoxes


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close_workspace()


@pytest.fixture
def opened(window: MainWindow, pool_path: Path) -> MainWindow:
    """The secretariat's view of the demo: the whole pool."""
    assert window.open_workspace(pool_path)
    return window


@pytest.fixture
def store(pool_path: Path) -> Iterator[Workspace]:
    """A second, independent connection: what the store itself says."""
    with Workspace.open(pool_path) as workspace:
        yield workspace


def type_chinese(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Commit `text` the way a Chinese input method does (not as key presses)."""
    edit = window.ui.search_edit
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)
    assert edit.text() == text


def test_tree_groups_candidates_by_tier_with_counts(opened: MainWindow, store: Workspace) -> None:
    model = opened.model
    assert model.rowCount() == 3
    total = 0
    for row, tier in enumerate(TIER_ORDER):
        expected = store.candidates(tier=tier)
        group = model.index(row, 0)
        assert group.data() == f"{tier.label.get('zh')}（{len(expected)}）"
        assert model.rowCount(group) == len(expected)
        shown = [model.index(r, Column.NAME, group).data() for r in range(model.rowCount(group))]
        assert shown == [c.name for c in expected]
        assert opened.ui.candidate_tree.isExpanded(group)
        assert opened.ui.candidate_tree.isFirstColumnSpanned(row, QModelIndex())
        total += len(expected)
    assert total == 40
    assert [model.index(r, 0).data().split("（")[0] for r in range(3)] == [
        "优势单位",
        "潜力单位",
        "种子单位",
    ]


def test_evaluator_sees_own_round_with_status_and_progress(
    window: MainWindow, demo_path: Path
) -> None:
    assert window.open_workspace(demo_path)
    with Workspace.open(demo_path) as store:
        progress = store.scorecard_progress(round_code="2026-site", evaluator_code="P01")
        panel = {
            m.credit_code for m in store.panel_members(round_code="2026-site", evaluator_code="P01")
        }
        barred = {c.credit_code for c in store.conflicts(evaluator_code="P01")}
    model = window.model
    assert model.round_code == "2026-site"
    assert set(model.shown_codes()) == panel | barred
    assert len(panel) == 6 and len(barred) == 1
    for code in panel:
        index = model.index_of(code)
        assert index.siblingAtColumn(Column.PROGRESS).data() == f"{progress[code][1]}/23"
    statuses = {
        code: model.index_of(code).siblingAtColumn(Column.STATUS).data() for code in panel | barred
    }
    assert {statuses[code] for code in barred} == {"回避"}
    assert set(statuses.values()) == {"回避", "评分中", "未开始"}
    shown = {model.index_of(code).siblingAtColumn(Column.PROGRESS).data() for code in panel}
    assert {"23/23", "12/23", "5/23", "0/23"} <= shown
    assert "2026年度现场评审" in window.ui.round_label.text()


@pytest.mark.parametrize("text", ["特种纸", "衢江", "胡柚"])
def test_chinese_input_filters_like_the_store(
    qtbot: QtBot, opened: MainWindow, store: Workspace, text: str
) -> None:
    expected = [c.credit_code for c in store.candidates(search=text)]
    assert 0 < len(expected) < 40
    type_chinese(qtbot, opened, text)
    qtbot.waitUntil(lambda: opened.model.search_text == text, timeout=2000)
    assert opened.model.shown_codes() == expected
    for row, tier in enumerate(TIER_ORDER):
        count = len(store.candidates(tier=tier, search=text))
        assert opened.model.index(row, 0).data().endswith(f"（{count}）")

    opened.ui.search_edit.clear()
    qtbot.waitUntil(lambda: opened.model.search_text == "", timeout=2000)
    assert len(opened.model.shown_codes()) == 40


def test_search_waits_for_typing_to_pause(qtbot: QtBot, opened: MainWindow) -> None:
    opened.ui.search_edit.setText("特")
    opened.ui.search_edit.setText("特种")
    assert opened.model.search_text == ""  # nothing queried yet
    qtbot.waitUntil(lambda: opened.model.search_text == "特种", timeout=2000)


def test_selecting_a_candidate_shows_its_details(opened: MainWindow, store: Workspace) -> None:
    candidate = store.candidates(tier=Tier.ADVANTAGE)[0]
    assert opened.ui.details_stack.currentWidget() is opened.ui.placeholder_page
    assert opened.select_candidate(candidate.credit_code)
    ui = opened.ui
    assert ui.details_stack.currentWidget() is ui.candidate_tabs
    assert ui.candidate_tabs.currentWidget() is ui.details_page
    assert ui.name_label.text() == candidate.name
    assert ui.credit_code_value.text() == candidate.credit_code
    assert ui.tier_value.text() == "优势单位"
    assert ui.county_value.text() == candidate.county
    assert candidate.contact_phone in ui.contact_value.text()
    history = store.tier_history(candidate.credit_code)
    assert ui.history_table.rowCount() == len(history) == 3
    last_reason = ui.history_table.item(2, 2)
    assert last_reason is not None and last_reason.text() == history[2].reason


def test_selection_survives_a_search_that_keeps_it(
    qtbot: QtBot, opened: MainWindow, store: Workspace
) -> None:
    candidate = store.candidates(search="特种纸")[0]
    opened.select_candidate(candidate.credit_code)
    type_chinese(qtbot, opened, "特种纸")
    qtbot.waitUntil(lambda: opened.model.search_text == "特种纸", timeout=2000)
    selected = opened.selected_candidate()
    assert selected is not None and selected.credit_code == candidate.credit_code
    assert opened.ui.name_label.text() == candidate.name


def test_status_bar_names_workspace_role_and_path(window: MainWindow, demo_path: Path) -> None:
    assert window.open_workspace(demo_path)
    status = " ".join(label.text() for label in window.ui.status_bar.findChildren(QLabel))
    assert "衢州市政府质量奖 2026 演示工作区" in status
    assert "评审员 P01" in status
    assert demo_path.name in status
    tips = {label.toolTip() for label in window.ui.status_bar.findChildren(QLabel)}
    assert str(demo_path) in tips
    assert QSettings().value(LAST_WORKSPACE_KEY) == str(demo_path.resolve())


def test_opening_prepares_writes_once_in_the_background(
    qtbot: QtBot, window: MainWindow, pool_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening reads without sqlite-utils; the window loads it on a thread afterwards."""
    from qz_evaluator.services import session as services_session
    from qz_evaluator.ui import main_window

    threads: list[str] = []
    monkeypatch.setattr(
        services_session, "prepare_writes", lambda: threads.append(threading.current_thread().name)
    )
    main_window._prepare_writes_in_background.cache_clear()
    try:
        assert window.open_workspace(pool_path)
        assert window.open_workspace(pool_path)
        qtbot.waitUntil(lambda: bool(threads), timeout=3000)
        qtbot.wait(main_window.PREPARE_WRITES_DELAY_MS + 100)
        assert threads == ["qz-prepare-writes"]
    finally:
        main_window._prepare_writes_in_background.cache_clear()


def test_opening_a_non_workspace_reports_and_keeps_the_window_usable(
    qtbot: QtBot,
    opened: MainWindow,
    pool_path: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    bogus = tmp_path / "notes.qzw"
    bogus.write_text("这不是工作区\n", encoding="utf-8")
    assert not opened.open_workspace(bogus)
    assert len(message_boxes.shown) == 1
    kind, _title, text = message_boxes.shown[0]
    assert kind == "critical"
    assert str(bogus) in text and "Traceback" not in text
    # The demo stays open and searchable.
    assert opened.workspace is not None and opened.workspace.path == pool_path
    type_chinese(qtbot, opened, "胡柚")
    qtbot.waitUntil(lambda: opened.model.search_text == "胡柚", timeout=2000)
    assert opened.model.shown_codes()


def test_opening_a_missing_file_from_an_empty_window(
    window: MainWindow, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    assert not window.open_workspace(tmp_path / "missing.qzw")
    assert [kind for kind, _, _ in message_boxes.shown] == ["critical"]
    assert window.workspace is None
    assert window.model.rowCount() == 0
    assert window.ui.details_stack.currentWidget() is window.ui.welcome_page
    assert not window.ui.search_edit.isEnabled()


def test_file_menu_opens_a_chosen_workspace(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(demo_path), "")
    )
    window.ui.action_open_workspace.trigger()
    assert window.workspace is not None and window.workspace.path == demo_path
    assert window.ui.action_open_workspace.shortcut().toString() == "Ctrl+O"
    assert window.ui.action_quit.shortcut().toString() == "Ctrl+Q"


def test_demo_is_built_once_in_app_data(
    window: MainWindow, fresh_settings_and_data: Path, message_boxes: MessageBoxes
) -> None:
    window.ui.action_open_demo.trigger()
    assert window.workspace is not None
    path = window.workspace.path
    assert path.name == "demo.qzw" and fresh_settings_and_data in path.parents
    built = path.stat().st_mtime_ns
    window.close_workspace()
    assert window.open_demo()
    assert path.stat().st_mtime_ns == built
    assert len(window.model.shown_codes()) == 7  # P01's candidates of the site visit
    assert message_boxes.shown == []


def test_window_layout_is_restored(qtbot: QtBot, demo_path: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(760, 560)
    first.show()
    qtbot.waitExposed(first)
    first.ui.splitter.setSizes([300, 460])
    sizes = first.ui.splitter.sizes()
    first.panel.ui.item_splitter.setSizes([200, 150])
    item_sizes = first.panel.ui.item_splitter.sizes()
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (760, 560)
    assert second.ui.splitter.sizes() == sizes
    assert second.panel.ui.item_splitter.sizes() == item_sizes
