"""Round results for the secretariat: statistics per candidate, divergence flags and
consensus notes, rankings per tier, tier recommendations, calibration diagnostics.

The arithmetic rule is a named, versioned workspace setting and every result says which
rule produced it. Calibration is diagnostic only: it never changes an official score.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import calibration
from qz_evaluator.domain.aggregation import DEFAULT_RULE, AggregationRule
from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.domain.consensus import (
    DEFAULT_DIVERGENCE_THRESHOLD,
    CandidateResult,
    ConsensusNote,
    PanelScorecard,
    candidate_result,
    consensus_note,
    row_result,
    unresolved,
    with_agreed_percents,
)
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.ranking import (
    DEFAULT_THRESHOLDS,
    Ranked,
    TierThresholds,
    rank_within_tiers,
)
from qz_evaluator.domain.roster import Level
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.domain.scoring import summarise
from qz_evaluator.domain.statistics import Stats
from qz_evaluator.services import panels
from qz_evaluator.services.errors import Phrase, ServiceError
from qz_evaluator.store.workspace import Role, Workspace

RULE_KEY, THRESHOLD_KEY, TIERS_KEY = "aggregation_rule", "divergence_threshold", "tier_thresholds"
CENT = Decimal("0.01")
_K = TypeVar("_K")
NOT_FINAL = "not-final"  # error code: a result that cannot be, or is not yet, final


class _Remembered(dict[_K, str]):
    """A function's text of each argument, remembered: a round shows the same few
    thousand values many times. A dict's lookup costs half of `lru_cache`'s (no tuple of
    arguments, no order kept); when full it starts afresh."""

    def __init__(self, make: Callable[[_K], str]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: _K) -> str:
        if len(self) >= 1 << 16:
            self.clear()
        text = self[key] = self._make(key)
        return text


def _shown(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


# Two decimals, half up, for people; the exact value stays in the computation.
shown: Callable[[Decimal], str] = _Remembered(_shown).__getitem__


# ----- settings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    rule: AggregationRule
    threshold: int
    tiers: TierThresholds
    panel_minimum: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.to_json(),
            "rule_id": self.rule.id,
            "divergence_threshold": self.threshold,
            "tier_thresholds": self.tiers.to_json(),
            "panel_minimum": self.panel_minimum,
        }


def settings(workspace: Workspace) -> Settings:
    rule_text, tiers_text = workspace.meta(RULE_KEY), workspace.meta(TIERS_KEY)
    threshold_text = workspace.meta(THRESHOLD_KEY)
    return Settings(
        rule=AggregationRule.from_json(json.loads(rule_text)) if rule_text else DEFAULT_RULE,
        threshold=int(threshold_text) if threshold_text else DEFAULT_DIVERGENCE_THRESHOLD,
        tiers=TierThresholds.from_json(json.loads(tiers_text))
        if tiers_text
        else DEFAULT_THRESHOLDS,
        panel_minimum=panels.panel_minimum(workspace),
    )


def set_rule(workspace: Workspace, rule: AggregationRule) -> None:
    _secretariat(workspace)
    workspace.set_meta(RULE_KEY, json.dumps(rule.to_json()))


def set_threshold(workspace: Workspace, threshold: int) -> None:
    _secretariat(workspace)
    if not 0 < threshold <= 100:
        raise DomainError("the divergence threshold is between 1 and 100 points of percentage")
    workspace.set_meta(THRESHOLD_KEY, str(threshold))


def set_tier_thresholds(workspace: Workspace, tiers: TierThresholds) -> None:
    _secretariat(workspace)
    workspace.set_meta(TIERS_KEY, json.dumps(tiers.to_json()))


def _secretariat(workspace: Workspace) -> None:
    if workspace.role is not Role.SECRETARIAT:
        raise ServiceError("results are kept in the secretariat's workspace")


# ----- results ----------------------------------------------------------------------------


class EvaluatorTotals(NamedTuple):
    """One panel member's accepted scorecard in points, as signed (consensus percentages
    change the official score, not what an evaluator gave). Kept as whole hundredths of a
    point, exact: a province has 50,000 of them, and integers cost nothing to make."""

    evaluator_code: str
    level: Level
    codes: tuple[str, ...]  # the category codes, in criteria order
    hundredths: tuple[int, ...]  # each category's subtotal, in the order of `codes`
    process_hundredths: int
    results_hundredths: int

    @property
    def total(self) -> Decimal:
        return Decimal(self.process_hundredths + self.results_hundredths).scaleb(-2)

    @property
    def process(self) -> Decimal:
        return Decimal(self.process_hundredths).scaleb(-2)

    @property
    def results(self) -> Decimal:
        return Decimal(self.results_hundredths).scaleb(-2)

    @property
    def categories(self) -> dict[str, Decimal]:
        """Category code → subtotal, in criteria order."""
        return {
            code: Decimal(value).scaleb(-2)
            for code, value in zip(self.codes, self.hundredths, strict=True)
        }

    def texts(self) -> tuple[str, str, str, tuple[str, ...]]:
        """Total, process, results and the category subtotals as `shown` writes them."""
        process, results = self.process_hundredths, self.results_hundredths
        return (
            points_text(process + results),
            points_text(process),
            points_text(results),
            tuple(map(points_text, self.hundredths)),
        )


def _points_text(hundredths: int) -> str:
    whole, cents = divmod(hundredths, 100)
    return f"{whole}.{cents:02d}"


# `shown` of a whole number of hundredths (exact: nothing to round), without a Decimal;
# a round's subtotals take few distinct values.
points_text: Callable[[int], str] = _Remembered(_points_text).__getitem__


def _evaluator_totals(
    result: CandidateResult,
    accepted: Sequence[tuple[str, str, Any, Sequence[int | None]]],
    levels: Mapping[str, Level],
    category_codes: tuple[str, ...],
    order: Mapping[str, int],
) -> tuple[EvaluatorTotals, ...]:
    """Each accepted scorecard's figures as the domain worked them out for the result
    (`CandidateResult.card_*`, in the order of `accepted`), in panel order."""
    cards = [
        EvaluatorTotals(
            evaluator_code, levels[evaluator_code], category_codes, categories, process, results
        )
        for (_, evaluator_code, _, _), categories, process, results in zip(
            accepted,
            result.card_categories,
            result.card_process,
            result.card_results,
            strict=True,
        )
    ]
    return tuple(
        sorted(cards, key=lambda c: (order.get(c.evaluator_code, len(order)), c.evaluator_code))
    )


@dataclass(frozen=True)
class CandidateOutcome:
    candidate: Candidate
    result: CandidateResult | None  # None: no valid scorecard yet
    official: Decimal | None  # by the rule, with agreed consensus percentages applied
    notes: tuple[ConsensusNote, ...]
    unresolved: tuple[str, ...]
    missing: tuple[str, ...]  # panel members without an accepted scorecard
    conflicts: tuple[str, ...]  # evaluators whose rival same-revision files await a fix
    final: dict[str, Any] | None
    recommended: Tier | None
    rank: int | None = None
    # Each accepted scorecard's total and subtotals, in panel order.
    scorecards: tuple[EvaluatorTotals, ...] = ()


@dataclass
class RoundResults:
    round_code: str
    criteria: CriteriaSet
    settings: Settings
    outcomes: list[CandidateOutcome]
    rankings: dict[Tier, list[Ranked]] = field(default_factory=dict)
    _by_code: dict[str, CandidateOutcome] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def outcome(self, credit_code: str) -> CandidateOutcome:
        # A dict, not a scan: ranking looks up every candidate (quadratic at a province).
        if len(self._by_code) != len(self.outcomes):
            self._by_code = {o.candidate.credit_code: o for o in self.outcomes}
        found = self._by_code.get(credit_code)
        if found is None:
            raise ServiceError("no result for candidate {credit_code}", credit_code=credit_code)
        return found


def _levels(workspace: Workspace) -> dict[str, Level]:
    return {evaluator.code: evaluator.level for evaluator in workspace.evaluators()}


class _Scored(NamedTuple):
    """What one candidate's merged scorecards amount to, before the candidate is known."""

    result: CandidateResult | None
    official: Decimal | None
    have: frozenset[str]  # evaluators with an accepted scorecard
    conflicts: tuple[str, ...]
    scorecards: tuple[EvaluatorTotals, ...] = ()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a province's results are made or written.

    They are a few hundred thousand acyclic objects (tuples, named tuples, dicts) that
    reference counting frees; the collector's passes would walk them again and again (at
    10,000 candidates, a tenth of `results show`). Afterwards, what was made meanwhile
    joins the oldest generation, as if it had survived those passes, without a walk
    (`freeze` then `unfreeze`; a walk would come with the very next allocation), and the
    collector is back on if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def compute(workspace: Workspace, round_code: str, *, only: str | None = None) -> RoundResults:
    """The round's results; with `only` (a credit code), that candidate's outcome alone,
    without ranks (a rank needs the whole tier): a tenth of the time at a province, for
    a view of one candidate."""
    with collector_paused():
        return _compute(workspace, round_code, only)


def _compute(workspace: Workspace, round_code: str, only: str | None) -> RoundResults:
    _secretariat(workspace)
    round_ = workspace.round(round_code)
    criteria = criteria_set(round_.criteria_id)
    current = settings(workspace)
    finals = workspace.final_results(round_code)
    panel: dict[str, list[str]] = {}
    for credit_code, evaluator_code in workspace.panel_codes(round_code):
        panel.setdefault(credit_code, []).append(evaluator_code)
    notes_of: dict[str, list[ConsensusNote]] = {}
    for n in workspace.consensus_notes(round_code):
        notes_of.setdefault(n.credit_code, []).append(
            ConsensusNote(n.item_code, n.author, n.text, n.agreed_percent)
        )
    levels = _levels(workspace)
    accepted_status, conflict_status = SubmissionStatus.ACCEPTED, SubmissionStatus.CONFLICT
    # Streamed one candidate at a time, as plain tuples: a province's scorecards never sit
    # in memory at once.
    scored: dict[str, _Scored] = {}
    codes = [item.code for item in criteria.items]
    category_codes = tuple(category.code for category in criteria.categories)
    for credit_code, own in groupby(
        workspace.iter_panel_rows(round_code=round_code), key=itemgetter(0)
    ):
        if credit_code not in panel or (only is not None and credit_code != only):
            continue
        submissions = list(own)
        accepted = [s for s in submissions if s[2] is accepted_status]
        agreed = notes_of.get(credit_code, [])
        result = official = None
        if accepted:
            result = row_result(
                criteria,
                [(evaluator_code, levels[evaluator_code]) for _, evaluator_code, _, _ in accepted],
                [row for _, _, _, row in accepted],
                current.rule,
                current.threshold,
                current.panel_minimum,
            )
            official = result.official
            if any(note.agreed_percent is not None for note in agreed):
                cards = [
                    PanelScorecard(
                        evaluator_code, levels[evaluator_code], dict(zip(codes, row, strict=True))
                    )
                    for _, evaluator_code, _, row in accepted
                ]
                official = candidate_result(
                    criteria,
                    with_agreed_percents(cards, agreed),
                    current.rule,
                    current.threshold,
                    current.panel_minimum,
                ).official
        order = {code: index for index, code in enumerate(panel[credit_code])}
        scored[credit_code] = _Scored(
            result,
            official,
            frozenset(s[1] for s in accepted),
            tuple(sorted({s[1] for s in submissions if s[2] is conflict_status})),
            _evaluator_totals(result, accepted, levels, category_codes, order)
            if result is not None
            else (),
        )
    candidates = workspace.candidates(
        codes=sorted(panel) if only is None else [only] if only in panel else []
    )
    # Ranked before the outcomes are built, so that each is built once, with its rank.
    rankings = (
        rank_within_tiers(
            (c.credit_code, c.tier, found.official)
            for c in candidates
            if (found := scored.get(c.credit_code)) is not None and found.official is not None
        )
        if only is None
        else {}
    )
    ranks = {r.credit_code: r.rank for tier in rankings.values() for r in tier}
    outcomes: list[CandidateOutcome] = []
    unscored = _Scored(None, None, frozenset(), ())
    for candidate in candidates:
        found = scored.get(candidate.credit_code, unscored)
        result, official = found.result, found.official
        notes = tuple(notes_of.get(candidate.credit_code, ()))
        outcomes.append(
            CandidateOutcome(
                candidate=candidate,
                result=result,
                official=official,
                notes=notes,
                unresolved=tuple(unresolved(result.divergences, notes)) if result else (),
                missing=tuple(sorted(set(panel[candidate.credit_code]) - found.have)),
                conflicts=found.conflicts,
                final=finals.get(candidate.credit_code),
                recommended=current.tiers.recommend(official) if official is not None else None,
                rank=ranks.get(candidate.credit_code),
                scorecards=found.scorecards,
            )
        )
    return RoundResults(round_code, criteria, current, outcomes, rankings)


# ----- consensus, final results, tiers ----------------------------------------------------


def add_consensus_note(
    workspace: Workspace,
    round_code: str,
    credit_code: str,
    item_code: str,
    author: str,
    text: str,
    agreed_percent: int | None,
) -> ConsensusNote:
    _secretariat(workspace)
    criteria = criteria_set(workspace.round(round_code).criteria_id)
    note = consensus_note(criteria, item_code, author, text, agreed_percent)
    workspace.set_consensus_note(
        round_code, credit_code, note.item_code, note.author, note.text, note.agreed_percent
    )
    workspace.clear_result_final(round_code, credit_code)  # a final result must be re-made
    return note


class NotFinal(ServiceError):
    """What keeps a candidate's result from being final, each reason a translatable
    piece (the window says them in its language, the CLI prints the English)."""

    default_code = NOT_FINAL

    def __init__(self, name: str, reasons: Sequence[Phrase]) -> None:
        joined = reasons[0]
        for reason in reasons[1:]:
            joined = Phrase("{first}; {then}", first=joined, then=reason)
        super().__init__(
            "the result of {name} cannot be final: {reasons}", name=name, reasons=joined
        )
        self.reasons = tuple(reasons)


def blocking(outcome: CandidateOutcome, names: Mapping[str, str] | None = None) -> list[Phrase]:
    """Why `outcome` cannot be final yet (nothing: it can): divergent items without a
    consensus note, panel members whose scorecard is not in (a result made without them
    would change when it arrives), rival files of one revision. Evaluators are named by
    code, followed by their name where `names` has it."""
    named = names or {}

    def who(codes: Sequence[str]) -> str:
        return ", ".join(f"{code} {named[code]}" if named.get(code) else code for code in codes)

    reasons: list[Phrase] = []
    if outcome.result is None:
        reasons.append(Phrase("no valid scorecards"))
    if outcome.unresolved:
        reasons.append(
            Phrase(
                "divergent items without a consensus note: {items}",
                items=", ".join(outcome.unresolved),
            )
        )
    waiting = [code for code in outcome.missing if code not in outcome.conflicts]
    if waiting:
        reasons.append(
            Phrase("no scorecard yet from panel members {evaluators}", evaluators=who(waiting))
        )
    if outcome.conflicts:
        reasons.append(
            Phrase(
                "rival files with the same revision from {evaluators} await a higher revision",
                evaluators=who(outcome.conflicts),
            )
        )
    return reasons


def finalise(
    workspace: Workspace, round_code: str, credit_code: str, *, ranked: bool = True
) -> CandidateOutcome:
    """Make the candidate's result final; its outcome as it is now (with its rank unless
    not `ranked`: ranking computes the whole round again)."""
    outcome = compute(workspace, round_code, only=credit_code).outcome(credit_code)
    if outcome.result is None or outcome.official is None:
        raise ServiceError("{name} has no valid scorecards yet", name=outcome.candidate.name)
    reasons = blocking(outcome)
    if reasons:
        raise NotFinal(outcome.candidate.name, reasons)
    rule = settings(workspace).rule
    workspace.set_result_final(round_code, credit_code, str(outcome.official), rule.id)
    return compute(workspace, round_code, only=None if ranked else credit_code).outcome(credit_code)


def accept_recommendation(
    workspace: Workspace, round_code: str, credit_code: str, on: date | None = None
) -> TierChange:
    outcome = compute(workspace, round_code).outcome(credit_code)
    if outcome.final is None or outcome.recommended is None or outcome.official is None:
        raise ServiceError(
            "the result of {name} is not final yet",
            error_code=NOT_FINAL,
            window_hint="Agree every divergent item in the Consensus tab; the result becomes "
            "final, then accept the recommendation.",
            name=outcome.candidate.name,
        )
    if outcome.recommended is outcome.candidate.tier:
        raise ServiceError("{name} is already in the recommended tier", name=outcome.candidate.name)
    change = TierChange(
        outcome.candidate.credit_code,
        outcome.candidate.tier,
        outcome.recommended,
        on or date.today(),
        f"{workspace.round(round_code).name}：{shown(outcome.official)} 分"
        f"（{settings(workspace).rule.id}）",
    )
    workspace.record_tier_change(change)
    return change


# ----- calibration (diagnostic) -----------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    leniency: dict[str, calibration.Leniency]
    agreement: dict[str, calibration.PanelAgreement | None]


def calibrate(workspace: Workspace, round_code: str) -> Calibration:
    _secretariat(workspace)
    criteria = criteria_set(workspace.round(round_code).criteria_id)
    codes = [item.code for item in criteria.items]
    levels = _levels(workspace)
    panels: dict[str, dict[str, float]] = {}
    agreement: dict[str, calibration.PanelAgreement | None] = {}
    for credit_code, own in groupby(
        workspace.iter_panel_rows(round_code=round_code), key=itemgetter(0)
    ):
        cards = [
            PanelScorecard(evaluator, levels[evaluator], dict(zip(codes, row, strict=True)))
            for _, evaluator, status, row in own
            if status is SubmissionStatus.ACCEPTED
        ]
        if cards:
            panels[credit_code] = {
                card.evaluator_code: float(summarise(criteria, card.percentages).total)
                for card in cards
            }
            agreement[credit_code] = calibration.panel_agreement(cards, criteria)
    return Calibration(calibration.leniency(panels), agreement)


# ----- plain data for --json, CSV and the window ------------------------------------------


def stats_dict(stats: Stats) -> dict[str, Any]:
    return {
        "n": stats.n,
        "mean": shown(stats.mean),
        "trimmed_mean": shown(stats.trimmed_mean),
        "trimmed": stats.trimmed,
        "median": shown(stats.median),
        "min": shown(stats.minimum),
        "max": shown(stats.maximum),
        "stdev": shown(stats.stdev),
    }


def evaluator_totals_dict(card: EvaluatorTotals) -> dict[str, Any]:
    total, process, results, categories = card.texts()
    return {
        "evaluator": card.evaluator_code,
        "level": card.level.value,
        "total": total,
        "process": process,
        "results": results,
        "categories": dict(zip(card.codes, categories, strict=True)),
    }


def outcome_dict(outcome: CandidateOutcome) -> dict[str, Any]:
    c = outcome.candidate
    data: dict[str, Any] = {
        "credit_code": c.credit_code,
        "name": c.name,
        "county": c.county,
        "industry": c.industry,
        "tier": c.tier.value,
        "rank": outcome.rank,
        "official": shown(outcome.official) if outcome.official is not None else None,
        "recommended_tier": outcome.recommended.value if outcome.recommended else None,
        "final": outcome.final is not None,
        "missing": list(outcome.missing),
        "conflicts": list(outcome.conflicts),
        "unresolved": list(outcome.unresolved),
        "notes": [
            {
                "item": n.item_code,
                "author": n.author,
                "text": n.text,
                "agreed_percent": n.agreed_percent,
            }
            for n in outcome.notes
        ],
    }
    if outcome.result is not None:
        r = outcome.result
        data.update(
            n=r.n,
            incomplete=r.incomplete,
            rule=r.rule.id,
            totals=stats_dict(r.totals),
            process=stats_dict(r.process),
            results=stats_dict(r.results),
            categories={code: stats_dict(s) for code, s in r.categories.items()},
            divergences=[
                {
                    "item": d.item_code,
                    "min": d.minimum,
                    "max": d.maximum,
                    "spread": d.spread,
                    "percentages": dict(d.percentages),
                }
                for d in r.divergences
            ],
            scorecards=[evaluator_totals_dict(card) for card in outcome.scorecards],
        )
    else:
        data.update(n=0, incomplete=True)
    return data


def _head(results: RoundResults) -> dict[str, Any]:
    """What the results document says before its candidates: the round and its rules."""
    return {
        "round": results.round_code,
        "criteria": results.criteria.id,
        "settings": results.settings.as_dict(),
        "rule_description": {
            "zh": results.settings.rule.describe("zh"),
            "en": results.settings.rule.describe("en"),
        },
    }


def results_dict(results: RoundResults) -> dict[str, Any]:
    return {
        **_head(results),
        "candidates": [outcome_dict(o) for o in results.outcomes],
        "rankings": {
            tier.value: [
                {"rank": r.rank, "credit_code": r.credit_code, "score": shown(r.score)}
                for r in ranked
            ]
            for tier, ranked in results.rankings.items()
        },
    }


# ----- the same document as JSON text, for `results show --json` --------------------------

# The CLI's JSON conventions (compact, UTF-8 text rather than \u escapes): `results_json`
# writes exactly what this encoder makes of `results_dict`, a test holds them equal.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_text = json.encoder.encode_basestring  # a JSON string, escaped as _ENCODER escapes it
# The C encoder that _ENCODER uses, made once, for small mappings (a divergence's
# percentages): `"".join(_mapping(data, 0))` is `_ENCODER.encode(data)` without its
# Python-level set-up on each call. No cycle check: the data are plain str → int.
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # None without _json
_mapping: Callable[[Mapping[str, int], int], Sequence[str]] = (
    _c_make_encoder(None, str, _text, None, ":", ",", False, False, True)
    if _c_make_encoder is not None
    else lambda data, _: (_ENCODER.encode(data),)
)


def _texts(values: Sequence[str]) -> str:
    return "[" + ",".join(map(_text, values)) + "]"


def _stats_json(stats: Stats) -> str:
    return (
        f'{{"n":{stats.n},"mean":"{shown(stats.mean)}",'
        f'"trimmed_mean":"{shown(stats.trimmed_mean)}",'
        f'"trimmed":{"true" if stats.trimmed else "false"},'
        f'"median":"{shown(stats.median)}","min":"{shown(stats.minimum)}",'
        f'"max":"{shown(stats.maximum)}","stdev":"{shown(stats.stdev)}"}}'
    )


@lru_cache(maxsize=1 << 10)
def _evaluator_head(evaluator_code: str, level: Level) -> str:
    return f'{{"evaluator":{_text(evaluator_code)},"level":{_text(level.value)},"total":"'


@lru_cache(maxsize=8)
def _subtotals_template(codes: tuple[str, ...]) -> str:
    """The rest of an evaluator's JSON after the total, with a {} per figure."""
    fields = ",".join(f'{_text(code)}:"{{}}"' for code in codes)
    return '{}","process":"{}","results":"{}","categories":{{' + fields + "}}}}"


def _evaluator_json(card: EvaluatorTotals) -> str:
    # Made from cached pieces: a province writes 50,000 of these.
    process, results = card.process_hundredths, card.results_hundredths
    return _evaluator_head(card.evaluator_code, card.level) + _subtotals_template(
        card.codes
    ).format(
        points_text(process + results),
        points_text(process),
        points_text(results),
        *map(points_text, card.hundredths),
    )


def _outcome_json(outcome: CandidateOutcome) -> str:
    """`outcome_dict(outcome)` as compact JSON, without the dicts: a province has 100,000
    statistics, and building then encoding a dict for each costs a second."""
    c = outcome.candidate
    official = outcome.official
    recommended = outcome.recommended
    notes = (
        _ENCODER.encode(
            [
                {
                    "item": n.item_code,
                    "author": n.author,
                    "text": n.text,
                    "agreed_percent": n.agreed_percent,
                }
                for n in outcome.notes
            ]
        )
        if outcome.notes
        else "[]"
    )
    head = (
        f'{{"credit_code":{_text(c.credit_code)},"name":{_text(c.name)},'
        f'"county":{_text(c.county)},"industry":{_text(c.industry)},'
        f'"tier":{_text(c.tier.value)},'
        f'"rank":{"null" if outcome.rank is None else int(outcome.rank)},'
        f'"official":{"null" if official is None else _text(shown(official))},'
        f'"recommended_tier":{"null" if recommended is None else _text(recommended.value)},'
        f'"final":{"false" if outcome.final is None else "true"},'
        f'"missing":{_texts(outcome.missing)},"conflicts":{_texts(outcome.conflicts)},'
        f'"unresolved":{_texts(outcome.unresolved)},"notes":{notes},'
    )
    r = outcome.result
    if r is None:
        return head + '"n":0,"incomplete":true}'
    categories = ",".join(
        f"{_text(code)}:{_stats_json(stats)}" for code, stats in r.categories.items()
    )
    divergences = ",".join(
        f'{{"item":{_text(d.item_code)},"min":{int(d.minimum)},"max":{int(d.maximum)},'
        f'"spread":{int(d.spread)},"percentages":{"".join(_mapping(d.percentages, 0))}}}'
        for d in r.divergences
    )
    scorecards = ",".join(map(_evaluator_json, outcome.scorecards))
    return (
        f'{head}"n":{r.n},"incomplete":{"true" if r.incomplete else "false"},'
        f'"rule":{_text(r.rule.id)},"totals":{_stats_json(r.totals)},'
        f'"process":{_stats_json(r.process)},"results":{_stats_json(r.results)},'
        f'"categories":{{{categories}}},"divergences":[{divergences}],'
        f'"scorecards":[{scorecards}]}}'
    )


def results_json(results: RoundResults) -> Iterator[str]:
    """`results_dict(results)` as compact JSON text, in pieces (one per candidate), so that a
    province's 20 MB document is written as it is made rather than built twice in memory."""
    head = _ENCODER.encode(_head(results))
    yield head[:-1] + ',"candidates":['
    for index, outcome in enumerate(results.outcomes):
        yield ("," if index else "") + _outcome_json(outcome)
    rankings = ",".join(
        _text(tier.value)
        + ":["
        + ",".join(
            f'{{"rank":{int(r.rank)},"credit_code":{_text(r.credit_code)},'
            f'"score":{_text(shown(r.score))}}}'
            for r in ranked
        )
        + "]"
        for tier, ranked in results.rankings.items()
    )
    yield "]," + f'"rankings":{{{rankings}}}}}'
