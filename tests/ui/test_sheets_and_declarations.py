"""File ▸ Import Score Sheet, and a conflict declared on site: exported signed, withdrawn
only before export, all driven through the window's actions."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.services import demo, identity
from qz_evaluator.services.conflict_declarations import check_declaration_bytes
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.main_window import MainWindow
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes

ROUND = demo.SITE_ROUND


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def stored(path: Path, credit_code: str) -> Scorecard:
    with Workspace.open(path) as workspace:
        return workspace.scorecard(ROUND, credit_code, "P01")


def fresh_code(window: MainWindow) -> str:
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row is not None and row.status is CandidateStatus.NOT_STARTED:
            return code
    raise AssertionError("no unscored candidate")


def write_sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["credit_code", "item", "percent", "strengths"], *rows])
    return path


def test_score_sheet_import_from_the_file_menu(
    window: MainWindow,
    demo_path: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(demo_path)
    code = fresh_code(window)
    assert window.select_candidate(code)
    # A key press first: its undo must not overwrite what the sheet brings later.
    window.ui.action_focus_criteria.trigger()
    QTest.keyClick(window.panel.ui.criteria_tree, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert stored(demo_path, code).entry("4.1.2").percent is not None
    assert window.ui.action_undo.isEnabled()
    sheet = write_sheet(
        tmp_path / "纸质评分表.csv",
        [[code, "4.1.2", "45", "高层亲自推动质量战略"], [code, "4.1.3", "50", ""]],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    assert window.ui.action_import_score_sheet.isEnabled()
    window.ui.action_import_score_sheet.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("information", "评分表已导入")
    assert "1 家单位" in text and "2 条评分" in text
    card = stored(demo_path, code)
    assert card.entry("4.1.2").percent == 45
    assert card.entry("4.1.2").strengths == "高层亲自推动质量战略"
    # The list and the shown scorecard follow at once.
    row = window.model.progress(code)
    assert row is not None and row.scored == 2
    assert window.panel.card is not None and window.panel.card.entry("4.1.3").percent == 50
    assert not window.ui.action_undo.isEnabled()
    QTest.keyClick(window.panel.ui.criteria_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_path, code).entry("4.1.2").percent == 45


def test_bad_score_sheet_names_file_and_row_and_changes_nothing(
    window: MainWindow,
    demo_path: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(demo_path)
    code = fresh_code(window)
    sheet = write_sheet(
        tmp_path / "sheet.csv", [[code, "4.1.2", "45", ""], [code, "4.1.3", "47", ""]]
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    window.ui.action_import_score_sheet.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("warning", "评分表未导入")
    assert f"{sheet} 第 3 行" in text
    assert "47% 不是有效取值" in text and "5%" in text
    assert "未导入任何内容" in text
    assert stored(demo_path, code).entry("4.1.2").percent is None


@pytest.fixture
def enrolled_demo(pool_path: Path, demo_path: Path, memory_keyring: MemoryKeyring) -> Path:
    with Workspace.open(pool_path) as secretariat, Workspace.open(demo_path) as evaluator:
        identity.create_committee_root(secretariat, "测试评审委员会根证书")
        request = identity.create_identity(evaluator)
        bundle, _, _ = identity.issue_certificate(secretariat, request)
        identity.install_certificate(evaluator, bundle)
    return demo_path


def declare(window: MainWindow, monkeypatch: pytest.MonkeyPatch, reason: str) -> str:
    code = fresh_code(window)
    assert window.select_candidate(code)
    window.ui.action_focus_criteria.trigger()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (reason, True))
    assert not window.ui.action_withdraw_conflict.isEnabled()
    window.ui.action_declare_conflict.trigger()
    assert window.panel.locked
    return code


def test_declaration_exported_then_withdrawal_refused(
    qtbot: QtBot,
    window: MainWindow,
    enrolled_demo: Path,
    pool_path: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(enrolled_demo)
    code = declare(window, monkeypatch, "配偶在该单位任职")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    assert window.ui.action_export_conflict.isEnabled()
    window.ui.action_export_conflict.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("information", "回避声明已导出")
    (pdf,) = out.glob("*_P01_conflict.pdf")
    assert str(pdf) in text
    with Workspace.open(pool_path) as secretariat:
        checked = check_declaration_bytes(pdf.read_bytes(), identity.committee_root(secretariat))
    assert checked is not None and checked.valid
    assert checked.declaration is not None and checked.declaration.reason == "配偶在该单位任职"

    # Withdrawing is refused with a word, and nothing changes.
    message_boxes.shown.clear()
    assert window.ui.action_withdraw_conflict.isEnabled()
    window.ui.action_withdraw_conflict.trigger()
    assert [(k, t) for k, t, _ in message_boxes.shown] == [("information", "回避声明已导出")]
    assert "不能在此撤回" in message_boxes.shown[-1][2]
    assert stored(enrolled_demo, code).status is ScorecardStatus.CONFLICT
    assert window.panel.locked


def test_withdrawing_before_export_unlocks_the_scorecard(
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(demo_path)
    code = declare(window, monkeypatch, "误报")
    window.ui.action_withdraw_conflict.trigger()
    assert message_boxes.shown[-1][:2] == ("question", "撤回回避声明")
    card = stored(demo_path, code)
    assert card.status is ScorecardStatus.DRAFT and card.conflict_note == ""
    assert not window.panel.locked
    assert not window.ui.action_withdraw_conflict.isEnabled()
    assert window.ui.action_declare_conflict.isEnabled()
    row = window.model.progress(code)
    assert row is not None and row.status is not CandidateStatus.CONFLICT
    # Scoring by keyboard works again.
    window.ui.action_focus_criteria.trigger()
    QTest.keyClick(window.panel.ui.criteria_tree, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert stored(demo_path, code).entry("4.1.2").percent is not None


def test_export_without_identity_says_what_to_do_before_asking_for_a_folder(
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(demo_path)
    declare(window, monkeypatch, "曾任该单位顾问")

    def no_folder(*args: object, **kwargs: object) -> str:
        raise AssertionError("asked for a folder before checking the identity")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", no_folder)
    window.ui.action_export_conflict.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("information", "需要签名身份")
    assert "身份 ▸ 创建签名身份" in text and "qzeval" not in text
