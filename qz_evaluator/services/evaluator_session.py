"""What the evaluator's window needs beyond scoring itself: the candidate list of the
current round with each scorecard's status, a new evaluator workspace, and an unsigned
preview of a scorecard's pages.

Read-only except `create_evaluator_workspace`; scores are changed through
`services.scoring`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.eligibility import Ineligible, PanelIndex
from qz_evaluator.domain.roster import Round, validate_code
from qz_evaluator.domain.scorecard import (
    NOT_STARTED_LABEL,
    STATUS_LABELS,
    Scorecard,
    ScorecardStatus,
)
from qz_evaluator.domain.text import Bilingual
from qz_evaluator.services.errors import ServiceError, UserError
from qz_evaluator.store.receipts import ReceivedLine
from qz_evaluator.store.workspace import ExportMarker, Role, Workspace

if TYPE_CHECKING:
    from qz_evaluator.domain import edit_history


class CandidateStatus(StrEnum):
    """Where the owner's scorecard for a candidate stands, as the candidate list shows it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    FINAL = "final"
    CONFLICT = "conflict"

    @property
    def label(self) -> Bilingual:
        return _STATUS_LABELS[self]


# The words of domain.scorecard's one table (one word per state everywhere).
_STATUS_LABELS = {
    CandidateStatus.NOT_STARTED: NOT_STARTED_LABEL,
    CandidateStatus.IN_PROGRESS: STATUS_LABELS[ScorecardStatus.DRAFT],
    CandidateStatus.FINAL: STATUS_LABELS[ScorecardStatus.FINAL],
    CandidateStatus.CONFLICT: STATUS_LABELS[ScorecardStatus.CONFLICT],
}


class ReceiptMark(NamedTuple):
    """Where one card stands with the secretariat, as the newest receipt imported says
    (services/receipts.py imports them)."""

    credit_code: str
    accepted: bool
    revision: int
    received_at: str  # ISO 8601 (UTC), as the secretariat recorded it
    outcome: str  # exchange.receipt.ReceiptOutcome's value
    reason: str | None  # merge's code, when the card is not accepted
    message: str  # merge's own words (English), when it gave some
    issued_at: str  # the receipt's

    @property
    def received(self) -> datetime:
        return datetime.fromisoformat(self.received_at)


def _marks(lines: list[ReceivedLine], issued_at: str) -> dict[str, ReceiptMark]:
    by_code: dict[str, list[ReceivedLine]] = {}
    for line in lines:
        by_code.setdefault(line.credit_code, []).append(line)
    marks: dict[str, ReceiptMark] = {}
    for code, own in by_code.items():
        accepted = [line for line in own if line.outcome == "accepted"]
        # The accepted file if there is one; else the newest file and why it does not count.
        line = max(accepted or own, key=lambda x: (x.revision, x.received_at))
        marks[code] = ReceiptMark(
            credit_code=code,
            accepted=bool(accepted),
            revision=line.revision,
            received_at=line.received_at,
            outcome=line.outcome,
            reason=None if accepted else (line.reason or line.outcome),
            message=line.message,
            issued_at=issued_at,
        )
    return marks


def receipt_marks(workspace: Workspace, round_code: str) -> dict[str, ReceiptMark]:
    """Per credit code, the card's mark from the newest receipt of the round imported
    (cards it does not list are absent: the secretariat has received nothing for them)."""
    owner = workspace.owner_code
    if workspace.role is not Role.EVALUATOR or not owner:
        return {}
    latest = workspace.latest_receipt(round_code, owner)
    if latest is None:
        return {}
    return _marks(workspace.receipt_lines(latest.id), latest.issued_at)


class CandidateRow(NamedTuple):
    """One line of the evaluator's candidate list."""

    candidate: Candidate
    status: CandidateStatus
    scored: int
    total: int
    last_export: ExportMarker | None = None  # "exported r2 at 14:05"
    receipt: ReceiptMark | None = None  # "秘书处已接收 r2 · 11-30 14:05"

    @property
    def progress(self) -> str:
        return f"{self.scored}/{self.total}"


def status_of(card_status: str | None, scored: int, conflict: bool) -> CandidateStatus:
    if conflict or card_status == ScorecardStatus.CONFLICT.value:
        return CandidateStatus.CONFLICT
    if card_status == ScorecardStatus.FINAL.value:
        return CandidateStatus.FINAL
    return CandidateStatus.IN_PROGRESS if scored else CandidateStatus.NOT_STARTED


def round_name(workspace: Workspace, round_code: str) -> str:
    """What people call the round (e.g. 2026年度现场评审), never its code where a name
    exists; the code if the round cannot be read."""
    try:
        return workspace.round(round_code).name or round_code
    except UserError:  # a round that cannot be read is shown by its code
        return round_code


def current_round(workspace: Workspace) -> Round | None:
    """The latest round the owner sits on a panel in (else the latest round, else None)."""
    rounds = workspace.rounds()
    owner = workspace.owner_code
    if owner:
        sits_on = workspace.panel_rounds(owner)
        for round_ in reversed(rounds):
            if round_.code in sits_on:
                return round_
    return rounds[-1] if rounds else None


def chosen_round(workspace: Workspace, round_code: str | None) -> Round | None:
    """The round `round_code` names, if the workspace has it; else `current_round`."""
    if round_code is not None:
        found = workspace.find_round(round_code)
        if found is not None:
            return found
    return current_round(workspace)


def _assignment(
    workspace: Workspace, round_code: str, owner: str
) -> tuple[set[str], dict[str, tuple[str, int]], set[str]]:
    """(candidates the owner scores or must not score, scorecard progress, conflicts).

    "Must not score for a conflict of interest" is the eligibility rule's first reason.
    """
    progress = workspace.scorecard_progress(round_code=round_code, evaluator_code=owner)
    conflicts = workspace.conflicts(evaluator_code=owner)
    on_panels = workspace.panel_candidates(round_code, owner)
    codes = on_panels | {c.credit_code for c in conflicts} | set(progress)
    # That first check needs only the conflicts, and only a candidate with one recorded
    # can fail it: ask the rule about those few, not about the whole list (a list of
    # 1,000 opens faster without building its panel members; benchmarks/bench_ui.py).
    rule = PanelIndex((), conflicts)
    barred = {
        code
        for code in {c.credit_code for c in conflicts}
        if rule.eligibility(round_code, code, owner) is Ineligible.CONFLICT_OF_INTEREST
    }
    return codes, progress, barred


def evaluator_candidates(
    workspace: Workspace,
    round_code: str,
    *,
    search: str | None = None,
    tier: Tier | None = None,
    county: str | None = None,
    industry: str | None = None,
    status: CandidateStatus | None = None,
) -> list[CandidateRow]:
    """The owner's candidates in the round, filtered, in the store's order (tier, name)."""
    owner = workspace.owner_code
    if workspace.role is not Role.EVALUATOR or not owner:
        return []
    codes, progress, barred = _assignment(workspace, round_code, owner)
    if not codes:
        return []
    total = len(criteria_set(workspace.round(round_code).criteria_id).items)
    exports = workspace.export_markers(round_code, owner)
    marks = receipt_marks(workspace, round_code)
    rows = []
    for candidate in workspace.candidates(
        search=search, tier=tier, county=county, industry=industry, codes=codes
    ):
        code = candidate.credit_code
        card_status, scored = progress.get(code, (None, 0))
        row = CandidateRow(
            candidate,
            status_of(card_status, scored, code in barred),
            scored,
            total,
            exports.get(code),
            marks.get(code),
        )
        if status is None or row.status is status:
            rows.append(row)
    return rows


def create_evaluator_workspace(path: Path, evaluator_code: str, name: str = "") -> Workspace:
    """A new, empty evaluator workspace for `evaluator_code` (e.g. P01, M12)."""
    code = evaluator_code.strip().upper()
    if not code:
        raise ServiceError("give your evaluator code (as on the roster, e.g. P01 or M12)")
    validate_code(code)  # the roster's rule: a code no roster could hold is a typo
    return Workspace.create(Path(path), Role.EVALUATOR, owner_code=code, name=name)


def edit_changes(workspace: Workspace, card: Scorecard) -> list[edit_history.Change]:
    """The card's changes from the workspace's audit trail, oldest first: items'
    percentages and texts (a burst of typing as one change), status changes and reopen
    reasons. Who made them (the audit's actor, a login name) stays behind. What export
    signs and the preview shows."""
    from qz_evaluator.domain import edit_history  # not on the way to the list

    changes = []
    for row in workspace.audit_entries(card.id):
        try:
            field = edit_history.HistoryField(row.field or "")
        except ValueError:
            continue  # exports, declarations, conflict notes: not the card's edits
        if (field in edit_history.ITEM_FIELDS) != (row.item_code is not None):
            continue
        changes.append(
            edit_history.Change(
                at=row.at,
                field=field,
                item=row.item_code,
                old=edit_history.value_of(field, row.old),
                new=edit_history.value_of(field, row.new),
            )
        )
    return edit_history.compact(changes)


def preview_pdf(workspace: Workspace, card: Scorecard, language: str = "zh") -> bytes:
    """The scorecard's pages as they would be signed, without signing (a preview)."""
    # reportlab takes a tenth of a second to import; the window starts without it.
    from qz_evaluator.documents.scorecard_pdf import render_scorecard
    from qz_evaluator.domain import scorecard_document as scd
    from qz_evaluator.services.identity import is_demo_workspace

    card = workspace.scorecard_by_id(card.id)
    criteria = criteria_set(card.criteria_id)
    created, updated = workspace.scorecard_times(card.id)
    last = workspace.last_export(card.id)
    document = scd.build_document(
        card,
        candidate=workspace.candidate(card.credit_code),
        evaluator=workspace.evaluator(card.evaluator_code),
        round_=workspace.round(card.round_code),
        criteria=criteria,
        workspace_id=workspace.workspace_id,
        revision=(last.revision if last else 0) + 1,
        created_at=created,
        updated_at=updated,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        changes=edit_changes(workspace, card),  # the history export will sign, not a stand-in
    )
    return render_scorecard(document, criteria, language, demo=is_demo_workspace(workspace))
