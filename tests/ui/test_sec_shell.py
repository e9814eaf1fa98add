"""The secretariat's window: chosen by the workspace's role, its demo, its frame."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import demo, identity
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.results import compute
from qz_evaluator.services.session import open_workspace
from qz_evaluator.services.workspace_role import workspace_role
from qz_evaluator.ui.app import build_parser, start_window
from qz_evaluator.ui.main_window import MainWindow
from qz_evaluator.ui.sec_inbox import SecInboxView
from qz_evaluator.ui.sec_pool import PoolView
from qz_evaluator.ui.sec_roster import SecRosterView
from qz_evaluator.ui.secretariat_window import (
    SecretariatWindow,
    ensure_secretariat_demo,
    secretariat_demo_path,
)

from .conftest import MessageBoxes


@pytest.fixture
def started(qtbot: QtBot) -> Iterator[list[QMainWindow]]:
    windows: list[QMainWindow] = []
    yield windows
    for window in windows:
        window.close()


def run(started: list[QMainWindow], qtbot: QtBot, *argv: str) -> MainWindow | SecretariatWindow:
    window = start_window(build_parser().parse_args(list(argv)))
    qtbot.addWidget(window)
    started.append(window)
    return window


def status_text(window: SecretariatWindow) -> str:
    return " ".join(label.text() for label in window.ui.status_bar.findChildren(QLabel))


def pool_of(window: SecretariatWindow) -> PoolView:
    view = window.views[0]
    assert isinstance(view, PoolView)
    return view


def test_the_role_is_read_without_opening_the_file(pool_path: Path, demo_path: Path) -> None:
    assert workspace_role(pool_path) is Role.SECRETARIAT
    assert workspace_role(demo_path) is Role.EVALUATOR
    assert workspace_role(pool_path.with_name("nowhere.qzw")) is None
    text = pool_path.with_name("notes.qzw")
    text.write_text("not a workspace", encoding="utf-8")
    assert workspace_role(text) is None


def test_a_secretariat_workspace_opens_the_secretariats_window(
    started: list[QMainWindow], qtbot: QtBot, pool_path: Path
) -> None:
    window = run(started, qtbot, str(pool_path))
    assert isinstance(window, SecretariatWindow)
    assert window.session is not None and window.session.path == pool_path
    assert window.ui.stack.currentWidget() is window.ui.view_tabs
    # zh_CN by default; the status bar names the workspace and its round by name
    assert window.ui.view_tabs.tabText(0) == "参评单位库"
    assert "2026年度现场评审" in status_text(window)
    assert "秘书处" in status_text(window)
    pool = pool_of(window)
    qtbot.waitUntil(lambda: len(pool.shown_codes()) == 40, timeout=5000)


def test_an_evaluator_workspace_still_opens_the_evaluators_window(
    started: list[QMainWindow], qtbot: QtBot, demo_path: Path
) -> None:
    window = run(started, qtbot, str(demo_path))
    assert isinstance(window, MainWindow)
    assert window.workspace is not None and window.workspace.role is Role.EVALUATOR


def test_the_secretariats_window_refuses_an_evaluators_workspace(
    started: list[QMainWindow],
    qtbot: QtBot,
    pool_path: Path,
    demo_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    window = run(started, qtbot, str(pool_path))
    assert isinstance(window, SecretariatWindow)
    assert not window.open_workspace(demo_path)
    assert window.session is not None and window.session.path == pool_path  # kept
    assert any("demo.qzw" in text and "评审员" in text for text in message_boxes.texts())


def test_language_menu_switches_the_views(
    started: list[QMainWindow], qtbot: QtBot, pool_path: Path
) -> None:
    window = run(started, qtbot, str(pool_path))
    assert isinstance(window, SecretariatWindow)
    window.ui.action_language_en.trigger()
    qtbot.waitUntil(lambda: window.ui.view_tabs.tabText(0) == "Pool", timeout=2000)
    assert window.ui.menu_file.title() == "&File"
    assert "Secretariat" in status_text(window)
    window.ui.action_language_zh.trigger()
    qtbot.waitUntil(lambda: window.ui.view_tabs.tabText(0) == "参评单位库", timeout=2000)


def test_help_about_and_quit(
    started: list[QMainWindow], qtbot: QtBot, pool_path: Path, message_boxes: MessageBoxes
) -> None:
    window = run(started, qtbot, str(pool_path))
    assert isinstance(window, SecretariatWindow)
    window.ui.action_about.trigger()
    assert message_boxes.shown[-1][0] == "about"
    window.ui.action_quit.trigger()
    assert not window.isVisible() and window.session is None


def test_no_workspace_shows_the_welcome_page(qtbot: QtBot) -> None:
    window = SecretariatWindow()
    qtbot.addWidget(window)
    assert window.ui.stack.currentWidget() is window.ui.welcome_page
    assert window.session is None


@pytest.fixture(scope="module")
def secretariat_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The secretariat demo's folder (workspace and merged files), built once."""
    folder = tmp_path_factory.mktemp("secdemo")
    (folder / "demo").mkdir()
    workspace, summary = demo.build_secretariat_demo(
        folder / "demo" / "demo-secretariat.qzw", folder / "scratch"
    )
    workspace.close()
    shutil.rmtree(folder / "scratch")
    outcomes = [entry.outcome for entry in summary.entries]
    assert outcomes.count(Outcome.CONFLICT) == 1
    assert Outcome.REJECTED not in outcomes
    return folder / "demo"


def test_the_secretariat_demo_is_a_merged_round_with_work_left(
    secretariat_demo_template: Path,
) -> None:
    with open_workspace(secretariat_demo_template / "demo-secretariat.qzw") as workspace:
        assert workspace.role is Role.SECRETARIAT
        assert workspace.submissions(statuses=[SubmissionStatus.ACCEPTED])
        # The rival of one revision is recorded; the file accepted before it still counts.
        assert len(workspace.submissions(statuses=[SubmissionStatus.CONFLICT])) == 1
        outcomes = [o for o in compute(workspace, demo.SITE_ROUND).outcomes if o.result]
        assert len(outcomes) == demo.SECRETARIAT_DEMO_CANDIDATES
        assert any(o.missing for o in outcomes)  # files still missing
        assert sum(bool(o.conflicts) for o in outcomes) == 1  # one conflict
        flagged = [code for o in outcomes for code in o.unresolved]
        assert set(demo.DIVERGENT_ITEMS) <= set(flagged)  # divergent items to agree on


# The views of a round's work, in its order, with their Chinese titles.
VIEWS = [
    "PoolView",
    "SecRosterView",
    "SecPanelsView",
    "SecInboxView",
    "SecConsensusView",
    "SecResultsView",
    "SecReportsView",
]
TITLES = ["参评单位库", "评审员与密钥", "评审组", "收件与合并", "合议", "评审结果", "报告与导出"]


def test_demo_secretariat_opens_the_demo_in_the_secretariats_window(
    started: list[QMainWindow],
    qtbot: QtBot,
    secretariat_demo_template: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first start builds the demo (as ensure_secretariat_demo does); a copy is quicker.
    shutil.copytree(secretariat_demo_template, secretariat_demo_path().parent)
    assert ensure_secretariat_demo() == secretariat_demo_path()  # there: not built again
    window = run(started, qtbot, "--demo-secretariat")
    assert isinstance(window, SecretariatWindow)
    assert window.session is not None
    assert window.session.path == secretariat_demo_path()
    pool = pool_of(window)
    qtbot.waitUntil(lambda: bool(pool._scores), timeout=10000)
    scored = {code for code in pool.shown_codes() if code in pool._scores}
    assert len(scored) == demo.SECRETARIAT_DEMO_CANDIDATES
    # The views of a round's work, in its order, each shown the demo's session.
    assert [type(view).__name__ for view in window.views] == VIEWS
    pool_view, roster = window.views[:2]
    assert isinstance(roster, SecRosterView) and pool_view is pool
    titles = [window.ui.view_tabs.tabText(i) for i in range(window.ui.view_tabs.count())]
    assert titles == TITLES
    assert roster.ui.roster_table.rowCount() == 35  # the demo's roster
    # The demo signs in this session, with its own demo key (packages, reports).
    assert identity.secretariat_identity(window.session.workspace).demo


def test_the_secretariat_demo_is_built_on_first_use(qtbot: QtBot) -> None:
    path = ensure_secretariat_demo()
    assert path == secretariat_demo_path() and path.is_file()
    assert not path.parent.with_name(path.parent.name + ".partial").exists()
    assert workspace_role(path) is Role.SECRETARIAT
    assert any(path.with_name(path.name + ".scorecards").iterdir())  # merged files kept


def test_one_round_chosen_beside_the_tabs_is_the_round_of_every_view(
    started: list[QMainWindow],
    qtbot: QtBot,
    secretariat_demo_template: Path,
) -> None:
    from qz_evaluator.ui.sec_consensus import SecConsensusView
    from qz_evaluator.ui.sec_panels import SecPanelsView
    from qz_evaluator.ui.sec_reports import SecReportsView
    from qz_evaluator.ui.sec_results import SecResultsView

    shutil.copytree(secretariat_demo_template, secretariat_demo_path().parent)
    window = run(started, qtbot, "--demo-secretariat")
    assert isinstance(window, SecretariatWindow)
    views = {type(view): view for view in window.views}
    panels, consensus = views[SecPanelsView], views[SecConsensusView]
    results, reports = views[SecResultsView], views[SecReportsView]
    assert isinstance(panels, SecPanelsView) and isinstance(consensus, SecConsensusView)
    assert isinstance(results, SecResultsView) and isinstance(reports, SecReportsView)
    # The latest round by default: the site visit the demo merged.
    assert window.round_code() == demo.SITE_ROUND
    qtbot.waitUntil(lambda: results.round_code() == demo.SITE_ROUND, timeout=20000)
    qtbot.waitUntil(lambda: consensus.round_code == demo.SITE_ROUND, timeout=20000)
    assert panels.round_code() == demo.SITE_ROUND
    assert not panels.ui.round_combo.isVisibleTo(panels)  # the window's chooser serves
    # The document review chosen beside the tabs (by keyboard: Alt+U).
    assert window.round_label.buddy() is window.round_combo
    assert window.select_round(demo.DOCUMENT_ROUND)
    qtbot.waitUntil(lambda: results.round_code() == demo.DOCUMENT_ROUND, timeout=20000)
    qtbot.waitUntil(lambda: consensus.round_code == demo.DOCUMENT_ROUND, timeout=20000)
    assert panels.round_code() == demo.DOCUMENT_ROUND
    assert window.round_name() in reports.ui.round_label.text()
    assert window.round_name() in status_text(window)


def test_a_change_is_read_by_the_view_in_sight_and_the_others_when_shown(
    started: list[QMainWindow],
    qtbot: QtBot,
    secretariat_demo_template: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a merge every other view must show what changed, but re-reading them all at
    once (a round's results, its consensus, the panels) kept the window from painting."""
    shutil.copytree(secretariat_demo_template, secretariat_demo_path().parent)
    window = run(started, qtbot, "--demo-secretariat")
    assert isinstance(window, SecretariatWindow)
    tabs = window.ui.view_tabs
    inbox = next(v for v in window.views if isinstance(v, SecInboxView))
    pool = pool_of(window)
    others = [v for v in window.views if v is not inbox]
    reads: dict[str, int] = {type(v).__name__: 0 for v in others}
    for view in others:
        original = view.set_session  # type: ignore[attr-defined]

        def counted(session: object, view: QWidget = view, original: Any = original) -> None:
            reads[type(view).__name__] += 1
            original(session)

        monkeypatch.setattr(view, "set_session", counted)
    tabs.setCurrentWidget(pool)
    inbox.changed.emit()  # as after a merge
    assert reads["PoolView"] == 1  # in sight: read at once
    assert all(n == 0 for name, n in reads.items() if name != "PoolView")
    tabs.setCurrentWidget(inbox)  # the inbox wrote it: nothing to read again
    assert all(n == 0 for name, n in reads.items() if name != "PoolView")
    for view in others[1:]:
        tabs.setCurrentWidget(view)  # shown: read once, and only once
        tabs.setCurrentWidget(inbox)
        tabs.setCurrentWidget(view)
    assert set(reads.values()) == {1}
