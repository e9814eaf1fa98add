"""qzeval commands for keys and certificates, and signed scorecards (declared in
`cli.parser`)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from qz_evaluator.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    _fail,
    _out,
    _passphrase,
    _read,
    _workspace,
    _write,
)

# Keys and certificates need only the identity service; signing and verifying PDFs load
# pyHanko, so the two commands that do import it themselves.
from qz_evaluator.services import identity


def cmd_ca_init(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        root = identity.create_committee_root(workspace, args.name)
        if args.out:
            _write(args.out, identity.certificate_pem(root))
    data = {
        "fingerprint": identity.certificate_fingerprint(root),
        "subject": identity.certificate_subject(root),
    }
    _out(args, data, f"committee root created, fingerprint {data['fingerprint']}")
    return EXIT_OK


def cmd_ca_export(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        root = identity.committee_root(workspace)
    _write(args.out, identity.certificate_pem(root))
    _out(
        args,
        {"file": args.out, "fingerprint": identity.certificate_fingerprint(root)},
        f"committee root written to {args.out}",
    )
    return EXIT_OK


def cmd_ca_revoke(args: argparse.Namespace) -> int:
    revoked_at = None
    if args.at:
        try:
            revoked_at = datetime.fromisoformat(args.at)
        except ValueError:
            raise _fail(f"--at: not an ISO date and time: {args.at}") from None
    with _workspace(args) as workspace:
        revocation = identity.revoke_certificate(workspace, args.code, args.reason, revoked_at)
    _out(
        args,
        {
            "evaluator": revocation.evaluator_code,
            "fingerprint": revocation.fingerprint,
            "revoked_at": revocation.revoked_at,
            "reason": revocation.reason,
        },
        f"certificate of {revocation.evaluator_code} revoked from {revocation.revoked_at}; "
        "merge refuses what it signs from then on",
    )
    return EXIT_OK


def cmd_ca_backup(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        data = identity.backup_committee(workspace, _passphrase(args, confirm=True))
    identity.write_backup(Path(args.out), data)  # the committee's keys: the owner's alone
    _out(
        args, {"file": args.out}, f"encrypted backup of the committee's keys written to {args.out}"
    )
    return EXIT_OK


def cmd_ca_restore(args: argparse.Namespace) -> int:
    data = _read(args.backup, "backup file")
    with _workspace(args) as workspace:
        restored = identity.restore_committee(workspace, data, _passphrase(args, False))
    _out(
        args,
        {"committee": restored.committee, "fingerprint": restored.root_fingerprint},
        f"committee keys restored ({restored.committee}), root fingerprint "
        f"{restored.root_fingerprint}",
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
    identity.write_backup(Path(args.out), data)
    _out(args, {"file": args.out}, f"encrypted key backup written to {args.out}")
    return EXIT_OK


def cmd_identity_restore(args: argparse.Namespace) -> int:
    data = _read(args.backup, "backup file")
    with _workspace(args) as workspace:
        fingerprint = identity.restore_identity(workspace, data, _passphrase(args, False))
    _out(args, {"fingerprint": fingerprint}, f"identity restored, fingerprint {fingerprint}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from qz_evaluator.services import scorecard_files
    from qz_evaluator.services.scoring import ScoringService

    with _workspace(args) as workspace:
        if args.candidate:
            service = ScoringService(workspace)
            card = workspace.scorecard(
                args.round, args.candidate.upper(), service.default_evaluator(None)
            )
            # The round sets the scorecard's language, not --lang.
            results = [scorecard_files.export_scorecard(workspace, card, Path(args.out))]
        else:
            results = scorecard_files.export_all(workspace, Path(args.out), round_code=args.round)
    data = [
        {
            "file": str(r.path),
            "revision": r.revision,
            "reused": r.reused,
            "sha256": r.file_sha256,  # the signed PDF's, inside the envelope or not
            "encrypted": r.encrypted,
        }
        for r in results
    ]
    lines = [
        f"{r.path}  r{r.revision}{' (unchanged)' if r.reused else ''}"
        f"{' (encrypted for the secretariat)' if r.encrypted else ''}"
        for r in results
    ]
    _out(args, data, "\n".join([*lines, f"{len(results)} signed scorecards exported"]))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from qz_evaluator.services import merge, scorecard_files
    from qz_evaluator.services.conflict_declarations import verify_declarations

    opener = None
    paths = merge.scorecard_paths(args.files)  # folders walked once
    if args.root:
        root = identity.load_root_certificate(_read(args.root, "root certificate"))
    else:
        with _workspace(args) as workspace:
            root = identity.committee_root(workspace)
            # The secretariat's workspace opens scorecards in its envelope.
            opener = merge.opener_for(workspace, paths)
    checks = scorecard_files.check_files(paths, root, opener)
    lines = [
        f"{'VALID  ' if c.valid else 'INVALID'} {c.source}: "
        f"{c.message if c.valid else f'{c.rejection}: {c.message}'}"
        for c in checks
    ]
    data = [c.as_dict() for c in checks]
    # A signed conflict declaration travels in the same folder as the scorecards.
    valid = verify_declarations(checks, root, lines, data)
    _out(args, data, "\n".join(lines))
    return EXIT_OK if checks and all(valid) else EXIT_FAILED
