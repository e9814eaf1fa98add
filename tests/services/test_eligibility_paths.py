"""Each reason of the eligibility rule through each path: the scoring service, an
assignment package and the merge of a validly signed scorecard. (The CLI's turn is in
tests/cli/test_eligibility_cli.py.)"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from qz_evaluator.assets import get_asset
from qz_evaluator.domain.eligibility import Ineligible, NotEligible
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.exchange.package import Assignment, build_package
from qz_evaluator.services import demo, identity, merge, packages, scorecard_files
from qz_evaluator.services.panels import eligibility_in
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from tests.services.conftest import Enrolled, committee_and_p01
from tests.support.trust import MemoryKeyring

ROUND = demo.SITE_ROUND


@pytest.fixture
def secretariat(tmp_path: Path) -> Iterator[Workspace]:
    workspace = demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT)
    yield workspace
    workspace.close()


def cases(workspace: Workspace, evaluator: str = "P01") -> dict[Ineligible, str]:
    """A candidate for each reason: conflicted, withdrawn (on the panel), not on the panel."""
    conflicted = workspace.conflicts(evaluator_code=evaluator)[0].credit_code
    mine = [
        m.credit_code for m in workspace.panel_members(round_code=ROUND, evaluator_code=evaluator)
    ]
    outsider = next(
        c.credit_code
        for c in workspace.candidates()
        if c.credit_code not in mine and c.credit_code != conflicted
    )
    workspace.set_withdrawn(mine[0], True)
    return {
        Ineligible.CONFLICT_OF_INTEREST: conflicted,
        Ineligible.WITHDRAWN: mine[0],
        Ineligible.NOT_ON_PANEL: outsider,
    }


def as_evaluator(workspace: Workspace) -> None:
    """Scoring happens in an evaluator's workspace (the secretariat's refuses it): the
    demo's whole pool, panels and conflicts, held in the evaluator's role."""
    workspace.set_meta("role", Role.EVALUATOR.value)


@pytest.mark.parametrize("reason", list(Ineligible))
def test_the_service_refuses_with_the_exact_reason(
    secretariat: Workspace, reason: Ineligible
) -> None:
    credit_code = cases(secretariat)[reason]
    as_evaluator(secretariat)
    service = ScoringService(secretariat)
    with pytest.raises(NotEligible) as caught:
        service.open(ROUND, credit_code, "P01")
    assert caught.value.reason is reason
    assert (caught.value.round_code, caught.value.credit_code) == (ROUND, credit_code)
    assert caught.value.evaluator_code == "P01"
    assert caught.value.code == reason.value
    assert secretariat.find_scorecard(ROUND, credit_code, "P01") is None


def test_ensure_all_opens_exactly_the_eligible(secretariat: Workspace) -> None:
    barred = cases(secretariat)
    as_evaluator(secretariat)
    cards = ScoringService(secretariat).ensure_all(ROUND, "P01")
    opened = {c.credit_code for c in cards}
    mine = {
        m.credit_code for m in secretariat.panel_members(round_code=ROUND, evaluator_code="P01")
    }
    assert opened == mine - {barred[Ineligible.WITHDRAWN]}
    assert not opened & set(barred.values())


def test_a_conflict_is_the_reason_even_for_a_panel_member(secretariat: Workspace) -> None:
    code = secretariat.panel_members(round_code=ROUND, evaluator_code="P02")[0].credit_code
    secretariat.add_conflict(Conflict(code, "P02", "后来申报的回避"))
    secretariat.set_withdrawn(code, True)
    assert eligibility_in(secretariat, ROUND, code, "P02") is Ineligible.CONFLICT_OF_INTEREST


# ----- assignment packages ----------------------------------------------------------------


@pytest.fixture
def issued(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[tuple[Workspace, Workspace]]:
    with committee_and_p01(tmp_path) as pair:
        yield pair


def export(secretariat: Workspace, out: Path) -> Path:
    return packages.export_packages(secretariat, ROUND, out, ["P01"])[0]


def signed(secretariat: Workspace, assignment: Assignment, path: Path) -> Path:
    """A package the secretariat really signed, for an assignment made by hand."""
    signer = identity.secretariat_identity(secretariat)
    path.write_bytes(
        build_package(
            assignment=assignment,
            criteria_bytes=get_asset("criteria", "gbt19580-2012.json").read_bytes(),
            evaluator_certificate=identity.issued_certificate(secretariat, "P01"),
            root=signer.chain[0],
            secretariat_certificate=signer.cert,
            secretariat_key=signer.key,
            secretariat_workspace_id=secretariat.workspace_id,
            issued_at="2026-06-01T08:00:00+00:00",
        )
    )
    return path


@pytest.mark.parametrize(
    ("reason", "after"),
    [
        # The secretariat learns of a conflict after the first package...
        (Ineligible.CONFLICT_OF_INTEREST, "conflict"),
        # ...or takes P01 off the panel.
        (Ineligible.WITHDRAWN, "moved"),
    ],
)
def test_a_reissued_package_says_why_a_candidate_is_no_longer_scored(
    issued: tuple[Workspace, Workspace], tmp_path: Path, reason: Ineligible, after: str
) -> None:
    secretariat, evaluator = issued
    packages.import_package(evaluator, export(secretariat, tmp_path / "first"))
    code = evaluator.scorecards(round_code=ROUND, evaluator_code="P01")[0].credit_code
    if after == "conflict":
        secretariat.add_conflict(Conflict(code, "P01", "事后发现曾为该单位提供咨询"))
    else:
        secretariat.remove_panel_member(ROUND, code, "P01")
    result = packages.import_package(evaluator, export(secretariat, tmp_path / "second"))
    assert result.withdrawn == [code]
    assert result.not_scored == {code: reason}
    assert result.as_dict()["not_scored"] == {code: reason.value}
    assert eligibility_in(evaluator, ROUND, code, "P01") is reason
    assert evaluator.find_scorecard(ROUND, code, "P01") is not None  # kept, never deleted


@pytest.mark.parametrize("reason", [Ineligible.CONFLICT_OF_INTEREST, Ineligible.NOT_ON_PANEL])
def test_a_package_that_contradicts_itself_is_refused(
    issued: tuple[Workspace, Workspace], tmp_path: Path, reason: Ineligible
) -> None:
    secretariat, evaluator = issued
    assignment = packages.assignment_for(secretariat, ROUND, "P01")
    code = assignment.candidates[0].credit_code
    if reason is Ineligible.CONFLICT_OF_INTEREST:
        changed = dataclasses.replace(
            assignment, conflicts=(*assignment.conflicts, Conflict(code, "P01", "咨询"))
        )
    else:
        changed = dataclasses.replace(
            assignment,
            panels=tuple(
                m
                for m in assignment.panels
                if not (m.credit_code == code and m.evaluator_code == "P01")
            ),
        )
    path = signed(secretariat, changed, tmp_path / "odd.qzpkg")
    with pytest.raises(NotEligible) as caught:
        packages.import_package(evaluator, path)
    assert caught.value.reason is reason and caught.value.credit_code == code
    assert str(caught.value).startswith(f"{path}: refused: ")
    assert evaluator.candidates() == [] and evaluator.scorecards() == []


# ----- merging a validly signed scorecard ---------------------------------------------------


def exported(enrolled: Enrolled) -> Path:
    return scorecard_files.export_scorecard(
        enrolled.evaluator, enrolled.card, enrolled.tmp / "out"
    ).path


def test_merge_of_a_conflicted_evaluators_valid_scorecard(enrolled: Enrolled) -> None:
    """P01 scored and signed legitimately; then the secretariat recorded a conflict."""
    path = exported(enrolled)
    card = enrolled.card
    secretariat = enrolled.secretariat
    # As the panel import does it: a conflicted evaluator is taken off the panel.
    secretariat.remove_panel_member(card.round_code, card.credit_code, card.evaluator_code)
    secretariat.add_conflict(Conflict(card.credit_code, card.evaluator_code, "事后发现的回避"))
    summary = merge.merge(secretariat, [path], workers=1)
    (entry,) = summary.entries
    assert entry.outcome is merge.Outcome.REJECTED
    assert entry.reason == Ineligible.CONFLICT_OF_INTEREST.value == "conflict-of-interest"
    assert card.evaluator_code in entry.message and card.credit_code in entry.message
    assert secretariat.submissions() == []


@pytest.mark.parametrize("reason", [Ineligible.WITHDRAWN, Ineligible.NOT_ON_PANEL])
def test_merge_rejects_with_the_rules_other_reasons(enrolled: Enrolled, reason: Ineligible) -> None:
    path = exported(enrolled)
    card = enrolled.card
    secretariat = enrolled.secretariat
    if reason is Ineligible.WITHDRAWN:
        secretariat.set_withdrawn(card.credit_code, True)
    else:
        secretariat.remove_panel_member(card.round_code, card.credit_code, card.evaluator_code)
    (entry,) = merge.merge(secretariat, [path], workers=1).entries
    assert (entry.outcome, entry.reason) == (merge.Outcome.REJECTED, reason.value)


def test_merge_accepts_the_same_file_when_eligible(enrolled: Enrolled) -> None:
    (entry,) = merge.merge(enrolled.secretariat, [exported(enrolled)], workers=1).entries
    assert entry.outcome is merge.Outcome.ACCEPTED
