"""qzeval commands for scoring, keys and certificates, signed scorecards."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from qz_evaluator.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    PASSPHRASE_ENV,
    Adder,
    _out,
    _passphrase,
    _read,
    _workspace,
    _write,
)
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.services import (
    identity,
    merge,
    scorecard_files,
)
from qz_evaluator.services.scoring import ScoringService, view
from qz_evaluator.trust import certificates


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
        card = service.finalise(
            service.open(args.round, args.candidate.upper(), args.evaluator)
        ).card
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


def cmd_verify(args: argparse.Namespace) -> int:
    if args.root:
        root = certificates.load_certificate(_read(args.root, "root certificate"))
    else:
        with _workspace(args) as workspace:
            root = identity.committee_root(workspace)
    checks = scorecard_files.check_files(merge.scorecard_paths(args.files), root)
    lines = [
        f"{'VALID  ' if c.valid else 'INVALID'} {c.source}: "
        f"{c.message if c.valid else f'{c.rejection}: {c.message}'}"
        for c in checks
    ]
    _out(args, [c.as_dict() for c in checks], "\n".join(lines))
    return EXIT_OK if checks and all(c.valid for c in checks) else EXIT_FAILED


def card_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--round", required=True)
    p.add_argument("--candidate", required=True, help="credit code")
    p.add_argument("--evaluator", help="evaluator code (default: the workspace's owner)")


def register(sub: Any, add: Adder) -> None:
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
