"""Panels as the workspace records them: the domain's eligibility rule applied to the
workspace's panels, conflicts and withdrawals, and the workspace's panel minimum; the
secretariat's edits of a round's panels (add, remove, choose the leader) and the grid
of a round's panels with each evaluator's load."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.eligibility import Ineligible, NotEligible, eligibility
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import (
    DEFAULT_PANEL_MINIMUM,
    Conflict,
    Evaluator,
    PanelMember,
    PanelRole,
    Round,
    RoundKind,
)
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.workspace import Role, Workspace

# Stable error codes of panel edits (conflicts use the rule's own `conflict-of-interest`).
SCORECARD_ACCEPTED = "scorecard-accepted"

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


# ----- editing a round's panels -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberChange:
    """One evaluator's role on one panel, before and after (None: not on the panel)."""

    evaluator_code: str
    old: PanelRole | None
    new: PanelRole | None


@dataclass(frozen=True, slots=True)
class PanelChange:
    """What an edit changed on one candidate's panel in one round (nothing, if empty)."""

    round_code: str
    credit_code: str
    members: tuple[MemberChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.members)


def _require_secretariat(workspace: Workspace) -> None:
    if workspace.role is not Role.SECRETARIAT:
        raise ServiceError(
            "panels are set in the secretariat's workspace; evaluators receive theirs in"
            " their assignment package"
        )


def _check_may_join(
    workspace: Workspace, round_code: str, candidate: Candidate, evaluator_code: str
) -> None:
    """Refuse (NotEligible) an evaluator the rule would bar once on the panel: a recorded
    conflict of interest, or a withdrawn candidate."""
    workspace.round(round_code)
    workspace.evaluator(evaluator_code)
    credit_code = candidate.credit_code
    reason = eligibility(
        round_code,
        credit_code,
        evaluator_code,
        members=(PanelMember(round_code, credit_code, evaluator_code, PanelRole.MEMBER),),
        conflicts=workspace.conflicts(credit_code=credit_code, evaluator_code=evaluator_code),
        withdrawn=candidate.withdrawn,
    )
    if reason is not None:
        raise NotEligible(
            reason, round_code, credit_code, evaluator_code, candidate_name=candidate.name
        )


def add_member(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> PanelChange:
    """Put the evaluator on the candidate's panel as a member (a leader stays leader).

    Refused with the rule's reason (`conflict-of-interest`, `withdrawn`) when the
    evaluator could not score the candidate once on the panel."""
    _require_secretariat(workspace)
    candidate = workspace.candidate(credit_code)
    _check_may_join(workspace, round_code, candidate, evaluator_code)
    with workspace.transaction():
        old = workspace.panel_role(round_code, credit_code, evaluator_code)
        if old is not None:
            return PanelChange(round_code, credit_code)
        workspace.set_panel_role(round_code, credit_code, evaluator_code, PanelRole.MEMBER)
    return PanelChange(
        round_code, credit_code, (MemberChange(evaluator_code, None, PanelRole.MEMBER),)
    )


def remove_member(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> PanelChange:
    """Take the evaluator off the candidate's panel; refused once their scorecard for the
    candidate has been accepted in the round (it counts in the results)."""
    _require_secretariat(workspace)
    candidate = workspace.candidate(credit_code)
    accepted = workspace.submissions(
        round_code=round_code,
        credit_code=credit_code,
        evaluator_code=evaluator_code,
        statuses=[SubmissionStatus.ACCEPTED],
    )
    if accepted:
        raise ServiceError(
            "evaluator {evaluator} stays on the panel of {candidate} in round {round}:"
            " their signed scorecard for it has been accepted and counts in the results",
            error_code=SCORECARD_ACCEPTED,
            evaluator=evaluator_code,
            candidate=f"{candidate.name} ({credit_code})",
            round=round_code,
        )
    with workspace.transaction():
        old = workspace.set_panel_role(round_code, credit_code, evaluator_code, None)
    if old is None:
        return PanelChange(round_code, credit_code)
    return PanelChange(round_code, credit_code, (MemberChange(evaluator_code, old, None),))


def set_leader(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> PanelChange:
    """Make the evaluator the panel's leader (putting them on the panel if need be, with
    the same checks as `add_member`); the leader before becomes a member: one leader
    per panel."""
    _require_secretariat(workspace)
    candidate = workspace.candidate(credit_code)
    _check_may_join(workspace, round_code, candidate, evaluator_code)
    changes: list[MemberChange] = []
    with workspace.transaction():
        for member in workspace.panel_members(round_code=round_code, credit_code=credit_code):
            if member.role is PanelRole.LEADER and member.evaluator_code != evaluator_code:
                workspace.set_panel_role(
                    round_code, credit_code, member.evaluator_code, PanelRole.MEMBER
                )
                changes.append(
                    MemberChange(member.evaluator_code, PanelRole.LEADER, PanelRole.MEMBER)
                )
        old = workspace.set_panel_role(round_code, credit_code, evaluator_code, PanelRole.LEADER)
        if old is not PanelRole.LEADER:
            changes.append(MemberChange(evaluator_code, old, PanelRole.LEADER))
    return PanelChange(round_code, credit_code, tuple(changes))


def set_visit_days(workspace: Workspace, round_code: str, days: float | None) -> RoundSettings:
    """Set the round's days per candidate (None: its kind's default); the new settings."""
    _require_secretariat(workspace)
    settings = replace(workspace.round_settings(round_code), visit_days=days)
    workspace.set_round_settings(round_code, settings)
    return settings


# ----- a round's panels at a glance -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Load:
    """An evaluator's work in a round: candidates and the days they take."""

    candidates: int
    days: float


@dataclass
class PanelGrid:
    """A round's candidates × the roster's evaluators: each cell's role, recorded
    conflicts (with their reasons), accepted scorecards; kept up to date by `apply`."""

    round: Round
    settings: RoundSettings
    candidates: list[Candidate]
    evaluators: list[Evaluator]
    minimum: int
    roles: dict[tuple[str, str], PanelRole] = field(default_factory=dict)
    conflicts: dict[tuple[str, str], str] = field(default_factory=dict)
    accepted: set[tuple[str, str]] = field(default_factory=set)
    # Counted once, then kept by `apply`: a province's grid is not recounted per edit.
    sizes: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, set[str]] = field(default_factory=dict)
    panels_of: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (credit_code, evaluator_code), role in self.roles.items():
            self._count(credit_code, evaluator_code, role, 1)

    def _count(self, credit_code: str, evaluator_code: str, role: PanelRole, step: int) -> None:
        self.sizes[credit_code] = self.sizes.get(credit_code, 0) + step
        self.panels_of[evaluator_code] = self.panels_of.get(evaluator_code, 0) + step
        if role is PanelRole.LEADER:
            leaders = self.leaders.setdefault(credit_code, set())
            if step > 0:
                leaders.add(evaluator_code)
            else:
                leaders.discard(evaluator_code)

    def apply(self, change: PanelChange) -> None:
        if change.round_code != self.round.code:
            return
        for member in change.members:
            key = (change.credit_code, member.evaluator_code)
            if member.old is not None:
                self._count(*key, member.old, -1)
                self.roles.pop(key, None)
            if member.new is not None:
                self._count(*key, member.new, 1)
                self.roles[key] = member.new

    @property
    def days_per_candidate(self) -> float:
        return self.settings.days_per_candidate(self.round.kind)

    def role(self, credit_code: str, evaluator_code: str) -> PanelRole | None:
        return self.roles.get((credit_code, evaluator_code))

    def size(self, credit_code: str) -> int:
        return self.sizes.get(credit_code, 0)

    def leader_count(self, credit_code: str) -> int:
        return len(self.leaders.get(credit_code, ()))

    def undersized(self, credit_code: str) -> bool:
        """A panel (at least one member) with fewer than the minimum; a candidate without
        any panel in the round is not counted as one."""
        return 0 < self.size(credit_code) < self.minimum

    def leaderless(self, credit_code: str) -> bool:
        return self.size(credit_code) > 0 and self.leader_count(credit_code) == 0

    def undersized_panels(self) -> list[str]:
        return [c.credit_code for c in self.candidates if self.undersized(c.credit_code)]

    def leaderless_panels(self) -> list[str]:
        return [c.credit_code for c in self.candidates if self.leaderless(c.credit_code)]

    def load(self, evaluator_code: str) -> Load:
        count = self.panels_of.get(evaluator_code, 0)
        return Load(count, count * self.days_per_candidate)

    def panel_evaluators(self) -> list[str]:
        """Codes of the evaluators on at least one of the round's panels, in roster order."""
        return [e.code for e in self.evaluators if self.panels_of.get(e.code, 0) > 0]


def panel_grid(workspace: Workspace, round_code: str) -> PanelGrid:
    """The round's panels as a grid: its candidates (withdrawn ones only while they still
    have a panel), the whole roster, roles, conflicts and accepted scorecards, in a
    handful of queries at any size."""
    round_ = workspace.round(round_code)
    members = workspace.panel_members(round_code=round_code)
    on_panels = {m.credit_code for m in members}
    candidates = [
        c for c in workspace.candidates() if not c.withdrawn or c.credit_code in on_panels
    ]
    return PanelGrid(
        round=round_,
        settings=workspace.round_settings(round_code),
        candidates=candidates,
        evaluators=workspace.evaluators(),
        minimum=panel_minimum(workspace),
        roles={(m.credit_code, m.evaluator_code): m.role for m in members},
        conflicts={(c.credit_code, c.evaluator_code): c.reason for c in workspace.conflicts()},
        accepted={
            (credit_code, evaluator_code)
            for _round, credit_code, evaluator_code in workspace.accepted_keys(round_code)
        },
    )


def default_panel_round(workspace: Workspace) -> Round | None:
    """The round whose panels the secretariat is most likely planning: the latest site
    visit, else the latest round."""
    rounds = workspace.rounds()
    visits = [r for r in rounds if r.kind is RoundKind.SITE_VISIT]
    if visits:
        return visits[-1]
    return rounds[-1] if rounds else None


# ----- conflicts recorded by the secretariat ----------------------------------------------


@dataclass(frozen=True)
class ConflictRecorded:
    """What recording a conflict of interest changed besides the record itself."""

    conflict: Conflict
    # (round, revision) of the evaluator's accepted scorecards for the candidate that no
    # longer count: kept as history, superseded, with the reason in the audit trail.
    set_aside: tuple[tuple[str, int], ...] = ()
    off_panels: tuple[str, ...] = ()  # rounds whose panel of the candidate they left

    def notes(self) -> list[str]:
        """One line per consequence, for the import's report."""
        who = f"{self.conflict.evaluator_code} / {self.conflict.credit_code}"
        lines = [
            f"{who}: scorecard r{revision} of round {round_code} set aside (conflict of"
            f" interest recorded: {self.conflict.reason})"
            for round_code, revision in self.set_aside
        ]
        lines += [f"{who}: taken off the panel of round {r}" for r in self.off_panels]
        return lines


def record_conflict(workspace: Workspace, conflict: Conflict) -> ConflictRecorded:
    """Record that the evaluator must not score the candidate, with what follows from it
    at once: off the candidate's panels, and any scorecard already accepted for it set
    aside (a result made final with it is final no more). A conflict found late must not
    leave a score counting that the rule now forbids."""
    accepted = workspace.submissions(
        credit_code=conflict.credit_code,
        evaluator_code=conflict.evaluator_code,
        statuses=[SubmissionStatus.ACCEPTED],
    )
    seats = workspace.panel_members(
        credit_code=conflict.credit_code, evaluator_code=conflict.evaluator_code
    )
    with workspace.transaction():
        workspace.add_conflict(conflict)
        for submission in accepted:
            workspace.set_submission_status(submission.id, SubmissionStatus.SUPERSEDED)
        for seat in seats:
            workspace.set_panel_role(seat.round_code, seat.credit_code, seat.evaluator_code, None)
        for round_code in sorted({s.round_code for s in accepted}):
            workspace.clear_result_final(round_code, conflict.credit_code)
    return ConflictRecorded(
        conflict,
        tuple((s.round_code, s.revision) for s in accepted),
        tuple(seat.round_code for seat in seats),
    )
