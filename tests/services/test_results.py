"""Results of a whole merged round, checked against an independent computation."""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.aggregation import AggregationRule
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.ranking import TierThresholds
from qz_evaluator.domain.roster import PanelMember, PanelRole
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import (
    identity,
    merge,
    panels,
    reports,
    results,
    results_export,
    scorecard_files,
)
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.workspace import Workspace
from tests.services.conftest import Round

ROUND = "2026-site"
Plans = dict[str, list[tuple[str, dict[str, int | None]]]]
Merged = tuple[Workspace, Plans]
CRITERIA = criteria_set()


def two(value: Fraction | Decimal) -> str:
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else value
    )
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def sqrt(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()


def total(plan: dict[str, int | None]) -> Fraction:
    """Hundredths of a point as integers: exact, and nothing shared with the code."""
    return Fraction(sum(CRITERIA.item(c).points * p for c, p in plan.items() if p is not None), 100)


def expected_stats(totals: list[Fraction]) -> dict[str, str]:
    ordered = sorted(totals)
    kept = ordered[1:-1] if len(ordered) >= 5 else ordered
    return {
        "mean": two(sum(ordered, Fraction(0)) / len(ordered)),
        "trimmed_mean": two(sum(kept, Fraction(0)) / len(kept)),
        "median": two(Fraction(statistics.median(ordered))),
        "min": two(ordered[0]),
        "max": two(ordered[-1]),
        "stdev": two(sqrt(statistics.variance(ordered))) if len(ordered) > 1 else "0.00",
    }


@pytest.fixture
def merged(
    scored_round: Round, tmp_path: Path
) -> Iterator[tuple[Workspace, dict[str, list[tuple[str, dict[str, int | None]]]]]]:
    """The round merged into a private copy, with one panel at n = 4 and one at n = 6
    whose extra card ties the highest total."""
    path = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(path)
    workspace = Workspace.open(path)
    workspace.actor = "secretariat"
    codes = sorted({c for c, _ in scored_round.expected})
    short, long_ = codes[0], codes[1]
    files = [
        p
        for p in sorted(scored_round.outbox.glob("*.pdf"))
        if not (
            short[-6:] in p.name
            and "_M" in p.name
            and p.name.endswith("r1.pdf")
            and p == sorted(scored_round.outbox.glob(f"*_{short[-6:]}_M*_r1.pdf"))[0]
        )
    ]
    merge.merge(workspace, files, workers=2)
    plans: dict[str, list[tuple[str, dict[str, int | None]]]] = {}
    for submission in workspace.submissions(statuses=[SubmissionStatus.ACCEPTED]):
        document = workspace.submission_document(submission.id)
        plans.setdefault(submission.credit_code, []).append(
            (submission.evaluator_code, document.percentages())
        )
    # A sixth evaluator joins the long panel; their card equals the highest card (a tie).
    joiner = next(
        e.code
        for e in workspace.evaluators()
        if e.code not in {code for code, _ in plans[long_]}
        and not workspace.conflicts(credit_code=long_, evaluator_code=e.code)
    )
    workspace.add_panel_member(PanelMember(ROUND, long_, joiner, PanelRole.MEMBER))
    top = max(plans[long_], key=lambda entry: total(entry[1]))[1]
    signer = identity.evaluator_identity(scored_round.evaluators[joiner])
    card = Scorecard(
        ROUND,
        long_,
        joiner,
        CRITERIA.id,
        ScorecardStatus.FINAL,
        entries={code: ItemEntry(code, percent) for code, percent in top.items()},
    )
    document = scd.build_document(
        card,
        workspace_id="x",
        criteria=CRITERIA,
        round_=workspace.round(ROUND),
        candidate=workspace.candidate(long_),
        evaluator=workspace.evaluator(joiner),
        revision=1,
        created_at="c",
        updated_at="u",
        exported_at="2026-11-27T08:00:00+00:00",
        declaration_affirmed_at="2026-11-27T07:00:00+00:00",
    )
    extra = tmp_path / "extra.pdf"
    extra.write_bytes(scorecard_files.signed_scorecard_pdf(document, signer))
    assert merge.merge(workspace, [extra]).entries[0].outcome is merge.Outcome.ACCEPTED
    plans[long_].append((joiner, dict(top)))
    yield workspace, plans
    workspace.close()


def test_statistics_match_an_independent_computation(merged: Merged) -> None:
    workspace, plans = merged
    computed = results.compute(workspace, ROUND)
    sizes = sorted(len(p) for p in plans.values())
    assert sizes[0] == 4 and sizes[-1] == 6 and sizes.count(5) == 38
    for credit_code, cards in plans.items():
        outcome = results.outcome_dict(computed.outcome(credit_code))
        totals = [total(plan) for _, plan in cards]
        assert outcome["n"] == len(cards)
        assert {k: outcome["totals"][k] for k in expected_stats(totals)} == expected_stats(totals)
        assert outcome["totals"]["trimmed"] is (len(cards) >= 5)
        assert outcome["official"] == expected_stats(totals)["trimmed_mean"]
        assert outcome["incomplete"] is (len(cards) < 5)
        for category in CRITERIA.categories:
            per_card = [
                Fraction(sum(i.points * (plan[i.code] or 0) for i in category.items), 100)
                for _, plan in cards
            ]
            assert outcome["categories"][category.code]["mean"] == two(
                sum(per_card, Fraction(0)) / len(per_card)
            )
        # Divergence: max − min of an item's percentages ≥ 20.
        flagged = [
            item.code
            for item in CRITERIA.items
            if max(p[item.code] or 0 for _, p in cards) - min(p[item.code] or 0 for _, p in cards)
            >= 20
        ]
        assert [d["item"] for d in outcome["divergences"]] == flagged


def test_the_rule_is_a_setting_and_is_stated(merged: Merged) -> None:
    workspace, plans = merged
    code = next(c for c, cards in plans.items() if len(cards) == 5)
    totals = [total(plan) for _, plan in plans[code]]
    results.set_rule(workspace, AggregationRule("median"))
    assert results.outcome_dict(results.compute(workspace, ROUND).outcome(code))["official"] == two(
        Fraction(statistics.median(totals))
    )
    results.set_rule(workspace, AggregationRule("weighted", provincial_weight=Decimal(2)))
    weights = [2 if e.startswith("P") else 1 for e, _ in plans[code]]
    weighted = sum((w * t for w, t in zip(weights, totals, strict=True)), Fraction(0)) / sum(
        weights
    )
    computed = results.compute(workspace, ROUND)
    data = results.results_dict(computed)
    assert results.outcome_dict(computed.outcome(code))["official"] == two(weighted)
    assert data["settings"]["rule_id"].startswith("weighted/v1")
    assert "加权" in data["rule_description"]["zh"]


def test_the_panel_minimum_is_a_setting(merged: Merged, tmp_path: Path) -> None:
    """A panel of four is incomplete under the default minimum of five, complete under four,
    and the printed flag names the minimum in force."""
    workspace, plans = merged
    four = next(c for c, cards in plans.items() if len(cards) == 4)
    computed = results.compute(workspace, ROUND)
    assert computed.settings.panel_minimum == 5
    assert results.outcome_dict(computed.outcome(four))["incomplete"] is True
    panels.set_panel_minimum(workspace, 4)
    computed = results.compute(workspace, ROUND)
    assert results.results_dict(computed)["settings"]["panel_minimum"] == 4
    assert results.outcome_dict(computed.outcome(four))["incomplete"] is False
    panels.set_panel_minimum(workspace, 6)
    data = reports.results_report_data(workspace, results.compute(workspace, ROUND), "zh")
    flags = {row.credit_code: row.flags for section in data.sections for row in section.rows}
    assert "评审员不足6人" in flags[four]


def test_consensus_is_needed_before_final(merged: Merged) -> None:
    workspace, plans = merged
    computed = results.compute(workspace, ROUND)
    outcome = next(o for o in computed.outcomes if o.result and len(o.result.divergences) >= 2)
    code = outcome.candidate.credit_code
    with pytest.raises(ServiceError, match="divergent items without a consensus note"):
        results.finalise(workspace, ROUND, code)
    first, *rest = outcome.unresolved
    results.add_consensus_note(workspace, ROUND, code, first, "组长", "经合议统一为 50%", 50)
    for item in rest:
        results.add_consensus_note(workspace, ROUND, code, item, "组长", "保留各自评分", None)
    final = results.finalise(workspace, ROUND, code)
    assert final.final is not None and final.unresolved == ()
    agreed = [{**plan, first: 50} for _, plan in plans[code]]
    assert (
        results.shown(final.official or Decimal(0))
        == expected_stats([total(p) for p in agreed])["trimmed_mean"]
    )
    # A later note re-opens the result.
    results.add_consensus_note(workspace, ROUND, code, first, "组长", "改为 55%", 55)
    assert results.compute(workspace, ROUND).outcome(code).final is None


def test_the_json_text_is_the_results_dict(merged: Merged) -> None:
    """`results show --json` writes `results_json`, made without the dicts: it must be,
    character for character, the compact dump of `results_dict` (notes with quotes and
    line breaks, a final result, candidates without a scorecard, a weighted rule)."""
    import json

    workspace, _ = merged
    computed = results.compute(workspace, ROUND)
    outcome = next(o for o in computed.outcomes if o.result and len(o.result.divergences) >= 2)
    code = outcome.candidate.credit_code
    first, *rest = outcome.unresolved
    results.add_consensus_note(workspace, ROUND, code, first, '组长 "A"', "统一为\n50%\t\\", 50)
    for item in rest:
        results.add_consensus_note(workspace, ROUND, code, item, "组长", "保留各自评分", None)
    results.finalise(workspace, ROUND, code)
    results.set_rule(workspace, AggregationRule("weighted", provincial_weight=Decimal("1.5")))
    body = "91330802MA0000099"
    waiting = body + check_character(body)
    name = '衢州"测试"\\单位'
    workspace.upsert_candidate(Candidate(waiting, name, "柯城区", "新材料", Tier.SEED))
    free = next(
        e.code
        for e in workspace.evaluators()
        if not workspace.conflicts(credit_code=waiting, evaluator_code=e.code)
    )
    workspace.add_panel_member(PanelMember(ROUND, waiting, free, PanelRole.LEADER))
    computed = results.compute(workspace, ROUND)
    assert any(o.result is None for o in computed.outcomes)
    assert any(o.final is not None and o.notes for o in computed.outcomes)
    text = "".join(results.results_json(computed))
    data = results.results_dict(computed)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    assert json.loads(text) == json.loads(json.dumps(data, default=str))


def test_ranking_recommendation_and_tier_history(merged: Merged) -> None:
    workspace, _ = merged
    results.set_tier_thresholds(workspace, TierThresholds(Decimal(300), Decimal(420)))
    computed = results.compute(workspace, ROUND)
    for tier, ranked in computed.rankings.items():
        scores = [r.score for r in ranked]
        assert scores == sorted(scores, reverse=True)
        assert all(computed.outcome(r.credit_code).candidate.tier is tier for r in ranked)
        assert [r.rank for r in ranked][:1] in ([], [1])
    movable = next(
        o
        for o in computed.outcomes
        if o.recommended and o.result and o.recommended is not o.candidate.tier
    )
    code = movable.candidate.credit_code
    with pytest.raises(ServiceError, match="not final"):
        results.accept_recommendation(workspace, ROUND, code)
    for item in movable.unresolved:
        results.add_consensus_note(workspace, ROUND, code, item, "组长", "保留各自评分", None)
    results.finalise(workspace, ROUND, code)
    change = results.accept_recommendation(workspace, ROUND, code)
    assert workspace.candidate(code).tier is movable.recommended
    assert workspace.tier_history(code)[-1].reason == change.reason
    assert "trimmed-mean/v1" in change.reason


def test_calibration_finds_the_planned_leniency(merged: Merged) -> None:
    workspace, _ = merged
    found = results.calibrate(workspace, ROUND)
    lenient = {code: (sum(map(ord, code)) % 5 - 2) for code in found.leniency}
    harsh = [c for c, v in lenient.items() if v == -2 and found.leniency[c].panels]
    kind = [c for c, v in lenient.items() if v == 2 and found.leniency[c].panels]
    assert harsh and kind
    assert max(found.leniency[c].mean_deviation for c in harsh) < 0
    assert min(found.leniency[c].mean_deviation for c in kind) > 0
    for agreement in found.agreement.values():
        assert agreement is not None and agreement.raters >= 4 and agreement.items == 23
        assert -1 <= agreement.kendall_w <= 1


def test_csv_and_xlsx(merged: Merged, tmp_path: Path) -> None:
    workspace, plans = merged
    computed = results.compute(workspace, ROUND)
    data = results_export.write(computed, tmp_path / "results.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == len(plans)
    assert {row["计分规则"] for row in table} == {"trimmed-mean/v1"}
    assert any(row["当前梯队"] == Tier.ADVANTAGE.label.zh for row in table)
    book = load_workbook(results_export.write(computed, tmp_path / "results.xlsx"))
    sheet = book.active
    assert sheet is not None
    assert sheet.max_row == len(plans) + 1
    assert sheet["E1"].value == "单位名称"
    with pytest.raises(ServiceError, match=r"\.csv or \.xlsx"):
        results_export.write(computed, tmp_path / "results.txt")


def test_signed_reports(merged: Merged, tmp_path: Path) -> None:
    import subprocess

    from qz_evaluator.services import reports
    from qz_evaluator.trust.pdf_signing import verify_pdf

    workspace, plans = merged
    root = identity.committee_root(workspace)
    path = reports.results_report(workspace, ROUND, tmp_path / "results.pdf")
    check = verify_pdf(path.read_bytes(), root)
    assert check.valid, check.message
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(" ", "")
    assert "trimmed-mean/v1" in text
    for submission in workspace.submissions(round_code=ROUND)[:20]:
        assert submission.file_sha256 in text
    code = next(iter(plans))
    feedback = reports.feedback_report(workspace, ROUND, code, tmp_path / "feedback.pdf")
    assert verify_pdf(feedback.read_bytes(), root).valid
    text = subprocess.run(
        ["pdftotext", str(feedback), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Strengths were written as "CODE：…" by each evaluator; the report keeps the text but
    # the renderer gets no names, so check no evaluator *name* leaks.
    for evaluator in workspace.evaluators():
        assert evaluator.name not in text
    assert "领导作用突出" in text.replace(" ", "")


def test_the_collector_is_paused_for_results_and_restored() -> None:
    """`compute` and the CLI's writing pause the cyclic collector (a province's results
    are acyclic); afterwards it is as it was, on or off, and objects made meanwhile are
    still collected when they become cyclic garbage."""
    import gc
    import weakref

    class Node:
        pass

    assert gc.isenabled()
    with results.collector_paused():
        assert not gc.isenabled()
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        gone = weakref.ref(node)
    assert gc.isenabled()
    del node
    gc.collect()
    assert gone() is None
    gc.disable()
    try:
        with results.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
