"""What the evaluator's window reads: its round, its candidates with status and progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.services import demo
from qz_evaluator.services import evaluator_session as session
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.errors import Duplicate
from qz_evaluator.store.workspace import Role, Workspace

ROUND = demo.SITE_ROUND


def test_current_round_is_the_latest_with_the_owner_on_a_panel(evaluator: Workspace) -> None:
    current = session.current_round(evaluator)
    assert current is not None and current.code == ROUND


def test_panel_rounds_are_the_rounds_with_the_evaluator_on_a_panel(evaluator: Workspace) -> None:
    every = {m.round_code for m in evaluator.panel_members(evaluator_code="P01")}
    assert evaluator.panel_rounds("P01") == every and ROUND in every
    assert evaluator.panel_rounds("NOBODY") == set()


def test_the_owner_sees_panels_and_conflicts_with_progress(evaluator: Workspace) -> None:
    rows = session.evaluator_candidates(evaluator, ROUND)
    panel = {m.credit_code for m in evaluator.panel_members(round_code=ROUND, evaluator_code="P01")}
    barred = {c.credit_code for c in evaluator.conflicts(evaluator_code="P01")}
    assert {r.candidate.credit_code for r in rows} == panel | barred
    by_status = {s: [r for r in rows if r.status is s] for s in CandidateStatus}
    assert len(by_status[CandidateStatus.CONFLICT]) == 1
    assert sorted(r.scored for r in by_status[CandidateStatus.IN_PROGRESS]) == [5, 12, 23]
    assert all(r.scored == 0 for r in by_status[CandidateStatus.NOT_STARTED])
    assert all(r.total == 23 and r.progress == f"{r.scored}/23" for r in rows)
    tiers = [r.candidate.tier for r in rows]
    assert tiers == sorted(tiers, key=lambda t: {"advantage": 0, "potential": 1, "seed": 2}[t])


def test_filters_narrow_the_list(evaluator: Workspace) -> None:
    everyone = session.evaluator_candidates(evaluator, ROUND)
    started = session.evaluator_candidates(evaluator, ROUND, status=CandidateStatus.IN_PROGRESS)
    assert len(started) == 3
    seeds = session.evaluator_candidates(evaluator, ROUND, tier=Tier.SEED)
    assert seeds and all(r.candidate.tier is Tier.SEED for r in seeds)
    county = everyone[0].candidate.county
    in_county = session.evaluator_candidates(evaluator, ROUND, county=county)
    assert in_county and all(r.candidate.county == county for r in in_county)
    name = everyone[0].candidate.name
    found = session.evaluator_candidates(evaluator, ROUND, search=name[2:6])
    assert everyone[0].candidate.credit_code in {r.candidate.credit_code for r in found}


def test_status_follows_the_scorecard(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    card = next(c for c in service.ensure_all(ROUND) if not c.entries)
    assert session.status_of(None, 0, conflict=False) is CandidateStatus.NOT_STARTED
    card = service.set_percent(card, "4.1.2", 50).card
    row = next(
        r
        for r in session.evaluator_candidates(evaluator, ROUND)
        if r.candidate.credit_code == card.credit_code
    )
    assert (row.status, row.scored) == (CandidateStatus.IN_PROGRESS, 1)
    service.declare_conflict(card, "亲属在该单位任职")
    row = next(
        r
        for r in session.evaluator_candidates(evaluator, ROUND, status=CandidateStatus.CONFLICT)
        if r.candidate.credit_code == card.credit_code
    )
    assert row.status is CandidateStatus.CONFLICT
    assert session.status_of(ScorecardStatus.FINAL.value, 23, conflict=False) is (
        CandidateStatus.FINAL
    )


def test_the_secretariat_has_no_own_list(tmp_path: Path) -> None:
    with demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT) as secretariat:
        assert session.evaluator_candidates(secretariat, ROUND) == []


def test_a_new_evaluator_workspace(tmp_path: Path) -> None:
    path = tmp_path / "我的评分.qzw"
    with session.create_evaluator_workspace(path, " m12 ") as workspace:
        assert (workspace.role, workspace.owner_code) == (Role.EVALUATOR, "M12")
        assert session.current_round(workspace) is None
    with pytest.raises(Duplicate):
        session.create_evaluator_workspace(path, "M12")
    with pytest.raises(ServiceError, match="evaluator code"):
        session.create_evaluator_workspace(tmp_path / "other.qzw", "  ")


def test_preview_renders_the_pages_without_signing(evaluator: Workspace) -> None:
    card = next(c for c in ScoringService(evaluator).ensure_all(ROUND) if len(c.entries) == 23)
    pdf = session.preview_pdf(evaluator, card, "zh")
    assert pdf.startswith(b"%PDF") and b"/ByteRange" not in pdf
    assert evaluator.last_export(card.id) is None  # nothing recorded


def test_preview_shows_the_edit_history_export_will_sign(evaluator: Workspace) -> None:
    """The history page of a preview is the card's own (with its reopen reason), not one
    made up from its current scores."""
    import subprocess

    from tests.services.conftest import score_fully
    from tests.support.tools import tool

    service = ScoringService(evaluator)
    card = next(c for c in service.ensure_all(ROUND) if not any(c.percentages().values()))
    card = service.reopen(score_fully(evaluator, card), "现场复核后更正 4.1.2").card
    card = service.set_percent(card, "4.1.2", 70).card
    pdf = evaluator.path.with_name("preview.pdf")
    pdf.write_bytes(session.preview_pdf(evaluator, card, "zh"))
    text = subprocess.run(
        [tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "现场复核后更正 4.1.2" in text
