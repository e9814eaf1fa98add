"""Issue 11, point 13: a workspace on a read-only folder or medium (a write-protected
stick, a CD, a shared folder). The attack run found that even `info` and `show` failed
("unable to open database file": WAL needs its -shm file). Now it opens read-only: it
can be read, and a change is refused with a clear message, the file untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from qz_evaluator.services import demo
from qz_evaluator.store.errors import StoreError, WorkspaceReadOnly
from qz_evaluator.store.workspace import Role, Workspace
from tests.cli.conftest import Qzeval


@pytest.fixture
def qzeval(capsys: pytest.CaptureFixture[str]) -> Qzeval:
    return Qzeval(capsys)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder mounted read-only (a bind mount: needs root and a kernel that allows it;
    file permissions alone do not stop an administrator)."""
    source, mounted = tmp_path / "source", tmp_path / "stick"
    source.mkdir()
    mounted.mkdir()
    demo.build_demo(source / "p01.qzw", role=Role.EVALUATOR).close()
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command")
    bound = subprocess.run([mount, "--bind", str(source), str(mounted)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode(errors='replace')}")
    try:
        remounted = subprocess.run(
            [mount, "-o", "remount,bind,ro", str(mounted)], capture_output=True
        )
        if remounted.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield mounted
    finally:
        # Lazily if a handle is still open: a mount must never outlive the test.
        umount = shutil.which("umount") or "umount"
        if subprocess.run([umount, str(mounted)], capture_output=True).returncode != 0:
            subprocess.run([umount, "-l", str(mounted)], check=True, capture_output=True)


def test_a_workspace_on_a_read_only_medium_is_read_and_not_written(
    read_only_folder: Path, qzeval: Qzeval
) -> None:
    path = read_only_folder / "p01.qzw"
    before = path.read_bytes()
    info = qzeval.json("info", "-w", path)
    assert info["role"] == "evaluator"
    with Workspace.open(path) as workspace:
        assert workspace.read_only
        card = next(c for c in workspace.scorecards() if c.entries)  # read in full
    shown = qzeval.json(
        "show", "--round", card.round_code, "--candidate", card.credit_code, "-w", path
    )
    assert shown["total"]
    with Workspace.open(path) as workspace:
        with pytest.raises(StoreError) as refused:
            workspace.set_meta("name", "changed")
        assert isinstance(refused.value, WorkspaceReadOnly)
    assert path.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["p01.qzw"]
    # Nothing left open on the medium: it can be ejected.
    assert not [fd for fd in Path("/proc/self/fd").iterdir() if _points_into(fd, path.parent)]


def _points_into(fd: Path, folder: Path) -> bool:
    try:
        return Path(os.readlink(fd)).is_relative_to(folder)
    except OSError:
        return False
