"""The cultivation pool: rounds and tier changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.candidates import Tier, TierChange, tier_change
from qz_evaluator.domain.errors import Phrase
from qz_evaluator.domain.roster import Round, RoundKind, validate_code
from qz_evaluator.domain.text import ROUND_NAME_LIMIT, check_name
from qz_evaluator.store.workspace import Role, Workspace


def set_tier(
    workspace: Workspace, credit_code: str, tier: Tier, reason: str, changed_on: date | None = None
) -> TierChange:
    candidate = workspace.candidate(credit_code)
    change = tier_change(candidate, tier, changed_on or date.today(), reason)
    workspace.record_tier_change(change)
    return change


def add_round(
    workspace: Workspace, code: str, name: str, kind: RoundKind, year: int, criteria_id: str
) -> Round:
    criteria_set(criteria_id)  # refuse an unknown criteria set before recording the round
    code = validate_code(code, "round code")
    round_ = Round(
        code=code,
        name=round_name(name, code),
        kind=kind,
        year=year,
        criteria_id=criteria_id,
    )
    workspace.upsert_round(round_)
    return round_


def round_name(name: str, code: str) -> str:
    """A round's name by the name rule (`domain.text.line_text_fault`: visible characters,
    no control or bidi characters, at most ROUND_NAME_LIMIT), trimmed; none: its code."""
    if not name:
        return code
    return check_name(name, Phrase("the name of round {round}", round=code), ROUND_NAME_LIMIT)


@dataclass(frozen=True)
class OfficialScore:
    """A candidate's official score in the latest round that gave it one."""

    score: Decimal
    round_code: str
    round_name: str


def latest_official_scores(workspace: Workspace) -> dict[str, OfficialScore]:
    """Credit code → its official score of the latest round with results (secretariat);
    candidates without any are left out. Later rounds (by year, then code) win."""
    from qz_evaluator.services.results import compute

    if workspace.role is not Role.SECRETARIAT:
        return {}
    found: dict[str, OfficialScore] = {}
    for round_ in workspace.rounds():  # oldest first: a later round overwrites
        if not workspace.submissions(round_code=round_.code):
            continue
        for outcome in compute(workspace, round_.code).outcomes:
            if outcome.official is not None:
                found[outcome.candidate.credit_code] = OfficialScore(
                    outcome.official, round_.code, round_.name
                )
    return found
