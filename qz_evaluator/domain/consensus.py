"""Merging a panel's scorecards: statistics, the official score, divergence and ranking.

The arithmetic that turns a panel's totals into one official score is not fixed by any
retrieved rule, so it is a named, versioned setting (`AggregationRule`) that every results
report prints. All score arithmetic is exact: sums and differences stay in Decimal/Fraction,
and a quotient is rounded once, to 28 significant digits. Rounding for display is the
report's business, never this module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import MIN_PANEL_SIZE, Level
from qz_evaluator.domain.scoring import format_points, summarise, validate_percent
from qz_evaluator.domain.text import Bilingual

# One rounding per quotient, to 28 significant digits, whatever the caller's context.
_CONTEXT = Context(prec=28)
# The trimmed mean drops one highest and one lowest value from this many values on.
TRIM_FROM = 5
DEFAULT_DIVERGENCE_THRESHOLD = 20


def _decimal(value: Fraction) -> Decimal:
    return _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def _fraction_mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


# ---------------------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True)
class PanelScorecard:
    """One valid, merged scorecard of a panel (one evaluator, one candidate, one round)."""

    evaluator_code: str
    level: Level
    percentages: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class Stats:
    """Descriptive statistics of a panel's scores; exact Decimals, not rounded for display."""

    n: int
    mean: Decimal
    trimmed_mean: Decimal
    trimmed: bool
    median: Decimal
    minimum: Decimal
    maximum: Decimal
    stdev: Decimal

    @property
    def spread(self) -> Decimal:
        return self.maximum - self.minimum


def describe(values: Sequence[Decimal]) -> Stats:
    """Mean, trimmed mean, median, range and sample standard deviation of `values`.

    The trimmed mean drops exactly one highest and one lowest value (one instance of each
    when they are tied) once there are at least 5 values; below that it is the plain mean
    and `trimmed` is False. The standard deviation uses n − 1 and is 0 for one value.
    """
    if not values:
        raise DomainError("no scores to describe: the panel has no valid scorecards")
    for value in values:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise DomainError(f"a score must be a finite Decimal, got {value!r}")
    ordered = sorted(values)
    exact = [Fraction(value) for value in ordered]
    n = len(exact)
    mean = _fraction_mean(exact)
    trimmed = n >= TRIM_FROM
    trimmed_mean = _fraction_mean(exact[1:-1]) if trimmed else mean
    middle = n // 2
    median = exact[middle] if n % 2 else (exact[middle - 1] + exact[middle]) / 2
    if n < 2:
        stdev = Decimal(0)
    else:
        variance = sum(((x - mean) ** 2 for x in exact), Fraction(0)) / (n - 1)
        stdev = _CONTEXT.sqrt(_decimal(variance))
    return Stats(
        n=n,
        mean=_decimal(mean),
        trimmed_mean=_decimal(trimmed_mean),
        trimmed=trimmed,
        median=_decimal(median),
        minimum=ordered[0],
        maximum=ordered[-1],
        stdev=stdev,
    )


# ------------------------------------------------------------------------ aggregation rule

TRIMMED_MEAN = "trimmed-mean"
MEAN = "mean"
MEDIAN = "median"
WEIGHTED = "weighted"
# Rule name → the versions this program knows. A new arithmetic gets a new version.
SUPPORTED_RULES: Mapping[str, frozenset[int]] = {
    TRIMMED_MEAN: frozenset({1}),
    MEAN: frozenset({1}),
    MEDIAN: frozenset({1}),
    WEIGHTED: frozenset({1}),
}
_ONE = Decimal(1)
_JSON_KEYS = frozenset({"name", "version", "provincial_weight", "municipal_weight"})


def _number(value: object) -> Decimal:
    """A Decimal from an int, a decimal string, a Decimal or a JSON float (by its repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TypeError(value)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _weight(value: object, what: str) -> Decimal:
    try:
        weight = _number(value)
    except TypeError:
        raise DomainError(f'{what} must be a number such as 1 or "1.5", got {value!r}') from None
    except ArithmeticError:
        raise DomainError(f"{what} {value!r} is not a number") from None
    if not weight.is_finite() or weight <= 0:
        raise DomainError(f"{what} must be greater than 0, got {value!r}")
    return weight


@dataclass(frozen=True, slots=True)
class AggregationRule:
    """How a panel's totals become the official score: a named, versioned setting.

    - "trimmed-mean": drop one highest and one lowest total when at least 5 evaluators
      scored, then take the arithmetic mean; below 5, the plain mean.
    - "mean": arithmetic mean of all totals.
    - "median": median of the totals (mean of the middle two for an even count).
    - "weighted": weighted mean of the totals, each evaluator weighted by level.

    The weights belong to the "weighted" rule; the other rules keep them at 1 so that two
    rules that compute the same thing are equal.
    """

    name: str
    version: int = 1
    provincial_weight: Decimal = _ONE
    municipal_weight: Decimal = _ONE

    def __post_init__(self) -> None:
        versions = SUPPORTED_RULES.get(self.name)
        if versions is None:
            known = ", ".join(SUPPORTED_RULES)
            raise DomainError(f"unknown aggregation rule {self.name!r} (known: {known})")
        if isinstance(self.version, bool) or self.version not in versions:
            supported = ", ".join(str(v) for v in sorted(versions))
            raise DomainError(
                f"aggregation rule {self.name!r} has no version {self.version!r} "
                f"in this program (supported: {supported})"
            )
        provincial = _weight(self.provincial_weight, "the provincial weight")
        municipal = _weight(self.municipal_weight, "the municipal weight")
        if self.name != WEIGHTED and (provincial != _ONE or municipal != _ONE):
            raise DomainError(
                f"evaluator weights apply only to the {WEIGHTED!r} rule, not to {self.name!r}"
            )
        object.__setattr__(self, "provincial_weight", provincial)
        object.__setattr__(self, "municipal_weight", municipal)

    @property
    def id(self) -> str:
        """A short identifier for reports and logs, e.g. "trimmed-mean/v1"."""
        text = f"{self.name}/v{self.version}"
        if self.name == WEIGHTED:
            text += (
                f" (provincial {format_points(self.provincial_weight)}, "
                f"municipal {format_points(self.municipal_weight)})"
            )
        return text

    def weight(self, level: Level) -> Decimal:
        if self.name != WEIGHTED:
            return _ONE
        return self.provincial_weight if level is Level.PROVINCIAL else self.municipal_weight

    @property
    def description(self) -> Bilingual:
        version_zh, version_en = f"；版本 {self.version}", f"; version {self.version}"
        if self.name == TRIMMED_MEAN:
            return Bilingual(
                f"去掉一个最高分和一个最低分后取算术平均（评审员不少于{TRIM_FROM}人时；"
                f"不足{TRIM_FROM}人时取全部总分的算术平均）{version_zh}",
                f"Arithmetic mean after dropping one highest and one lowest total (when at "
                f"least {TRIM_FROM} evaluators scored; otherwise the mean of all totals)"
                f"{version_en}",
            )
        if self.name == MEAN:
            return Bilingual(
                f"全部评审员总分的算术平均{version_zh}",
                f"Arithmetic mean of all evaluators' totals{version_en}",
            )
        if self.name == MEDIAN:
            return Bilingual(
                f"全部评审员总分的中位数（人数为偶数时取中间两个总分的平均）{version_zh}",
                f"Median of all evaluators' totals (the mean of the middle two for an even "
                f"number of evaluators){version_en}",
            )
        provincial = format_points(self.provincial_weight)
        municipal = format_points(self.municipal_weight)
        return Bilingual(
            f"按评审员级别加权平均总分（省级评审员权重 {provincial}，市级评审员权重 "
            f"{municipal}）{version_zh}",
            f"Weighted mean of the totals by evaluator level (provincial evaluators weight "
            f"{provincial}, municipal evaluators weight {municipal}){version_en}",
        )

    def describe(self, language: str) -> str:
        """The sentence a results report prints, in "zh" or "en"."""
        return self.description.get(language)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "version": self.version}
        if self.name == WEIGHTED:
            data["provincial_weight"] = format_points(self.provincial_weight)
            data["municipal_weight"] = format_points(self.municipal_weight)
        return data

    @classmethod
    def from_json(cls, data: object) -> AggregationRule:
        """Read a rule written by `to_json`; weights may be strings ("1.5") or integers."""
        if not isinstance(data, Mapping):
            raise DomainError(f"an aggregation rule must be a JSON object, got {data!r}")
        unknown = sorted(str(key) for key in data if key not in _JSON_KEYS)
        if unknown:
            raise DomainError(f"aggregation rule has unknown field(s): {', '.join(unknown)}")
        name, version = data.get("name"), data.get("version")
        if not isinstance(name, str):
            raise DomainError(f"aggregation rule name must be text, got {name!r}")
        if isinstance(version, bool) or not isinstance(version, int):
            raise DomainError(f"aggregation rule version must be a whole number, got {version!r}")
        return cls(
            name=name,
            version=version,
            provincial_weight=_weight(data.get("provincial_weight", 1), "the provincial weight"),
            municipal_weight=_weight(data.get("municipal_weight", 1), "the municipal weight"),
        )


DEFAULT_RULE = AggregationRule(TRIMMED_MEAN)


def official_score(rule: AggregationRule, cards: Sequence[tuple[Decimal, Level]]) -> Decimal:
    """The panel's official score from (total, evaluator level) pairs under `rule`."""
    if not cards:
        raise DomainError("no official score without at least one valid scorecard")
    totals = [total for total, _ in cards]
    if rule.name == WEIGHTED:
        describe(totals)  # validates the totals
        weights = [Fraction(rule.weight(level)) for _, level in cards]
        weighted = sum(
            (w * Fraction(total) for w, (total, _) in zip(weights, cards, strict=True)),
            Fraction(0),
        )
        return _decimal(weighted / sum(weights, Fraction(0)))
    stats = describe(totals)
    if rule.name == MEAN:
        return stats.mean
    if rule.name == MEDIAN:
        return stats.median
    return stats.trimmed_mean


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


# -------------------------------------------------------------------------- ranking, tiers


@dataclass(frozen=True, slots=True)
class Ranked:
    credit_code: str
    tier: Tier
    score: Decimal
    rank: int


def rank_within_tiers(entries: Iterable[tuple[str, Tier, Decimal]]) -> dict[Tier, list[Ranked]]:
    """Rank candidates within their tier: highest score first, ties share a rank (1, 2, 2, 4).

    Tied candidates are listed by credit code. Every tier is a key, in tier order.
    """
    by_tier: dict[Tier, list[tuple[str, Decimal]]] = {tier: [] for tier in Tier}
    seen: set[str] = set()
    for credit_code, tier, score in entries:
        if credit_code in seen:
            raise DomainError(f"candidate {credit_code} appears more than once in the ranking")
        seen.add(credit_code)
        by_tier[tier].append((credit_code, score))
    ranked: dict[Tier, list[Ranked]] = {}
    for tier, members in by_tier.items():
        members.sort(key=lambda entry: (-entry[1], entry[0]))
        rows: list[Ranked] = []
        for position, (credit_code, score) in enumerate(members):
            rank = rows[-1].rank if rows and rows[-1].score == score else position + 1
            rows.append(Ranked(credit_code=credit_code, tier=tier, score=score, rank=rank))
        ranked[tier] = rows
    return ranked


def _threshold(value: object, what: str) -> Decimal:
    try:
        threshold = _number(value)
    except TypeError:
        raise DomainError(f"the {what} threshold must be a number, got {value!r}") from None
    except ArithmeticError:
        raise DomainError(f"the {what} threshold {value!r} is not a number") from None
    if not threshold.is_finite():
        raise DomainError(f"the {what} threshold must be a finite number, got {value!r}")
    return threshold


@dataclass(frozen=True, slots=True)
class TierThresholds:
    """Total scores (out of 1000) from which a tier is recommended: a configurable setting."""

    potential: Decimal
    advantage: Decimal

    def __post_init__(self) -> None:
        potential = _threshold(self.potential, "potential")
        advantage = _threshold(self.advantage, "advantage")
        if not 0 <= potential < advantage <= 1000:
            raise DomainError(
                "tier thresholds need 0 ≤ potential < advantage ≤ 1000, got potential "
                f"{format_points(potential)} and advantage {format_points(advantage)}"
            )
        object.__setattr__(self, "potential", potential)
        object.__setattr__(self, "advantage", advantage)

    def recommend(self, score: Decimal) -> Tier:
        if score >= self.advantage:
            return Tier.ADVANTAGE
        if score >= self.potential:
            return Tier.POTENTIAL
        return Tier.SEED

    def to_json(self) -> dict[str, Any]:
        return {
            "potential": format_points(self.potential),
            "advantage": format_points(self.advantage),
        }

    @classmethod
    def from_json(cls, data: object) -> TierThresholds:
        if not isinstance(data, Mapping):
            raise DomainError(f"tier thresholds must be a JSON object, got {data!r}")
        unknown = sorted(str(key) for key in data if key not in {"potential", "advantage"})
        if unknown:
            raise DomainError(f"tier thresholds have unknown field(s): {', '.join(unknown)}")
        for key in ("potential", "advantage"):
            if key not in data:
                raise DomainError(f"tier thresholds miss the {key!r} field")
        return cls(
            potential=_threshold(data["potential"], "potential"),
            advantage=_threshold(data["advantage"], "advantage"),
        )


# A starting point, not a rule: the secretariat sets its own thresholds (a saved setting).
# For scale, Hangzhou's 2025 draft requires ≥ 620/1000 just to apply for its award.
DEFAULT_THRESHOLDS = TierThresholds(potential=Decimal(400), advantage=Decimal(550))
