"""Score arithmetic: percentages in steps, bands, item scores and subtotals.

Item score = percentage × points, kept as Decimal so that 5 % of a 15-point item is
exactly 0.75 and sums never drift (tenths are not fine enough for that).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from qz_evaluator.domain.criteria import CriteriaSet, ItemKind
from qz_evaluator.domain.errors import ScoreError

HUNDRED = Decimal(100)


def validate_percent(percent: object, step: int = 5) -> int:
    """Return the percentage if it is a whole number 0–100 on the step grid."""
    if isinstance(percent, bool) or not isinstance(percent, int):
        raise ScoreError("a percentage must be a whole number, got {percent!r}", percent=percent)
    if not 0 <= percent <= 100:
        raise ScoreError("a percentage must be between 0 and 100, got {percent}", percent=percent)
    if percent % step:
        raise ScoreError(
            "a percentage moves in {step}% steps; {percent}% is not one of them",
            step=step,
            percent=percent,
        )
    return percent


def parse_percent(text: str, step: int = 5) -> int:
    """Parse what a person types: '45', '45%', ' 45 ％ '."""
    cleaned = text.strip().rstrip("%％").strip()
    try:
        value = int(cleaned)
    except ValueError:
        raise ScoreError("{text!r} is not a percentage", text=text) from None
    return validate_percent(value, step)


def item_score(percent: int, points: int) -> Decimal:
    return Decimal(percent) * Decimal(points) / HUNDRED


def format_points(value: Decimal) -> str:
    """Points as people write them: 22.5, 0.75, 40 (no trailing zeros, no exponent)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class CategorySubtotal(NamedTuple):
    code: str
    points: int
    score: Decimal
    scored_items: int
    item_count: int


class ScoreSummary(NamedTuple):
    """Subtotals and total for one scorecard's percentages under one criteria set."""

    categories: tuple[CategorySubtotal, ...]
    item_scores: Mapping[str, Decimal]
    process: Decimal
    process_points: int
    results: Decimal
    results_points: int
    total: Decimal
    total_points: int
    scored_items: int
    item_count: int

    @property
    def complete(self) -> bool:
        return self.scored_items == self.item_count

    @property
    def completeness(self) -> str:
        return f"{self.scored_items}/{self.item_count}"

    def category(self, code: str) -> CategorySubtotal:
        for subtotal in self.categories:
            if subtotal.code == code:
                return subtotal
        raise KeyError(code)


def summarise(criteria: CriteriaSet, percentages: Mapping[str, int | None]) -> ScoreSummary:
    """Subtotals from item percentages; unscored items (absent or None) count as 0."""
    unknown = sorted(code for code in percentages if not criteria.has_item(code))
    if unknown:
        raise ScoreError(
            "criteria set {id} has no item(s) {join}", id=criteria.id, join=", ".join(unknown)
        )
    item_scores: dict[str, Decimal] = {}
    subtotals: list[CategorySubtotal] = []
    by_kind = {kind: Decimal(0) for kind in ItemKind}
    for category in criteria.categories:
        score = Decimal(0)
        scored = 0
        for item in category.items:
            percent = percentages.get(item.code)
            if percent is None:
                continue
            validate_percent(percent, criteria.step_percent)
            value = item_score(percent, item.points)
            item_scores[item.code] = value
            score += value
            scored += 1
        by_kind[category.kind] += score
        subtotals.append(
            CategorySubtotal(
                code=category.code,
                points=category.points,
                score=score,
                scored_items=scored,
                item_count=len(category.items),
            )
        )
    return ScoreSummary(
        categories=tuple(subtotals),
        item_scores=item_scores,
        process=by_kind[ItemKind.PROCESS],
        process_points=criteria.points_of_kind(ItemKind.PROCESS),
        results=by_kind[ItemKind.RESULTS],
        results_points=criteria.points_of_kind(ItemKind.RESULTS),
        total=sum(by_kind.values(), Decimal(0)),
        total_points=criteria.total_points,
        scored_items=len(item_scores),
        item_count=len(criteria.items),
    )
