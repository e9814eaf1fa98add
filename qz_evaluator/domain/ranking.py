"""Ranking within tiers and the tier a score recommends (a configurable setting)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.domain.statistics import as_decimal


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
            raise DomainError(
                "candidate {credit_code} appears more than once in the ranking",
                credit_code=credit_code,
            )
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
        threshold = as_decimal(value)
    except TypeError:
        raise DomainError(
            "the {what} threshold must be a number, got {value!r}", what=what, value=value
        ) from None
    except ArithmeticError:
        raise DomainError(
            "the {what} threshold {value!r} is not a number", what=what, value=value
        ) from None
    if not threshold.is_finite():
        raise DomainError(
            "the {what} threshold must be a finite number, got {value!r}", what=what, value=value
        )
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
                "{format_points} and advantage {format_points_2}",
                format_points=format_points(potential),
                format_points_2=format_points(advantage),
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
            raise DomainError("tier thresholds must be a JSON object, got {data!r}", data=data)
        unknown = sorted(str(key) for key in data if key not in {"potential", "advantage"})
        if unknown:
            raise DomainError(
                "tier thresholds have unknown field(s): {join}", join=", ".join(unknown)
            )
        for key in ("potential", "advantage"):
            if key not in data:
                raise DomainError("tier thresholds miss the {key!r} field", key=key)
        return cls(
            potential=_threshold(data["potential"], "potential"),
            advantage=_threshold(data["advantage"], "advantage"),
        )


# A starting point, not a rule: the secretariat sets its own thresholds (a saved setting).
# For scale, Hangzhou's 2025 draft requires ≥ 620/1000 just to apply for its award.
DEFAULT_THRESHOLDS = TierThresholds(potential=Decimal(400), advantage=Decimal(550))
