"""Candidates of the three-tier pool and their tier history.

Search finds a candidate by a piece of its name, county or industry (Chinese substring
search), by a piece of its credit code ("91330800", case-insensitive), or by the
initials of its name's pinyin ("qzbt" finds 衢州博韬…). Initials are computed once per
name (pypinyin, imported on the first such search) and kept for the open workspace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.store.base import StoreBase, utc_now
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
        fields = {
            "name": candidate.name,
            "county": candidate.county,
            "industry": candidate.industry,
            "contact_person": candidate.contact_person,
            "contact_phone": candidate.contact_phone,
            "tier": candidate.tier.value,
            "withdrawn": int(candidate.withdrawn),
            "updated_at": now,
        }
        with self.transaction():
            existing = self.find_candidate(candidate.credit_code)
            if existing is None:
                record = {"credit_code": candidate.credit_code, **fields, "created_at": now}
                candidate_id = self._insert_row("candidates", record)
                self._record_tier(
                    candidate_id, None, candidate.tier, entered_on or date.today(), reason
                )
            elif existing != replace(candidate, id=existing.id):
                self._update_rows("candidates", fields, "id = ?", [existing.id])
                if existing.tier is not candidate.tier:
                    self._record_tier(
                        existing.id,
                        existing.tier,
                        candidate.tier,
                        entered_on or date.today(),
                        reason,
                    )
        return self.candidate(candidate.credit_code)

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
        sql = "SELECT c.* FROM candidates c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY CASE c.tier WHEN 'advantage' THEN 0 WHEN 'potential' THEN 1 ELSE 2 END,"
        sql += " c.name"
        return [self._candidate(row) for row in self._rows(sql, params)]

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
