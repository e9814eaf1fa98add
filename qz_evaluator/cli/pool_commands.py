"""qzeval commands for workspaces, the pool, the roster, rounds and panels (declared in
`cli.parser`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from qz_evaluator.assets import criteria_set
from qz_evaluator.cli.common import (
    EXIT_OK,
    _candidate_dict,
    _dumps,
    _out,
    _out_json_text,
    _workspace,
)
from qz_evaluator.domain.candidates import parse_tier
from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.roster import Round, RoundKind
from qz_evaluator.services import imports, pool
from qz_evaluator.services.session import create_workspace


def cmd_init(args: argparse.Namespace) -> int:
    role = Role(args.role)
    workspace = create_workspace(
        Path(args.path), role, owner_code=args.evaluator, name=args.name or ""
    )
    with workspace:
        data = {
            "path": str(workspace.path),
            "role": role.value,
            "owner": workspace.owner_code,
            "workspace_id": workspace.workspace_id,
        }
    _out(args, data, f"created {role.value} workspace {args.path}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    # Here, not at the top: the demo signs scorecards (pyHanko, ~0.9 s to import), and
    # every pool command (an import of 50,000 panel rows among them) would pay for it.
    from qz_evaluator.services import demo

    with demo.build_demo(Path(args.path), role=Role(args.role)) as workspace:
        counts = workspace.counts()
    _out(
        args,
        {"path": args.path, **counts},
        f"demo workspace written to {args.path}: {counts['candidates']} candidates, "
        f"{counts['evaluators']} evaluators, {counts['scorecards']} scorecards",
    )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        data = {
            "path": str(workspace.path),
            "role": workspace.role.value,
            "owner": workspace.owner_code,
            "workspace_id": workspace.workspace_id,
            "schema_version": workspace.schema_version,
            "rounds": [r.code for r in workspace.rounds()],
            **workspace.counts(),
            # WAL, or the rollback journal in a network folder (and why)
            "journal": "delete" if workspace.network_folder else "wal",
            "network_folder": workspace.network_folder,
        }
    _out(args, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from qz_evaluator.services.workspace_backup import backup_workspace

    with _workspace(args) as workspace:
        made = backup_workspace(workspace, Path(args.out), overwrite=args.force)
    data = {"file": str(made.path), "bytes": made.size}
    _out(args, data, f"backed up to {made.path} ({made.size} bytes)")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    importer = {
        "candidates": imports.import_candidates,
        "roster": imports.import_roster,
        "panels": imports.import_panels,
    }[args.kind]
    with _workspace(args) as workspace:
        report = importer(workspace, Path(args.csv))
    lines = [
        f"{args.csv}: {report.rows} rows, {report.created} created, {report.updated} updated"
    ] + [f"note: {n}" for n in report.notes]
    _out(args, report.as_dict(), "\n".join(lines))
    return EXIT_OK


def cmd_candidates_list(args: argparse.Namespace) -> int:
    """Candidates as SQLite hands them over, written line by line (a million rows are
    never held at once); --limit/--offset print one page."""
    with _workspace(args) as workspace:
        found = workspace.iter_candidates(
            tier=parse_tier(args.tier) if args.tier else None,
            county=args.county,
            industry=args.industry,
            search=args.search,
            limit=args.limit,
            offset=args.offset,
        )
        if args.json:
            _out_json_text(_json_array(_dumps(_candidate_dict(c)) for c in found))
            return EXIT_OK
        write, count = sys.stdout.write, 0
        for c in found:
            write(f"{c.credit_code}  {c.tier.label.zh:4}  {c.county:4}  {c.industry:6}  {c.name}\n")
            count += 1
    print(f"{count} candidates")
    return EXIT_OK


def _json_array(items: Iterator[str]) -> Iterator[str]:
    """A JSON array's text in pieces, from its items' JSON texts."""
    yield "["
    for index, item in enumerate(items):
        yield "," + item if index else item
    yield "]"


def cmd_candidates_history(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        history = workspace.tier_history(args.credit_code.upper())
    data = [
        {
            "from": h.from_tier.value if h.from_tier else None,
            "to": h.to_tier.value,
            "date": h.changed_on.isoformat(),
            "reason": h.reason,
            "direction": h.direction,
        }
        for h in history
    ]
    _out(
        args,
        data,
        "\n".join(f"{d['date']}  {d['from'] or '—'} → {d['to']}  {d['reason']}" for d in data),
    )
    return EXIT_OK


def cmd_tier_set(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        change = pool.set_tier(
            workspace,
            args.credit_code.upper(),
            parse_tier(args.tier),
            args.reason,
            date.fromisoformat(args.date) if args.date else None,
        )
    data = {
        "credit_code": change.credit_code,
        "from": change.from_tier and change.from_tier.value,
        "to": change.to_tier.value,
        "date": change.changed_on.isoformat(),
        "reason": change.reason,
        "direction": change.direction,
    }
    _out(args, data, f"{change.credit_code}: {data['from']} → {data['to']} ({change.direction})")
    return EXIT_OK


def cmd_roster_list(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        evaluators = workspace.evaluators()
    data = [
        {
            "code": e.code,
            "name": e.name,
            "level": e.level.value,
            "organisation": e.organisation,
            "certificate": e.certificate_fingerprint,
        }
        for e in evaluators
    ]
    _out(
        args,
        data,
        "\n".join(f"{e.code:4} {e.level.label.zh}  {e.name}  {e.organisation}" for e in evaluators),
    )
    return EXIT_OK


def _round_dict(round_: Round) -> dict[str, Any]:
    return {
        "code": round_.code,
        "name": round_.name,
        "kind": round_.kind.value,
        "year": round_.year,
        "criteria": round_.criteria_id,
    }


def cmd_round_add(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        round_ = pool.add_round(
            workspace,
            args.code,
            args.name or args.code,
            RoundKind(args.kind),
            args.year,
            args.criteria,
        )
    _out(args, _round_dict(round_), f"round {round_.code} recorded")
    return EXIT_OK


def cmd_round_list(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        rounds = workspace.rounds()
    data = [_round_dict(r) for r in rounds]
    _out(
        args,
        data,
        "\n".join(f"{r.code}  {r.kind.label.zh}  {r.name}  {r.criteria_id}" for r in rounds),
    )
    return EXIT_OK


def cmd_panels_list(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        members = workspace.panel_members(
            round_code=args.round,
            credit_code=args.candidate and args.candidate.upper(),
            evaluator_code=args.evaluator,
        )
        conflicts = workspace.conflicts(
            credit_code=args.candidate and args.candidate.upper(), evaluator_code=args.evaluator
        )
    data = {
        "members": [
            {
                "round": m.round_code,
                "credit_code": m.credit_code,
                "evaluator": m.evaluator_code,
                "role": m.role.value,
            }
            for m in members
        ],
        "conflicts": [
            {
                "credit_code": c.credit_code,
                "evaluator": c.evaluator_code,
                "reason": c.reason,
                "declared_by": c.declared_by,
            }
            for c in conflicts
        ],
    }
    text = [f"{m.round_code}  {m.credit_code}  {m.evaluator_code}  {m.role.value}" for m in members]
    text += [f"conflict  {c.credit_code}  {c.evaluator_code}  {c.reason}" for c in conflicts]
    _out(args, data, "\n".join(text))
    return EXIT_OK


def cmd_criteria_show(args: argparse.Namespace) -> int:
    criteria = criteria_set(args.criteria_id)
    data = {
        "id": criteria.id,
        "name": criteria.name.get(args.lang),
        "total_points": criteria.total_points,
        "step_percent": criteria.step_percent,
        "categories": [
            {
                "code": c.code,
                "name": c.name.get(args.lang),
                "points": c.points,
                "kind": c.kind.value,
                "items": [
                    {"code": i.code, "name": i.name.get(args.lang), "points": i.points}
                    for i in c.items
                ],
            }
            for c in criteria.categories
        ],
    }
    lines = [f"{criteria.id}: {data['name']} ({criteria.total_points})"]
    for c in criteria.categories:
        lines.append(f"{c.code} {c.name.get(args.lang)} {c.points} [{c.kind.value}]")
        lines += [f"  {i.code} {i.name.get(args.lang)} {i.points}" for i in c.items]
    _out(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_round_settings(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from qz_evaluator.domain.errors import DomainError

    changes: dict[str, object] = {}
    if args.comments_required is not None:
        changes["comments_required"] = args.comments_required == "yes"
    if args.scorecard_language is not None:
        changes["scorecard_language"] = args.scorecard_language
    if args.comment_limit is not None:
        text = args.comment_limit.strip().lower()
        if text != "none" and not text.isdigit():
            raise DomainError("--comment-limit takes a number of characters or 'none'")
        changes["comment_limit"] = None if text == "none" else int(text)
    if args.encrypt_scorecards is not None:
        changes["encrypt_scorecards"] = args.encrypt_scorecards
    if args.visit_days is not None:
        from qz_evaluator.domain.round_settings import parse_visit_days

        text = args.visit_days.strip().lower()
        changes["visit_days"] = None if text == "default" else parse_visit_days(text)
    with _workspace(args) as workspace:
        settings = replace(workspace.round_settings(args.code), **changes)  # type: ignore[arg-type]
        if changes:
            workspace.set_round_settings(args.code, settings)
        kind = workspace.round(args.code).kind
    # The days in effect, the kind's default included: what the panels' load is counted in.
    data = {**settings.as_json(), "visit_days": settings.days_per_candidate(kind)}
    _out(args, data, "\n".join(f"{key}: {value}" for key, value in data.items()))
    return EXIT_OK
