"""Issue 13, part 3 through `qzeval`, in-process: merge, `receipt --out`, `import-receipt`
on the evaluator's side (the card's mark and the revision floor), and refusals with their
codes in `--json`."""

from __future__ import annotations

import json
from pathlib import Path

from qz_evaluator.services import demo
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval
from tests.services.conftest import committee_and_p01, score_fully

ROUND = demo.SITE_ROUND


def test_receipt_round_trip_through_the_cli(tmp_path: Path, qzeval: Qzeval) -> None:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        sec, laptop = secretariat.path, evaluator.path
    qzeval("package", "export", "--round", ROUND, "--out", tmp_path / "pkg", "-w", sec)
    [package] = (tmp_path / "pkg").glob("*_P01_*.qzpkg")
    qzeval("package", "import", package, "-w", laptop)
    with Workspace.open(laptop) as workspace:
        card = score_fully(workspace, ScoringService(workspace).ensure_all(ROUND)[0])
    qzeval("export", "--out", tmp_path / "out", "-w", laptop)
    qzeval("merge", tmp_path / "out", "-w", sec)

    written = qzeval.json("receipt", "--out", tmp_path / "receipts", "-w", sec)
    [receipt] = written
    assert receipt.endswith(".qzreceipt") and f"{ROUND}_P01_" in receipt
    text = qzeval("receipt", "--out", tmp_path / "again", "--round", ROUND, "-w", sec).stdout
    assert text.strip().endswith("1 signed receipts written")

    imported = qzeval.json("import-receipt", receipt, "-w", laptop)
    assert imported["accepted"] == [card.credit_code]
    assert imported["not_accepted"] == {} and imported["changed"] == [card.credit_code]
    with Workspace.open(laptop) as workspace:
        assert workspace.revision_floor(ROUND, card.credit_code, "P01") == 1
    again = qzeval("import-receipt", receipt, "-w", laptop).stdout
    assert "imported before; nothing changed" in again

    # An older receipt (the first one) after the newer: refused, named.
    [newer] = (tmp_path / "again").glob("*.qzreceipt")
    qzeval("import-receipt", newer, "-w", laptop)
    refused = qzeval("import-receipt", receipt, "-w", laptop, "--json", ok=False)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["error"]["code"] == "receipt-older"


def test_a_receipt_for_another_evaluator_is_refused(tmp_path: Path, qzeval: Qzeval) -> None:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        sec, laptop = secretariat.path, evaluator.path
    qzeval("package", "export", "--round", ROUND, "--out", tmp_path / "pkg", "-w", sec)
    [package] = (tmp_path / "pkg").glob("*_P01_*.qzpkg")
    qzeval("package", "import", package, "-w", laptop)
    [other] = qzeval.json(
        "receipt", "--out", tmp_path / "r", "--round", ROUND, "--evaluator", "P02", "-w", sec
    )
    refused = qzeval("import-receipt", other, "-w", laptop, ok=False)
    assert refused.returncode == 1
    assert "for evaluator P02, not for P01" in refused.stderr
    # Issued from an evaluator's workspace: refused, nothing written.
    wrong = qzeval("receipt", "--out", tmp_path / "x", "-w", laptop, ok=False)
    assert wrong.returncode == 1 and not (tmp_path / "x").exists()
