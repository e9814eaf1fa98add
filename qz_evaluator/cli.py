"""`qzeval`: the headless front end. Same use cases as the window; never imports Qt."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from qz_evaluator import __version__
from qz_evaluator.assets import DEFAULT_CRITERIA_ID, criteria_set
from qz_evaluator.domain.candidates import Candidate, parse_tier
from qz_evaluator.domain.credit_code import CreditCodeError
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import RoundKind
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.services import (
    demo,
    identity,
    imports,
    merge,
    packages,
    pool,
    reports,
    results,
    results_export,
    scorecard_files,
)
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scoring import ScoringService, view
from qz_evaluator.store.errors import StoreError
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import TrustError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
USER_ERRORS = (ServiceError, DomainError, StoreError, CreditCodeError, TrustError)
PASSPHRASE_ENV = "QZ_BACKUP_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _workspace(args: argparse.Namespace) -> Workspace:
    path = args.workspace or os.environ.get("QZ_WORKSPACE")
    if not path:
        raise ServiceError("no workspace given: use -w PATH or set QZ_WORKSPACE")
    return Workspace.open(Path(path))


def _candidate_dict(candidate: Candidate) -> dict[str, Any]:
    return {
        "credit_code": candidate.credit_code,
        "name": candidate.name,
        "county": candidate.county,
        "industry": candidate.industry,
        "tier": candidate.tier.value,
        "contact_person": candidate.contact_person,
        "contact_phone": candidate.contact_phone,
        "withdrawn": candidate.withdrawn,
    }


# ----- commands ---------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    role = Role(args.role)
    workspace = Workspace.create(
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
        }
    _out(args, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return EXIT_OK


def _import(kind: str) -> Handler:
    def run(args: argparse.Namespace) -> int:
        importer = {
            "candidates": imports.import_candidates,
            "roster": imports.import_roster,
            "panels": imports.import_panels,
        }[kind]
        with _workspace(args) as workspace:
            report = importer(workspace, Path(args.csv))
        lines = [
            f"{args.csv}: {report.rows} rows, {report.created} created, {report.updated} updated"
        ] + [f"note: {n}" for n in report.notes]
        _out(args, report.as_dict(), "\n".join(lines))
        return EXIT_OK

    return run


def cmd_candidates_list(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        found = workspace.candidates(
            tier=parse_tier(args.tier) if args.tier else None,
            county=args.county,
            industry=args.industry,
            search=args.search,
        )
    rows = [
        f"{c.credit_code}  {c.tier.label.zh:4}  {c.county:4}  {c.industry:6}  {c.name}"
        for c in found
    ]
    _out(args, [_candidate_dict(c) for c in found], "\n".join([*rows, f"{len(found)} candidates"]))
    return EXIT_OK


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
    _out(
        args,
        {
            "code": round_.code,
            "kind": round_.kind.value,
            "year": round_.year,
            "criteria": round_.criteria_id,
        },
        f"round {round_.code} recorded",
    )
    return EXIT_OK


def cmd_round_list(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        rounds = workspace.rounds()
    data = [
        {
            "code": r.code,
            "name": r.name,
            "kind": r.kind.value,
            "year": r.year,
            "criteria": r.criteria_id,
        }
        for r in rounds
    ]
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


def cmd_score(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        service = ScoringService(workspace)
        card = service.open(args.round, args.candidate.upper(), args.evaluator)
        step = service.criteria_for(args.round).step_percent
        if args.clear:
            card = service.set_percent(card, args.item, None)
        elif args.percent is not None:
            card = service.set_percent(card, args.item, parse_percent(args.percent, step))
        for field in TextField:
            text = getattr(args, field.value)
            if text is not None:
                card = service.set_text(card, args.item, field, text)
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
        card = service.finalise(service.open(args.round, args.candidate.upper(), args.evaluator))
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


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise ServiceError(f"{path}: cannot read the {what} ({error.strerror})") from None


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise ServiceError(f"{path}: cannot write ({error.strerror})") from None


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_file:
        return _read(args.passphrase_file, "passphrase file").decode("utf-8").strip("\r\n")
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise ServiceError(f"no passphrase: use --passphrase-file FILE or set {PASSPHRASE_ENV}")
    import getpass

    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise ServiceError("the two passphrases differ; nothing was written")
    return first


def cmd_ca_init(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        root = identity.create_committee_root(workspace, args.name)
        if args.out:
            _write(args.out, certificates.certificate_pem(root))
    data = {"fingerprint": certificates.fingerprint(root), "subject": root.subject.rfc4514_string()}
    _out(args, data, f"committee root created, fingerprint {data['fingerprint']}")
    return EXIT_OK


def cmd_ca_export(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        root = identity.committee_root(workspace)
    _write(args.out, certificates.certificate_pem(root))
    _out(
        args,
        {"file": args.out, "fingerprint": certificates.fingerprint(root)},
        f"committee root written to {args.out}",
    )
    return EXIT_OK


def cmd_enrol(args: argparse.Namespace) -> int:
    request = _read(args.request, "certificate request")
    with _workspace(args) as workspace:
        bundle, code, fingerprint = identity.issue_certificate(workspace, request)
    out = args.out or f"{code}.crt.pem"
    _write(out, bundle)
    _out(
        args,
        {"evaluator": code, "fingerprint": fingerprint, "file": out},
        f"certificate for {code} written to {out}; fingerprint {fingerprint} recorded in "
        "the roster",
    )
    return EXIT_OK


def cmd_identity_create(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        request = identity.create_identity(workspace, args.name)
        code = workspace.owner_code
    out = args.out or f"{code}.csr.pem"
    _write(out, request)
    _out(
        args,
        {"evaluator": code, "request": out},
        f"signing key for {code} stored in the OS keychain; hand {out} to the secretariat",
    )
    return EXIT_OK


def cmd_identity_install(args: argparse.Namespace) -> int:
    bundle = _read(args.certificate, "certificate file")
    with _workspace(args) as workspace:
        fingerprint = identity.install_certificate(workspace, bundle)
    _out(args, {"fingerprint": fingerprint}, f"certificate installed, fingerprint {fingerprint}")
    return EXIT_OK


def cmd_identity_backup(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        data = identity.backup_identity(workspace, _passphrase(args, confirm=True))
    _write(args.out, data)
    _out(args, {"file": args.out}, f"encrypted key backup written to {args.out}")
    return EXIT_OK


def cmd_identity_restore(args: argparse.Namespace) -> int:
    data = _read(args.backup, "backup file")
    with _workspace(args) as workspace:
        fingerprint = identity.restore_identity(workspace, data, _passphrase(args, False))
    _out(args, {"fingerprint": fingerprint}, f"identity restored, fingerprint {fingerprint}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        if args.candidate:
            service = ScoringService(workspace)
            card = workspace.scorecard(
                args.round, args.candidate.upper(), service.default_evaluator(None)
            )
            results = [scorecard_files.export_scorecard(workspace, card, Path(args.out), args.lang)]
        else:
            results = scorecard_files.export_all(
                workspace, Path(args.out), round_code=args.round, language=args.lang
            )
    data = [
        {"file": str(r.path), "revision": r.revision, "reused": r.reused, "sha256": r.file_sha256}
        for r in results
    ]
    lines = [f"{r.path}  r{r.revision}{' (unchanged)' if r.reused else ''}" for r in results]
    _out(args, data, "\n".join([*lines, f"{len(results)} signed scorecards exported"]))
    return EXIT_OK


def _scorecard_paths(names: list[str]) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        paths.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return paths


def cmd_verify(args: argparse.Namespace) -> int:
    if args.root:
        root = certificates.load_certificate(_read(args.root, "root certificate"))
    else:
        with _workspace(args) as workspace:
            root = identity.committee_root(workspace)
    checks = scorecard_files.check_files(_scorecard_paths(args.files), root)
    lines = [
        f"{'VALID  ' if c.valid else 'INVALID'} {c.source}: "
        f"{c.message if c.valid else f'{c.rejection}: {c.message}'}"
        for c in checks
    ]
    _out(args, [c.as_dict() for c in checks], "\n".join(lines))
    return EXIT_OK if checks and all(c.valid for c in checks) else EXIT_FAILED


def cmd_package_export(args: argparse.Namespace) -> int:
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
    with _workspace(args) as workspace:
        result = packages.import_package(workspace, Path(args.package))
    text = (
        f"round {result.round_code}: {len(result.candidates_added)} candidates added, "
        f"{len(result.candidates_updated)} updated, {len(result.withdrawn)} withdrawn "
        f"(their scorecards kept), {result.scorecards_created} scorecards created, "
        f"{result.scorecards_kept} kept"
    )
    _out(args, result.as_dict(), text)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        summary = merge.merge(workspace, args.paths, workers=args.workers)
    counts = ", ".join(f"{summary.count(o)} {o.value}" for o in merge.Outcome)
    lines = [
        f"{e.outcome.value:10} {e.file}"
        + (
            f"  [{e.reason}] {e.message}"
            if e.outcome in (merge.Outcome.REJECTED, merge.Outcome.CONFLICT)
            else ""
        )
        for e in summary.entries
    ]
    lines.append(counts)
    for (round_code, credit_code), codes in sorted(summary.missing.items()):
        lines.append(f"missing  {round_code} {credit_code}: {', '.join(codes)}")
    _out(args, summary.as_dict(), "\n".join(lines))
    return EXIT_OK


def _round_code(workspace: Workspace, given: str | None) -> str:
    if given:
        return given
    rounds = workspace.rounds()
    if not rounds:
        raise ServiceError("this workspace has no rounds yet")
    return rounds[-1].code


def cmd_results_show(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        computed = results.compute(workspace, _round_code(workspace, args.round))
    data = results.results_dict(computed)
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
                flags.append(f"n={r.n}<5")
            if o.unresolved:
                flags.append("divergent " + " ".join(o.unresolved))
            if o.final:
                flags.append("final")
            recommended = o.recommended.label.get(args.lang) if o.recommended else ""
            lines.append(
                f"  {entry.rank:>3}  {results.shown(entry.score):>8}  n={r.n}  "
                f"{o.candidate.name}  → {recommended}  {' '.join(flags)}"
            )
    waiting = [o for o in computed.outcomes if o.result is None]
    if waiting:
        lines.append(f"\n{len(waiting)} candidates have no valid scorecard yet")
    _out(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_results_export(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        computed = results.compute(workspace, _round_code(workspace, args.round))
    path = results_export.write(computed, Path(args.out))
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
        data = results.outcome_dict(outcome, results.compute(workspace, round_code).criteria)
    _out(args, data, f"result of {outcome.candidate.name} is final: {data['official']}")
    return EXIT_OK


def cmd_results_settings(args: argparse.Namespace) -> int:
    from decimal import Decimal

    from qz_evaluator.domain.consensus import AggregationRule, TierThresholds

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
    lines = ["leniency (their total minus the panel mean; diagnostic only):"]
    lines += [
        f"  {code:4} {lenient.mean_deviation:+7.2f}  z {lenient.z:+5.2f}  ({lenient.panels} panels)"
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
    with _workspace(args) as workspace:
        path = reports.results_report(
            workspace, _round_code(workspace, args.round), Path(args.out), args.lang
        )
    _out(args, {"file": str(path)}, f"signed results report written to {path}")
    return EXIT_OK


def cmd_report_feedback(args: argparse.Namespace) -> int:
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


# ----- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", help="workspace file (or set QZ_WORKSPACE)")
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of criteria labels (default zh)",
    )

    parser = argparse.ArgumentParser(
        prog="qzeval",
        description="qz-evaluator headless commands: workspaces, the three-tier pool, "
        "roster, panels and scorecards.",
    )
    parser.add_argument("--version", action="version", version=f"qzeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Handler, help_text: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create a new workspace file")
    p.add_argument("path")
    p.add_argument("--role", choices=[r.value for r in Role], required=True)
    p.add_argument("--evaluator", help="the evaluator's code (evaluator workspaces)")
    p.add_argument("--name", help="a name for the workspace")

    p = add("demo", cmd_demo, "write the bundled demo workspace to PATH")
    p.add_argument("path")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.EVALUATOR.value)

    add("info", cmd_info, "show what a workspace holds")

    group = sub.add_parser("candidates", help="candidates of the three-tier pool")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        "import",
        _import("candidates"),
        "import candidates from a CSV file "
        "(credit_code,name,county,industry,tier[,contact_person,contact_phone])",
        gsub,
    )
    p.add_argument("csv")
    p = add("list", cmd_candidates_list, "list candidates", gsub)
    p.add_argument("--tier", help="seed/potential/advantage or 种子/潜力/优势")
    p.add_argument("--county")
    p.add_argument("--industry")
    p.add_argument("--search", help="substring of name, county or industry (Chinese works)")
    p = add("history", cmd_candidates_history, "a candidate's tier history", gsub)
    p.add_argument("credit_code")

    group = sub.add_parser("tier", help="move a candidate between tiers")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("set", cmd_tier_set, "set a candidate's tier (recorded in its history)", gsub)
    p.add_argument("credit_code")
    p.add_argument("tier")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default today)")

    p = add(
        "accept",
        cmd_tier_accept,
        "accept the tier recommended by a final result (recorded in the tier history)",
        gsub,
    )
    p.add_argument("credit_code")
    p.add_argument("--round")

    group = sub.add_parser("roster", help="the evaluators")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        "import",
        _import("roster"),
        "import evaluators from a CSV file (code,name,level[,organisation])",
        gsub,
    )
    p.add_argument("csv")
    add("list", cmd_roster_list, "list evaluators", gsub)

    group = sub.add_parser("round", help="scoring rounds")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("add", cmd_round_add, "add or update a round", gsub)
    p.add_argument("code")
    p.add_argument("--kind", choices=[k.value for k in RoundKind], required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--name")
    p.add_argument("--criteria", default=DEFAULT_CRITERIA_ID)
    add("list", cmd_round_list, "list rounds", gsub)

    group = sub.add_parser("panels", help="panels and conflicts of interest")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        "import",
        _import("panels"),
        "import panels from a CSV file "
        "(round,credit_code,evaluator_code,role[,note]); role leader, member or conflict",
        gsub,
    )
    p.add_argument("csv")
    p = add("list", cmd_panels_list, "list panel members and conflicts", gsub)
    p.add_argument("--round")
    p.add_argument("--candidate")
    p.add_argument("--evaluator")

    def card_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--round", required=True)
        p.add_argument("--candidate", required=True, help="credit code")
        p.add_argument("--evaluator", help="evaluator code (default: the workspace's owner)")

    p = add("score", cmd_score, "set an item's percentage and/or texts on a scorecard")
    card_args(p)
    p.add_argument("--item", required=True, help="item code, e.g. 4.1.2")
    p.add_argument("--percent", help="0–100 in 5%% steps")
    p.add_argument("--clear", action="store_true", help="remove the item's percentage")
    p.add_argument("--strengths")
    p.add_argument("--ofis", help="opportunities for improvement")
    p.add_argument("--evidence", help="evidence notes (documents seen, people interviewed)")

    p = add("finalize", cmd_finalize, "finalise a scorecard (all items must be scored)")
    card_args(p)
    p = add("show", cmd_show, "show a scorecard with subtotals and total")
    card_args(p)

    group = sub.add_parser("ca", help="the committee root certificate (secretariat)")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("init", cmd_ca_init, "create the committee root CA; its key goes to the keychain", gsub)
    p.add_argument("--name", default="衢州市政府质量奖评审委员会根证书")
    p.add_argument("--out", help="also write the root certificate (PEM) here")
    p = add("export", cmd_ca_export, "write the committee root certificate (PEM)", gsub)
    p.add_argument("--out", required=True)

    p = add(
        "enrol",
        cmd_enrol,
        "issue an evaluator certificate from a request file "
        "(secretariat); records its fingerprint in the roster",
    )
    p.add_argument("request", help="the evaluator's .csr.pem")
    p.add_argument("--out", help="where to write the certificate (default CODE.crt.pem)")

    group = sub.add_parser("identity", help="the evaluator's signing identity")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        "create",
        cmd_identity_create,
        "create the signing key (kept in the OS keychain) "
        "and a certificate request for the secretariat",
        gsub,
    )
    p.add_argument("--name", help="your name, if the roster does not have it yet")
    p.add_argument("--out", help="request file (default CODE.csr.pem)")
    p = add("install", cmd_identity_install, "install the certificate the secretariat issued", gsub)
    p.add_argument("certificate")
    for name, handler, text in (
        ("backup", cmd_identity_backup, "write an encrypted backup (PKCS#12) of your key"),
        ("restore", cmd_identity_restore, "restore your key from a backup on a new computer"),
    ):
        p = add(name, handler, text, gsub)
        if name == "backup":
            p.add_argument("--out", required=True)
        else:
            p.add_argument("backup")
        p.add_argument(
            "--passphrase-file", help=f"read the passphrase from a file (or set {PASSPHRASE_ENV})"
        )

    p = add("export", cmd_export, "export final scorecards as signed PDFs")
    p.add_argument("--out", required=True, help="folder for the PDF files")
    p.add_argument("--round")
    p.add_argument("--candidate", help="only this candidate (needs --round)")

    p = add(
        "verify",
        cmd_verify,
        "verify signed scorecard PDFs (files or folders); exit 1 if any is invalid",
    )
    p.add_argument("files", nargs="+")
    p.add_argument("--root", help="committee root certificate (default: the workspace's)")

    group = sub.add_parser("package", help="assignment packages (.qzpkg)")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        "export",
        cmd_package_export,
        "write a signed package per evaluator of a round (secretariat)",
        gsub,
    )
    p.add_argument("--round", required=True)
    p.add_argument("--out", required=True, help="folder for the .qzpkg files")
    p.add_argument("--evaluator", action="append", help="only this evaluator (repeatable)")
    p = add(
        "import",
        cmd_package_import,
        "import an assignment package (evaluator); scores already entered are never discarded",
        gsub,
    )
    p.add_argument("package")

    p = add(
        "merge",
        cmd_merge,
        "merge signed scorecards (files or folders) into the secretariat's workspace",
    )
    p.add_argument("paths", nargs="+")
    p.add_argument("--workers", type=int, help="verification processes (default: all cores)")

    group = sub.add_parser("results", help="round results (secretariat)")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("show", cmd_results_show, "statistics, rankings per tier and recommendations", gsub)
    p.add_argument("--round", help="default: the latest round")
    p = add("export", cmd_results_export, "write results as .csv (UTF-8 with BOM) or .xlsx", gsub)
    p.add_argument("--round")
    p.add_argument("--out", required=True)
    p = add("note", cmd_results_note, "record the panel's consensus on a divergent item", gsub)
    p.add_argument("--round")
    p.add_argument("--candidate", required=True)
    p.add_argument("--item", required=True)
    p.add_argument("--author", required=True, help="who records it (e.g. the panel leader)")
    p.add_argument("--text", required=True)
    p.add_argument("--percent", help="the agreed percentage")
    p.add_argument("--keep", action="store_true", help="keep the individual scores")
    p = add("finalize", cmd_results_finalize, "mark a candidate's result final", gsub)
    p.add_argument("--round")
    p.add_argument("--candidate", required=True)
    p = add(
        "settings",
        cmd_results_settings,
        "show or change the aggregation rule, the divergence threshold and the tier thresholds",
        gsub,
    )
    p.add_argument("--rule", choices=["trimmed-mean", "mean", "median", "weighted"])
    p.add_argument("--provincial-weight")
    p.add_argument("--municipal-weight")
    p.add_argument("--divergence", type=int, help="points of percentage (default 20)")
    p.add_argument("--potential", help="score for the potential tier")
    p.add_argument("--advantage", help="score for the advantage tier")
    p = add(
        "calibration",
        cmd_results_calibration,
        "evaluator leniency and panel agreement (diagnostic only)",
        gsub,
    )
    p.add_argument("--round")

    group = sub.add_parser("report", help="signed PDF reports (secretariat)")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("results", cmd_report_results, "the round's results report, signed", gsub)
    p.add_argument("--round")
    p.add_argument("--out", required=True)
    p = add(
        "feedback",
        cmd_report_feedback,
        "feedback reports: consolidated strengths and OFIs per item, without evaluator names",
        gsub,
    )
    p.add_argument("--round")
    p.add_argument("--candidate", help="one candidate (default: every candidate of the round)")
    p.add_argument("--out", required=True, help="a .pdf for one candidate, else a folder")

    group = sub.add_parser("criteria", help="criteria sets")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add("show", cmd_criteria_show, "show a bundled criteria set", gsub)
    p.add_argument("criteria_id", nargs="?", default=DEFAULT_CRITERIA_ID)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except USER_ERRORS as error:
        print(f"qzeval: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
