"""Scorecards, their items and audit trail, certificates and exported files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus, TextField
from qz_evaluator.store.base import StoreBase, utc_now
from qz_evaluator.store.errors import (
    NotFound,
)


@dataclass(frozen=True, slots=True)
class ExportRecord:
    scorecard_id: int
    revision: int
    content_sha256: str
    file_sha256: str
    file_name: str
    pdf: bytes
    exported_at: str


class ScorecardStore(StoreBase):
    def _load_scorecard(self, row: dict[str, Any]) -> Scorecard:
        entries = {
            item["item_code"]: ItemEntry(
                item_code=item["item_code"],
                percent=item["percent"],
                strengths=item["strengths"],
                ofis=item["ofis"],
                evidence=item["evidence"],
            )
            for item in self._rows(
                "SELECT * FROM scorecard_items WHERE scorecard_id = ?", [row["id"]]
            )
        }
        return Scorecard(
            id=row["id"],
            round_code=row["round_code"],
            credit_code=row["credit_code"],
            evaluator_code=row["evaluator_code"],
            criteria_id=row["criteria_id"],
            status=ScorecardStatus(row["status"]),
            revision=row["revision"],
            entries=entries,
            conflict_note=row["conflict_note"],
        )

    _SCORECARD_SQL = (
        "SELECT s.*, c.credit_code FROM scorecards s JOIN candidates c ON c.id = s.candidate_id"
    )

    def find_scorecard(
        self, round_code: str, credit_code: str, evaluator_code: str
    ) -> Scorecard | None:
        rows = self._rows(
            self._SCORECARD_SQL
            + " WHERE s.round_code = ? AND c.credit_code = ? AND s.evaluator_code = ?",
            [round_code, credit_code, evaluator_code],
        )
        return self._load_scorecard(rows[0]) if rows else None

    def scorecard(self, round_code: str, credit_code: str, evaluator_code: str) -> Scorecard:
        found = self.find_scorecard(round_code, credit_code, evaluator_code)
        if found is None:
            raise NotFound(
                f"no scorecard of evaluator {evaluator_code} for candidate {credit_code} in round"
                f" {round_code}"
            )
        return found

    def scorecard_by_id(self, scorecard_id: int) -> Scorecard:
        rows = self._rows(self._SCORECARD_SQL + " WHERE s.id = ?", [scorecard_id])
        if not rows:
            raise NotFound(f"no scorecard with id {scorecard_id}")
        return self._load_scorecard(rows[0])

    def scorecards(
        self,
        *,
        round_code: str | None = None,
        evaluator_code: str | None = None,
        credit_code: str | None = None,
    ) -> list[Scorecard]:
        filters: list[tuple[str, object]] = [
            ("s.round_code", round_code),
            ("s.evaluator_code", evaluator_code),
            ("c.credit_code", credit_code),
        ]
        sql, params = self._filtered(self._SCORECARD_SQL, filters)
        sql += " ORDER BY s.round_code, c.name, s.evaluator_code"
        return [self._load_scorecard(row) for row in self._rows(sql, params)]

    def scorecard_progress(
        self, *, round_code: str, evaluator_code: str
    ) -> dict[str, tuple[str, int]]:
        """credit code → (status, items scored), cheap enough for a list of 1,000."""
        rows = self._rows(
            "SELECT c.credit_code, s.status, COUNT(i.percent) AS scored FROM scorecards s"
            " JOIN candidates c ON c.id = s.candidate_id"
            " LEFT JOIN scorecard_items i ON i.scorecard_id = s.id"
            " WHERE s.round_code = ? AND s.evaluator_code = ? GROUP BY s.id",
            [round_code, evaluator_code],
        )
        return {row["credit_code"]: (row["status"], int(row["scored"])) for row in rows}

    def ensure_scorecard(
        self, round_code: str, credit_code: str, evaluator_code: str, criteria_id: str
    ) -> Scorecard:
        with self.transaction():
            existing = self.find_scorecard(round_code, credit_code, evaluator_code)
            if existing is not None:
                return existing
            now = utc_now()
            self._execute(
                "INSERT INTO scorecards (round_code, candidate_id, evaluator_code, criteria_id,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    round_code,
                    self._candidate_id(credit_code),
                    evaluator_code,
                    criteria_id,
                    now,
                    now,
                ],
            )
            self._audit("scorecard-created", None, None, None, None, None)
        return self.scorecard(round_code, credit_code, evaluator_code)

    def _touch(self, scorecard_id: int) -> None:
        self._execute(
            "UPDATE scorecards SET updated_at = ? WHERE id = ?", [utc_now(), scorecard_id]
        )

    def _ensure_item(self, scorecard_id: int, item_code: str) -> dict[str, Any]:
        rows = self._rows(
            "SELECT * FROM scorecard_items WHERE scorecard_id = ? AND item_code = ?",
            [scorecard_id, item_code],
        )
        if rows:
            return rows[0]
        self._execute(
            "INSERT INTO scorecard_items (scorecard_id, item_code, updated_at) VALUES (?, ?, ?)",
            [scorecard_id, item_code, utc_now()],
        )
        return {"percent": None, "strengths": "", "ofis": "", "evidence": ""}

    def set_item_percent(self, scorecard_id: int, item_code: str, percent: int | None) -> bool:
        """Write one percentage and its audit row in one transaction; False if unchanged."""
        with self.transaction():
            old = self._ensure_item(scorecard_id, item_code)["percent"]
            if old == percent:
                return False
            self._execute(
                "UPDATE scorecard_items SET percent = ?, updated_at = ? WHERE scorecard_id = ?"
                " AND item_code = ?",
                [percent, utc_now(), scorecard_id, item_code],
            )
            self._touch(scorecard_id)
            self._audit("score", scorecard_id, item_code, "percent", old, percent)
        return True

    def set_item_text(self, scorecard_id: int, item_code: str, field: TextField, text: str) -> bool:
        with self.transaction():
            old = self._ensure_item(scorecard_id, item_code)[field.value]
            if old == text:
                return False
            self._execute(
                f"UPDATE scorecard_items SET {field.value} = ?, updated_at = ?"
                " WHERE scorecard_id = ? AND item_code = ?",
                [text, utc_now(), scorecard_id, item_code],
            )
            self._touch(scorecard_id)
            self._audit("note", scorecard_id, item_code, field.value, old, text)
        return True

    def set_scorecard_status(
        self, scorecard_id: int, status: ScorecardStatus, note: str = ""
    ) -> None:
        with self.transaction():
            old = self.scorecard_by_id(scorecard_id).status
            self._execute(
                "UPDATE scorecards SET status = ?, conflict_note = CASE WHEN ? != '' THEN ?"
                " ELSE conflict_note END, updated_at = ? WHERE id = ?",
                [status.value, note, note, utc_now(), scorecard_id],
            )
            self._audit("status", scorecard_id, None, "status", old.value, status.value)

    def set_scorecard_revision(self, scorecard_id: int, revision: int) -> None:
        with self.transaction():
            old = self.scorecard_by_id(scorecard_id).revision
            self._execute(
                "UPDATE scorecards SET revision = ?, updated_at = ? WHERE id = ?",
                [revision, utc_now(), scorecard_id],
            )
            self._audit("revision", scorecard_id, None, "revision", old, revision)

    def set_certificate(self, purpose: str, pem: str, fingerprint: str) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO certificates (purpose, pem, fingerprint, installed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (purpose) DO UPDATE SET pem = excluded.pem,"
                " fingerprint = excluded.fingerprint, installed_at = excluded.installed_at",
                [purpose, pem, fingerprint, utc_now()],
            )
            self._audit("certificate", None, None, purpose, None, fingerprint)

    def certificate(self, purpose: str) -> str | None:
        rows = self._rows("SELECT pem FROM certificates WHERE purpose = ?", [purpose])
        return str(rows[0]["pem"]) if rows else None

    def record_export(self, record: ExportRecord) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO exports (scorecard_id, revision, content_sha256, file_sha256,"
                " file_name, pdf, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    record.scorecard_id,
                    record.revision,
                    record.content_sha256,
                    record.file_sha256,
                    record.file_name,
                    record.pdf,
                    record.exported_at,
                ],
            )
            self._execute(
                "UPDATE scorecards SET revision = ? WHERE id = ?",
                [record.revision, record.scorecard_id],
            )
            self._audit("export", record.scorecard_id, None, "revision", None, record.revision)

    def last_export(self, scorecard_id: int) -> ExportRecord | None:
        rows = self._rows(
            "SELECT * FROM exports WHERE scorecard_id = ? ORDER BY revision DESC LIMIT 1",
            [scorecard_id],
        )
        if not rows:
            return None
        row = rows[0]
        return ExportRecord(
            scorecard_id=row["scorecard_id"],
            revision=row["revision"],
            content_sha256=row["content_sha256"],
            file_sha256=row["file_sha256"],
            file_name=row["file_name"],
            pdf=bytes(row["pdf"]),
            exported_at=row["exported_at"],
        )

    def scorecard_times(self, scorecard_id: int) -> tuple[str, str]:
        row = self._rows(
            "SELECT created_at, updated_at FROM scorecards WHERE id = ?", [scorecard_id]
        )[0]
        return str(row["created_at"]), str(row["updated_at"])
