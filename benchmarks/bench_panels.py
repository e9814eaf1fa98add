"""`panels import` at 1,000 and 10,000 candidates (five evaluators each, one conflict
per ten candidates), with the store's own writes.

    .venv/bin/python benchmarks/bench_panels.py [--counts 1000 10000]

Prints the import's wall time, its time per panel row and the process's peak memory.
Target from issue 8: linear growth, ≤ 5 s at 10,000 candidates.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import tempfile
import time
from pathlib import Path

from qz_evaluator.assets import get_asset
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.roster import Round, RoundKind
from qz_evaluator.services.imports import import_panels, import_roster
from qz_evaluator.store.workspace import Role, Workspace

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ROUND = "2026-site"


def credit_code(index: int) -> str:
    """A valid, unique credit code for each index."""
    digits = ""
    for _ in range(7):
        index, digit = divmod(index, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    body = "91330802MA" + digits
    return body + check_character(body)


def build(folder: Path, count: int) -> tuple[Workspace, Path]:
    """A secretariat workspace with the roster, a round and `count` candidates, and the
    panels file to import."""
    rng = random.Random(count)
    workspace = Workspace.create(folder / "sec.qzw", Role.SECRETARIAT)
    workspace.actor = "bench"
    import_roster(workspace, get_asset("demo", "roster.csv"))
    workspace.upsert_round(
        Round(ROUND, "2026年度现场评审", RoundKind.SITE_VISIT, 2026, "gbt19580-2012")
    )
    codes = [credit_code(index) for index in range(count)]
    with workspace.transaction():
        for index, code in enumerate(codes):
            workspace.upsert_candidate(
                Candidate(code, f"基准测试单位{index:05d}有限公司", "柯城区", "新材料", Tier.SEED)
            )
    evaluators = [e.code for e in workspace.evaluators()]
    path = folder / "panels.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["round", "credit_code", "evaluator_code", "role", "note"])
        for index, code in enumerate(codes):
            chosen = rng.sample(evaluators, 6)
            for position, evaluator in enumerate(chosen[:5]):
                writer.writerow([ROUND, code, evaluator, "leader" if position == 0 else "member"])
            if index % 10 == 0:
                writer.writerow([ROUND, code, chosen[5], "conflict", "原工作单位"])
    return workspace, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            workspace, path = build(Path(tmp), count)
            with workspace:
                start = time.perf_counter()
                report = import_panels(workspace, path)
                elapsed = time.perf_counter() - start
            assert len(report.panel_checks) == count and not report.notes
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"panels import, {count} candidates ({report.rows} rows): {elapsed:.2f} s, "
                f"{elapsed / report.rows * 1e6:.0f} µs per row; peak memory {peak:.0f} MiB"
            )


if __name__ == "__main__":
    main()
