"""Candidates of the three-tier cultivation pool (创省奖三级培育库) and their tier history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from qz_evaluator.domain import credit_code
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.text import Bilingual


class Tier(StrEnum):
    SEED = "seed"
    POTENTIAL = "potential"
    ADVANTAGE = "advantage"

    @property
    def label(self) -> Bilingual:
        return TIER_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Tier).index(self)


TIER_LABELS = {
    Tier.SEED: Bilingual("种子单位", "Seed"),
    Tier.POTENTIAL: Bilingual("潜力单位", "Potential"),
    Tier.ADVANTAGE: Bilingual("优势单位", "Advantage"),
}

_TIER_ALIASES = {
    "seed": Tier.SEED,
    "种子": Tier.SEED,
    "种子单位": Tier.SEED,
    "potential": Tier.POTENTIAL,
    "潜力": Tier.POTENTIAL,
    "潜力单位": Tier.POTENTIAL,
    "advantage": Tier.ADVANTAGE,
    "优势": Tier.ADVANTAGE,
    "优势单位": Tier.ADVANTAGE,
}


def parse_tier(text: str) -> Tier:
    """Accept the English code or the Chinese name, as secretariat spreadsheets mix both."""
    tier = _TIER_ALIASES.get(text.strip().lower())
    if tier is None:
        raise DomainError(
            "unknown tier {text!r}: use seed/potential/advantage or 种子/潜力/优势", text=text
        )
    return tier


@dataclass(frozen=True, slots=True)
class Candidate:
    credit_code: str
    name: str
    county: str
    industry: str
    tier: Tier
    contact_person: str = ""
    contact_phone: str = ""
    id: int = 0  # the store's row id; 0 only for a candidate not yet stored
    withdrawn: bool = False

    @staticmethod
    def create(
        *,
        credit_code_text: str,
        name: str,
        county: str,
        industry: str,
        tier: str | Tier,
        contact_person: str = "",
        contact_phone: str = "",
    ) -> Candidate:
        """Validate raw values (from a CSV row or a form) into a candidate."""
        code = credit_code.validate(credit_code_text)
        if not name.strip():
            raise DomainError("candidate name is empty")
        if not county.strip():
            raise DomainError("county/district is empty")
        return Candidate(
            credit_code=code,
            name=name.strip(),
            county=county.strip(),
            industry=industry.strip(),
            tier=tier if isinstance(tier, Tier) else parse_tier(tier),
            contact_person=contact_person.strip(),
            contact_phone=contact_phone.strip(),
        )


@dataclass(frozen=True, slots=True)
class TierChange:
    """One move in the pool; from_tier is None when a candidate enters the pool."""

    credit_code: str
    from_tier: Tier | None
    to_tier: Tier
    changed_on: date
    reason: str

    @property
    def direction(self) -> str:
        if self.from_tier is None:
            return "entered"
        if self.to_tier.rank > self.from_tier.rank:
            return "promoted"
        if self.to_tier.rank < self.from_tier.rank:
            return "demoted"
        return "unchanged"


def tier_change(candidate: Candidate, to_tier: Tier, changed_on: date, reason: str) -> TierChange:
    if to_tier is candidate.tier:
        raise DomainError(
            "{name} is already in tier {value}", name=candidate.name, value=to_tier.value
        )
    if not reason.strip():
        raise DomainError("a tier change needs a reason (e.g. the round's result)")
    return TierChange(candidate.credit_code, candidate.tier, to_tier, changed_on, reason.strip())
