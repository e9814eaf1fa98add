"""A panel's merged result: per-candidate statistics, divergent items and consensus notes.

Statistics live in `statistics`, the official-score rules in `aggregation`, ranking and
tier recommendations in `ranking`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from qz_evaluator.domain.aggregation import DEFAULT_RULE, AggregationRule, official_score
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import MIN_PANEL_SIZE, Level
from qz_evaluator.domain.scoring import summarise, validate_percent
from qz_evaluator.domain.statistics import Stats, describe

DEFAULT_DIVERGENCE_THRESHOLD = 20


@dataclass(frozen=True, slots=True)
class PanelScorecard:
    """One valid, merged scorecard of a panel (one evaluator, one candidate, one round)."""

    evaluator_code: str
    level: Level
    percentages: Mapping[str, int | None]


# ------------------------------------------------------------------------------ divergence


@dataclass(frozen=True, slots=True)
class ItemDivergence:
    """An item whose percentages spread by at least the threshold across the panel."""

    item_code: str
    minimum: int
    maximum: int
    spread: int
    percentages: Mapping[str, int]  # evaluator code → percent, in scorecard order


def divergent_items(
    cards: Sequence[PanelScorecard],
    criteria: CriteriaSet,
    threshold: int = DEFAULT_DIVERGENCE_THRESHOLD,
) -> list[ItemDivergence]:
    """Items, in criteria order, where max − min of the panel's percentages ≥ threshold.

    Unscored items of a scorecard are left out; an item scored by fewer than 2 evaluators
    is never flagged.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise DomainError(f"the divergence threshold must be a whole number ≥ 1, got {threshold!r}")
    found: list[ItemDivergence] = []
    for item in criteria.items:
        scored = {
            card.evaluator_code: percent
            for card in cards
            if (percent := card.percentages.get(item.code)) is not None
        }
        if len(scored) < 2:
            continue
        low, high = min(scored.values()), max(scored.values())
        if high - low >= threshold:
            found.append(
                ItemDivergence(
                    item_code=item.code,
                    minimum=low,
                    maximum=high,
                    spread=high - low,
                    percentages=scored,
                )
            )
    return found


# ------------------------------------------------------------------------ candidate result


@dataclass(frozen=True, slots=True)
class CandidateResult:
    """One candidate's merged result for one round."""

    n: int
    totals: Stats
    categories: Mapping[str, Stats]  # category code → stats, in criteria order
    process: Stats
    results: Stats
    official: Decimal
    rule: AggregationRule
    divergences: tuple[ItemDivergence, ...]
    incomplete: bool  # fewer than MIN_PANEL_SIZE valid scorecards

    @property
    def divergent_codes(self) -> list[str]:
        return [divergence.item_code for divergence in self.divergences]


def candidate_result(
    criteria: CriteriaSet,
    cards: Sequence[PanelScorecard],
    rule: AggregationRule = DEFAULT_RULE,
    threshold: int = DEFAULT_DIVERGENCE_THRESHOLD,
) -> CandidateResult:
    """Statistics, official score and divergent items of a panel's valid scorecards.

    Each evaluator must appear once: the merge keeps only the latest revision.
    """
    if not cards:
        raise DomainError("the panel has no valid scorecards for this candidate")
    seen: set[str] = set()
    for card in cards:
        if card.evaluator_code in seen:
            raise DomainError(
                f"evaluator {card.evaluator_code} has more than one scorecard for this "
                "candidate and round; only the latest revision may count"
            )
        seen.add(card.evaluator_code)
    summaries = [summarise(criteria, card.percentages) for card in cards]
    return CandidateResult(
        n=len(cards),
        totals=describe([s.total for s in summaries]),
        categories={
            category.code: describe([s.category(category.code).score for s in summaries])
            for category in criteria.categories
        },
        process=describe([s.process for s in summaries]),
        results=describe([s.results for s in summaries]),
        official=official_score(
            rule, [(s.total, card.level) for s, card in zip(summaries, cards, strict=True)]
        ),
        rule=rule,
        divergences=tuple(divergent_items(cards, criteria, threshold)),
        incomplete=len(cards) < MIN_PANEL_SIZE,
    )


# ------------------------------------------------------------------------- consensus notes


@dataclass(frozen=True, slots=True)
class ConsensusNote:
    """The panel's recorded consensus on a divergent item.

    `agreed_percent` is the percentage the panel agreed on for the item, or None when the
    panel decided to keep the individual scores (the note then only records why).
    """

    item_code: str
    author: str
    text: str
    agreed_percent: int | None


def consensus_note(
    criteria: CriteriaSet,
    item_code: str,
    author: str,
    text: str,
    agreed_percent: int | None = None,
) -> ConsensusNote:
    """A validated consensus note: a known item, an author, a text, a valid percentage."""
    criteria.item(item_code)  # raises CriteriaError for an unknown item
    if not author.strip():
        raise DomainError(f"the consensus note on {item_code} needs an author")
    if not text.strip():
        raise DomainError(f"the consensus note on {item_code} needs a text")
    if agreed_percent is not None:
        validate_percent(agreed_percent, criteria.step_percent)
    return ConsensusNote(
        item_code=item_code,
        author=author.strip(),
        text=text.strip(),
        agreed_percent=agreed_percent,
    )


def unresolved(divergences: Iterable[ItemDivergence], notes: Iterable[ConsensusNote]) -> list[str]:
    """Codes of the divergent items that have no consensus note yet."""
    noted = {note.item_code for note in notes}
    return [d.item_code for d in divergences if d.item_code not in noted]


def can_finalise(result: CandidateResult, notes: Iterable[ConsensusNote]) -> tuple[bool, list[str]]:
    """Whether the result may become final, with the reasons when it may not.

    An incomplete panel (fewer than 5 scorecards) does not block: it is reported as such.
    """
    reasons: list[str] = []
    if result.n == 0:
        reasons.append("no valid scorecards")
    missing = unresolved(result.divergences, notes)
    if missing:
        reasons.append(f"divergent items without a consensus note: {', '.join(missing)}")
    return (not reasons, reasons)


def with_agreed_percents(
    cards: Sequence[PanelScorecard], notes: Iterable[ConsensusNote]
) -> list[PanelScorecard]:
    """The scorecards with each agreed percentage applied to every evaluator's card.

    Notes without an agreed percentage keep the individual scores. When two notes on one
    item disagree, the later one wins.
    """
    agreed = {n.item_code: n.agreed_percent for n in notes if n.agreed_percent is not None}
    if not agreed:
        return list(cards)
    return [
        PanelScorecard(
            evaluator_code=card.evaluator_code,
            level=card.level,
            percentages={**card.percentages, **agreed},
        )
        for card in cards
    ]
