"""Every scoring write answers with what changed: the card as stored, its summary and its
status in the candidate list, the same as reading them again would give."""

from __future__ import annotations

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.scorecard import ScorecardStatus, TextField
from qz_evaluator.services import demo
from qz_evaluator.services import evaluator_session as session
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scoring import ScorecardChange, ScoringService
from qz_evaluator.services.session import Workspace

ROUND = demo.SITE_ROUND


def listed(workspace: Workspace, credit_code: str) -> session.CandidateRow:
    return next(
        row
        for row in session.evaluator_candidates(workspace, ROUND)
        if row.candidate.credit_code == credit_code
    )


def assert_matches_the_store(workspace: Workspace, change: ScorecardChange) -> None:
    """The change says what reading everything again would say."""
    stored = workspace.scorecard_by_id(int(change.card.id or 0))
    assert change.card == stored
    assert change.summary == stored.summary(criteria_set(stored.criteria_id))
    row = listed(workspace, stored.credit_code)
    assert (change.status, change.scored, change.total) == (row.status, row.scored, row.total)


def test_each_write_returns_the_card_its_summary_and_its_status(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    card = next(c for c in service.ensure_all(ROUND) if not c.entries)
    items = criteria_set(card.criteria_id).items

    change = service.set_percent(card, items[0].code, 50)
    assert change.card.entry(items[0].code).percent == 50
    assert (change.status, change.scored, change.total) == (
        CandidateStatus.IN_PROGRESS,
        1,
        len(items),
    )
    assert_matches_the_store(evaluator, change)

    change = service.set_text(change.card, items[0].code, TextField.STRENGTHS, "方法系统")
    assert change.card.entry(items[0].code).strengths == "方法系统"
    assert change.status is CandidateStatus.IN_PROGRESS
    assert_matches_the_store(evaluator, change)

    change = service.set_percent(change.card, items[0].code, None)
    assert (change.status, change.scored) == (CandidateStatus.NOT_STARTED, 0)
    assert_matches_the_store(evaluator, change)

    for item in items:
        change = service.set_percent(change.card, item.code, 60)
        change = service.set_text(change.card, item.code, TextField.OFIS, "展开不足")
    change = service.finalise(change.card, affirm_declaration=True)
    assert change.card.status is ScorecardStatus.FINAL
    assert (change.status, change.scored) == (CandidateStatus.FINAL, len(items))
    assert change.summary.complete
    assert_matches_the_store(evaluator, change)

    change = service.reopen(change.card)
    assert change.card.status is ScorecardStatus.DRAFT
    assert change.status is CandidateStatus.IN_PROGRESS
    assert_matches_the_store(evaluator, change)


def test_declaring_a_conflict_returns_the_locked_card(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    card = next(c for c in service.ensure_all(ROUND) if not c.entries)
    change = service.declare_conflict(card, "亲属在该单位任职")
    assert change.card.status is ScorecardStatus.CONFLICT and change.card.locked
    assert change.status is CandidateStatus.CONFLICT
    assert_matches_the_store(evaluator, change)


def test_current_reads_the_card_again(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    card = next(c for c in service.ensure_all(ROUND) if not c.entries)
    changed = service.set_percent(card, "4.1.2", 40)
    again = service.current(card)  # from the stale card: the store's truth
    assert again == changed
