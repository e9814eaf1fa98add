"""The one rule of who may score whom, and the order of its reasons."""

from __future__ import annotations

import pytest

from qz_evaluator.domain.eligibility import Ineligible, NotEligible, PanelIndex, eligibility
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import Conflict, PanelMember, PanelRole

CODE = "91350100M000100Y43"
OTHER = "91330800MA2A1B2C3D"
PANEL = [
    PanelMember("r1", CODE, "P01", PanelRole.LEADER),
    PanelMember("r1", CODE, "P02", PanelRole.MEMBER),
    PanelMember("r2", OTHER, "P03", PanelRole.MEMBER),
]
CONFLICTS = [Conflict(CODE, "P03", "原工作单位"), Conflict(OTHER, "P01", "咨询")]


def check(evaluator: str, credit_code: str = CODE, *, withdrawn: bool = False) -> object:
    return eligibility(
        "r1", credit_code, evaluator, members=PANEL, conflicts=CONFLICTS, withdrawn=withdrawn
    )


def test_panel_members_without_a_conflict_may_score() -> None:
    assert check("P01") is None and check("P02") is None


def test_each_reason() -> None:
    assert check("P03") is Ineligible.CONFLICT_OF_INTEREST
    assert check("P04") is Ineligible.NOT_ON_PANEL
    assert check("P01", withdrawn=True) is Ineligible.WITHDRAWN
    # On another round's panel is not on this one's.
    assert check("P03", OTHER) is Ineligible.NOT_ON_PANEL


def test_a_conflict_is_reported_before_the_panel_and_the_withdrawal() -> None:
    # P01 is rightly not on OTHER's panel: the reason is still the conflict.
    assert check("P01", OTHER) is Ineligible.CONFLICT_OF_INTEREST
    assert check("P01", OTHER, withdrawn=True) is Ineligible.CONFLICT_OF_INTEREST
    # A withdrawn candidate's panel is gone: the reason is the withdrawal.
    assert check("P05", withdrawn=True) is Ineligible.WITHDRAWN


def test_the_codes_are_stable() -> None:
    assert [r.value for r in Ineligible] == ["conflict-of-interest", "withdrawn", "not-on-panel"]


@pytest.mark.parametrize("reason", list(Ineligible))
def test_the_error_carries_the_reason_and_names_everyone(reason: Ineligible) -> None:
    error = NotEligible(reason, "r1", CODE, "P03", candidate_name="衢州示例新材料有限公司")
    assert isinstance(error, DomainError)
    assert error.reason is reason
    message = str(error)
    assert "P03" in message and "r1" in message and "衢州示例新材料有限公司" in message
    assert CODE in message and error.code == reason.value


def test_the_index_answers_as_the_rule_does() -> None:
    index = PanelIndex(PANEL, CONFLICTS, withdrawn={OTHER})
    for round_code in ("r1", "r2"):
        for credit_code in (CODE, OTHER):
            for evaluator in ("P01", "P02", "P03", "P04"):
                assert index.eligibility(round_code, credit_code, evaluator) == eligibility(
                    round_code,
                    credit_code,
                    evaluator,
                    members=PANEL,
                    conflicts=CONFLICTS,
                    withdrawn=credit_code == OTHER,
                )
