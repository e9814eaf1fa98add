"""Files keep their intended permissions where `os.fchmod` is missing (Windows before
Python 3.13): the mode goes through the path instead of crashing every export."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from qz_evaluator.services.file_modes import set_mode
from qz_evaluator.services.scorecard_files import write_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("has_fchmod", [True, False])
def test_write_atomically_with_and_without_fchmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, has_fchmod: bool
) -> None:
    if not has_fchmod:
        monkeypatch.delattr(os, "fchmod", raising=False)
    private = tmp_path / "key.p12"
    write_atomically(private, b"secret", private=True)
    plain = tmp_path / "card.pdf"
    write_atomically(plain, b"%PDF-1.7")
    assert private.read_bytes() == b"secret" and plain.read_bytes() == b"%PDF-1.7"
    if sys.platform != "win32":
        assert _mode(private) == 0o600
        assert _mode(plain) & 0o044  # readable by others, as open() would make it
    assert not list(tmp_path.glob(".qz-*.part"))


def test_set_mode_through_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fchmod", raising=False)
    target = tmp_path / "f"
    with target.open("wb") as out:
        set_mode(out.fileno(), target, 0o600)
    if sys.platform != "win32":
        assert _mode(target) == 0o600
