"""Cost of the comment rule (issue 11): checking one note, and a score sheet's import.

    .venv/bin/python benchmarks/bench_texts.py [--rows 200]

Times `comment_fault` on a comment at the 4,000-character cap (the window checks a note on
every pause in typing), and the import of a score sheet of --rows rows (at most one per
item of each of the demo evaluator's cards), each with three notes of a few hundred
characters, into a copy of the demo workspace (the checks are a small part of it: most of
the time is the writes through the scoring service). Target: a note checked in well under
a millisecond.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import timeit
from pathlib import Path

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.text import COMMENT_LIMIT, comment_fault
from qz_evaluator.services import demo, score_sheets
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()

    note = ("一、领导重视，方法系统。\n\t" * COMMENT_LIMIT)[:COMMENT_LIMIT]
    runs = 200
    seconds = min(timeit.repeat(lambda: comment_fault(note), number=runs, repeat=5)) / runs
    print(f"comment_fault, {COMMENT_LIMIT:,} characters: {seconds * 1e6:.0f} µs")

    with tempfile.TemporaryDirectory(prefix="qz-bench-texts-") as folder:
        path = Path(folder) / "p01.qzw"
        demo.build_demo(path).close()
        with Workspace.open(path) as workspace:
            cards = ScoringService(workspace).ensure_all(demo.SITE_ROUND)
            items = [i.code for i in criteria_set(cards[0].criteria_id).items]
        rows = [["credit_code", "item", "percent", "strengths", "ofis", "evidence"]]
        text = "高层领导亲自推进卓越绩效，全员参与。\n" * 15
        for index in range(args.rows):
            card = cards[index // len(items) % len(cards)]
            rows.append([card.credit_code, items[index % len(items)], "45", text, text, text])
        rows = rows[: 1 + min(args.rows, len(items) * len(cards))]
        sheet = Path(folder) / "sheet.csv"
        with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        copy = Path(folder) / "copy.qzw"
        shutil.copy(path, copy)
        with Workspace.open(copy) as workspace:
            checked = min(
                timeit.repeat(
                    lambda: score_sheets.read_sheet(workspace, sheet, demo.SITE_ROUND),
                    number=1,
                    repeat=3,
                )
            )
            imported = timeit.timeit(
                lambda: score_sheets.import_sheet(workspace, sheet, demo.SITE_ROUND), number=1
            )
        print(f"score sheet of {len(rows) - 1} rows: checked in {checked * 1000:.0f} ms,")
        print(f"  imported (checked and written) in {imported * 1000:.0f} ms")


if __name__ == "__main__":
    main()
