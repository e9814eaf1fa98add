"""qzeval commands of the secretariat's round: packages, merge, results, reports (declared
in `cli.parser`)."""

from __future__ import annotations

import argparse
from functools import lru_cache
from pathlib import Path

from qz_evaluator.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    _out,
    _out_json_text,
    _round_code,
    _workspace,
)

# The results are this module's light path; merging, packages, the PDF reports and the
# spreadsheet export load pyHanko, reportlab or openpyxl, so their commands import them.
from qz_evaluator.services import results
from qz_evaluator.services.errors import ServiceError


def cmd_package_export(args: argparse.Namespace) -> int:
    from qz_evaluator.services import packages

    with _workspace(args) as workspace:
        written = packages.export_packages(
            workspace, args.round, Path(args.out), args.evaluator or None
        )
    _out(
        args,
        [str(p) for p in written],
        "\n".join([*map(str, written), f"{len(written)} signed packages written"]),
    )
    return EXIT_OK


def cmd_package_import(args: argparse.Namespace) -> int:
    from qz_evaluator.services import packages

    with _workspace(args) as workspace:
        result = packages.import_package(workspace, Path(args.package))
    text = (
        f"round {result.round_code} (package issued at {result.issued_at}): "
        f"{len(result.candidates_added)} candidates added, "
        f"{len(result.candidates_updated)} updated, {len(result.withdrawn)} withdrawn "
        f"(their scorecards kept), {result.scorecards_created} scorecards created, "
        f"{result.scorecards_kept} kept"
    )
    if result.revisions_raised:
        text += (
            f"; exports continue above the revisions the secretariat merged for "
            f"{len(result.revisions_raised)} candidates"
        )
    _out(args, result.as_dict(), text)
    return EXIT_OK


def cmd_receipt(args: argparse.Namespace) -> int:
    from qz_evaluator.services import receipts

    with _workspace(args) as workspace:
        written = receipts.issue_receipts(
            workspace, Path(args.out), args.round, args.evaluator or None
        )
    _out(
        args,
        [str(p) for p in written],
        "\n".join([*map(str, written), f"{len(written)} signed receipts written"]),
    )
    return EXIT_OK


def cmd_import_receipt(args: argparse.Namespace) -> int:
    from qz_evaluator.services import receipts

    with _workspace(args) as workspace:
        result = receipts.import_receipt(workspace, Path(args.receipt))
    if result.already_imported:
        text = f"round {result.round_code}: this receipt was imported before; nothing changed"
    else:
        text = (
            f"round {result.round_code} (receipt issued at {result.issued_at}): "
            f"{len(result.accepted)} scorecards accepted by the secretariat, "
            f"{len(result.not_accepted)} not accepted, {len(result.changed)} cards changed"
        )
    for code, reason in result.not_accepted.items():
        text += f"\n  not accepted: {code} ({reason})"
    if result.revisions_raised:
        text += (
            f"\nexports continue above the revisions the secretariat holds for "
            f"{len(result.revisions_raised)} candidates"
        )
    _out(args, result.as_dict(), text)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from qz_evaluator.services import merge

    with _workspace(args) as workspace:
        summary = merge.merge(workspace, args.paths, workers=args.workers)
    counts = ", ".join(f"{summary.count(o)} {o.value}" for o in merge.Outcome)
    failed = (merge.Outcome.REJECTED, merge.Outcome.CONFLICT)
    lines = []
    for e in summary.entries:
        line = f"{e.outcome.value:10} {e.file}"
        if e.outcome in failed:
            line += f"  [{e.reason}] {e.message}"
        elif e.outcome is merge.Outcome.DECLARED_CONFLICT:
            line += f"  {e.message}"
        elif e.replaced is not None:  # a higher revision replaced the merged one
            line += (
                f"  revision {e.revision} of {e.evaluator_code} replaces revision {e.replaced}"
                " (now superseded)"
            )
        elif e.outcome is merge.Outcome.SUPERSEDED:
            line += f"  {e.message}"
        lines.append(line)
    if not summary.entries:  # a folder of anything but PDFs: nothing was merged
        lines.append("no scorecard files (*.pdf) in the paths given")
    lines.append(counts)
    for (round_code, credit_code), codes in sorted(summary.missing.items()):
        lines.append(f"missing  {round_code} {credit_code}: {', '.join(codes)}")
    _out(args, summary.as_dict(), "\n".join(lines))
    # Like `verify`: a file that was refused, or is stuck in a conflict, fails the run.
    nothing = not summary.entries
    return EXIT_FAILED if nothing or any(summary.count(o) for o in failed) else EXIT_OK


def cmd_results_show(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        computed = results.compute(workspace, _round_code(workspace, args.round))
    with results.collector_paused():  # writing a province's text: as many objects again
        _results_show(args, computed)
    return EXIT_OK


def _results_show(args: argparse.Namespace, computed: results.RoundResults) -> None:
    if args.json:  # the text below needs none of it; written as made, without a dict
        _out_json_text(results.results_json(computed))
        return
    lines = [
        f"round {computed.round_code} — {computed.settings.rule.id}: "
        f"{computed.settings.rule.describe(args.lang)}"
    ]
    for tier, ranked in reversed(list(computed.rankings.items())):
        lines.append(f"\n{tier.label.get(args.lang)}")
        for entry in ranked:
            o = computed.outcome(entry.credit_code)
            r = o.result
            assert r is not None
            flags = []
            if r.incomplete:
                flags.append(f"n={r.n}<{computed.settings.panel_minimum}")
            if o.unresolved:
                flags.append("divergent " + " ".join(o.unresolved))
            if o.final:
                flags.append("final")
            recommended = o.recommended.label.get(args.lang) if o.recommended else ""
            lines.append(
                f"  {entry.rank:>3}  {results.shown(entry.score):>8}  n={r.n}  "
                f"{o.candidate.name}  → {recommended}  {' '.join(flags)}"
            )
            lines.append(
                f"{'':15}mean {results.shown(r.totals.mean)}  median "
                f"{results.shown(r.totals.median)}  min–max {results.shown(r.totals.minimum)}–"
                f"{results.shown(r.totals.maximum)}  "
                f"sample sd (n−1) {results.shown(r.totals.stdev)}"
            )
            # Each evaluator's total and category subtotals, as signed.
            for card in o.scorecards:
                lines.append(
                    _card_line(card.codes).format(
                        card.evaluator_code,
                        results.points_text(card.process_hundredths + card.results_hundredths),
                        *map(results.points_text, card.hundredths),
                    )
                )
    waiting = [o for o in computed.outcomes if o.result is None]
    if waiting:
        lines.append(f"\n{len(waiting)} candidates have no valid scorecard yet")
    lines.append(
        "\nFigures are shown to 2 decimals, rounded half up; sd is the sample standard "
        "deviation (n−1); evaluator lines are their signed totals and category subtotals."
    )
    print("\n".join(lines))


@lru_cache(maxsize=8)
def _card_line(codes: tuple[str, ...]) -> str:
    """An evaluator's line under a candidate, with a {} for the evaluator, the total and
    each subtotal: one `format` per line rather than a string per subtotal (a province
    has 50,000 lines)."""
    subtotals = "  ".join(code.replace("{", "{{").replace("}", "}}") + " {}" for code in codes)
    return " " * 15 + "{:5} {:>7}  " + subtotals


def cmd_results_export(args: argparse.Namespace) -> int:
    from qz_evaluator.services import results_export

    with _workspace(args) as workspace:
        computed = results.compute(workspace, _round_code(workspace, args.round))
    path = results_export.write(computed, Path(args.out), by_evaluator=args.by_evaluator)
    _out(args, {"file": str(path)}, f"results written to {path}")
    return EXIT_OK


def cmd_results_note(args: argparse.Namespace) -> int:
    if (args.percent is None) == (not args.keep):
        raise ServiceError(
            "give either --percent P (the agreed percentage) or --keep (keep the individual scores)"
        )
    with _workspace(args) as workspace:
        note = results.add_consensus_note(
            workspace,
            _round_code(workspace, args.round),
            args.candidate.upper(),
            args.item,
            args.author,
            args.text,
            None if args.keep else int(args.percent),
        )
    _out(
        args,
        {
            "item": note.item_code,
            "author": note.author,
            "text": note.text,
            "agreed_percent": note.agreed_percent,
        },
        f"consensus note recorded for {note.item_code}",
    )
    return EXIT_OK


def cmd_results_finalize(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        round_code = _round_code(workspace, args.round)
        outcome = results.finalise(workspace, round_code, args.candidate.upper())
        data = results.outcome_dict(outcome)
    _out(args, data, f"result of {outcome.candidate.name} is final: {data['official']}")
    return EXIT_OK


def cmd_results_settings(args: argparse.Namespace) -> int:
    from decimal import Decimal

    from qz_evaluator.domain.aggregation import AggregationRule
    from qz_evaluator.domain.ranking import TierThresholds

    with _workspace(args) as workspace:
        if args.rule:
            if args.rule == "weighted":
                rule = AggregationRule(
                    args.rule,
                    provincial_weight=Decimal(args.provincial_weight or "1"),
                    municipal_weight=Decimal(args.municipal_weight or "1"),
                )
            else:
                rule = AggregationRule(args.rule)
            results.set_rule(workspace, rule)
        if args.divergence is not None:
            results.set_threshold(workspace, args.divergence)
        if args.potential is not None or args.advantage is not None:
            current = results.settings(workspace).tiers
            results.set_tier_thresholds(
                workspace,
                TierThresholds(
                    potential=Decimal(args.potential) if args.potential else current.potential,
                    advantage=Decimal(args.advantage) if args.advantage else current.advantage,
                ),
            )
        now = results.settings(workspace)
    _out(
        args,
        now.as_dict(),
        f"rule {now.rule.id}: {now.rule.describe(args.lang)}\n"
        f"divergence threshold {now.threshold} points\n"
        f"tiers: potential ≥ {now.tiers.potential}, advantage ≥ {now.tiers.advantage}",
    )
    return EXIT_OK


def _interval_text(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f"[{interval[0]:+.2f}, {interval[1]:+.2f}]"


def cmd_results_calibration(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        found = results.calibrate(workspace, _round_code(workspace, args.round))
    data = {
        "note": "diagnostic only; official scores are not changed",
        "leniency": {
            code: {
                "panels": lenient.panels,
                "mean_deviation": round(lenient.mean_deviation, 2),
                "z": round(lenient.z, 2),
                "interval_95": None
                if lenient.interval is None
                else [round(bound, 2) for bound in lenient.interval],
            }
            for code, lenient in sorted(found.leniency.items())
        },
        "agreement": {
            code: None
            if a is None
            else {
                "icc_2k": round(a.icc, 3),
                "icc": a.icc_label.get(args.lang),
                "kendall_w": round(a.kendall_w, 3),
                "w": a.w_label.get(args.lang),
                "raters": a.raters,
                "items": a.items,
            }
            for code, a in found.agreement.items()
        },
    }
    lines = [
        "leniency (their total minus the panel mean, with its 95 % interval; diagnostic only):"
    ]
    lines += [
        f"  {code:4} {lenient.mean_deviation:+7.2f}  {_interval_text(lenient.interval):19}"
        f"  z {lenient.z:+5.2f}  ({lenient.panels} panels)"
        for code, lenient in sorted(found.leniency.items(), key=lambda kv: kv[1].mean_deviation)
    ]
    lines.append("panel agreement (ICC(2,k) / Kendall's W over item percentages):")
    lines += [
        f"  {code}  ICC {a.icc:.2f} {a.icc_label.get(args.lang)}  W {a.kendall_w:.2f} "
        f"{a.w_label.get(args.lang)}"
        for code, a in found.agreement.items()
        if a
    ]
    _out(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_tier_accept(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        change = results.accept_recommendation(
            workspace, _round_code(workspace, args.round), args.credit_code.upper()
        )
    _out(
        args,
        {
            "credit_code": change.credit_code,
            "from": change.from_tier and change.from_tier.value,
            "to": change.to_tier.value,
            "reason": change.reason,
        },
        f"{change.credit_code}: {change.direction} to {change.to_tier.value}",
    )
    return EXIT_OK


def cmd_report_results(args: argparse.Namespace) -> int:
    from qz_evaluator.services import reports

    with _workspace(args) as workspace:
        path = reports.results_report(
            workspace, _round_code(workspace, args.round), Path(args.out), args.lang
        )
    _out(args, {"file": str(path)}, f"signed results report written to {path}")
    return EXIT_OK


def cmd_report_feedback(args: argparse.Namespace) -> int:
    from qz_evaluator.services import reports

    written = []
    with _workspace(args) as workspace:
        round_code = _round_code(workspace, args.round)
        if args.candidate:
            codes = [args.candidate.upper()]
        else:
            codes = sorted({m.credit_code for m in workspace.panel_members(round_code=round_code)})
        out = Path(args.out)
        for code in codes:
            target = (
                out
                if args.candidate and out.suffix == ".pdf"
                else (out / f"{round_code}_{code}_feedback.pdf")
            )
            written.append(reports.feedback_report(workspace, round_code, code, target, args.lang))
    _out(args, [str(p) for p in written], f"{len(written)} signed feedback reports written")
    return EXIT_OK
