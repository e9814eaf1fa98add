"""Merge under the `spawn` start method (Windows, macOS, a frozen bundle), forced on Linux:
the verification workers import only the merge module, never the CLI; the pool is chosen
per start method."""

from __future__ import annotations

import multiprocessing
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qz_evaluator.services import merge
from qz_evaluator.services.merge import MIN_FILES_FOR_POOL, Outcome, pool_size, start_method
from qz_evaluator.store.workspace import Workspace
from tests.services.conftest import Round


@pytest.fixture
def secretariat(scored_round: Round, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(path)
    workspace = Workspace.open(path)
    workspace.actor = "secretariat"
    yield workspace
    workspace.close()


def test_merge_with_spawned_workers_accepts_every_file(
    scored_round: Round, secretariat: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(merge.START_METHOD_ENV, "spawn")
    # 24 files, as in the issue: below spawn's threshold, so lower it to have a real pool.
    monkeypatch.setitem(MIN_FILES_FOR_POOL, "spawn", 8)
    files = sorted(scored_round.outbox.glob("*.pdf"))[:24]
    assert start_method() == "spawn"
    assert pool_size(len(files), "spawn", 2) == 2
    summary = merge.merge(secretariat, files, workers=2)
    assert summary.count(Outcome.ACCEPTED) == 24
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED] * 24
    assert len(secretariat.submissions()) == 24


def test_a_spawned_worker_importing_main_runs_no_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A process spawned from `python -m qz_evaluator merge …` imports the parent's main
    # module as __mp_main__ before it runs its task: that must not parse arguments again.
    monkeypatch.setattr(sys, "argv", ["qzeval", "merge", "nothing.pdf"])
    namespace = runpy.run_module("qz_evaluator.__main__", run_name="__mp_main__")
    assert "main" in namespace
    assert capsys.readouterr() == ("", "")


def test_pool_size_per_start_method() -> None:
    # fork pays from a handful of files; spawn only from many (bench_spawn.py)
    assert pool_size(7, "fork", 2) == 1
    assert pool_size(8, "fork", 2) == 2
    assert pool_size(24, "spawn", 2) == 1
    assert pool_size(MIN_FILES_FOR_POOL["spawn"], "spawn", 4) == 4
    assert pool_size(10_000, "spawn", 1) == 1
    assert MIN_FILES_FOR_POOL["spawn"] > 24 * 4  # the 24 files stay in one process
    assert pool_size(10_000, "no-such-method", 2) == 2  # unknown: as strict as spawn
    assert pool_size(24, "no-such-method", 2) == 1


def test_start_method_follows_the_platform_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(merge.START_METHOD_ENV, raising=False)
    assert start_method() == multiprocessing.get_start_method()
    monkeypatch.setenv(merge.START_METHOD_ENV, "not-a-method")
    assert start_method() == multiprocessing.get_start_method()


@pytest.mark.e2e
def test_qzeval_merge_with_spawned_workers(scored_round: Round, tmp_path: Path) -> None:
    """The issue's failure, end to end: `python -m qz_evaluator merge` with spawned workers
    (each imports the main module as __mp_main__) accepts every file."""
    import json
    import os
    import subprocess

    workspace = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(workspace)
    files = len(list(scored_round.outbox.glob("*.pdf")))
    # The folder twice: enough files for a spawned pool whatever the threshold's tuning.
    assert pool_size(2 * files, "spawn", 2) == 2
    folder = str(scored_round.outbox)
    command = [sys.executable, "-m", "qz_evaluator", "merge", folder, folder]
    command += ["-w", str(workspace), "--workers", "2", "--json"]
    run = subprocess.run(
        command,
        capture_output=True,
        env={**os.environ, merge.START_METHOD_ENV: "spawn"},
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    counts = json.loads(run.stdout)["counts"]
    assert counts[Outcome.ACCEPTED.value] == files == 200
    assert counts[Outcome.DUPLICATE.value] == files
    assert counts[Outcome.REJECTED.value] == 0
    assert b"Traceback" not in run.stderr
