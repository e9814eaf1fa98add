"""The evaluator's window on a big workspace: start-up, candidate switch, autosave.

    .venv/bin/python benchmarks/bench_ui.py [--runs 5] [--changes 1000] [--before DIR]

Builds (in a temporary folder, through the services) an evaluator workspace with 1,000
candidates and the 35 evaluators of the demo roster; the owner (P01) sits on every
panel, the worst case for the candidate list, and a third of the scorecards are partly
scored. Then prints:

- process start → first painted main window with that workspace open, against a bare
  PySide6 QMainWindow measured the same way (both in fresh subprocesses; median);
- switching between two candidates (select + repaint; median, p95);
- autosave latency of 1,000 score changes: the service write alone and the whole round
  trip through the scoring panel (write, undo stack, live totals, list row; median, p99).

Targets from issue 5: first window ≤ 2× the bare window; autosave p99 ≤ 5 ms. Runs on
the offscreen platform unless a display is there. Prints figures only.

`--before DIR` also times the window of another source tree (e.g. `git archive <commit> |
tar -x -C DIR`) on the same workspace, in turns with the bare window and this one, so a
change is measured against the same load of a shared machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CANDIDATES = 1000
COUNTIES = ["柯城区", "衢江区", "江山市", "龙游县", "常山县", "开化县"]
INDUSTRIES = ["特种纸", "新材料", "高端装备", "生物医药", "胡柚", "集成电路", "氟硅化工"]
TIERS = ["seed", "potential", "advantage"]
ROUND = "2026-site"


# ----- the workspace ------------------------------------------------------------------


def credit_code(number: int) -> str:
    from qz_evaluator.domain.credit_code import check_character

    first17 = f"91330800MA{number:07d}"
    return first17 + check_character(first17)


def build_workspace(folder: Path) -> Path:
    from qz_evaluator.assets import DEFAULT_CRITERIA_ID, get_asset
    from qz_evaluator.domain.roster import RoundKind
    from qz_evaluator.services.imports import import_candidates, import_panels, import_roster
    from qz_evaluator.services.pool import add_round
    from qz_evaluator.services.scoring import ScoringService
    from qz_evaluator.store.workspace import Role, Workspace

    rng = random.Random(5)
    candidates_csv, panels_csv = folder / "candidates.csv", folder / "panels.csv"
    codes = [credit_code(n) for n in range(1, CANDIDATES + 1)]
    with candidates_csv.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["credit_code", "name", "county", "industry", "tier"])
        for number, code in enumerate(codes, start=1):
            county, industry = rng.choice(COUNTIES), rng.choice(INDUSTRIES)
            name = f"衢州{county[:2]}{industry}第{number}号有限公司"
            writer.writerow([code, name, county, industry, rng.choice(TIERS)])
    evaluators = [f"P{n:02d}" for n in range(1, 8)] + [f"M{n:02d}" for n in range(1, 29)]
    with panels_csv.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["round", "credit_code", "evaluator_code", "role", "note"])
        for index, code in enumerate(codes):
            others = [evaluators[1 + (index * 4 + k) % (len(evaluators) - 1)] for k in range(4)]
            writer.writerow([ROUND, code, "P01", "leader", ""])
            for other in others:
                writer.writerow([ROUND, code, other, "member", ""])
    path = folder / "big.qzw"
    workspace = Workspace.create(path, Role.EVALUATOR, owner_code="P01", name="1000 candidates")
    with workspace.transaction():
        import_roster(workspace, get_asset("demo", "roster.csv"))
        import_candidates(workspace, candidates_csv, entered_on=date(2025, 6, 30))
        add_round(
            workspace, ROUND, "2026年度现场评审", RoundKind.SITE_VISIT, 2026, DEFAULT_CRITERIA_ID
        )
        import_panels(workspace, panels_csv)
    service = ScoringService(workspace)
    cards = service.ensure_all(ROUND)
    items = service.criteria_for(ROUND).items
    with workspace.transaction():
        for card in cards[::3]:
            for item in items[: rng.randint(1, len(items))]:
                card = service.set_percent(card, item.code, rng.choice(range(30, 75, 5))).card
    workspace.close()
    return path


# ----- child processes: time to the first paint ------------------------------------------


def child(kind: str, workspace: str) -> None:
    """Show a window; print the monotonic clock at its first paint (and, for ours, at the
    first paint with the workspace's candidates in the list), then exit at once.

    The probe watches the measured window only. Watching the whole application would
    call Python for every event of every widget and make PySide build a Python type
    for each class that gets one: tens of milliseconds that grow with the window being
    measured and that the real program never pays."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Paints(QObject):
        def __init__(self, ready: object) -> None:
            super().__init__()
            self.ready = ready
            self.first = True

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if self.first:
                    print(f"{time.monotonic():.6f}", flush=True)
                    self.first = False
                if callable(self.ready) and self.ready():
                    print(f"{time.monotonic():.6f}", flush=True)
                    os._exit(0)
            return False

    if kind == "bare":
        app = QApplication(sys.argv[:1])
        watcher = Paints(lambda: True)
        window = QMainWindow()
        window.installEventFilter(watcher)
        window.resize(1280, 800)
        window.show()
    else:
        from qz_evaluator.ui.app import build_parser, create_application, start

        app = create_application()
        holder: list[object] = []

        def ready() -> bool:
            shown = holder[0] if holder else None
            model = getattr(shown, "model", None)
            return model is not None and model.rowCount() > 0

        watcher = Paints(ready)
        args = build_parser().parse_args([workspace, "--lang", "zh_CN"])
        window = start(args, open_later=True)  # as main() does; painted once exec() runs
        window.installEventFilter(watcher)
        holder.append(window)
        window.resize(1280, 800)
    app.exec()


# An installed program runs from compiled bytecode (pip and PyInstaller compile it); a
# shell with PYTHONDONTWRITEBYTECODE=1 would make every child compile our modules anew.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _paint_times(kind: str, workspace: Path, tree: Path | None = None) -> tuple[float, float]:
    """(ms to the first paint, ms to the first paint with the workspace shown) of one run;
    with `tree`, of that source tree's window."""
    script, env = Path(__file__), CHILD_ENV
    if tree is not None:
        script = tree / "benchmarks" / script.name
        env = {**CHILD_ENV, "PYTHONPATH": str(tree)}  # before the installed package
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(script), "--child", kind, str(workspace)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    stamps = [float(line) for line in result.stdout.split()]
    return (stamps[0] - started) * 1000, (stamps[-1] - started) * 1000


def first_paints(workspace: Path, runs: int, before: Path | None = None) -> dict[str, list[float]]:
    """Times of the bare window and of ours (and of `before`'s), run in turns (bare, ours,
    bare, …) so that a change in the machine's load weighs on all alike; after one
    unmeasured run of each, which leaves the bytecode cache and the file cache warm."""
    times: dict[str, list[float]] = {
        "bare": [],
        "frame": [],
        "filled": [],
        "before frame": [],
        "before filled": [],
    }
    for run in range(runs + 1):
        bare, _ = _paint_times("bare", workspace)
        frame, filled = _paint_times("app", workspace)
        if before is not None:
            old_frame, old_filled = _paint_times("app", workspace, before)
        if run:
            times["bare"].append(bare)
            times["frame"].append(frame)
            times["filled"].append(filled)
            if before is not None:
                times["before frame"].append(old_frame)
                times["before filled"].append(old_filled)
    return times


# ----- in process: switching and autosave -------------------------------------------------


def in_process(workspace: Path, changes: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from qz_evaluator.services.scoring import ScoringService
    from qz_evaluator.store.workspace import Workspace
    from qz_evaluator.ui.app import create_application
    from qz_evaluator.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(language="zh")
    window.resize(1280, 800)
    window.show()
    window.open_workspace(workspace)
    app.processEvents()
    codes = window.model.shown_codes()
    first, second = codes[0], codes[len(codes) // 2]
    switch = []
    for step in range(60):
        started = time.perf_counter()
        window.select_candidate(second if step % 2 else first)
        window.repaint()
        QApplication.processEvents()
        switch.append((time.perf_counter() - started) * 1000)

    rng = random.Random(19580)
    panel = window.panel
    items = panel.item_codes()
    values = list(range(0, 105, 5))
    round_trip = []
    for _ in range(changes):
        panel.select_item(rng.choice(items))
        current = panel.card.entry(str(panel.current_item_code)).percent if panel.card else None
        value = rng.choice([v for v in values if v != current])
        started = time.perf_counter()
        panel.set_percent(value)
        round_trip.append((time.perf_counter() - started) * 1000)
    window.close()

    service_only = []
    with Workspace.open(workspace) as store:
        service = ScoringService(store)
        card = service.open(ROUND, second)
        for _ in range(changes):
            item = rng.choice(items)
            value = rng.choice([v for v in values if v != card.entry(item).percent])
            started = time.perf_counter()
            card = service.set_percent(card, item, value).card
            service_only.append((time.perf_counter() - started) * 1000)
    return {"switch": switch[2:], "round_trip": round_trip, "service": service_only}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="another source tree whose window is timed in turns with this one",
    )
    parser.add_argument("--child", nargs=2, metavar=("KIND", "WORKSPACE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="qz-bench-ui-") as scratch:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = scratch  # own settings
        started = time.perf_counter()
        workspace = build_workspace(Path(scratch))
        print(
            f"workspace: {CANDIDATES} candidates, 35 evaluators, P01 on every panel "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        times = first_paints(workspace, args.runs, args.before)
        bare = times["bare"]
        base = statistics.median(bare)
        print(
            f"first painted window, bare QMainWindow:      median {base:.0f} ms"
            f" (min {min(bare):.0f})"
        )
        for label, values in (
            ("qz-evaluator, window", times["frame"]),
            ("qz-evaluator, with the list", times["filled"]),
            ("before, window", times["before frame"]),
            ("before, with the list", times["before filled"]),
        ):
            if not values:
                continue
            median = statistics.median(values)
            print(
                f"first painted window, {label + ':':27} median {median:.0f} ms"
                f" (min {min(values):.0f}) = {median / base:.2f} × bare"
                f" (min/min {min(values) / min(bare):.2f})"
            )
        figures = in_process(workspace, args.changes)
        switch = figures["switch"]
        print(
            f"switch candidate: median {statistics.median(switch):.1f} ms,"
            f" p95 {percentile(switch, 0.95):.1f} ms"
        )
        for key, label in (("service", "service write"), ("round_trip", "through the panel")):
            values = figures[key]
            print(
                f"autosave, {label} ({len(values)} changes): median "
                f"{statistics.median(values):.2f} ms, p99 {percentile(values, 0.99):.2f} ms"
            )


if __name__ == "__main__":
    main()
