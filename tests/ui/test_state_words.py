"""Bug 9 (issue 9): one word per state everywhere, and the round's name, not its code.

The header, the list, the details and the printed scorecard say the same word for a
state (评分中, not 草稿 in one place; 回避, not 已声明回避 in another), and name the round
2026年度现场评审, never 2026-site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from qz_evaluator.documents import scorecard_pdf
from qz_evaluator.documents.labels import label
from qz_evaluator.domain.paper_code import paper_code
from qz_evaluator.domain.scorecard import STATUS_LABELS, ScorecardStatus
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scorecard_files import _document
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.main_window import MainWindow

ROUND, ROUND_NAME = "2026-site", "2026年度现场评审"


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


def _code_with(window: MainWindow, status: CandidateStatus) -> str:
    for code in window.model.shown_codes():
        row = window.model.progress(code)
        if row is not None and row.status is status:
            return code
    raise AssertionError(f"no candidate {status}")


def _words(window: MainWindow, code: str) -> tuple[str, str, str]:
    """The state as the header, the list's tooltip and the details say it."""
    index = window.model.index_of(code)
    from qz_evaluator.ui.candidate_model import Column

    tooltip = window.model.index(index.row(), Column.PROGRESS, index.parent()).data(
        Qt.ItemDataRole.ToolTipRole
    )
    return (
        window.panel.ui.status_label.text(),
        str(tooltip),
        window.ui.progress_value.text(),
    )


def test_header_list_and_details_say_one_word_and_the_rounds_name(window: MainWindow) -> None:
    code = _code_with(window, CandidateStatus.NOT_STARTED)
    assert window.select_candidate(code)
    header, tooltip, details = _words(window, code)
    assert header.startswith("未开始") and tooltip.startswith("未开始") and "未开始" in details
    for text in (header, details, window.ui.round_label.text()):
        assert ROUND not in text
    assert ROUND_NAME in header and ROUND_NAME in details

    window.ui.action_focus_criteria.trigger()
    QTest.keyClick(
        window.panel.ui.criteria_tree, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier
    )  # the first score
    window._show_selected_details()
    header, tooltip, details = _words(window, code)
    assert header.startswith("评分中") and tooltip.startswith("评分中") and "评分中" in details
    assert "草稿" not in header + tooltip + details


def test_a_declared_conflict_is_one_word(window: MainWindow, demo_path: Path) -> None:
    code = _code_with(window, CandidateStatus.NOT_STARTED)
    assert window.select_candidate(code)
    card = window.panel.card
    assert card is not None and window.session is not None
    change = window.session.scoring.declare_conflict(card, "亲属在该单位任职")
    window._on_status_changed(change)
    header, tooltip, details = _words(window, code)
    word = STATUS_LABELS[ScorecardStatus.CONFLICT].zh
    assert word == "回避" == CandidateStatus.CONFLICT.label.zh
    assert header.startswith(word) and tooltip.startswith(word) and word in details
    assert label("conflict_declared", "zh") == word  # the PDF's word too


class _Canvas:
    """Records what the footer draws."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def drawString(self, x: float, y: float, text: str) -> None:
        self.texts.append(text)

    def drawRightString(self, x: float, y: float, text: str) -> None:
        self.texts.append(text)

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def test_printed_footer_names_the_round(demo_path: Path) -> None:
    with Workspace.open(demo_path) as workspace:
        service = ScoringService(workspace)
        member = workspace.panel_members(round_code=ROUND, evaluator_code="P01")[0]
        card = service.open(ROUND, member.credit_code, "P01")
        document = _document(workspace, card, 1, "2026-12-01T00:00:00+00:00")
    canvas = _Canvas()
    scorecard_pdf._footer(document, "zh", paper_code(document).text)(canvas, 1, 4)
    footer = " ".join(canvas.texts)
    assert ROUND_NAME in footer and ROUND not in footer
