from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.domain.calibration import (
    icc_2k,
    interpret_icc,
    interpret_w,
    kendalls_w,
    leniency,
    panel_agreement,
)
from qz_evaluator.domain.consensus import PanelScorecard
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.roster import Level

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


# ---------------------------------------------------------------------------------- ICC


def test_icc_2k_matches_shrout_and_fleiss() -> None:
    assert round(icc_2k(SHROUT_FLEISS), 2) == 0.62


def test_icc_single_rater_form_from_the_same_mean_squares() -> None:
    # ICC(2,1) = 0.29 in the paper; Spearman–Brown links it to ICC(2,k) for k = 4 raters.
    single = icc_2k(SHROUT_FLEISS) / (4 - 3 * icc_2k(SHROUT_FLEISS))
    assert round(single, 2) == 0.29


def test_icc_perfect_agreement_is_one() -> None:
    same = [[row[0]] * 5 for row in SHROUT_FLEISS]
    assert icc_2k(same) == pytest.approx(1.0)
    assert icc_2k([[50, 50], [50, 50], [50, 50]]) == 1.0


def test_icc_degenerate_denominator_is_zero() -> None:
    # No variation between subjects nor raters, only noise: the formula would give 2.
    assert icc_2k([[1, 2], [2, 1]]) == 0.0


def test_icc_penalises_a_constant_offset() -> None:
    # Absolute agreement: a rater 20 points more generous lowers the ICC below 1.
    offset = [[v, v + 20] for v in (30, 50, 70, 40)]
    assert 0 < icc_2k(offset) < 0.9


@pytest.mark.parametrize(
    "matrix",
    [[[1, 2, 3]], [[1], [2]], [[1, 2], [3]], [[1, 2], [3, math.nan]], []],
)
def test_icc_needs_a_complete_matrix(matrix: list[list[float]]) -> None:
    with pytest.raises(ValueError):
        icc_2k(matrix)
    with pytest.raises(ValueError):
        kendalls_w(matrix)


@given(
    st.lists(
        st.lists(st.integers(0, 20).map(lambda k: k * 5.0), min_size=3, max_size=3),
        min_size=2,
        max_size=8,
    )
)
def test_icc_is_at_most_one(matrix: list[list[float]]) -> None:
    assert icc_2k(matrix) <= 1.0 + 1e-12


# ----------------------------------------------------------------------------- Kendall's W


def test_kendalls_w_hand_computed() -> None:
    # Ranks per rater (columns): [1,2,3,4], [2,1,3,4], [1,3,2,4]; rank sums 4, 6, 8, 12,
    # mean 7.5, S = 12.25 + 2.25 + 0.25 + 20.25 = 35; W = 12·35 / (3²·(4³ − 4)) = 7/9.
    matrix = [[10, 20, 1], [20, 10, 3], [30, 30, 2], [40, 40, 4]]
    assert kendalls_w(matrix) == pytest.approx(7 / 9)


def test_kendalls_w_with_ties() -> None:
    # Rater 1 ranks 1, 2.5, 2.5, 4 (T = 2³ − 2 = 6); rater 2 ranks 1, 2, 3, 4.
    # Rank sums 2, 4.5, 5.5, 8; S = 9 + 0.25 + 0.25 + 9 = 18.5;
    # W = 12·18.5 / (2²·60 − 2·6) = 222 / 228.
    matrix = [[10, 10], [20, 20], [20, 30], [30, 40]]
    assert kendalls_w(matrix) == pytest.approx(222 / 228)
    # Without the tie correction it would be 222 / 240.
    assert kendalls_w(matrix) != pytest.approx(222 / 240)


def test_kendalls_w_identical_rankings_is_one() -> None:
    assert kendalls_w([[1, 10, 100], [2, 20, 200], [3, 30, 300]]) == pytest.approx(1.0)
    assert kendalls_w([[50, 50], [50, 50]]) == 1.0


def test_kendalls_w_opposite_rankings_is_zero() -> None:
    assert kendalls_w([[1, 3], [2, 2], [3, 1]]) == pytest.approx(0.0)


# ------------------------------------------------------------------------------- leniency


def test_leniency_sign_and_z_scores() -> None:
    panels = {
        "cand-1": {"A": 600.0, "B": 500.0, "C": 550.0},  # mean 550: A +50, B −50, C 0
        "cand-2": {"A": 700.0, "B": 640.0, "C": 640.0, "D": 620.0},  # mean 650
        "cand-3": {"D": 400.0},  # a lone scorecard says nothing about leniency
    }
    found = leniency(panels)
    assert set(found) == {"A", "B", "C", "D"}
    a, b, c, d = (found[code] for code in "ABCD")
    assert (a.panels, b.panels, c.panels, d.panels) == (2, 2, 2, 1)
    assert a.mean_deviation == pytest.approx(50.0)  # (+50 + +50) / 2
    assert b.mean_deviation == pytest.approx(-30.0)  # (−50 + −10) / 2
    assert c.mean_deviation == pytest.approx(-5.0)  # (0 + −10) / 2
    assert d.mean_deviation == pytest.approx(-30.0)
    deviations = [50.0, -30.0, -5.0, -30.0]
    centre, spread = statistics.fmean(deviations), statistics.pstdev(deviations)
    for entry, deviation in zip((a, b, c, d), deviations, strict=True):
        assert entry.z == pytest.approx((deviation - centre) / spread)
    assert a.z > 1 and b.z < 0 and d.z == pytest.approx(b.z)


def test_leniency_z_is_zero_without_spread() -> None:
    found = leniency({"x": {"A": 500.0, "B": 500.0}, "y": {"A": 300.0, "B": 300.0}})
    assert all(entry.z == 0 and entry.mean_deviation == 0 for entry in found.values())
    alone = leniency({"x": {"A": 500.0}})
    assert alone["A"].panels == 0 and alone["A"].z == 0


# ------------------------------------------------------------------------- interpretation


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (-0.2, "差", "poor"),
        (0.49, "差", "poor"),
        (0.5, "中等", "moderate"),
        (0.74, "中等", "moderate"),
        (0.75, "良好", "good"),
        (0.9, "良好", "good"),
        (0.91, "优秀", "excellent"),
    ],
)
def test_icc_bands(value: float, zh: str, en: str) -> None:
    label = interpret_icc(value)
    assert (label.zh, label.en) == (zh, en)


@pytest.mark.parametrize(
    ("value", "en"),
    [
        (0.0, "weak"),
        (0.29, "weak"),
        (0.3, "moderate"),
        (0.5, "strong"),
        (0.69, "strong"),
        (0.7, "very strong"),
        (1.0, "very strong"),
    ],
)
def test_w_bands(value: float, en: str) -> None:
    assert interpret_w(value).en == en


def test_interpretations_refuse_nan() -> None:
    with pytest.raises(ValueError):
        interpret_icc(math.nan)
    with pytest.raises(ValueError):
        interpret_w(math.nan)


# ------------------------------------------------------------------------ panel agreement


def test_panel_agreement(criteria: CriteriaSet) -> None:
    codes = [item.code for item in criteria.items]
    base = {code: 5 * (i % 20) for i, code in enumerate(codes)}
    cards = [
        PanelScorecard("A", Level.PROVINCIAL, base),
        PanelScorecard("B", Level.MUNICIPAL, dict(base)),
        PanelScorecard("C", Level.MUNICIPAL, {**base, codes[0]: None}),
    ]
    agreement = panel_agreement(cards, criteria)
    assert agreement is not None
    assert (agreement.raters, agreement.items) == (3, 22)  # the unscored item is left out
    assert agreement.icc == pytest.approx(1.0)
    assert agreement.kendall_w == pytest.approx(1.0)
    assert agreement.icc_label.en == "excellent" and agreement.w_label.zh == "很强"
    assert panel_agreement(cards[:1], criteria) is None
