"""First run (issue 9): recent workspaces on the welcome page, and an evaluator's new
workspace without assignments says to import the package, naming the menu step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from qz_evaluator.services.evaluator_session import create_evaluator_workspace
from qz_evaluator.ui.main_window import MainWindow, recent_workspaces


def _shown(qtbot: QtBot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_welcome_page_lists_recent_workspaces_and_opens_one(
    qtbot: QtBot, demo_path: Path, pool_path: Path
) -> None:
    window = _shown(qtbot)
    ui = window.ui
    assert ui.details_stack.currentWidget() is ui.welcome_page
    assert ui.recent_list.isHidden()  # nothing opened yet
    assert window.open_workspace(demo_path)
    assert window.open_workspace(pool_path)
    window.close_workspace()
    assert recent_workspaces() == [pool_path.resolve(), demo_path.resolve()]
    assert ui.recent_list.isVisible() and ui.recent_list.count() == 2
    assert ui.recent_list.item(1).text().startswith("demo.qzw")

    ui.recent_list.setFocus()
    ui.recent_list.setCurrentRow(1)
    QTest.keyClick(ui.recent_list, Qt.Key.Key_Return)  # as a user opens it
    assert window.workspace is not None and window.workspace.path == demo_path
    window.close()


def test_a_missing_recent_workspace_is_reported_and_forgotten(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    window = _shown(qtbot)
    gone = tmp_path / "gone.qzw"
    gone.write_bytes(demo_path.read_bytes())
    assert window.open_workspace(gone)
    window.close_workspace()
    gone.unlink()
    window._fill_recent()
    item = window.ui.recent_list.item(0)
    assert "已不存在" in item.toolTip()
    window.ui.recent_list.itemActivated.emit(item)
    assert window.workspace is None
    assert recent_workspaces() == []
    window.close()


def test_new_evaluator_workspace_says_import_your_package(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mine.qzw"
    create_evaluator_workspace(path, "P07").close()
    window = _shown(qtbot)
    assert window.open_workspace(path)
    ui = window.ui
    assert window.model.shown_codes() == []
    hint = "文件 ▸ 导入评审任务包"
    assert ui.empty_label.isVisible() and hint in ui.empty_label.text()
    assert ui.details_stack.currentWidget() is ui.placeholder_page
    assert hint in ui.placeholder_label.text()
    window.close()
