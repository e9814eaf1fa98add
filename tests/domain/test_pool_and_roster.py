from __future__ import annotations

from datetime import date

import pytest

from qz_evaluator.domain.candidates import Candidate, Tier, parse_tier, tier_change
from qz_evaluator.domain.credit_code import CreditCodeError
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.eligibility import check_panel
from qz_evaluator.domain.errors import DomainError, ScorecardLocked, ScoreError
from qz_evaluator.domain.roster import (
    Conflict,
    Evaluator,
    Level,
    PanelMember,
    PanelRole,
    parse_level,
)
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, finalised, with_percent

CODE = "91350100M000100Y43"


def candidate(tier: str = "seed") -> Candidate:
    return Candidate.create(
        credit_code_text=CODE,
        name=" 衢州示例新材料有限公司 ",
        county="柯城区",
        industry="新材料",
        tier=tier,
    )


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("seed", Tier.SEED),
        ("潜力", Tier.POTENTIAL),
        ("优势单位", Tier.ADVANTAGE),
        (" Seed ", Tier.SEED),
    ],
)
def test_tiers_in_either_language(text: str, tier: Tier) -> None:
    assert parse_tier(text) is tier


def test_unknown_tier_and_bad_code() -> None:
    with pytest.raises(DomainError, match="unknown tier 'gold'"):
        parse_tier("gold")
    with pytest.raises(CreditCodeError):
        Candidate.create(
            credit_code_text="123", name="x", county="柯城区", industry="", tier="seed"
        )


def test_candidate_is_trimmed() -> None:
    assert candidate().name == "衢州示例新材料有限公司"


def test_tier_change_direction_and_rules() -> None:
    change = tier_change(candidate(), Tier.POTENTIAL, date(2026, 6, 30), "现场评审结果")
    assert change.direction == "promoted"
    assert tier_change(candidate("advantage"), Tier.SEED, date(2026, 1, 1), "x").direction == (
        "demoted"
    )
    with pytest.raises(DomainError, match="already in tier"):
        tier_change(candidate(), Tier.SEED, date(2026, 1, 1), "x")
    with pytest.raises(DomainError, match="needs a reason"):
        tier_change(candidate(), Tier.POTENTIAL, date(2026, 1, 1), " ")


def test_levels_and_evaluator_codes() -> None:
    assert parse_level("省级") is Level.PROVINCIAL
    assert Evaluator.create(code="M01", name="王芳", level="市级").level is Level.MUNICIPAL
    with pytest.raises(DomainError, match="evaluator code"):
        Evaluator.create(code="M 01", name="王芳", level="municipal")


def test_small_panel_is_reported_not_refused() -> None:
    members = [PanelMember("r", CODE, f"E{i}", PanelRole.MEMBER) for i in range(4)]
    members.append(PanelMember("r", CODE, "E9", PanelRole.LEADER))
    conflicts = [Conflict(CODE, "E1", "咨询")]
    check = check_panel("r", CODE, members[1:], conflicts)
    assert check.undersized
    assert "fewer than 5" in check.problems[0]
    assert check.conflicted == ("E1",)
    assert not check_panel("r", CODE, members, []).problems
    # The minimum is the workspace's setting; 5 is only the default.
    assert not check_panel("r", CODE, members[1:], [], minimum=4).undersized


def test_finalising_lists_missing_items(criteria: CriteriaSet) -> None:
    card = Scorecard("r", CODE, "P01", criteria.id)
    card = with_percent(card, criteria, "4.1.2", 50)
    with pytest.raises(ScoreError, match=r"22 of 23 items are not scored \(4\.1\.3, 4\.1\.4"):
        finalised(card, criteria)
    for item in criteria.items:
        card = with_percent(card, criteria, item.code, 60)
    final = finalised(card, criteria)
    assert final.status is ScorecardStatus.FINAL
    assert final.summary(criteria).total == 600
    with pytest.raises(ScorecardLocked):
        with_percent(final, criteria, "4.1.2", 70)


def test_percent_rules_apply_to_scorecards(criteria: CriteriaSet) -> None:
    card = Scorecard("r", CODE, "P01", criteria.id)
    with pytest.raises(ScoreError):
        with_percent(card, criteria, "4.1.2", 47)


def test_texts_follow_the_same_rules(criteria: CriteriaSet) -> None:
    from qz_evaluator.domain.scorecard import TextField, with_text

    card = with_text(
        Scorecard("r", CODE, "P01", criteria.id),
        criteria,
        "4.1.2",
        TextField.OFIS,
        "战略沟通需加强",
    )
    assert card.entry("4.1.2").ofis == "战略沟通需加强" and card.entry("4.1.2").strengths == ""
    with pytest.raises(ScorecardLocked):
        with_text(replace_status(card), criteria, "4.1.2", TextField.STRENGTHS, "x")


def replace_status(card: Scorecard) -> Scorecard:
    import dataclasses

    return dataclasses.replace(card, status=ScorecardStatus.FINAL)
