"""Scoring a candidate in the window: keys, live totals, autosave, undo/redo, Chinese notes,
language, conflict, finalise, and nothing lost when the window goes away."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, TextField
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.errors import DiskFull, WorkspaceBusy
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.candidate_model import Column
from qz_evaluator.ui.main_window import MainWindow

from .conftest import MessageBoxes
from .finalising import answer_finalise

ROUND = "2026-site"
OWNER = "P01"
BAND = Qt.KeyboardModifier.AltModifier  # Alt+1…6 choose a band; plain digits type a percent


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_workspace(demo_path)
    yield win
    win.close()


def stored(demo_path: Path, credit_code: str) -> Scorecard:
    """What the store holds, read through a connection of its own."""
    with Workspace.open(demo_path) as workspace:
        return workspace.scorecard(ROUND, credit_code, OWNER)


def code_with(window: MainWindow, status: CandidateStatus, scored: int | None = None) -> str:
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row and row.status is status and (scored is None or row.scored == scored):
            return code
    raise AssertionError(f"no candidate {status} {scored}")


def open_fresh(window: MainWindow) -> str:
    """Select a candidate with nothing scored and put the focus in its criteria."""
    code = code_with(window, CandidateStatus.NOT_STARTED)
    assert window.select_candidate(code)
    window.ui.action_focus_criteria.trigger()
    assert window.panel.card is not None and window.panel.card.credit_code == code
    return code


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press and release, as the keyboard makes it (shortcuts included)."""
    QTest.keyClick(widget, key, modifiers)


def commit_text(edit: QPlainTextEdit, text: str) -> None:
    """Commit `text` the way a Chinese input method does (not as key presses)."""
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def test_score_by_keyboard_updates_totals_list_and_store(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    panel, tree = window.panel, window.panel.ui.criteria_tree
    assert panel.current_item_code == "4.1.2"  # the first unscored item
    assert panel.ui.criteria_tree.hasFocus()
    assert "未评分" in panel.ui.item_score_label.text()

    press(tree, Qt.Key.Key_4, BAND)  # band 50–65 %: starts at 50
    press(tree, Qt.Key.Key_Right)  # 55
    press(tree, Qt.Key.Key_Down)  # 4.1.3
    press(tree, Qt.Key.Key_3, BAND)  # 30
    press(tree, Qt.Key.Key_Right)
    press(tree, Qt.Key.Key_Right)  # 40
    press(tree, Qt.Key.Key_Down)  # 4.1.4
    press(tree, Qt.Key.Key_6, BAND)  # 90
    press(tree, Qt.Key.Key_Left)  # 85
    press(tree, Qt.Key.Key_End)  # 4.7.7, results
    press(tree, Qt.Key.Key_2, BAND)  # 10
    press(tree, Qt.Key.Key_Up)  # 4.7.6
    press(tree, Qt.Key.Key_5, BAND)  # 70
    press(tree, Qt.Key.Key_Delete)  # cleared again
    assert panel.current_item_code == "4.7.6"

    expected = {"4.1.2": 55, "4.1.3": 40, "4.1.4": 85, "4.7.7": 10}
    card = stored(demo_path, code)
    assert {c: e.percent for c, e in card.entries.items() if e.percent is not None} == expected
    # Live totals: 27.5 + 12 + 25.5 = 65 process, 5 results.
    ui = panel.ui
    assert ui.process_value.text() == "65 / 600"
    assert ui.results_value.text() == "5 / 400"
    assert ui.total_value.text() == "70 / 1000"
    assert ui.completeness_value.text() == "4/23"
    first_category = [ui.category_table.item(0, column) for column in range(3)]
    assert [cell.text() if cell else "" for cell in first_category] == [
        "4.1 领导",
        "65 / 110",
        "3/3",
    ]
    row = panel._item_rows["4.1.4"]
    assert (row.text(2), row.text(3)) == ("85%", "25.5")
    assert panel._item_rows["4.7.6"].text(2) == "未评分"
    summary = panel.summary()
    assert summary is not None and summary.total == Decimal(70)
    # The candidate list follows without a reload.
    index = window.model.index_of(code)
    assert index.siblingAtColumn(Column.PROGRESS).data() == "4/23"
    assert index.siblingAtColumn(Column.STATUS).data() == "评分中"
    assert window.saved_label.text().startswith("已保存 ")


def test_band_then_value_from_anywhere_with_alt_keys(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    strengths = window.panel.ui.strengths_edit
    strengths.setFocus()
    press(strengths, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # band 30–45
    press(strengths, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert stored(demo_path, code).entry("4.1.2").percent == 35
    assert strengths.toPlainText() == ""  # the keys scored, they did not type
    press(strengths, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # next item
    assert window.panel.current_item_code == "4.1.3"
    buttons = window.panel.value_buttons()
    assert buttons == []  # unscored: no band chosen yet
    window.panel.choose_band(4)
    assert [b.text() for b in window.panel.value_buttons()] == ["70%", "75%", "80%", "85%"]
    window.panel.value_buttons()[2].click()
    assert stored(demo_path, code).entry("4.1.3").percent == 80
    assert window.panel.ui.band_list.currentRow() == 4


def test_undo_and_redo_scores_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    tree = window.panel.ui.criteria_tree
    press(tree, Qt.Key.Key_4, BAND)  # 50
    press(tree, Qt.Key.Key_Right)  # 55
    press(tree, Qt.Key.Key_Down)
    press(tree, Qt.Key.Key_2, BAND)  # 4.1.3: 10
    assert window.ui.action_undo.isEnabled()

    press(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_path, code).entry("4.1.3").percent is None
    press(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_path, code).entry("4.1.2").percent == 50
    assert window.panel.current_item_code == "4.1.2"  # undo shows what it changed
    assert window.panel.ui.total_value.text() == "25 / 1000"

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(tree, Qt.Key.Key_Z, redo)
    press(tree, Qt.Key.Key_Z, redo)
    card = stored(demo_path, code)
    assert (card.entry("4.1.2").percent, card.entry("4.1.3").percent) == (55, 10)
    assert window.panel.current_item_code == "4.1.3"
    assert not window.ui.action_redo.isEnabled()
    assert window.panel.ui.total_value.text() == "30.5 / 1000"


def test_chinese_notes_are_saved_while_typing_and_undone_as_one(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    edit = window.panel.ui.strengths_edit
    commit_text(edit, "高层领导亲自推进卓越绩效")
    qtbot.waitUntil(
        lambda: stored(demo_path, code).entry("4.1.2").strengths == "高层领导亲自推进卓越绩效",
        timeout=2000,
    )
    assert window.saved_label.text().startswith("已保存 ")
    commit_text(edit, "，全员参与")
    qtbot.waitUntil(
        lambda: stored(demo_path, code).entry("4.1.2").strengths.endswith("全员参与"),
        timeout=2000,
    )
    # One typing session, one undo step, through the window's Ctrl+Z (not the box's own).
    press(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == ""
    assert stored(demo_path, code).entry("4.1.2").strengths == ""
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(edit, Qt.Key.Key_Z, redo)
    assert edit.toPlainText() == "高层领导亲自推进卓越绩效，全员参与"
    assert stored(demo_path, code).entry("4.1.2").strengths == "高层领导亲自推进卓越绩效，全员参与"


def test_notes_are_saved_when_moving_on_before_the_pause(
    window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    panel = window.panel
    commit_text(panel.ui.ofis_edit, "战略部署到班组的展开不足")
    commit_text(panel.ui.evidence_edit, "查阅：2025年战略规划；访谈：生产部经理")
    panel.move_item(1)  # no waiting: switching items saves at once
    card = stored(demo_path, code)
    assert card.entry("4.1.2").ofis == "战略部署到班组的展开不足"
    assert card.entry("4.1.2").evidence == "查阅：2025年战略规划；访谈：生产部经理"
    commit_text(panel.ui.strengths_edit, "组织治理结构清晰")
    other = code_with(window, CandidateStatus.IN_PROGRESS)
    assert other != code
    window.select_candidate(other)  # switching candidates saves too
    assert stored(demo_path, code).entry("4.1.3").strengths == "组织治理结构清晰"
    assert panel.card is not None and panel.card.credit_code == other
    shown = panel.card.entry(str(panel.current_item_code)).strengths
    assert panel.ui.strengths_edit.toPlainText() == shown  # the other candidate's box


def test_everything_shown_as_saved_survives_an_abrupt_end(qtbot: QtBot, demo_path: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.open_workspace(demo_path)
    code = open_fresh(first)
    qtbot.waitUntil(first.isActiveWindow)  # its band shortcuts work in the active window
    press(first.panel.ui.criteria_tree, Qt.Key.Key_5, BAND)
    commit_text(first.panel.ui.strengths_edit, "质量文化深入人心")
    qtbot.waitUntil(lambda: first.saved_label.text() != "", timeout=2000)
    qtbot.waitUntil(lambda: not first.panel._text_timer.isActive(), timeout=2000)
    # No close, no save: another window on the same file sees what the first showed saved.
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.open_workspace(demo_path)
    assert second.select_candidate(code)
    second.panel.select_item("4.1.2")
    assert second.panel.ui.strengths_edit.toPlainText() == "质量文化深入人心"
    assert second.panel.ui.band_list.currentRow() == 4
    assert second.panel.ui.total_value.text() == "35 / 1000"
    second.close()
    # Closing right after typing (before the pause) still keeps the text.
    commit_text(first.panel.ui.evidence_edit, "访谈：质量部长")
    first.close()
    assert stored(demo_path, code).entry("4.1.2").evidence == "访谈：质量部长"


def test_switching_language_retranslates_the_scorecard(qtbot: QtBot, window: MainWindow) -> None:
    open_fresh(window)
    panel = window.panel
    assert panel.ui.summary_box.title() == "得分汇总"
    assert panel.ui.item_title.text() == "4.1.2 高层领导的作用"
    assert window.ui.candidate_tabs.tabText(0) == "评分表"
    assert panel.ui.band_list.item(0).text().startswith("1  ·  0–5%\n没有系统的方法")
    window.ui.action_language_en.trigger()
    assert window.language == "en"
    assert panel.ui.summary_box.title() == "Summary"
    assert panel.ui.item_title.text() == "4.1.2 Role of senior leaders"
    assert window.ui.candidate_tabs.tabText(0) == "Scorecard"
    assert "No systematic approach" in panel.ui.band_list.item(0).text()
    assert window.model.index(0, 0).data() == "Advantage (4)"
    assert window.ui.status_filter.itemText(0) == "All states"
    qtbot.wait(20)  # the LanguageChange events Qt posts change nothing more
    assert panel.ui.summary_box.title() == "Summary"
    window.ui.action_language_zh.trigger()
    assert panel.ui.summary_box.title() == "得分汇总"
    assert panel.ui.item_title.text() == "4.1.2 高层领导的作用"


def test_filters_by_status_and_county(window: MainWindow) -> None:
    ui = window.ui
    ui.status_filter.setCurrentIndex(ui.status_filter.findData(CandidateStatus.CONFLICT.value))
    shown = window.model.shown_codes()
    assert len(shown) == 1
    assert window.model.progress(shown[0]).status is CandidateStatus.CONFLICT  # type: ignore[union-attr]
    ui.status_filter.setCurrentIndex(0)
    assert len(window.model.shown_codes()) == 7
    county = ui.county_filter.itemData(1)
    ui.county_filter.setCurrentIndex(1)
    assert window.model.shown_codes()
    for code in window.model.shown_codes():
        candidate = window.model.candidate(window.model.index_of(code))
        assert candidate is not None and candidate.county == county
    assert "家单位" in ui.round_label.text()


def test_declaring_a_conflict_locks_the_scorecard(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = open_fresh(window)
    tree = window.panel.ui.criteria_tree
    press(tree, Qt.Key.Key_3, BAND)
    monkeypatch.setattr(
        QInputDialog,
        "getMultiLineText",
        lambda *args, **kwargs: ("曾为该单位提供质量管理咨询", True),
    )
    window.ui.action_declare_conflict.trigger()
    assert [kind for kind, _, _ in message_boxes.shown] == ["question"]
    card = stored(demo_path, code)
    assert card.status is ScorecardStatus.CONFLICT
    assert card.conflict_note == "曾为该单位提供质量管理咨询"
    panel = window.panel
    assert panel.locked
    assert panel.ui.lock_banner.isVisible() and "曾为该单位" in panel.ui.lock_banner.text()
    assert panel.ui.strengths_edit.isReadOnly()
    assert not panel.ui.band_list.isEnabled()
    assert not window.ui.action_finalise.isEnabled()
    assert not window.ui.action_undo.isEnabled()  # nothing to undo into a locked card
    assert not window.ui.candidate_tabs.tabIcon(0).isNull()  # the padlock
    press(tree, Qt.Key.Key_5, BAND)
    assert stored(demo_path, code).entry("4.1.2").percent == 30
    index = window.model.index_of(code)
    assert index.siblingAtColumn(Column.STATUS).data() == "回避"


def test_declaring_a_conflict_can_be_called_off(
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = open_fresh(window)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("亲属在该单位任职", True)
    )
    message_boxes.answer = message_boxes.answer.No
    window.ui.action_declare_conflict.trigger()
    assert stored(demo_path, code).status is ScorecardStatus.DRAFT
    assert not window.panel.locked


def test_finalise_lists_the_missing_items(
    window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    code = code_with(window, CandidateStatus.IN_PROGRESS, scored=12)
    window.select_candidate(code)
    window.ui.action_finalise.trigger()
    assert [kind for kind, _, _ in message_boxes.shown] == ["warning"]
    text = message_boxes.texts("warning")[0]
    assert "23 个条款中还有 11 个未评分" in text
    assert "4.4.7 相关方关系" in text and "4.7.7 领导方面的结果" in text
    assert "4.1.2" not in text and "4.4.6" not in text
    assert stored(demo_path, code).status is ScorecardStatus.DRAFT
    assert window.panel.current_item_code == "4.4.7"  # taken to the first one missing


def test_finalise_locks_and_reopen_unlocks(
    window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    code = code_with(window, CandidateStatus.IN_PROGRESS, scored=23)
    window.select_candidate(code)
    message_boxes.answers["评分表已定稿"] = message_boxes.answer.No  # export later
    answer_finalise()  # tick the declaration, finalise
    window.ui.action_finalise.trigger()
    assert stored(demo_path, code).status is ScorecardStatus.FINAL
    assert window.panel.locked and window.panel.ui.lock_banner.isVisible()
    assert window.ui.action_export.isEnabled()
    assert window.model.index_of(code).siblingAtColumn(Column.STATUS).data() == "已定稿"
    window.ui.action_reopen.trigger()
    assert stored(demo_path, code).status is ScorecardStatus.DRAFT
    assert not window.panel.locked


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (WorkspaceBusy("demo.qzw: the workspace is in use"), "warning", "正在写入此工作区"),
        (DiskFull("demo.qzw: the disk is full"), "critical", "磁盘已满"),
    ],
)
def test_a_failed_save_is_explained_and_the_screen_shows_the_store(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    kind: str,
    words: str,
) -> None:
    code = open_fresh(window)
    tree = window.panel.ui.criteria_tree
    press(tree, Qt.Key.Key_3, BAND)  # saved

    def fail(*args: object) -> Scorecard:
        raise error

    monkeypatch.setattr(ScoringService, "set_percent", fail)
    press(tree, Qt.Key.Key_Right)
    assert [(k, words in t) for k, _, t in message_boxes.shown] == [(kind, True)]
    assert "Traceback" not in message_boxes.shown[0][2]
    assert stored(demo_path, code).entry("4.1.2").percent == 30
    assert window.panel.card is not None and window.panel.card.entry("4.1.2").percent == 30
    assert window.panel.ui.band_list.currentRow() == 2


def test_keyboard_help_lists_the_scoring_keys(qtbot: QtBot, window: MainWindow) -> None:
    window.ui.action_keyboard_help.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "KeyboardDialog"]
    assert dialogs
    table = dialogs[-1].ui.keys_table  # type: ignore[attr-defined]
    keys = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert {"Ctrl+Z", "Ctrl+J", "Alt+1 … Alt+6", "Alt+↓ / Alt+↑"} <= set(keys)
    dialogs[-1].close()


def test_texts_of_another_field_are_not_mixed_up(window: MainWindow, demo_path: Path) -> None:
    code = open_fresh(window)
    panel = window.panel
    for field, edit in panel.edits.items():
        commit_text(edit, f"{field.value}：内容")
    assert panel.flush_text()
    card = stored(demo_path, code)
    for field in TextField:
        assert card.entry("4.1.2").text(field) == f"{field.value}：内容"


def test_a_refused_note_stays_in_its_box_while_typing_and_is_reported_on_leaving(
    qtbot: QtBot, window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    """A bidi override pasted into a note is refused (issue 11): while typing, the text
    stays to be corrected and the save state says why; leaving the item says so aloud."""
    code = open_fresh(window)
    panel = window.panel
    edit = panel.ui.strengths_edit
    commit_text(edit, "方法\u202e系统")
    label = panel.ui.save_state_label
    qtbot.waitUntil(lambda: "U+202E" in label.text(), timeout=2000)
    assert label.text().startswith("未保存：条款 4.1.2 的强项：")
    assert edit.toPlainText() == "方法\u202e系统"  # kept, to be corrected
    assert message_boxes.shown == []  # no dialog while typing
    assert stored(demo_path, code).entry("4.1.2").strengths == ""
    # Corrected, it saves, and the warning goes.
    edit.setPlainText("方法系统\n\t二、")
    qtbot.waitUntil(
        lambda: stored(demo_path, code).entry("4.1.2").strengths == "方法系统\n\t二、",
        timeout=2000,
    )
    assert "U+202E" not in label.text()
    # Refused again, then leaving the item: said in a dialog, the stored text shown.
    commit_text(edit, "\x1b")
    panel.move_item(1)
    assert any("U+001B" in text for text in message_boxes.texts())
    assert stored(demo_path, code).entry("4.1.2").strengths == "方法系统\n\t二、"
