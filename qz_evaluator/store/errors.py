"""Store errors. Environment problems (busy, full disk) are told apart from bad files."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the workspace file; the message says what and where."""


class NotAWorkspace(StoreError):
    pass


class WorkspaceTooNew(StoreError):
    pass


class WorkspaceBusy(StoreError):
    """Another program holds the database lock."""


class DiskFull(StoreError):
    pass


class WorkspaceReadOnly(StoreError):
    """The file (or its folder) cannot be written."""


class CannotOpen(StoreError):
    """The file cannot be opened at all (missing folder, no permission)."""


class NotFound(StoreError):
    pass


class Duplicate(StoreError):
    pass
