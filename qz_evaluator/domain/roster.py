"""Evaluators, rounds, panels and conflicts of interest (回避)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.text import Bilingual

MIN_PANEL_SIZE = 5
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


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
            f"unknown evaluator level {text!r}: use provincial/municipal or 省级/市级"
        )
    return level


def validate_code(code: str, what: str = "evaluator code") -> str:
    code = code.strip()
    if not _CODE.match(code):
        raise DomainError(f"{what} {code!r} must be 1–32 letters, digits, '-' or '_'")
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


@dataclass(frozen=True, slots=True)
class PanelCheck:
    """What the secretariat should know about one candidate's panel in one round."""

    round_code: str
    credit_code: str
    members: tuple[str, ...]
    leaders: tuple[str, ...]
    conflicted: tuple[str, ...] = field(default=())

    @property
    def undersized(self) -> bool:
        return len(self.members) < MIN_PANEL_SIZE

    @property
    def problems(self) -> list[str]:
        found: list[str] = []
        if self.undersized:
            found.append(f"panel has {len(self.members)} evaluators, fewer than {MIN_PANEL_SIZE}")
        if len(self.leaders) != 1:
            found.append(f"panel has {len(self.leaders)} leaders, expected exactly 1")
        if self.conflicted:
            found.append(f"conflicted evaluators on panel: {', '.join(self.conflicted)}")
        return found


def check_panel(
    round_code: str,
    credit_code: str,
    members: Iterable[PanelMember],
    conflicts: Iterable[Conflict],
) -> PanelCheck:
    mine = [m for m in members if m.round_code == round_code and m.credit_code == credit_code]
    barred = {c.evaluator_code for c in conflicts if c.credit_code == credit_code}
    codes = tuple(sorted(m.evaluator_code for m in mine))
    return PanelCheck(
        round_code=round_code,
        credit_code=credit_code,
        members=codes,
        leaders=tuple(sorted(m.evaluator_code for m in mine if m.role is PanelRole.LEADER)),
        conflicted=tuple(code for code in codes if code in barred),
    )
