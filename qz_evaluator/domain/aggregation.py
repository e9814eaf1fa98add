"""How a panel's totals become the official score: named, versioned aggregation rules.

The arithmetic is not fixed by any retrieved rule, so it is a setting (`AggregationRule`)
that every results report prints. The arithmetic is exact (see `statistics`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import Level
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.domain.statistics import TRIM_FROM, Stats, as_decimal, decimal_of, describe
from qz_evaluator.domain.text import Bilingual

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


def _weight(value: object, what: str) -> Decimal:
    try:
        weight = as_decimal(value)
    except TypeError:
        raise DomainError(
            '{what} must be a number such as 1 or "1.5", got {value!r}', what=what, value=value
        ) from None
    except ArithmeticError:
        raise DomainError("{what} {value!r} is not a number", what=what, value=value) from None
    if not weight.is_finite() or weight <= 0:
        raise DomainError("{what} must be greater than 0, got {value!r}", what=what, value=value)
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
            raise DomainError(
                "unknown aggregation rule {name!r} (known: {known})", name=self.name, known=known
            )
        if isinstance(self.version, bool) or self.version not in versions:
            supported = ", ".join(str(v) for v in sorted(versions))
            raise DomainError(
                "aggregation rule {name!r} has no version {version!r} in this program "
                "(supported: {supported})",
                name=self.name,
                version=self.version,
                supported=supported,
            )
        provincial = _weight(self.provincial_weight, "the provincial weight")
        municipal = _weight(self.municipal_weight, "the municipal weight")
        if self.name != WEIGHTED and (provincial != _ONE or municipal != _ONE):
            raise DomainError(
                "evaluator weights apply only to the {WEIGHTED!r} rule, not to {name!r}",
                WEIGHTED=WEIGHTED,
                name=self.name,
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
            raise DomainError("an aggregation rule must be a JSON object, got {data!r}", data=data)
        unknown = sorted(str(key) for key in data if key not in _JSON_KEYS)
        if unknown:
            raise DomainError(
                "aggregation rule has unknown field(s): {join}", join=", ".join(unknown)
            )
        name, version = data.get("name"), data.get("version")
        if not isinstance(name, str):
            raise DomainError("aggregation rule name must be text, got {name!r}", name=name)
        if isinstance(version, bool) or not isinstance(version, int):
            raise DomainError(
                "aggregation rule version must be a whole number, got {version!r}", version=version
            )
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
    return official_of(rule, describe([total for total, _ in cards]), cards)


def official_of(
    rule: AggregationRule, totals: Stats, cards: Sequence[tuple[Decimal, Level]]
) -> Decimal:
    """`official_score` when the totals' statistics are already known (`totals`)."""
    if rule.name == WEIGHTED:
        weights = [Fraction(rule.weight(level)) for _, level in cards]
        weighted = sum(
            (w * Fraction(total) for w, (total, _) in zip(weights, cards, strict=True)),
            Fraction(0),
        )
        return decimal_of(weighted / sum(weights, Fraction(0)))
    if rule.name == MEAN:
        return totals.mean
    if rule.name == MEDIAN:
        return totals.median
    return totals.trimmed_mean
