"""Merging signed scorecards into the secretariat's workspace.

Files arrive in any order, some twice, some revised, some forged. Verification (the
costly part, ~7 ms each) runs on all cores; then each file is accepted or rejected
whole, in its own transaction, so a crash leaves the workspace as it was before the
file being merged. Merging the same files again changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509

from qz_evaluator.domain.conflict_declaration import ConflictDeclaration
from qz_evaluator.domain.eligibility import Ineligible, explain
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.domain.scorecard_document import (
    MergeConflict,
    ScorecardDocument,
    SubmissionStatus,
    content_digest,
)
from qz_evaluator.services import identity, panels
from qz_evaluator.services.conflict_declarations import check_declaration_bytes
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scorecard_files import (
    Opener,
    Rejection,
    check_scorecard_bytes,
    signer_name,
    too_large,
    write_atomically,
)
from qz_evaluator.store.base import utc_now
from qz_evaluator.store.declarations import ReceivedDeclaration
from qz_evaluator.store.receipts import StoredRefusal
from qz_evaluator.store.submissions import Submission
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, envelope

_log = logging.getLogger(__name__)


class Outcome(StrEnum):
    ACCEPTED = SubmissionStatus.ACCEPTED.value
    SUPERSEDED = SubmissionStatus.SUPERSEDED.value  # older than one merged: kept as history
    DUPLICATE = "duplicate"
    # A rival of the merged file with the same revision and other scores (reason
    # REVISION_CONFLICT): recorded for the secretariat, the accepted one keeps counting.
    CONFLICT = SubmissionStatus.CONFLICT.value
    REJECTED = "rejected"
    # A signed declaration of a conflict of interest found on site: the conflict is recorded.
    DECLARED_CONFLICT = "declared-conflict"


class MergeRejection(StrEnum):
    """Reasons beyond the file's own verification (see scorecard_files.Rejection) and
    the eligibility rule (domain.eligibility.Ineligible)."""

    NOT_IN_ROSTER = "evaluator-not-in-roster"
    CERTIFICATE_NOT_RECORDED = "certificate-not-in-roster"
    UNKNOWN_ROUND = "unknown-round"
    CRITERIA_MISMATCH = "criteria-mismatch"
    UNKNOWN_CANDIDATE = "unknown-candidate"
    NOT_FINAL = "not-final"
    REVOKED_CERTIFICATE = "revoked-certificate"  # signed at or after its revocation


@dataclass(frozen=True)
class Checked:
    """What a worker process found in one file (picklable, passed between processes)."""

    path: str
    sha256: str
    valid: bool
    reason: str | None
    message: str
    document: ScorecardDocument | None
    signer_fingerprint: str | None
    pdf: bytes | None
    declaration: ConflictDeclaration | None = None  # the file is a conflict declaration
    signer_name: str | None = None  # the signing certificate's common name, when readable


@dataclass(frozen=True)
class MergeEntry:
    file: str
    outcome: Outcome
    reason: str | None
    message: str
    round_code: str | None = None
    credit_code: str | None = None
    evaluator_code: str | None = None
    revision: int | None = None
    # What the window shows of a file (its details, its reason in the person's words);
    # not in as_dict, so the CLI's JSON stays as it is.
    sha256: str = ""
    signer: str | None = None  # the signing certificate's common name
    signer_fingerprint: str | None = None
    top_before: int | None = None  # the highest revision merged before (or set aside)
    declared_reason: str | None = None  # a conflict declaration's own reason

    @property
    def replaced(self) -> int | None:
        """Accepted: the earlier revision it supersedes (now superseded)."""
        return self.top_before if self.outcome is Outcome.ACCEPTED else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "outcome": self.outcome.value,
            "reason": self.reason,
            "message": self.message,
            "round": self.round_code,
            "candidate": self.credit_code,
            "evaluator": self.evaluator_code,
            "revision": self.revision,
            "replaced": self.replaced,
        }


@dataclass
class MergeSummary:
    entries: list[MergeEntry] = field(default_factory=list)
    missing: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    cancelled: bool = False  # stopped between files: the files not reached are not listed

    def count(self, outcome: Outcome) -> int:
        return sum(1 for e in self.entries if e.outcome is outcome)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {o.value: self.count(o) for o in Outcome},
            "files": [e.as_dict() for e in self.entries],
            "missing": [
                {"round": r, "candidate": c, "evaluators": codes}
                for (r, c), codes in sorted(self.missing.items())
            ],
        }


# What a folder is searched for: signed PDFs, and scorecards in the secretariat's envelope.
SUFFIXES = frozenset({".pdf", envelope.SUFFIX})


def scorecard_paths(names: Iterable[str | Path]) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            paths.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            )
        else:
            paths.append(path)
    return paths


@cache
def _root(root_pem: bytes) -> x509.Certificate:
    return certificates.load_certificate(root_pem)


def _check(path: str, root_pem: bytes, opener: Opener | None = None) -> Checked:
    """Runs in a worker process: full verification of one file (opened with `opener`
    first if it is in the secretariat's envelope)."""
    root = _root(root_pem)  # parsed once per worker, not once per file
    try:
        large = too_large(Path(path).stat().st_size)
        if large is not None:
            return Checked(path, "", False, Rejection.FILE_TOO_LARGE.value, large, None, None, None)
        pdf = Path(path).read_bytes()
    except OSError as error:
        return Checked(
            path,
            "",
            False,
            "unreadable",
            f"cannot read the file ({error.strerror})",
            None,
            None,
            None,
        )
    try:
        return _check_bytes(path, pdf, root, opener)
    except Exception as error:  # one file, one verdict: never the whole merge
        _log.debug("unexpected failure checking %s", path, exc_info=True)
        return Checked(
            path,
            hashlib.sha256(pdf).hexdigest(),
            False,
            Rejection.DAMAGED.value,
            f"the file cannot be checked ({type(error).__name__})",
            None,
            None,
            None,
        )


def _check_bytes(
    path: str, data: bytes, root: x509.Certificate, opener: Opener | None = None
) -> Checked:
    result = check_scorecard_bytes(data, root, path, opener)
    pdf = result.pdf if result.pdf is not None else data  # an envelope's content
    if result.rejection is Rejection.NO_SCORECARD_DATA:
        # Validly signed without scorecard.json: perhaps a conflict declaration.
        declared = check_declaration_bytes(pdf, root)
        if declared is not None:
            return Checked(
                path=path,
                sha256=result.file_sha256,
                valid=declared.valid,
                reason=declared.reason,
                message=declared.message,
                document=None,
                signer_fingerprint=certificates.fingerprint(declared.signer)
                if declared.signer
                else None,
                pdf=pdf if declared.valid else None,
                declaration=declared.declaration,
                signer_name=signer_name(declared.signer),
            )
    return Checked(
        path=path,
        sha256=result.file_sha256,
        valid=result.valid,
        reason=result.rejection.value if result.rejection else None,
        message=result.message,
        document=result.document,
        signer_fingerprint=certificates.fingerprint(result.signer) if result.signer else None,
        pdf=pdf if result.valid else None,
        signer_name=signer_name(result.signer),
    )


BACKGROUND_NICENESS = 10


def _give_way() -> None:
    """A verification process's start: behind the window's own thread for the CPU (on a
    busy machine the window otherwise waits for its own workers)."""
    if hasattr(os, "nice"):  # POSIX; elsewhere the processes keep their priority
        os.nice(BACKGROUND_NICENESS)


# Below this many files a pool of verification processes costs more to start than it
# saves, per start method (benchmarks/bench_spawn.py, 2 cores, 2 workers):
# - fork (Linux): a worker is a copy of this process, ready in ~0.1 s: pays from ~7 files;
# - spawn (Windows, macOS, a frozen bundle) and forkserver: every worker is a new
#   interpreter that imports pyHanko and cryptography again, 2.5-3.5 s before its first
#   file on a busy machine: a pool of 2 pays from ~130-175 files, later when the window
#   or other programs want the cores too (issue 12: 24 files took 3.8 s against 0.66 s).
MIN_FILES_FOR_POOL: dict[str, int] = {"fork": 8, "forkserver": 200, "spawn": 200}
START_METHOD_ENV = "QZ_START_METHOD"  # forces one (tests run spawn on Linux with it)


def start_method() -> str:
    """How worker processes start here: the platform's default (spawn on Windows and
    macOS, fork on Linux), unless QZ_START_METHOD names another this platform has."""
    forced = os.environ.get(START_METHOD_ENV, "")
    if forced in multiprocessing.get_all_start_methods():
        return forced
    return multiprocessing.get_start_method()


def pool_size(n_files: int, method: str, workers: int | None = None) -> int:
    """How many verification processes for `n_files` files (1: verify them in this
    process): `workers` (default one per core), unless the files are too few to pay for
    starting the processes with this start method (MIN_FILES_FOR_POOL)."""
    wanted = workers if workers is not None else (os.cpu_count() or 1)
    if wanted <= 1 or n_files < MIN_FILES_FOR_POOL.get(method, MIN_FILES_FOR_POOL["spawn"]):
        return 1
    return wanted


CHUNK_SIZE = 8


def _checked(
    paths: list[Path],
    root: x509.Certificate,
    workers: int,
    background: bool = False,
    method: str | None = None,
    opener: Opener | None = None,
) -> Generator[Checked, None, None]:
    """Verify the files with `workers` processes (1: in this one) started by `method`.
    Spawn-safe: the pool runs `_check` and `_give_way`, plain functions of this module,
    whose import has no side effects (a spawned worker imports it, never the CLI)."""
    root_pem = certificates.certificate_pem(root)
    if workers <= 1:
        for path in paths:
            yield _check(str(path), root_pem, opener)
        return
    initializer = _give_way if background else None
    context = multiprocessing.get_context(method or start_method())
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer
    ) as pool:
        # Closed early (cancel), map's iterator cancels the chunks not started yet.
        yield from pool.map(
            _check,
            [str(p) for p in paths],
            [root_pem] * len(paths),
            [opener] * len(paths),
            chunksize=CHUNK_SIZE,
        )


def archive_dir(workspace: Workspace) -> Path:
    return workspace.path.with_name(workspace.path.name + ".scorecards")


def _clear_debris(workspace: Workspace) -> None:
    """Temporary files a killed merge left in the archive (write_atomically's `.qz-*.part`):
    the file being archived when the process died, never renamed, so never named by a row."""
    folder = archive_dir(workspace)
    if not folder.is_dir():
        return
    for part in folder.glob(".qz-*.part"):
        part.unlink(missing_ok=True)


def _archive(workspace: Workspace, checked: Checked) -> Callable[[], None]:
    """Keep the signed original beside the workspace (before the row that names it); the
    returned undo removes it again if the row is not written, unless it was there before."""
    assert checked.pdf is not None
    path = archive_dir(workspace) / f"{checked.sha256}.pdf"
    existed = path.exists()
    write_atomically(path, checked.pdf)

    def undo() -> None:
        if not existed:
            path.unlink(missing_ok=True)

    return undo


def merge(
    workspace: Workspace,
    names: Iterable[str | Path],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_entry: Callable[[MergeEntry], None] | None = None,
    background: bool = False,
) -> MergeSummary:
    """Merge the files (folders are searched for PDFs). `progress(done, total)` and
    `on_entry(entry)` are called after each file; `cancelled()` is polled between files,
    each of which is whole: a cancelled merge keeps the files merged so far. With
    `background` (the window's merge) the verification processes run at a lower
    priority, so that the window keeps the CPU it needs to stay responsive."""
    if workspace.role is not Role.SECRETARIAT:
        raise ServiceError("scorecards are merged in the secretariat's workspace")
    root = identity.committee_root(workspace)
    _clear_debris(workspace)
    paths = scorecard_paths(names)
    summary = MergeSummary()
    method = start_method()
    opener = opener_for(workspace, paths)
    checks = _checked(
        paths, root, pool_size(len(paths), method, workers), background, method, opener
    )
    try:
        for index, checked in enumerate(checks, start=1):
            if cancelled is not None and cancelled():
                summary.cancelled = True
                break
            entry = dataclasses.replace(
                _apply(workspace, checked),
                sha256=checked.sha256,
                signer=checked.signer_name,
                signer_fingerprint=checked.signer_fingerprint,
            )
            summary.entries.append(entry)
            if on_entry is not None:
                on_entry(entry)
            if progress is not None:
                progress(index, len(paths))
    finally:
        checks.close()  # a cancel stops the workers' pending files too
    summary.missing = missing_scorecards(workspace)
    return summary


def is_sealed_file(path: Path) -> bool:
    """Whether a file starts as the secretariat's envelope (its first bytes only)."""
    try:
        with path.open("rb") as file:
            return envelope.is_envelope(file.read(32))
    except OSError:
        return False  # its verification says it cannot be read


def opener_for(workspace: Workspace, paths: Iterable[Path]) -> Opener | None:
    """`scorecard_opener` when one of `paths` is sealed; None without asking the keychain
    when none is (merge and verify alike)."""
    return scorecard_opener(workspace) if any(map(is_sealed_file, paths)) else None


def scorecard_opener(workspace: Workspace) -> Opener | None:
    """The secretariat's key, to open scorecards in its envelope; None when this
    workspace cannot (not the secretariat's, or its key is not in this keychain): an
    encrypted file is then refused as `encrypted-no-key`, and the others are merged."""
    if workspace.role is not Role.SECRETARIAT:
        return None
    try:
        signer = identity.secretariat_identity(workspace)
    except ServiceError:
        _log.info("no secretariat key to open encrypted scorecards", exc_info=True)
        return None
    return Opener.of(signer.key, signer.cert)


def _reject(checked: Checked, reason: str, message: str) -> MergeEntry:
    document = checked.document
    return MergeEntry(
        checked.path,
        Outcome.REJECTED,
        reason,
        message,
        round_code=document.round.code if document else None,
        credit_code=document.candidate.credit_code if document else None,
        evaluator_code=document.evaluator.code if document else None,
        revision=document.revision if document else None,
    )


def _keep_refusal(
    workspace: Workspace, checked: Checked, document: ScorecardDocument, reason: str, message: str
) -> None:
    """Keep why a validly signed scorecard was refused, for its evaluator's receipt."""
    workspace.record_refusal(
        StoredRefusal(
            file_sha256=checked.sha256,
            file_name=Path(checked.path).name,
            round_code=document.round.code,
            credit_code=document.candidate.credit_code,
            candidate_name=document.candidate.name,
            evaluator_code=document.evaluator.code,
            revision=document.revision,
            reason=reason,
            message=message,
            received_at=utc_now(),
        )
    )


def _revoked(
    workspace: Workspace, evaluator_code: str, checked: Checked, signed_at: str
) -> str | None:
    """Why the file is refused if its certificate was revoked before it was signed."""
    revocation, after = identity.revocation_at(
        workspace, evaluator_code, checked.signer_fingerprint, signed_at
    )
    if revocation is None or not after:
        return None
    return (
        f"signed at {signed_at} with {evaluator_code}'s certificate, revoked at "
        f"{revocation.revoked_at} ({revocation.reason})"
    )


def _signed_before(workspace: Workspace, evaluator_code: str, checked: Checked) -> bool:
    """A revoked certificate of this evaluator, no longer the roster's: what it signed
    before the revocation (checked by _revoked) still counts."""
    fingerprint = checked.signer_fingerprint
    revocation = workspace.revocation(fingerprint) if fingerprint else None
    return revocation is not None and revocation.evaluator_code == evaluator_code


def _apply(workspace: Workspace, checked: Checked) -> MergeEntry:
    if checked.declaration is not None:
        return _apply_declaration(workspace, checked, checked.declaration)
    if workspace.submission_by_sha(checked.sha256) is not None:
        return MergeEntry(
            checked.path,
            Outcome.DUPLICATE,
            None,
            "this exact file was merged before; nothing changed",
        )
    document = checked.document
    if not checked.valid or document is None:
        return _reject(checked, checked.reason or "invalid", checked.message)
    round_code, credit_code, evaluator_code = document.key
    revision = document.revision

    def reject(reason: MergeRejection | Ineligible, message: str) -> MergeEntry:
        # A validly signed file: the evaluator it names hears why in their receipt.
        _keep_refusal(workspace, checked, document, reason.value, message)
        return _reject(checked, reason.value, message)

    evaluator = workspace.find_evaluator(evaluator_code)
    if evaluator is None:
        return reject(
            MergeRejection.NOT_IN_ROSTER, f"evaluator {evaluator_code} is not in the roster"
        )
    revoked = _revoked(workspace, evaluator_code, checked, document.exported_at)
    if revoked is not None:
        return reject(MergeRejection.REVOKED_CERTIFICATE, revoked)
    if evaluator.certificate_fingerprint != checked.signer_fingerprint and not _signed_before(
        workspace, evaluator_code, checked
    ):
        return reject(
            MergeRejection.CERTIFICATE_NOT_RECORDED,
            f"signed with a certificate that is not the one the roster records for "
            f"{evaluator_code}",
        )
    round_ = workspace.find_round(round_code)
    if round_ is None:
        return reject(MergeRejection.UNKNOWN_ROUND, f"round {round_code} does not exist here")
    if round_.criteria_id != document.criteria_id:
        return reject(
            MergeRejection.CRITERIA_MISMATCH,
            f"scored on {document.criteria_id}, but round {round_code} uses {round_.criteria_id}",
        )
    if workspace.find_candidate(credit_code) is None:
        return reject(MergeRejection.UNKNOWN_CANDIDATE, f"no candidate {credit_code} here")
    ineligible = panels.eligibility_in(workspace, round_code, credit_code, evaluator_code)
    if ineligible is not None:
        return reject(ineligible, explain(ineligible, round_code, credit_code, evaluator_code))
    if document.status is not ScorecardStatus.FINAL:
        return reject(
            MergeRejection.NOT_FINAL, f"the scorecard is {document.status.value}, not final"
        )

    earlier = workspace.submissions(
        round_code=round_code, credit_code=credit_code, evaluator_code=evaluator_code
    )
    top = max((s.revision for s in earlier), default=0)
    reason: str | None = None
    if revision < top:
        outcome, status, message = (
            Outcome.SUPERSEDED,
            SubmissionStatus.SUPERSEDED,
            (
                f"revision {revision} is older than revision {top} merged before: kept as "
                f"history, it does not count (revision {top} does)"
            ),
        )
    elif revision == top:
        same = _same_scores(workspace, document, [s for s in earlier if s.revision == top])
        if same is not None:
            return MergeEntry(
                checked.path,
                Outcome.DUPLICATE,
                None,
                f"the same scores as revision {revision} merged before ({same}), signed "
                "again; nothing changed",
                round_code,
                credit_code,
                evaluator_code,
                revision,
                top_before=top,
            )
        reason = MergeConflict.REVISION_CONFLICT.value
        outcome, status, message = (
            Outcome.CONFLICT,
            SubmissionStatus.CONFLICT,
            (
                f"another file with the same revision {revision} and different scores was "
                "merged before: a revision conflict for the secretariat; the scorecard "
                "accepted before keeps counting until a higher revision arrives"
            ),
        )
    else:
        outcome, status, message = (
            Outcome.ACCEPTED,
            SubmissionStatus.ACCEPTED,
            (f"revision {revision}" + (f" supersedes revision {top}" if top else "")),
        )
    # The signed original is kept beside the workspace before the row that names it.
    undo = _archive(workspace, checked)
    try:
        _record(workspace, checked, document, earlier, outcome, status, message)
    except BaseException:
        undo()  # no row names it: no orphan in the archive
        raise
    return MergeEntry(
        checked.path,
        outcome,
        reason,
        message,
        round_code,
        credit_code,
        evaluator_code,
        revision,
        top_before=top or None,
    )


def _same_scores(
    workspace: Workspace, document: ScorecardDocument, rivals: list[Submission]
) -> str | None:
    """The file name of a merged submission of the same revision with the very same
    content (scores, comments, declaration: `content_digest`), if there is one."""
    digest = content_digest(document)
    for rival in rivals:
        if content_digest(workspace.submission_document(rival.id)) == digest:
            return rival.file_name
    return None


def _record(
    workspace: Workspace,
    checked: Checked,
    document: ScorecardDocument,
    earlier: list[Submission],
    outcome: Outcome,
    status: SubmissionStatus,
    message: str,
) -> None:
    name = Path(checked.path).name
    with workspace.transaction():
        if outcome is Outcome.ACCEPTED:
            for old in earlier:
                workspace.set_submission_status(old.id, SubmissionStatus.SUPERSEDED)
        workspace.forget_refusal(checked.sha256)  # refused before, merged now
        workspace.add_submission(
            document=document,
            file_sha256=checked.sha256,
            file_name=name,
            status=status,
            signer_fingerprint=checked.signer_fingerprint or "",
        )
        workspace.log_merge(name, checked.sha256, outcome.value, message)


def _apply_declaration(
    workspace: Workspace, checked: Checked, declaration: ConflictDeclaration
) -> MergeEntry:
    """A signed conflict declaration: checked against the roster, then the conflict is
    recorded (the eligibility rule then bars the evaluator from this candidate)."""
    round_code, credit_code, evaluator_code = declaration.key

    def entry(
        outcome: Outcome, reason: str | None, message: str, set_aside: int | None = None
    ) -> MergeEntry:
        return MergeEntry(
            checked.path,
            outcome,
            reason,
            message,
            round_code,
            credit_code,
            evaluator_code,
            top_before=set_aside,
            declared_reason=declaration.reason,
        )

    if workspace.received_declaration(checked.sha256) is not None:
        return entry(Outcome.DUPLICATE, None, "this exact file was merged before; nothing changed")
    if not checked.valid:
        return entry(Outcome.REJECTED, checked.reason or "invalid", checked.message)
    evaluator = workspace.find_evaluator(evaluator_code)
    if evaluator is None:
        return entry(
            Outcome.REJECTED,
            MergeRejection.NOT_IN_ROSTER.value,
            f"evaluator {evaluator_code} is not in the roster",
        )
    revoked = _revoked(workspace, evaluator_code, checked, declaration.declared_at)
    if revoked is not None:
        return entry(Outcome.REJECTED, MergeRejection.REVOKED_CERTIFICATE.value, revoked)
    if evaluator.certificate_fingerprint != checked.signer_fingerprint and not _signed_before(
        workspace, evaluator_code, checked
    ):
        return entry(
            Outcome.REJECTED,
            MergeRejection.CERTIFICATE_NOT_RECORDED.value,
            f"signed with a certificate that is not the one the roster records for "
            f"{evaluator_code}",
        )
    if workspace.find_round(round_code) is None:
        return entry(
            Outcome.REJECTED,
            MergeRejection.UNKNOWN_ROUND.value,
            f"round {round_code} does not exist here",
        )
    if workspace.find_candidate(credit_code) is None:
        return entry(
            Outcome.REJECTED,
            MergeRejection.UNKNOWN_CANDIDATE.value,
            f"no candidate {credit_code} here",
        )
    message = f"conflict of interest declared by {evaluator_code}: {declaration.reason}"
    accepted = workspace.submissions(
        round_code=round_code,
        credit_code=credit_code,
        evaluator_code=evaluator_code,
        statuses=[SubmissionStatus.ACCEPTED],
    )
    if accepted:
        # As the eligibility rule would refuse it now: kept as history, no longer counted.
        message += f"; their merged scorecard r{accepted[-1].revision} is set aside (superseded)"
    name = Path(checked.path).name
    undo = _archive(workspace, checked)
    try:
        _record_declaration(workspace, checked, declaration, accepted, name, message)
    except BaseException:
        undo()
        raise
    return entry(
        Outcome.DECLARED_CONFLICT,
        None,
        message,
        set_aside=accepted[-1].revision if accepted else None,
    )


def _record_declaration(
    workspace: Workspace,
    checked: Checked,
    declaration: ConflictDeclaration,
    accepted: list[Submission],
    name: str,
    message: str,
) -> None:
    round_code, credit_code, evaluator_code = declaration.key
    with workspace.transaction():
        workspace.record_received_declaration(
            ReceivedDeclaration(
                file_sha256=checked.sha256,
                file_name=name,
                round_code=round_code,
                credit_code=credit_code,
                evaluator_code=evaluator_code,
                reason=declaration.reason,
                declared_at=declaration.declared_at,
                signer_fingerprint=checked.signer_fingerprint or "",
            )
        )
        # What follows from a conflict, one rule whoever records it: off the panel, an
        # accepted scorecard set aside (kept as history), a final result final no more.
        panels.record_conflict(
            workspace,
            Conflict(credit_code, evaluator_code, declaration.reason, declared_by="evaluator"),
        )
        workspace.log_merge(name, checked.sha256, Outcome.DECLARED_CONFLICT.value, message)


def missing_scorecards(workspace: Workspace) -> dict[tuple[str, str], list[str]]:
    """Per (round, candidate): panel members without an accepted scorecard yet (a member
    with a recorded conflict of interest owes none)."""
    have = workspace.accepted_keys()
    barred = {(c.credit_code, c.evaluator_code) for c in workspace.conflicts()}
    missing: dict[tuple[str, str], list[str]] = {}
    for member in workspace.panel_members():
        if (member.credit_code, member.evaluator_code) in barred:
            continue
        if (member.round_code, member.credit_code, member.evaluator_code) not in have:
            missing.setdefault((member.round_code, member.credit_code), []).append(
                member.evaluator_code
            )
    return missing
