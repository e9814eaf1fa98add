"""Forming a round's panels by hand: the secretariat's edits (add, remove, choose the
leader) keep the award's rules, say what changed, and the grid counts panels and loads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qz_evaluator.domain.eligibility import Ineligible, NotEligible
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import PanelRole, RoundKind
from qz_evaluator.domain.round_settings import RoundSettings, parse_visit_days
from qz_evaluator.services import demo, identity, packages, panels
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.panels import MemberChange, PanelChange
from qz_evaluator.services.session import open_workspace
from qz_evaluator.store.workspace import Role, Workspace
from tests.support.trust import MemoryKeyring

SITE, DOCUMENT = demo.SITE_ROUND, demo.DOCUMENT_ROUND
CONFLICTED = ("91330802MA1T9AEX02", "P01")  # the demo records P01's consulting work there


@pytest.fixture(scope="module")
def secretariat_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The secretariat's demo (a merged site visit), built once; tests work on copies."""
    folder = tmp_path_factory.mktemp("panels")
    workspace, _ = demo.build_secretariat_demo(folder / "sec.qzw", folder / "scratch")
    workspace.close()
    return folder / "sec.qzw"


@pytest.fixture
def secretariat(secretariat_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "sec.qzw"
    shutil.copyfile(secretariat_template, path)
    with open_workspace(path) as workspace:
        yield workspace


def roles(workspace: Workspace, round_code: str, credit_code: str) -> dict[str, PanelRole]:
    return {
        m.evaluator_code: m.role
        for m in workspace.panel_members(round_code=round_code, credit_code=credit_code)
    }


def test_a_panel_is_built_member_by_member_and_given_one_leader(secretariat: Workspace) -> None:
    code = "9133080271967273XC"
    assert roles(secretariat, DOCUMENT, code) == {}  # the document round has no panels yet
    for evaluator in ("P02", "P03", "M01", "M02", "M04"):
        change = panels.add_member(secretariat, DOCUMENT, code, evaluator)
        assert change == PanelChange(
            DOCUMENT, code, (MemberChange(evaluator, None, PanelRole.MEMBER),)
        )
    assert not panels.add_member(secretariat, DOCUMENT, code, "P02")  # already on it: no change
    assert panels.set_leader(secretariat, DOCUMENT, code, "P02").members == (
        MemberChange("P02", PanelRole.MEMBER, PanelRole.LEADER),
    )
    # A new leader demotes the old one: one leader per panel.
    change = panels.set_leader(secretariat, DOCUMENT, code, "M01")
    assert set(change.members) == {
        MemberChange("P02", PanelRole.LEADER, PanelRole.MEMBER),
        MemberChange("M01", PanelRole.MEMBER, PanelRole.LEADER),
    }
    found = roles(secretariat, DOCUMENT, code)
    assert [e for e, r in found.items() if r is PanelRole.LEADER] == ["M01"]
    assert len(found) == 5
    # Choosing a leader from outside the panel puts them on it.
    assert panels.set_leader(secretariat, DOCUMENT, code, "M05").members[-1] == MemberChange(
        "M05", None, PanelRole.LEADER
    )
    assert panels.remove_member(secretariat, DOCUMENT, code, "M05").members == (
        MemberChange("M05", PanelRole.LEADER, None),
    )
    assert not panels.remove_member(secretariat, DOCUMENT, code, "M05")
    # Each edit is in the audit trail.
    actions = secretariat.db.execute(
        "SELECT old, new FROM audit WHERE action = 'panel' AND evaluator_code = 'M05'"
    ).fetchall()
    assert [tuple(row) for row in actions] == [(None, "leader"), ("leader", None)]


def test_a_conflicted_evaluator_is_refused_with_the_rules_reason(secretariat: Workspace) -> None:
    credit_code, evaluator = CONFLICTED
    for edit in (panels.add_member, panels.set_leader):
        with pytest.raises(NotEligible) as refused:
            edit(secretariat, DOCUMENT, credit_code, evaluator)
        assert refused.value.code == "conflict-of-interest"
        assert refused.value.reason is Ineligible.CONFLICT_OF_INTEREST
        assert "conflict of interest" in str(refused.value)
    assert evaluator not in roles(secretariat, DOCUMENT, credit_code)


def test_an_evaluator_whose_scorecard_counts_stays_on_the_panel(secretariat: Workspace) -> None:
    round_code, credit_code, evaluator = sorted(secretariat.accepted_keys(SITE))[0]
    before = roles(secretariat, round_code, credit_code)
    with pytest.raises(ServiceError) as refused:
        panels.remove_member(secretariat, round_code, credit_code, evaluator)
    assert refused.value.code == panels.SCORECARD_ACCEPTED
    assert f"evaluator {evaluator} stays on the panel" in str(refused.value)
    assert roles(secretariat, round_code, credit_code) == before
    # Another member of a panel without files may still leave.
    other = next(
        c.credit_code
        for c in secretariat.candidates()
        if not any(k[1] == c.credit_code for k in secretariat.accepted_keys(SITE))
    )
    member = next(iter(roles(secretariat, SITE, other)))
    assert panels.remove_member(secretariat, SITE, other, member)


def test_an_evaluators_workspace_does_not_edit_panels(tmp_path: Path) -> None:
    with demo.build_demo(tmp_path / "p01.qzw") as workspace, pytest.raises(ServiceError):
        panels.add_member(workspace, SITE, "9133080271967273XC", "P02")


def test_the_grid_counts_small_and_leaderless_panels_and_loads(secretariat: Workspace) -> None:
    grid = panels.panel_grid(secretariat, SITE)
    assert len(grid.candidates) == 40 and len(grid.evaluators) == 35
    assert grid.minimum == 5 and grid.undersized_panels() == [] == grid.leaderless_panels()
    assert grid.days_per_candidate == 1.0  # a site visit's default
    p01 = len(secretariat.panel_members(round_code=SITE, evaluator_code="P01"))
    assert grid.load("P01") == panels.Load(p01, float(p01))
    assert grid.conflicts[CONFLICTED].startswith("曾为该单位")
    assert len(grid.accepted) == len(secretariat.accepted_keys(SITE))
    # Edits flow into the grid through what they return: a panel with P01 as a member and
    # no scorecard in yet loses its leader, then P01 leads it.
    code = next(
        c.credit_code
        for c in grid.candidates
        if grid.role(c.credit_code, "P01") is PanelRole.MEMBER
        and not any(k[0] == c.credit_code for k in grid.accepted)
    )
    leader = next(e for (c, e), r in grid.roles.items() if c == code and r is PanelRole.LEADER)
    grid.apply(panels.remove_member(secretariat, SITE, code, leader))
    assert grid.undersized(code) and grid.leaderless(code)
    assert grid.undersized_panels() == [code] == grid.leaderless_panels()
    assert grid.load(leader) == panels.Load(grid.panels_of[leader], grid.panels_of[leader])
    grid.apply(panels.set_leader(secretariat, SITE, code, "P01"))
    assert not grid.leaderless(code) and grid.undersized(code)
    assert grid.load("P01") == panels.Load(p01, float(p01))  # P01 was on it already
    assert grid == panels.panel_grid(secretariat, SITE)  # as read afresh
    assert grid.panel_evaluators() == sorted(
        {m.evaluator_code for m in secretariat.panel_members(round_code=SITE)},
        key=[e.code for e in grid.evaluators].index,
    )
    # A document round's default is half a day; the setting changes the load.
    assert panels.panel_grid(secretariat, DOCUMENT).days_per_candidate == 0.5
    settings = panels.set_visit_days(secretariat, SITE, 1.5)
    assert settings.visit_days == 1.5 and secretariat.round_settings(SITE) == settings
    assert panels.panel_grid(secretariat, SITE).load("P01") == panels.Load(p01, 1.5 * p01)
    assert panels.set_visit_days(secretariat, SITE, None).visit_days is None


def test_days_per_candidate_are_checked_and_travel_with_the_settings() -> None:
    assert RoundSettings().days_per_candidate(RoundKind.SITE_VISIT) == 1.0
    assert RoundSettings().days_per_candidate(RoundKind.DOCUMENT_REVIEW) == 0.5
    assert RoundSettings(visit_days=0.75).days_per_candidate(RoundKind.SITE_VISIT) == 0.75
    assert "visit_days" not in RoundSettings().as_json()  # packages on defaults are unchanged
    chosen = RoundSettings(visit_days=1.25)
    assert RoundSettings.from_json(chosen.as_json()) == chosen
    assert parse_visit_days(" 1,5 ") == 1.5
    for bad in ("0", "-1", "0.3", "11", "nan", "inf", "lots"):
        with pytest.raises(DomainError):
            parse_visit_days(bad)
    with pytest.raises(DomainError):
        RoundSettings.from_json({"visit_days": "one"})


def test_the_default_round_is_the_latest_site_visit(secretariat: Workspace) -> None:
    found = panels.default_panel_round(secretariat)
    assert found is not None and found.code == SITE


def test_a_workspace_without_rounds_has_no_default_round(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "x.qzw", Role.SECRETARIAT) as workspace:
        assert panels.default_panel_round(workspace) is None


def test_package_export_reports_progress_and_stops_when_cancelled(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT) as workspace:
        identity.create_committee_root(workspace, "测试评审委员会根证书")
        reports: list[tuple[int, int]] = []
        written = packages.export_packages(
            workspace,
            SITE,
            tmp_path / "out",
            ["P01", "P02", "P03"],
            progress=lambda done, total: reports.append((done, total)),
            cancelled=lambda: len(reports) >= 2,
        )
    assert reports == [(1, 3), (2, 3)]  # the third package was never begun
    assert [p.name.split("_")[1] for p in written] == ["P01", "P02"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)
