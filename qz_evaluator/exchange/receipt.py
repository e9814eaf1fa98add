"""Receipts (.qzreceipt): what the secretariat received from one evaluator in one round,
signed by the secretariat, for the evaluator's workspace.

The secretariat's signed container (exchange/signed_container.py, the layout of the
assignment package) holding `receipt.json`: per scorecard file received, the candidate,
the revision, the file's SHA-256, the time it was received and the outcome (accepted,
superseded, conflict with its reason, or refused with its reason). Reading checks
everything before anything is returned; nothing here touches a workspace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from qz_evaluator.domain.errors import UserError
from qz_evaluator.domain.scorecard_document import is_revision
from qz_evaluator.exchange import signed_container as sc

FORMAT = "qz-receipt"
VERSION = 1
SUFFIX = ".qzreceipt"
RECEIPT = "receipt.json"
# A receipt lists one evaluator's files of one round: a few dozen lines.
MAX_RECEIPT_BYTES = 4 * 1024 * 1024
KIND = sc.ContainerKind(
    format=FORMAT,
    version=VERSION,
    members=(RECEIPT, sc.ROOT_CERT, sc.SECRETARIAT_CERT),
    max_bytes=MAX_RECEIPT_BYTES,
    limits={RECEIPT: 2 * 1024 * 1024},
)


class ReceiptRefusal(StrEnum):
    """Why a receipt is refused: the `code` of its error, stable for --json and tests."""

    NOT_A_RECEIPT = "receipt-not-a-receipt"
    TOO_LARGE = "receipt-too-large"
    DAMAGED = "receipt-damaged"
    UNSAFE_ENTRY = "receipt-unsafe-entry"
    DUPLICATE_ENTRY = "receipt-duplicate-entry"
    UNLISTED_ENTRY = "receipt-unlisted-entry"
    MISSING_MEMBER = "receipt-missing-member"
    NEWER_FORMAT = "receipt-newer-format"
    OTHER_COMMITTEE = "receipt-other-committee"  # another committee's root
    BAD_SIGNATURE = "receipt-bad-signature"
    NOT_SECRETARIAT = "receipt-not-secretariat"  # signed, but not by a secretariat
    TAMPERED = "receipt-tampered"
    MALFORMED = "receipt-malformed"
    # Refused by the import (services.receipts), not by reading:
    OTHER_EVALUATOR = "receipt-other-evaluator"
    UNKNOWN_ROUND = "receipt-unknown-round"  # no package of that round was imported here
    OTHER_WORKSPACE = "receipt-other-workspace"  # not the secretariat workspace of the package
    OLDER = "receipt-older"  # issued before the receipt already imported


_BY_FAILURE = sc.refusals_by_failure(ReceiptRefusal, ReceiptRefusal.NOT_A_RECEIPT)


class ReceiptError(UserError):
    """A receipt that must not be imported; `code` is one of `ReceiptRefusal`."""

    default_code = ReceiptRefusal.MALFORMED.value


class ReceiptOutcome(StrEnum):
    """What became of one file the secretariat received."""

    ACCEPTED = "accepted"  # it counts
    SUPERSEDED = "superseded"  # a higher revision counts instead
    CONFLICT = "conflict"  # a rival of a revision merged before (reason revision-conflict)
    REFUSED = "refused"  # not merged; the reason is merge's code


@dataclass(frozen=True)
class ReceiptLine:
    credit_code: str
    candidate_name: str
    revision: int
    file_sha256: str
    received_at: str  # ISO 8601, UTC
    outcome: ReceiptOutcome
    reason: str | None  # merge's code for a conflict or a refusal
    message: str  # merge's own words (English)

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.credit_code,
            "candidate_name": self.candidate_name,
            "revision": self.revision,
            "file_sha256": self.file_sha256,
            "received_at": self.received_at,
            "outcome": self.outcome.value,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass(frozen=True)
class Receipt:
    issued_at: str
    secretariat_workspace_id: str
    round_code: str
    evaluator_code: str
    lines: tuple[ReceiptLine, ...]
    manifest_sha256: str = ""

    @property
    def issued(self) -> datetime:
        return datetime.fromisoformat(self.issued_at)


def build_receipt(
    receipt: Receipt,
    *,
    root: x509.Certificate,
    secretariat_certificate: x509.Certificate,
    secretariat_key: ec.EllipticCurvePrivateKey,
) -> bytes:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "round": receipt.round_code,
        "evaluator": receipt.evaluator_code,
        "scorecards": [line.as_json() for line in receipt.lines],
    }
    return sc.build_container(
        KIND,
        {
            "issued_at": receipt.issued_at,
            "round": receipt.round_code,
            "evaluator": receipt.evaluator_code,
            "secretariat_workspace_id": receipt.secretariat_workspace_id,
        },
        {RECEIPT: sc.dumps(body)},
        root=root,
        secretariat_certificate=secretariat_certificate,
        secretariat_key=secretariat_key,
    )


def read_receipt(data: bytes, trusted_root: x509.Certificate) -> Receipt:
    """Open and check a receipt. Raises ReceiptError (with a `ReceiptRefusal` code) and
    nothing else for any bytes."""
    try:
        container = sc.read_container(KIND, data, trusted_root)
        manifest = container.manifest
        issued_at = sc.issued_at(manifest)
        body = sc.json_member(container.members[RECEIPT], RECEIPT)
    except sc.ContainerError as error:
        raise ReceiptError(
            "the receipt is refused: {error}",
            error_code=_BY_FAILURE[error.failure].value,
            error=error,
        ) from None
    if body.get("format") != FORMAT or body.get("version") != VERSION:
        raise ReceiptError("receipt.json has an unknown format or version")
    round_code, evaluator_code = body.get("round"), body.get("evaluator")
    if (
        not isinstance(round_code, str)
        or not isinstance(evaluator_code, str)
        or manifest.get("round") != round_code
        or manifest.get("evaluator") != evaluator_code
    ):
        raise ReceiptError(
            "the receipt's manifest and receipt.json name different rounds or evaluators"
        )
    try:
        lines = tuple(_line(item) for item in body["scorecards"])
    except (KeyError, TypeError, ValueError) as error:
        raise ReceiptError("receipt.json is malformed ({error})", error=error) from None
    return Receipt(
        issued_at=issued_at,
        secretariat_workspace_id=str(manifest.get("secretariat_workspace_id", "")),
        round_code=round_code,
        evaluator_code=evaluator_code,
        lines=lines,
        manifest_sha256=container.manifest_sha256,
    )


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} is not a text")
    return value


def _line(item: Mapping[str, Any]) -> ReceiptLine:
    revision = item["revision"]
    if not is_revision(revision):
        raise ValueError(f"revision {revision!r} is not a possible one")
    received_at = _text(item["received_at"], "received_at")
    datetime.fromisoformat(received_at)  # ValueError if it is no time
    reason = item.get("reason")
    return ReceiptLine(
        credit_code=_text(item["candidate"], "candidate"),
        candidate_name=_text(item.get("candidate_name", ""), "candidate_name"),
        revision=revision,
        file_sha256=_text(item["file_sha256"], "file_sha256"),
        received_at=received_at,
        outcome=ReceiptOutcome(item["outcome"]),
        reason=_text(reason, "reason") if reason is not None else None,
        message=_text(item.get("message", ""), "message"),
    )
