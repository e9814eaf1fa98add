"""qzeval commands that work on one scorecard: score, show, finalise (declared in
`cli.parser`). They load only the scoring path: no signing, PDF or spreadsheet libraries."""

from __future__ import annotations

import argparse

from qz_evaluator.cli.common import EXIT_OK, _out, _workspace
from qz_evaluator.domain.errors import ScoreError
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scoring import ScoringService, view


def cmd_score(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        card = service.open(args.round, args.candidate.upper(), args.evaluator)
        step = service.criteria_for(args.round).step_percent
        if args.clear:
            card = service.set_percent(card, args.item, None).card
        elif args.percent is not None:
            card = service.set_percent(card, args.item, parse_percent(args.percent, step)).card
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
        card = workspace.scorecard(args.round, args.candidate.upper(), evaluator)
        candidate = workspace.candidate(card.credit_code)
        shown = view(card).as_dict(args.lang)
    lines = [
        f"{candidate.name} ({candidate.credit_code}) — {shown['round']} — evaluator "
        f"{shown['evaluator']} — {shown['status']}, revision {shown['revision']}"
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
