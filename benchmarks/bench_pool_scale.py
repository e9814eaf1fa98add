"""Candidate import and listing at a size no province reaches (issue 11, point 13).

    .venv/bin/python benchmarks/bench_pool_scale.py [--rows 100000 1000000] [--keep DIR]

For each size it writes a candidate CSV (UTF-8 with a BOM, as Excel's "CSV UTF-8" does:
valid credit codes, Chinese names, counties, industries, tiers and contacts), creates a
secretariat workspace, and runs each step in a fresh process so that its peak RSS is its
own (`os.wait4`'s rusage, ru_maxrss):

- `qzeval candidates import` into the empty workspace (every row new);
- the same import again (every row known, nothing changed);
- `qzeval candidates list` and `list --json`, output to the null device;
- `qzeval candidates list --limit 50 --offset <half>` (a page from the middle);
- `qzeval candidates list --search` of a name piece (the trigram index);
- the pool view's read (`ui.sec_pool._read_pool`: counts per tier and the first page of
  each), which is what the window does when the pool tab is shown.

Targets (issue 11): 1,000,000 rows imported in well under 231 s and < 200 MiB, listed in
< 150 MiB. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qz_evaluator.domain.credit_code import check_character

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
COUNTIES = ("柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县", "智造新城")
INDUSTRIES = ("新材料", "集成电路", "装备制造", "特种纸", "氟硅化工", "食品加工", "电子信息")
SYLLABLES = "衢州瑞氟峰电子科技博韬康禾喆宇华鑫正泰金源恒达宏远东方新星明光盛世安信天成"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
TIERS = ("seed", "potential", "advantage")
HEADER = ("credit_code", "name", "county", "industry", "contact_person", "contact_phone", "tier")

STEP = "import sys\nfrom qz_evaluator.cli import main\nsys.exit(main(sys.argv[1:]))\n"
VIEW_READ = (
    "import sys\n"
    "from pathlib import Path\n"
    "from qz_evaluator.ui.sec_pool import _read_pool\n"
    "read = _read_pool(Path(sys.argv[1]), '', None, True, {})\n"
    "print(len(read.candidates), sum(read.counts.values()))\n"
)


def credit_code(index: int) -> str:
    """A valid unified social credit code, distinct for each index."""
    body = "91330802MA" + "".join(ALPHABET[(index // 31**k) % 31] for k in range(7))
    return body + check_character(body)


def write_csv(path: Path, count: int, seed: int = 11) -> float:
    """A candidate file of `count` rows; seconds taken."""
    start = time.perf_counter()
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index in range(count):
            name = "衢州市" + "".join(rng.choices(SYLLABLES, k=4)) + f"{index % 997}号有限公司"
            writer.writerow(
                (
                    credit_code(index),
                    name,
                    rng.choice(COUNTIES),
                    rng.choice(INDUSTRIES),
                    rng.choice(SURNAMES) + "".join(rng.choices(SYLLABLES, k=2)),
                    f"15{rng.randrange(10**9):09d}",
                    rng.choice(TIERS),
                )
            )
    return time.perf_counter() - start


def run(code: str, *argv: str) -> tuple[float, float, float, str]:
    """Run `code` in a fresh interpreter; (seconds, CPU seconds, peak RSS in MiB, its
    first line). CPU time is the fairer figure on a machine others share."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdout=subprocess.PIPE if code == VIEW_READ else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"step failed ({process.returncode}): {argv}\n{err}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, (out.splitlines() or [""])[0]


def bench(folder: Path, count: int) -> None:
    source = folder / f"candidates-{count}.csv"
    seconds = write_csv(source, count)
    size = source.stat().st_size / 2**20
    print(f"\n{count:,} candidates: CSV {size:.0f} MiB written in {seconds:.1f} s", flush=True)
    workspace = folder / f"pool-{count}.qzw"
    run(STEP, "init", str(workspace), "--role", "secretariat")
    qzeval = ("-w", str(workspace))
    steps: list[tuple[str, str, tuple[str, ...]]] = [
        ("qzeval info (start-up, for scale)", STEP, ("info", *qzeval)),
        ("import (all new)", STEP, ("candidates", "import", str(source), *qzeval)),
        ("import again (all known)", STEP, ("candidates", "import", str(source), *qzeval)),
        ("list", STEP, ("candidates", "list", *qzeval)),
        ("list --json", STEP, ("candidates", "list", "--json", *qzeval)),
        (
            "list --limit 50 --offset half",
            STEP,
            ("candidates", "list", "--limit", "50", "--offset", str(count // 2), *qzeval),
        ),
        ("list --search 瑞氟峰", STEP, ("candidates", "list", "--search", "瑞氟峰", *qzeval)),
        ("pool view read (first pages)", VIEW_READ, (str(workspace),)),
    ]
    for label, code, argv in steps:
        seconds, cpu, peak, first = run(code, *argv)
        note = f"  ({first})" if first else ""
        print(
            f"  {label:34} {seconds:7.1f} s (CPU {cpu:6.1f} s)  peak RSS {peak:5.0f} MiB{note}",
            flush=True,
        )
    size = sum(p.stat().st_size for p in folder.glob(f"pool-{count}.qzw*")) / 2**20
    print(f"  workspace file {size:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for count in args.rows:
            bench(args.keep, count)
        return
    with tempfile.TemporaryDirectory(prefix="qz-pool-scale-") as folder:
        for count in args.rows:
            bench(Path(folder), count)


if __name__ == "__main__":
    main()
