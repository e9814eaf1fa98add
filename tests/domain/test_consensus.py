from __future__ import annotations

import statistics
from dataclasses import replace
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.aggregation import DEFAULT_RULE, AggregationRule, official_score
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.consensus import (
    ConsensusNote,
    PanelScorecard,
    can_finalise,
    candidate_result,
    consensus_note,
    divergent_items,
    row_result,
    unresolved,
    with_agreed_percents,
)
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.ranking import (
    DEFAULT_THRESHOLDS,
    Ranked,
    TierThresholds,
    rank_within_tiers,
)
from qz_evaluator.domain.roster import Level
from qz_evaluator.domain.scoring import summarise
from qz_evaluator.domain.statistics import describe, describe_panel, describe_scaled

CRITERIA = criteria_set("gbt19580-2012")
CODES = [item.code for item in CRITERIA.items]
P, M = Level.PROVINCIAL, Level.MUNICIPAL
# Panel totals are multiples of 0.05 points (5 % of a 1-point share) between 0 and 1000.
totals = st.integers(min_value=0, max_value=20_000).map(lambda k: Decimal(k) * Decimal("0.05"))


def D(text: str | int) -> Decimal:
    return Decimal(text)


def as_decimal(value: Fraction) -> Decimal:
    """The exact value rounded once to 28 digits, computed independently of the module."""
    return Context(prec=28).divide(Decimal(value.numerator), Decimal(value.denominator))


def card(
    code: str, percent: int = 50, level: Level = M, changes: dict[str, int] | None = None
) -> PanelScorecard:
    """A full scorecard at `percent` on every item except the `changes`."""
    percentages: dict[str, int | None] = {**dict.fromkeys(CODES, percent), **(changes or {})}
    return PanelScorecard(evaluator_code=code, level=level, percentages=percentages)


# ------------------------------------------------------------------------------ describe


@pytest.mark.parametrize(
    "values",
    [
        ["612.5", "580", "633.25", "701.75", "598", "640.05", "655"],
        ["1", "2", "2"],
        ["333.33", "333.34", "333.35", "10"],
        ["500"],
    ],
)
def test_describe_matches_an_independent_computation(values: list[str]) -> None:
    numbers = [D(v) for v in values]
    exact = [Fraction(v) for v in values]
    stats = describe(numbers)
    assert stats.n == len(values)
    assert stats.mean == as_decimal(statistics.mean(exact))
    assert stats.median == as_decimal(statistics.median(exact))
    assert (stats.minimum, stats.maximum) == (min(numbers), max(numbers))
    if len(values) >= 2:
        expected = statistics.stdev([float(v) for v in values])
        assert float(stats.stdev) == pytest.approx(expected, rel=1e-12)
    else:
        assert stats.stdev == 0


def test_mean_is_not_rounded_for_display() -> None:
    stats = describe([D(1), D(2), D(2)])
    assert stats.mean == Decimal("1.666666666666666666666666667")
    assert abs(Fraction(stats.mean) - Fraction(5, 3)) < Fraction(1, 10**26)


def test_trimmed_mean_needs_five_values() -> None:
    four = describe([D(500), D(600), D(700), D(900)])
    assert not four.trimmed
    assert four.trimmed_mean == four.mean == D(675)


def test_trimmed_mean_at_five_and_six() -> None:
    five = describe([D(900), D(500), D(600), D(700), D(100)])
    assert five.trimmed and five.trimmed_mean == D(600)
    assert five.mean == D(560)
    six = describe([D(100), D(500), D(600), D(650), D(700), D(990)])
    assert six.trimmed_mean == D("612.5")


def test_trimmed_mean_drops_one_instance_of_tied_extremes() -> None:
    assert describe([D(500), D(500), D(600), D(700), D(700)]).trimmed_mean == D(600)
    # Dropping every 500 and every 700 would give 520; one of each leaves 500, 520, 700.
    stats = describe([D(700), D(500), D(520), D(500), D(700)])
    assert stats.trimmed_mean == as_decimal(Fraction(500 + 520 + 700, 3))


def test_median_odd_and_even() -> None:
    assert describe([D(3), D(1), D(2)]).median == D(2)
    assert describe([D(4), D(1), D(2), D(3)]).median == D("2.5")
    assert describe([D("600.05"), D("600.1")]).median == D("600.075")


def test_stdev_against_statistics() -> None:
    values = [D("612.5"), D("580"), D("633.25"), D("701.75"), D("598")]
    stdev = describe(values).stdev
    assert float(stdev) == pytest.approx(statistics.stdev([float(v) for v in values]), rel=1e-15)
    exact_variance = statistics.variance([Fraction(v) for v in values])
    assert abs(Fraction(stdev) ** 2 - exact_variance) < Fraction(1, 10**20)


def test_describe_refuses_nothing_and_nonsense() -> None:
    with pytest.raises(ValueError, match="no scores"):
        describe([])
    with pytest.raises(DomainError):
        describe([D("NaN")])


@given(st.lists(totals, min_size=1, max_size=12))
def test_trimmed_mean_and_median_lie_between_extremes(values: list[Decimal]) -> None:
    stats = describe(values)
    assert stats.minimum <= stats.trimmed_mean <= stats.maximum
    assert stats.minimum <= stats.median <= stats.maximum
    assert stats.minimum <= stats.mean <= stats.maximum
    assert stats.trimmed == (len(values) >= 5)
    # The sample standard deviation itself, not just its sign.
    if len(values) >= 2:
        expected = statistics.stdev([float(v) for v in values])
        assert float(stats.stdev) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    else:
        assert stats.stdev == 0


@given(st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=12))
def test_statistics_in_hundredths_equal_the_exact_fraction_ones(hundredths: list[int]) -> None:
    exact = sorted(Fraction(h, 100) for h in hundredths)
    n, mean = len(exact), sum(exact, Fraction(0)) / len(exact)
    stats = describe_scaled(hundredths, 100)
    assert stats.mean == as_decimal(mean)
    assert stats.median == as_decimal(statistics.median(exact))
    kept = exact[1:-1] if n >= 5 else exact
    assert stats.trimmed_mean == as_decimal(sum(kept, Fraction(0)) / len(kept))
    assert (stats.minimum, stats.maximum) == (as_decimal(exact[0]), as_decimal(exact[-1]))
    if n >= 2:
        variance = sum(((x - mean) ** 2 for x in exact), Fraction(0)) / (n - 1)
        assert stats.stdev == Context(prec=28).sqrt(as_decimal(variance))
    as_decimals = describe([as_decimal(x) for x in exact])
    assert (as_decimals.mean, as_decimals.median, as_decimals.stdev) == (
        stats.mean,
        stats.median,
        stats.stdev,
    )


@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(min_value=0, max_value=100_000), min_size=n, max_size=n),
            min_size=1,
            max_size=6,
        )
    )
)
def test_a_panels_columns_are_described_as_each_alone(columns: list[list[int]]) -> None:
    assert describe_panel(columns, 100) == [describe_scaled(c, 100) for c in columns]


def test_describing_a_panel_keeps_the_errors_of_one_column() -> None:
    assert describe_panel([], 100) == []
    with pytest.raises(DomainError):
        describe_panel([[]], 100)


# ---------------------------------------------------------------------- aggregation rules

PANEL = [(D(500), P), (D(600), M), (D(650), M), (D(700), M), (D(950), P)]


def test_each_rule_official_score() -> None:
    assert official_score(AggregationRule("mean"), PANEL) == D(680)
    assert official_score(AggregationRule("trimmed-mean"), PANEL) == D(650)
    assert official_score(DEFAULT_RULE, PANEL) == D(650)
    assert official_score(AggregationRule("median"), PANEL) == D(650)
    weighted = AggregationRule("weighted", provincial_weight=D("1.5"))
    # (1.5·500 + 600 + 650 + 700 + 1.5·950) / (1.5 + 1 + 1 + 1 + 1.5) = 4125 / 6 = 687.5
    assert official_score(weighted, PANEL) == D("687.5")
    unequal = AggregationRule("weighted", provincial_weight=D(2), municipal_weight=D("0.5"))
    # (2·500 + 0.5·(600 + 650 + 700) + 2·950) / (2 + 1.5 + 2) = 3875 / 5.5
    assert official_score(unequal, PANEL) == as_decimal(Fraction(3875) / Fraction(11, 2))


def test_trimmed_rule_is_the_plain_mean_below_five() -> None:
    four = PANEL[:4]
    assert official_score(DEFAULT_RULE, four) == D("612.5")
    assert official_score(AggregationRule("median"), four) == D(625)


def test_official_score_needs_a_scorecard() -> None:
    with pytest.raises(DomainError):
        official_score(DEFAULT_RULE, [])


@given(st.lists(st.tuples(totals, st.sampled_from(list(Level))), min_size=1, max_size=10))
def test_mean_rule_equals_the_fraction_mean(cards: list[tuple[Decimal, Level]]) -> None:
    expected = statistics.mean(Fraction(total) for total, _ in cards)
    assert official_score(AggregationRule("mean"), cards) == as_decimal(expected)
    equal_weights = AggregationRule("weighted")
    assert official_score(equal_weights, cards) == as_decimal(expected)


def test_rule_ids_and_descriptions() -> None:
    assert DEFAULT_RULE.id == "trimmed-mean/v1"
    weighted = AggregationRule("weighted", provincial_weight=D("1.50"))
    assert weighted.id == "weighted/v1 (provincial 1.5, municipal 1)"
    zh = DEFAULT_RULE.describe("zh")
    assert "去掉一个最高分和一个最低分" in zh and "版本 1" in zh and "5人" in zh
    assert "one highest and one lowest" in DEFAULT_RULE.describe("en")
    assert "省级评审员权重 1.5" in weighted.describe("zh_CN")
    assert "provincial evaluators weight 1.5" in weighted.describe("en")
    assert "中位数" in AggregationRule("median").describe("zh")
    assert "Arithmetic mean of all" in AggregationRule("mean").describe("en")


@pytest.mark.parametrize(
    "rule",
    [
        AggregationRule("trimmed-mean"),
        AggregationRule("mean"),
        AggregationRule("median"),
        AggregationRule("weighted", provincial_weight=D("1.5"), municipal_weight=D("0.75")),
    ],
)
def test_rule_json_round_trip(rule: AggregationRule) -> None:
    data = rule.to_json()
    assert AggregationRule.from_json(data) == rule
    assert AggregationRule.from_json(data).id == rule.id


def test_rule_json_reads_numbers() -> None:
    rule = AggregationRule.from_json(
        {"name": "weighted", "version": 1, "provincial_weight": 1.5, "municipal_weight": 1}
    )
    assert rule.provincial_weight == D("1.5") and rule.municipal_weight == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "geometric-mean", "version": 1},
        {"name": "trimmed-mean", "version": 2},
        {"name": "trimmed-mean", "version": True},
        {"name": "trimmed-mean"},
        {"version": 1},
        {"name": "weighted", "version": 1, "provincial_weight": "0"},
        {"name": "weighted", "version": 1, "municipal_weight": "-1"},
        {"name": "weighted", "version": 1, "municipal_weight": "heavy"},
        {"name": "weighted", "version": 1, "municipal_weight": "Infinity"},
        {"name": "weighted", "version": 1, "municipal_weight": None},
        {"name": "mean", "version": 1, "provincial_weight": "2"},
        {"name": "mean", "version": 1, "weights": "2"},
        ["trimmed-mean", 1],
    ],
)
def test_rule_json_refuses_what_it_does_not_know(data: object) -> None:
    with pytest.raises(DomainError):
        AggregationRule.from_json(data)


def test_rule_constructor_validates() -> None:
    with pytest.raises(DomainError, match="unknown aggregation rule"):
        AggregationRule("average")
    with pytest.raises(DomainError, match="version"):
        AggregationRule("mean", version=3)
    with pytest.raises(DomainError, match="greater than 0"):
        AggregationRule("weighted", provincial_weight=D(0))


# ---------------------------------------------------------------------------- divergence


def test_divergence_threshold_boundary(criteria: CriteriaSet) -> None:
    cards = [
        card("A", 50, changes={"4.1.2": 40, "4.7.2": 40}),
        card("B", 50, changes={"4.1.2": 55, "4.7.2": 60}),
        card("C", 50),
    ]
    flagged = divergent_items(cards, criteria, threshold=20)
    assert [d.item_code for d in flagged] == ["4.7.2"]  # spread 15 on 4.1.2 is not flagged
    (divergence,) = flagged
    assert (divergence.minimum, divergence.maximum, divergence.spread) == (40, 60, 20)
    assert divergence.percentages == {"A": 40, "B": 60, "C": 50}
    assert [d.item_code for d in divergent_items(cards, criteria, threshold=15)] == [
        "4.1.2",
        "4.7.2",
    ]
    assert divergent_items(cards, criteria, threshold=25) == []


def test_unscored_items_do_not_count(criteria: CriteriaSet) -> None:
    lone = card("A", 50, changes={"4.2.2": 0})
    others = [
        PanelScorecard("B", M, {**dict.fromkeys(CODES, 50), "4.2.2": None}),
        PanelScorecard("C", M, {c: 50 for c in CODES if c != "4.2.2"}),
    ]
    assert divergent_items([lone, *others], criteria) == []


def test_divergence_threshold_must_be_positive(criteria: CriteriaSet) -> None:
    with pytest.raises(DomainError):
        divergent_items([], criteria, threshold=0)


# ---------------------------------------------------------------------- candidate result


def test_candidate_result_statistics_add_up(criteria: CriteriaSet) -> None:
    cards = [
        card("P1", 60, P, changes={"4.7.2": 30}),
        card("M1", 50),
        card("M2", 45, changes={"4.4.3": 5}),
        card("M3", 55),
        card("P2", 55, P),
        card("M4", 50, changes={"4.1.2": 90}),
    ]
    result = candidate_result(criteria, cards)
    expected_totals = [summarise(criteria, c.percentages).total for c in cards]
    assert result.n == 6 and not result.incomplete
    assert result.totals == describe(expected_totals)
    assert result.official == result.totals.trimmed_mean
    assert result.rule == DEFAULT_RULE
    assert list(result.categories) == [c.code for c in criteria.categories]
    # Means are rounded once to 28 digits, so parts add up to the whole within 1e-20.
    parts = sum(s.mean for s in result.categories.values())
    assert abs(parts - result.totals.mean) < D("1e-20")
    assert abs(result.process.mean + result.results.mean - result.totals.mean) < D("1e-20")
    assert result.categories["4.7"] == result.results
    assert result.categories["4.4"].minimum == D("52.5")  # 45 % of 115 + 5 % of 15
    assert result.divergent_codes == ["4.1.2", "4.4.3", "4.7.2"]


def test_candidate_result_uses_the_rule(criteria: CriteriaSet) -> None:
    cards = [card("P1", 100, P), card("M1", 50)]
    result = candidate_result(criteria, cards, AggregationRule("weighted", provincial_weight=D(3)))
    assert result.official == D(875)  # (3·1000 + 500) / 4
    assert result.incomplete
    assert [d.item_code for d in result.divergences] == CODES


def test_candidate_result_refuses_an_empty_panel_and_duplicates(criteria: CriteriaSet) -> None:
    with pytest.raises(DomainError):
        candidate_result(criteria, [])
    with pytest.raises(DomainError, match="more than one scorecard"):
        candidate_result(criteria, [card("A"), card("B"), card("A", 60)])


def test_incomplete_below_five(criteria: CriteriaSet) -> None:
    four = [card(code) for code in "ABCD"]
    assert candidate_result(criteria, four).incomplete
    assert not candidate_result(criteria, [*four, card("E")]).incomplete
    # The minimum is the workspace's setting, passed in; five is only the default.
    assert not candidate_result(criteria, four, minimum=4).incomplete
    assert candidate_result(criteria, [*four, card("E")], minimum=6).incomplete


def test_a_result_of_rows_is_the_result_of_the_cards(criteria: CriteriaSet) -> None:
    """The store hands results each scorecard as a row in criteria order: the same result,
    and the same refusals."""
    cards = [
        card("P1", 60, P, changes={"4.7.2": 30}),
        card("M1", 50),
        card("M2", 45, changes={"4.4.3": 5}),
        card("M3", 55, changes={"4.2.2": None}),  # type: ignore[dict-item]
        card("P2", 55, P),
    ]
    codes = [item.code for item in criteria.items]
    panel = [(c.evaluator_code, c.level) for c in cards]
    rows = [[c.percentages.get(code) for code in codes] for c in cards]
    rule = AggregationRule("weighted", provincial_weight=D(2))
    assert row_result(criteria, panel, rows) == candidate_result(criteria, cards)
    assert row_result(criteria, panel, rows, rule, 15, 6) == candidate_result(
        criteria, cards, rule, 15, 6
    )
    with pytest.raises(DomainError, match="no valid scorecards"):
        row_result(criteria, [], [])
    with pytest.raises(DomainError, match="more than one scorecard"):
        row_result(criteria, [*panel, ("P1", P)], [*rows, rows[0]])
    with pytest.raises(DomainError, match="percentages"):
        row_result(criteria, panel, [rows[0][:-1], *rows[1:]])
    wrongs: list[Any] = [7, 110, True, [50]]
    for wrong in wrongs:
        with pytest.raises(DomainError):
            row_result(criteria, panel, [[wrong, *rows[0][1:]], *rows[1:]])
    with pytest.raises(DomainError):
        row_result(criteria, panel, rows[:-1])
    with pytest.raises(DomainError, match="threshold"):
        row_result(criteria, panel, rows, threshold=0)


# ------------------------------------------------------------------------ consensus notes


def test_consensus_note_validation(criteria: CriteriaSet) -> None:
    note = consensus_note(criteria, "4.7.2", " Wang ", " agreed on 55 ", 55)
    assert note == ConsensusNote("4.7.2", "Wang", "agreed on 55", 55)
    assert consensus_note(criteria, "4.7.2", "Wang", "keep scores").agreed_percent is None
    for bad_percent in (-5, 105, 52):
        with pytest.raises(DomainError):
            consensus_note(criteria, "4.7.2", "Wang", "x", bad_percent)
    with pytest.raises(DomainError):
        consensus_note(criteria, "4.9.9", "Wang", "x")
    with pytest.raises(DomainError):
        consensus_note(criteria, "4.7.2", " ", "x")
    with pytest.raises(DomainError):
        consensus_note(criteria, "4.7.2", "Wang", "  ")


def test_unresolved_and_can_finalise(criteria: CriteriaSet) -> None:
    cards = [card(c, 50) for c in "ABCD"] + [card("E", 50, changes={"4.1.2": 80, "4.7.3": 20})]
    result = candidate_result(criteria, cards)
    assert result.divergent_codes == ["4.1.2", "4.7.3"]
    assert unresolved(result.divergences, []) == ["4.1.2", "4.7.3"]
    ok, reasons = can_finalise(result, [])
    assert not ok and "4.1.2, 4.7.3" in reasons[0]

    first = consensus_note(criteria, "4.1.2", "Li", "E saw evidence the others missed")
    assert unresolved(result.divergences, [first]) == ["4.7.3"]
    assert can_finalise(result, [first])[0] is False
    second = consensus_note(criteria, "4.7.3", "Li", "agreed", 45)
    assert can_finalise(result, [first, second]) == (True, [])
    assert can_finalise(replace(result, n=0), [first, second]) == (
        False,
        ["no valid scorecards"],
    )


def test_incomplete_panel_does_not_block_finalising(criteria: CriteriaSet) -> None:
    result = candidate_result(criteria, [card("A"), card("B")])
    assert result.incomplete and can_finalise(result, []) == (True, [])


def test_agreed_percents_resolve_the_divergence(criteria: CriteriaSet) -> None:
    cards = [card(c, 50) for c in "ABCD"] + [card("E", 50, changes={"4.1.2": 80, "4.7.3": 20})]
    notes = [
        consensus_note(criteria, "4.1.2", "Li", "agreed", 60),
        consensus_note(criteria, "4.7.3", "Li", "keep"),
    ]
    revised = with_agreed_percents(cards, notes)
    assert all(c.percentages["4.1.2"] == 60 for c in revised)
    assert revised[4].percentages["4.7.3"] == 20
    assert candidate_result(criteria, revised).divergent_codes == ["4.7.3"]
    assert cards[4].percentages["4.1.2"] == 80  # the originals are untouched


# -------------------------------------------------------------------------------- ranking


def test_competition_ranking_within_tiers() -> None:
    ranked = rank_within_tiers(
        [
            ("C", Tier.SEED, D(300)),
            ("B", Tier.SEED, D(420)),
            ("A", Tier.SEED, D(300)),
            ("D", Tier.SEED, D(250)),
            ("X", Tier.ADVANTAGE, D(600)),
            ("Z", Tier.SEED, D("300.00")),
            ("Y", Tier.ADVANTAGE, D(600)),
        ]
    )
    assert list(ranked) == [Tier.SEED, Tier.POTENTIAL, Tier.ADVANTAGE]
    assert [(r.credit_code, r.rank) for r in ranked[Tier.SEED]] == [
        ("B", 1),
        ("A", 2),
        ("C", 2),
        ("Z", 2),
        ("D", 5),
    ]
    assert ranked[Tier.POTENTIAL] == []
    assert ranked[Tier.ADVANTAGE] == [
        Ranked("X", Tier.ADVANTAGE, D(600), 1),
        Ranked("Y", Tier.ADVANTAGE, D(600), 1),
    ]


def test_ranking_refuses_a_candidate_twice() -> None:
    with pytest.raises(DomainError):
        rank_within_tiers([("A", Tier.SEED, D(1)), ("A", Tier.POTENTIAL, D(2))])


@given(st.lists(st.tuples(st.sampled_from(list(Tier)), totals), max_size=15))
def test_ranks_follow_scores(entries: list[tuple[Tier, Decimal]]) -> None:
    ranked = rank_within_tiers((f"C{i:02d}", tier, s) for i, (tier, s) in enumerate(entries))
    for rows in ranked.values():
        for row in rows:
            assert row.rank == 1 + sum(other.score > row.score for other in rows)
        assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


# ----------------------------------------------------------------------------- thresholds


@pytest.mark.parametrize(
    ("score", "tier"),
    [
        (D(0), Tier.SEED),
        (D("399.95"), Tier.SEED),
        (D(400), Tier.POTENTIAL),
        (D("549.95"), Tier.POTENTIAL),
        (D(550), Tier.ADVANTAGE),
        (D(1000), Tier.ADVANTAGE),
    ],
)
def test_default_thresholds_recommend(score: Decimal, tier: Tier) -> None:
    assert DEFAULT_THRESHOLDS.recommend(score) is tier


@pytest.mark.parametrize(
    ("potential", "advantage"),
    [(D(-1), D(500)), (D(500), D(500)), (D(600), D(500)), (D(400), D(1001))],
)
def test_thresholds_validate(potential: Decimal, advantage: Decimal) -> None:
    with pytest.raises(DomainError):
        TierThresholds(potential=potential, advantage=advantage)


def test_thresholds_edges_and_json() -> None:
    edges = TierThresholds(potential=D(0), advantage=D(1000))
    assert edges.recommend(D(0)) is Tier.POTENTIAL
    custom = TierThresholds(potential=D("450.5"), advantage=D(620))
    assert custom.to_json() == {"potential": "450.5", "advantage": "620"}
    assert TierThresholds.from_json(custom.to_json()) == custom
    assert TierThresholds.from_json({"potential": 450.5, "advantage": 620}) == custom
    for bad in ({"potential": "400"}, {"potential": "x", "advantage": "500"}, [400, 550]):
        with pytest.raises(DomainError):
            TierThresholds.from_json(bad)
    with pytest.raises(DomainError):
        TierThresholds.from_json({"potential": 400, "advantage": 550, "top": 900})
