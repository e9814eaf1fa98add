"""The secretariat's merged scorecards, merge log, consensus notes and final results."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard_document import ScorecardDocument, SubmissionStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.store.base import StoreBase, utc_now
from qz_evaluator.store.errors import NotFound


@dataclass(frozen=True, slots=True)
class Submission:
    id: int
    file_sha256: str
    file_name: str
    round_code: str
    credit_code: str
    evaluator_code: str
    revision: int
    status: SubmissionStatus
    total: str
    signer_fingerprint: str
    received_at: str
    percentages: Mapping[str, int | None]  # the items' percentages; the whole document
    # is read with `submission_document` (results read thousands, and only these)


@dataclass(frozen=True, slots=True)
class StoredNote:
    round_code: str
    credit_code: str
    item_code: str
    author: str
    text: str
    agreed_percent: int | None
    recorded_at: str


class SubmissionStore(StoreBase):
    _SUBMISSION_SQL = (
        "SELECT s.id, s.file_sha256, s.file_name, s.round_code, s.evaluator_code, s.revision,"
        " s.status, s.total, s.signer_fingerprint, s.received_at, s.percentages, c.credit_code"
        " FROM submissions s JOIN candidates c ON c.id = s.candidate_id"
    )

    @staticmethod
    def _submission(row: dict[str, Any]) -> Submission:
        return Submission(
            id=row["id"],
            file_sha256=row["file_sha256"],
            file_name=row["file_name"],
            round_code=row["round_code"],
            credit_code=row["credit_code"],
            evaluator_code=row["evaluator_code"],
            revision=row["revision"],
            status=SubmissionStatus(row["status"]),
            total=row["total"],
            signer_fingerprint=row["signer_fingerprint"],
            received_at=row["received_at"],
            percentages=scd.percentages_from_text(row["percentages"]),
        )

    def submission_by_sha(self, sha256: str) -> Submission | None:
        rows = self._rows(self._SUBMISSION_SQL + " WHERE s.file_sha256 = ?", [sha256])
        return self._submission(rows[0]) if rows else None

    def submissions(
        self,
        *,
        round_code: str | None = None,
        credit_code: str | None = None,
        evaluator_code: str | None = None,
        statuses: Iterable[SubmissionStatus] | None = None,
    ) -> list[Submission]:
        filters: list[tuple[str, object]] = [
            ("s.round_code", round_code),
            ("c.credit_code", credit_code),
            ("s.evaluator_code", evaluator_code),
        ]
        sql, params = self._filtered(self._SUBMISSION_SQL, filters)
        if statuses is not None:
            wanted = [status.value for status in statuses]
            sql += " AND " if params else " WHERE "
            sql += f"s.status IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        sql += " ORDER BY s.round_code, c.credit_code, s.evaluator_code, s.revision, s.id"
        return [self._submission(row) for row in self._rows(sql, params)]

    def iter_submissions(self, *, round_code: str) -> Iterator[Submission]:
        """A round's submissions, streamed in candidate order (a province holds 50,000)."""
        cursor = self._execute(
            self._SUBMISSION_SQL + " WHERE s.round_code = ?"
            " ORDER BY c.credit_code, s.evaluator_code, s.revision, s.id",
            [round_code],
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield self._submission(dict(zip(names, row, strict=True)))

    def submission_keys(self, status: SubmissionStatus) -> set[tuple[str, str, str]]:
        """(round, candidate, evaluator) of the submissions with `status`, and nothing else."""
        cursor = self._execute(
            "SELECT s.round_code, c.credit_code, s.evaluator_code FROM submissions s"
            " JOIN candidates c ON c.id = s.candidate_id WHERE s.status = ?",
            [status.value],
        )
        return {(r, c, e) for r, c, e in cursor}

    def submission_document(self, submission_id: int) -> ScorecardDocument:
        """The merged scorecard.json of a submission, read and checked again."""
        rows = self._rows("SELECT data FROM submissions WHERE id = ?", [submission_id])
        if not rows:
            raise NotFound(f"no merged scorecard #{submission_id}")
        return scd.from_bytes(rows[0]["data"], criteria_set)

    def add_submission(
        self,
        *,
        document: ScorecardDocument,
        file_sha256: str,
        file_name: str,
        status: SubmissionStatus,
        signer_fingerprint: str,
    ) -> int:
        with self.transaction():
            cursor = self._execute(
                "INSERT INTO submissions (file_sha256, file_name, round_code, candidate_id,"
                " evaluator_code, revision, status, total, signer_fingerprint, data,"
                " percentages, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    file_sha256,
                    file_name,
                    document.round.code,
                    self._candidate_id(document.candidate.credit_code),
                    document.evaluator.code,
                    document.revision,
                    status.value,
                    format_points(document.total),
                    signer_fingerprint,
                    scd.to_bytes(document).decode("utf-8"),
                    scd.percentages_text(document),
                    utc_now(),
                ],
            )
            return int(cursor.lastrowid or 0)

    def set_submission_status(self, submission_id: int, status: SubmissionStatus) -> None:
        with self.transaction():
            self._execute(
                "UPDATE submissions SET status = ? WHERE id = ?", [status.value, submission_id]
            )

    def log_merge(self, file_name: str, file_sha256: str, outcome: str, message: str) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO merge_log (at, actor, file_name, file_sha256, outcome, message)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [utc_now(), self.actor, file_name, file_sha256, outcome, message],
            )

    def merge_log(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM merge_log ORDER BY id")

    def set_consensus_note(
        self,
        round_code: str,
        credit_code: str,
        item_code: str,
        author: str,
        text: str,
        agreed_percent: int | None,
    ) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO consensus_notes (round_code, candidate_id, item_code, author, text,"
                " agreed_percent, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO UPDATE SET author = excluded.author, text = excluded.text,"
                " agreed_percent = excluded.agreed_percent, recorded_at = excluded.recorded_at",
                [
                    round_code,
                    self._candidate_id(credit_code),
                    item_code,
                    author,
                    text,
                    agreed_percent,
                    utc_now(),
                ],
            )
            self._audit("consensus", None, item_code, credit_code, None, text)

    def consensus_notes(self, round_code: str, credit_code: str | None = None) -> list[StoredNote]:
        sql = (
            "SELECT n.*, c.credit_code FROM consensus_notes n JOIN candidates c"
            " ON c.id = n.candidate_id WHERE n.round_code = ?"
        )
        params: list[Any] = [round_code]
        if credit_code is not None:
            sql += " AND c.credit_code = ?"
            params.append(credit_code)
        return [
            StoredNote(
                round_code=row["round_code"],
                credit_code=row["credit_code"],
                item_code=row["item_code"],
                author=row["author"],
                text=row["text"],
                agreed_percent=row["agreed_percent"],
                recorded_at=row["recorded_at"],
            )
            for row in self._rows(sql + " ORDER BY c.credit_code, n.item_code", params)
        ]

    def set_result_final(self, round_code: str, credit_code: str, official: str, rule: str) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO result_status (round_code, candidate_id, official, rule,"
                " finalised_at, actor) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                " official = excluded.official, rule = excluded.rule,"
                " finalised_at = excluded.finalised_at, actor = excluded.actor",
                [
                    round_code,
                    self._candidate_id(credit_code),
                    official,
                    rule,
                    utc_now(),
                    self.actor,
                ],
            )
            self._audit("result-final", None, None, credit_code, None, official)

    def clear_result_final(self, round_code: str, credit_code: str) -> None:
        with self.transaction():
            self._execute(
                "DELETE FROM result_status WHERE round_code = ? AND candidate_id = ?",
                [round_code, self._candidate_id(credit_code)],
            )

    def final_results(self, round_code: str) -> dict[str, dict[str, Any]]:
        rows = self._rows(
            "SELECT r.*, c.credit_code FROM result_status r JOIN candidates c"
            " ON c.id = r.candidate_id WHERE r.round_code = ?",
            [round_code],
        )
        return {row["credit_code"]: row for row in rows}

    def remove_panel(self, round_code: str, credit_code: str) -> None:
        with self.transaction():
            self._execute(
                "DELETE FROM panel_members WHERE round_code = ? AND candidate_id = ?",
                [round_code, self._candidate_id(credit_code)],
            )
