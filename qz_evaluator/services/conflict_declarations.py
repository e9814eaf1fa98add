"""A conflict of interest found on site, from the evaluator's laptop to the secretariat.

The evaluator declares it in the window (`ScoringService.declare_conflict` locks the
card); `export_declaration` signs a one-page declaration PDF with their key and attaches
declaration.json; `merge` at the secretariat checks it like a scorecard and records the
conflict. Until the declaration has been exported it can be withdrawn; after that it
may already be on its way, so withdrawing is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from qz_evaluator.domain import conflict_declaration as cd
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.domain.text import safe_file_name
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.identity import SigningIdentity, evaluator_identity
from qz_evaluator.services.scorecard_files import Rejection, ScorecardCheck, write_atomically
from qz_evaluator.services.scoring import ScorecardChange
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates

ATTACHMENT = "declaration.json"


class DeclarationExported(ServiceError):
    """The declaration has left this laptop; it can no longer be withdrawn here."""

    default_code = "declaration-exported"


@dataclass(frozen=True)
class DeclarationResult:
    path: Path
    reused: bool
    file_sha256: str


def file_name(declaration: cd.ConflictDeclaration) -> str:
    """Beside the scorecards in the same folder, told apart by its ending."""
    name = safe_file_name(declaration.candidate.name)
    return (
        f"{declaration.round.code}_{name}_{declaration.candidate.credit_code[-6:]}_"
        f"{declaration.evaluator.code}_conflict.pdf"
    )


def _require_declared(workspace: Workspace, card: Scorecard) -> Scorecard:
    card = workspace.scorecard_by_id(card.id)
    if card.status is not ScorecardStatus.CONFLICT:
        raise ServiceError(
            "no conflict of interest is declared on the scorecard for {candidate}",
            error_code="no-declaration",
            candidate=card.credit_code,
        )
    return card


def build_declaration(
    workspace: Workspace, card: Scorecard, exported_at: str
) -> cd.ConflictDeclaration:
    card = _require_declared(workspace, card)
    # A declared card is locked: its last change is the declaration.
    _, declared_at = workspace.scorecard_times(card.id)
    return cd.ConflictDeclaration(
        workspace_id=workspace.workspace_id,
        round=workspace.round(card.round_code),
        candidate=workspace.candidate(card.credit_code),
        evaluator=workspace.evaluator(card.evaluator_code),
        reason=card.conflict_note,
        statement=cd.CONFLICT_STATEMENT,
        declared_at=declared_at,
        exported_at=exported_at,
    )


def signed_declaration_pdf(
    declaration: cd.ConflictDeclaration, identity: SigningIdentity, language: str = "zh"
) -> bytes:
    from qz_evaluator.documents.declaration_pdf import render_declaration
    from qz_evaluator.trust.pdf_attachments import embed_file
    from qz_evaluator.trust.pdf_signing import sign_pdf

    pdf = render_declaration(declaration, language)
    pdf = embed_file(pdf, ATTACHMENT, cd.to_bytes(declaration))
    return sign_pdf(
        pdf,
        identity.key,
        identity.cert,
        identity.chain,
        reason="政府质量奖评审回避声明 / Conflict of interest declaration",
        location=declaration.candidate.county,
    )


def export_declaration(
    workspace: Workspace,
    card: Scorecard,
    out_dir: Path,
    language: str = "zh",
    identity: SigningIdentity | None = None,
) -> DeclarationResult:
    """Sign and write the declaration; once signed, the same file is handed out again."""
    card = _require_declared(workspace, card)
    earlier = workspace.declaration_export(card.id)
    if earlier is not None:
        path = Path(out_dir) / earlier.file_name
        write_atomically(path, earlier.pdf)
        return DeclarationResult(path, True, earlier.file_sha256)
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    declaration = build_declaration(workspace, card, exported_at)
    pdf = signed_declaration_pdf(declaration, identity or evaluator_identity(workspace), language)
    name = file_name(declaration)
    path = Path(out_dir) / name
    digest = hashlib.sha256(pdf).hexdigest()
    # The file first: if the disk is full, the declaration may still be withdrawn.
    write_atomically(path, pdf)
    from qz_evaluator.store.declarations import DeclarationExport

    workspace.record_declaration_export(
        DeclarationExport(card.id, card.conflict_note, name, digest, pdf, exported_at)
    )
    return DeclarationResult(path, False, digest)


def can_withdraw(workspace: Workspace, card: Scorecard) -> bool:
    """A declared conflict whose declaration has not left this laptop yet."""
    return card.status is ScorecardStatus.CONFLICT and workspace.declaration_export(card.id) is None


def withdraw_conflict(workspace: Workspace, card: Scorecard) -> ScorecardChange:
    """Undo an on-site declaration made in error; refused once it has been exported."""
    card = _require_declared(workspace, card)
    exported = workspace.declaration_export(card.id)
    if exported is not None:
        raise DeclarationExported(
            "the declaration was exported at {time} and may already be with the secretariat;"
            " it can no longer be withdrawn. Ask the secretariat to correct it",
            time=exported.exported_at,
        )
    workspace.withdraw_declared_conflict(card.id)
    return ScorecardChange.of(workspace.scorecard_by_id(card.id))


# ----- verification (the secretariat's merge) ----------------------------------------------


@dataclass(frozen=True)
class DeclarationCheck:
    valid: bool
    reason: str | None
    message: str
    declaration: cd.ConflictDeclaration | None = None
    signer: x509.Certificate | None = None


def check_declaration_bytes(pdf: bytes, root: x509.Certificate) -> DeclarationCheck | None:
    """The declaration a validly signed PDF carries, checked; None if it carries none
    (then it is not a declaration and the scorecard checks speak for it)."""
    from qz_evaluator.trust.pdf_signing import verify_and_extract

    result, raw = verify_and_extract(pdf, root, ATTACHMENT)
    if not result.valid or raw is None:
        return None
    signer = result.signer
    signer_code = certificates.evaluator_code(signer) if signer is not None else "?"
    try:
        declaration = cd.from_bytes(raw)
    except cd.DeclarationFormatError as error:
        return DeclarationCheck(False, error.code, str(error), signer=signer)
    if declaration.evaluator.code != signer_code:
        return DeclarationCheck(
            False,
            "signer-evaluator-mismatch",
            f"signed by {signer_code} but the declaration names evaluator "
            f"{declaration.evaluator.code}",
            declaration,
            signer,
        )
    return DeclarationCheck(
        True,
        None,
        f"valid: declared by {declaration.evaluator.name} ({signer_code})",
        declaration,
        signer,
    )


def verify_declarations(
    checks: list[ScorecardCheck],
    root: x509.Certificate,
    lines: list[str],
    data: list[dict[str, Any]],
) -> list[bool]:
    """For `verify`: the files that are validly signed without scorecard.json are checked
    as declarations, and their line and JSON entry (same positions as `checks`) say so.
    Whether each file is valid, in order."""
    valid = []
    for index, check in enumerate(checks):
        if check.rejection is not Rejection.NO_SCORECARD_DATA:
            valid.append(check.valid)
            continue
        try:
            pdf = Path(check.source).read_bytes()
        except OSError:
            valid.append(False)
            continue
        declared = check_declaration_bytes(pdf, root)
        if declared is None:
            valid.append(False)
            continue
        valid.append(declared.valid)
        state = "VALID  " if declared.valid else "INVALID"
        detail = declared.message if declared.valid else f"{declared.reason}: {declared.message}"
        lines[index] = f"{state} {check.source}: conflict declaration, {detail}"
        entry: dict[str, Any] = {
            "file": check.source,
            "valid": declared.valid,
            "reason": declared.reason,
            "message": declared.message,
            "sha256": check.file_sha256,
            "kind": "conflict-declaration",
        }
        if declared.declaration is not None:
            entry.update(
                round=declared.declaration.round.code,
                candidate=declared.declaration.candidate.credit_code,
                evaluator=declared.declaration.evaluator.code,
                conflict_reason=declared.declaration.reason,
            )
        data[index] = entry
    return valid
