"""Issue 11, point 4 through `qzeval`, in-process: back up, restore on a new laptop,
import the secretariat's package, correct, export r3, merge: accepted, and it counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from qz_evaluator.services import demo
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval
from tests.services.conftest import committee_and_p01, score_fully

ROUND = demo.SITE_ROUND


def test_a_correction_from_a_new_laptop_through_the_cli(
    tmp_path: Path, qzeval: Qzeval, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QZ_BACKUP_PASSPHRASE", "松竹梅 winter 2026")
    with committee_and_p01(tmp_path) as (secretariat, old):
        sec, laptop = secretariat.path, old.path
    qzeval("package", "export", "--round", ROUND, "--out", tmp_path / "pkg1", "-w", sec)
    [first] = (tmp_path / "pkg1").glob("*_P01_*.qzpkg")
    qzeval("package", "import", first, "-w", laptop)
    with Workspace.open(laptop) as workspace:
        service = ScoringService(workspace)
        card = score_fully(workspace, service.ensure_all(ROUND)[0])
        credit_code = card.credit_code
    qzeval("export", "--out", tmp_path / "out", "-w", laptop)
    with Workspace.open(laptop) as workspace:
        service = ScoringService(workspace)
        card = service.reopen(service.open(ROUND, credit_code), "更正").card
        card = service.set_percent(card, "4.1.2", 90).card
        service.finalise(card, affirm_declaration=True)
    qzeval("export", "--out", tmp_path / "out", "-w", laptop)
    merged = qzeval.json("merge", tmp_path / "out", "-w", sec)
    assert [f["revision"] for f in merged["files"] if f["outcome"] == "accepted"] == [1, 2]

    # The laptop is lost; its backup and a fresh workspace on the new one.
    qzeval("identity", "backup", "-w", laptop, "--out", tmp_path / "P01.p12")
    new = tmp_path / "new-laptop.qzw"
    qzeval("init", new, "--role", "evaluator", "--evaluator", "P01")
    qzeval("identity", "restore", tmp_path / "P01.p12", "-w", new)
    qzeval("package", "export", "--round", ROUND, "--out", tmp_path / "pkg2", "-w", sec)
    [second] = (tmp_path / "pkg2").glob("*_P01_*.qzpkg")
    imported = qzeval.json("package", "import", second, "-w", new)
    assert imported["revisions_raised"] == {}  # the backup had raised the floor already
    with Workspace.open(new) as workspace:
        assert workspace.revision_floor(ROUND, credit_code, "P01") == 2
        score_fully(workspace, ScoringService(workspace).open(ROUND, credit_code), base=30)
    exported = qzeval("export", "--out", tmp_path / "new-out", "-w", new).stdout
    assert "_P01_r3.pdf" in exported
    [r3] = (tmp_path / "new-out").glob("*_P01_r3.pdf.p7m")  # for the secretariat only
    result = qzeval("merge", r3, "-w", sec)
    assert result.stdout.startswith("accepted")
    assert "revision 3 of P01 replaces revision 2 (now superseded)" in result.stdout
    card_args = ("--round", ROUND, "--candidate", credit_code, "--evaluator", "P01")
    shown = qzeval.json("show", *card_args, "-w", sec)
    assert shown["revision"] == 3


def test_merge_reports_a_revision_conflict(tmp_path: Path, qzeval: Qzeval) -> None:
    with committee_and_p01(tmp_path) as (secretariat, old):
        sec, laptop = secretariat.path, old.path
    qzeval("package", "export", "--round", ROUND, "--out", tmp_path / "pkg", "-w", sec)
    [package] = (tmp_path / "pkg").glob("*_P01_*.qzpkg")
    qzeval("package", "import", package, "-w", laptop)
    with Workspace.open(laptop) as workspace:
        workspace.copy_to(tmp_path / "copy.qzw")
    for path, base in ((laptop, 55), (tmp_path / "copy.qzw", 30)):
        with Workspace.open(path) as workspace:
            score_fully(workspace, ScoringService(workspace).ensure_all(ROUND)[0], base)
        qzeval("export", "--out", tmp_path / f"out-{base}", "-w", path)
    qzeval("merge", tmp_path / "out-55", "-w", sec)
    rival = qzeval("merge", tmp_path / "out-30", "-w", sec, ok=False)
    assert rival.returncode == 1
    assert rival.stdout.startswith("conflict")
    assert "[revision-conflict]" in rival.stdout and "keeps counting" in rival.stdout
