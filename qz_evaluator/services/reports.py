"""Reports the secretariat hands out: the signed results report of a round, and each
candidate's feedback report (consolidated strengths and OFIs, no evaluator names)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from qz_evaluator.documents.feedback_pdf import (
    FeedbackItem,
    FeedbackReportData,
    render_feedback_report,
)
from qz_evaluator.documents.labels import label
from qz_evaluator.documents.results_pdf import (
    CandidateDetail,
    CategoryLine,
    DivergenceLine,
    EvaluatorLine,
    MergedFile,
    RankRow,
    ResultsReportData,
    TierSection,
    render_results_report,
)
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.consensus import ConsensusNote
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import charts, identity
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.results import (
    NOT_FINAL,
    Calibration,
    CandidateOutcome,
    RoundResults,
    calibrate,
    compute,
    shown,
)
from qz_evaluator.services.scorecard_files import write_atomically
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.pdf_signing import sign_pdf


def _flags(outcome: CandidateOutcome, minimum: int, language: str) -> tuple[str, ...]:
    flags: list[str] = []
    result = outcome.result
    if result is None or result.incomplete:
        flags.append(label("flag_incomplete", language, minimum=minimum))
    if result is not None:
        noted = {n.item_code for n in outcome.notes}
        for d in result.divergences:
            state = "flag_agreed" if d.item_code in noted else "flag_open"
            flags.append(
                label("flag_divergent", language, item=d.item_code, spread=d.spread)
                + label(state, language)
            )
    if outcome.conflicts:
        flags.append(label("flag_rivals", language, codes=", ".join(outcome.conflicts)))
    return tuple(flags)


def _row(outcome: CandidateOutcome, minimum: int, language: str) -> RankRow:
    r = outcome.result
    blank = ""
    return RankRow(
        rank=outcome.rank,
        credit_code=outcome.candidate.credit_code,
        name=outcome.candidate.name,
        county=outcome.candidate.county,
        industry=outcome.candidate.industry,
        tier_label=outcome.candidate.tier.label.get(language),
        n=r.n if r else 0,
        official=shown(outcome.official) if outcome.official is not None else blank,
        mean=shown(r.totals.mean) if r else blank,
        trimmed_mean=shown(r.totals.trimmed_mean) if r else blank,
        median=shown(r.totals.median) if r else blank,
        minimum=shown(r.totals.minimum) if r else blank,
        maximum=shown(r.totals.maximum) if r else blank,
        stdev=shown(r.totals.stdev) if r else blank,
        recommended_label=outcome.recommended.label.get(language) if outcome.recommended else blank,
        final=outcome.final is not None,
        flags=_flags(outcome, minimum, language),
    )


def results_report_data(
    workspace: Workspace,
    computed: RoundResults,
    language: str = "zh",
    calibration: Calibration | None = None,
) -> ResultsReportData:
    """What the results report shows, formatted; with `calibration`, its annex also
    draws each evaluator's leniency (diagnostic)."""
    criteria = computed.criteria
    rank_order = {tier: index for index, tier in enumerate(reversed(list(Tier)))}
    sections = []
    for tier in sorted(Tier, key=lambda t: rank_order[t]):
        mine = [o for o in computed.outcomes if o.candidate.tier is tier]
        mine.sort(key=lambda o: (o.rank is None, o.rank or 0, o.candidate.credit_code))
        sections.append(
            TierSection(
                tier.label.get(language),
                tuple(_row(o, computed.settings.panel_minimum, language) for o in mine),
                charts.strip_chart(computed, tier),
            )
        )
    details = []
    for outcome in computed.outcomes:
        r = outcome.result
        notes = {n.item_code: n for n in outcome.notes}
        details.append(
            CandidateDetail(
                name=outcome.candidate.name,
                credit_code=outcome.candidate.credit_code,
                tier_label=outcome.candidate.tier.label.get(language),
                n=r.n if r else 0,
                incomplete=r.incomplete if r else True,
                official=shown(outcome.official) if outcome.official is not None else "",
                categories=tuple(
                    CategoryLine(
                        c.code,
                        c.name.get(language),
                        c.points,
                        shown(r.categories[c.code].mean),
                        shown(r.categories[c.code].minimum),
                        shown(r.categories[c.code].maximum),
                    )
                    for c in criteria.categories
                )
                if r
                else (),
                divergences=tuple(
                    DivergenceLine(
                        d.item_code,
                        criteria.item(d.item_code).name.get(language),
                        d.minimum,
                        d.maximum,
                        d.spread,
                        _note_text(notes[d.item_code]) if d.item_code in notes else "",
                    )
                    for d in r.divergences
                )
                if r
                else (),
                missing=outcome.missing,
                scorecards=tuple(
                    EvaluatorLine(
                        card.evaluator_code,
                        shown(card.total),
                        tuple(shown(card.categories[c.code]) for c in criteria.categories),
                    )
                    for card in outcome.scorecards
                ),
                profile=charts.profile_chart(computed, outcome.candidate.credit_code),
            )
        )
    names = {c.credit_code: c.name for c in workspace.candidates()}
    merged = tuple(
        MergedFile(
            s.file_name,
            s.evaluator_code,
            names.get(s.credit_code, s.credit_code),
            s.revision,
            s.file_sha256,
            s.signer_fingerprint,
        )
        for s in workspace.submissions(round_code=computed.round_code)
    )
    tiers = computed.settings.tiers
    thresholds = (
        f"{Tier.ADVANTAGE.label.get(language)} ≥ {tiers.advantage}; "
        f"{Tier.POTENTIAL.label.get(language)} ≥ {tiers.potential}"
    )
    return ResultsReportData(
        language=language,
        award=label("award", language),
        round_name=workspace.round(computed.round_code).name,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        rule_id=computed.settings.rule.id,
        rule_description=computed.settings.rule.describe(language),
        divergence_threshold=computed.settings.threshold,
        thresholds_text=thresholds,
        sections=tuple(sections),
        details=tuple(details),
        merged_files=merged,
        leniency=None if calibration is None else charts.leniency_chart(calibration),
    )


def _note_text(note: ConsensusNote) -> str:
    agreed = f"{note.agreed_percent}%" if note.agreed_percent is not None else "—"
    return f"{note.author}: {note.text} [{agreed}]"


def _signed(workspace: Workspace, pdf: bytes, reason: str) -> bytes:
    signer = identity.secretariat_identity(workspace)
    return sign_pdf(
        pdf, signer.key, signer.cert, signer.chain, field_name="SecretariatSignature", reason=reason
    )


def require_final(computed: RoundResults) -> int:
    """How many of the round's results are final; refused when none is (the window asks
    this before it signs a results report that would hold nothing official)."""
    final = sum(1 for outcome in computed.outcomes if outcome.final is not None)
    if not final:
        raise ServiceError(
            "no result of this round is final yet, so a signed results report would hold "
            "only provisional figures",
            error_code=NOT_FINAL,
            cli_hint="`qzeval results finalize CREDIT_CODE` once its divergent items are agreed",
            window_hint="Agree the divergent items of each candidate in the Consensus tab; "
            "its result becomes final. Then write the report again.",
        )
    return final


def results_report(
    workspace: Workspace,
    round_code: str,
    out: Path,
    language: str = "zh",
    computed: RoundResults | None = None,
) -> Path:
    identity.secretariat_identity(workspace)  # no key: say so before the report is computed
    if computed is None:
        computed = compute(workspace, round_code)
    data = results_report_data(workspace, computed, language, calibrate(workspace, round_code))
    pdf = render_results_report(data)
    write_atomically(out, _signed(workspace, pdf, "政府质量奖评审结果 / Results report"))
    return out


def feedback_report_data(
    workspace: Workspace,
    round_code: str,
    credit_code: str,
    language: str = "zh",
    computed: RoundResults | None = None,
) -> FeedbackReportData:
    """`computed`: the round's results if the caller has them (one computation for a
    whole round's reports, not one per candidate)."""
    if computed is None:
        computed = compute(workspace, round_code)
    candidate = workspace.candidate(credit_code)
    strengths: dict[str, list[str]] = {}
    ofis: dict[str, list[str]] = {}
    for submission in workspace.submissions(
        round_code=round_code, credit_code=credit_code, statuses=[SubmissionStatus.ACCEPTED]
    ):
        for entry in workspace.submission_document(submission.id).entries:
            for bucket, text in ((strengths, entry.strengths), (ofis, entry.ofis)):
                cleaned = text.strip()
                if cleaned and cleaned not in bucket.setdefault(entry.item_code, []):
                    bucket[entry.item_code].append(cleaned)
    return FeedbackReportData(
        language=language,
        award=label("award", language),
        round_name=workspace.round(round_code).name,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        candidate_name=candidate.name,
        credit_code=candidate.credit_code,
        tier_label=candidate.tier.label.get(language),
        items=tuple(
            FeedbackItem(
                item.code,
                item.name.get(language),
                item.points,
                tuple(strengths.get(item.code, [])),
                tuple(ofis.get(item.code, [])),
            )
            for item in computed.criteria.items
        ),
    )


def feedback_report(
    workspace: Workspace,
    round_code: str,
    credit_code: str,
    out: Path,
    language: str = "zh",
    computed: RoundResults | None = None,
) -> Path:
    data = feedback_report_data(workspace, round_code, credit_code, language, computed)
    pdf = render_feedback_report(data)
    write_atomically(out, _signed(workspace, pdf, "评审反馈报告 / Feedback report"))
    return out
