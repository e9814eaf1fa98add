"""Inbox ▸ Check Printed Scorecard…: the secretariat types a page's code or picks a photo
of it, and reads the answer in Chinese (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QTableWidgetItem
from pytestqt.qtbot import QtBot

from qz_evaluator.services import paper
from qz_evaluator.services.paper import PaperOutcome
from qz_evaluator.services.session import open_session
from qz_evaluator.ui import i18n
from qz_evaluator.ui.paper_check import PaperCheckDialog
from qz_evaluator.ui.sec_inbox import SecInboxView
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.paper import Printed, printed_scorecards

from .conftest import MessageBoxes


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    with printed_scorecards(tmp_path_factory.mktemp("paper-ui")) as scene:
        yield scene


@pytest.fixture
def dialog(qtbot: QtBot, printed: Printed) -> Iterator[PaperCheckDialog]:
    i18n.apply_language("zh_CN")
    runner = TaskRunner()
    view = SecInboxView(runner)
    qtbot.addWidget(view)
    session = open_session(printed.secretariat)
    view.set_session(session)
    view.show()
    qtbot.waitExposed(view)
    assert view.ui.paper_button.isEnabled()
    QTest.mouseClick(view.ui.paper_button, Qt.MouseButton.LeftButton)
    assert view.paper_dialog is not None and view.paper_dialog.isVisible()
    yield view.paper_dialog
    runner.cancel_all()
    view.set_session(None)
    session.close()


def test_a_typed_code_answers_in_the_window(
    qtbot: QtBot, dialog: PaperCheckDialog, printed: Printed
) -> None:
    [code] = paper.codes_in_image(printed.pages[2])
    QTest.keyClicks(dialog.ui.code_edit, code.lower())
    QTest.keyClick(dialog.ui.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.last is not None)
    assert dialog.last is not None and dialog.last.outcome is PaperOutcome.MATCHES
    assert "与合并记录一致" in dialog.ui.outcome_label.text()
    assert "第2版" in dialog.ui.message_label.text()
    assert dialog.ui.changes_table.isHidden()


def test_a_photo_of_an_older_page_shows_what_changed(
    qtbot: QtBot, dialog: PaperCheckDialog, printed: Printed, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(printed.pages[1]), "")
    )
    QTest.mouseClick(dialog.ui.image_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last is not None)
    assert dialog.last is not None and dialog.last.outcome is PaperOutcome.OLDER_REVISION
    assert "旧版本" in dialog.ui.outcome_label.text()
    assert "此页为第1版" in dialog.ui.message_label.text()
    table = dialog.ui.changes_table
    assert not table.isHidden() and table.rowCount() == 1
    assert [(table.item(0, c) or QTableWidgetItem()).text() for c in range(3)] == [
        printed.item,
        f"{printed.percents[1]}%",
        "90%",
    ]


def test_a_mistyped_code_and_a_picture_without_one(
    qtbot: QtBot,
    dialog: PaperCheckDialog,
    printed: Printed,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    [code] = paper.codes_in_image(printed.pages[2])
    dialog.ui.code_edit.setText(code[:-1] + ("A" if code[-1] != "A" else "B"))
    QTest.mouseClick(dialog.ui.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last is not None)
    assert dialog.last is not None and dialog.last.outcome is PaperOutcome.MISTYPED
    assert "核验码输入有误" in dialog.ui.outcome_label.text()
    assert "校验字符不符" in dialog.ui.message_label.text()

    blank = tmp_path / "blank.png"
    blank.write_bytes(printed.pages[2].read_bytes()[:64])  # a broken image
    dialog.check_image(blank)
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    assert "无法读取图片" in message_boxes.texts()[-1]
    assert dialog.ui.image_button.isEnabled() and dialog.task is None
