"""The secretariat's merged scorecards, merge log, consensus notes and final results.

`domain.scorecard_document` (and its edit history) is imported where a document is read
or written, not with this module: the evaluator's window opens its workspace through
`store.workspace` without ever reading a merged scorecard (benchmarks/bench_ui.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.scorecard import SubmissionStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.store.base import StoreBase, utc_now
from qz_evaluator.store.errors import NotFound

if TYPE_CHECKING:
    from qz_evaluator.domain.scorecard_document import ScorecardDocument


class Submission(NamedTuple):
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


class StoredNote(NamedTuple):
    round_code: str
    credit_code: str
    item_code: str
    author: str
    text: str
    agreed_percent: int | None
    recorded_at: str


_STATUSES = {status.value: status for status in SubmissionStatus}
_COLUMNS = (
    "id",
    "file_sha256",
    "file_name",
    "round_code",
    "evaluator_code",
    "revision",
    "status",
    "total",
    "signer_fingerprint",
    "received_at",
    "credit_code",
)


class SubmissionStore(StoreBase):
    # Hand-written: the credit code comes from a join with candidates.
    _SUBMISSION_SQL = (
        "SELECT "
        + ", ".join(f"c.{n}" if n == "credit_code" else f"s.{n}" for n in _COLUMNS)
        + " FROM submissions s JOIN candidates c ON c.id = s.candidate_id"
    )

    @staticmethod
    def _submission(row: dict[str, Any]) -> Submission:
        return SubmissionStore._from_tuple(tuple(row[name] for name in _COLUMNS))

    @staticmethod
    def _from_tuple(row: tuple[Any, ...]) -> Submission:
        # Positional, in _SUBMISSION_SQL's order: results build 50,000 of these per round.
        (id_, sha, name, round_code, evaluator, revision, status, total, signer, received,
         credit_code) = row  # fmt: skip
        return Submission(
            id=id_,
            file_sha256=sha,
            file_name=name,
            round_code=round_code,
            credit_code=credit_code,
            evaluator_code=evaluator,
            revision=revision,
            status=_STATUSES[status],
            total=total,
            signer_fingerprint=signer,
            received_at=received,
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

    def accepted_keys(self, round_code: str | None = None) -> set[tuple[str, str, str]]:
        """(round, credit code, evaluator) of every accepted scorecard; `data` is not read."""
        # Hand-written: a join that selects the key columns only.
        sql, params = self._filtered(
            "SELECT s.round_code, c.credit_code, s.evaluator_code FROM submissions s"
            " JOIN candidates c ON c.id = s.candidate_id",
            [("s.status", SubmissionStatus.ACCEPTED.value), ("s.round_code", round_code)],
        )
        return {
            (row["round_code"], row["credit_code"], row["evaluator_code"])
            for row in self._rows(sql, params)
        }

    def submission_keys(self) -> list[tuple[str, str, str]]:
        """(round, credit code, evaluator) of every scorecard merged, whatever its status,
        once each: what a paper code's key hash is looked up among."""
        cursor = self._execute(
            "SELECT DISTINCT s.round_code, c.credit_code, s.evaluator_code FROM submissions s"
            " JOIN candidates c ON c.id = s.candidate_id",
            [],
        )
        return [(str(r), str(c), str(e)) for r, c, e in cursor.fetchall()]

    def submissions_stamp(self) -> tuple[int, int]:
        """(count, highest id) of the merged files: changes whenever one is added or
        removed, so what is derived from `submission_keys` can be kept until then."""
        row = self._execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM submissions").fetchone()
        return int(row[0]), int(row[1])

    def merged_revisions(self, round_code: str, evaluator_code: str) -> dict[str, int]:
        """Per candidate: the highest revision of the evaluator's scorecard merged in the
        round, whatever its status (accepted, superseded or a rival in conflict)."""
        cursor = self._execute(
            "SELECT c.credit_code, MAX(s.revision) FROM submissions s"
            " JOIN candidates c ON c.id = s.candidate_id"
            " WHERE s.round_code = ? AND s.evaluator_code = ? GROUP BY c.credit_code",
            [round_code, evaluator_code],
        )
        return {credit_code: int(revision) for credit_code, revision in cursor.fetchall()}

    def iter_panel_rows(
        self, *, round_code: str
    ) -> Iterator[tuple[str, str, SubmissionStatus, list[int | None]]]:
        """(credit code, evaluator, status, percentages in criteria order) of a round's
        submissions, streamed in candidate order: the four columns results need,
        as plain tuples and lists (a province's 50,000 `Submission`s cost half a second
        more, and objects keyed by item code another quarter).

        Candidates first (CROSS JOIN keeps that order), by their credit-code index, each
        one's scorecards then read in order from the covering index: no sort of a
        province's 50,000 rows in a temporary B-tree (a fifth of the query's work)."""
        cursor = self._execute(
            "SELECT c.credit_code, s.evaluator_code, s.status, s.percent_row FROM candidates c"
            " CROSS JOIN submissions s ON s.candidate_id = c.id WHERE s.round_code = ?"
            " ORDER BY c.credit_code, s.evaluator_code, s.revision, s.id",
            [round_code],
        )
        from qz_evaluator.domain import scorecard_document as scd

        statuses, decode = _STATUSES, scd.percent_row_from_text
        for credit_code, evaluator_code, status, row in cursor:
            yield credit_code, evaluator_code, statuses[status], decode(row)

    def submission_document(self, submission_id: int) -> ScorecardDocument:
        """The merged scorecard.json of a submission, read and checked again."""
        rows = self._rows("SELECT data FROM submissions WHERE id = ?", [submission_id])
        if not rows:
            raise NotFound("no merged scorecard #{submission_id}", submission_id=submission_id)
        from qz_evaluator.domain import scorecard_document as scd

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
        from qz_evaluator.domain import scorecard_document as scd

        with self.transaction():
            round_code = document.round.code
            credit_code = document.candidate.credit_code
            evaluator_code = document.evaluator.code
            submission_id = self._insert(
                "submissions",
                {
                    "file_sha256": file_sha256,
                    "file_name": file_name,
                    "round_code": round_code,
                    "candidate_id": self._candidate_id(credit_code),
                    "evaluator_code": evaluator_code,
                    "revision": document.revision,
                    "status": status.value,
                    "total": format_points(document.total),
                    "signer_fingerprint": signer_fingerprint,
                    "data": scd.to_bytes(document).decode("utf-8"),
                    "percent_row": scd.percent_row_text(
                        document.percentages(), criteria_set(document.criteria_id)
                    ),
                    "received_at": utc_now(),
                },
            )
            self._audit(
                "submission",
                submission_id=submission_id,
                round_code=round_code,
                credit_code=credit_code,
                evaluator_code=evaluator_code,
                field="status",
                new=status.value,
            )
            return submission_id

    def submission_evaluators(self, round_code: str) -> set[str]:
        """The evaluators who sent files merged in the round (as refusal_evaluators)."""
        rows = self._where(
            "submissions", "round_code = ?", [round_code], select="DISTINCT evaluator_code"
        )
        return {str(row["evaluator_code"]) for row in rows}

    def set_submission_status(self, submission_id: int, status: SubmissionStatus) -> None:
        with self.transaction():
            # Hand-written: the credit code comes from a join with candidates.
            rows = self._rows(
                "SELECT s.round_code, s.evaluator_code, s.status, c.credit_code FROM submissions s"
                " JOIN candidates c ON c.id = s.candidate_id WHERE s.id = ?",
                [submission_id],
            )
            if not rows:
                raise NotFound("no submission with id {submission_id}", submission_id=submission_id)
            old = rows[0]
            self.db.table("submissions").update(submission_id, {"status": status.value})
            self._audit(
                "submission",
                submission_id=submission_id,
                round_code=old["round_code"],
                credit_code=old["credit_code"],
                evaluator_code=old["evaluator_code"],
                field="status",
                old=old["status"],
                new=status.value,
            )

    def log_merge(self, file_name: str, file_sha256: str, outcome: str, message: str) -> None:
        with self.transaction():
            self.db.table("merge_log").insert(
                {
                    "at": utc_now(),
                    "actor": self.actor,
                    "file_name": file_name,
                    "file_sha256": file_sha256,
                    "outcome": outcome,
                    "message": message,
                }
            )

    def merge_log(self) -> list[dict[str, Any]]:
        return self._where("merge_log", order_by="id")

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
            candidate_id = self._candidate_id(credit_code)
            key = (round_code, candidate_id, item_code)
            old = self._first(
                "consensus_notes", "round_code = ? AND candidate_id = ? AND item_code = ?", key
            )
            self.db.table("consensus_notes").upsert(
                {
                    "round_code": round_code,
                    "candidate_id": candidate_id,
                    "item_code": item_code,
                    "author": author,
                    "text": text,
                    "agreed_percent": agreed_percent,
                    "recorded_at": utc_now(),
                },
                pk=("round_code", "candidate_id", "item_code"),
            )
            for field, value in (("text", text), ("agreed_percent", agreed_percent)):
                before = old[field] if old else None
                if old is None or before != value:
                    self._audit(
                        "consensus",
                        round_code=round_code,
                        credit_code=credit_code,
                        item_code=item_code,
                        field=field,
                        old=before,
                        new=value,
                    )

    def consensus_notes(self, round_code: str, credit_code: str | None = None) -> list[StoredNote]:
        # Hand-written: a join, one query for the round.
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

    def _official(self, round_code: str, candidate_id: int) -> str | None:
        row = self._first(
            "result_status",
            "round_code = ? AND candidate_id = ?",
            [round_code, candidate_id],
            select="official",
        )
        return str(row["official"]) if row else None

    def set_result_final(self, round_code: str, credit_code: str, official: str, rule: str) -> None:
        with self.transaction():
            candidate_id = self._candidate_id(credit_code)
            old = self._official(round_code, candidate_id)
            self.db.table("result_status").upsert(
                {
                    "round_code": round_code,
                    "candidate_id": candidate_id,
                    "official": official,
                    "rule": rule,
                    "finalised_at": utc_now(),
                    "actor": self.actor,
                },
                pk=("round_code", "candidate_id"),
            )
            self._audit(
                "result-final",
                round_code=round_code,
                credit_code=credit_code,
                field="official",
                old=old,
                new=official,
            )

    def clear_result_final(self, round_code: str, credit_code: str) -> None:
        with self.transaction():
            candidate_id = self._candidate_id(credit_code)
            old = self._official(round_code, candidate_id)
            if old is None:
                return
            self.db.table("result_status").delete_where(
                "round_code = ? AND candidate_id = ?", [round_code, candidate_id]
            )
            self._audit(
                "result-cleared",
                round_code=round_code,
                credit_code=credit_code,
                field="official",
                old=old,
            )

    def final_results(self, round_code: str) -> dict[str, dict[str, Any]]:
        # Hand-written: a join, one query for the round.
        rows = self._rows(
            "SELECT r.*, c.credit_code FROM result_status r JOIN candidates c"
            " ON c.id = r.candidate_id WHERE r.round_code = ?",
            [round_code],
        )
        return {row["credit_code"]: row for row in rows}

    def remove_panel(self, round_code: str, credit_code: str) -> None:
        with self.transaction():
            self.db.table("panel_members").delete_where(
                "round_code = ? AND candidate_id = ?", [round_code, self._candidate_id(credit_code)]
            )
