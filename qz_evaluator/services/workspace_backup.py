"""File ▸ Back Up Workspace… and `qzeval backup`: the one safe way to copy a workspace.

Copying the .qzw file by hand while the program runs can miss what sits in its -wal file
(or copy half of a write), and a copy synced by OneDrive or a network folder in the middle
of a write is damaged. This writes a consistent single-file copy through SQLite's online
backup API (the writes committed when it ran, WAL included), checks it, switches it to the
rollback journal (one file, nothing beside it) and puts it in place atomically: a
temporary file in the target's folder, then a rename. The copy is the owner's alone
(mode 0600): it holds every score.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.workspace import Workspace

__all__ = ["BackupFailed", "WorkspaceBackup", "backup_workspace"]

PAGES_PER_STEP = 1024  # ~4 MiB a step: progress on a large workspace, never a long lock


class BackupFailed(ServiceError):
    """The workspace could not be copied; nothing was written where the copy should go."""

    default_code = "workspace-backup"


@dataclass(frozen=True)
class WorkspaceBackup:
    path: Path
    size: int  # bytes


def backup_workspace(
    workspace: Workspace,
    target: Path,
    *,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> WorkspaceBackup:
    """Write a consistent copy of the open workspace to `target` (a file replaced only if
    `overwrite`); `progress(done, total)` in pages. The copy opens as a workspace with the
    same data."""
    target = Path(target)
    _check_target(workspace, target, overwrite)
    try:
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".qz-", suffix=".part")
    except OSError as error:
        raise _cannot_write(target, error) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        _copy(workspace, temp, progress)
        os.replace(temp, target)  # Windows: refused while another program holds the target
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _cannot_write(target, error) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return WorkspaceBackup(target, target.stat().st_size)


def _check_target(workspace: Workspace, target: Path, overwrite: bool) -> None:
    if target.exists() and workspace.path.exists() and target.samefile(workspace.path):
        raise BackupFailed(
            "{path} is the workspace itself; choose another file for its backup",
            path=str(target),
            error_code="workspace-backup-same-file",
            cli_hint="give another file name: qzeval backup OTHER.qzw",
            window_hint="Choose another file name, outside the workspace's own.",
        )
    if target.exists() and not overwrite:
        raise BackupFailed(
            "{path}: a file already exists there; nothing was written",
            path=str(target),
            error_code="workspace-backup-exists",
            cli_hint="choose another name, or add --force to replace it",
            window_hint="Choose another name, or confirm that the file is to be replaced.",
        )
    if target.is_dir():
        raise BackupFailed(
            "{path} is a folder; give the backup a file name",
            path=str(target),
            error_code="workspace-backup-folder",
            cli_hint="qzeval backup FOLDER/NAME.qzw",
            window_hint="Give the backup a file name in that folder.",
        )


def _copy(workspace: Workspace, temp: Path, progress: Callable[[int, int], None] | None) -> None:
    def step(status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        destination = sqlite3.connect(str(temp))
    except sqlite3.Error as error:
        raise _cannot_write(temp, error) from None
    try:
        workspace.conn.backup(destination, pages=PAGES_PER_STEP, progress=step)
        # One file: the rollback journal, so that nothing needs to sit beside the copy
        # (a copy in WAL mode opened read-only elsewhere would want its -shm file).
        destination.execute("PRAGMA journal_mode=DELETE")
        checked = destination.execute("PRAGMA quick_check").fetchone()
        if checked is None or checked[0] != "ok":
            raise BackupFailed(
                "{path}: the copy did not pass SQLite's check ({result}); nothing was written",
                path=str(temp),
                result=checked[0] if checked else "no answer",
                cli_hint="qzeval info -w WORKSPACE, then try again",
                window_hint="Check the disk the backup goes to, then try again.",
            )
        destination.commit()
    except sqlite3.Error as error:
        raise _cannot_write(temp, error) from None
    finally:
        destination.close()
    with open(temp, "rb+") as written:  # on the disk before it takes the name
        os.fsync(written.fileno())


def _sync_folder(folder: Path) -> None:
    """The rename on the disk too (POSIX; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _cannot_write(path: Path, error: OSError | sqlite3.Error) -> BackupFailed:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return BackupFailed(
        "{path}: cannot write the workspace's backup there ({reason}); nothing was written",
        path=str(path.parent if path.name.startswith(".qz-") else path),
        reason=reason,
        cli_hint="check that the folder exists and may be written, and that the disk has room",
        window_hint="Choose a folder you can write to, on a disk with room.",
    )
