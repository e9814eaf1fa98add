"""Candidates of the three-tier pool and their tier history.

Search finds a candidate by a piece of its name, county or industry (Chinese substring
search), by a piece of its credit code ("91330800", case-insensitive), or by the
initials of its name's pinyin ("qzbt" finds 衢州博韬…). Initials are computed once per
name (pypinyin, imported on the first such search) and kept for the open workspace.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.store.base import StoreBase, translate_error, utc_now
from qz_evaluator.store.errors import (
    NotFound,
    StoreError,
)

# A query that may be a piece of a credit code or pinyin initials (letters and digits).
_LATIN_QUERY = re.compile(r"[0-9A-Za-z]+")


def pinyin_initials(text: str) -> str:
    """The first letters of the pinyin of `text`'s Chinese characters, lower case; other
    letters and digits as they are ("衢州博韬" → "qzbt", "3M 中国" → "3mzg")."""
    from pypinyin import Style, lazy_pinyin  # ~0.6 s: only once a search needs it

    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for ch in "".join(letters).lower() if ch.isascii() and ch.isalnum())


# What `iter_candidates` selects, in the order of Candidate's fields.
_CANDIDATE_COLUMNS = (
    "c.credit_code, c.name, c.county, c.industry, c.tier, c.contact_person, c.contact_phone,"
    " c.id, c.withdrawn"
)
_CANDIDATE_FIELDS = (
    "name",
    "county",
    "industry",
    "contact_person",
    "contact_phone",
    "tier",
    "withdrawn",
)


class CandidateBatches:
    """Writes a large candidate import in batches, inside the caller's transaction (so it
    stays all or nothing), and remembers each credit code's line in a temporary table
    rather than in memory: a million rows cost the same memory as a thousand.

    Made by `PoolStore.candidate_batches`; `earlier_lines` finds codes already imported
    by this import, `write` inserts new candidates (with their first tier record) and
    updates changed ones as `upsert_candidate` would."""

    def __init__(self, store: PoolStore, entered_on: date, reason: str) -> None:
        self.store = store
        self.entered_on = entered_on.isoformat()
        self.reason = reason

    def earlier_lines(self, codes: Iterable[str]) -> dict[str, int]:
        """Credit code → its line, for the codes an earlier batch of this import wrote."""
        cursor = self.store._execute(
            "SELECT credit_code, line FROM temp.import_lines"
            " WHERE credit_code IN (SELECT value FROM json_each(?))",
            [json.dumps(list(codes))],
        )
        return {str(code): int(line) for code, line in cursor}

    def write(self, batch: Sequence[tuple[int, Candidate]]) -> tuple[int, int]:
        """Write (line, candidate) rows whose codes are new to this import; (created,
        updated) counts, an unchanged existing candidate counted as updated."""
        store, conn = self.store, self.store.conn
        codes = [candidate.credit_code for _, candidate in batch]
        try:
            conn.executemany(
                "INSERT INTO temp.import_lines (credit_code, line) VALUES (?, ?)",
                [(candidate.credit_code, line) for line, candidate in batch],
            )
        except sqlite3.Error as error:
            raise translate_error(error, store.path) from None
        existing = {
            row["credit_code"]: store._candidate(row)
            for row in store._rows(
                "SELECT * FROM candidates WHERE credit_code IN (SELECT value FROM json_each(?))",
                [json.dumps(codes)],
            )
        }
        now = utc_now()
        new = [candidate for _, candidate in batch if candidate.credit_code not in existing]
        # One statement per batch, its rows in one JSON parameter: the full-text index's
        # trigger then runs inside a single statement, whose pending index data FTS5
        # writes once (per-row statements made it write, and merge, a segment a row:
        # 6× slower).
        columns = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(8))
        try:
            store._execute(
                "INSERT INTO candidates (credit_code, name, county, industry, contact_person,"
                " contact_phone, tier, withdrawn, updated_at, created_at)"
                f" SELECT {columns}, ?, ? FROM json_each(?) ORDER BY key",
                [now, now, json.dumps([[c.credit_code, *_fields(c)] for c in new])],
            )
            store._execute(
                "INSERT INTO tier_history (candidate_id, from_tier, to_tier, changed_on, reason,"
                " recorded_at, actor) SELECT c.id, NULL, c.tier, ?, ?, ?, ?"
                " FROM json_each(?) j JOIN candidates c ON c.credit_code = j.value ORDER BY j.key",
                [
                    self.entered_on,
                    self.reason,
                    now,
                    store.actor,
                    json.dumps([c.credit_code for c in new]),
                ],
            )
        except sqlite3.IntegrityError as error:
            raise translate_error(error, store.path) from None
        for _, candidate in batch:
            old = existing.get(candidate.credit_code)
            if old is not None:
                store._update_candidate(
                    old, candidate, date.fromisoformat(self.entered_on), self.reason, now
                )
        return len(new), len(batch) - len(new)


def _fields(candidate: Candidate) -> tuple[object, ...]:
    """The candidate's values of `_CANDIDATE_FIELDS`, in that order."""
    return (
        candidate.name,
        candidate.county,
        candidate.industry,
        candidate.contact_person,
        candidate.contact_phone,
        candidate.tier.value,
        int(candidate.withdrawn),
    )


class PoolStore(StoreBase):
    # candidate id → (name, its pinyin initials), filled by the first initials search
    _initials: dict[int, tuple[str, str]]

    def _ids_by_initials(self, letters: str) -> list[int]:
        """Candidates whose name's pinyin initials contain `letters` (lower case)."""
        cache = self.__dict__.setdefault("_initials", {})
        found = []
        for row in self.conn.execute("SELECT id, name FROM candidates"):
            candidate_id, name = int(row[0]), str(row[1])
            cached = cache.get(candidate_id)
            if cached is None or cached[0] != name:  # new, or renamed since
                cached = cache[candidate_id] = (name, pinyin_initials(name))
            if letters in cached[1]:
                found.append(candidate_id)
        return found

    @staticmethod
    def _candidate(row: dict[str, Any]) -> Candidate:
        return Candidate(
            id=row["id"],
            credit_code=row["credit_code"],
            name=row["name"],
            county=row["county"],
            industry=row["industry"],
            tier=Tier(row["tier"]),
            contact_person=row["contact_person"],
            contact_phone=row["contact_phone"],
            withdrawn=bool(row["withdrawn"]),
        )

    def upsert_candidate(
        self,
        candidate: Candidate,
        *,
        entered_on: date | None = None,
        reason: str = "entered the pool",
    ) -> Candidate:
        """Insert or update by credit code; a new candidate's entry is its first tier record.

        A changed tier on an existing candidate is recorded in the tier history too.
        """
        now = utc_now()
        fields = dict(zip(_CANDIDATE_FIELDS, _fields(candidate), strict=True))
        with self.transaction():
            existing = self.find_candidate(candidate.credit_code)
            if existing is None:
                record = {
                    "credit_code": candidate.credit_code,
                    **fields,
                    "updated_at": now,
                    "created_at": now,
                }
                candidate_id = self._insert_row("candidates", record)
                self._record_tier(
                    candidate_id, None, candidate.tier, entered_on or date.today(), reason
                )
            else:
                self._update_candidate(existing, candidate, entered_on or date.today(), reason, now)
        return self.candidate(candidate.credit_code)

    def _update_candidate(
        self, existing: Candidate, candidate: Candidate, changed_on: date, reason: str, now: str
    ) -> None:
        """Write a known candidate's new values, if any changed (a changed tier is recorded
        in its history)."""
        values = _fields(candidate)
        if values == _fields(existing):
            return  # nothing changed (the id aside)
        fields: dict[str, Any] = dict(zip(_CANDIDATE_FIELDS, values, strict=True))
        self._update_rows("candidates", {**fields, "updated_at": now}, "id = ?", [existing.id])
        if existing.tier is not candidate.tier:
            self._record_tier(existing.id, existing.tier, candidate.tier, changed_on, reason)

    @contextmanager
    def candidate_batches(self, entered_on: date, reason: str) -> Iterator[CandidateBatches]:
        """A writer of one import's candidates in batches; call inside a transaction, whose
        rollback undoes every batch. Its temporary table of lines is gone afterwards."""
        self._execute("DROP TABLE IF EXISTS temp.import_lines")
        self._execute(
            "CREATE TEMP TABLE import_lines (credit_code TEXT PRIMARY KEY, line INTEGER NOT NULL)"
            " WITHOUT ROWID"
        )
        try:
            yield CandidateBatches(self, entered_on, reason)
        finally:
            self._execute("DROP TABLE IF EXISTS temp.import_lines")

    def set_withdrawn(self, credit_code: str, withdrawn: bool) -> None:
        """Mark a known candidate withdrawn (or back); an unknown code changes nothing."""
        with self.transaction():
            row = self._first("candidates", "credit_code = ?", [credit_code], select="id")
            if row is not None:
                self.db.table("candidates").update(
                    row["id"], {"withdrawn": int(withdrawn), "updated_at": utc_now()}
                )

    def find_candidate(self, credit_code: str) -> Candidate | None:
        # Hand-written: called once per row of a candidate import.
        rows = self._rows("SELECT * FROM candidates WHERE credit_code = ?", [credit_code])
        return self._candidate(rows[0]) if rows else None

    def candidate(self, credit_code: str) -> Candidate:
        found = self.find_candidate(credit_code)
        if found is None:
            raise NotFound(
                "no candidate with credit code {credit_code} in this workspace",
                credit_code=credit_code,
            )
        return found

    def candidates(
        self,
        *,
        tier: Tier | None = None,
        county: str | None = None,
        industry: str | None = None,
        search: str | None = None,
        codes: Iterable[str] | None = None,
    ) -> list[Candidate]:
        return list(
            self.iter_candidates(
                tier=tier, county=county, industry=industry, search=search, codes=codes
            )
        )

    def iter_candidates(
        self,
        *,
        tier: Tier | None = None,
        county: str | None = None,
        industry: str | None = None,
        search: str | None = None,
        codes: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Candidate]:
        """The candidates that match, by tier from the top and then name, read from SQLite
        as they are consumed (a million rows are never held at once); at most `limit` of
        them after skipping `offset`."""
        sql, params = self._candidate_query(tier, county, industry, search, codes)
        sql = f"SELECT {_CANDIDATE_COLUMNS} FROM candidates c" + sql
        sql += " ORDER BY CASE c.tier WHEN 'advantage' THEN 0 WHEN 'potential' THEN 1 ELSE 2 END,"
        sql += " c.name, c.id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else max(0, limit), max(0, offset)]
        cursor = self._execute(sql, params)
        try:
            # Positional, in _CANDIDATE_COLUMNS' order: a third of the cost of a dict and
            # keywords per row (the window's list reads 1,000 of them as it opens).
            for code, name, county, industry, tier, person, phone, id_, withdrawn in cursor:
                yield Candidate(
                    code, name, county, industry, Tier(tier), person, phone, id_, bool(withdrawn)
                )
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None

    def count_candidates(
        self,
        *,
        tier: Tier | None = None,
        search: str | None = None,
    ) -> dict[Tier, int]:
        """How many candidates match, per tier (tiers without any left out)."""
        sql, params = self._candidate_query(tier, None, None, search, None)
        cursor = self._execute(
            "SELECT c.tier, count(*) FROM candidates c" + sql + " GROUP BY c.tier", params
        )
        return {Tier(value): int(count) for value, count in cursor.fetchall()}

    def _candidate_query(
        self,
        tier: Tier | None,
        county: str | None,
        industry: str | None,
        search: str | None,
        codes: Iterable[str] | None,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause (with a leading space, or empty) and its parameters."""
        where: list[str] = []
        params: list[Any] = []
        if tier is not None:
            where.append("c.tier = ?")
            params.append(tier.value)
        if county:
            where.append("c.county = ?")
            params.append(county)
        if industry:
            where.append("c.industry = ?")
            params.append(industry)
        if codes is not None:
            # One JSON parameter instead of one per code: SQLite allows 32,766 parameters.
            where.append("c.credit_code IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(codes)))
        text = (search or "").strip()
        if text:
            either: list[str] = []
            if len(text) >= 3:
                # Trigram tokens need three characters; a phrase query matches substrings.
                either.append(
                    "c.id IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ?)"
                )
                params.append('"' + text.replace('"', '""') + '"')
            else:
                either.append("c.name LIKE ? OR c.county LIKE ? OR c.industry LIKE ?")
                like = "%" + text.replace("%", "").replace("_", "") + "%"
                params.extend([like, like, like])
            if _LATIN_QUERY.fullmatch(text):
                either.append("c.credit_code LIKE ?")  # codes are stored upper case
                params.append(f"%{text.upper()}%")
                if len(text) >= 2 and not text.isdigit():
                    either.append("c.id IN (SELECT value FROM json_each(?))")
                    params.append(json.dumps(self._ids_by_initials(text.lower())))
            where.append("(" + " OR ".join(either) + ")")
        # Hand-written: the FTS subquery and the tier order are beyond rows_where's reach.
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _record_tier(
        self,
        candidate_id: int,
        from_tier: Tier | None,
        to_tier: Tier,
        changed_on: date,
        reason: str,
    ) -> None:
        self._insert_row(
            "tier_history",
            {
                "candidate_id": candidate_id,
                "from_tier": from_tier.value if from_tier else None,
                "to_tier": to_tier.value,
                "changed_on": changed_on.isoformat(),
                "reason": reason,
                "recorded_at": utc_now(),
                "actor": self.actor,
            },
        )

    def _set_tier(self, candidate_id: int, tier: Tier) -> None:
        self.db.table("candidates").update(
            candidate_id, {"tier": tier.value, "updated_at": utc_now()}
        )

    def record_tier_change(self, change: TierChange) -> None:
        with self.transaction():
            candidate_id = self._candidate_id(change.credit_code)
            self._set_tier(candidate_id, change.to_tier)
            self._record_tier(
                candidate_id, change.from_tier, change.to_tier, change.changed_on, change.reason
            )

    def replace_tier_history(self, credit_code: str, changes: list[TierChange]) -> None:
        """Replace a candidate's history (e.g. carried over from the old spreadsheet).

        The candidate's tier becomes the last change's target.
        """
        if not changes:
            raise StoreError(
                "{credit_code}: a tier history needs at least one entry", credit_code=credit_code
            )
        with self.transaction():
            candidate_id = self._candidate_id(credit_code)
            self.db.table("tier_history").delete_where("candidate_id = ?", [candidate_id])
            for change in changes:
                self._record_tier(
                    candidate_id, change.from_tier, change.to_tier, change.changed_on, change.reason
                )
            self._set_tier(candidate_id, changes[-1].to_tier)

    def tier_history(self, credit_code: str) -> list[TierChange]:
        # Hand-written: a join, to read the history by credit code in one query.
        rows = self._rows(
            "SELECT h.*, c.credit_code FROM tier_history h JOIN candidates c ON c.id ="
            " h.candidate_id WHERE c.credit_code = ? ORDER BY h.id",
            [credit_code],
        )
        return [
            TierChange(
                credit_code=row["credit_code"],
                from_tier=Tier(row["from_tier"]) if row["from_tier"] else None,
                to_tier=Tier(row["to_tier"]),
                changed_on=date.fromisoformat(row["changed_on"]),
                reason=row["reason"],
            )
            for row in rows
        ]
