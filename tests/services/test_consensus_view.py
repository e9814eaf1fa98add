"""What the consensus view shows comes from one service: on the secretariat demo, each
member's percentages, texts, subtotals and totals as signed, divergent items with their
spread, what blocks the result; recording a consensus on each flagged item makes the
candidate final; a missing member or rival files keep a result from being final, and
`results.finalise` says so in pieces the window translates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from qz_evaluator.domain.roster import PanelRole
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.domain.statistics import quotient
from qz_evaluator.services import consensus, demo, results
from qz_evaluator.services.errors import Phrase, ScoreError, ServiceError
from qz_evaluator.services.session import open_workspace
from qz_evaluator.store.workspace import Workspace

ROUND = demo.SITE_ROUND


@pytest.fixture(scope="module")
def secretariat_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("consensus-service")
    (folder / "demo").mkdir()
    workspace, _ = demo.build_secretariat_demo(
        folder / "demo" / "demo-secretariat.qzw", folder / "scratch"
    )
    workspace.close()
    shutil.rmtree(folder / "scratch")
    return folder / "demo"


@pytest.fixture
def workspace(secretariat_demo: Path, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(secretariat_demo, tmp_path / "demo")
    with open_workspace(tmp_path / "demo" / "demo-secretariat.qzw") as opened:
        yield opened


def by_state(workspace: Workspace) -> dict[str, consensus.CandidateSummary]:
    """The demo's four candidates: divergent, waiting (a member missing), rival, complete."""
    found = consensus.read(workspace, ROUND, None).candidates
    assert len(found) == demo.SECRETARIAT_DEMO_CANDIDATES
    return {
        "divergent": next(s for s in found if s.open),
        "waiting": next(s for s in found if s.missing and not s.conflicts),
        "rival": next(s for s in found if s.conflicts),
        "complete": next(s for s in found if not (s.open or s.missing or s.conflicts)),
    }


def test_the_matrix_is_the_signed_scorecards(workspace: Workspace) -> None:
    code = by_state(workspace)["divergent"].credit_code
    computed = results.compute(workspace, ROUND)
    shown = consensus.candidate_consensus(workspace, computed, code)
    outcome = computed.outcome(code)
    # Members in panel order, the leader marked and the author of notes.
    panel = workspace.panel_members(round_code=ROUND, credit_code=code)
    assert [m.evaluator_code for m in shown.members] == [m.evaluator_code for m in panel]
    [leader] = [m.evaluator_code for m in panel if m.role is PanelRole.LEADER]
    assert shown.leader is not None and shown.leader.evaluator_code == leader
    assert [m.leader for m in shown.members].count(True) == 1
    assert shown.missing == () and shown.conflicts == ()
    # Each column is that member's accepted scorecard, item by item, texts included.
    for index, member in enumerate(shown.members):
        [submission] = workspace.submissions(
            round_code=ROUND,
            credit_code=code,
            evaluator_code=member.evaluator_code,
            statuses=[SubmissionStatus.ACCEPTED],
        )
        document = workspace.submission_document(submission.id)
        assert [row.code for row in shown.items] == [e.item_code for e in document.entries]
        for row in shown.items:
            entry = document.entry(row.code)
            assert row.percentages[index] == entry.percent
            assert row.strengths[index] == entry.strengths
            assert row.ofis[index] == entry.ofis
        # Totals and subtotals as signed, to the hundredth.
        assert shown.totals[index].total == results.shown(document.total)
        for category, subtotal in zip(
            shown.categories, shown.totals[index].categories, strict=True
        ):
            hundredths = 0  # percent × points, exact
            for row in shown.items:
                percent = row.percentages[index]
                if row.category_code == category.code and percent is not None:
                    hundredths += percent * row.points
            assert subtotal == results.shown(quotient(hundredths, 100))
        assert [c.subtotals[index] for c in shown.categories] == list(
            shown.totals[index].categories
        )
    # The flagged items are the domain's, with their spread; the rest are not.
    assert shown.open_items == demo.DIVERGENT_ITEMS
    assert outcome.result is not None
    assert {d.item_code: d.spread for d in outcome.result.divergences} == {
        row.code: row.spread for row in shown.items if row.divergent
    }
    for row in shown.items:
        scored = [p for p in row.percentages if p is not None]
        assert row.spread == max(scored) - min(scored)
        assert row.divergent is (row.spread >= shown.threshold == 20)
    assert shown.official == outcome.official and shown.rule_id == "trimmed-mean/v1"
    rule = computed.settings.rule
    assert shown.rule_description.zh == rule.describe("zh")
    assert shown.rule_description.en == rule.describe("en")
    assert [str(b) for b in shown.blockers] == [
        "divergent items without a consensus note: " + ", ".join(demo.DIVERGENT_ITEMS)
    ]
    assert consensus.summary_of(shown) == by_state(workspace)["divergent"]


def test_the_last_consensus_makes_the_candidate_final(workspace: Workspace) -> None:
    code = by_state(workspace)["divergent"].credit_code
    *first, last = demo.DIVERGENT_ITEMS
    for item_code in first:
        recorded = consensus.record(workspace, ROUND, code, item_code, "经合议统一为 50%", 50)
        assert not recorded.finalised and not recorded.consensus.final
        assert recorded.consensus.item(item_code).note == recorded.note
        leader = recorded.consensus.leader
        assert leader is not None and recorded.note.author == leader.evaluator_code
    with pytest.raises(ScoreError):  # the domain's 5 % grid
        consensus.record(workspace, ROUND, code, last, "统一为 42%", 42)
    recorded = consensus.record(workspace, ROUND, code, last, "保留各自评分", None)
    assert recorded.finalised and recorded.consensus.final and not recorded.consensus.blockers
    outcome = results.compute(workspace, ROUND).outcome(code)
    assert outcome.final is not None and outcome.unresolved == ()
    assert recorded.consensus.official == outcome.official
    # A changed note re-opens the result, and the candidate is made final again.
    again = consensus.record(workspace, ROUND, code, last, "改为统一 55%", 55)
    note = again.consensus.item(last).note
    assert again.finalised and note is not None and note.agreed_percent == 55


def test_a_missing_member_keeps_the_result_from_being_final(workspace: Workspace) -> None:
    """Regression: `results.finalise` made a result final while a panel member's scorecard
    was still to come, and the result changed when it arrived."""
    waiting = by_state(workspace)["waiting"].credit_code
    shown = consensus.read(workspace, ROUND, waiting).chosen
    assert shown is not None and not shown.final
    [missing] = shown.missing
    assert [str(b) for b in shown.blockers] == [
        f"no scorecard yet from panel members {missing.evaluator_code} {missing.name}"
    ]
    with pytest.raises(results.NotFinal) as refused:
        results.finalise(workspace, ROUND, waiting)
    assert refused.value.code == "not-final"
    assert missing.evaluator_code in str(refused.value)
    assert refused.value.template == "the result of {name} cannot be final: {reasons}"
    assert isinstance(refused.value.fields["reasons"], Phrase)
    with pytest.raises(results.NotFinal):
        consensus.finalise(workspace, ROUND, waiting)
    assert results.compute(workspace, ROUND).outcome(waiting).final is None


def test_rival_files_and_nothing_to_agree(workspace: Workspace) -> None:
    states = by_state(workspace)
    rival = consensus.read(workspace, ROUND, states["rival"].credit_code).chosen
    assert rival is not None and rival.conflicts
    texts = [str(b) for b in rival.blockers]
    assert any("rival files with the same revision" in t and rival.conflicts[0] in t for t in texts)
    # The member with rival files is named once, as such, not as missing too.
    assert not any(rival.conflicts[0] in t for t in texts if t.startswith("no scorecard"))
    with pytest.raises(ServiceError, match="await a higher revision"):
        results.finalise(workspace, ROUND, rival.candidate.credit_code)
    # A complete panel without divergent items has nothing to agree: made final on request.
    complete = states["complete"].credit_code
    shown = consensus.read(workspace, ROUND, complete).chosen
    assert shown is not None and not shown.blockers and not shown.open_items
    final = consensus.finalise(workspace, ROUND, complete)
    assert final.final and consensus.summary_of(final).final


def test_one_candidate_computed_alone_is_the_same(workspace: Workspace) -> None:
    """Moving between candidates computes only the one shown (a tenth of the time at a
    province): the same outcome as the whole round's, without a rank."""
    full = results.compute(workspace, ROUND)
    for summary in by_state(workspace).values():
        code = summary.credit_code
        alone = results.compute(workspace, ROUND, only=code)
        assert [o.candidate.credit_code for o in alone.outcomes] == [code]
        assert alone.rankings == {}
        expected = full.outcome(code)
        assert alone.outcome(code) == replace(expected, rank=None)
        quick = consensus.read(workspace, ROUND, code, with_candidates=False)
        assert quick.candidates == ()
        whole = consensus.candidate_consensus(workspace, full, code)
        assert quick.chosen is not None
        assert replace(quick.chosen, blockers=()) == replace(whole, blockers=())
        assert list(map(str, quick.chosen.blockers)) == list(map(str, whole.blockers))
