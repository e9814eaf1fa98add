"""A small round's results made by hand, for the charts' tests: every item of a scorecard
at one percentage, so that its total is 10 × that percentage (the criteria's 1000 points)."""

from __future__ import annotations

from collections.abc import Sequence

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.aggregation import DEFAULT_RULE
from qz_evaluator.domain.calibration import leniency
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.consensus import row_result
from qz_evaluator.domain.ranking import DEFAULT_THRESHOLDS
from qz_evaluator.domain.roster import Level
from qz_evaluator.services.results import (
    Calibration,
    CandidateOutcome,
    EvaluatorTotals,
    RoundResults,
    Settings,
)

CRITERIA = criteria_set()


def card(evaluator_code: str, percent: int) -> tuple[str, list[int | None]]:
    """A scorecard with every item at `percent`: its total is 10 × percent points."""
    return evaluator_code, [percent] * len(CRITERIA.items)


def outcome(
    credit_code: str,
    name: str,
    tier: Tier,
    cards: Sequence[tuple[str, list[int | None]]],
    rank: int | None,
) -> CandidateOutcome:
    candidate = Candidate(credit_code, name, "柯城区", "装备制造", tier)
    if not cards:
        return CandidateOutcome(candidate, None, None, (), (), (), (), None, None, rank)
    panel = [(code, Level.MUNICIPAL) for code, _ in cards]
    result = row_result(CRITERIA, panel, [row for _, row in cards], DEFAULT_RULE, 20, 5)
    codes = tuple(category.code for category in CRITERIA.categories)
    scorecards = tuple(
        EvaluatorTotals(code, Level.MUNICIPAL, codes, subtotals, process, results_)
        for (code, _), subtotals, process, results_ in zip(
            cards, result.card_categories, result.card_process, result.card_results, strict=True
        )
    )
    return CandidateOutcome(
        candidate, result, result.official, (), (), (), (), None, None, rank, scorecards
    )


def sample_results() -> RoundResults:
    """Three advantage candidates (one without scorecards) and one seed candidate."""
    settings = Settings(DEFAULT_RULE, 20, DEFAULT_THRESHOLDS, 5)
    outcomes = [
        # 5 cards: the trimmed mean drops 600 and 300 → (600 + 500 + 400) / 3 = 500
        outcome(
            "A1",
            "衢州甲公司",
            Tier.ADVANTAGE,
            [card("M01", 60), card("M02", 60), card("M03", 50), card("M04", 40), card("M05", 30)],
            2,
        ),
        # 3 cards: the plain mean, (700 + 600 + 550) / 3 = 616.67
        outcome(
            "A2",
            "衢州乙公司",
            Tier.ADVANTAGE,
            [card("M01", 70), card("M02", 60), card("M06", 55)],
            1,
        ),
        outcome("A3", "衢州丙公司", Tier.ADVANTAGE, [], None),  # nothing merged yet
        outcome("S1", "衢州丁公司", Tier.SEED, [card("M03", 35), card("M04", 45)], 1),
    ]
    return RoundResults("2026-site", CRITERIA, settings, outcomes)


def sample_calibration() -> Calibration:
    """A +50 twice; B −50, −10; C 0, −10; D −30 once; E alone on a panel."""
    return Calibration(
        leniency(
            {
                "cand-1": {"A": 600.0, "B": 500.0, "C": 550.0},
                "cand-2": {"A": 700.0, "B": 640.0, "C": 640.0, "D": 620.0},
                "cand-3": {"E": 400.0},
            }
        ),
        {},
    )
