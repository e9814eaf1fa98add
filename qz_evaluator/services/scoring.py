"""Scoring use cases shared by the window and the CLI.

Every call is one committed change (autosave) with its audit row; the domain decides
what is allowed, the store records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.eligibility import PanelIndex
from qz_evaluator.domain.errors import DomainError, Phrase, ScoreError
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.round_settings import RoundSettings, items_missing_comments
from qz_evaluator.domain.scorecard import (
    Scorecard,
    ScorecardStatus,
    TextField,
    check_editable,
    checked_text,
    finalised,
    with_percent,
    with_text,
)
from qz_evaluator.domain.scoring import ScoreSummary, format_points
from qz_evaluator.domain.text import check_comment
from qz_evaluator.services.errors import ChangedElsewhere, NotFound, ServiceError
from qz_evaluator.services.evaluator_session import CandidateStatus, status_of
from qz_evaluator.services.panels import require_eligible
from qz_evaluator.store.workspace import ExportMarker, Role, Workspace


@dataclass(frozen=True, slots=True)
class ScorecardChange:
    """What one change made of a scorecard: the card as stored, its summary, and where it
    stands in the candidate list. Views update from this one value instead of recounting."""

    card: Scorecard
    summary: ScoreSummary
    status: CandidateStatus

    @property
    def scored(self) -> int:
        return self.summary.scored_items

    @property
    def total(self) -> int:
        return self.summary.item_count

    @classmethod
    def of(cls, card: Scorecard, criteria: CriteriaSet | None = None) -> ScorecardChange:
        summary = card.summary(criteria or criteria_set(card.criteria_id))
        return cls(card, summary, status_of(card.status.value, summary.scored_items, False))


class SecretariatCannotScore(ServiceError):
    """Scorecards are written in an evaluator's workspace and arrive signed; the
    secretariat's workspace only merges them, so a card written there would be a stray."""

    default_code = "secretariat-cannot-score"


class ScoringService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def _writable(self) -> None:
        if self.workspace.role is Role.SECRETARIAT:
            raise SecretariatCannotScore(
                "this is the secretariat's workspace: scorecards are scored in each "
                "evaluator's own workspace and merged here as signed files"
            )

    def criteria_for(self, round_code: str) -> CriteriaSet:
        return criteria_set(self.workspace.round(round_code).criteria_id)

    def default_evaluator(self, evaluator_code: str | None) -> str:
        code = evaluator_code or self.workspace.owner_code
        if not code:
            raise ServiceError(
                "say which evaluator's scorecard: this workspace has no owner",
                cli_hint="--evaluator CODE",
            )
        return code

    def open(
        self, round_code: str, credit_code: str, evaluator_code: str | None = None
    ) -> Scorecard:
        """The evaluator's scorecard for a candidate, created on first use.

        Only an evaluator the eligibility rule allows gets a new one; otherwise
        NotEligible says why (conflict of interest, withdrawn, not on the panel).
        """
        evaluator = self.default_evaluator(evaluator_code)
        existing = self.workspace.find_scorecard(round_code, credit_code, evaluator)
        if existing is not None:
            return existing
        self._writable()
        round_ = self.workspace.round(round_code)
        self.workspace.evaluator(evaluator)
        self.workspace.candidate(credit_code)
        require_eligible(self.workspace, round_code, credit_code, evaluator)
        return self.workspace.ensure_scorecard(
            round_code, credit_code, evaluator, round_.criteria_id
        )

    def ensure_all(self, round_code: str, evaluator_code: str | None = None) -> list[Scorecard]:
        """Scorecards for every candidate of the round the evaluator may score."""
        self._writable()
        evaluator = self.default_evaluator(evaluator_code)
        members = self.workspace.panel_members(round_code=round_code, evaluator_code=evaluator)
        codes = sorted({m.credit_code for m in members})
        rule = PanelIndex(
            members,
            self.workspace.conflicts(evaluator_code=evaluator),
            {c.credit_code for c in self.workspace.candidates(codes=codes) if c.withdrawn},
        )
        return [
            self.open(round_code, credit_code, evaluator)
            for credit_code in codes
            if rule.eligibility(round_code, credit_code, evaluator) is None
        ]

    def _fresh(self, card: Scorecard) -> Scorecard:
        return self.workspace.scorecard_by_id(card.id)

    def current(self, card: Scorecard) -> ScorecardChange:
        """The card as the store holds it now (e.g. after a failed write), with its summary."""
        return ScorecardChange.of(self._fresh(card))

    # Each change checks the stored card against the domain's rules, writes it, and returns
    # the domain's updated card with its summary and list status: that is what the store
    # now holds, without reading it again.

    def set_percent(self, card: Scorecard, item_code: str, percent: int | None) -> ScorecardChange:
        self._writable()
        current = self._fresh(card)
        if current.entry(item_code).percent != card.entry(item_code).percent:
            raise _changed_elsewhere(current, item_code)
        criteria = criteria_set(current.criteria_id)
        updated = with_percent(current, criteria, item_code, percent)
        self.workspace.set_item_percent(current.id, item_code, percent)
        return ScorecardChange.of(updated, criteria)

    def set_text(
        self, card: Scorecard, item_code: str, field: TextField, text: str
    ) -> ScorecardChange:
        """Set a strength, an OFI or the evidence: line breaks and tabs are kept (CR LF as
        LF); control and bidi characters, and text over the round's comment limit (or
        COMMENT_LIMIT), are refused with TextRejected, and nothing changes."""
        self._writable()
        current = self._fresh(card)
        if current.entry(item_code).text(field) != card.entry(item_code).text(field):
            raise _changed_elsewhere(current, item_code)
        criteria = criteria_set(current.criteria_id)
        check_editable(current)
        criteria.item(item_code)
        limit = self.round_settings(current.round_code).comment_limit
        text = checked_text(field, item_code, text, limit)
        updated = with_text(current, criteria, item_code, field, text)
        self.workspace.set_item_text(current.id, item_code, field, text)
        return ScorecardChange.of(updated, criteria)

    def round_settings(self, round_code: str) -> RoundSettings:
        """The round's settings (comments required, scorecard language, comment limit)."""
        return self.workspace.round_settings(round_code)

    def missing_comments(self, card: Scorecard) -> list[str]:
        """Scored items without a strength or an OFI, when the round requires one; else []."""
        if not self.round_settings(card.round_code).comments_required:
            return []
        return items_missing_comments(card, criteria_set(card.criteria_id))

    def finalise(self, card: Scorecard, *, affirm_declaration: bool) -> ScorecardChange:
        """Lock the card: every item scored, each scored item commented when the round
        requires it, and the no-conflict declaration (`NO_CONFLICT_DECLARATION`, the text
        the PDF prints) affirmed by the evaluator; the time of affirming is signed with it."""
        self._writable()
        current = self._fresh(card)
        criteria = criteria_set(current.criteria_id)
        final = finalised(current, criteria)
        missing = self.missing_comments(current)
        if missing:
            raise ScoreError(
                "cannot finalise: {count} scored items have neither a strength nor an "
                "opportunity for improvement ({items}); this round requires one for each",
                error_code="comments-missing",
                count=len(missing),
                items=", ".join(missing),
            )
        if not affirm_declaration:
            raise ScoreError(
                "cannot finalise: affirm the no-conflict declaration first",
                error_code="declaration-not-affirmed",
            )
        with self.workspace.transaction():
            self.workspace.set_scorecard_status(current.id, ScorecardStatus.FINAL)
            self.workspace.set_declaration_affirmed(
                current.id, datetime.now(UTC).isoformat(timespec="seconds")
            )
        return ScorecardChange.of(final, criteria)

    def declaration_affirmed_at(self, card: Scorecard) -> str | None:
        return self.workspace.declaration_affirmed_at(card.id)

    def finals_not_affirmed(self, round_code: str | None) -> list[str]:
        """The evaluator's final scorecards (of a round, or all) without an affirmed declaration
        (finalised by an older version): reopen and finalise them before exporting."""
        return self.workspace.finals_not_affirmed(round_code, self.default_evaluator(None))

    def last_export(self, round_code: str, credit_code: str) -> ExportMarker | None:
        """The evaluator's last signed file for a candidate (revision, UTC time), if any."""
        owner = self.default_evaluator(None)
        return self.workspace.export_markers(round_code, owner, credit_code).get(credit_code)

    def last_exports(self, round_code: str) -> dict[str, ExportMarker]:
        """`last_export` for every candidate of the round at once (for the list), by credit
        code; candidates never exported are absent."""
        return self.workspace.export_markers(round_code, self.default_evaluator(None))

    def reopen(self, card: Scorecard, reason: str = "") -> ScorecardChange:
        """Back to draft after finalising (e.g. a correction); the next export is a new revision.
        The reason, if given, goes into the audit trail."""
        self._writable()
        card = self._fresh(card)
        if card.status is not ScorecardStatus.FINAL:
            raise DomainError("only a final scorecard can be reopened")
        reason = check_comment(reason, Phrase("the reason for reopening")).strip()
        with self.workspace.transaction():
            self.workspace.set_scorecard_status(card.id, ScorecardStatus.DRAFT, reason=reason)
            self.workspace.set_declaration_affirmed(card.id, None)
        return ScorecardChange.of(self._fresh(card))

    def declare_conflict(self, card: Scorecard, reason: str) -> ScorecardChange:
        """On-site declaration (回避): records the conflict and locks the scorecard."""
        self._writable()
        card = self._fresh(card)
        check_editable(card)
        if not reason.strip():
            raise DomainError("a conflict declaration needs a reason")
        reason = check_comment(reason, Phrase("the reason for the conflict declaration")).strip()
        with self.workspace.transaction():
            self.workspace.add_conflict(
                Conflict(card.credit_code, card.evaluator_code, reason, declared_by="evaluator")
            )
            self.workspace.set_scorecard_status(card.id, ScorecardStatus.CONFLICT, reason)
        return ScorecardChange.of(self._fresh(card))


def _changed_elsewhere(current: Scorecard, item_code: str) -> ChangedElsewhere:
    # The caller's card is older than the store's (a second window wrote meanwhile):
    # writing would silently overwrite the newer value.
    return ChangedElsewhere(
        "item {item} of this scorecard was changed in another window or program;"
        " the stored value is shown now. Make your change again if it is still needed.",
        item=item_code,
    )


@dataclass(frozen=True)
class ScorecardView:
    card: Scorecard
    criteria: CriteriaSet
    summary: ScoreSummary

    def as_dict(self, language: str = "zh") -> dict[str, Any]:
        def num(value: Decimal) -> str:
            return format_points(value)

        items = []
        for item in self.criteria.items:
            entry = self.card.entry(item.code)
            band = (
                self.criteria.band_for(item, entry.percent).label
                if entry.percent is not None
                else None
            )
            items.append(
                {
                    "code": item.code,
                    "name": item.name.get(language),
                    "points": item.points,
                    "percent": entry.percent,
                    "band": band,
                    "score": num(self.summary.item_scores[item.code])
                    if item.code in self.summary.item_scores
                    else None,
                    "strengths": entry.strengths,
                    "ofis": entry.ofis,
                    "evidence": entry.evidence,
                }
            )
        return {
            "round": self.card.round_code,
            "credit_code": self.card.credit_code,
            "evaluator": self.card.evaluator_code,
            "criteria": self.card.criteria_id,
            "status": self.card.status.value,
            "revision": self.card.revision,
            "items": items,
            "categories": [
                {
                    "code": c.code,
                    "name": self.criteria.category(c.code).name.get(language),
                    "points": c.points,
                    "score": num(c.score),
                    "scored": f"{c.scored_items}/{c.item_count}",
                }
                for c in self.summary.categories
            ],
            "process": num(self.summary.process),
            "process_points": self.summary.process_points,
            "results": num(self.summary.results),
            "results_points": self.summary.results_points,
            "total": num(self.summary.total),
            "total_points": self.summary.total_points,
            "completeness": self.summary.completeness,
        }


def merged_card(
    workspace: Workspace, round_code: str, credit_code: str, evaluator_code: str
) -> tuple[Scorecard, str]:
    """On the secretariat's workspace: the evaluator's merged scorecard of a candidate (the
    accepted file, else the highest revision received) as a card, with its merge status."""
    from qz_evaluator.domain.scorecard_document import SubmissionStatus

    received = workspace.submissions(
        round_code=round_code, credit_code=credit_code, evaluator_code=evaluator_code
    )
    if not received:
        raise NotFound(
            "no merged scorecard of evaluator {evaluator_code} for candidate {credit_code} "
            "in round {round_code}",
            evaluator_code=evaluator_code,
            credit_code=credit_code,
            round_code=round_code,
        )
    accepted = [s for s in received if s.status is SubmissionStatus.ACCEPTED]
    chosen = max(accepted or received, key=lambda s: (s.revision, s.id))
    document = workspace.submission_document(chosen.id)
    card = Scorecard(
        document.round.code,
        document.candidate.credit_code,
        document.evaluator.code,
        document.criteria_id,
        document.status,
        document.revision,
        {entry.item_code: entry for entry in document.entries},
        document.conflict_note,
    )
    return card, chosen.status.value


def view(card: Scorecard) -> ScorecardView:
    criteria = criteria_set(card.criteria_id)
    return ScorecardView(card=card, criteria=criteria, summary=card.summary(criteria))
