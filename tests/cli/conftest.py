"""Running qzeval in the test's own process: `main([...])` with its output captured.

A subprocess costs a second of start-up and hides nothing the in-process call would not
show, so only the few `e2e` smoke tests start the real program. In-process tests use the
in-memory keychain; the `keychain` tests talk to the real Secret Service.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from qz_evaluator.cli import main


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


class Qzeval:
    """`qzeval(*args)` runs one command in-process and returns its exit code and output."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str | Path, ok: bool = True) -> Run:
        self.capsys.readouterr()  # what earlier steps printed is not this command's output
        code = main([str(a) for a in args])
        out, err = self.capsys.readouterr()
        if ok:
            assert code == 0, err
        return Run(code, out, err)

    def json(self, *args: str | Path) -> Any:
        result = self(*args, "--json")
        # One compact document per run: a single line.
        assert result.stdout.count("\n") == 1, result.stdout[:200]
        return json.loads(result.stdout)


@pytest.fixture
def qzeval(capsys: pytest.CaptureFixture[str]) -> Qzeval:
    return Qzeval(capsys)


@pytest.fixture(autouse=True)
def _in_memory_keychain(request: pytest.FixtureRequest) -> None:
    """Tests that do not ask for the real keychain never reach it."""
    if request.node.get_closest_marker("keychain") is None:
        request.getfixturevalue("memory_keyring")
