"""File ▸ Back Up Workspace… / `qzeval backup`: a consistent single-file copy through
SQLite's backup API, written atomically; bad targets change nothing."""

from __future__ import annotations

import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.services.workspace_backup import BackupFailed, backup_workspace
from qz_evaluator.store.workspace import Workspace


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_the_copy_opens_with_the_same_data_including_the_wal(
    evaluator: Workspace, tmp_path: Path
) -> None:
    service = ScoringService(evaluator)
    card = service.ensure_all(evaluator.rounds()[-1].code)[0]
    service.set_percent(card, "4.1.2", 65)  # committed, in the -wal file, not checkpointed
    steps: list[tuple[int, int]] = []
    out = tmp_path / "backups"
    out.mkdir()
    made = backup_workspace(evaluator, out / "copy.qzw", progress=lambda d, t: steps.append((d, t)))
    assert made.path == out / "copy.qzw" and made.size == made.path.stat().st_size
    assert steps and steps[-1][0] == steps[-1][1]
    assert [p.name for p in out.iterdir()] == ["copy.qzw"]  # no -wal, no temporary file
    if sys.platform != "win32":
        assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    with sqlite3.connect(made.path) as plain:  # one file, whole by itself
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    # The copy holds what the workspace holds, row for row.
    assert _dump(made.path) == list(evaluator.conn.iterdump())
    with Workspace.open(made.path) as copy:
        assert copy.workspace_id == evaluator.workspace_id
        assert copy.counts() == evaluator.counts()
        assert copy.scorecard_by_id(card.id).entry("4.1.2").percent == 65


def test_bad_targets_change_nothing(evaluator: Workspace, tmp_path: Path) -> None:
    existing = tmp_path / "old.qzw"
    existing.write_bytes(b"an older backup")
    with pytest.raises(BackupFailed) as exists:
        backup_workspace(evaluator, existing)
    assert exists.value.code == "workspace-backup-exists"
    assert existing.read_bytes() == b"an older backup"
    with pytest.raises(BackupFailed) as itself:
        backup_workspace(evaluator, evaluator.path, overwrite=True)
    assert itself.value.code == "workspace-backup-same-file"
    with pytest.raises(BackupFailed) as missing:
        backup_workspace(evaluator, tmp_path / "no-such-folder" / "copy.qzw")
    assert "no-such-folder" in str(missing.value)
    with pytest.raises(BackupFailed) as folder:
        backup_workspace(evaluator, tmp_path, overwrite=True)
    assert folder.value.code == "workspace-backup-folder"
    assert not list(tmp_path.glob(".qz-*"))
    # Replacing is asked for: the old file gives way, atomically.
    made = backup_workspace(evaluator, existing, overwrite=True)
    with Workspace.open(made.path) as copy:
        assert copy.counts() == evaluator.counts()


def test_a_target_held_open_elsewhere_is_said_and_leaves_nothing(
    evaluator: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows refuses to replace a file another program holds open (os.replace: EACCES).
    import os

    def refused(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BackupFailed) as caught:
        backup_workspace(evaluator, out / "copy.qzw")
    assert "Permission denied" in str(caught.value) and "copy.qzw" in str(caught.value)
    assert os.listdir(out) == []
