"""Panels as the workspace records them: the domain's eligibility rule applied to the
workspace's panels, conflicts and withdrawals, and the workspace's panel minimum."""

from __future__ import annotations

from qz_evaluator.domain.eligibility import Ineligible, NotEligible, eligibility
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import DEFAULT_PANEL_MINIMUM
from qz_evaluator.store.workspace import Workspace

PANEL_MINIMUM_KEY = "panel_minimum"


def eligibility_in(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> Ineligible | None:
    """Whether (None) or why not the evaluator may score the candidate in this workspace."""
    candidate = workspace.find_candidate(credit_code)
    return eligibility(
        round_code,
        credit_code,
        evaluator_code,
        members=workspace.panel_members(
            round_code=round_code, credit_code=credit_code, evaluator_code=evaluator_code
        ),
        conflicts=workspace.conflicts(credit_code=credit_code, evaluator_code=evaluator_code),
        withdrawn=candidate is not None and candidate.withdrawn,
    )


def require_eligible(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> None:
    """Raise NotEligible (with its reason) unless the evaluator may score the candidate."""
    reason = eligibility_in(workspace, round_code, credit_code, evaluator_code)
    if reason is not None:
        candidate = workspace.find_candidate(credit_code)
        raise NotEligible(
            reason,
            round_code,
            credit_code,
            evaluator_code,
            candidate_name=candidate.name if candidate else None,
        )


def panel_minimum(workspace: Workspace) -> int:
    """The fewest evaluators a panel may have (workspace setting, default 5)."""
    text = workspace.meta(PANEL_MINIMUM_KEY)
    if text is None:
        return DEFAULT_PANEL_MINIMUM
    try:
        return max(1, int(text))
    except ValueError:
        raise DomainError(
            "the workspace's panel minimum {text!r} is not a number", text=text
        ) from None


def set_panel_minimum(workspace: Workspace, minimum: int) -> None:
    if minimum < 1:
        raise DomainError("a panel needs at least one evaluator")
    workspace.set_meta(PANEL_MINIMUM_KEY, str(minimum))
