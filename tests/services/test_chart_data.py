"""The results charts' values, checked against values worked out by hand, and the signed
results report that draws them."""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.aggregation import DEFAULT_RULE
from qz_evaluator.domain.calibration import leniency
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.statistics import t_critical_95
from qz_evaluator.services import charts, identity, merge, reports, results
from qz_evaluator.services.results import (
    RoundResults,
)
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.pdf_signing import verify_pdf
from tests.services.conftest import Round
from tests.support.chart_results import sample_calibration, sample_results

CRITERIA = criteria_set()

# ----- Student's t, against the distribution itself ------------------------------------------


def t_cdf(x: float, df: int, steps: int = 4000) -> float:
    """P(T ≤ x) for x > 0 by Simpson's rule on the density: independent of the table."""
    scale = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def density(t: float) -> float:
        return scale * float((1 + t * t / df) ** (-(df + 1) / 2))

    h = x / steps
    total = density(0) + density(x)
    total += sum((4 if i % 2 else 2) * density(i * h) for i in range(1, steps))
    return float(0.5 + total * h / 3)


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 7, 10, 15, 20, 29, 30, 40, 60, 120])
def test_the_t_table_is_the_975_quantile(df: int) -> None:
    # df = 1 has heavy tails: Simpson needs more steps there to reach 1e-6
    assert t_cdf(t_critical_95(df), df, 40_000 if df < 3 else 4000) == pytest.approx(
        0.975, abs=2e-6
    )


@pytest.mark.parametrize("df", [35, 45, 75, 150, 500, 10_000])
def test_between_rows_the_t_value_is_interpolated_closely(df: int) -> None:
    assert t_cdf(t_critical_95(df), df) == pytest.approx(0.975, abs=5e-5)
    assert 1.959964 < t_critical_95(df) < 2.042272


def test_the_t_table_needs_a_degree_of_freedom() -> None:
    with pytest.raises(ValueError, match="degree of freedom"):
        t_critical_95(0)


# ----- the leniency interval -------------------------------------------------------------------


def test_the_leniency_interval_by_hand() -> None:
    panels = {
        "cand-1": {"A": 600.0, "B": 500.0, "C": 550.0},  # mean 550: A +50, B −50, C 0
        "cand-2": {"A": 700.0, "B": 640.0, "C": 640.0, "D": 620.0},  # mean 650: +50 −10 −10 −30
        "cand-3": {"D": 400.0},  # alone: no deviation
    }
    found = leniency(panels)
    # B: deviations −50 and −10, mean −30, sample sd √((20² + 20²) / 1) = 20√2,
    # margin t(0.975, 1) · 20√2 / √2 = 20 · 12.706205.
    b = found["B"]
    assert b.deviation_sd == pytest.approx(20 * math.sqrt(2))
    assert b.margin == pytest.approx(20 * 12.706205)
    assert b.interval == pytest.approx((-30 - 254.1241, -30 + 254.1241))
    # C: deviations 0 and −10: sd 5√2, margin 12.706205 · 5
    assert found["C"].interval == pytest.approx((-5 - 63.531025, -5 + 63.531025))
    # A: +50 twice: no spread, the interval is the point itself
    assert found["A"].deviation_sd == 0 and found["A"].interval == (50.0, 50.0)
    # D: one panel with others: a mean, no interval
    assert found["D"].panels == 1 and found["D"].margin is None and found["D"].interval is None


def test_the_interval_narrows_with_more_panels() -> None:
    # Deviations alternate +10 / −10 around +0 … the evaluator's sd stays 10.something
    panels = {
        f"c{i}": {"A": 500.0 + (20 if i % 2 else 0), "B": 500.0 - (20 if i % 2 else 0)}
        for i in range(10)
    }
    found = leniency(panels)["A"]
    deviations = [20.0 if i % 2 else 0.0 for i in range(10)]
    mean = sum(deviations) / 10
    sd = math.sqrt(sum((d - mean) ** 2 for d in deviations) / 9)
    assert found.mean_deviation == pytest.approx(10.0)
    assert found.margin == pytest.approx(2.262157 * sd / math.sqrt(10))


# ----- axes and lanes --------------------------------------------------------------------------


def test_a_nice_axis() -> None:
    assert charts.nice_axis(512.3, 688.1, floor=0, ceiling=1000) == charts.Axis(
        500.0, 700.0, (500.0, 550.0, 600.0, 650.0, 700.0)
    )
    assert charts.nice_axis(0, 1000).ticks == (0.0, 200.0, 400.0, 600.0, 800.0, 1000.0)
    # A few points apart: widened to the least span, kept inside 0–1000
    assert charts.nice_axis(392, 402, floor=0, ceiling=1000, least_span=100)[:2] == (340, 460)
    assert charts.nice_axis(995, 998, floor=0, ceiling=1000, least_span=100)[:2] == (900, 1000)
    assert charts.nice_axis(3, 5, floor=0, ceiling=1000, least_span=100)[:2] == (0, 100)


def test_equal_totals_are_stacked_in_lanes() -> None:
    assert charts.stack_lanes([600, 600, 600, 550, 601, 700], 3) == [0, 1, -1, 0, 2, 0]
    assert charts.stack_lanes([500, 510, 520], 3) == [0, 0, 0]
    assert charts.stack_lanes([], 3) == []


# ----- chart values from results -------------------------------------------------------------


@pytest.fixture
def round_results() -> RoundResults:
    return sample_results()


def test_a_tiers_strip_chart(round_results: RoundResults) -> None:
    chart = charts.strip_chart(round_results, Tier.ADVANTAGE)
    assert chart.rule_id == DEFAULT_RULE.id and chart.total_points == 1000
    # Ranked first, in rank order; the candidate without scorecards has no row.
    assert [row.credit_code for row in chart.rows] == ["A2", "A1"]
    second, first = chart.rows[1], chart.rows[0]
    assert [(d.evaluator_code, d.value, d.text) for d in second.dots] == [
        ("M01", 600.0, "600.00"),
        ("M02", 600.0, "600.00"),
        ("M03", 500.0, "500.00"),
        ("M04", 400.0, "400.00"),
        ("M05", 300.0, "300.00"),
    ]
    assert [d.lane for d in second.dots] == [0, 1, 0, 0, 0]  # the two 600s stacked
    assert (second.official, second.official_text) == (500.0, "500.00")
    assert first.official == pytest.approx(1850 / 3) and first.official_text == "616.67"
    assert [d.value for d in first.dots] == [700.0, 600.0, 550.0]
    # Zoomed to 300–700 in steps of 100, within 0–1000
    assert chart.axis == charts.Axis(300.0, 700.0, (300.0, 400.0, 500.0, 600.0, 700.0))
    assert charts.strip_chart(round_results, Tier.POTENTIAL).rows == ()


def test_a_candidates_category_profile(round_results: RoundResults) -> None:
    profile = charts.profile_chart(round_results, "A2")
    assert profile is not None and profile.n == 3 and profile.name == "衢州乙公司"
    assert [bar.code for bar in profile.bars] == [c.code for c in CRITERIA.categories]
    leadership = profile.bars[0]
    # 4.1 is worth 110: 77, 66 and 60.50 points; mean 203.5 / 3 = 67.83 of 110
    assert leadership.maximum == 110
    assert (leadership.mean_text, leadership.low_text, leadership.high_text) == (
        "67.83",
        "60.50",
        "77.00",
    )
    assert leadership.mean == pytest.approx(203.5 / 3)
    assert leadership.share == pytest.approx(203.5 / 3 / 110)
    results_bar = profile.bars[-1]  # 4.7, worth 400: 280, 240, 220 → 246.67
    assert (results_bar.maximum, results_bar.mean_text) == (400, "246.67")
    assert charts.profile_chart(round_results, "A3") is None


def test_the_leniency_chart_sorted_with_intervals() -> None:
    calibration = sample_calibration()
    chart = charts.leniency_chart(calibration)
    # Most lenient first; D and B tie at −30 and go by code; E has no shared panel.
    assert [dot.evaluator_code for dot in chart.dots] == ["A", "C", "B", "D"]
    assert chart.without_panels == 1
    b = chart.dots[2]
    assert b.value == pytest.approx(-30.0) and b.panels == 2
    assert (b.low, b.high) == pytest.approx((-284.1241, 224.1241))
    d = chart.dots[3]
    assert d.low is None and d.high is None
    # Symmetric about zero and wide enough for every interval
    assert chart.axis.low == -chart.axis.high and chart.axis.high >= 284.1241
    assert 0.0 in chart.axis.ticks


# ----- the signed report -----------------------------------------------------------------------


@pytest.fixture
def merged(scored_round: Round, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(path)
    workspace = Workspace.open(path)
    workspace.actor = "secretariat"
    merge.merge(workspace, [scored_round.outbox], workers=2)
    yield workspace
    workspace.close()


def test_the_signed_results_report_draws_the_charts(merged: Workspace, tmp_path: Path) -> None:
    from qz_evaluator.services.demo import SITE_ROUND

    computed = results.compute(merged, SITE_ROUND)
    calibration = results.calibrate(merged, SITE_ROUND)
    data = reports.results_report_data(merged, computed, "zh", calibration)
    strips = [s.chart for s in data.sections if s.chart is not None and s.chart.rows]
    profiles = [d.profile for d in data.details if d.profile is not None]
    assert strips and profiles and data.leniency is not None and data.leniency.dots
    scored = [o for o in computed.outcomes if o.result is not None]
    assert sum(len(chart.rows) for chart in strips) == len(scored) == len(profiles)
    assert sum(len(row.dots) for chart in strips for row in chart.rows) == sum(
        len(o.scorecards) for o in scored
    )
    assert {dot.evaluator_code for dot in data.leniency.dots} == {
        code for code, entry in calibration.leniency.items() if entry.panels
    }
    path = reports.results_report(merged, SITE_ROUND, tmp_path / "results.pdf")
    check = verify_pdf(path.read_bytes(), identity.committee_root(merged))
    assert check.valid, check.message
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    # One title per drawing: a tier's strip plot (in pieces of 30 rows), a profile for each
    # candidate with a result, the leniency in the annex.
    assert text.count("各评审员总分与正式得分") == sum(
        math.ceil(len(chart.rows) / 30) for chart in strips
    )
    assert text.count("类目得分概况") == len(profiles)
    assert text.count("评审员宽严度（诊断用，不影响正式得分）") == 1
    assert "总分（满分1000）" in text and "占类目满分的百分比" in text
    assert "与评审组均分的平均偏差（分）" in text
    official = next(o for o in scored if o.official is not None)
    assert str(Decimal(official.official or 0).quantize(Decimal("0.01"))) in text
