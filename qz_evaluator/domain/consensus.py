"""A panel's merged result: per-candidate statistics, divergent items and consensus notes.

Statistics live in `statistics`, the official-score rules in `aggregation`, ranking and
tier recommendations in `ranking`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import accumulate, compress
from operator import add, itemgetter, mul, sub
from typing import Any, NamedTuple, cast

from qz_evaluator.domain.aggregation import DEFAULT_RULE, WEIGHTED, AggregationRule, official_of
from qz_evaluator.domain.criteria import CriteriaSet, ItemKind
from qz_evaluator.domain.errors import DomainError, Phrase
from qz_evaluator.domain.roster import DEFAULT_PANEL_MINIMUM, Level
from qz_evaluator.domain.scoring import summarise, validate_percent
from qz_evaluator.domain.statistics import Stats, describe_panel, quotient
from qz_evaluator.domain.text import check_comment, check_name

DEFAULT_DIVERGENCE_THRESHOLD = 20
HUNDREDTHS = 100  # an item's score is percent × points / 100


@dataclass(frozen=True, slots=True)
class PanelScorecard:
    """One valid, merged scorecard of a panel (one evaluator, one candidate, one round)."""

    evaluator_code: str
    level: Level
    percentages: Mapping[str, int | None]


# ------------------------------------------------------------------------------ divergence


class ItemDivergence(NamedTuple):
    """An item whose percentages spread by at least the threshold across the panel.

    A named tuple, as `Stats`: a province's results flag some 50,000 items.
    """

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
    _check_threshold(threshold)
    evaluators = [card.evaluator_code for card in cards]
    if len(set(evaluators)) == len(evaluators):  # the usual panel
        codes = [item.code for item in criteria.items]
        rows = [[card.percentages.get(code) for code in codes] for card in cards]
        return _divergences(codes, evaluators, rows, threshold)
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


def _check_threshold(threshold: object) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise DomainError(
            "the divergence threshold must be a whole number ≥ 1, got {threshold!r}",
            threshold=threshold,
        )


def _divergences(
    codes: Sequence[str],
    evaluators: Sequence[str],
    rows: Sequence[Sequence[int | None]],
    threshold: int,
) -> list[ItemDivergence]:
    """`divergent_items` of distinct evaluators; rows[card][item] is a percentage or None."""
    columns = list(zip(*rows, strict=True))
    complete = len(rows) >= 2 and not any(None in row for row in rows)
    if complete:  # final scorecards score every item: min and max of each column in C
        # by sorting it: `min` and `max` parse their keyword arguments on every call, and
        # cost as much each as one `sorted`
        ordered = list(map(sorted, columns))
        lows, highs = list(map(_first, ordered)), list(map(_last, ordered))
    else:
        spans = list(map(_span, columns))
        lows, highs = [low for low, _ in spans], [high for _, high in spans]
    spreads = list(map(sub, highs, lows))
    found: list[ItemDivergence] = []
    # Only a flagged item is looked at again, and names its evaluators.
    for index in compress(range(len(spreads)), map(threshold.__le__, spreads)):
        column = columns[index]
        found.append(
            _new_divergence(
                (
                    codes[index],
                    lows[index],
                    highs[index],
                    spreads[index],
                    dict(zip(evaluators, column, strict=True))
                    if complete
                    else {
                        evaluator: percent
                        for evaluator, percent in zip(evaluators, column, strict=True)
                        if percent is not None
                    },
                )
            )
        )
    return found


_first, _last = itemgetter(0), itemgetter(-1)

# `ItemDivergence(*fields)` of its five fields in order, without a named tuple's
# Python-level `__new__`.
_new_divergence = cast(
    Callable[[tuple[Any, ...]], ItemDivergence], partial(tuple.__new__, ItemDivergence)
)


def _span(column: Sequence[int | None]) -> tuple[int, int]:
    """(min, max) of a column's percentages; (0, 0) when fewer than 2 are scored."""
    values = [percent for percent in column if percent is not None]
    return (min(values), max(values)) if len(values) >= 2 else (0, 0)


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
    incomplete: bool  # fewer valid scorecards than the panel minimum
    # Each scorecard's own figures, in the order of the rows given, as whole hundredths
    # of a point (exact): category subtotals in criteria order, process, results.
    card_categories: tuple[tuple[int, ...], ...] = ()
    card_process: tuple[int, ...] = ()
    card_results: tuple[int, ...] = ()

    @property
    def divergent_codes(self) -> list[str]:
        return [divergence.item_code for divergence in self.divergences]


def candidate_result(
    criteria: CriteriaSet,
    cards: Sequence[PanelScorecard],
    rule: AggregationRule = DEFAULT_RULE,
    threshold: int = DEFAULT_DIVERGENCE_THRESHOLD,
    minimum: int = DEFAULT_PANEL_MINIMUM,
) -> CandidateResult:
    """Statistics, official score and divergent items of a panel's valid scorecards.

    Each evaluator must appear once: the merge keeps only the latest revision.
    """
    evaluators = _distinct([card.evaluator_code for card in cards])
    # Scores as whole hundredths of a point (percent × points), exactly summarise's
    # arithmetic without a Decimal per item: a province computes this for every panel.
    # rows[card][item]: each card's percentages in criteria order, read once.
    layout = _layout(criteria)
    codes = layout.codes
    rows = []
    for card in cards:
        _check_percentages(criteria, card.percentages)
        try:  # a merged scorecard names every item: one C-level lookup for all
            rows.append(list(layout.in_order(card.percentages)))
        except KeyError:
            get = card.percentages.get
            rows.append([get(code) for code in codes])
    _check_threshold(threshold)  # after the cards, as the divergence scan came last
    levels = [card.level for card in cards]
    return _result(layout, evaluators, levels, rows, rule, threshold, minimum)


def row_result(
    criteria: CriteriaSet,
    panel: Sequence[tuple[str, Level]],
    rows: Sequence[Sequence[int | None]],
    rule: AggregationRule = DEFAULT_RULE,
    threshold: int = DEFAULT_DIVERGENCE_THRESHOLD,
    minimum: int = DEFAULT_PANEL_MINIMUM,
) -> CandidateResult:
    """`candidate_result` of scorecards given as (evaluator code, level) and a row of
    percentages in criteria order each, as the store keeps them: no mapping per card."""
    evaluators = _distinct([evaluator_code for evaluator_code, _ in panel])
    layout = _layout(criteria)
    count, valid = len(layout.codes), criteria.valid_percents
    for row in rows:
        # Set operations run in C; `bool` is excluded apart, since False == 0 and True == 1.
        try:
            checked = len(row) == count and set(row) <= valid and bool not in set(map(type, row))
        except TypeError:  # an unhashable value: not a percentage either
            checked = False
        if not checked:
            if len(row) != count:
                raise DomainError(
                    "a scorecard has {len} percentages, criteria set {id} has {count} items",
                    len=len(row),
                    id=criteria.id,
                    count=count,
                )
            summarise(criteria, dict(zip(layout.codes, row, strict=True)))  # its own error
    if len(rows) != len(evaluators):
        raise DomainError("each scorecard of the panel needs its row of percentages")
    _check_threshold(threshold)
    levels = [level for _, level in panel]
    return _result(layout, evaluators, levels, rows, rule, threshold, minimum)


def _distinct(evaluators: list[str]) -> list[str]:
    """The panel's evaluator codes, checked: some, and each once."""
    if not evaluators:
        raise DomainError("the panel has no valid scorecards for this candidate")
    seen: set[str] = set()
    for evaluator_code in evaluators:
        if evaluator_code in seen:
            raise DomainError(
                "evaluator {evaluator_code} has more than one scorecard for this "
                "candidate and round; only the latest revision may count",
                evaluator_code=evaluator_code,
            )
        seen.add(evaluator_code)
    return evaluators


def _result(
    layout: _Layout,
    evaluators: Sequence[str],
    levels: Sequence[Level],
    rows: Sequence[Sequence[int | None]],
    rule: AggregationRule,
    threshold: int,
    minimum: int,
) -> CandidateResult:
    """The statistics of checked rows (rows[card][item], criteria order)."""
    # Per card, running sums of percent × points in criteria order; a category's subtotal
    # is the difference of two of them (all in C, no loop per category and card).
    subtotals = []
    for row in rows:
        scored = row if None not in row else [0 if percent is None else percent for percent in row]
        running = list(accumulate(map(mul, scored, layout.points), initial=0))
        subtotals.append(list(map(sub, layout.ends(running), layout.starts(running))))
    by_category = list(zip(*subtotals, strict=True))  # by_category[category][card]
    process = list(map(sum, map(layout.process, subtotals)))
    results = list(map(sum, map(layout.results, subtotals)))
    totals = list(map(add, process, results))
    total_stats, process_stats, results_stats, *category_stats = describe_panel(
        [totals, process, results, *by_category], HUNDREDTHS
    )
    return CandidateResult(
        n=len(rows),
        totals=total_stats,
        categories=dict(zip(layout.category_codes, category_stats, strict=True)),
        process=process_stats,
        results=results_stats,
        # Only the weighted rule reads each card's total and level.
        official=official_of(
            rule,
            total_stats,
            [
                (quotient(total, HUNDREDTHS), level)
                for total, level in zip(totals, levels, strict=True)
            ]
            if rule.name == WEIGHTED
            else (),
        ),
        rule=rule,
        divergences=tuple(_divergences(layout.codes, evaluators, rows, threshold)),
        incomplete=len(rows) < minimum,
        card_categories=tuple(map(tuple, subtotals)),
        card_process=tuple(process),
        card_results=tuple(results),
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a criteria set's items and categories sit, in criteria order."""

    codes: list[str]
    in_order: Callable[[Mapping[str, int | None]], tuple[int | None, ...]]
    points: list[int]
    category_codes: list[str]
    starts: Callable[[Sequence[int]], tuple[int, ...]]  # each category's first running sum
    ends: Callable[[Sequence[int]], tuple[int, ...]]  # … and its last
    process: Callable[[Sequence[int]], tuple[int, ...]]  # the process categories' subtotals
    results: Callable[[Sequence[int]], tuple[int, ...]]  # … and the results categories'


_LAYOUTS: dict[int, tuple[CriteriaSet, _Layout]] = {}


def _layout(criteria: CriteriaSet) -> _Layout:
    """The layout of `criteria`, made once per criteria set (keyed by identity: hashing a
    whole criteria set costs more than the layout saves)."""
    known = _LAYOUTS.get(id(criteria))
    if known is not None and known[0] is criteria:
        return known[1]
    codes = [item.code for item in criteria.items]
    bounds, kinds, start = [], [], 0
    for category in criteria.categories:
        bounds.append((start, start + len(category.items)))
        kinds.append(category.kind)
        start += len(category.items)

    def getter(keys: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
        # itemgetter returns a bare value for one key, a tuple for several
        if not keys:
            return lambda _: ()
        if len(keys) == 1:
            only = keys[0]
            return lambda values: (values[only],)
        return cast(Callable[[Any], tuple[Any, ...]], itemgetter(*keys))

    def of_kind(kind: ItemKind) -> Callable[[Any], tuple[Any, ...]]:
        indexes = [index for index, found in enumerate(kinds) if found is kind]
        return getter(indexes)

    layout = _Layout(
        codes=codes,
        in_order=cast(Callable[[Mapping[str, int | None]], tuple[int | None, ...]], getter(codes)),
        points=[item.points for item in criteria.items],
        category_codes=[category.code for category in criteria.categories],
        starts=getter([first for first, _ in bounds]),
        ends=getter([last for _, last in bounds]),
        process=of_kind(ItemKind.PROCESS),
        results=of_kind(ItemKind.RESULTS),
    )
    _LAYOUTS[id(criteria)] = (criteria, layout)
    return layout


def _check_percentages(criteria: CriteriaSet, percentages: Mapping[str, int | None]) -> None:
    """Known items and valid percentages; otherwise summarise's own error, word for word."""
    values = percentages.values()
    # Set operations run in C; `bool` is excluded apart, since False == 0 and True == 1.
    try:
        valid = (
            percentages.keys() <= criteria.item_codes
            and set(values) <= criteria.valid_percents
            and bool not in set(map(type, values))
        )
    except TypeError:  # an unhashable value: not a percentage either
        valid = False
    if not valid:
        summarise(criteria, percentages)  # raises ScoreError with the rule's message


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
        raise DomainError("the consensus note on {item_code} needs an author", item_code=item_code)
    if not text.strip():
        raise DomainError("the consensus note on {item_code} needs a text", item_code=item_code)
    # The author is a name, the text a comment: each by its rule, refused, never cleaned.
    author = check_name(
        author, Phrase("the author of the consensus note on {item}", item=item_code)
    )
    text = check_comment(text, Phrase("the consensus note on {item}", item=item_code))
    if agreed_percent is not None:
        validate_percent(agreed_percent, criteria.step_percent)
    return ConsensusNote(
        item_code=item_code,
        author=author,
        text=text.strip(),
        agreed_percent=agreed_percent,
    )


def unresolved(divergences: Iterable[ItemDivergence], notes: Iterable[ConsensusNote]) -> list[str]:
    """Codes of the divergent items that have no consensus note yet."""
    noted = {note.item_code for note in notes}
    if not noted:  # the usual case: no notes yet
        return [d.item_code for d in divergences]
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
