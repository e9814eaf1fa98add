"""Checking a printed scorecard at a province's scale (issue 13, part 1).

    .venv/bin/python benchmarks/bench_paper.py [--candidates 2000 10000]

Builds a secretariat workspace per size with `bench_scale.build` (candidates × 5 accepted
scorecards), then times `paper.verify_code` for a code that matches (the key hash is
looked up among every merged key, then one scorecard.json is read) and for an unknown
code, and `paper.codes_in_image` (zxing-cpp) on page 1 of a scorecard rendered by
pdftoppm at 150 and 300 dpi. Timings are printed, never asserted; the window checks a
typed code on its own thread, so it should stay well under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import bench_scale  # beside this file

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import paper_code as pc
from qz_evaluator.services import paper
from qz_evaluator.services.session import open_workspace

RUNS = 7


def timed(what: str, call: Callable[[], object]) -> None:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    print(
        f"  {what}: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, nargs="+", default=[2000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qz-bench-paper-") as scratch:
        folder = Path(scratch)
        for count in args.candidates:
            path = folder / f"sec-{count}.qzw"
            seconds = bench_scale.build(path, count)
            with open_workspace(path) as workspace:
                [first] = workspace.submissions(round_code=bench_scale.demo.SITE_ROUND)[:1]
                document = workspace.submission_document(first.id)
                code = pc.paper_code(document).text
                unknown = pc.PaperCode(key=1, revision=1, digest=1).text
                keys = len(workspace.submission_keys())
                print(f"{count} candidates, {keys} merged keys (built in {seconds:.0f} s):")
                start = time.perf_counter()
                assert paper.verify_code(workspace, code).outcome is paper.PaperOutcome.MATCHES
                cold = (time.perf_counter() - start) * 1000
                print(f"  the first code checked (the key index is built): {cold:.1f} ms")
                timed("verify a matching code", partial(paper.verify_code, workspace, code))
                timed("verify an unknown code", partial(paper.verify_code, workspace, unknown))
        pdf = folder / "card.pdf"
        pdf.write_bytes(render_scorecard(document, criteria_set(document.criteria_id)))
        for dpi in (150, 300):
            prefix = folder / f"page-{dpi}"
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1",
                 str(pdf), str(prefix)],
                check=True,
            )  # fmt: skip
            image = prefix.with_suffix(".png")
            assert paper.codes_in_image(image) == [code]
            timed(f"read the QR code of a {dpi} dpi page", partial(paper.codes_in_image, image))


if __name__ == "__main__":
    main()
