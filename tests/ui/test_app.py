"""The composition root: command line, start-up choices, fonts and the crash handler."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from qz_evaluator.ui import app as app_module
from qz_evaluator.ui import crash
from qz_evaluator.ui.app import build_parser, main, start
from qz_evaluator.ui.fonts import CJK_FAMILY, install_cjk_font
from qz_evaluator.ui.locations import demo_workspace_path, log_file_path
from qz_evaluator.ui.main_window import GEOMETRY_KEY, MainWindow

from .conftest import MessageBoxes, wait_until_complete


@pytest.fixture
def started(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    """Windows that start() made, closed after the test."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.close()


def run_start(
    started: list[MainWindow], qtbot: QtBot, *argv: str, open_later: bool = False
) -> MainWindow:
    window = start(build_parser().parse_args(list(argv)), open_later=open_later)
    qtbot.addWidget(window)
    started.append(window)
    return window


def status_texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.ui.status_bar.findChildren(QLabel)]


def test_parser_defaults_and_choices() -> None:
    args = build_parser().parse_args([])
    assert (args.demo, args.workspace, args.lang) == (False, None, None)
    args = build_parser().parse_args(["--lang", "en", "some.qzw"])
    assert (args.lang, args.workspace) == ("en", Path("some.qzw"))


def test_parser_refuses_demo_and_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--demo", "some.qzw"])
    assert "not allowed with" in capsys.readouterr().err


def test_application_is_named_for_settings(app: QApplication) -> None:
    assert app.organizationName() == app.applicationName() == "qz-evaluator"


def test_bundled_cjk_font_is_the_fallback(app: QApplication) -> None:
    assert install_cjk_font(app) == CJK_FAMILY  # idempotent: registered once
    assert CJK_FAMILY in app.font().families()
    raw = QRawFont.fromFont(QFont(CJK_FAMILY))
    assert all(raw.supportsCharacter(ord(ch)) for ch in "衢州优势潜力种子单位特种纸")


def test_start_with_nothing_shows_the_welcome_page(qtbot: QtBot, started: list[MainWindow]) -> None:
    window = run_start(started, qtbot)
    assert window.workspace is None
    assert window.ui.details_stack.currentWidget() is window.ui.welcome_page
    assert window.ui.welcome_demo_button.text() == "试用演示工作区"


def test_start_uses_the_language_chosen_last_time(qtbot: QtBot, started: list[MainWindow]) -> None:
    first = run_start(started, qtbot)
    assert first.language == "zh"
    first.ui.action_language_en.trigger()
    first.close()
    again = run_start(started, qtbot)
    assert again.language == "en"
    assert again.ui.welcome_demo_button.text() == "Try the demo workspace"
    chinese = run_start(started, qtbot, "--lang", "zh_CN")
    assert chinese.language == "zh"


def test_start_reopens_the_last_workspace(
    qtbot: QtBot, started: list[MainWindow], demo_path: Path
) -> None:
    first = run_start(started, qtbot, str(demo_path))
    assert first.workspace is not None
    first.close()
    again = run_start(started, qtbot)
    assert again.workspace is not None and again.workspace.path == demo_path


def test_start_forgets_a_vanished_last_workspace(
    qtbot: QtBot, started: list[MainWindow], demo_path: Path, message_boxes: MessageBoxes
) -> None:
    run_start(started, qtbot, str(demo_path)).close()
    demo_path.unlink()
    window = run_start(started, qtbot)
    assert window.workspace is None
    assert message_boxes.shown == []


def test_start_demo_in_english(qtbot: QtBot, started: list[MainWindow]) -> None:
    window = run_start(started, qtbot, "--demo", "--lang", "en")
    assert window.workspace is not None
    assert window.workspace.path == demo_workspace_path()
    assert window.model.index(0, 0).data() == "Advantage (4)"
    assert window.ui.menu_file.title() == "&File"


def test_start_reports_a_bad_file(
    qtbot: QtBot, started: list[MainWindow], tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    bad = tmp_path / "bad.qzw"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    window = run_start(started, qtbot, str(bad))
    assert window.workspace is None
    assert [kind for kind, _, _ in message_boxes.shown] == ["critical"]
    assert "Traceback" not in message_boxes.shown[0][2]


def test_main_runs_the_event_loop_and_cleans_up(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, demo_path: Path
) -> None:
    windows: list[MainWindow] = []
    hooks: list[object] = []

    def recording_start(args: argparse.Namespace, *, open_later: bool = False) -> MainWindow:
        assert open_later  # the window shows first, the workspace opens in the loop
        window = start(args, open_later=open_later)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    def fake_exec(self: QApplication) -> int:
        hooks.append(sys.excepthook)
        assert windows[0].workspace is None and windows[0].isVisible()
        assert not windows[0].is_complete  # the frame paints first
        qtbot.waitUntil(lambda: windows[0].workspace is not None, timeout=2000)
        return 0

    monkeypatch.setattr(app_module, "start", recording_start)
    monkeypatch.setattr(QApplication, "exec", fake_exec)
    hook_before = sys.excepthook
    assert main([str(demo_path)]) == 0
    assert hooks and hooks[0] is not hook_before  # the crash handler was in place
    assert sys.excepthook is hook_before  # and is gone again
    assert windows[0].workspace is None  # closed when the loop ended


def test_start_later_paints_the_frame_first_then_opens(
    qtbot: QtBot, started: list[MainWindow], demo_path: Path
) -> None:
    window = run_start(started, qtbot, str(demo_path), open_later=True)
    assert (window.is_complete, window.workspace) == (False, None)
    # Not the welcome page while the workspace is on its way: it says which one.
    assert window.ui.details_stack.currentWidget() is window.ui.placeholder_page
    assert "demo.qzw …" in status_texts(window)
    wait_until_complete(qtbot, window)
    assert window.workspace is not None and window.workspace.path == demo_path
    assert window.model.rowCount() == 3
    assert window.ui.search_edit.isEnabled()
    # The scoring panel follows once the list has been painted, without being asked.
    from qz_evaluator.ui.scoring_panel import ScoringPanel

    qtbot.waitUntil(lambda: window.findChild(ScoringPanel) is not None, timeout=5000)
    assert window.findChildren(ScoringPanel) == [window.panel]
    assert window.panel.card is None and not window.ui.action_undo.isEnabled()
    # So does the legend under the list, and the progress column fits "23/23".
    assert window.ui.legend_label.isVisible() and "全部评完" in window.ui.legend_label.text()
    from qz_evaluator.ui.candidate_model import Column

    tree = window.ui.candidate_tree
    text_width = tree.fontMetrics().horizontalAdvance("23/23")
    icon_size = tree.style().pixelMetric(tree.style().PixelMetric.PM_SmallIconSize)
    assert tree.columnWidth(Column.PROGRESS) >= text_width + icon_size + 8


def test_start_later_with_nothing_to_open(qtbot: QtBot, started: list[MainWindow]) -> None:
    window = run_start(started, qtbot, "--lang", "zh_CN", open_later=True)
    assert window.ui.details_stack.currentWidget() is window.ui.welcome_page
    assert window.ui.tier_filter.currentText() == "全部层级"  # the filters look the same
    wait_until_complete(qtbot, window)
    assert window.workspace is None
    assert window.ui.details_stack.currentWidget() is window.ui.welcome_page
    window.ui.action_language_en.trigger()  # the menus work once complete
    assert window.language == "en"
    assert window.ui.welcome_demo_button.text() == "Try the demo workspace"


def test_window_closed_before_it_is_complete(qtbot: QtBot) -> None:
    window = MainWindow(deferred=True)
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert not window.is_complete
    geometry = QSettings().value(GEOMETRY_KEY)
    assert isinstance(geometry, QByteArray) and not geometry.isEmpty()


def test_the_frame_imports_no_workspace_parts() -> None:
    """Start-up time: the list, the scoring panel, the services and the store (and
    what they import) load after the first paint, not with the program."""
    code = "import sys, qz_evaluator.ui.app; print(*sorted(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    later = {
        "qz_evaluator.ui.candidate_model",
        "qz_evaluator.ui.scoring_panel",
        "qz_evaluator.ui.workflows",
        "qz_evaluator.services.evaluator_session",
        "qz_evaluator.services.scoring",
        "qz_evaluator.store.workspace",
        "sqlite3",
    }
    assert loaded & later == set()


def test_main_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "qz-evaluator" in capsys.readouterr().out


def test_excepthook_logs_and_shows_a_dialog(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dialogs: list[tuple[BaseException, str, Path]] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: dialogs.append(args))
    log_path = log_file_path()
    uninstall = crash.install_excepthook(log_path)
    try:
        try:
            raise RuntimeError("boom 坏了")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        uninstall()
    assert sys.excepthook is not None
    logged = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: boom 坏了" in logged and "Traceback" in logged
    assert len(dialogs) == 1 and str(dialogs[0][0]) == "boom 坏了"
    assert dialogs[0][2] == log_path
    assert "boom" in capsys.readouterr().err
    assert not any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == log_path
        for h in logging.getLogger().handlers
    )


def test_a_current_workspace_opens_on_the_ui_thread_without_a_worker(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qz_evaluator.services import session

    migrated: list[Path] = []
    monkeypatch.setattr(session, "open_workspace", lambda path: migrated.append(path))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_workspace(demo_path)
    assert migrated == []  # nothing to migrate: no worker, no second opening
    assert window.session is not None and window.session.path == demo_path
    assert window.model.rowCount() > 0


def test_migrating_runs_off_the_ui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils.migrations import Migrations

    from qz_evaluator.services import session
    from qz_evaluator.store import schema
    from qz_evaluator.store.workspace import Role, Workspace

    path = tmp_path / "old.qzw"
    first_three = Migrations(schema.MIGRATION_SET)
    for name, function in schema.MIGRATIONS[:3]:
        first_three(name=name)(function)
    with monkeypatch.context() as patch:  # a workspace of an early version of the program
        patch.setattr(schema, "migration_set", lambda: first_three)
        patch.setattr(schema, "KNOWN_MIGRATIONS", schema.KNOWN_MIGRATIONS[:3])
        patch.setattr(schema, "SCHEMA_VERSION", 3)
        Workspace.create(path, Role.EVALUATOR, owner_code="P01").close()

    opened_on: list[int] = []
    real = session.open_workspace

    def spy(path: Path) -> session.Workspace:
        opened_on.append(threading.get_ident())
        return real(path)

    monkeypatch.setattr(session, "open_workspace", spy)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_workspace(path)
    # Migrated on a worker; the session's own connection is the UI thread's.
    assert opened_on[0] != threading.get_ident() and opened_on[1:] == [threading.get_ident()]
    assert window.session is not None and window.session.path == path
    assert window.session.workspace.schema_version == schema.SCHEMA_VERSION


def test_the_filled_list_imports_no_scorecard_document() -> None:
    """Start-up time: the window's list (its model, workflows and the store under them)
    needs no merged or signed scorecard document; that module and its edit history load
    when a card is finalised, exported or merged."""
    code = (
        "import sys, qz_evaluator.ui.candidate_model, qz_evaluator.ui.workflows,"
        " qz_evaluator.services.session; print(*sorted(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "qz_evaluator.store.workspace" in loaded
    assert "qz_evaluator.domain.scorecard_document" not in loaded
    assert "qz_evaluator.domain.edit_history" not in loaded


def test_the_list_state_kept_by_earlier_versions_is_found(qtbot: QtBot, demo_path: Path) -> None:
    """The key of a workspace's list state (selection, search, filters) is the SHA-1 of
    its path, as earlier versions wrote it with hashlib: the window now takes Qt's SHA-1
    (no OpenSSL on the way to the first paint), and must find what they kept."""
    import hashlib
    import json

    from qz_evaluator.ui.main_window import LIST_STATE_KEY

    digest = hashlib.sha1(str(demo_path.resolve()).encode("utf-8")).hexdigest()[:16]
    state = {"candidate": None, "item": None, "search": "衢州", "filters": ["", "", "", ""]}
    QSettings().setValue(LIST_STATE_KEY.format(key=digest), json.dumps(state, ensure_ascii=False))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_workspace(demo_path)
    assert window.ui.search_edit.text() == "衢州"
    assert window.model.search_text == "衢州"
