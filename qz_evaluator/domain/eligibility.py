"""Who may score whom: the one rule every path (window, CLI, package, merge) applies.

An evaluator may score a candidate in a round when no conflict of interest is recorded
between them, the candidate has not been withdrawn, and the evaluator sits on the
candidate's panel in that round. The checks run in that order because a conflicted
evaluator is (rightly) taken off the panel, and a withdrawn candidate's panel is
removed: checking the panel first would hide the real reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import field
from enum import StrEnum
from typing import NamedTuple

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import DEFAULT_PANEL_MINIMUM, Conflict, PanelMember, PanelRole


class Ineligible(StrEnum):
    """Why an evaluator may not score a candidate in a round (stable codes)."""

    CONFLICT_OF_INTEREST = "conflict-of-interest"
    WITHDRAWN = "withdrawn"
    NOT_ON_PANEL = "not-on-panel"


def eligibility(
    round_code: str,
    credit_code: str,
    evaluator_code: str,
    *,
    members: Iterable[PanelMember],
    conflicts: Iterable[Conflict],
    withdrawn: bool = False,
) -> Ineligible | None:
    """None if the evaluator may score the candidate in the round, else the first reason.

    `members` and `conflicts` may hold more than this pair's rows; only theirs count.
    `withdrawn` says whether the candidate has been withdrawn.
    """
    if any(c.credit_code == credit_code and c.evaluator_code == evaluator_code for c in conflicts):
        return Ineligible.CONFLICT_OF_INTEREST
    if withdrawn:
        return Ineligible.WITHDRAWN
    if not any(
        m.round_code == round_code
        and m.credit_code == credit_code
        and m.evaluator_code == evaluator_code
        for m in members
    ):
        return Ineligible.NOT_ON_PANEL
    return None


class PanelIndex:
    """Panel members, conflicts and withdrawals indexed once, so that asking the rule
    about many (round, candidate, evaluator) triples costs one lookup each."""

    def __init__(
        self,
        members: Iterable[PanelMember],
        conflicts: Iterable[Conflict],
        withdrawn: Collection[str] = (),
    ) -> None:
        self._members: dict[tuple[str, str, str], list[PanelMember]] = {}
        for m in members:
            self._members.setdefault((m.round_code, m.credit_code, m.evaluator_code), []).append(m)
        self._conflicts: dict[tuple[str, str], list[Conflict]] = {}
        for c in conflicts:
            self._conflicts.setdefault((c.credit_code, c.evaluator_code), []).append(c)
        self._withdrawn = frozenset(withdrawn)

    def eligibility(
        self, round_code: str, credit_code: str, evaluator_code: str
    ) -> Ineligible | None:
        return eligibility(
            round_code,
            credit_code,
            evaluator_code,
            members=self._members.get((round_code, credit_code, evaluator_code), ()),
            conflicts=self._conflicts.get((credit_code, evaluator_code), ()),
            withdrawn=credit_code in self._withdrawn,
        )


# The reason in words, naming evaluator, candidate (name or credit code) and round; the
# window translates these templates (see domain.errors.UserError).
REASON_TEMPLATES = {
    Ineligible.CONFLICT_OF_INTEREST: (
        "evaluator {evaluator} has a recorded conflict of interest with {candidate} "
        "and must not score it in round {round}"
    ),
    Ineligible.WITHDRAWN: (
        "{candidate} has been withdrawn from round {round}; evaluator {evaluator} no longer "
        "scores it"
    ),
    Ineligible.NOT_ON_PANEL: (
        "evaluator {evaluator} is not on the panel of {candidate} in round {round}"
    ),
}


def explain(reason: Ineligible, round_code: str, candidate: str, evaluator_code: str) -> str:
    return REASON_TEMPLATES[reason].format(
        evaluator=evaluator_code, candidate=candidate, round=round_code
    )


class NotEligible(DomainError):
    """The evaluator may not score the candidate in the round; `reason` (and `code`) say why."""

    def __init__(
        self,
        reason: Ineligible,
        round_code: str,
        credit_code: str,
        evaluator_code: str,
        *,
        candidate_name: str | None = None,
        context: object = "",  # str, or a Phrase the window translates
    ) -> None:
        candidate = f"{candidate_name} ({credit_code})" if candidate_name else credit_code
        super().__init__(
            "{context}" + REASON_TEMPLATES[reason],
            error_code=reason.value,
            context=context,
            evaluator=evaluator_code,
            candidate=candidate,
            round=round_code,
        )
        self.reason = reason
        self.round_code = round_code
        self.credit_code = credit_code
        self.evaluator_code = evaluator_code


class PanelCheck(NamedTuple):
    """What the secretariat should know about one candidate's panel in one round."""

    round_code: str
    credit_code: str
    members: tuple[str, ...]
    leaders: tuple[str, ...]
    conflicted: tuple[str, ...] = field(default=())
    minimum: int = DEFAULT_PANEL_MINIMUM

    @property
    def undersized(self) -> bool:
        return len(self.members) < self.minimum

    @property
    def problems(self) -> list[str]:
        found: list[str] = []
        if self.undersized:
            found.append(f"panel has {len(self.members)} evaluators, fewer than {self.minimum}")
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
    *,
    minimum: int = DEFAULT_PANEL_MINIMUM,
) -> PanelCheck:
    """The panel's size, leaders and members the rule bars for a conflict of interest.

    `members` and `conflicts` may hold other panels' rows, but for a whole round pass
    each panel only its own (see services.imports), or the check becomes quadratic.
    """
    mine = [m for m in members if m.round_code == round_code and m.credit_code == credit_code]
    mine_conflicts = [c for c in conflicts if c.credit_code == credit_code]
    codes = tuple(sorted(m.evaluator_code for m in mine))
    return PanelCheck(
        round_code=round_code,
        credit_code=credit_code,
        members=codes,
        leaders=tuple(sorted(m.evaluator_code for m in mine if m.role is PanelRole.LEADER)),
        conflicted=tuple(
            code
            for code in codes
            if eligibility(round_code, credit_code, code, members=mine, conflicts=mine_conflicts)
            is Ineligible.CONFLICT_OF_INTEREST
        ),
        minimum=minimum,
    )
