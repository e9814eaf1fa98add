"""Signed receipts: after a merge the secretariat issues one per evaluator and round,
listing what became of each scorecard file received; the evaluator imports it, and each
card then says whether the secretariat holds it (and which revision), or why not.

A receipt also raises the evaluator's revision floors (store/revisions.py): a new laptop
continues after the highest revision the secretariat holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from qz_evaluator.domain.scorecard_document import MergeConflict, SubmissionStatus
from qz_evaluator.domain.text import safe_file_name
from qz_evaluator.exchange.receipt import (
    MAX_RECEIPT_BYTES,
    SUFFIX,
    Receipt,
    ReceiptError,
    ReceiptLine,
    ReceiptOutcome,
    ReceiptRefusal,
    build_receipt,
    read_receipt,
)
from qz_evaluator.services import identity
from qz_evaluator.services.errors import DiskFull, ServiceError
from qz_evaluator.services.evaluator_session import ReceiptMark, chosen_round, receipt_marks
from qz_evaluator.services.packages import ISSUED_BY_META
from qz_evaluator.store.receipts import ReceivedLine
from qz_evaluator.store.workspace import Role, Workspace

# The outcomes whose revision the secretariat holds (and a new laptop must go above).
HELD_OUTCOMES = frozenset(
    {ReceiptOutcome.ACCEPTED, ReceiptOutcome.SUPERSEDED, ReceiptOutcome.CONFLICT}
)
FLOOR_SOURCE = "secretariat receipt"

__all__ = [
    "SUFFIX",
    "ReceiptImport",
    "ReceiptMark",
    "ReceiptOutcome",
    "ReceiptRefusal",
    "import_receipt",
    "issue_receipts",
    "receipt_for",
    "receipt_marks",
]


# ----- the secretariat's side ------------------------------------------------------------


def receipt_for(workspace: Workspace, round_code: str, evaluator_code: str) -> Receipt:
    """What the secretariat holds from the evaluator in the round: every file merged
    (accepted, superseded, conflict) and every validly signed file refused."""
    submissions = workspace.submissions(round_code=round_code, evaluator_code=evaluator_code)
    refusals = workspace.refusals(round_code, evaluator_code)
    # The candidates' names in one query, not one per candidate.
    names = {
        c.credit_code: c.name
        for c in workspace.candidates(
            codes={s.credit_code for s in submissions} | {r.credit_code for r in refusals}
        )
    }

    def name(credit_code: str) -> str:
        return names.get(credit_code, "")

    lines: list[ReceiptLine] = []
    for submission in submissions:
        outcome = ReceiptOutcome(submission.status.value)
        lines.append(
            ReceiptLine(
                credit_code=submission.credit_code,
                candidate_name=name(submission.credit_code),
                revision=submission.revision,
                file_sha256=submission.file_sha256,
                received_at=submission.received_at,
                outcome=outcome,
                reason=MergeConflict.REVISION_CONFLICT.value
                if submission.status is SubmissionStatus.CONFLICT
                else None,
                message="",
            )
        )
    for refusal in refusals:
        lines.append(
            ReceiptLine(
                credit_code=refusal.credit_code,
                candidate_name=refusal.candidate_name or name(refusal.credit_code),
                revision=refusal.revision,
                file_sha256=refusal.file_sha256,
                received_at=refusal.received_at,
                outcome=ReceiptOutcome.REFUSED,
                reason=refusal.reason,
                message=refusal.message,
            )
        )
    lines.sort(key=lambda line: (line.credit_code, line.revision, line.received_at))
    return Receipt(
        issued_at="",
        secretariat_workspace_id=workspace.workspace_id,
        round_code=round_code,
        evaluator_code=evaluator_code,
        lines=tuple(lines),
    )


def receipt_file_name(workspace: Workspace, round_code: str, evaluator_code: str) -> str:
    evaluator = workspace.find_evaluator(evaluator_code)
    name = safe_file_name(evaluator.name) if evaluator is not None else ""
    return (
        f"{round_code}_{evaluator_code}_{name}{SUFFIX}"
        if name
        else (f"{round_code}_{evaluator_code}{SUFFIX}")
    )


def issue_receipts(
    workspace: Workspace,
    out_dir: Path,
    round_code: str | None = None,
    evaluator_codes: list[str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """One signed receipt per evaluator who sent files in the round (or those named).

    `round_code` None: the latest round. `progress(done, total)` after each receipt; once
    `cancelled()` is true no further receipt is begun."""
    # Imported here: scorecard_files loads pyHanko and reportlab.
    from qz_evaluator.services.scorecard_files import write_atomically

    if workspace.role is not Role.SECRETARIAT:
        raise ServiceError("receipts are issued from the secretariat's workspace")
    if round_code is not None:
        round_ = workspace.round(round_code)
    else:
        found = chosen_round(workspace, None)
        if found is None:
            raise ServiceError("this workspace has no rounds yet: there is nothing to receipt")
        round_ = found
    if evaluator_codes:
        codes = sorted({code.strip().upper() for code in evaluator_codes})
        for code in codes:
            workspace.evaluator(code)  # an unknown code is refused before anything is signed
    else:
        codes = sorted(
            workspace.submission_evaluators(round_.code) | workspace.refusal_evaluators(round_.code)
        )
    if not codes:
        return []  # nobody to receipt: the keychain is not asked for the key
    signer = identity.secretariat_identity(workspace)
    issued_at = datetime.now(UTC).isoformat(timespec="microseconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for code in codes:
        if cancelled is not None and cancelled():
            break
        data = build_receipt(
            replace(receipt_for(workspace, round_.code, code), issued_at=issued_at),
            root=signer.chain[0],
            secretariat_certificate=signer.cert,
            secretariat_key=signer.key,
        )
        path = out_dir / receipt_file_name(workspace, round_.code, code)
        try:
            write_atomically(path, data)
        except DiskFull:
            raise DiskFull(
                "{parent}: the disk is full; the receipt {name} was not written. Free some "
                "space and issue the receipts again",
                parent=out_dir,
                name=path.name,
            ) from None
        written.append(path)
        if progress is not None:
            progress(len(written), len(codes))
    return written


# ----- the evaluator's side --------------------------------------------------------------


@dataclass
class ReceiptImport:
    round_code: str
    issued_at: str
    lines: int = 0
    accepted: list[str] = field(default_factory=list)  # credit codes the secretariat counts
    not_accepted: dict[str, str] = field(default_factory=dict)  # credit code → reason
    changed: list[str] = field(default_factory=list)  # cards whose mark is new or differs
    revisions_raised: dict[str, int] = field(default_factory=dict)
    already_imported: bool = False  # this very receipt was imported before: nothing changed

    def as_dict(self) -> dict[str, object]:
        return {
            "round": self.round_code,
            "issued_at": self.issued_at,
            "lines": self.lines,
            "accepted": self.accepted,
            "not_accepted": self.not_accepted,
            "changed": self.changed,
            "revisions_raised": self.revisions_raised,
            "already_imported": self.already_imported,
        }


def _read(path: Path) -> bytes:
    try:
        with Path(path).open("rb") as file:
            return file.read(MAX_RECEIPT_BYTES + 1)
    except OSError as error:
        raise ServiceError(
            "{path}: cannot read the receipt ({strerror})", path=path, strerror=error.strerror
        ) from None


def import_receipt(workspace: Workspace, path: Path) -> ReceiptImport:
    """Check the receipt completely, then record it and raise the revision floors, in one
    transaction; a refused receipt changes nothing."""
    if workspace.role is not Role.EVALUATOR:
        raise ServiceError("a receipt is imported into an evaluator's workspace")
    owner = workspace.owner_code or ""
    data = _read(path)
    root = identity.committee_root(workspace)
    try:
        receipt = read_receipt(data, root)
    except ReceiptError as error:
        raise ServiceError(
            "{path}: {error}", error_code=error.code, path=path, error=error
        ) from None
    if receipt.evaluator_code != owner:
        raise ServiceError(
            "{path}: refused: this receipt is for evaluator {code}, not for {owner}",
            error_code=ReceiptRefusal.OTHER_EVALUATOR,
            path=path,
            code=receipt.evaluator_code,
            owner=owner,
        )
    round_code = receipt.round_code
    if workspace.find_round(round_code) is None:
        raise ServiceError(
            "{path}: refused: the receipt is for round {round_code}, which this workspace "
            "does not have",
            error_code=ReceiptRefusal.UNKNOWN_ROUND,
            path=path,
            round_code=round_code,
            window_hint="Import the round's assignment package first: File ▸ Import "
            "Assignment Package.",
        )
    issued_by = workspace.meta(ISSUED_BY_META.format(round_code=round_code))
    if issued_by and issued_by != receipt.secretariat_workspace_id:
        raise ServiceError(
            "{path}: refused: the receipt comes from another secretariat workspace than "
            "the one that sent round {round_code}'s assignment package",
            error_code=ReceiptRefusal.OTHER_WORKSPACE,
            path=path,
            round_code=round_code,
        )
    result = ReceiptImport(round_code, receipt.issued_at, lines=len(receipt.lines))
    with workspace.transaction():
        # Checked and recorded in the import's own transaction: no import in between.
        latest = workspace.latest_receipt(round_code, owner)
        if latest is not None and receipt.issued < datetime.fromisoformat(latest.issued_at):
            raise ServiceError(
                "{path}: refused: this receipt was issued at {issued_at}, before the one "
                "already imported for round {round_code} (issued at {installed_at}); "
                "import the newest receipt the secretariat sent",
                error_code=ReceiptRefusal.OLDER,
                path=path,
                issued_at=receipt.issued_at,
                round_code=round_code,
                installed_at=latest.issued_at,
            )
        if workspace.receipt_by_manifest(receipt.manifest_sha256) is not None:
            result.already_imported = True
            _describe(result, receipt_marks(workspace, round_code))
            return result
        before = receipt_marks(workspace, round_code)
        workspace.record_receipt(
            manifest_sha256=receipt.manifest_sha256,
            round_code=round_code,
            evaluator_code=owner,
            issued_at=receipt.issued_at,
            secretariat_workspace_id=receipt.secretariat_workspace_id,
            lines=[
                ReceivedLine(
                    credit_code=line.credit_code,
                    revision=line.revision,
                    file_sha256=line.file_sha256,
                    received_at=line.received_at,
                    outcome=line.outcome.value,
                    reason=line.reason,
                    message=line.message,
                )
                for line in receipt.lines
            ],
        )
        held: dict[str, int] = {}
        for line in receipt.lines:
            if line.outcome in HELD_OUTCOMES:
                held[line.credit_code] = max(held.get(line.credit_code, 0), line.revision)
        raised = workspace.raise_revision_floors(
            owner,
            [(round_code, code, revision) for code, revision in sorted(held.items())],
            source=FLOOR_SOURCE,
        )
        result.revisions_raised = {code: revision for _, code, revision in raised}
        after = receipt_marks(workspace, round_code)
    _describe(result, after)
    result.changed = sorted(
        code for code, mark in after.items() if _shown(before.get(code)) != _shown(mark)
    )
    return result


def _shown(mark: ReceiptMark | None) -> tuple[object, ...] | None:
    if mark is None:
        return None
    return (mark.accepted, mark.revision, mark.received_at, mark.outcome, mark.reason)


def _describe(result: ReceiptImport, marks: dict[str, ReceiptMark]) -> None:
    result.accepted = sorted(code for code, mark in marks.items() if mark.accepted)
    result.not_accepted = {
        code: mark.reason or mark.outcome
        for code, mark in sorted(marks.items())
        if not mark.accepted
    }
