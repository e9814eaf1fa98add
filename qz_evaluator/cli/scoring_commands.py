"""qzeval commands that work on one scorecard: score, show, finalise, reopen, conflict
declarations, and score sheets (declared in `cli.parser`). They load only the scoring
path; signing, PDFs and spreadsheets are imported by the commands that need them."""

from __future__ import annotations

import argparse
from pathlib import Path

from qz_evaluator.cli.common import EXIT_OK, _out, _workspace
from qz_evaluator.domain.errors import ScoreError
from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scoring import ScoringService, merged_card, view


def cmd_score(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        # One command, one change: a refused text leaves the percentage (and a new card)
        # unwritten too.
        with workspace.transaction():
            card = service.open(args.round, args.candidate.upper(), args.evaluator)
            step = service.criteria_for(args.round).step_percent
            if args.clear:
                card = service.set_percent(card, args.item, None).card
            elif args.percent is not None:
                percent = parse_percent(args.percent, step)
                card = service.set_percent(card, args.item, percent).card
            for field in TextField:
                text = getattr(args, field.value)
                if text is not None:
                    card = service.set_text(card, args.item, field, text).card
        shown = view(card).as_dict(args.lang)
    item = next(i for i in shown["items"] if i["code"] == args.item)
    _out(
        args,
        {"item": item, "total": shown["total"], "completeness": shown["completeness"]},
        f"{item['code']} {item['name']}: {item['percent']}% ({item['band']}) = "
        f"{item['score']}/{item['points']}; total {shown['total']}/{shown['total_points']}, "
        f"{shown['completeness']} items scored",
    )
    return EXIT_OK


def cmd_finalize(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        card = service.open(args.round, args.candidate.upper(), args.evaluator)
        try:
            card = service.finalise(card, affirm_declaration=args.affirm_declaration).card
        except ScoreError as error:
            if error.code != "declaration-not-affirmed":
                raise
            # The evaluator signs this text: show it and ask for the explicit flag.
            raise ServiceError(
                "finalising affirms the no-conflict declaration:\n{text}\n"
                "Run again with --affirm-declaration to affirm it",
                error_code="declaration-not-affirmed",
                text=NO_CONFLICT_DECLARATION.get(args.lang),
            ) from None
    shown = view(card).as_dict(args.lang)
    _out(args, shown, f"scorecard finalised: total {shown['total']}/{shown['total_points']}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        evaluator = service.default_evaluator(args.evaluator)
        merged: str | None = None
        if workspace.role is Role.SECRETARIAT:  # its scorecards are the merged files
            card, merged = merged_card(workspace, args.round, args.candidate.upper(), evaluator)
        else:
            card = workspace.scorecard(args.round, args.candidate.upper(), evaluator)
        candidate = workspace.candidate(card.credit_code)
        shown = view(card).as_dict(args.lang)
    if merged is not None:
        shown["merged"] = merged
    lines = [
        f"{candidate.name} ({candidate.credit_code}) — {shown['round']} — evaluator "
        f"{shown['evaluator']} — {shown['status']}, revision {shown['revision']}"
        + (f" — merged file {merged}" if merged is not None else "")
    ]
    for item in shown["items"]:
        percent = "—" if item["percent"] is None else f"{item['percent']}%"
        lines.append(
            f"  {item['code']:6} {item['name']:<16} {item['points']:>4}  {percent:>5}"
            f"  {item['score'] or '':>6}"
        )
    for category in shown["categories"]:
        lines.append(
            f"  {category['code']} {category['name']}: {category['score']}/"
            f"{category['points']} ({category['scored']})"
        )
    lines.append(
        f"process {shown['process']}/{shown['process_points']}, results "
        f"{shown['results']}/{shown['results_points']}, total {shown['total']}/"
        f"{shown['total_points']}, {shown['completeness']} items scored"
    )
    _out(args, shown, "\n".join(lines))
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        card = service.open(args.round, args.candidate.upper(), args.evaluator)
        change = service.reopen(card, args.reason)
    _out(
        args,
        {"candidate": change.card.credit_code, "status": change.card.status.value},
        f"scorecard for {change.card.credit_code} reopened: export it again after the "
        "correction (a new revision)",
    )
    return EXIT_OK


def cmd_scores_import(args: argparse.Namespace) -> int:
    from qz_evaluator.services.score_sheets import import_sheet

    with _workspace(args) as workspace:
        result = import_sheet(workspace, Path(args.sheet), args.round, args.evaluator)
    lines = [
        f"{result.rows} rows imported from {args.sheet} into round {result.round_code}",
        *(
            f"  {code}: {change.scored}/{change.total} items scored"
            for code, change in result.changes.items()
        ),
    ]
    _out(args, result.as_dict(), "\n".join(lines))
    return EXIT_OK


def _card(service: ScoringService, args: argparse.Namespace) -> Scorecard:
    evaluator = service.default_evaluator(args.evaluator)
    return service.workspace.scorecard(args.round, args.candidate.upper(), evaluator)


def cmd_conflict_declare(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        card = service.open(args.round, args.candidate.upper(), args.evaluator)
        change = service.declare_conflict(card, args.reason)
    _out(
        args,
        {"candidate": change.card.credit_code, "status": change.card.status.value},
        f"conflict of interest declared for {change.card.credit_code}; export the declaration"
        " (qzeval conflict export) for the secretariat",
    )
    return EXIT_OK


def cmd_conflict_withdraw(args: argparse.Namespace) -> int:
    from qz_evaluator.services.conflict_declarations import withdraw_conflict

    with _workspace(args) as workspace:
        change = withdraw_conflict(workspace, _card(ScoringService(workspace), args))
    _out(
        args,
        {"candidate": change.card.credit_code, "status": change.card.status.value},
        f"declaration withdrawn: the scorecard for {change.card.credit_code} is a draft again",
    )
    return EXIT_OK


def cmd_conflict_export(args: argparse.Namespace) -> int:
    from qz_evaluator.services.conflict_declarations import export_declaration

    with _workspace(args) as workspace:
        card = _card(ScoringService(workspace), args)
        result = export_declaration(workspace, card, Path(args.out), args.lang)
    _out(
        args,
        {"file": str(result.path), "reused": result.reused, "sha256": result.file_sha256},
        f"signed declaration {'written again' if result.reused else 'saved'}: {result.path}",
    )
    return EXIT_OK
