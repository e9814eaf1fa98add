"""Store errors. Environment problems (busy, full disk) are told apart from bad files."""

from __future__ import annotations

from qz_evaluator.domain.errors import UserError


class StoreError(UserError):
    """Something about the workspace file; the message says what and where."""

    default_code = "workspace"


class NotAWorkspace(StoreError):
    default_code = "not-a-workspace"


class WorkspaceTooNew(StoreError):
    default_code = "workspace-too-new"


class WorkspaceBusy(StoreError):
    """Another program holds the database lock."""

    default_code = "workspace-busy"


class DiskFull(StoreError):
    default_code = "disk-full"


class WorkspaceReadOnly(StoreError):
    """The file (or its folder) cannot be written."""

    default_code = "workspace-read-only"


class CannotOpen(StoreError):
    """The file cannot be opened at all (missing folder, no permission)."""

    default_code = "cannot-open"


class NotFound(StoreError):
    default_code = "not-found"


class Duplicate(StoreError):
    default_code = "duplicate"
