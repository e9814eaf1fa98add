"""The scoring panel in the field (issue 9): focus never scores, typed percentages,
visible finalise/export, the save state beside the scorecard, comment lengths,
unique accelerators and zoom."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QPlainTextEdit,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.errors import DiskFull
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.keyboard_dialog import keyboard_map
from qz_evaluator.ui.main_window import MainWindow
from qz_evaluator.ui.zoom import ZOOM_KEY

from .conftest import MessageBoxes
from .finalising import answer_finalise

ROUND = "2026-site"
OWNER = "P01"


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_workspace(demo_path)
    yield win
    win.close()


def stored(demo_path: Path, credit_code: str) -> Scorecard:
    with Workspace.open(demo_path) as workspace:
        return workspace.scorecard(ROUND, credit_code, OWNER)


def open_fresh(window: MainWindow) -> str:
    """Select a candidate with nothing scored and put the focus in its criteria."""
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row and row.status is CandidateStatus.NOT_STARTED:
            break
    else:
        raise AssertionError("no candidate not started")
    assert window.select_candidate(code)
    window.ui.action_focus_criteria.trigger()
    assert window.panel.card is not None and window.panel.card.credit_code == code
    return code


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifiers)


def type_keys(widget: QWidget, keys: str) -> None:
    for char in keys:
        QTest.keyClick(widget, Qt.Key(ord(char)))  # digits: Key_0 … Key_9 are their codes


def commit_text(edit: QPlainTextEdit, text: str) -> None:
    """Commit `text` the way a Chinese input method does (not as key presses)."""
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def click_item(window: MainWindow, code: str) -> None:
    tree = window.panel.ui.criteria_tree
    iterator = QTreeWidgetItemIterator(tree)
    row = None
    while iterator.value() is not None:
        if iterator.value().data(0, Qt.ItemDataRole.UserRole + 1) == code:
            row = iterator.value()
            break
        iterator += 1
    assert row is not None
    tree.scrollToItem(row)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center()
    )
    assert window.panel.current_item_code == code


# ----- bug 1: focus moving into the band list never writes a score ---------------------


def test_tab_into_the_bands_does_not_score(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    panel = window.panel
    click_item(window, "4.3.2")
    press(panel.ui.criteria_tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(panel.ui.band_list.hasFocus)
    assert panel.card is not None and panel.card.entry("4.3.2").percent is None
    assert panel.ui.completeness_value.text() == "0/23"
    assert stored(demo_path, code).entry("4.3.2").percent is None
    stack = panel.undo_stack()
    assert stack is not None and stack.count() == 0
    assert panel.shown_band() == -1  # nothing drawn as chosen either

    # Shift+Tab from the strengths box lands in the band list too, and scores nothing.
    panel.ui.strengths_edit.setFocus()
    press(panel.ui.strengths_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.ui.band_list.hasFocus)
    assert panel.card.entry("4.3.2").percent is None
    assert stored(demo_path, code).entry("4.3.2").percent is None

    # An explicit choice in the band list does score: a click, or ↓ from nothing.
    press(panel.ui.band_list, Qt.Key.Key_Down)
    assert panel.card.entry("4.3.2").percent == 0
    press(panel.ui.band_list, Qt.Key.Key_Down)
    assert panel.card.entry("4.3.2").percent == 10
    band_list = panel.ui.band_list
    QTest.mouseClick(
        band_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=band_list.visualItemRect(band_list.item(3)).center(),
    )
    assert panel.card.entry("4.3.2").percent == 50
    assert stored(demo_path, code).entry("4.3.2").percent == 50


# ----- bug 4: typed digits then Enter set that percentage ---------------------------------


def test_typed_digits_and_enter_score_that_percentage(
    qtbot: QtBot, window: MainWindow, demo_path: Path, message_boxes: MessageBoxes
) -> None:
    code = open_fresh(window)
    panel, tree = window.panel, window.panel.ui.criteria_tree
    type_keys(tree, "45")
    assert panel.card is not None and panel.card.entry("4.1.2").percent is None  # not yet
    assert panel.ui.entry_label.isVisible() and "45%" in panel.ui.entry_label.text()
    press(tree, Qt.Key.Key_Return)
    assert panel.card.entry("4.1.2").percent == 45
    assert stored(demo_path, code).entry("4.1.2").percent == 45
    assert panel.shown_band() == 2  # 30–45 %
    assert not panel.ui.entry_label.isVisible()
    assert tree.hasFocus()  # Enter scored, it did not go on to the notes

    type_keys(tree, "100")
    press(tree, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert stored(demo_path, code).entry("4.1.2").percent == 100

    # Not a 5 % step: refused beside the scorecard, no box, the score stays.
    type_keys(tree, "47")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 100
    assert panel.ui.entry_label.isVisible()
    assert "47%" in panel.ui.entry_label.text() and "5%" in panel.ui.entry_label.text()
    assert message_boxes.shown == []
    type_keys(tree, "105")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 100
    assert "105%" in panel.ui.entry_label.text()

    # Backspace corrects a typed digit, Esc drops what was typed, moving on drops it too.
    type_keys(tree, "78")
    press(tree, Qt.Key.Key_Backspace)
    type_keys(tree, "0")
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.2").percent == 70
    type_keys(tree, "5")
    press(tree, Qt.Key.Key_Escape)
    press(tree, Qt.Key.Key_Return)  # nothing typed: Enter goes on to the strengths
    assert panel.ui.strengths_edit.hasFocus()
    assert stored(demo_path, code).entry("4.1.2").percent == 70
    tree.setFocus()
    type_keys(tree, "3")
    press(tree, Qt.Key.Key_Down)
    assert panel.current_item_code == "4.1.3" and panel.typed_value == ""
    press(tree, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.3").percent is None

    # Typing works in the band list too; "0" Enter is 0 %, Delete clears.
    band_list = panel.ui.band_list
    band_list.setFocus()
    type_keys(band_list, "0")
    press(band_list, Qt.Key.Key_Return)
    assert stored(demo_path, code).entry("4.1.3").percent == 0
    press(band_list, Qt.Key.Key_Delete)
    assert stored(demo_path, code).entry("4.1.3").percent is None
    # Undo knows the typed scores as ordinary score changes.
    stack = panel.undo_stack()
    assert stack is not None and stack.text(stack.count() - 1) == "评分 4.1.3：0% → —"


def code_with(window: MainWindow, status: CandidateStatus, scored: int) -> str:
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row and row.status is status and row.scored == scored:
            return code
    raise AssertionError(f"no candidate {status} {scored}")


def inside_window(window: MainWindow, widget: QWidget) -> bool:
    """Shown, and wholly within the window's own rectangle (not cut off by a small screen)."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


# ----- visible Finalise and Export buttons -------------------------------------------------


def test_finalise_and_export_buttons_follow_the_status(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = window.panel
    code = code_with(window, CandidateStatus.IN_PROGRESS, 23)
    assert window.select_candidate(code)
    finalise, export = panel.ui.finalise_button, panel.ui.export_button
    assert finalise.isEnabled() and not export.isEnabled()
    assert finalise.text() == "定稿…" and export.text() == "导出签名评分表…"

    message_boxes.answers["评分表已定稿"] = message_boxes.answer.No  # export later
    answer_finalise()  # tick the declaration in the finalise dialog
    with qtbot.waitSignal(panel.finalise_requested):
        QTest.mouseClick(finalise, Qt.MouseButton.LeftButton)
    assert stored(demo_path, code).status is ScorecardStatus.FINAL
    assert not finalise.isEnabled() and export.isEnabled()

    asked: list[str] = []

    def cancel_folder(*args: object) -> str:
        asked.append("folder")
        return ""  # the evaluator cancels the folder dialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", cancel_folder)
    with (
        qtbot.waitSignal(panel.export_requested),
        qtbot.waitSignal(window.ui.action_export.triggered),
    ):
        QTest.mouseClick(export, Qt.MouseButton.LeftButton)

    window.ui.action_reopen.trigger()  # a draft again: finalise yes, export no
    assert finalise.isEnabled() and not export.isEnabled()


def test_a_conflict_card_offers_neither_button(
    window: MainWindow, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_fresh(window)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("亲属在该单位任职", True)
    )
    window.ui.action_declare_conflict.trigger()
    panel = window.panel
    assert panel.locked
    assert not panel.ui.finalise_button.isEnabled()
    assert not panel.ui.export_button.isEnabled()


# ----- the save state beside the scorecard, on a laptop screen -----------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_save_state_and_buttons_are_in_view_on_a_laptop(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    window.resize(*size)
    code = open_fresh(window)
    panel = window.panel
    label = panel.ui.save_state_label
    assert label.text() == "已保存"
    press(panel.ui.criteria_tree, Qt.Key.Key_5)
    press(panel.ui.criteria_tree, Qt.Key.Key_Return)
    assert label.text().startswith("已保存 ")  # with the time
    commit_text(panel.ui.strengths_edit, "方针目标层层分解")
    assert label.text() == "正在保存…"
    qtbot.waitUntil(lambda: label.text().startswith("已保存 "), timeout=2000)
    assert stored(demo_path, code).entry("4.1.2").strengths == "方针目标层层分解"
    qtbot.wait(10)  # one round of layout at this size
    for widget in (label, panel.ui.finalise_button, panel.ui.export_button):
        assert inside_window(window, widget), widget.objectName()
    assert window.grab().save(str(tmp_path / f"panel-{size[0]}x{size[1]}.png"))  # it paints


def test_a_failed_save_shows_not_saved_beside_the_scorecard(
    window: MainWindow, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_fresh(window)
    panel = window.panel

    def fail(*args: object) -> Scorecard:
        raise DiskFull("demo.qzw: the disk is full")

    monkeypatch.setattr(ScoringService, "set_percent", fail)
    press(panel.ui.criteria_tree, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert panel.ui.save_state_label.text() == "未保存：上一次修改失败"


# ----- long comments: a character counter, and a warning past the round's limit ----------


def test_note_counters_count_characters_and_warn_past_the_limit(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    code = open_fresh(window)
    panel = window.panel
    counter = panel.ui.strengths_count
    assert panel.comment_limit is None and counter.text() == "0 字"
    commit_text(panel.ui.strengths_edit, "质量文化深入人心👍")
    assert counter.text() == "9 字"  # characters, not UTF-16 units or bytes
    panel.set_comment_limit(8)
    assert counter.text() == "9 字：超过本轮限定的 8 字"
    assert "#b45309" in counter.styleSheet()
    assert panel.ui.ofis_count.text() == "0 / 8 字"
    # A warning, not a refusal: the long note is saved as typed.
    qtbot.waitUntil(
        lambda: stored(demo_path, code).entry("4.1.2").strengths == "质量文化深入人心👍",
        timeout=2000,
    )
    panel.set_comment_limit(None)
    assert counter.text() == "9 字" and counter.styleSheet() == ""
    commit_text(panel.ui.evidence_edit, "证" * 10_000)
    assert panel.ui.evidence_count.text() == "10000 字"
    panel.move_item(1)  # another item: its own counts
    assert counter.text() == "0 字"
    window.set_language("en")
    assert counter.text() == "0 characters"


def test_the_rounds_comment_limit_reaches_the_counters(qtbot: QtBot, demo_path: Path) -> None:
    from dataclasses import replace

    with Workspace.open(demo_path) as workspace:  # as the secretariat's package sets it
        [round_] = [r for r in workspace.rounds() if r.code == "2026-site"]
        settings = workspace.round_settings(round_.code)
        workspace.set_round_settings(round_.code, replace(settings, comment_limit=8))
    window = MainWindow(language="zh")
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(demo_path)
    open_fresh(window)
    assert window.panel.comment_limit == 8
    assert window.panel.ui.ofis_count.text() == "0 / 8 字"


# ----- accelerators are unique in every menu and in the panel ------------------------------


def accelerator(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_accelerators_are_unique(window: MainWindow, language: str) -> None:
    window.set_language(language)
    open_fresh(window)
    bar = window.menuBar()
    menus = [m for a in bar.actions() if isinstance(m := a.menu(), QMenu)]
    assert "menu_view" in {menu.objectName() for menu in menus}
    for menu in menus:
        keys = [accelerator(a.text()) for a in menu.actions() if not a.isSeparator()]
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
    # Alt+letter in the window: the menu bar and the panel's note labels together.
    panel_ui = window.panel.ui
    window_keys = [accelerator(a.text()) for a in bar.actions()] + [
        accelerator(label.text())
        for label in (panel_ui.strengths_label, panel_ui.ofis_label, panel_ui.evidence_label)
    ]
    window_keys = [k for k in window_keys if k]
    assert len(window_keys) == len(set(window_keys)), window_keys
    if language == "zh":
        texts = {a.text() for a in window.ui.menu_scorecard.actions()}
        assert {"下一个条款(&N)", "下一个参评单位(&D)"} <= texts


# ----- zoom -----------------------------------------------------------------------------


def test_zoom_scales_all_text_and_is_remembered(qtbot: QtBot, demo_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_workspace(demo_path)
    open_fresh(window)
    qtbot.waitUntil(window.isActiveWindow)  # its zoom shortcuts work in the active window
    panel = window.panel
    body = panel.ui.strengths_edit.font().pointSizeF()
    title = panel.ui.candidate_label.font().pointSizeF()
    name = window.ui.name_label.font().pointSizeF()
    assert window.zoom.factor == 1.0 and title > body

    press(panel.ui.criteria_tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    press(panel.ui.criteria_tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.factor == 1.25
    assert panel.ui.strengths_edit.font().pointSizeF() == pytest.approx(body * 1.25)
    assert panel.ui.candidate_label.font().pointSizeF() == pytest.approx(title * 1.25)
    assert window.ui.name_label.font().pointSizeF() == pytest.approx(name * 1.25)
    # Labels coloured by a style sheet ("0/23" in orange) follow too.
    assert panel.ui.completeness_value.styleSheet()
    assert panel.ui.completeness_value.font().pointSizeF() == pytest.approx(body * 1.25)
    assert panel.card is not None and panel.card.entry("4.1.2").percent is None  # no score
    assert QSettings().value(ZOOM_KEY) in (1.25, "1.25")
    window.close()

    # The next window opens at the zoom left; its late-built panel follows it too.
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_workspace(demo_path)
    assert again.zoom.factor == 1.25
    assert again.panel.ui.candidate_label.font().pointSizeF() == pytest.approx(title * 1.25)
    strengths = again.panel.ui.strengths_edit
    strengths.setFocus()
    qtbot.waitUntil(again.isActiveWindow)
    press(strengths, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.zoom.factor == 1.1
    assert strengths.toPlainText() == ""  # the key zoomed, it did not type
    press(strengths, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.zoom.factor == 1.0
    assert again.panel.ui.candidate_label.font().pointSizeF() == pytest.approx(title)
    assert strengths.font().pointSizeF() == pytest.approx(body)
    for _ in range(20):
        again.zoom.zoom_out()
    assert again.zoom.factor == 0.8 and not again.zoom.zoom_out_action.isEnabled()
    assert again.zoom.menu.title() == "视图(&W)"
    again.set_language("en")  # the menu follows Qt's LanguageChange, a posted event
    qtbot.waitUntil(lambda: again.zoom.menu.title() == "Vie&w", timeout=2000)
    again.close()


def test_keyboard_help_explains_typed_percentages() -> None:
    rows = dict(keyboard_map())
    assert "0 … 9, Enter" in rows and "1 … 6" not in rows
    assert "5%" in rows["0 … 9, Enter"] or "5 %" in rows["0 … 9, Enter"]
    assert "Alt+1 … Alt+6" in rows
    assert "Ctrl+= / Ctrl+-, Ctrl+0" in rows
