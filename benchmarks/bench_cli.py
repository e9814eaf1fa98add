"""Start-up cost of the CLI against a bare interpreter and another sqlite CLI (issue 8, item 7).

    .venv/bin/python benchmarks/bench_cli.py [--runs 7]

Writes the demo workspace to a temporary folder and times, as separate processes (median
of --runs runs each, after one warm-up run): `python -c pass`, `sqlite-utils --version`,
`qzeval --version`, `qzeval show …` and `qzeval score …` on one of the demo's scorecards.
Targets: `qzeval --version` no slower than `sqlite-utils --version`; `show` and `score`
within 2× of it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qz_evaluator.domain.roles import Role
from qz_evaluator.services import demo

BIN = Path(sys.executable).parent
# An installed program runs from compiled bytecode (pip and PyInstaller compile it); a
# shell with PYTHONDONTWRITEBYTECODE=1 would make every run compile our modules anew.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], runs: int) -> float:
    """Median wall time of `command` in seconds; it must succeed."""
    subprocess.run(command, check=True, capture_output=True, env=ENV)  # warm the caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.qzw"
        with demo.build_demo(path, role=Role.EVALUATOR) as workspace:
            owner = workspace.owner_code
            assert owner is not None
            member = workspace.panel_members(evaluator_code=owner)[-1]
        qzeval = str(BIN / "qzeval")
        card = ["--round", member.round_code, "--candidate", member.credit_code, "-w", str(path)]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "sqlite-utils --version": [str(BIN / "sqlite-utils"), "--version"],
            "qzeval --version": [qzeval, "--version"],
            "qzeval show": [qzeval, "show", *card],
            "qzeval score": [qzeval, "score", *card, "--item", "4.1.2", "--percent", "50"],
        }
        found = {name: timed(command, options.runs) for name, command in commands.items()}

    reference = found["sqlite-utils --version"]
    print(f"median of {options.runs} runs each")
    for name, seconds in found.items():
        print(f"  {name:24} {seconds * 1000:7.0f} ms  {seconds / reference:5.2f}× sqlite-utils")
    checks = {
        "qzeval --version ≤ sqlite-utils --version": found["qzeval --version"] <= reference,
        "qzeval show ≤ 2× sqlite-utils --version": found["qzeval show"] <= 2 * reference,
        "qzeval score ≤ 2× sqlite-utils --version": found["qzeval score"] <= 2 * reference,
    }
    for name, met in checks.items():
        print(f"  {'met    ' if met else 'MISSED '} {name}")


if __name__ == "__main__":
    main()
