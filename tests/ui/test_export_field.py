"""Finalise and export, field-ready (issue 9): a finished export says where the file went,
closing during an export waits for it, the declaration is shown and ticked before it is
signed, items without comments are listed, and the scorecard's language is the round's."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard import ScorecardStatus, TextField
from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION
from qz_evaluator.services import demo, identity, scorecard_files
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.pdf_signing import sign_pdf
from qz_evaluator.ui import tasks
from qz_evaluator.ui.main_window import MainWindow
from tests.support.tools import tool
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes
from .finalising import answer_finalise

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


@pytest.fixture
def secretariat(pool_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Workspace]:
    with Workspace.open(pool_path) as workspace:
        identity.create_committee_root(workspace, "测试评审委员会根证书")
        yield workspace


def enrol(demo_path: Path, secretariat: Workspace) -> None:
    with Workspace.open(demo_path) as workspace:
        request = identity.create_identity(workspace)
        bundle, _, _ = identity.issue_certificate(secretariat, request)
        identity.install_certificate(workspace, bundle)


def score_untouched(demo_path: Path, count: int, *, comments: bool, final: bool) -> list[str]:
    """Score `count` untouched cards 60 % everywhere; with or without an OFI per item."""
    codes = []
    with Workspace.open(demo_path) as workspace:
        service = ScoringService(workspace)
        untouched = [card for card in service.ensure_all(ROUND) if not card.entries]
        for card in untouched[:count]:
            for item in service.criteria_for(ROUND).items:
                card = service.set_percent(card, item.code, 60).card
                if comments:
                    card = service.set_text(card, item.code, TextField.OFIS, "展开不足").card
            if final:
                service.finalise(card, affirm_declaration=True)
            codes.append(card.credit_code)
    return codes


def stored_status(demo_path: Path, credit_code: str) -> ScorecardStatus:
    with Workspace.open(demo_path) as workspace:
        return workspace.scorecard(ROUND, credit_code, "P01").status


def choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    captions: list[str] = []

    def choose(parent: object, caption: str, *args: object) -> str:
        captions.append(caption)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return captions


# ----- bug 2: a successful export is not "cancelled" --------------------------------------


def test_one_file_export_says_where_it_was_saved(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(demo_path, secretariat)
    [code] = score_untouched(demo_path, 1, comments=True, final=True)
    assert window.open_workspace(demo_path)
    window.select_candidate(code)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)  # the progress dialog shows, then closes
    out = tmp_path / "one"
    choose_folder(monkeypatch, out)
    window.ui.action_export.trigger()
    task = window.workflows.export_task
    assert task is not None
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    assert not task.cancelled
    [result] = window.workflows.last_export
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("information", "导出完成")
    assert text == f"签名评分表已保存为 {result.path}"
    assert "取消" not in text


# ----- bug 3: closing the window during "export all" ------------------------------------


def test_closing_during_export_all_finishes_the_file_in_hand_and_quits(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(demo_path, secretariat)
    codes = score_untouched(demo_path, 3, comments=True, final=True)

    def slow_sign(*args: object, **kwargs: object) -> bytes:
        time.sleep(0.4)  # a slow laptop: the close comes while a file is being signed
        return sign_pdf(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scorecard_files, "sign_pdf", slow_sign)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    assert window.open_workspace(demo_path)
    out = tmp_path / "all"
    choose_folder(monkeypatch, out)
    window.ui.action_export_all.trigger()
    task = window.workflows.export_task
    assert task is not None
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=5000)
    dialog = task.dialog
    assert dialog is not None

    assert not window.close()  # waits for the scorecard in hand…
    assert window.isVisible() and "完成导出" in dialog.labelText()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)  # …then closes itself
    assert task.done and task.cancelled
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []  # the app quits
    assert message_boxes.shown == []  # nothing pops up after the window went
    written = sorted(out.glob("*.pdf"))
    assert 1 <= len(written) < len(codes)
    assert list(out.glob(".*")) == []  # no .part file left behind
    root = identity.committee_root(secretariat)
    for path in written:
        check = scorecard_files.check_scorecard_file(path, root)
        assert check.valid, check.message


# ----- bug 6: the declaration, shown and ticked ----------------------------------------


def test_finalise_shows_the_declaration_and_needs_the_tick(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(demo_path, secretariat)
    [code] = score_untouched(demo_path, 1, comments=True, final=False)
    assert window.open_workspace(demo_path)
    window.select_candidate(code)

    refused = answer_finalise(tick=False)
    assert not window.workflows.finalise()
    assert refused.declaration == [NO_CONFLICT_DECLARATION.zh]  # word for word, as printed
    assert refused.enter_refused == [True]  # Enter without the tick finalises nothing
    assert stored_status(demo_path, code) is ScorecardStatus.DRAFT

    message_boxes.answers["评分表已定稿"] = message_boxes.answer.No
    affirmed = answer_finalise()
    before = time.time()
    assert window.workflows.finalise()
    assert affirmed.declaration == [NO_CONFLICT_DECLARATION.zh]
    assert stored_status(demo_path, code) is ScorecardStatus.FINAL

    out = tmp_path / "signed"
    choose_folder(monkeypatch, out)
    window.ui.action_export.trigger()
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    [result] = window.workflows.last_export
    check = scorecard_files.check_scorecard_file(result.path, identity.committee_root(secretariat))
    assert check.valid, check.message
    document = check.document
    assert document is not None and document.declaration == NO_CONFLICT_DECLARATION
    assert document.declaration_affirmed_at is not None
    assert datetime.fromisoformat(document.declaration_affirmed_at).timestamp() >= before - 1
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(result.path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "确认本声明" in text  # the affirmation is printed under the declaration


# ----- bug 7: comments the round asks for -----------------------------------------------


def test_finalise_lists_scored_items_without_comments(
    window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    [code] = score_untouched(demo_path, 1, comments=False, final=False)
    with Workspace.open(demo_path) as workspace:
        service = ScoringService(workspace)
        card = workspace.scorecard(ROUND, code, "P01")
        for item in service.criteria_for(ROUND).items[:2]:
            card = service.set_text(card, item.code, TextField.STRENGTHS, "方法系统").card
    assert window.open_workspace(demo_path)
    window.select_candidate(code)
    window.ui.action_finalise.trigger()  # no dialog is queued: it must not open
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "尚不能定稿")
    assert "21 个已评分条款既没有强项也没有改进机会" in text
    assert "4.1.2" not in text and "4.1.3" not in text and "4.1.4" in text
    assert stored_status(demo_path, code) is ScorecardStatus.DRAFT
    assert window.panel.current_item_code == "4.1.4"  # taken to the first one missing


def test_a_round_without_the_comment_rule_finalises(
    window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    [code] = score_untouched(demo_path, 1, comments=False, final=False)
    with Workspace.open(demo_path) as workspace:
        workspace.set_round_settings(ROUND, RoundSettings(comments_required=False))
    assert window.open_workspace(demo_path)
    window.select_candidate(code)
    message_boxes.answers["评分表已定稿"] = message_boxes.answer.No
    answer_finalise()
    window.ui.action_finalise.trigger()
    assert stored_status(demo_path, code) is ScorecardStatus.FINAL
    assert [kind for kind, _, _ in message_boxes.shown] == ["question"]


# ----- bug 10: the scorecard's language is the round's --------------------------------


def test_scorecard_language_follows_the_round_not_the_window(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(demo_path, secretariat)
    [code] = score_untouched(demo_path, 1, comments=True, final=False)
    assert window.open_workspace(demo_path)
    window.ui.action_language_en.trigger()  # the window in English, the round in Chinese
    window.select_candidate(code)
    message_boxes.answers["Scorecard final"] = message_boxes.answer.No
    answer = answer_finalise()
    window.ui.action_finalise.trigger()
    assert answer.language == ["The signed scorecard will be in Chinese (set by the round)."]
    assert answer.declaration == [NO_CONFLICT_DECLARATION.zh]  # what is signed

    root = identity.committee_root(secretariat)
    captions = choose_folder(monkeypatch, tmp_path / "zh")
    window.ui.action_export.trigger()
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    assert captions == ["Export signed scorecards (Chinese) to"]
    [first] = window.workflows.last_export
    check = scorecard_files.check_scorecard_file(first.path, root)
    assert check.document is not None and check.document.language == "zh"

    # The secretariat switches the round to English: the unchanged card is a new revision
    # in English, never the stored Chinese file handed out again.
    with Workspace.open(demo_path) as workspace:
        workspace.set_round_settings(ROUND, RoundSettings(scorecard_language="en"))
    captions = choose_folder(monkeypatch, tmp_path / "en")
    window.ui.action_export.trigger()
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    assert captions == ["Export signed scorecards (English) to"]
    [second] = window.workflows.last_export
    assert not second.reused and second.revision == first.revision + 1
    check = scorecard_files.check_scorecard_file(second.path, root)
    assert check.valid and check.document is not None and check.document.language == "en"


# ----- part of bug 8: preconditions before the folder ----------------------------------


def test_export_without_an_identity_says_so_before_asking_for_a_folder(
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [code] = score_untouched(demo_path, 1, comments=True, final=True)
    assert window.open_workspace(demo_path)
    window.select_candidate(code)
    captions = choose_folder(monkeypatch, Path("/nonexistent"))
    window.ui.action_export.trigger()
    window.ui.action_export_all.trigger()
    assert captions == []  # never asked for a folder
    assert [title for _, title, _ in message_boxes.shown] == ["需要签名身份"] * 2
    texts = message_boxes.texts()
    assert len(texts) == 2
    for text in texts:
        assert "身份 ▸ 创建签名身份" in text and "身份 ▸ 安装证书" in text
        assert "qzeval" not in text and "no evaluator certificate" not in text


def test_the_affirm_box_takes_the_keyboard(qtbot: QtBot) -> None:
    """Space ticks, and only then does the Finalise button work."""
    from qz_evaluator.ui.finalise_dialog import FinaliseDialog

    dialog = FinaliseDialog(
        None,
        candidate_name="衢州博韬",
        total="600",
        points=1000,
        scorecard_language="zh",
        interface_language="zh",
    )
    qtbot.addWidget(dialog)
    assert not dialog.finalise_button.isEnabled()
    QTest.keyClick(dialog.affirm, Qt.Key.Key_Space)
    assert dialog.affirm.isChecked() and dialog.finalise_button.isEnabled()


def test_a_card_finalised_before_the_declaration_is_finalised_again_first(
    window: MainWindow,
    demo_path: Path,
    secretariat: Workspace,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(demo_path, secretariat)
    [code] = score_untouched(demo_path, 1, comments=True, final=True)
    with Workspace.open(demo_path) as workspace:  # as an older version left it
        workspace.set_declaration_affirmed(workspace.scorecard(ROUND, code, "P01").id, None)
    assert window.open_workspace(demo_path)
    window.select_candidate(code)
    captions = choose_folder(monkeypatch, Path("/nonexistent"))
    window.ui.action_export.trigger()
    window.ui.action_export_all.trigger()
    assert captions == []
    texts = message_boxes.texts("warning")
    assert len(texts) == 2 and all(code in t and "重新打开" in t for t in texts)
