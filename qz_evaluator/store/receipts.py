"""Receipts: the secretariat's refused files (what a receipt says was not merged) and, in
an evaluator's workspace, the receipts imported and their lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from qz_evaluator.store.base import StoreBase, utc_now


class StoredRefusal(NamedTuple):
    """A validly signed scorecard merge refused, under the evaluator it names."""

    file_sha256: str
    file_name: str
    round_code: str
    credit_code: str
    candidate_name: str
    evaluator_code: str
    revision: int
    reason: str
    message: str
    received_at: str


class ReceivedLine(NamedTuple):
    """One line of an imported receipt: what became of one file the evaluator sent."""

    credit_code: str
    revision: int
    file_sha256: str
    received_at: str
    outcome: str
    reason: str | None
    message: str


class ReceivedReceipt(NamedTuple):
    id: int
    manifest_sha256: str
    round_code: str
    evaluator_code: str
    issued_at: str
    secretariat_workspace_id: str
    imported_at: str


_REFUSAL_COLUMNS = (
    "file_sha256",
    "file_name",
    "round_code",
    "credit_code",
    "candidate_name",
    "evaluator_code",
    "revision",
    "reason",
    "message",
    "received_at",
)


class ReceiptStore(StoreBase):
    # ----- secretariat side -------------------------------------------------------------

    def record_refusal(self, refusal: StoredRefusal) -> None:
        """Keep (or renew) why a signed file was refused, under the evaluator it names."""
        record = {name: getattr(refusal, name) for name in _REFUSAL_COLUMNS}
        marks = ", ".join("?" * len(record))
        with self.transaction():
            self._execute(
                f"INSERT OR REPLACE INTO merge_refusals ({', '.join(record)}) VALUES ({marks})",
                record.values(),
            )

    def forget_refusal(self, file_sha256: str) -> None:
        """The file was merged after all: no longer refused."""
        with self.transaction():
            self._execute("DELETE FROM merge_refusals WHERE file_sha256 = ?", [file_sha256])

    def refusals(self, round_code: str, evaluator_code: str) -> list[StoredRefusal]:
        rows = self._where(
            "merge_refusals",
            "round_code = ? AND evaluator_code = ?",
            [round_code, evaluator_code],
            select=", ".join(_REFUSAL_COLUMNS),
            order_by="credit_code, revision, received_at",
        )
        return [StoredRefusal(**row) for row in rows]

    def refusal_evaluators(self, round_code: str) -> set[str]:
        rows = self._where(
            "merge_refusals", "round_code = ?", [round_code], select="DISTINCT evaluator_code"
        )
        return {str(row["evaluator_code"]) for row in rows}

    # ----- evaluator side ---------------------------------------------------------------

    def latest_receipt(self, round_code: str, evaluator_code: str) -> ReceivedReceipt | None:
        """The receipt issued last of those imported for the round and evaluator."""
        rows = self._where(
            "received_receipts",
            "round_code = ? AND evaluator_code = ?",
            [round_code, evaluator_code],
            order_by="issued_at DESC, id DESC",
            limit=1,
        )
        return ReceivedReceipt(**rows[0]) if rows else None

    def receipt_by_manifest(self, manifest_sha256: str) -> ReceivedReceipt | None:
        row = self._first("received_receipts", "manifest_sha256 = ?", [manifest_sha256])
        return ReceivedReceipt(**row) if row else None

    def record_receipt(
        self,
        *,
        manifest_sha256: str,
        round_code: str,
        evaluator_code: str,
        issued_at: str,
        secretariat_workspace_id: str,
        lines: Iterable[ReceivedLine],
    ) -> int:
        with self.transaction():
            receipt_id = self._insert_row(
                "received_receipts",
                {
                    "manifest_sha256": manifest_sha256,
                    "round_code": round_code,
                    "evaluator_code": evaluator_code,
                    "issued_at": issued_at,
                    "secretariat_workspace_id": secretariat_workspace_id,
                    "imported_at": utc_now(),
                },
            )
            for line in lines:
                self._insert_row(
                    "receipt_lines",
                    {
                        "receipt_id": receipt_id,
                        "credit_code": line.credit_code,
                        "revision": line.revision,
                        "file_sha256": line.file_sha256,
                        "received_at": line.received_at,
                        "outcome": line.outcome,
                        "reason": line.reason,
                        "message": line.message,
                    },
                )
            self._audit(
                "receipt",
                round_code=round_code,
                evaluator_code=evaluator_code,
                field="issued_at",
                new=issued_at,
            )
        return receipt_id

    def receipt_lines(self, receipt_id: int) -> list[ReceivedLine]:
        rows = self._where(
            "receipt_lines",
            "receipt_id = ?",
            [receipt_id],
            select="credit_code, revision, file_sha256, received_at, outcome, reason, message",
            order_by="credit_code, revision, received_at",
        )
        return [ReceivedLine(**row) for row in rows]
