"""The values of the results charts, computed from a round's results and calibration.

Plain typed values (`documents.charts` defines them, so that the report's drawings need
nothing from services; they are re-exported here for the window): floats for positions,
the texts the tables show, a "nice" zoomed axis, and lanes that stack equal totals. The
window (`ui.charts`) and the signed report (`services.reports`) draw the same values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from qz_evaluator.documents.charts import (
    Axis,
    Dot,
    LeniencyChart,
    LeniencyDot,
    ProfileBar,
    ProfileChart,
    StripChart,
    StripRow,
)
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services.results import (
    Calibration,
    CandidateOutcome,
    RoundResults,
    points_text,
    shown,
)

__all__ = [
    "Axis",
    "Dot",
    "LeniencyChart",
    "LeniencyDot",
    "ProfileBar",
    "ProfileChart",
    "StripChart",
    "StripRow",
    "leniency_chart",
    "nice_axis",
    "profile_chart",
    "stack_lanes",
    "strip_chart",
    "strip_charts",
    "tier_outcomes",
]

# Totals closer than this share of the axis touch when drawn: they are stacked like equal ones.
TOUCHING = 0.01
# The totals' axis spans at least this share of the maximum points (100 of 1000).
LEAST_SPAN = 0.1
_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_axis(
    low: float,
    high: float,
    *,
    floor: float | None = None,
    ceiling: float | None = None,
    most_ticks: int = 6,
    least_span: float = 0.0,
) -> Axis:
    """An axis from a round number below `low` to one above `high` (kept within
    `floor`–`ceiling`), with about `most_ticks` ticks at 1, 2, 2.5 or 5 × 10ⁿ apart.
    A range narrower than `least_span` is widened about its middle first, so that a few
    points' difference does not fill the whole width."""
    if high < low:
        low, high = high, low
    if high - low < least_span:
        middle = (low + high) / 2
        low, high = middle - least_span / 2, middle + least_span / 2
        if floor is not None and low < floor:
            low, high = floor, floor + least_span
        if ceiling is not None and high > ceiling:
            low, high = ceiling - least_span, ceiling
    span = high - low
    if span <= 0:
        span = max(abs(high), 1.0) / 10
        low, high = low - span / 2, high + span / 2
    step = _step(span, most_ticks)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if floor is not None:
        start = max(start, floor)
    if ceiling is not None:
        end = min(end, ceiling)
    ticks: list[float] = []
    tick = math.ceil(start / step) * step
    while tick <= end + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    return Axis(start, end, tuple(ticks))


def _step(span: float, most_ticks: int) -> float:
    magnitude = 10.0 ** math.floor(math.log10(span / max(most_ticks - 1, 1)))
    for factor in (*_STEPS, 10.0):
        step = factor * magnitude
        if span / step <= most_ticks - 1:
            return step
    return 10 * magnitude  # pragma: no cover — the loop's last factor always fits


def stack_lanes(values: Sequence[float], touching: float) -> list[int]:
    """A lane for each value: 0 alone; values within `touching` of the first of their run
    (in order of value) take 0, 1, −1, 2, −2 … so that none hides another."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    lanes = [0] * len(values)
    run_start: float | None = None
    position = 0
    for index in order:
        value = values[index]
        if run_start is None or value - run_start > touching:
            run_start, position = value, 0
        else:
            position += 1
        lanes[index] = (position + 1) // 2 * (1 if position % 2 else -1)
    return lanes


def tier_outcomes(results: RoundResults, tier: Tier) -> list[CandidateOutcome]:
    """The tier's candidates with a result, ranked first, as the report lists them."""
    mine = [o for o in results.outcomes if o.candidate.tier is tier and o.result is not None]
    mine.sort(key=lambda o: (o.rank is None, o.rank or 0, o.candidate.credit_code))
    return mine


def strip_chart(results: RoundResults, tier: Tier) -> StripChart:
    """Each panel member's total for every candidate of `tier` with a result, and the
    official score, on an axis zoomed to them (within 0 and the criteria's maximum)."""
    outcomes = tier_outcomes(results, tier)
    total_points = results.criteria.total_points
    # Whole hundredths, read once: a province's tier has thousands of candidates.
    hundredths = [
        [card.process_hundredths + card.results_hundredths for card in o.scorecards]
        for o in outcomes
    ]
    officials = [None if o.official is None else float(o.official) for o in outcomes]
    lowest = min((min(h) for h in hundredths if h), default=None)
    highest = max((max(h) for h in hundredths if h), default=None)
    known = [value for value in officials if value is not None]
    if lowest is not None and highest is not None:
        known += [lowest / 100, highest / 100]
    axis = (
        nice_axis(
            min(known),
            max(known),
            floor=0,
            ceiling=total_points,
            least_span=total_points * LEAST_SPAN,
        )
        if known
        else nice_axis(0, total_points)
    )
    touching = (axis.high - axis.low) * TOUCHING
    rows = []
    for outcome, own, official in zip(outcomes, hundredths, officials, strict=True):
        totals = [value / 100 for value in own]
        lanes = stack_lanes(totals, touching)
        rows.append(
            StripRow(
                outcome.candidate.credit_code,
                outcome.candidate.name,
                outcome.rank,
                tuple(
                    map(
                        Dot,
                        [card.evaluator_code for card in outcome.scorecards],
                        totals,
                        map(points_text, own),
                        lanes,
                    )
                ),
                official,
                "" if outcome.official is None else shown(outcome.official),
            )
        )
    return StripChart(tier, results.settings.rule.id, total_points, axis, tuple(rows))


def strip_charts(results: RoundResults) -> dict[Tier, StripChart]:
    """Every tier's strip chart: for a worker to make along with the results (a tier of
    10,000 candidates takes a few tenths of a second)."""
    return {tier: strip_chart(results, tier) for tier in Tier}


def profile_chart(results: RoundResults, credit_code: str) -> ProfileChart | None:
    """The candidate's mean category subtotals against each category's maximum points;
    None while it has no valid scorecard."""
    outcome = results.outcome(credit_code)
    result = outcome.result
    if result is None:
        return None
    bars = []
    for category in results.criteria.categories:
        stats = result.categories[category.code]
        bars.append(
            ProfileBar(
                code=category.code,
                name=category.name,
                maximum=category.points,
                mean=float(stats.mean),
                mean_text=shown(stats.mean),
                low=float(stats.minimum),
                high=float(stats.maximum),
                low_text=shown(stats.minimum),
                high_text=shown(stats.maximum),
            )
        )
    return ProfileChart(credit_code, outcome.candidate.name, result.n, tuple(bars))


def leniency_chart(calibration: Calibration) -> LeniencyChart:
    """Every evaluator with a shared panel, most lenient first, on an axis symmetric about
    zero that holds each interval."""
    found = [entry for entry in calibration.leniency.values() if entry.panels]
    found.sort(key=lambda entry: (-entry.mean_deviation, entry.evaluator_code))
    dots = []
    for entry in found:
        interval = entry.interval
        dots.append(
            LeniencyDot(
                evaluator_code=entry.evaluator_code,
                panels=entry.panels,
                value=entry.mean_deviation,
                low=None if interval is None else interval[0],
                high=None if interval is None else interval[1],
                z=entry.z,
            )
        )
    reach = max(_reaches(dots), default=0.0)
    axis = (
        nice_axis(-reach, reach) if reach > 0 else Axis(-10.0, 10.0, (-10.0, -5.0, 0.0, 5.0, 10.0))
    )
    # symmetric, so that zero sits in the middle whatever the data
    edge = max(-axis.low, axis.high)
    ticks = tuple(sorted({*axis.ticks, *(-tick for tick in axis.ticks)}))
    axis = Axis(-edge, edge, tuple(t for t in ticks if -edge <= t <= edge))
    return LeniencyChart(axis, tuple(dots), len(calibration.leniency) - len(found))


def _reaches(dots: Iterable[LeniencyDot]) -> Iterable[float]:
    for dot in dots:
        yield abs(dot.value)
        if dot.low is not None and dot.high is not None:
            yield abs(dot.low)
            yield abs(dot.high)
