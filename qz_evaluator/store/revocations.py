"""Revoked evaluator certificates (secretariat side)."""

from __future__ import annotations

from typing import Any, NamedTuple

from qz_evaluator.store.base import utc_now
from qz_evaluator.store.roster import RosterStore


class Revocation(NamedTuple):
    fingerprint: str
    evaluator_code: str
    reason: str
    revoked_at: str  # ISO 8601 with offset: from this moment the key's signatures count no more
    recorded_at: str
    actor: str


class RevocationStore(RosterStore):
    def record_revocation(
        self, fingerprint: str, evaluator_code: str, reason: str, revoked_at: str
    ) -> None:
        with self.transaction():
            self.evaluator(evaluator_code)
            self._insert_row(
                "certificate_revocations",
                {
                    "fingerprint": fingerprint,
                    "evaluator_code": evaluator_code,
                    "reason": reason,
                    "revoked_at": revoked_at,
                    "recorded_at": utc_now(),
                    "actor": self.actor,
                },
            )
            self._audit(
                "certificate-revoked",
                evaluator_code=evaluator_code,
                field="certificate",
                old=fingerprint,
                new=reason,
            )

    @staticmethod
    def _revocation(row: dict[str, Any]) -> Revocation:
        return Revocation(
            fingerprint=row["fingerprint"],
            evaluator_code=row["evaluator_code"],
            reason=row["reason"],
            revoked_at=row["revoked_at"],
            recorded_at=row["recorded_at"],
            actor=row["actor"],
        )

    def revocation(self, fingerprint: str) -> Revocation | None:
        row = self._first("certificate_revocations", "fingerprint = ?", [fingerprint])
        return self._revocation(row) if row else None

    def revocations(self, evaluator_code: str | None = None) -> list[Revocation]:
        sql, params = self._filtered(
            "SELECT * FROM certificate_revocations", [("evaluator_code", evaluator_code)]
        )
        rows = self._rows(sql + " ORDER BY revoked_at, fingerprint", params)
        return [self._revocation(row) for row in rows]
