"""Verification of a merge's files in one process against a pool, per start method: where
a pool starts to pay (services.merge.MIN_FILES_FOR_POOL).

    .venv/bin/python benchmarks/bench_spawn.py [--counts 8 24 50 100 200] [--workers 2]

Signs the largest count of real scorecards once (as bench_merge does), then times the
verification of the first N files (services.merge._checked, the part a pool runs) in this
process and with `--workers` processes started by fork, forkserver and spawn. Spawn is
what Windows, macOS and a frozen bundle use; issue 12 measured 3.8 s against 0.66 s in
one process for 24 files on 2 cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_merge, beside this file

from bench_merge import build, install_memory_keychain

from qz_evaluator.services import identity, merge
from qz_evaluator.store.workspace import Workspace


def timed(paths: list[Path], workspace: Workspace, workers: int, method: str) -> float:
    root = identity.committee_root(workspace)
    start = time.perf_counter()
    checked = list(merge._checked(paths, root, workers, method=method))
    elapsed = time.perf_counter() - start
    assert all(c.valid for c in checked), "a benchmark file failed verification"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[8, 24, 50, 100, 200])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    available = multiprocessing.get_all_start_methods()
    methods = [m for m in ("fork", "forkserver", "spawn") if m in available]
    with tempfile.TemporaryDirectory() as tmp:
        path, inbox = build(Path(tmp), max(args.counts))
        install_memory_keychain()
        files = sorted(inbox.glob("*.pdf"))
        with Workspace.open(path) as workspace:
            print(f"{args.workers} workers; seconds to verify N files (threshold in merge.py):")
            print(f"{'N':>5} {'1 process':>10} " + " ".join(f"{m:>11}" for m in methods))
            for count in args.counts:
                paths = files[:count]
                one = timed(paths, workspace, 1, "fork")
                pools = [timed(paths, workspace, args.workers, m) for m in methods]
                cells = " ".join(f"{p:>11.2f}" for p in pools)
                print(f"{count:>5} {one:>10.2f} {cells}")
            # The break-even: N files cost N·t in one process and S + N·t/w in a pool of w
            # started in S seconds, so a pool pays from N = S·w / (t·(w − 1)).
            big = files[: max(args.counts)]
            per_file = timed(big, workspace, 1, "fork") / len(big)
            first = files[: args.workers]
            print(f"one file in one process: {per_file * 1000:.1f} ms")
            for method in methods:
                start_up = timed(first, workspace, args.workers, method) - per_file
                even = start_up * args.workers / (per_file * max(1, args.workers - 1))
                print(
                    f"{method}: a pool of {args.workers} starts in {start_up:.2f} s; "
                    f"it pays from ~{even:.0f} files"
                )
            print(
                "MIN_FILES_FOR_POOL now: "
                + ", ".join(f"{m} {n}" for m, n in merge.MIN_FILES_FOR_POOL.items())
            )


if __name__ == "__main__":
    main()
