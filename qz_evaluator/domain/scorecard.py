"""A scorecard: one evaluator's scores for one candidate in one round."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import Phrase, ScorecardLocked, ScoreError
from qz_evaluator.domain.scoring import ScoreSummary, summarise, validate_percent
from qz_evaluator.domain.text import Bilingual, check_comment


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    CONFLICT = "declared-conflict"

    @property
    def label(self) -> Bilingual:
        return STATUS_LABELS[self]


class SubmissionStatus(StrEnum):
    """Where a merged scorecard file stands in the secretariat's workspace (here, not
    with the document, so that the store reads it without the document's module)."""

    ACCEPTED = "accepted"  # the latest revision: it counts
    SUPERSEDED = "superseded"  # a higher revision arrived: kept as history
    CONFLICT = "conflict"  # a rival file of the same revision, other scores: never counts


class MergeConflict(StrEnum):
    """Why a valid file is recorded as a conflict rather than counted (CONFLICT above);
    merge records it and the evaluator's receipt carries it."""

    # The same revision as a file merged before, with other scores: merge never picks
    # one of two signed scorecards of one number; the one merged first keeps counting.
    REVISION_CONFLICT = "revision-conflict"


# One word per state, wherever a state is shown (the window's header, list and details,
# the PDFs): the candidate list's states (services.evaluator_session) and the printed
# labels (documents.labels) take their words from here. A draft is "in progress";
# the list also says "not started" while nothing is scored.
STATUS_LABELS = {
    ScorecardStatus.DRAFT: Bilingual("评分中", "In progress"),
    ScorecardStatus.FINAL: Bilingual("已定稿", "Final"),
    ScorecardStatus.CONFLICT: Bilingual("回避", "Conflict"),
}
NOT_STARTED_LABEL = Bilingual("未开始", "Not started")


class TextField(StrEnum):
    """The free-text fields an evaluator writes for each item."""

    STRENGTHS = "strengths"
    OFIS = "ofis"
    EVIDENCE = "evidence"


def field_phrase(which: TextField, item_code: str) -> Phrase:
    """Which text of which item, in words ("the strengths of item 4.1.2")."""
    if which is TextField.STRENGTHS:
        return Phrase("the strengths of item {item}", item=item_code)
    if which is TextField.OFIS:
        return Phrase("the opportunities for improvement of item {item}", item=item_code)
    return Phrase("the evidence of item {item}", item=item_code)


def checked_text(which: TextField, item_code: str, text: str, limit: int | None = None) -> str:
    """A strength, an OFI or the evidence as stored (CR LF as LF), or TextRejected: the
    comment rule of `domain.text.comment_fault`, within the round's `limit` if it has one."""
    return check_comment(text, field_phrase(which, item_code), limit)


@dataclass(frozen=True, slots=True)
class ItemEntry:
    item_code: str
    percent: int | None = None
    strengths: str = ""
    ofis: str = ""
    evidence: str = ""

    def text(self, which: TextField) -> str:
        return str(getattr(self, which.value))


@dataclass(frozen=True, slots=True)
class Scorecard:
    round_code: str
    credit_code: str
    evaluator_code: str
    criteria_id: str
    status: ScorecardStatus = ScorecardStatus.DRAFT
    revision: int = 0
    entries: dict[str, ItemEntry] = field(default_factory=dict)
    conflict_note: str = ""
    id: int = 0  # the store's row id; 0 only for a card built in memory and never stored

    @property
    def locked(self) -> bool:
        return self.status is not ScorecardStatus.DRAFT

    def entry(self, item_code: str) -> ItemEntry:
        return self.entries.get(item_code, ItemEntry(item_code))

    def percentages(self) -> dict[str, int | None]:
        return {code: entry.percent for code, entry in self.entries.items()}

    def summary(self, criteria: CriteriaSet) -> ScoreSummary:
        return summarise(criteria, self.percentages())

    def missing_items(self, criteria: CriteriaSet) -> list[str]:
        return [item.code for item in criteria.items if self.entry(item.code).percent is None]


def check_editable(card: Scorecard) -> None:
    if card.locked:
        raise ScorecardLocked(
            "scorecard of {evaluator_code} for {credit_code} in round {round_code} "
            "is {status} and can no longer be changed",
            evaluator_code=card.evaluator_code,
            credit_code=card.credit_code,
            round_code=card.round_code,
            status=card.status,  # the window shows its label, one word per state
        )


def with_percent(
    card: Scorecard, criteria: CriteriaSet, item_code: str, percent: int | None
) -> Scorecard:
    check_editable(card)
    criteria.item(item_code)
    if percent is not None:
        validate_percent(percent, criteria.step_percent)
    entries = dict(card.entries)
    entries[item_code] = replace(card.entry(item_code), percent=percent)
    return replace(card, entries=entries)


def with_text(
    card: Scorecard, criteria: CriteriaSet, item_code: str, field: TextField, text: str
) -> Scorecard:
    check_editable(card)
    criteria.item(item_code)
    entries = dict(card.entries)
    entry = card.entry(item_code)
    if field is TextField.STRENGTHS:
        entry = replace(entry, strengths=text)
    elif field is TextField.OFIS:
        entry = replace(entry, ofis=text)
    else:
        entry = replace(entry, evidence=text)
    entries[item_code] = entry
    return replace(card, entries=entries)


def finalised(card: Scorecard, criteria: CriteriaSet) -> Scorecard:
    """Finalising needs every item scored; the message lists what is missing."""
    check_editable(card)
    missing = card.missing_items(criteria)
    if missing:
        raise ScoreError(
            "cannot finalise: {len} of {len_2} items are not scored ({join})",
            len=len(missing),
            len_2=len(criteria.items),
            join=", ".join(missing),
        )
    return replace(card, status=ScorecardStatus.FINAL)
