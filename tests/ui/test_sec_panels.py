"""The secretariat's panels: a panel built in the window for the demo with the keyboard
(five evaluators, one leader), a conflicted evaluator refused with its reason, the
minimum warning appearing and clearing, the loads in candidates and days, and signed
packages exported for the selected evaluators."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.roster import Evaluator, Level, PanelRole, Round, RoundKind
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.exchange.package import read_package
from qz_evaluator.services import demo, identity
from qz_evaluator.services.panels import PanelGrid
from qz_evaluator.services.session import Session, open_session
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.i18n import apply_language
from qz_evaluator.ui.sec_panels import CONFLICT_ROLE, ROLE_ROLE, WARNING_ROLE, SecPanelsView
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.trust import MemoryKeyring
from tests.ui.conftest import MessageBoxes

SITE, DOCUMENT = demo.SITE_ROUND, demo.DOCUMENT_ROUND
CONFLICTED = ("91330802MA1T9AEX02", "P01")  # the demo records P01's consulting work there


@pytest.fixture(scope="module")
def secretariat_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The secretariat's demo workspace (a merged site visit), built once."""
    folder = tmp_path_factory.mktemp("panels-demo")
    workspace, _ = demo.build_secretariat_demo(folder / "sec.qzw", folder / "scratch")
    workspace.close()
    return folder / "sec.qzw"


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    apply_language("zh")  # as the window does before it builds its views (zh_CN default)
    yield
    apply_language("en")


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.cancel_all()


@pytest.fixture
def session(secretariat_demo: Path, tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "sec.qzw"
    shutil.copyfile(secretariat_demo, path)
    with open_session(path) as session:
        yield session


def shown(qtbot: QtBot, runner: TaskRunner, session: Session) -> SecPanelsView:
    view = SecPanelsView(runner)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.set_session(session)
    view.show()
    return view


@pytest.fixture
def view(qtbot: QtBot, runner: TaskRunner, session: Session) -> SecPanelsView:
    return shown(qtbot, runner, session)


def choose_round(qtbot: QtBot, view: SecPanelsView, round_code: str) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10000):
        assert view.select_round(round_code)


def focus_cell(view: SecPanelsView, credit_code: str, evaluator_code: str) -> QModelIndex:
    index = view.cell(credit_code, evaluator_code)
    assert index.isValid()
    view.ui.grid_table.setFocus()
    view.ui.grid_table.setCurrentIndex(index)
    return index


def test_the_site_visit_is_shown_first_with_its_panels_and_loads(
    qtbot: QtBot, view: SecPanelsView, session: Session
) -> None:
    assert view.title() == "评审组"
    assert view.round_code() == SITE and view.ui.round_combo.currentText() == "2026年度现场评审"
    assert view.model.rowCount() == 40 and view.model.columnCount() == 35
    header = view.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "P01\n省级"
    leader = next(
        m for m in session.workspace.panel_members(round_code=SITE) if m.role is PanelRole.LEADER
    )
    index = view.cell(leader.credit_code, leader.evaluator_code)
    assert index.data() == "★" and "组长" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert view.ui.warning_label.text() == "共 40 个评审组，均不少于 5 人且有组长"
    # Loads: the site visit's default of one day per candidate.
    p01 = len(session.workspace.panel_members(round_code=SITE, evaluator_code="P01"))
    assert view.load_of("P01") == (str(p01), str(p01))
    assert view.ui.days_spin.value() == 1.0
    view.grab().save("/tmp/panels-view-zh.png")
    apply_language("en")
    qtbot.waitUntil(lambda: view.ui.warning_label.text().startswith("40 panels"), timeout=2000)
    assert view.title() == "Panels" and view.model.headerData(0, Qt.Orientation.Horizontal) == (
        "P01\nProv."
    )


def test_a_panel_is_built_with_the_keyboard_and_warned_until_complete(
    qtbot: QtBot, view: SecPanelsView, session: Session
) -> None:
    choose_round(qtbot, view, DOCUMENT)  # no panels yet: one is built here
    assert view.ui.warning_label.text() == "本轮次尚无评审组"
    credit_code = CONFLICTED[0]
    table = view.ui.grid_table
    row = view.model.row_of(credit_code)
    assert row is not None
    focus_cell(view, credit_code, "P02")
    with qtbot.waitSignal(view.changed):
        QTest.keyClick(table, Qt.Key.Key_Space)
    assert view.cell(credit_code, "P02").data(ROLE_ROLE) == "member"
    # One member: below the minimum and without a leader, the row marked and counted.
    assert view.ui.warning_label.text() == "⚠ 1 个评审组不足 5 人 · 1 个评审组没有组长"
    assert view.model.headerData(row, Qt.Orientation.Vertical, WARNING_ROLE) is True
    assert str(view.model.headerData(row, Qt.Orientation.Vertical)).startswith("⚠")
    for _ in range(4):  # P03, P04, P05, P06: one to the right each time
        QTest.keyClick(table, Qt.Key.Key_Right)
        QTest.keyClick(table, Qt.Key.Key_Space)
    assert "1 个评审组没有组长" in view.ui.warning_label.text()
    assert "不足" not in view.ui.warning_label.text()
    QTest.keyClick(table, Qt.Key.Key_L)  # P06 leads
    assert view.ui.warning_label.text() == "共 1 个评审组，均不少于 5 人且有组长"
    assert view.model.headerData(row, Qt.Orientation.Vertical, WARNING_ROLE) is False
    stored = {
        m.evaluator_code: m.role
        for m in session.workspace.panel_members(round_code=DOCUMENT, credit_code=credit_code)
    }
    assert stored == {
        "P02": PanelRole.MEMBER,
        "P03": PanelRole.MEMBER,
        "P04": PanelRole.MEMBER,
        "P05": PanelRole.MEMBER,
        "P06": PanelRole.LEADER,
    }
    # Another leader demotes the first: one leader per panel.
    focus_cell(view, credit_code, "P03")
    QTest.keyClick(table, Qt.Key.Key_L)
    assert view.cell(credit_code, "P06").data() == "●"
    assert view.cell(credit_code, "P03").data() == "★"
    # Taking one off brings the warning back; the loads follow every edit.
    assert view.load_of("P04") == ("1", "0.5")  # a document review: half a day each
    focus_cell(view, credit_code, "P04")
    QTest.keyClick(table, Qt.Key.Key_Space)
    assert view.ui.warning_label.text() == "⚠ 1 个评审组不足 5 人"
    assert view.load_of("P04") == ("0", "0")


def test_a_conflicted_evaluator_cannot_be_chosen_and_says_why(
    qtbot: QtBot, view: SecPanelsView, session: Session
) -> None:
    choose_round(qtbot, view, DOCUMENT)
    credit_code, evaluator = CONFLICTED
    index = view.cell(credit_code, evaluator)
    flags = view.model.flags(index)
    assert not flags & Qt.ItemFlag.ItemIsSelectable and not flags & Qt.ItemFlag.ItemIsEditable
    reason = index.data(CONFLICT_ROLE)
    assert reason == "曾为该单位提供标准化体系建设咨询服务"
    assert reason in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole).style() == Qt.BrushStyle.BDiagPattern
    # A click does not select it; with the cursor on it the status line gives the reason.
    table = view.ui.grid_table
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    assert table.selectionModel().selectedIndexes() == []
    focus_cell(view, credit_code, evaluator)
    assert reason in view.ui.status_label.text() and "回避" in view.ui.status_label.text()
    # Space and L are refused by the rule, with its reason; nothing is written.
    for key in (Qt.Key.Key_Space, Qt.Key.Key_L):
        QTest.keyClick(table, key)
        assert "利益冲突" in view.ui.status_label.text()
        assert index.data(ROLE_ROLE) is None and view.model.role_at(index) is None
    assert session.workspace.panel_members(round_code=DOCUMENT, credit_code=credit_code) == []


def test_an_evaluator_whose_scorecard_was_accepted_stays(
    qtbot: QtBot, view: SecPanelsView, session: Session
) -> None:
    _round, credit_code, evaluator = sorted(session.workspace.accepted_keys(SITE))[0]
    index = focus_cell(view, credit_code, evaluator)
    assert "签名评分表已接收" in index.data(Qt.ItemDataRole.ToolTipRole)
    before = view.model.role_at(index)
    QTest.keyClick(view.ui.grid_table, Qt.Key.Key_Space)
    assert view.model.role_at(index) is before is not None
    assert f"评审员 {evaluator} 须留在" in view.ui.status_label.text()


def test_days_per_candidate_change_the_loads(
    qtbot: QtBot, view: SecPanelsView, session: Session
) -> None:
    p01 = len(session.workspace.panel_members(round_code=SITE, evaluator_code="P01"))
    view.ui.days_spin.setFocus()
    with qtbot.waitSignal(view.changed, timeout=3000):
        QTest.keyClick(view.ui.days_spin, Qt.Key.Key_Up)  # a quarter day more
    assert session.workspace.round_settings(SITE).visit_days == 1.25
    assert view.load_of("P01") == (str(p01), f"{1.25 * p01:g}")
    # The document round keeps its own default.
    choose_round(qtbot, view, DOCUMENT)
    assert view.ui.days_spin.value() == 0.5


def test_packages_are_exported_for_the_selected_evaluators(
    qtbot: QtBot,
    runner: TaskRunner,
    pool_path: Path,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Workspace.open(pool_path) as workspace:
        root = identity.create_committee_root(workspace, "测试评审委员会根证书")
    with open_session(pool_path) as session:
        view = shown(qtbot, runner, session)
        table = view.ui.grid_table
        assert not view.export_selected_action.isEnabled()  # no column chosen yet
        selection = table.selectionModel()
        for code in ("P02", "M03"):
            cell = next(
                view.cell(c.credit_code, code)
                for c in view.model.grid.candidates  # type: ignore[union-attr]
                if (c.credit_code, code) not in view.model.grid.conflicts  # type: ignore[union-attr]
            )
            selection.select(cell, selection.SelectionFlag.Select)
        assert view.selected_evaluators() == ["P02", "M03"]
        assert view.export_selected_action.isEnabled()
        out = tmp_path / "packages"
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(out))
        with qtbot.waitSignal(view.exported, timeout=30000) as exported:
            view.export_selected_action.trigger()
        written = exported.args[0] if exported.args else []
        assert sorted(p.name.split("_")[1] for p in written) == ["M03", "P02"]
        for path in written:
            package = read_package(path.read_bytes(), root)  # signature and hashes verify
            assert package.assignment.round.code == SITE
        assert sorted(out.iterdir()) == sorted(written)
        assert view.ui.status_label.text() == f"已将 2 个签名任务包写入 {out}。"
        opened: list[QUrl] = []

        def open_url(url: QUrl) -> bool:
            opened.append(url)
            return True

        monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
        assert view.ui.open_folder_button.isEnabled()
        QTest.mouseClick(view.ui.open_folder_button, Qt.MouseButton.LeftButton)
        assert opened == [QUrl.fromLocalFile(str(out))]
        view.set_session(None)


def test_without_the_secretariats_key_packages_are_not_exported(
    qtbot: QtBot,
    runner: TaskRunner,
    pool_path: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    session = open_session(pool_path)  # a secretariat's workspace with no committee yet
    view = shown(qtbot, runner, session)
    task = view.export_packages(tmp_path / "out", ["P02"])
    assert task is not None
    task.wait()
    assert task.error is not None
    titles = [title for _kind, title, _text in message_boxes.shown]
    assert titles == ["任务包未导出"]
    assert "还没有秘书处签名密钥" in message_boxes.texts()[0]
    assert "评审员与密钥 ▸ 创建评审委员会根证书" in message_boxes.texts()[0]
    assert view.export_task is None and view.ui.export_button.isEnabled()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    view.set_session(None)
    session.close()


def test_a_thousand_candidates_are_one_model_not_widgets(qtbot: QtBot, runner: TaskRunner) -> None:
    view = SecPanelsView(runner)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    candidates = [
        Candidate(f"9133{i:014d}", f"参评单位{i:04d}", "柯城区", "制造业", Tier.SEED)
        for i in range(1000)
    ]
    evaluators = [
        Evaluator(f"{'P' if i < 7 else 'M'}{i:02d}", f"评审员{i}", Level.PROVINCIAL)
        for i in range(35)
    ]
    roles = {
        (c.credit_code, evaluators[(i + k) % 35].code): PanelRole.MEMBER
        for i, c in enumerate(candidates)
        for k in range(5)
    }
    grid = PanelGrid(
        round=Round("r", "轮次", RoundKind.SITE_VISIT, 2026, "gbt19580-2012"),
        settings=RoundSettings(),
        candidates=candidates,
        evaluators=evaluators,
        minimum=5,
        roles=roles,
    )
    started = time.perf_counter()
    view.model.set_grid(grid)
    view._fill_loads()
    view._show_warnings()
    view.ui.grid_table.scrollToBottom()
    view.grab()
    assert time.perf_counter() - started < 2.0  # a frame, not 35,000 widgets
    assert view.model.rowCount() == 1000 and view.ui.grid_table.findChildren(QFileDialog) == []
    assert view.ui.warning_label.text() == "⚠ 1000 个评审组没有组长"
