"""The list at a glance (issue 9): a legend for the status icons, an "exported r2 at
14:05" marker where the service says a card was exported, and a progress column wide
enough that a 23/23 draft never looks like 5/23."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.ui.candidate_model import (
    READY_ICON,
    STATUS_ICONS,
    Column,
    ExportMarker,
    export_marker,
)
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.main_window import MainWindow


@dataclass(frozen=True)
class _Record:
    revision: int
    exported_at: str


@dataclass(frozen=True)
class _Row:
    last_export: _Record | None


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


def test_export_marker_adapter() -> None:
    assert export_marker(object()) is None  # the service does not say yet: no marker
    assert export_marker(_Row(None)) is None
    at = datetime(2026, 12, 1, 6, 5, tzinfo=UTC)
    marker = export_marker(_Row(_Record(2, at.isoformat())))
    assert marker == ExportMarker(2, at.astimezone())
    assert export_marker(_Row(_Record(2, "not a time"))) is None


def test_list_shows_the_export_marker(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    model = window.model
    code = model.shown_codes()[0]
    at = datetime(2026, 12, 1, 14, 5).astimezone()
    monkeypatch.setattr(
        "qz_evaluator.ui.candidate_model.export_marker",
        lambda row: ExportMarker(2, at) if row.candidate.credit_code == code else None,
    )
    index = model.index_of(code)
    cell = model.index(index.row(), Column.PROGRESS, index.parent())
    assert "第2版 14:05" in cell.data()
    assert "已于 2026-12-01 14:05 导出第 2 版" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_legend_names_every_state(window: MainWindow) -> None:
    legend = window.ui.legend_label
    assert legend.isVisible()
    for status in CandidateStatus:
        assert status.label.zh in legend.text()


def test_a_full_draft_is_not_cut_short(window: MainWindow) -> None:
    tree = window.ui.candidate_tree
    full = next(
        c for c in window.model.shown_codes() if (r := window.model.progress(c)) and r.scored == 23
    )
    index = window.model.index_of(full)
    cell = window.model.index(index.row(), Column.PROGRESS, index.parent())
    assert cell.data() == "23/23"
    # A full draft has its own icon and says it is ready to finalise (not like 5/23).
    row = window.model.progress(full)
    assert row is not None and row.status is CandidateStatus.IN_PROGRESS
    assert cell.data(Qt.ItemDataRole.DecorationRole).cacheKey() == icon(READY_ICON).cacheKey()
    assert STATUS_ICONS[CandidateStatus.IN_PROGRESS] != READY_ICON
    assert "可以定稿" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "全部评完" in window.ui.legend_label.text()
    text_width = tree.fontMetrics().horizontalAdvance("23/23")
    icon_size = tree.style().pixelMetric(tree.style().PixelMetric.PM_SmallIconSize)
    assert tree.columnWidth(Column.PROGRESS) >= text_width + icon_size + 8


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_fits_a_laptop_with_saved_in_view(
    qtbot: QtBot, demo_path: Path, width: int, height: int
) -> None:
    # A long file name makes the status bar's left part long: it must give way.
    long_name = demo_path.with_name(
        "衢州市政府质量奖2026年度现场评审评审员P01的评分工作区" * 2 + ".qzw"
    )
    demo_path = demo_path.rename(long_name)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_workspace(demo_path)
    assert window.select_candidate(window.model.shown_codes()[0])
    window.ui.action_focus_criteria.trigger()
    qtbot.waitUntil(window.isActiveWindow)  # its scoring shortcuts work in the active window
    from PySide6.QtTest import QTest

    QTest.keyClick(window.panel.ui.criteria_tree, Qt.Key.Key_Down)
    QTest.keyClick(
        window.panel.ui.criteria_tree, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier
    )  # a save
    qtbot.wait(50)  # the status bar lays out the new text
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height
    assert (window.width(), window.height()) == (width, height)
    saved = window.saved_label
    assert saved.isVisible() and "已保存" in saved.text()
    assert saved.width() >= saved.sizeHint().width()  # all of "已保存 hh:mm:ss"
    right = saved.mapTo(window, saved.rect().topRight()).x()
    assert right <= width  # not cut off by the window's edge
    window.close()
