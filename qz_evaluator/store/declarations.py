"""Conflict-of-interest declarations: withdrawn on the evaluator's laptop, exported as
signed files, received at the secretariat."""

from __future__ import annotations

from typing import NamedTuple

from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.store.base import utc_now
from qz_evaluator.store.errors import NotFound
from qz_evaluator.store.roster import RosterStore


class DeclarationExport(NamedTuple):
    scorecard_id: int
    reason: str
    file_name: str
    file_sha256: str
    pdf: bytes
    exported_at: str


class ReceivedDeclaration(NamedTuple):
    file_sha256: str
    file_name: str
    round_code: str
    credit_code: str
    evaluator_code: str
    reason: str
    declared_at: str
    signer_fingerprint: str


class DeclarationStore(RosterStore):
    # ----- the evaluator's side ------------------------------------------------------

    def declaration_export(self, scorecard_id: int) -> DeclarationExport | None:
        row = self._first("declaration_exports", "scorecard_id = ?", [scorecard_id])
        if row is None:
            return None
        return DeclarationExport(
            scorecard_id=row["scorecard_id"],
            reason=row["reason"],
            file_name=row["file_name"],
            file_sha256=row["file_sha256"],
            pdf=bytes(row["pdf"]),
            exported_at=row["exported_at"],
        )

    def record_declaration_export(self, record: DeclarationExport) -> None:
        with self.transaction():
            self._insert_row(
                "declaration_exports",
                {
                    "scorecard_id": record.scorecard_id,
                    "reason": record.reason,
                    "file_name": record.file_name,
                    "file_sha256": record.file_sha256,
                    "pdf": record.pdf,
                    "exported_at": record.exported_at,
                },
            )
            self._audit(
                "declaration-export",
                scorecard_id=record.scorecard_id,
                field="file_sha256",
                new=record.file_sha256,
            )

    def withdraw_declared_conflict(self, scorecard_id: int) -> None:
        """Undo an on-site declaration: the conflict row goes, the card is a draft again
        and its conflict note is cleared (audited)."""
        with self.transaction():
            rows = self._rows(
                "SELECT s.candidate_id, s.evaluator_code, s.status, s.conflict_note,"
                " s.round_code, c.credit_code FROM scorecards s JOIN candidates c"
                " ON c.id = s.candidate_id WHERE s.id = ?",
                [scorecard_id],
            )
            if not rows:
                raise NotFound(f"no scorecard with id {scorecard_id}")
            old = rows[0]
            self._execute(
                "DELETE FROM conflicts WHERE candidate_id = ? AND evaluator_code = ?"
                " AND declared_by = 'evaluator'",
                [old["candidate_id"], old["evaluator_code"]],
            )
            self._update_rows(
                "scorecards",
                {
                    "status": ScorecardStatus.DRAFT.value,
                    "conflict_note": "",
                    "updated_at": utc_now(),
                },
                "id = ?",
                [scorecard_id],
            )
            subject = {
                "scorecard_id": scorecard_id,
                "round_code": old["round_code"],
                "credit_code": old["credit_code"],
                "evaluator_code": old["evaluator_code"],
            }
            self._audit(
                "conflict-withdrawn",
                **subject,
                field="status",
                old=old["status"],
                new=ScorecardStatus.DRAFT.value,
            )
            self._audit(
                "conflict-withdrawn", **subject, field="conflict_note", old=old["conflict_note"]
            )

    # ----- the secretariat's side ----------------------------------------------------

    def received_declaration(self, file_sha256: str) -> ReceivedDeclaration | None:
        rows = self._rows(
            "SELECT d.*, c.credit_code FROM received_declarations d JOIN candidates c"
            " ON c.id = d.candidate_id WHERE d.file_sha256 = ?",
            [file_sha256],
        )
        if not rows:
            return None
        row = rows[0]
        return ReceivedDeclaration(
            file_sha256=row["file_sha256"],
            file_name=row["file_name"],
            round_code=row["round_code"],
            credit_code=row["credit_code"],
            evaluator_code=row["evaluator_code"],
            reason=row["reason"],
            declared_at=row["declared_at"],
            signer_fingerprint=row["signer_fingerprint"],
        )

    def record_received_declaration(self, received: ReceivedDeclaration) -> None:
        """The declaration's file and the conflict it declares, together, audited."""
        with self.transaction():
            self._insert_row(
                "received_declarations",
                {
                    "file_sha256": received.file_sha256,
                    "file_name": received.file_name,
                    "round_code": received.round_code,
                    "candidate_id": self._candidate_id(received.credit_code),
                    "evaluator_code": received.evaluator_code,
                    "reason": received.reason,
                    "declared_at": received.declared_at,
                    "signer_fingerprint": received.signer_fingerprint,
                    "received_at": utc_now(),
                },
            )
            self.add_conflict(
                Conflict(
                    received.credit_code,
                    received.evaluator_code,
                    received.reason,
                    declared_by="evaluator",
                )
            )
            self._audit(
                "conflict-declared",
                round_code=received.round_code,
                credit_code=received.credit_code,
                evaluator_code=received.evaluator_code,
                field="reason",
                new=received.reason,
            )
