"""Receipts: signing and reading one, and the list's marks, for an evaluator with many
scorecard files in a round.

    .venv/bin/python benchmarks/bench_receipts.py [--lines 50 500 5000]

Prints, per size: the receipt's bytes, the time to build and sign it, to read and check
it, to record it in an evaluator workspace (with its floors) and to read the list's marks
once (what every reload of the evaluator's list pays).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from qz_evaluator.assets import DEFAULT_CRITERIA_ID
from qz_evaluator.domain.roster import Round, RoundKind
from qz_evaluator.exchange.receipt import (
    Receipt,
    ReceiptLine,
    ReceiptOutcome,
    build_receipt,
    read_receipt,
)
from qz_evaluator.services import receipts
from qz_evaluator.services.evaluator_session import receipt_marks
from qz_evaluator.store.receipts import ReceivedLine
from qz_evaluator.store.workspace import Role, Workspace

ROUND = "2026-site"


def lines(count: int) -> tuple[ReceiptLine, ...]:
    return tuple(
        ReceiptLine(
            credit_code=f"9133080{index:011d}",
            candidate_name="衢州测试有限公司",
            revision=1 + index % 3,
            file_sha256=f"{index:064x}",
            received_at="2026-11-30T06:05:00+00:00",
            outcome=ReceiptOutcome.ACCEPTED if index % 5 else ReceiptOutcome.REFUSED,
            reason=None if index % 5 else "not-on-panel",
            message="",
        )
        for index in range(count)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[50, 500, 5000])
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: not installed
    from tests.support.trust import new_committee, new_secretariat

    committee = new_committee()
    secretariat = new_secretariat(committee)
    print(
        f"{'lines':>6} {'bytes':>9} {'sign ms':>8} {'read ms':>8} {'record ms':>9} {'marks ms':>8}"
    )
    for count in args.lines:
        receipt = Receipt("2026-11-30T07:00:00+00:00", "sec", ROUND, "P01", lines(count))
        start = time.perf_counter()
        data = build_receipt(
            receipt,
            root=committee.cert,
            secretariat_certificate=secretariat.cert,
            secretariat_key=secretariat.key,
        )
        signed = time.perf_counter()
        read = read_receipt(data, committee.cert)
        checked = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "p01.qzw"
            with Workspace.create(path, Role.EVALUATOR, owner_code="P01") as workspace:
                workspace.upsert_round(
                    Round(
                        ROUND, "2026年度现场评审", RoundKind.SITE_VISIT, 2026, DEFAULT_CRITERIA_ID
                    )
                )
                begun = time.perf_counter()
                with workspace.transaction():
                    workspace.record_receipt(
                        manifest_sha256=read.manifest_sha256,
                        round_code=ROUND,
                        evaluator_code="P01",
                        issued_at=read.issued_at,
                        secretariat_workspace_id="sec",
                        lines=[
                            ReceivedLine(
                                line.credit_code,
                                line.revision,
                                line.file_sha256,
                                line.received_at,
                                line.outcome.value,
                                line.reason,
                                line.message,
                            )
                            for line in read.lines
                        ],
                    )
                    # As the import does: floors from what the secretariat holds.
                    workspace.raise_revision_floors(
                        "P01",
                        [
                            (ROUND, line.credit_code, line.revision)
                            for line in read.lines
                            if line.outcome in receipts.HELD_OUTCOMES
                        ],
                        source=receipts.FLOOR_SOURCE,
                    )
                recorded = time.perf_counter()
                marks = receipt_marks(workspace, ROUND)
                marked = time.perf_counter()
                assert len(marks) == count
        print(
            f"{count:>6} {len(data):>9} {1000 * (signed - start):>8.1f} "
            f"{1000 * (checked - signed):>8.1f} {1000 * (recorded - begun):>9.1f} "
            f"{1000 * (marked - recorded):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
