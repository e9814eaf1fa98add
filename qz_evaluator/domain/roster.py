"""Evaluators, rounds, panels and conflicts of interest (回避)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.text import Bilingual

# The fewest evaluators a panel should have; a workspace may set its own (services.panels).
DEFAULT_PANEL_MINIMUM = 5
# The name a new committee root gets unless the secretariat types another.
DEFAULT_COMMITTEE_NAME = "衢州市政府质量奖评审委员会根证书"
_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


class Level(StrEnum):
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"

    @property
    def label(self) -> Bilingual:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.PROVINCIAL: Bilingual("省级评审员", "Provincial evaluator"),
    Level.MUNICIPAL: Bilingual("市级评审员", "Municipal evaluator"),
}
_LEVEL_ALIASES = {
    "provincial": Level.PROVINCIAL,
    "省级": Level.PROVINCIAL,
    "省": Level.PROVINCIAL,
    "municipal": Level.MUNICIPAL,
    "市级": Level.MUNICIPAL,
    "市": Level.MUNICIPAL,
}


def parse_level(text: str) -> Level:
    level = _LEVEL_ALIASES.get(text.strip().lower())
    if level is None:
        raise DomainError(
            "unknown evaluator level {text!r}: use provincial/municipal or 省级/市级", text=text
        )
    return level


def is_valid_code(code: str) -> bool:
    """The roster's one rule for codes (evaluators, rounds): ASCII letters, digits, '-' or
    '_', 1 to 32 of them; front ends check typed codes with it as they are typed."""
    return _CODE.fullmatch(code) is not None


def validate_code(code: str, what: str = "evaluator code") -> str:
    code = code.strip()
    if not is_valid_code(code):
        raise DomainError(
            "{what} {code!r} must be 1–32 letters, digits, '-' or '_'", what=what, code=code
        )
    return code


@dataclass(frozen=True, slots=True)
class Evaluator:
    code: str
    name: str
    level: Level
    organisation: str = ""
    certificate_fingerprint: str | None = None

    @staticmethod
    def create(*, code: str, name: str, level: str | Level, organisation: str = "") -> Evaluator:
        if not name.strip():
            raise DomainError("evaluator name is empty")
        return Evaluator(
            code=validate_code(code),
            name=name.strip(),
            level=level if isinstance(level, Level) else parse_level(level),
            organisation=organisation.strip(),
        )


class RoundKind(StrEnum):
    DOCUMENT_REVIEW = "document-review"
    SITE_VISIT = "site-visit"

    @property
    def label(self) -> Bilingual:
        return ROUND_KIND_LABELS[self]


ROUND_KIND_LABELS = {
    RoundKind.DOCUMENT_REVIEW: Bilingual("资料评审", "Document review"),
    RoundKind.SITE_VISIT: Bilingual("现场评审", "Site visit"),
}


@dataclass(frozen=True, slots=True)
class Round:
    code: str
    name: str
    kind: RoundKind
    year: int
    criteria_id: str


class PanelRole(StrEnum):
    LEADER = "leader"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class PanelMember:
    round_code: str
    credit_code: str
    evaluator_code: str
    role: PanelRole


@dataclass(frozen=True, slots=True)
class Conflict:
    """A recorded conflict of interest: this evaluator must not score this candidate."""

    credit_code: str
    evaluator_code: str
    reason: str
    declared_by: str = "secretariat"
