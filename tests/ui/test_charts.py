"""The results charts in the window: painted offscreen, their marks where the values say,
tooltips with the values, the tier chosen by keyboard, both languages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services.results import RoundResults
from qz_evaluator.ui.charts import Chart, ResultsCharts
from qz_evaluator.ui.i18n import apply_language
from tests.support.chart_results import sample_calibration, sample_results

from .conftest import OFFSCREEN_NOISE


@pytest.fixture
def shown(qtbot: QtBot) -> ResultsCharts:
    apply_language("zh")
    widget = ResultsCharts()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def results() -> RoundResults:
    return sample_results()


def kinds(chart: Chart) -> Counter[str]:
    return Counter(kind for kind, _ in chart.mark_positions())


def painted(chart: Chart) -> None:
    """The chart paints offscreen at its size, with no error."""
    image = chart.grab()
    assert not image.isNull()
    assert image.width() == chart.width() and image.height() == chart.height()


def test_panel_totals_of_the_candidates_tier(shown: ResultsCharts, results: RoundResults) -> None:
    shown.show_results(results, sample_calibration(), "A1")
    assert shown.tier() is Tier.ADVANTAGE
    totals = shown.totals
    painted(totals)
    # A2 (rank 1) has 3 totals, A1 5; each has an official score; A3 has no scorecard.
    assert kinds(totals) == Counter({"total": 8, "official": 2})
    assert totals.accessibleName() == "各评审员总分与正式得分"  # what a screen reader says
    assert totals.row_of("A1") == 1 and totals.row_of("A3") is None
    marks = totals.row_marks(1)
    by_code = {m.key: m.position for m in marks if m.kind == "total"}
    official = next(m.position for m in marks if m.kind == "official")
    # M01 and M02 both gave 600: same x, stacked apart, within the row
    assert by_code["M01"].x() == pytest.approx(by_code["M02"].x())
    assert by_code["M01"].y() != by_code["M02"].y()
    top, height = totals.row_top(1), totals.row_height()
    assert all(top <= p.y() <= top + height for p in by_code.values())
    # The official 500 sits where M03's 500 does; the axis 300–700 maps 400 → 500 → 600
    assert official.x() == pytest.approx(by_code["M03"].x())
    assert by_code["M03"].x() - by_code["M04"].x() == pytest.approx(
        by_code["M01"].x() - by_code["M03"].x()
    )
    assert by_code["M05"].x() < by_code["M04"].x() < by_code["M03"].x() < by_code["M01"].x()
    # Tooltips give the values
    found = totals.mark_at(by_code["M05"])
    assert found is not None and "300.00" in found.tip and "M05" in found.tip
    found = totals.mark_at(official)
    assert found is not None and found.kind == "official" and "500.00" in found.tip
    assert "trimmed-mean/v1" in found.tip


def test_the_tier_is_chosen_with_the_keyboard(
    qtbot: QtBot, shown: ResultsCharts, results: RoundResults
) -> None:
    shown.show_results(results, None, "A2")
    combo = shown.tier_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_End)  # the last tier: seed
    assert shown.tier() is Tier.SEED
    assert kinds(shown.totals) == Counter({"total": 2, "official": 1})
    QTest.keyClick(combo, Qt.Key.Key_Up)  # potential: nothing merged
    assert shown.tier() is Tier.POTENTIAL
    assert shown.totals.is_empty() and shown.totals.mark_positions() == []
    painted(shown.totals)


def test_the_category_profile(shown: ResultsCharts, results: RoundResults) -> None:
    shown.show_results(results, None, "A2")
    profile = shown.profile
    shown.tabs.setCurrentIndex(1)
    painted(profile)
    positions = profile.mark_positions()
    assert [kind for kind, _ in positions] == ["mean"] * 7
    chart = profile.chart
    assert chart is not None
    left, right, _ = profile.plot()
    for (_, point), bar in zip(positions, chart.bars, strict=True):
        # every category at its share of the maximum: 4.1 67.83 of 110, …
        assert point.x() == pytest.approx(left + bar.share * (right - left))
    ys = [point.y() for _, point in positions]
    assert ys == sorted(ys)  # 4.1 at the top, 4.7 at the foot
    found = profile.mark_at(QPointF(left + 5, ys[0]))
    assert found is not None and found.key == "4.1" and "67.83" in found.tip
    assert "110" in found.tip


def test_a_candidate_without_scorecards_has_no_profile(
    shown: ResultsCharts, results: RoundResults
) -> None:
    shown.show_results(results, None, "A3")
    assert shown.profile.is_empty() and shown.profile.mark_positions() == []
    assert shown.leniency.is_empty()
    painted(shown.profile)
    painted(shown.leniency)
    shown.show_results(results, None, None)  # none chosen: the first tier with results
    assert shown.tier() is Tier.ADVANTAGE and shown.profile.is_empty()


def test_leniency_dots_with_intervals_sorted(shown: ResultsCharts, results: RoundResults) -> None:
    shown.show_results(results, sample_calibration(), "A1")
    leniency = shown.leniency
    shown.tabs.setCurrentIndex(2)
    painted(leniency)
    marks = leniency.marks()
    assert [m.key for m in marks] == ["A", "C", "B", "D"]  # most lenient first
    assert all(m.kind == "leniency" for m in marks)
    xs = [m.position.x() for m in marks]
    assert xs == sorted(xs, reverse=True)
    left, right = leniency.plot()
    chart = leniency.chart
    assert chart is not None
    zero = left + chart.axis.share(0.0) * (right - left)
    assert zero == pytest.approx((left + right) / 2)  # the axis is symmetric about zero
    b = marks[2]
    assert "−30.00" in b.tip and "−284.12" in b.tip and "+224.12" in b.tip
    d = marks[3]
    assert "−30.00" in d.tip and "区间" in d.tip  # one panel: no interval, said so


# The offscreen platform cannot raise a tooltip's window and says so: a property of the
# test platform, not of the chart.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"^This plugin does not support raise\(\)$")
def test_a_tooltip_shows_on_a_mark(
    qtbot: QtBot, shown: ResultsCharts, results: RoundResults
) -> None:
    shown.show_results(results, None, "A1")
    totals = shown.totals
    _, point = totals.mark_positions()[0]
    position = point.toPoint()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, position, totals.mapToGlobal(position))
    QApplication.sendEvent(totals, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "700.00" in QToolTip.text()  # A2's first evaluator, M01, gave 70 % throughout
    away = QPoint(2, 2)
    QApplication.sendEvent(
        totals, QHelpEvent(QHelpEvent.Type.ToolTip, away, totals.mapToGlobal(away))
    )
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_both_languages(qtbot: QtBot, shown: ResultsCharts, results: RoundResults) -> None:
    shown.show_results(results, sample_calibration(), "A1")
    assert shown.tabs.tabText(0) == "评审员总分(&P)"
    assert shown.tier_combo.currentText() == "优势单位"
    mark = shown.totals.row_marks(0)[0]
    assert "总分" in mark.tip
    apply_language("en")
    try:
        qtbot.waitUntil(lambda: shown.tabs.tabText(0) == "&Panel totals", timeout=2000)
        assert shown.tier_combo.currentText() == "Advantage"
        assert shown.tier() is Tier.ADVANTAGE  # the choice survives the language
        assert "total 700.00" in shown.totals.row_marks(0)[0].tip
        painted(shown.totals)
    finally:
        apply_language("zh")


def test_a_large_tier_scrolls_to_the_candidate(qtbot: QtBot, shown: ResultsCharts) -> None:
    from tests.support.chart_results import card, outcome

    many = sample_results()
    many.outcomes = [
        outcome(f"C{i:04d}", f"衢州单位{i:04d}", Tier.SEED, [card("M01", 40), card("M02", 45)], i)
        for i in range(1, 1001)
    ]
    shown.show_results(many, None, "C0900")
    totals = shown.totals
    assert totals.height() >= 1000 * totals.row_height()
    bar = shown.totals_scroll.verticalScrollBar()
    assert bar.value() > 0  # scrolled down to the chosen candidate's row
    assert kinds(totals) == Counter({"total": 2000, "official": 1000})
    row_y = totals.row_top(899) - bar.value()
    assert 0 <= row_y <= shown.totals_scroll.viewport().height()


def test_screenshot(shown: ResultsCharts, results: RoundResults, tmp_path: Path) -> None:
    shown.show_results(results, sample_calibration(), "A1")
    for index in range(3):
        shown.tabs.setCurrentIndex(index)
        image = shown.grab()
        assert image.save(str(tmp_path / f"charts-{index}.png"))
        assert image.width() == 1366 and image.height() == 768


def test_a_tiers_chart_is_made_once_per_results(
    shown: ResultsCharts, results: RoundResults
) -> None:
    from qz_evaluator.services import charts

    shown.show_results(results, None, "A1")
    first = shown.totals.chart
    shown.show_results(results, None, "A2")  # another candidate of the same results
    assert shown.totals.chart is first and shown.totals.selected == "A2"
    again = sample_results()  # results read again: charted again
    shown.show_results(again, None, "A2")
    assert shown.totals.chart is not first and shown.totals.chart == first
    made = charts.strip_charts(again)  # as a worker would make them
    shown.show_results(again, None, "S1", strips=made)
    assert shown.tier() is Tier.SEED and shown.totals.chart is made[Tier.SEED]
