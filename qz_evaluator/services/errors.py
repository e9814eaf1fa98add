"""Errors the services raise for a person to read (CLI prints them, the GUI shows them)."""

from __future__ import annotations

# The errors the front ends tell apart, re-exported: the window and the CLI import errors
# from here only (the layer rule keeps them away from the store and the trust layer).
from qz_evaluator.domain.errors import (
    CriteriaError,
    DomainError,
    Phrase,
    ScorecardLocked,
    ScoreError,
    UserError,
)
from qz_evaluator.store.errors import (
    DiskFull,
    Duplicate,
    NotAWorkspace,
    NotFound,
    StoreError,
    WorkspaceBusy,
    WorkspaceTooNew,
)
from qz_evaluator.trust.errors import (
    BackupError,
    CertificateError,
    KeychainUnavailable,
    KeyNotFound,
    TrustError,
)


class ServiceError(UserError):
    """A use case could not be carried out; the message says what and where."""

    default_code = "cannot"


class ChangedElsewhere(ServiceError):
    """The stored scorecard changed (another window or program) since it was shown: the
    change asked for would overwrite a newer value, so it is refused."""

    default_code = "changed-elsewhere"


class ImportFailed(ServiceError):
    """A CSV import stopped at a bad row; nothing was written."""

    default_code = "import-failed"

    def __init__(self, path: str, line: int | None, reason: str | Phrase) -> None:
        where: str | Phrase = (
            Phrase("{path}, line {line}", path=path, line=line) if line is not None else path
        )
        super().__init__("{where}: {reason}", where=where, reason=reason)
        self.path = path
        self.line = line
        self.reason = reason


__all__ = [
    "BackupError",
    "CertificateError",
    "ChangedElsewhere",
    "CriteriaError",
    "DiskFull",
    "DomainError",
    "Duplicate",
    "ImportFailed",
    "KeyNotFound",
    "KeychainUnavailable",
    "NotAWorkspace",
    "NotFound",
    "Phrase",
    "ScoreError",
    "ScorecardLocked",
    "ServiceError",
    "StoreError",
    "TrustError",
    "UserError",
    "WorkspaceBusy",
    "WorkspaceTooNew",
]
