"""Window tests run offscreen, with settings, app data and fonts of their own.

Everything here that must precede the QApplication happens at import time, which
pytest reaches before pytest-qt creates the application.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

_SANDBOX = Path(tempfile.mkdtemp(prefix="qz-ui-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)

# Hide the machine's CJK fonts so the screenshot proves the bundled one is used.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if sys.platform.startswith("linux") and _DEJAVU.is_dir():
    _fonts_conf = _SANDBOX / "fonts.conf"
    _fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{_DEJAVU}</dir>"
        f"<cachedir>{_SANDBOX / 'fontconfig-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(_fonts_conf)

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402 — after the environment
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from qz_evaluator.ui.pyside_fixes import protect_singletons  # noqa: E402

protect_singletons()  # pytest-qt creates the QApplication before `create_application` runs

from pytestqt.qtbot import QtBot  # noqa: E402

from qz_evaluator.services.demo import build_demo  # noqa: E402
from qz_evaluator.store.workspace import Role  # noqa: E402
from qz_evaluator.ui.app import create_application  # noqa: E402
from qz_evaluator.ui.main_window import MainWindow  # noqa: E402

# AppDataLocation: on Linux each test points XDG_DATA_HOME at its tmp_path (below);
# elsewhere Qt's test mode keeps it out of the real user's folders.
if not sys.platform.startswith("linux"):
    QStandardPaths.setTestModeEnabled(True)

# QSettings in an INI file under the sandbox on every platform (no registry, no plist).
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_SANDBOX / "settings"))


# The offscreen platform cannot resize native windows to their size hints and says so on
# every show(); that is a property of the test platform, not a fault of the window.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def app(qapp: QApplication) -> QApplication:
    """pytest-qt's application, named and fonted the way `main()` does it."""
    return create_application()


@pytest.fixture(autouse=True)
def fresh_settings_and_data(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Each test starts without saved settings and with its own AppDataLocation."""
    data_home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    QSettings().clear()
    yield data_home
    QSettings().clear()


def wait_until_complete(qtbot: QtBot, window: MainWindow) -> None:
    """Until a window that `start(..., open_later=True)` showed has built its workspace
    side and opened what was asked for, which it does right after its first paint."""
    qtbot.waitUntil(lambda: window.is_complete, timeout=5000)


@dataclass
class MessageBoxes:
    """Message boxes the code under test asked for, instead of blocking the test.

    A question is answered with `answers[title]` if given, else with `answer` (Yes).
    """

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    answers: dict[str, QMessageBox.StandardButton] = field(default_factory=dict)

    def record(self, kind: str) -> object:
        def show(parent: QWidget | None, title: str, text: str, *args: object) -> object:
            self.shown.append((kind, title, text))
            if kind == "question":
                return self.answers.get(title, self.answer)
            return QMessageBox.StandardButton.Ok

        return show

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()
    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, boxes.record(kind))
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: boxes.shown.append(("about", title, text))
    )
    return boxes


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once; tests open copies so none sees another's changes."""
    path = tmp_path_factory.mktemp("demo") / "demo.qzw"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.qzw"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture(scope="session")
def pool_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as the secretariat sees it: the whole pool of 40 candidates."""
    path = tmp_path_factory.mktemp("pool") / "pool.qzw"
    build_demo(path, role=Role.SECRETARIAT).close()
    return path


@pytest.fixture
def pool_path(pool_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "pool.qzw"
    shutil.copyfile(pool_template, path)
    return path
