"""File ▸ Back Up Workspace… in both windows: the copy is written on the task runner, opens
as a workspace with the same data; a refused target is said, and nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow
from pytestqt.qtbot import QtBot

from qz_evaluator.services.session import open_workspace
from qz_evaluator.ui.app import build_parser, start_window
from qz_evaluator.ui.main_window import MainWindow
from qz_evaluator.ui.secretariat_window import SecretariatWindow

from .conftest import MessageBoxes, wait_until_complete


@pytest.fixture
def started(qtbot: QtBot) -> Iterator[list[QMainWindow]]:
    windows: list[QMainWindow] = []
    yield windows
    for window in windows:
        window.close()


def _open(started: list[QMainWindow], qtbot: QtBot, path: Path) -> MainWindow | SecretariatWindow:
    window = start_window(build_parser().parse_args([str(path)]))
    qtbot.addWidget(window)
    started.append(window)
    if isinstance(window, MainWindow):
        wait_until_complete(qtbot, window)
    return window


def _same_data(original: Path, copy: Path) -> None:
    with open_workspace(original) as a, open_workspace(copy) as b:
        assert b.workspace_id == a.workspace_id
        assert b.counts() == a.counts()
        assert [c.credit_code for c in b.candidates()] == [c.credit_code for c in a.candidates()]


@pytest.mark.parametrize("which", ["evaluator", "secretariat"])
def test_file_menu_backs_up_the_workspace(
    which: str,
    started: list[QMainWindow],
    qtbot: QtBot,
    demo_path: Path,
    pool_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    path = demo_path if which == "evaluator" else pool_path
    window = _open(started, qtbot, path)
    assert isinstance(window, MainWindow if which == "evaluator" else SecretariatWindow)
    action = window.ui.action_backup_workspace
    assert action in window.ui.menu_file.actions() and action.isEnabled()
    assert action.text() == "备份工作区(&B)…"  # zh_CN by default
    out = tmp_path / "copies"
    out.mkdir()
    asked: list[str] = []

    def save_dialog(parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(out / "备份"), ""  # no suffix typed: .qzw is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    copy = out / "备份.qzw"
    assert Path(asked[0]).parent == path.parent and asked[0].endswith(".qzw")
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("information", "工作区已备份")
    assert str(copy) in text
    assert [p.name for p in out.iterdir()] == ["备份.qzw"]
    _same_data(path, copy)

    # The workspace itself as the target: refused with a message, the workspace untouched.
    message_boxes.shown.clear()
    before = path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "工作区未备份")
    assert f"{path} 就是工作区本身" in text and "请另选一个文件名" in text  # translated, with hint
    assert path.read_bytes() == before
    # Cancelled: nothing at all.
    message_boxes.shown.clear()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    action.trigger()
    assert message_boxes.shown == []


@pytest.mark.parametrize("kind", [MainWindow, SecretariatWindow])
def test_without_a_workspace_the_action_is_off(
    kind: type[MainWindow] | type[SecretariatWindow],
    started: list[QMainWindow],
    qtbot: QtBot,
) -> None:
    window = kind()
    qtbot.addWidget(window)
    started.append(window)
    window.show()
    qtbot.waitExposed(window)
    if isinstance(window, MainWindow):
        wait_until_complete(qtbot, window)
    assert not window.ui.action_backup_workspace.isEnabled()
    assert window.back_up_workspace() is None
