"""The cultivation pool: rounds and tier changes."""

from __future__ import annotations

from datetime import date

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.candidates import Tier, TierChange, tier_change
from qz_evaluator.domain.roster import Round, RoundKind, validate_code
from qz_evaluator.store.workspace import Workspace


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
    round_ = Round(
        code=validate_code(code, "round code"),
        name=name or code,
        kind=kind,
        year=year,
        criteria_id=criteria_id,
    )
    workspace.upsert_round(round_)
    return round_
