from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import ScoreError
from qz_evaluator.domain.scoring import (
    format_points,
    item_score,
    parse_percent,
    summarise,
    validate_percent,
)

CRITERIA = criteria_set("gbt19580-2012")
CODES = [item.code for item in CRITERIA.items]
steps = st.integers(min_value=0, max_value=20).map(lambda k: k * 5)
cards = st.dictionaries(st.sampled_from(CODES), st.one_of(st.none(), steps))


@pytest.mark.parametrize("bad", [-5, 105, 7, 42, 2.5, "45", True])
def test_percent_must_be_on_the_5_step_grid(bad: object) -> None:
    with pytest.raises(ScoreError):
        validate_percent(bad)


@pytest.mark.parametrize(("text", "value"), [("45", 45), ("45%", 45), (" 100 ％", 100)])
def test_parse_percent(text: str, value: int) -> None:
    assert parse_percent(text) == value


def test_item_score_is_exact() -> None:
    assert item_score(5, 15) == Decimal("0.75")
    assert item_score(45, 50) == Decimal("22.5")
    assert format_points(item_score(5, 15)) == "0.75"
    assert format_points(item_score(100, 80)) == "80"


def test_full_marks_make_1000(criteria: CriteriaSet) -> None:
    summary = summarise(criteria, dict.fromkeys(CODES, 100))
    assert summary.total == 1000
    assert (summary.process, summary.results) == (Decimal(600), Decimal(400))
    assert summary.complete and summary.completeness == "23/23"


def test_known_card(criteria: CriteriaSet) -> None:
    summary = summarise(criteria, {"4.1.2": 45, "4.4.3": 5, "4.7.7": 60})
    assert summary.category("4.1").score == Decimal("22.5")
    assert summary.category("4.4").score == Decimal("0.75")
    assert summary.results == 30
    assert summary.total == Decimal("53.25")
    assert summary.completeness == "3/23"


def test_unknown_item_refused(criteria: CriteriaSet) -> None:
    with pytest.raises(ScoreError, match="no item"):
        summarise(criteria, {"9.9.9": 50})


@given(cards)
def test_subtotals_add_up_and_never_exceed_points(percentages: dict[str, int | None]) -> None:
    summary = summarise(CRITERIA, percentages)
    assert sum((c.score for c in summary.categories), Decimal(0)) == summary.total
    assert summary.process + summary.results == summary.total
    assert 0 <= summary.total <= 1000
    for category in summary.categories:
        assert 0 <= category.score <= category.points
    for code, score in summary.item_scores.items():
        assert score <= CRITERIA.item(code).points
    assert summary.scored_items == sum(1 for v in percentages.values() if v is not None)


@given(cards)
def test_total_equals_independent_float_free_sum(percentages: dict[str, int | None]) -> None:
    # Hundredths of a point as integers: an independent exact computation.
    expected = sum(
        CRITERIA.item(code).points * percent
        for code, percent in percentages.items()
        if percent is not None
    )
    assert summarise(CRITERIA, percentages).total * 100 == expected


@given(st.integers(min_value=-50, max_value=150))
def test_only_grid_values_pass(value: int) -> None:
    if 0 <= value <= 100 and value % 5 == 0:
        assert validate_percent(value) == value
    else:
        with pytest.raises(ScoreError):
            validate_percent(value)
