"""Evaluators, rounds, panels and recorded conflicts of interest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qz_evaluator.domain.roster import (
    Conflict,
    Evaluator,
    Level,
    PanelMember,
    PanelRole,
    Round,
    RoundKind,
)
from qz_evaluator.store.base import StoreBase, utc_now
from qz_evaluator.store.errors import (
    NotFound,
)


class RosterStore(StoreBase):
    def upsert_evaluator(self, evaluator: Evaluator) -> None:
        with self.transaction():
            # The certificate fingerprint is not in the record, so upsert leaves it alone.
            self.db.table("evaluators").upsert(
                {
                    "code": evaluator.code,
                    "name": evaluator.name,
                    "level": evaluator.level.value,
                    "organisation": evaluator.organisation,
                },
                pk="code",
            )

    def set_certificate_fingerprint(self, code: str, fingerprint: str | None) -> None:
        with self.transaction():
            self.evaluator(code)
            self.db.table("evaluators").update(code, {"certificate_fingerprint": fingerprint})

    @staticmethod
    def _evaluator(row: dict[str, Any]) -> Evaluator:
        return Evaluator(
            code=row["code"],
            name=row["name"],
            level=Level(row["level"]),
            organisation=row["organisation"],
            certificate_fingerprint=row["certificate_fingerprint"],
        )

    def find_evaluator(self, code: str) -> Evaluator | None:
        row = self._first("evaluators", "code = ?", [code])
        return self._evaluator(row) if row else None

    def evaluator(self, code: str) -> Evaluator:
        found = self.find_evaluator(code)
        if found is None:
            raise NotFound("no evaluator with code {code} in the roster", code=code)
        return found

    def evaluators(self) -> list[Evaluator]:
        rows = self._where(
            "evaluators", order_by="CASE level WHEN 'provincial' THEN 0 ELSE 1 END, code"
        )
        return [self._evaluator(row) for row in rows]

    def upsert_round(self, round_: Round) -> None:
        with self.transaction():
            self.db.table("rounds").upsert(
                {
                    "code": round_.code,
                    "name": round_.name,
                    "kind": round_.kind.value,
                    "year": round_.year,
                    "criteria_id": round_.criteria_id,
                },
                pk="code",
            )

    @staticmethod
    def _round(row: dict[str, Any]) -> Round:
        return Round(
            code=row["code"],
            name=row["name"],
            kind=RoundKind(row["kind"]),
            year=row["year"],
            criteria_id=row["criteria_id"],
        )

    def find_round(self, code: str) -> Round | None:
        row = self._first("rounds", "code = ?", [code])
        return self._round(row) if row else None

    def round(self, code: str) -> Round:
        found = self.find_round(code)
        if found is None:
            raise NotFound("no round {code!r} in this workspace", code=code)
        return found

    def rounds(self) -> list[Round]:
        return [self._round(row) for row in self._where("rounds", order_by="year, code")]

    def add_panel_member(self, member: PanelMember) -> None:
        self.add_panel_members([member])

    def add_panel_members(self, members: Sequence[PanelMember]) -> None:
        """Put each evaluator on the candidate's panel in the round, or give a seat
        already held its new role; all or none. One statement for them all: a
        province's panels import writes 50,000, and a savepoint, a look-up and an insert
        for each were a third of its time (benchmarks/bench_scale.py). Hand-written:
        upsert() costs ~0.4 ms a row in schema look-ups."""
        if not members:
            return
        ids = self._candidate_ids({member.credit_code for member in members})
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO panel_members (round_code, candidate_id, evaluator_code, role)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role",
                [
                    (m.round_code, ids[m.credit_code], m.evaluator_code, m.role.value)
                    for m in members
                ],
            )

    def remove_panel_member(self, round_code: str, credit_code: str, evaluator_code: str) -> None:
        with self.transaction():
            self.db.table("panel_members").delete_where(
                "round_code = ? AND candidate_id = ? AND evaluator_code = ?",
                [round_code, self._candidate_id(credit_code), evaluator_code],
            )

    def panel_role(
        self, round_code: str, credit_code: str, evaluator_code: str
    ) -> PanelRole | None:
        """The evaluator's role on the candidate's panel in the round (None: not on it)."""
        rows = self._rows(
            "SELECT role FROM panel_members WHERE round_code = ? AND candidate_id = ?"
            " AND evaluator_code = ?",
            [round_code, self._candidate_id(credit_code), evaluator_code],
        )
        return PanelRole(rows[0]["role"]) if rows else None

    def set_panel_role(
        self, round_code: str, credit_code: str, evaluator_code: str, role: PanelRole | None
    ) -> PanelRole | None:
        """Put the evaluator on the panel with `role`, or take them off it (None), with an
        audit row (a panel edited by hand, unlike an import, is recorded change by change).
        Returns the role before."""
        with self.transaction():
            old = self.panel_role(round_code, credit_code, evaluator_code)
            if old == role:
                return old
            if role is None:
                self.remove_panel_member(round_code, credit_code, evaluator_code)
            else:
                self.add_panel_member(PanelMember(round_code, credit_code, evaluator_code, role))
            self._audit(
                "panel",
                round_code=round_code,
                credit_code=credit_code,
                evaluator_code=evaluator_code,
                field="role",
                old=old.value if old else None,
                new=role.value if role else None,
            )
        return old

    def panel_members(
        self,
        *,
        round_code: str | None = None,
        credit_code: str | None = None,
        evaluator_code: str | None = None,
    ) -> list[PanelMember]:
        filters: list[tuple[str, object]] = [
            ("p.round_code", round_code),
            ("c.credit_code", credit_code),
            ("p.evaluator_code", evaluator_code),
        ]
        # Hand-written: a join, so the whole list is one query at any size.
        sql = (
            "SELECT p.*, c.credit_code FROM panel_members p JOIN candidates c"
            " ON c.id = p.candidate_id"
        )
        sql, params = self._filtered(sql, filters)
        sql += " ORDER BY p.round_code, c.credit_code, p.role, p.evaluator_code"
        return [
            PanelMember(
                round_code=row["round_code"],
                credit_code=row["credit_code"],
                evaluator_code=row["evaluator_code"],
                role=PanelRole(row["role"]),
            )
            for row in self._rows(sql, params)
        ]

    def panel_candidates(self, round_code: str, evaluator_code: str) -> set[str]:
        """Credit codes of the candidates on whose panels the evaluator sits in the round:
        what the evaluator's list needs of `panel_members`, without building them."""
        cursor = self._execute(
            "SELECT c.credit_code FROM panel_members p JOIN candidates c"
            " ON c.id = p.candidate_id WHERE p.round_code = ? AND p.evaluator_code = ?",
            [round_code, evaluator_code],
        )
        return {code for (code,) in cursor.fetchall()}

    def panel_codes(self, round_code: str) -> list[tuple[str, str]]:
        """(credit code, evaluator code) of a round's panel members, in `panel_members`'
        order: results need only these two of a province's 50,000 rows."""
        # Hand-written: a join, selecting the two codes only.
        cursor = self._execute(
            "SELECT c.credit_code, p.evaluator_code FROM panel_members p JOIN candidates c"
            " ON c.id = p.candidate_id WHERE p.round_code = ?"
            " ORDER BY c.credit_code, p.role, p.evaluator_code",
            [round_code],
        )
        return cursor.fetchall()

    def add_conflict(self, conflict: Conflict) -> None:
        with self.transaction():
            # Hand-written: a repeated declaration keeps its first recorded_at, which
            # upsert() would overwrite.
            self._execute(
                "INSERT INTO conflicts (candidate_id, evaluator_code, reason, declared_by,"
                " recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                " reason = excluded.reason, declared_by = excluded.declared_by",
                [
                    self._candidate_id(conflict.credit_code),
                    conflict.evaluator_code,
                    conflict.reason,
                    conflict.declared_by,
                    utc_now(),
                ],
            )

    def conflicts(
        self, *, credit_code: str | None = None, evaluator_code: str | None = None
    ) -> list[Conflict]:
        # Hand-written: a join, one query for the whole list.
        sql, params = self._filtered(
            "SELECT x.*, c.credit_code FROM conflicts x JOIN candidates c ON c.id = x.candidate_id",
            [("c.credit_code", credit_code), ("x.evaluator_code", evaluator_code)],
        )
        return [
            Conflict(
                credit_code=row["credit_code"],
                evaluator_code=row["evaluator_code"],
                reason=row["reason"],
                declared_by=row["declared_by"],
            )
            for row in self._rows(sql + " ORDER BY c.credit_code, x.evaluator_code", params)
        ]
