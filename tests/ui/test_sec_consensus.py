"""The consensus view on the secretariat demo: the panel's matrix with its divergent
items, the leader's agreed percentage and Chinese note typed in for each flagged item
until the candidate becomes final; a percentage off the 5 % grid refused; a candidate
with a member still missing says why it cannot be final."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTableWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.services import demo, results
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.session import Session, open_session, open_workspace
from qz_evaluator.ui import i18n
from qz_evaluator.ui.sec_consensus import SecConsensusView
from qz_evaluator.ui.sec_inbox import SecInboxView
from qz_evaluator.ui.secretariat_window import SecretariatWindow
from qz_evaluator.ui.tasks import TaskRunner

from .conftest import MessageBoxes

ROUND = demo.SITE_ROUND


@pytest.fixture(scope="module")
def consensus_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The secretariat demo (workspace and merged files), built once for the module."""
    folder = tmp_path_factory.mktemp("consensus-demo")
    (folder / "demo").mkdir()
    workspace, summary = demo.build_secretariat_demo(
        folder / "demo" / "demo-secretariat.qzw", folder / "scratch"
    )
    workspace.close()
    shutil.rmtree(folder / "scratch")
    assert [e.outcome for e in summary.entries].count(Outcome.CONFLICT) == 1
    return folder / "demo"


@pytest.fixture
def demo_workspace(consensus_demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(consensus_demo_template, folder)
    return folder / "demo-secretariat.qzw"


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.apply_language("zh_CN")
    yield
    i18n.apply_language("zh_CN")


@pytest.fixture
def view(qtbot: QtBot, demo_workspace: Path, zh: None) -> Iterator[SecConsensusView]:
    runner = TaskRunner()
    widget = SecConsensusView(runner)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    session: Session = open_session(demo_workspace)
    with qtbot.waitSignal(widget.loaded, timeout=15000):
        widget.set_session(session)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    runner.cancel_all()
    widget.set_session(None)
    session.close()


def divergent_candidate(path: Path) -> str:
    """The demo's first candidate: one member read a few items far more leniently."""
    with open_workspace(path) as workspace:
        outcomes = results.compute(workspace, ROUND).outcomes
    [code] = [o.candidate.credit_code for o in outcomes if o.result and o.result.divergences]
    return code


def show(qtbot: QtBot, view: SecConsensusView, credit_code: str) -> None:
    if view.consensus is not None and view.consensus.candidate.credit_code == credit_code:
        return
    with qtbot.waitSignal(view.loaded, timeout=15000):
        view.choose(credit_code)
    assert view.consensus is not None and view.consensus.candidate.credit_code == credit_code


def commit_chinese(edit: QPlainTextEdit, text: str) -> None:
    """Chinese as an input method commits it (pinyin → 汉字), not as key presses."""
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def text_of(table: QTableWidget, row: int, column: int) -> str:
    cell = table.item(row, column)
    assert cell is not None
    return cell.text()


def chooser_state(view: SecConsensusView, name: str) -> str:
    """What the candidate chooser says of the candidate called `name`."""
    table = view.ui.candidate_table
    [row] = [r for r in range(table.rowCount()) if text_of(table, r, 0) == name]
    return text_of(table, row, 1)


def selected_code(view: SecConsensusView) -> str | None:
    item = view.selected_item()
    return item.code if item is not None else None


def type_percent(view: SecConsensusView, text: str) -> None:
    edit = view.ui.percent_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def test_consensus_on_every_flagged_item_makes_the_candidate_final(
    qtbot: QtBot, view: SecConsensusView, demo_workspace: Path, message_boxes: MessageBoxes
) -> None:
    code = divergent_candidate(demo_workspace)
    show(qtbot, view, code)
    shown = view.consensus
    assert shown is not None
    # The matrix: every member a column (the leader marked), items in criteria order.
    assert len(shown.members) == 5 and not shown.missing
    matrix = view.ui.matrix_table
    headers = []
    for column in range(matrix.columnCount()):
        header = matrix.horizontalHeaderItem(column)
        assert header is not None
        headers.append(header.text())
    assert sum("组长" in h for h in headers) == 1
    assert headers[-2:] == ["极差", "合议百分比"]
    flagged = list(shown.open_items)
    assert flagged == list(demo.DIVERGENT_ITEMS)
    assert all((shown.item(c).spread or 0) >= shown.threshold == 20 for c in flagged)
    assert "不能定稿" in view.ui.state_label.text()
    # The first open item is selected, its members' strengths and OFIs side by side.
    assert selected_code(view) == flagged[0]
    texts = view.ui.texts_table
    assert texts.rowCount() == 5
    first = shown.item(flagged[0])
    for row in range(5):
        assert text_of(texts, row, 1) == f"{first.percentages[row]}%"
        assert text_of(texts, row, 2) == first.strengths[row]
        assert text_of(texts, row, 3) == first.ofis[row]
    assert any(first.strengths) and any(first.ofis)
    view.grab().save("/tmp/consensus-open-zh.png")

    changes: list[None] = []
    view.changed.connect(lambda: changes.append(None))
    for index, item_code in enumerate(flagged):
        assert selected_code(view) == item_code
        type_percent(view, "55%")
        QTest.keyClick(view.ui.percent_edit, Qt.Key.Key_Return)  # on to the note
        assert view.ui.note_edit.hasFocus()
        commit_chinese(view.ui.note_edit, f"经合议，{item_code} 统一为 55%")
        QTest.keyClick(view.ui.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert len(changes) == index + 1
        after = view.consensus
        assert after is not None
        note = after.item(item_code).note
        assert note is not None and note.agreed_percent == 55
        assert after.leader is not None and note.author == after.leader.evaluator_code
        assert note.text == f"经合议，{item_code} 统一为 55%"
        assert text_of(matrix, view.item_row(item_code), matrix.columnCount() - 1) == "55"
    after = view.consensus
    assert after is not None and after.final and not after.blockers
    assert "定稿" in view.ui.feedback_label.text()
    assert f"正式得分 {after.official_text}" in view.ui.heading_label.text()
    assert "trimmed-mean/v1" in view.ui.heading_label.text()
    assert (
        "正式得分按 trimmed-mean/v1 计算：去掉一个最高分和一个最低分" in view.ui.state_label.text()
    )
    assert not message_boxes.shown
    view.grab().save("/tmp/consensus-final-zh.png")
    with open_workspace(demo_workspace) as workspace:
        outcome = results.compute(workspace, ROUND).outcome(code)
    assert outcome.final is not None and outcome.unresolved == ()
    assert outcome.official is not None and results.shown(outcome.official) == after.official_text
    assert chooser_state(view, after.candidate.name) == f"已定稿 · {after.official_text}"


def test_a_percentage_off_the_grid_is_refused(
    qtbot: QtBot, view: SecConsensusView, demo_workspace: Path
) -> None:
    code = divergent_candidate(demo_workspace)
    show(qtbot, view, code)
    changes: list[None] = []
    view.changed.connect(lambda: changes.append(None))
    item = view.selected_item()
    assert item is not None and item.divergent
    type_percent(view, "42")
    commit_chinese(view.ui.note_edit, "统一为 42%")
    QTest.mouseClick(view.ui.record_button, Qt.MouseButton.LeftButton)
    assert "5%" in view.ui.feedback_label.text() and "42%" in view.ui.feedback_label.text()
    assert view.ui.percent_edit.hasFocus()
    assert not changes
    with open_workspace(demo_workspace) as workspace:
        assert not workspace.consensus_notes(ROUND, code)
    # A note is needed too.
    type_percent(view, "40")
    view.ui.note_edit.clear()
    assert not view.record()
    assert "备注" in view.ui.feedback_label.text()
    assert not changes


def test_a_candidate_with_a_missing_member_says_why_it_cannot_be_final(
    qtbot: QtBot, view: SecConsensusView, demo_workspace: Path, message_boxes: MessageBoxes
) -> None:
    waiting = next(
        s for s in view.summaries if s.missing and not s.conflicts and not s.open and not s.final
    )
    assert chooser_state(view, waiting.name) == "缺 1 份"
    show(qtbot, view, waiting.credit_code)
    shown = view.consensus
    assert shown is not None and shown.missing and not shown.final
    [missing] = shown.missing
    state = view.ui.state_label.text()
    assert "不能定稿" in state
    assert f"{missing.evaluator_code} {missing.name}" in state
    assert "尚未收到" in state
    assert not view.ui.finalise_button.isEnabled()
    # Asked all the same (e.g. from the keyboard), the service refuses, in Chinese.
    view.ui.finalise_button.setEnabled(True)
    assert not view.finalise()
    [(_kind, _title, text)] = message_boxes.shown
    assert "不能定稿" in text and missing.evaluator_code in text
    # The candidate with rival files of one revision names them too.
    rival = next(s for s in view.summaries if s.conflicts)
    show(qtbot, view, rival.credit_code)
    assert "同一修订版本" in view.ui.state_label.text()


def test_the_view_follows_the_interface_language(
    qtbot: QtBot, view: SecConsensusView, demo_workspace: Path
) -> None:
    show(qtbot, view, divergent_candidate(demo_workspace))
    assert view.title() == "合议"
    i18n.apply_language("en")
    qtbot.waitUntil(lambda: view.ui.record_button.text() == "&Record Consensus")
    assert view.title() == "Consensus"
    header = view.ui.matrix_table.horizontalHeaderItem(view.ui.matrix_table.columnCount() - 2)
    assert header is not None and header.text() == "Spread"
    assert "Cannot be final yet" in view.ui.state_label.text()
    assert "divergent items without a consensus note" in view.ui.state_label.text()
    shown = view.consensus
    assert shown is not None
    item = shown.items[0]
    assert text_of(view.ui.matrix_table, view.item_row(item.code), 0).endswith(item.name.en)
    view.grab().save("/tmp/consensus-open-en.png")


def test_the_keyboard_reaches_every_item_and_candidate(
    qtbot: QtBot, view: SecConsensusView, demo_workspace: Path
) -> None:
    code = divergent_candidate(demo_workspace)
    show(qtbot, view, code)
    matrix = view.ui.matrix_table
    view.select_item("4.1.4")
    matrix.setFocus()
    # Down passes over the 4.2 subtotal row to the next item, and shows its texts.
    QTest.keyClick(matrix, Qt.Key.Key_Down)
    assert selected_code(view) == "4.2.2"
    assert view.ui.item_label.text().startswith("4.2.2 ")
    QTest.keyClick(matrix, Qt.Key.Key_Up)
    assert selected_code(view) == "4.1.4"
    # Not divergent: nothing to record.
    assert not view.ui.record_button.isEnabled()
    # On a divergent item, Tab goes through the consensus form in its order.
    view.select_item("4.1.2")
    order = [view.ui.percent_edit, view.ui.keep_check, view.ui.note_edit, view.ui.record_button]
    order[0].setFocus()
    for widget in order[1:]:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
    # Ctrl+PgDn / Ctrl+PgUp: the next and previous candidate of the chooser.
    codes = [s.credit_code for s in view.summaries]
    index = codes.index(code)
    step = 1 if index + 1 < len(codes) else -1
    key = Qt.Key.Key_PageDown if step == 1 else Qt.Key.Key_PageUp
    with qtbot.waitSignal(view.loaded, timeout=15000):
        QTest.keyClick(matrix, key, Qt.KeyboardModifier.ControlModifier)
    assert view.consensus is not None
    assert view.consensus.candidate.credit_code == codes[index + step]


def test_a_round_without_merged_scorecards_says_where_they_come_from(
    qtbot: QtBot, pool_path: Path, zh: None
) -> None:
    runner = TaskRunner()
    widget = SecConsensusView(runner)
    qtbot.addWidget(widget)
    session = open_session(pool_path)
    try:
        with qtbot.waitSignal(widget.loaded, timeout=15000):
            widget.set_session(session)
            assert widget.ui.heading_label.text() == "正在读取本轮评分表…"
        assert widget.summaries == [] and widget.consensus is None
        assert "收件与合并" in widget.ui.heading_label.text()
        assert not widget.ui.record_button.isEnabled()
        assert not widget.record() and not widget.finalise()
    finally:
        runner.cancel_all()
        widget.set_session(None)
        session.close()


def test_the_view_is_a_tab_of_the_secretariats_window(qtbot: QtBot, demo_workspace: Path) -> None:
    """As `ui.app.start_secretariat` will compose it: a tab after the inbox, given the
    window's session, and what it writes makes the other views read again."""
    window = SecretariatWindow(language="zh", open_session=open_session)
    qtbot.addWidget(window)
    inbox = SecInboxView(window.runner, window)
    view = SecConsensusView(window.runner, window)
    window.add_view(inbox)
    window.add_view(view)
    with qtbot.waitSignal(view.loaded, timeout=15000):
        assert window.open_workspace(demo_workspace)
    assert window.ui.view_tabs.tabText(1) == "合议"
    assert view.session is window.session and view.summaries
    read_again: list[None] = []
    inbox.refresh = lambda: read_again.append(None)  # type: ignore[method-assign]
    show(qtbot, view, divergent_candidate(demo_workspace))
    type_percent(view, "50")
    commit_chinese(view.ui.note_edit, "经合议统一为 50%")
    assert view.record()
    assert read_again  # the inbox was handed the session again, and read it
    window.close_workspace()
    assert view.session is None and view.consensus is None
    assert view.ui.candidate_table.rowCount() == 0
