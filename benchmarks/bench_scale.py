"""Results and merge bookkeeping at a province's scale (issue 8, item 10).

    .venv/bin/python benchmarks/bench_scale.py [--candidates 1000 10000]

Builds a secretariat workspace per size with the store's own writes in one transaction:
the demo's roster and rounds, then candidates with panels of five and one accepted
scorecard per panel member (real, valid scorecard.json with the demo's comments; no PDF
signing, which merge benchmarks measure). Then, each in a fresh process so that peak RSS
is its own, it times:

- `qzeval results show --json` and `qzeval results show`, run in-process through
  `cli.main` (output to the null device), with the share of compute and of writing the
  JSON text (`results_json`) measured apart;
- merge's `missing_scorecards`;
- `qzeval panels import` of a panels file with five evaluators per candidate and a
  conflict per ten candidates (built by `bench_panels.build`), into a fresh workspace.

Targets (issue 8): at 10,000 candidates `results show` ≤ 3 s and ≤ 300 MiB, `panels
import` ≤ 5 s; everything grows linearly. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_panels  # beside this file

from qz_evaluator.assets import criteria_set, get_asset
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.roster import PanelMember, PanelRole
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.services import demo
from qz_evaluator.store.workspace import Role, Workspace

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PANEL = 5
# An evaluator's percentage around the candidate's maturity: with 5 evaluators, about a
# fifth of the items spread by ≥ 20 points and need a consensus note.
NOISE = (-10, -5, -5, 0, 0, 0, 5, 5, 10)


def build(path: Path, count: int) -> float:
    """A secretariat workspace with `count` candidates × 5 accepted scorecards; seconds."""
    start = time.perf_counter()
    rng = random.Random(count)
    comments = json.loads(get_asset("demo", "comments.json").read_text("utf-8"))["items"]
    criteria = criteria_set()
    workspace = demo.build_demo(path, role=Role.SECRETARIAT)
    round_ = workspace.round(demo.SITE_ROUND)
    evaluators = {e.code: e for e in workspace.evaluators()}
    existing = [c.credit_code for c in workspace.candidates()]
    with workspace.transaction():
        for index in range(max(0, count - len(existing))):
            body = "91330802MA" + f"{index:07d}"
            workspace.upsert_candidate(
                Candidate(
                    body + check_character(body),
                    f"基准测试单位{index:05d}有限公司",
                    "柯城区",
                    "新材料",
                    rng.choice(list(Tier)),
                )
            )
            existing.append(body + check_character(body))
        for number, credit_code in enumerate(existing[:count]):
            workspace.remove_panel(demo.SITE_ROUND, credit_code)
            barred = {c.evaluator_code for c in workspace.conflicts(credit_code=credit_code)}
            panel = rng.sample(sorted(set(evaluators) - barred), PANEL)
            candidate = workspace.candidate(credit_code)
            maturity = rng.choice((35, 45, 55, 65))
            for position, evaluator_code in enumerate(panel):
                role = PanelRole.LEADER if position == 0 else PanelRole.MEMBER
                workspace.add_panel_member(
                    PanelMember(demo.SITE_ROUND, credit_code, evaluator_code, role)
                )
                entries = {
                    item.code: ItemEntry(
                        item.code,
                        max(0, min(100, maturity + rng.choice(NOISE))),
                        rng.choice(comments[item.code]["strengths"]),
                        rng.choice(comments[item.code]["ofis"]),
                        rng.choice(comments[item.code]["evidence"]),
                    )
                    for item in criteria.items
                }
                card = Scorecard(
                    round_.code,
                    credit_code,
                    evaluator_code,
                    criteria.id,
                    ScorecardStatus.FINAL,
                    entries=entries,
                )
                document = scd.build_document(
                    card,
                    candidate=candidate,
                    evaluator=evaluators[evaluator_code],
                    round_=round_,
                    criteria=criteria,
                    workspace_id=workspace.workspace_id,
                    revision=1,
                    created_at="2026-11-01T08:00:00+00:00",
                    updated_at="2026-11-02T09:00:00+00:00",
                    exported_at="2026-11-02T09:30:00+00:00",
                    # A final card records the declaration's tick (reading it back needs it).
                    declaration_affirmed_at="2026-11-02T09:20:00+00:00",
                )
                workspace.add_submission(
                    document=document,
                    file_sha256=f"{number:032x}{position:032x}",
                    file_name=f"{number}_{evaluator_code}_r1.pdf",
                    status=scd.SubmissionStatus.ACCEPTED,
                    signer_fingerprint="bench",
                )
    workspace.close()
    return time.perf_counter() - start


def _cli(*argv: str) -> None:
    """`qzeval ARGV` in this process, its output thrown away (as `> /dev/null`)."""
    import contextlib

    from qz_evaluator.cli import main as qzeval

    with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
        status = qzeval(list(argv))
    if status != 0:
        raise SystemExit(f"qzeval {' '.join(argv)} failed with {status}")


def measure(what: str, path: Path) -> None:
    """Runs in its own process; prints one JSON line of timings and peak RSS."""
    start = time.perf_counter()
    figures: dict[str, float] = {}
    if what in ("cli-json", "cli-text"):
        flags = ["--json"] if what == "cli-json" else []
        _cli("results", "show", "-w", str(path), *flags)
        figures["total"] = time.perf_counter() - start
    elif what == "panels":
        _cli("panels", "import", str(path.with_suffix(".csv")), "-w", str(path))
        figures["total"] = time.perf_counter() - start
    elif what == "results":
        from qz_evaluator.services import results

        with Workspace.open(path) as workspace:
            computed = results.compute(workspace, demo.SITE_ROUND)
        figures["compute"] = time.perf_counter() - start
        mark = time.perf_counter()
        text = "".join(results.results_json(computed))  # what `results show --json` writes
        figures["results_json"] = time.perf_counter() - mark
        figures["total"] = time.perf_counter() - start
        figures["bytes"] = len(text)
    else:
        from qz_evaluator.services import merge

        with Workspace.open(path) as workspace:
            missing = merge.missing_scorecards(workspace)
        figures["total"] = time.perf_counter() - start
        figures["missing"] = len(missing)
    figures["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


# An installed program runs from compiled bytecode; a shell with PYTHONDONTWRITEBYTECODE=1
# would make every measured process compile the modules anew.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(what: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", what, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--measure", nargs=2, metavar=("WHAT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]))
        return
    with tempfile.TemporaryDirectory(prefix="qz-scale-") as folder:
        for count in args.candidates:
            path = Path(folder) / f"scale-{count}.qzw"
            built = build(path, count)
            size = path.stat().st_size / 2**20
            print(
                f"{count:>6} candidates × {PANEL} scorecards: built in {built:.1f} s "
                f"({size:.0f} MiB workspace)"
            )
            for what, label in (("cli-json", "--json"), ("cli-text", "(text)")):
                shown = run(what, path)
                print(
                    f"        qzeval results show {label:7} {shown['total']:6.2f} s  "
                    f"{shown['rss_mib']:6.0f} MiB peak"
                )
            shown = run("results", path)
            print(
                f"          of which compute {shown['compute']:.2f} s, results_json "
                f"{shown['results_json']:.2f} s ({shown['bytes'] / 2**20:.0f} MiB of JSON)"
            )
            missing = run("missing", path)
            print(
                f"        missing_scorecards {missing['total']:6.2f} s  "
                f"{missing['rss_mib']:6.0f} MiB peak"
            )
            path.unlink()
            panels_workspace, panels_csv = bench_panels.build(Path(folder), count)
            panels_workspace.close()
            panels_csv.rename(panels_workspace.path.with_suffix(".csv"))
            imported = run("panels", panels_workspace.path)
            print(
                f"        qzeval panels import  {imported['total']:6.2f} s  "
                f"{imported['rss_mib']:6.0f} MiB peak"
            )
            for leftover in Path(folder).iterdir():
                leftover.unlink()


if __name__ == "__main__":
    main()
