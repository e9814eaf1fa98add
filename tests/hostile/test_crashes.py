"""Issue 11: the attack run's `kill -9`s, kept as tests. Scoring is killed with SIGKILL
at random moments (20 times) and a merge of signed scorecards mid-way (5 times). Each
time every save the program reported is in the workspace, SQLite's integrity check is
ok, and a re-run completes and leaves no debris (no `.part` files in the archive)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import demo
from qz_evaluator.services.merge import archive_dir
from qz_evaluator.store.workspace import Role, Workspace

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="SIGKILL is what the attack run sent (POSIX)"
)

ROOT = Path(__file__).resolve().parents[2]
QZEVAL = Path(sys.executable).with_name("qzeval")

# Scores items one after the other with values from a fixed cycle, and prints a line
# once each change is committed: what "the program said it saved" means here.
SCORER = """
import itertools, sys
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace

path, round_code = sys.argv[1], sys.argv[2]
with Workspace.open(path) as workspace:
    service = ScoringService(workspace)
    card = service.ensure_all(round_code)[0]
    codes = [item.code for item in service.criteria_for(round_code).items]
    print("ready", card.credit_code, flush=True)
    for step in itertools.count():
        code = codes[step % len(codes)]
        percent = (step * 5) % 105
        card = service.set_percent(card, code, percent).card
        print("saved", step, code, percent, flush=True)
"""


# The merge the CLI and the window run, saying each file's verdict once it is recorded,
# so that the kills can come part-way through.
MERGER = """
import sys
from qz_evaluator.services.merge import merge
from qz_evaluator.store.workspace import Workspace

with Workspace.open(sys.argv[1]) as workspace:
    print("ready", flush=True)
    merge(workspace, [sys.argv[2]], workers=2,
          on_entry=lambda entry: print("merged", entry.outcome.value, flush=True))
"""


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _run_until_killed(
    argv: list[str], *, after: float, ready: str | None, lines_first: int = 0
) -> list[str]:
    """Start, wait for `ready` (if given) and `lines_first` more lines, let it work
    `after` seconds, SIGKILL it; the lines it printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A session of its own, so that the verification workers a merge starts (which
    # outlive a killed parent for a moment, holding its stdout) are reaped afterwards.
    process = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    if ready is not None:
        line = process.stdout.readline()
        assert line.startswith(ready), line
        lines.append(line.strip())
    for _ in range(lines_first):
        lines.append(process.stdout.readline().strip())
    time.sleep(after)
    process.send_signal(signal.SIGKILL)  # the program itself, as `kill -9 PID` does
    process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # then its orphaned workers
    # The rest of the output, from the reader that `readline` filled: `communicate` would
    # read the pipe itself and lose what `readline` had already taken in beyond its line
    # (under load, the lines of the first saves, and a line cut in two).
    out = process.stdout.read()
    process.stdout.close()
    # A line cut by the kill is not a report: only whole lines count.
    lines += [line for line in out.split("\n")[:-1] if line]
    assert process.returncode == -signal.SIGKILL
    return lines


def test_scoring_killed_twenty_times_keeps_every_reported_save(tmp_path: Path) -> None:
    path = tmp_path / "p01.qzw"
    demo.build_demo(path, role=Role.EVALUATOR).close()
    script = tmp_path / "scorer.py"
    script.write_text(SCORER, encoding="utf-8")
    rng = random.Random(19580)
    reported: dict[tuple[str, str], int] = {}  # (candidate, item) → last reported percent
    for _ in range(20):
        lines = _run_until_killed(
            [sys.executable, str(script), str(path), demo.SITE_ROUND],
            after=rng.uniform(0.02, 0.4),
            ready="ready",
        )
        credit_code = lines[0].split()[1]
        for line in lines[1:]:
            _, _, item_code, shown = line.split()
            reported[(credit_code, item_code)] = int(shown)
        assert _integrity(path) == "ok"
        with Workspace.open(path) as workspace:
            for (credit_code, item_code), percent in reported.items():
                card = workspace.scorecard(demo.SITE_ROUND, credit_code, demo.DEMO_OWNER)
                stored = card.entry(item_code).percent
                # What was reported is there, or the next value of the cycle, written
                # and committed just before the kill came (not yet reported).
                assert stored in (percent, (percent + 5 * 23) % 105), (item_code, stored)
    assert reported  # the kills came after some saves, not all before the first
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".qz-*"))


@pytest.fixture
def unmerged(tmp_path: Path) -> tuple[Path, Path]:
    workspace, inbox = demo.prepare_secretariat_demo(tmp_path / "sec.qzw", tmp_path / "files")
    workspace.close()
    return tmp_path / "sec.qzw", inbox


def test_merge_killed_five_times_then_completes_without_debris(
    unmerged: tuple[Path, Path],
) -> None:
    path, inbox = unmerged
    files = sorted(inbox.glob("*.pdf"))
    script = path.with_name("merger.py")
    script.write_text(MERGER, encoding="utf-8")
    rng = random.Random(19579)
    recorded: list[int] = []  # files recorded when each kill came
    for _ in range(5):
        _run_until_killed(
            [sys.executable, str(script), str(path), str(inbox)],
            after=rng.uniform(0.0, 0.05),
            ready="ready",
            lines_first=rng.randint(0, 3),  # what is left is shorter each time
        )
        assert _integrity(path) == "ok"
        with Workspace.open(path) as workspace:
            recorded.append(len(workspace.submissions()) + len(workspace.merge_log()))
    # The kills came part-way: some files recorded before the last, not all.
    assert recorded[-1] > 0 and len(set(recorded)) > 1
    qzeval = [str(QZEVAL), "merge", str(inbox), "-w", str(path)]
    finished = subprocess.run(
        [*qzeval, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    # rc 1: the demo's folder holds one rival file of the same revision (a conflict).
    assert finished.returncode in (0, 1), finished.stderr
    assert _integrity(path) == "ok"
    with Workspace.open(path) as workspace:
        merged = workspace.submissions()
        accepted = [s for s in merged if s.status is SubmissionStatus.ACCEPTED]
        # Every file is in exactly once, whatever the kills interrupted.
        assert len({s.file_sha256 for s in merged}) == len(merged)
        assert len(merged) == len(files) and accepted
        archive = archive_dir(workspace)
    assert not [p for p in archive.iterdir() if p.name.endswith(".part")]
