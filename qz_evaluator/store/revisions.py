"""Revision floors (evaluator side): how far an evaluator's scorecards got elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from qz_evaluator.store.base import StoreBase, utc_now

# (round code, credit code) → revision, for one evaluator
Revisions = dict[tuple[str, str], int]


class RevisionStore(StoreBase):
    def revision_floor(self, round_code: str, credit_code: str, evaluator_code: str) -> int:
        """The highest revision known to exist elsewhere (0: none known)."""
        row = self._first(
            "revision_floors",
            "round_code = ? AND credit_code = ? AND evaluator_code = ?",
            [round_code, credit_code, evaluator_code],
            select="revision",
        )
        return int(row["revision"]) if row else 0

    def raise_revision_floors(
        self, evaluator_code: str, revisions: Iterable[tuple[str, str, int]], source: str
    ) -> list[tuple[str, str, int]]:
        """Raise the floors to the (round, credit code, revision) given; a floor never
        goes down. Returns the floors that rose, each audited with its source (a key
        backup, an assignment package)."""
        raised: list[tuple[str, str, int]] = []
        with self.transaction():
            for round_code, credit_code, revision in revisions:
                old = self.revision_floor(round_code, credit_code, evaluator_code)
                if revision <= old:
                    continue
                self._execute(
                    "INSERT INTO revision_floors (round_code, credit_code, evaluator_code,"
                    " revision, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT DO UPDATE SET revision = excluded.revision,"
                    " source = excluded.source, recorded_at = excluded.recorded_at",
                    [round_code, credit_code, evaluator_code, revision, source, utc_now()],
                )
                self._audit(
                    "revision-floor",
                    round_code=round_code,
                    credit_code=credit_code,
                    evaluator_code=evaluator_code,
                    field=source,
                    old=old or None,
                    new=revision,
                )
                raised.append((round_code, credit_code, revision))
        return raised

    def last_revisions(self, evaluator_code: str) -> Revisions:
        """Per (round, candidate): the highest revision this workspace exported or knows
        of (its floors) for the evaluator, what a key backup carries to a new laptop."""
        found: Revisions = {}
        exported = self._execute(
            "SELECT s.round_code, c.credit_code, MAX(e.revision) FROM exports e"
            " JOIN scorecards s ON s.id = e.scorecard_id"
            " JOIN candidates c ON c.id = s.candidate_id"
            " WHERE s.evaluator_code = ? GROUP BY s.round_code, c.credit_code",
            [evaluator_code],
        )
        floors = self._execute(
            "SELECT round_code, credit_code, revision FROM revision_floors"
            " WHERE evaluator_code = ?",
            [evaluator_code],
        )
        for round_code, credit_code, revision in [*exported.fetchall(), *floors.fetchall()]:
            key = (round_code, credit_code)
            found[key] = max(found.get(key, 0), int(revision))
        return found
