"""Signed scorecard files: export (render → attach scorecard.json → sign) and verify.

Export keeps every signed file in the workspace: a re-export of unchanged scores hands
out the very same bytes, and changed scores get the next revision, above any revision the
evaluator's scorecard reached on another laptop (the workspace's revision floors).

A round that asks for it (`RoundSettings.encrypt_scorecards`) gets each signed file in an
envelope only the secretariat opens (`trust.envelope`, `…_r2.pdf.p7m`); the workspace
keeps the plain signed PDF, the evaluator's readable copy. Verification opens an envelope
first when it is given the secretariat's key (`Opener`), then checks the PDF inside.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.domain.text import safe_file_name
from qz_evaluator.services import evaluator_session
from qz_evaluator.services import identity as identity_service
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.file_modes import set_mode
from qz_evaluator.services.identity import SigningIdentity, evaluator_identity
from qz_evaluator.store.errors import DiskFull
from qz_evaluator.store.workspace import ExportRecord, Workspace
from qz_evaluator.trust import certificates, envelope
from qz_evaluator.trust.errors import CertificateError
from qz_evaluator.trust.pdf_attachments import embed_file
from qz_evaluator.trust.pdf_signing import VerifyFailure, sign_pdf, verify_and_extract

ATTACHMENT = "scorecard.json"
_log = logging.getLogger(__name__)
DEMO_REASON = "演示 · 非正式评分 / Demo, not an official score"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    revision: int
    reused: bool
    file_sha256: str  # the signed PDF's, inside the envelope or not
    encrypted: bool = False  # the file at `path` is the envelope only the secretariat opens


def file_name(document: scd.ScorecardDocument) -> str:
    """Readable and safe on FAT32 sticks and every desktop OS."""
    name = safe_file_name(document.candidate.name)
    return (
        f"{document.round.code}_{name}_{document.candidate.credit_code[-6:]}_"
        f"{document.evaluator.code}_r{document.revision}.pdf"
    )


def _document(
    workspace: Workspace, card: Scorecard, revision: int, exported_at: str
) -> scd.ScorecardDocument:
    created, updated = workspace.scorecard_times(card.id)
    affirmed_at = workspace.declaration_affirmed_at(card.id)
    if card.status is ScorecardStatus.FINAL and affirmed_at is None:
        # Finalised before the declaration was shown (an older version of the program).
        raise ServiceError(
            "the scorecard for {candidate} was finalised without affirming the no-conflict "
            "declaration: reopen it (Scorecard ▸ Reopen) and finalise it again",
            error_code="declaration-not-affirmed",
            candidate=card.credit_code,
        )
    return scd.build_document(
        card,
        candidate=workspace.candidate(card.credit_code),
        evaluator=workspace.evaluator(card.evaluator_code),
        round_=workspace.round(card.round_code),
        criteria=criteria_set(card.criteria_id),
        workspace_id=workspace.workspace_id,
        revision=revision,
        created_at=created,
        updated_at=updated,
        exported_at=exported_at,
        language=workspace.round_settings(card.round_code).scorecard_language,
        declaration_affirmed_at=affirmed_at,
        changes=evaluator_session.edit_changes(workspace, card),
    )


def scorecard_language(workspace: Workspace, round_code: str) -> str:
    """The language of the round's signed scorecards ("zh" or "en"): a round setting,
    never the interface's language."""
    return workspace.round_settings(round_code).scorecard_language


def signed_scorecard_pdf(document: scd.ScorecardDocument, identity: SigningIdentity) -> bytes:
    """The whole signed file for a scorecard document (no workspace involved), in the
    document's own language; the demo's identity gives the demo's watermark."""
    pdf = render_scorecard(
        document,
        criteria_set(document.criteria_id),
        document.language or "zh",
        demo=identity.demo,
    )
    pdf = embed_file(pdf, ATTACHMENT, scd.to_bytes(document))
    return sign_pdf(
        pdf,
        identity.key,
        identity.cert,
        identity.chain,
        reason=DEMO_REASON if identity.demo else "政府质量奖评审评分 / Quality award scorecard",
        location=document.candidate.county,
    )


def _umask() -> int:
    """The process's umask, read without changing it where Linux says it (os.umask sets it
    while reading, which races with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write through a temporary file and rename; the file gets the permissions a plain
    `open(path, "w")` would give (0644 under the usual umask), not mkstemp's 0600, unless
    it is `private` (a key backup: the owner's alone, 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".qz-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            set_mode(out.fileno(), temp, 0o600 if private else 0o666 & ~_umask())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        if error.errno == 28:  # ENOSPC
            raise DiskFull(
                "{parent}: the disk is full; the scorecard was not written. Free some "
                "space and export again",
                parent=path.parent,
            ) from None
        raise ServiceError(
            "{path}: cannot write the file ({strerror})", path=path, strerror=error.strerror
        ) from None


def export_scorecard(
    workspace: Workspace,
    card: Scorecard,
    out_dir: Path,
    identity: SigningIdentity | None = None,
) -> ExportResult:
    """Sign and write one final scorecard in the round's scorecard language. The language
    is part of the content digest: a card whose language changed is a new revision, never
    the stored file of the other language."""
    card = workspace.scorecard_by_id(card.id)
    if card.status is not ScorecardStatus.FINAL:
        raise ServiceError(
            "the scorecard for {credit_code} is {status}: only a final scorecard is "
            "exported and signed",
            credit_code=card.credit_code,
            status=card.status,  # the window shows its label, one word per state
        )
    scorecard_id = card.id
    last = workspace.last_export(scorecard_id)
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    # Above what this workspace exported and what is known to exist elsewhere (a key
    # backup's or the secretariat's package's revision floor): a correction made on a new
    # laptop never restarts at r1 and loses to the old total.
    floor = workspace.revision_floor(card.round_code, card.credit_code, card.evaluator_code)
    revision = max(last.revision if last else 0, floor) + 1
    # Built once: the digest leaves out the revision and the export time.
    document = _document(workspace, card, revision, exported_at)
    digest = scd.content_digest(document)
    if last is not None and last.content_sha256 == digest and last.revision >= floor:
        # The same signed PDF, in an envelope or not as the round asks now.
        path, encrypted = _write_export(
            workspace, card.round_code, Path(out_dir), last.file_name, last.pdf
        )
        return ExportResult(path, last.revision, True, last.file_sha256, encrypted)
    pdf = signed_scorecard_pdf(document, identity or evaluator_identity(workspace))
    name = file_name(document)
    file_digest = hashlib.sha256(pdf).hexdigest()
    # The file first: if the disk is full, the revision is not used up in the workspace.
    path, encrypted = _write_export(workspace, card.round_code, Path(out_dir), name, pdf)
    # The record keeps the plain signed PDF under its plain name: the readable copy.
    workspace.record_export(
        ExportRecord(scorecard_id, revision, digest, file_digest, name, pdf, exported_at)
    )
    return ExportResult(path, revision, False, file_digest, encrypted)


def _write_export(
    workspace: Workspace, round_code: str, out_dir: Path, name: str, pdf: bytes
) -> tuple[Path, bool]:
    """Write the signed PDF as the round asks: in the secretariat's envelope (a fresh one
    each time, the PDF inside the same) or plain. The path written and whether sealed."""
    recipient = identity_service.scorecard_recipient(workspace, round_code)
    if recipient is None:
        path = out_dir / name
        write_atomically(path, pdf)
        return path, False
    path = out_dir / (name + envelope.SUFFIX)
    write_atomically(path, envelope.seal(pdf, recipient))
    return path, True


def readable_copy(workspace: Workspace, card: Scorecard, out_dir: Path) -> Path:
    """The last signed PDF of an exported scorecard, plain, written into `out_dir`: what
    the evaluator opens when the file that travelled is the secretariat's envelope."""
    last = workspace.last_export(card.id)
    if last is None:
        raise ServiceError(
            "the scorecard for {credit_code} has not been exported yet",
            credit_code=card.credit_code,
        )
    path = Path(out_dir) / last.file_name
    write_atomically(path, last.pdf)
    return path


def export_all(
    workspace: Workspace,
    out_dir: Path,
    *,
    round_code: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ExportResult]:
    owner = workspace.owner_code
    cards = [
        c
        for c in workspace.scorecards(round_code=round_code, evaluator_code=owner)
        if c.status is ScorecardStatus.FINAL
    ]
    identity = evaluator_identity(workspace)
    results = []
    for index, card in enumerate(cards, start=1):
        if cancelled is not None and cancelled():
            break
        results.append(export_scorecard(workspace, card, out_dir, identity))
        if progress is not None:
            progress(index, len(cards))
    return results


# ----- verification -----------------------------------------------------------------------


class Rejection(StrEnum):
    """Why a scorecard file is not accepted; stable codes for --json and merge reports."""

    NOT_A_PDF = "not-a-pdf"
    NO_SIGNATURE = "no-signature"
    DIGEST_MISMATCH = "digest-mismatch"
    MODIFIED_AFTER_SIGNING = "modified-after-signing"
    UNKNOWN_SIGNER = "unknown-signer"
    MULTIPLE_SIGNATURES = "multiple-signatures"
    DAMAGED = "damaged"
    NO_SCORECARD_DATA = "no-scorecard-data"
    UNKNOWN_FORMAT_VERSION = "unknown-format-version"
    BAD_SCORECARD_DATA = "bad-scorecard-data"
    SIGNER_MISMATCH = "signer-evaluator-mismatch"
    UNREADABLE = "unreadable"
    DEMO_SIGNATURE = "demo-signature"  # signed by the demo's session identity
    # Issue 11: what a scorecard file may be (the program's own structure, nothing more).
    NOT_AN_EVALUATOR = "not-an-evaluator-certificate"  # the certificate names no evaluator
    ACTIVE_CONTENT = "active-content"  # JavaScript, OpenAction, Launch, AA … in the file
    UNEXPECTED_ATTACHMENT = "unexpected-attachment"  # more than the one attachment
    ATTACHMENT_TOO_LARGE = "attachment-too-large"  # over MAX_ATTACHMENT_BYTES once inflated
    FILE_TOO_LARGE = "file-too-large"  # over MAX_FILE_BYTES: never read whole
    REVISION_OUT_OF_RANGE = "revision-out-of-range"  # not within 1…MAX_REVISION
    # Issue 13: the edit history's chain is broken or it does not lead to the scores.
    HISTORY_MISMATCH = "history-mismatch"

    BAD_TEXT = "bad-text"  # a comment or name with a control or bidi character, or too long
    # Issue 13: a scorecard in the secretariat's envelope (trust.envelope).
    ENCRYPTED_NO_KEY = "encrypted-no-key"  # opened only with the secretariat's key
    ENCRYPTED_FOR_ANOTHER = envelope.EnvelopeFailure.OTHER_RECIPIENT.value
    DAMAGED_ENVELOPE = envelope.EnvelopeFailure.DAMAGED.value


_FROM_PDF = {failure: Rejection(failure.value) for failure in VerifyFailure}

# A scorecard is ~100-300 KB (fonts subset, scorecard.json of a few KB); a file far larger
# is refused before it is read or parsed.
MAX_FILE_BYTES = 16 * 1024 * 1024


def too_large(size: int) -> str | None:
    """Why a file of `size` bytes is not read as a scorecard, or None."""
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"the file has {size:,} bytes, more than a scorecard ever has "
        f"({MAX_FILE_BYTES // (1024 * 1024)} MiB)"
    )


def _signer_code(cert: x509.Certificate | None) -> str | None:
    """The evaluator code a certificate names, None when it names none (a forger's)."""
    if cert is None:
        return None
    try:
        return certificates.evaluator_code(cert)
    except CertificateError:
        return None


def signer_name(cert: x509.Certificate | None) -> str | None:
    """The name a signing certificate states (None: no certificate, or no readable name)."""
    if cert is None:
        return None
    try:
        return certificates.subject_name(cert)
    except CertificateError:
        return None


@dataclass(frozen=True)
class Opener:
    """The secretariat's key and certificate, to open scorecards in its envelope. Plain
    bytes (PKCS#8 and DER), so that it reaches merge's verification processes, which
    are this program's own on this computer."""

    key_der: bytes = field(repr=False)
    cert_der: bytes

    @classmethod
    def of(cls, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> Opener:
        return cls(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            certificates.certificate_der(cert),
        )

    def open(self, data: bytes) -> bytes:
        key, cert = _opener_parts(self.key_der, self.cert_der)
        return envelope.open_envelope(data, key, cert)


@cache
def _opener_parts(
    key_der: bytes, cert_der: bytes
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = serialization.load_der_private_key(key_der, None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise TypeError("the secretariat's key is not an elliptic-curve key")
    return key, x509.load_der_x509_certificate(cert_der)


@dataclass(frozen=True)
class ScorecardCheck:
    source: str
    valid: bool
    rejection: Rejection | None
    message: str
    document: scd.ScorecardDocument | None = None
    signer: x509.Certificate | None = None
    file_sha256: str = ""  # the signed PDF's (inside the envelope, for an encrypted file)
    demo: bool = False  # valid only against the demo's own committee: never official
    encrypted: bool = False  # came in the secretariat's envelope
    # The signed PDF checked (the envelope's content): what merge archives.
    pdf: bytes | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "file": self.source,
            "valid": self.valid,
            "reason": self.rejection.value if self.rejection else None,
            "message": self.message,
            "sha256": self.file_sha256,
            "demo": self.demo,
            "encrypted": self.encrypted,
        }
        if self.signer is not None:
            result["signer"] = _signer_code(self.signer)
            result["signer_fingerprint"] = certificates.fingerprint(self.signer)
        if self.document is not None:
            result.update(
                round=self.document.round.code,
                candidate=self.document.candidate.credit_code,
                evaluator=self.document.evaluator.code,
                revision=self.document.revision,
                total=format_points(self.document.total),
            )
        return result


def check_scorecard_bytes(
    pdf: bytes, root: x509.Certificate, source: str, opener: Opener | None = None
) -> ScorecardCheck:
    """Full verification of one scorecard file against the committee root, opened first
    with `opener` if it is in the secretariat's envelope. Every file gets its own
    verdict: whatever it holds, this never raises."""
    sha = hashlib.sha256(pdf).hexdigest()
    if (large := too_large(len(pdf))) is not None:
        return ScorecardCheck(source, False, Rejection.FILE_TOO_LARGE, large, file_sha256=sha)
    encrypted = envelope.is_envelope(pdf)
    if encrypted:
        if opener is None:
            return ScorecardCheck(
                source,
                False,
                Rejection.ENCRYPTED_NO_KEY,
                "the file is encrypted for the secretariat: only the secretariat's workspace "
                "opens it",
                file_sha256=sha,
                encrypted=True,
            )
        try:
            pdf = opener.open(pdf)
        except envelope.EnvelopeError as error:
            return ScorecardCheck(
                source, False, Rejection(error.code), str(error), file_sha256=sha, encrypted=True
            )
        except Exception as error:  # the key itself: never the whole merge
            _log.debug("cannot open the envelope of %s", source, exc_info=True)
            return ScorecardCheck(
                source,
                False,
                Rejection.DAMAGED_ENVELOPE,
                f"the envelope cannot be opened ({type(error).__name__})",
                file_sha256=sha,
                encrypted=True,
            )
        sha = hashlib.sha256(pdf).hexdigest()
    try:
        return replace(_check_scorecard_bytes(pdf, root, source, sha), encrypted=encrypted, pdf=pdf)
    except Exception as error:  # the last line of defence: one file, one verdict
        _log.debug("unexpected failure checking %s", source, exc_info=True)
        return ScorecardCheck(
            source,
            False,
            Rejection.DAMAGED,
            f"the file cannot be checked ({type(error).__name__})",
            file_sha256=sha,
            encrypted=encrypted,
            pdf=pdf,
        )


def _check_scorecard_bytes(
    pdf: bytes, root: x509.Certificate, source: str, sha: str
) -> ScorecardCheck:
    def reject(reason: Rejection, message: str, **extra: Any) -> ScorecardCheck:
        return ScorecardCheck(source, False, reason, message, file_sha256=sha, **extra)

    result, raw = verify_and_extract(pdf, root, ATTACHMENT)
    demo_root = certificates.is_demo_certificate(root)
    if (
        not result.valid
        and result.signer is not None
        and certificates.is_demo_certificate(result.signer)
        # In the demo itself, only a file of an earlier demo session: damage stays damage.
        and (not demo_root or result.failure is VerifyFailure.UNKNOWN_SIGNER)
    ):
        return reject(
            Rejection.DEMO_SIGNATURE,
            "signed in the demo workspace with its demo identity: a demo file is never an "
            "official scorecard and is not accepted here",
            signer=result.signer,
        )
    if not result.valid:
        failure = result.failure or VerifyFailure.DAMAGED
        return reject(_FROM_PDF[failure], result.message, signer=result.signer)
    signer = result.signer
    signer_code = _signer_code(signer)
    if signer_code is None:
        # Issued by the committee, yet naming no evaluator: not a person's signature.
        return reject(
            Rejection.NOT_AN_EVALUATOR,
            f"signed with a certificate that names no evaluator ({signer_name(signer)})",
            signer=signer,
        )
    holder = signer_name(signer) or signer_code
    if raw is None:
        return reject(
            Rejection.NO_SCORECARD_DATA,
            f"the signed PDF carries no {ATTACHMENT}",
            signer=signer,
        )

    def signed_by_other(
        named: str, document: scd.ScorecardDocument | None = None
    ) -> ScorecardCheck | None:
        if signer_code == named:
            return None
        return reject(
            Rejection.SIGNER_MISMATCH,
            f"signed by {signer_code} but the scorecard names evaluator {named}",
            signer=signer,
            document=document,
        )

    try:
        document = scd.from_bytes(raw, criteria_set)
    except scd.ScorecardFormatError as error:
        # Signed by someone else comes first, as a file's signer is checked before its data.
        if error.evaluator_code is not None and (other := signed_by_other(error.evaluator_code)):
            return other
        if isinstance(error, scd.UnknownFormatVersion):
            reason = Rejection.UNKNOWN_FORMAT_VERSION
        elif isinstance(error, scd.RevisionOutOfRange):
            reason = Rejection.REVISION_OUT_OF_RANGE
        elif isinstance(error, scd.HistoryMismatch):
            reason = Rejection.HISTORY_MISMATCH
        elif isinstance(error, scd.BadScorecardText):
            reason = Rejection.BAD_TEXT
        else:
            reason = Rejection.BAD_SCORECARD_DATA
        return reject(reason, str(error), signer=signer)
    if other := signed_by_other(document.evaluator.code, document):
        return other
    if demo_root:
        message = (
            f"valid demo file: signed by {holder} ({signer_code}) with the "
            "demo identity; not an official scorecard"
        )
    else:
        # The certificate's holder: the name inside scorecard.json is the signer's to write.
        message = f"valid: signed by {holder} ({signer_code})"
    return ScorecardCheck(
        source,
        True,
        None,
        message,
        document=document,
        signer=signer,
        file_sha256=sha,
        demo=demo_root,
    )


def check_scorecard_file(
    path: Path, root: x509.Certificate, opener: Opener | None = None
) -> ScorecardCheck:
    try:
        if (large := too_large(Path(path).stat().st_size)) is not None:
            return ScorecardCheck(str(path), False, Rejection.FILE_TOO_LARGE, large)
        data = Path(path).read_bytes()
    except OSError as error:
        return ScorecardCheck(
            str(path), False, Rejection.UNREADABLE, f"cannot read the file ({error.strerror})"
        )
    return check_scorecard_bytes(data, root, str(path), opener)


def check_files(
    paths: Iterable[Path], root: x509.Certificate, opener: Opener | None = None
) -> list[ScorecardCheck]:
    return [check_scorecard_file(path, root, opener) for path in paths]
