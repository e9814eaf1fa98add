"""Preview PDFs: a private folder per run, a new private file per preview, cleaned up."""

from __future__ import annotations

import stat
import sys
import tempfile
from pathlib import Path

import pytest

from qz_evaluator.services import previews
from qz_evaluator.services.previews import PreviewFolder

PDF = b"%PDF-1.7\n% a preview\n"
POSIX = sys.platform != "win32"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_each_preview_is_a_new_private_file_in_a_private_folder(tmp_path: Path) -> None:
    folder = PreviewFolder(tmp_path)
    first = folder.write(PDF, "2026-site-91330802MA2B3C4D5X")
    # A viewer still holding the first file (Windows locks it) does not stop the second.
    with first.open("rb"):
        second = folder.write(PDF + b"again", "2026-site-91330802MA2B3C4D5X")
    assert first != second and first.parent == second.parent == folder.path
    assert first.read_bytes() == PDF and second.read_bytes() == PDF + b"again"
    assert first.name.startswith("preview-2026-site-91330802MA2B3C4D5X-")
    assert first.suffix == ".pdf"
    assert folder.path is not None and folder.path.parent == tmp_path
    if POSIX:
        assert mode(folder.path) == 0o700
        assert mode(first) == mode(second) == 0o600


def test_two_runs_never_share_a_folder_and_clean_removes_it(tmp_path: Path) -> None:
    one, two = PreviewFolder(tmp_path), PreviewFolder(tmp_path)
    a, b = one.write(PDF), two.write(PDF)
    assert a.parent != b.parent
    one.clean()
    assert not a.exists() and not a.parent.exists() and one.path is None
    assert b.exists()
    # After a clean (or if the system emptied its temp folder) the next preview still works.
    again = one.write(PDF)
    assert again.exists() and again.parent != a.parent


def test_a_label_never_leaves_the_folder(tmp_path: Path) -> None:
    folder = PreviewFolder(tmp_path)
    path = folder.write(PDF, "../../etc/passwd 评分")
    assert path.parent == folder.path
    assert "/" not in path.name and ".." not in path.name


def test_the_programs_folder_is_in_the_users_temp_and_not_the_old_shared_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(previews, "_folder", None)
    path = previews.write_preview(PDF, "x")
    assert path.parent.parent == tmp_path
    assert path.parent.name.startswith("qz-evaluator-preview-")
    assert path.parent.name != "qz-evaluator-preview"
    folder = previews._folder
    assert folder is not None
    folder.clean()
    assert not path.exists()
