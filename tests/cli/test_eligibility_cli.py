"""`qzeval score` refuses with the eligibility rule's exact reason (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qz_evaluator.cli import main
from qz_evaluator.domain.eligibility import Ineligible
from qz_evaluator.services import demo
from qz_evaluator.store.workspace import Role

ROUND = demo.SITE_ROUND


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[Ineligible, str]]:
    """A secretariat demo and, for each reason, a candidate P01 may not score."""
    path = tmp_path / "sec.qzw"
    with demo.build_demo(path, role=Role.SECRETARIAT) as ws:
        conflicted = ws.conflicts(evaluator_code="P01")[0].credit_code
        mine = [m.credit_code for m in ws.panel_members(round_code=ROUND, evaluator_code="P01")]
        outsider = next(
            c.credit_code
            for c in ws.candidates()
            if c.credit_code not in mine and c.credit_code != conflicted
        )
        ws.set_withdrawn(mine[0], True)
        names = {c.credit_code: c.name for c in ws.candidates()}
        # Scoring happens in an evaluator's workspace (the secretariat's refuses it): the
        # demo's whole pool, panels and conflicts, held in the evaluator's role.
        ws.set_meta("role", Role.EVALUATOR.value)
    cases = {
        Ineligible.CONFLICT_OF_INTEREST: conflicted,
        Ineligible.WITHDRAWN: mine[0],
        Ineligible.NOT_ON_PANEL: outsider,
    }
    assert all(names[code] for code in cases.values())
    return path, cases


EXPECTED = {
    Ineligible.CONFLICT_OF_INTEREST: "evaluator P01 has a recorded conflict of interest with",
    Ineligible.WITHDRAWN: "has been withdrawn from round 2026-site; evaluator P01",
    Ineligible.NOT_ON_PANEL: "evaluator P01 is not on the panel of",
}


@pytest.mark.parametrize("reason", list(Ineligible))
def test_score_is_refused_with_the_exact_reason(
    workspace: tuple[Path, dict[Ineligible, str]],
    reason: Ineligible,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, cases = workspace
    code = cases[reason]
    args = ["--round", ROUND, "--candidate", code, "--evaluator", "P01", "-w", str(path)]
    status = main(["score", *args, "--item", "4.1.2", "--percent", "50"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("qzeval: error: ")
    assert EXPECTED[reason] in err and code in err
    for other in set(Ineligible) - {reason}:
        assert EXPECTED[other] not in err
    # The stable code travels in the machine-readable error.
    assert main(["score", *args, "--item", "4.1.2", "--percent", "50", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["error"]["code"] == reason.value
