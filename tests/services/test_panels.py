"""The panel minimum is the workspace's setting (default 5), read by the panel checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.services import demo
from qz_evaluator.services.imports import import_panels
from qz_evaluator.services.panels import panel_minimum, set_panel_minimum
from qz_evaluator.store.workspace import Role, Workspace


def small_panel(workspace: Workspace, tmp_path: Path, leader: str = "P01") -> Path:
    taken = {m.credit_code for m in workspace.panel_members(round_code=demo.DOCUMENT_ROUND)}
    code = next(
        c.credit_code
        for c in workspace.candidates()
        if c.credit_code not in taken and not workspace.conflicts(credit_code=c.credit_code)
    )
    path = tmp_path / f"panel-{leader}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["round", "credit_code", "evaluator_code", "role"])
        writer.writerows(
            [
                [demo.DOCUMENT_ROUND, code, leader, "leader"],
                [demo.DOCUMENT_ROUND, code, "M01", "member"],
                [demo.DOCUMENT_ROUND, code, "M02", "member"],
            ]
        )
    return path


def test_the_minimum_is_a_workspace_setting(tmp_path: Path) -> None:
    with demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT) as workspace:
        assert panel_minimum(workspace) == 5
        report = import_panels(workspace, small_panel(workspace, tmp_path))
        assert report.notes and "fewer than 5" in report.notes[0]
        set_panel_minimum(workspace, 3)
        assert panel_minimum(workspace) == 3
        report = import_panels(workspace, small_panel(workspace, tmp_path, "P02"))
        assert report.notes == [] and report.panel_checks[0].minimum == 3
        with pytest.raises(DomainError):
            set_panel_minimum(workspace, 0)
