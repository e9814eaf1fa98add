"""Issue 11, point 5: a conflict of interest recorded after the evaluator's scorecard was
merged. The attack run imported a `conflict` row for M01 on a candidate whose M01
scorecard was already accepted: the import succeeded and M01's total still counted.
Now the conflict takes M01 off the panel and sets the scorecard aside (kept, superseded,
the reason in the audit trail and the import's report), and the results drop it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import demo, results
from qz_evaluator.services.imports import import_panels
from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval


@pytest.fixture
def qzeval(capsys: pytest.CaptureFixture[str]) -> Qzeval:
    return Qzeval(capsys)


ROUND = demo.SITE_ROUND


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("late-conflict")
    workspace, _ = demo.build_secretariat_demo(folder / "sec.qzw", folder / "scratch")
    workspace.close()
    return folder / "sec.qzw"


def _copy(template: Path, folder: Path) -> Path:
    path = folder / "sec.qzw"
    path.write_bytes(template.read_bytes())
    return path


def _complete_panel(workspace: Workspace) -> tuple[str, str, list[str]]:
    """A candidate whose whole panel's scorecards are accepted: (credit code, a member
    who is not the leader, the panel's members)."""
    computed = results.compute(workspace, ROUND)
    outcome = next(o for o in computed.outcomes if o.result is not None and not o.missing)
    code = outcome.candidate.credit_code
    members = workspace.panel_members(round_code=ROUND, credit_code=code)
    member = next(m.evaluator_code for m in members if m.role.value == "member")
    return code, member, [m.evaluator_code for m in members]


def test_a_late_conflict_sets_the_scorecard_aside_and_the_result_drops_it(
    merged_template: Path, tmp_path: Path, qzeval: Qzeval
) -> None:
    path = _copy(merged_template, tmp_path)
    with Workspace.open(path) as workspace:
        code, member, panel = _complete_panel(workspace)
        before = results.compute(workspace, ROUND).outcome(code)
        assert before.result is not None and before.result.n == len(panel)
    rows = tmp_path / "conflicts.csv"
    rows.write_text(
        "round,credit_code,evaluator_code,role,note\n"
        f"{ROUND},{code},{member},conflict,曾为该单位提供咨询服务\n",
        encoding="utf-8",
    )
    report = qzeval.json("panels", "import", rows, "-w", path)
    assert any(f"{member} / {code}" in note and "set aside" in note for note in report["notes"])
    with Workspace.open(path) as workspace:
        after = results.compute(workspace, ROUND).outcome(code)
        assert after.result is not None and after.result.n == len(panel) - 1
        assert member not in [s.evaluator_code for s in after.scorecards]
        assert member not in after.missing  # owes nothing now: conflicted
        # Off the panel, and the scorecard kept as history, superseded, with its audit row.
        assert member not in [
            m.evaluator_code for m in workspace.panel_members(round_code=ROUND, credit_code=code)
        ]
        [kept] = workspace.submissions(credit_code=code, evaluator_code=member)
        assert kept.status is SubmissionStatus.SUPERSEDED
        changes = [
            e
            for e in workspace.audit_entries()
            if e.evaluator_code == member and e.credit_code == code and e.field == "status"
        ]
        assert changes and (changes[-1].old, changes[-1].new) == ("accepted", "superseded")


def test_a_late_conflict_makes_a_final_result_final_no_more(
    merged_template: Path, tmp_path: Path
) -> None:
    path = _copy(merged_template, tmp_path)
    with Workspace.open(path) as workspace:
        code, member, _ = _complete_panel(workspace)
        outcome = results.compute(workspace, ROUND).outcome(code)
        leader = next(
            m.evaluator_code
            for m in workspace.panel_members(round_code=ROUND, credit_code=code)
            if m.role.value == "leader"
        )
        for item in outcome.unresolved:
            results.add_consensus_note(workspace, ROUND, code, item, leader, "一致", None)
        assert results.finalise(workspace, ROUND, code).final is not None
    rows = tmp_path / "conflicts.csv"
    rows.write_text(
        f"round,credit_code,evaluator_code,role,note\n{ROUND},{code},{member},conflict,亲属\n",
        encoding="utf-8",
    )
    with Workspace.open(path) as workspace:
        import_panels(workspace, rows)
    with Workspace.open(path) as workspace:
        assert results.compute(workspace, ROUND).outcome(code).final is None
