"""What a panel looks at when it meets to agree: per candidate, every member's percentage
per item side by side, their totals and category subtotals, the divergent items with
their spread, each member's strengths and OFIs, the consensus reached so far and what
still keeps the result from being final.

Plain typed data built on `results.compute` (one computation per read), so the window,
a report or the CLI show the same figures; the front end computes nothing itself.
Recording a consensus goes through `results.add_consensus_note`, and the candidate is
made final (`results.finalise`) as soon as nothing blocks it any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from qz_evaluator.domain import edit_history
from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.consensus import ConsensusNote
from qz_evaluator.domain.criteria import ItemKind
from qz_evaluator.domain.roster import Level, PanelRole
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.domain.text import Bilingual
from qz_evaluator.services import results
from qz_evaluator.services.errors import Phrase, ServiceError
from qz_evaluator.services.results import CandidateOutcome, RoundResults, points_text, shown
from qz_evaluator.store.workspace import Workspace


@dataclass(frozen=True)
class CandidateSummary:
    """One line of the round's candidate chooser."""

    credit_code: str
    name: str
    scorecards: int  # accepted scorecards
    panel_size: int
    divergent: int  # divergent items
    open: int  # … of them without a consensus note
    missing: int  # panel members without an accepted scorecard
    conflicts: int  # members whose rival files await a higher revision
    final: bool
    official: str | None  # two decimals, by the round's rule


@dataclass(frozen=True)
class Member:
    """A panel member, as a column of the matrix (those with an accepted scorecard) or in
    the list of those still missing."""

    evaluator_code: str
    name: str
    level: Level
    leader: bool


@dataclass(frozen=True)
class MemberTotals:
    """A member's scorecard in points as signed: total, process, results and each category
    subtotal in criteria order, as text (exact: whole hundredths)."""

    total: str
    process: str
    results: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class ItemRow:
    """One item of the criteria, across the panel (`percentages` etc. in member order)."""

    code: str
    name: Bilingual
    points: int
    category_code: str
    kind: ItemKind
    percentages: tuple[int | None, ...]
    strengths: tuple[str, ...]
    ofis: tuple[str, ...]
    lowest: int | None  # the lowest and highest scored percentage (None: none scored)
    highest: int | None
    spread: int | None  # highest − lowest (None: fewer than 2 scored)
    divergent: bool  # spread ≥ the round's threshold
    note: ConsensusNote | None  # the consensus recorded on it, if any
    # Per member: (percentage at the first finalise, percentage signed now) when the score
    # changed after the scorecard was reopened, by its signed edit history; else None
    # (unchanged, or a file of a format without history).
    reopened: tuple[tuple[int | None, int | None] | None, ...] = ()

    @property
    def open(self) -> bool:
        """Divergent and not agreed on yet."""
        return self.divergent and self.note is None


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: Bilingual
    points: int
    subtotals: tuple[str, ...]  # each member's, in member order


@dataclass(frozen=True)
class CandidateConsensus:
    """Everything the consensus view shows of one candidate in one round."""

    round_code: str
    candidate: Candidate
    members: tuple[Member, ...]  # with an accepted scorecard, in panel order
    missing: tuple[Member, ...]  # panel members without one
    conflicts: tuple[str, ...]  # members whose rival files of one revision await a fix
    leader: Member | None  # the panel's leader, author of its consensus notes
    items: tuple[ItemRow, ...]  # in criteria order
    categories: tuple[CategoryRow, ...]  # in criteria order
    totals: tuple[MemberTotals, ...]  # in member order
    threshold: int  # points of percentage from which an item is divergent
    step_percent: int
    rule_id: str
    rule_description: Bilingual
    official: Decimal | None  # by the rule, with the agreed percentages applied
    final: bool
    blockers: tuple[Phrase, ...]  # why it cannot be final yet (empty: it can, or is)

    @property
    def official_text(self) -> str | None:
        return shown(self.official) if self.official is not None else None

    @property
    def open_items(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.items if row.open)

    def item(self, code: str) -> ItemRow:
        for row in self.items:
            if row.code == code:
                return row
        raise ServiceError("no item {code} in the criteria of this round", code=code)


@dataclass(frozen=True)
class ConsensusRead:
    """The round's candidates for the chooser and the chosen one's consensus."""

    round_code: str
    candidates: tuple[CandidateSummary, ...]
    chosen: CandidateConsensus | None


@dataclass(frozen=True)
class ConsensusRecorded:
    """What recording a consensus changed: the note, whether the result became final, and
    the candidate as it is now (with what still blocks it, if anything)."""

    note: ConsensusNote
    finalised: bool
    consensus: CandidateConsensus


def _summary(outcome: CandidateOutcome, panel_size: int) -> CandidateSummary:
    r = outcome.result
    return CandidateSummary(
        credit_code=outcome.candidate.credit_code,
        name=outcome.candidate.name,
        scorecards=len(outcome.scorecards),
        panel_size=panel_size,
        divergent=len(r.divergences) if r is not None else 0,
        open=len(outcome.unresolved),
        missing=len(outcome.missing),
        conflicts=len(outcome.conflicts),
        final=outcome.final is not None,
        official=shown(outcome.official) if outcome.official is not None else None,
    )


def summary_of(consensus: CandidateConsensus) -> CandidateSummary:
    """The chooser's line of a candidate as `candidate_consensus` found it."""
    return CandidateSummary(
        credit_code=consensus.candidate.credit_code,
        name=consensus.candidate.name,
        scorecards=len(consensus.members),
        panel_size=len(consensus.members) + len(consensus.missing),
        divergent=sum(1 for row in consensus.items if row.divergent),
        open=len(consensus.open_items),
        missing=len(consensus.missing),
        conflicts=len(consensus.conflicts),
        final=consensus.final,
        official=consensus.official_text,
    )


def candidates(workspace: Workspace, computed: RoundResults) -> list[CandidateSummary]:
    """The round's candidates with at least one accepted scorecard, in results order."""
    sizes: dict[str, int] = {}
    for credit_code, _ in workspace.panel_codes(computed.round_code):
        sizes[credit_code] = sizes.get(credit_code, 0) + 1
    return [
        _summary(outcome, sizes.get(outcome.candidate.credit_code, 0))
        for outcome in computed.outcomes
        if outcome.result is not None
    ]


def candidate_consensus(
    workspace: Workspace, computed: RoundResults, credit_code: str
) -> CandidateConsensus:
    """One candidate's matrix, subtotals, divergences, texts and state."""
    return _consensus(workspace, computed.round_code, computed.outcome(credit_code), computed)


def _consensus(
    workspace: Workspace, round_code: str, outcome: CandidateOutcome, computed: RoundResults
) -> CandidateConsensus:
    """`candidate_consensus` of an outcome (perhaps newer than `computed`, whose criteria
    and settings it shares)."""
    credit_code = outcome.candidate.credit_code
    criteria = computed.criteria
    evaluators = {e.code: e for e in workspace.evaluators()}
    panel = workspace.panel_members(round_code=round_code, credit_code=credit_code)
    leaders = {m.evaluator_code for m in panel if m.role is PanelRole.LEADER}

    def member(code: str) -> Member:
        evaluator = evaluators.get(code)
        return Member(
            code,
            evaluator.name if evaluator else "",
            evaluator.level if evaluator else Level.MUNICIPAL,
            code in leaders,
        )

    members = tuple(member(card.evaluator_code) for card in outcome.scorecards)
    # Each member's accepted scorecard as signed: percentages and texts per item.
    documents = {
        s.evaluator_code: workspace.submission_document(s.id)
        for s in workspace.submissions(
            round_code=round_code,
            credit_code=credit_code,
            statuses=[SubmissionStatus.ACCEPTED],
        )
    }
    # What each member's signed history says changed after a reopen (None: no history).
    changed = {
        code: edit_history.summarise(document.history).score_changes
        if document.history is not None
        else {}
        for code, document in documents.items()
    }
    notes = {note.item_code: note for note in outcome.notes}
    divergent = (
        {d.item_code for d in outcome.result.divergences} if outcome.result is not None else set()
    )
    threshold = computed.settings.threshold
    items = []
    for item in criteria.items:
        entries = [documents[m.evaluator_code].entry(item.code) for m in members]
        percentages = tuple(entry.percent for entry in entries)
        scored = [p for p in percentages if p is not None]
        items.append(
            ItemRow(
                code=item.code,
                name=item.name,
                points=item.points,
                category_code=item.category_code,
                kind=item.kind,
                percentages=percentages,
                strengths=tuple(entry.strengths.strip() for entry in entries),
                ofis=tuple(entry.ofis.strip() for entry in entries),
                lowest=min(scored) if scored else None,
                highest=max(scored) if scored else None,
                spread=max(scored) - min(scored) if len(scored) >= 2 else None,
                divergent=item.code in divergent,
                note=notes.get(item.code),
                reopened=tuple(changed[m.evaluator_code].get(item.code) for m in members),
            )
        )
    categories = tuple(
        CategoryRow(
            category.code,
            category.name,
            category.points,
            tuple(points_text(card.hundredths[index]) for card in outcome.scorecards),
        )
        for index, category in enumerate(criteria.categories)
    )
    totals = tuple(MemberTotals(*card.texts()) for card in outcome.scorecards)
    leader_code = next(iter(sorted(leaders)), None)
    names = {code: e.name for code, e in evaluators.items()}
    rule = computed.settings.rule
    return CandidateConsensus(
        round_code=round_code,
        candidate=outcome.candidate,
        members=members,
        missing=tuple(member(code) for code in outcome.missing),
        conflicts=outcome.conflicts,
        leader=member(leader_code) if leader_code is not None else None,
        items=tuple(items),
        categories=categories,
        totals=totals,
        threshold=threshold,
        step_percent=criteria.step_percent,
        rule_id=rule.id,
        rule_description=Bilingual(rule.describe("zh"), rule.describe("en")),
        official=outcome.official,
        final=outcome.final is not None,
        blockers=() if outcome.final is not None else tuple(results.blocking(outcome, names)),
    )


def read(
    workspace: Workspace,
    round_code: str,
    credit_code: str | None,
    *,
    with_candidates: bool = True,
) -> ConsensusRead:
    """The chooser's candidates and, if asked for and still there, one candidate's
    consensus (else the first candidate's), from one computation of the round. Without
    `with_candidates`, only the asked-for candidate is computed (a tenth of the time at a
    province) and `candidates` is empty: for moving from one candidate to another."""
    if not with_candidates and credit_code is not None:
        computed = results.compute(workspace, round_code, only=credit_code)
        outcome = computed.outcome(credit_code)
        chosen = _consensus(workspace, round_code, outcome, computed) if outcome.result else None
        return ConsensusRead(round_code, (), chosen)
    computed = results.compute(workspace, round_code)
    found = candidates(workspace, computed)
    codes = [c.credit_code for c in found]
    if credit_code not in codes:
        credit_code = codes[0] if codes else None
    chosen = (
        candidate_consensus(workspace, computed, credit_code) if credit_code is not None else None
    )
    return ConsensusRead(round_code, tuple(found), chosen)


def record(
    workspace: Workspace,
    round_code: str,
    credit_code: str,
    item_code: str,
    text: str,
    agreed_percent: int | None,
) -> ConsensusRecorded:
    """Record the panel's consensus on an item, written by the panel's leader; then, if
    nothing blocks the result any more, make it final."""
    leader = next(
        (
            m.evaluator_code
            for m in workspace.panel_members(round_code=round_code, credit_code=credit_code)
            if m.role is PanelRole.LEADER
        ),
        None,
    )
    if leader is None:
        raise ServiceError(
            "the panel of {name} has no leader to write its consensus",
            name=workspace.candidate(credit_code).name,
            window_hint="Mark the panel's leader in Panels, then record the consensus.",
        )
    note = results.add_consensus_note(
        workspace, round_code, credit_code, item_code, leader, text, agreed_percent
    )
    computed = results.compute(workspace, round_code, only=credit_code)
    outcome = computed.outcome(credit_code)
    finalised = outcome.result is not None and not results.blocking(outcome)
    if finalised:  # finalise checks again, and returns the outcome as it is now
        outcome = results.finalise(workspace, round_code, credit_code, ranked=False)
    return ConsensusRecorded(note, finalised, _consensus(workspace, round_code, outcome, computed))


def finalise(workspace: Workspace, round_code: str, credit_code: str) -> CandidateConsensus:
    """Make the candidate's result final (a `results.NotFinal` says what blocks it) and
    return it as it is now: for a candidate without divergent items, where no note
    finalises it."""
    computed = results.compute(workspace, round_code, only=credit_code)
    outcome = results.finalise(workspace, round_code, credit_code, ranked=False)
    return _consensus(workspace, round_code, outcome, computed)
