"""`qzeval results calibration`: each evaluator's leniency with its 95 % interval, the
same figures the window's chart and the signed report show (services.results.calibrate)."""

from __future__ import annotations

from pathlib import Path

from qz_evaluator.services import demo, results
from tests.cli.conftest import Qzeval


def test_leniency_is_listed_with_its_interval(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "sec.qzw"
    workspace, _ = demo.build_secretariat_demo(path, tmp_path / "scratch")
    with workspace:
        expected = results.calibrate(workspace, demo.SITE_ROUND).leniency
    shown = qzeval.json("results", "calibration", "-w", path)
    assert shown["note"].startswith("diagnostic only")
    assert set(shown["leniency"]) == set(expected)
    with_interval = 0
    for code, lenient in expected.items():
        entry = shown["leniency"][code]
        assert entry["mean_deviation"] == round(lenient.mean_deviation, 2)
        if lenient.interval is None:  # one shared panel: no interval to give
            assert entry["interval_95"] is None and lenient.panels < 2
        else:
            low, high = entry["interval_95"]
            assert (low, high) == (round(lenient.interval[0], 2), round(lenient.interval[1], 2))
            assert low <= entry["mean_deviation"] <= high
            with_interval += 1
    assert with_interval  # the demo's evaluators share more than one panel
    text = qzeval("results", "calibration", "-w", path).stdout
    assert "95 % interval" in text
    code, (low, high) = next((c, v.interval) for c, v in expected.items() if v.interval)
    line = next(line for line in text.splitlines() if line.strip().startswith(code))
    assert f"[{low:+.2f}, {high:+.2f}]" in line
