"""What every qzeval command shares: output, the workspace, files, exit codes."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.credit_code import CreditCodeError
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.errors import StoreError
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.errors import TrustError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
USER_ERRORS = (ServiceError, DomainError, StoreError, CreditCodeError, TrustError)
PASSPHRASE_ENV = "QZ_BACKUP_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]
Adder = Callable[..., argparse.ArgumentParser]


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


def _round_code(workspace: Workspace, given: str | None) -> str:
    if given:
        return given
    rounds = workspace.rounds()
    if not rounds:
        raise ServiceError("this workspace has no rounds yet")
    return rounds[-1].code
