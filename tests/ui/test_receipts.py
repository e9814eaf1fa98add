"""Issue 13, part 3, in the windows: the secretariat merges, issues receipts from the
inbox (on the task runner, then Open Folder); the evaluator imports one through File ▸
Import Receipt… or by dropping it on the window, and each card in the list and details
says "秘书处已接收 r2 · 11-30 14:05" or "未接收：…" with the reason.

Set QZ_SCREENSHOTS_DIR to also write the README's picture of it there:
    QZ_SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/ui/test_receipts.py
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.exchange.receipt import SUFFIX
from qz_evaluator.services import demo, merge, packages, scorecard_files
from qz_evaluator.services.evaluator_session import ReceiptMark
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.services.session import open_session
from qz_evaluator.ui import main_window as main_window_module
from qz_evaluator.ui.candidate_model import Column
from qz_evaluator.ui.main_window import MainWindow
from qz_evaluator.ui.receipt_texts import receipt_text
from qz_evaluator.ui.sec_inbox import SecInboxView
from qz_evaluator.ui.tasks import TaskRunner
from tests.services.conftest import committee_and_p01, score_fully
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes

ROUND = demo.SITE_ROUND


@dataclass
class Merged:
    secretariat: Path
    evaluator: Path
    accepted: str  # r1 then r2 merged: r2 counts
    refused: str  # withdrawn before its file arrived
    tmp: Path


@pytest.fixture
def merged(tmp_path: Path, memory_keyring: MemoryKeyring) -> Merged:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        [package] = packages.export_packages(secretariat, ROUND, tmp_path / "pkg", ["P01"])
        packages.import_package(evaluator, package)
        service = ScoringService(evaluator)
        first, second = service.ensure_all(ROUND)[:2]
        out = tmp_path / "out"
        r1 = scorecard_files.export_scorecard(evaluator, score_fully(evaluator, first), out)
        card = service.reopen(evaluator.scorecard_by_id(first.id), "更正").card
        card = service.set_percent(card, "4.1.2", 90).card
        card = service.finalise(card, affirm_declaration=True).card
        r2 = scorecard_files.export_scorecard(evaluator, card, out)
        other = scorecard_files.export_scorecard(evaluator, score_fully(evaluator, second), out)
        secretariat.set_withdrawn(second.credit_code, True)
        merge.merge(secretariat, [r1.path, r2.path, other.path], workers=1)
        paths = secretariat.path, evaluator.path
    return Merged(paths[0], paths[1], first.credit_code, second.credit_code, tmp_path)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _issue_from_the_inbox(
    qtbot: QtBot, merged: Merged, monkeypatch: pytest.MonkeyPatch
) -> tuple[SecInboxView, Path]:
    folder = merged.tmp / "回执"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    view = SecInboxView(TaskRunner())
    qtbot.addWidget(view)
    session = open_session(merged.secretariat)
    view.set_session(session)
    view.set_round(ROUND)
    assert view.receipts_button.isEnabled() and view.receipts_button.text() == "签发回执(&R)…"
    view.receipts_button.click()
    assert view.receipts_task is not None
    qtbot.waitUntil(lambda: view.receipts_task is None, timeout=20_000)
    [receipt] = sorted(folder.glob(f"*{SUFFIX}"))
    assert receipt.name.startswith(f"{ROUND}_P01_")
    box = view.receipts_box
    assert box is not None and "已将 1 份签名回执写入" in box.text() and str(folder) in box.text()
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    assert view.open_receipts_folder() and opened[0].toLocalFile() == str(folder)
    box.close()
    view.set_session(None)
    session.close()
    return view, receipt


def _cell(window: MainWindow, credit_code: str, column: Column, role: Qt.ItemDataRole) -> str:
    index = window.model.index_of(credit_code)
    value = index.siblingAtColumn(column).data(role)
    assert isinstance(value, str)
    return value


def test_merge_receipt_import_marks_the_cards(
    qtbot: QtBot,
    window: MainWindow,
    merged: Merged,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, receipt = _issue_from_the_inbox(qtbot, merged, monkeypatch)
    assert window.open_workspace(merged.evaluator)
    window.select_candidate(merged.accepted)
    assert window.ui.receipt_value.text() == "—"  # nothing imported yet
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(receipt), ""))
    assert window.ui.action_import_receipt.isEnabled()
    window.ui.action_import_receipt.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("information", "回执已导入"), message_boxes.shown
    assert "秘书处已接收您的 1 份评分表，1 份未接收" in text
    # The list: each card's status says what the secretariat holds.
    shown = _cell(window, merged.accepted, Column.PROGRESS, Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("23/23 · 第2版 ") and shown.endswith(" · 已接收 r2")
    refused = _cell(window, merged.refused, Column.PROGRESS, Qt.ItemDataRole.DisplayRole)
    assert refused.endswith(" · 未接收")
    tooltip = _cell(window, merged.accepted, Column.STATUS, Qt.ItemDataRole.ToolTipRole)
    assert "秘书处已接收 r2 · " in tooltip
    # The details: the same words, with the time the secretariat received it.
    window.select_candidate(merged.accepted)
    label = window.ui.receipt_value.text()
    assert label.startswith("秘书处已接收 r2 · ") and len(label) == len(
        "秘书处已接收 r2 · 11-30 14:05"
    )
    window.select_candidate(merged.refused)
    assert window.ui.receipt_value.text() == "未接收：r1，参评单位已退出"
    # The refused file changed nothing else: the floors rose for the held revision only.
    assert window.workspace is not None
    assert window.workspace.revision_floor(ROUND, merged.accepted, "P01") == 2
    assert window.workspace.revision_floor(ROUND, merged.refused, "P01") == 0
    # The picture: the window at the README's size, the accepted card chosen, its details.
    window.resize(1366, 768)
    window.select_candidate(merged.accepted)
    # Choosing a candidate may bring its scoring tab forward once the event loop runs:
    # let it, then open the details.
    qtbot.wait(50)
    window.ui.candidate_tabs.setCurrentWidget(window.ui.details_page)
    qtbot.waitUntil(window.ui.receipt_value.isVisible, timeout=2000)
    image = window.grab().toImage()
    assert image.save(str(merged.tmp / "receipt-zh.png"))
    target = os.environ.get("QZ_SCREENSHOTS_DIR")
    if target:
        assert image.save(str(Path(target) / "receipt-zh.png"))


def _drop(window: MainWindow, path: Path) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(10, 10), actions, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(10, 10), actions, mime, buttons, keys)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_receipt_dropped_on_the_window_is_imported(
    qtbot: QtBot,
    window: MainWindow,
    merged: Merged,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, receipt = _issue_from_the_inbox(qtbot, merged, monkeypatch)
    assert window.open_workspace(merged.evaluator)
    assert _drop(window, merged.tmp / "pkg" / "other.pdf") == (False, False)
    assert _drop(window, receipt) == (True, True)
    qtbot.waitUntil(lambda: window.workflows.last_receipt is not None, timeout=20_000)
    window.select_candidate(merged.accepted)
    assert window.ui.receipt_value.text().startswith("秘书处已接收 r2")


def test_a_receipt_for_another_evaluator_is_refused_in_the_window(
    qtbot: QtBot,
    window: MainWindow,
    merged: Merged,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from qz_evaluator.services import receipts

    with open_session(merged.secretariat) as session:
        [receipt] = receipts.issue_receipts(session.workspace, tmp_path / "p02", ROUND, ["P02"])
    assert window.open_workspace(merged.evaluator)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(receipt), ""))
    window.ui.action_import_receipt.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("warning", "回执未导入"), message_boxes.shown
    assert "P02" in text
    window.select_candidate(merged.accepted)
    assert window.ui.receipt_value.text() == "—"


def test_the_window_knows_the_receipts_suffix() -> None:
    assert main_window_module.RECEIPT_SUFFIX == SUFFIX


def _mark(**changes: object) -> ReceiptMark:
    fields: dict[str, object] = {
        "credit_code": "91330800MA2DHQXA1K",
        "accepted": True,
        "revision": 2,
        "received_at": "2026-11-30T06:05:00+00:00",
        "outcome": "accepted",
        "reason": None,
        "message": "",
        "issued_at": "2026-11-30T07:00:00+00:00",
    }
    fields.update(changes)
    return ReceiptMark(**fields)  # type: ignore[arg-type]


def test_the_marks_words(app: QApplication) -> None:
    accepted = receipt_text(_mark(), exported=3)
    assert re.fullmatch(
        r"秘书处已接收 r2 · 11-30 \d\d:05（之后已导出 r3：本回执尚未包含）", accepted
    ), accepted
    assert receipt_text(_mark(), exported=2).endswith(":05")  # nothing newer here
    conflict = _mark(accepted=False, outcome="conflict", reason="revision-conflict")
    assert receipt_text(conflict).startswith("未接收：r2，同一版本号、评分不同的另一份文件先行送达")
    refused = _mark(accepted=False, outcome="refused", reason="not-on-panel")
    assert receipt_text(refused) == "未接收：r2，该评审员不在该单位的评审组中"
    assert receipt_text(None) == "—"
