"""One workspace = one SQLite file. The only module that speaks SQL.

Every write is its own committed transaction (autosave); callers that need several
writes to land together wrap them in `transaction()`, which nests through savepoints.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.domain.roster import (
    Conflict,
    Evaluator,
    Level,
    PanelMember,
    PanelRole,
    Round,
    RoundKind,
)
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus, TextField
from qz_evaluator.store.errors import (
    DiskFull,
    Duplicate,
    NotAWorkspace,
    NotFound,
    StoreError,
    WorkspaceBusy,
    WorkspaceTooNew,
)
from qz_evaluator.store.schema import KNOWN_MIGRATIONS, SCHEMA_VERSION, migrations

APPLICATION_ID = 0x515A4556  # "QZEV": lets us tell our files from other SQLite files


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    EVALUATOR = "evaluator"


@dataclass(frozen=True, slots=True)
class ExportRecord:
    scorecard_id: int
    revision: int
    content_sha256: str
    file_sha256: str
    file_name: str
    pdf: bytes
    exported_at: str


@dataclass(frozen=True, slots=True)
class Submission:
    id: int
    file_sha256: str
    file_name: str
    round_code: str
    credit_code: str
    evaluator_code: str
    revision: int
    status: str
    total: str
    signer_fingerprint: str
    data: str
    received_at: str


@dataclass(frozen=True, slots=True)
class StoredNote:
    round_code: str
    credit_code: str
    item_code: str
    author: str
    text: str
    agreed_percent: int | None
    recorded_at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    scorecard_id: int | None
    item_code: str | None
    field: str | None
    old: str | None
    new: str | None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _translate(error: sqlite3.Error, path: Path) -> StoreError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return WorkspaceBusy(
            f"{path}: the workspace is in use by another program; close it and try again"
        )
    if "full" in text:
        return DiskFull(f"{path}: the disk is full; nothing was changed. Free some space and retry")
    if "not a database" in text or "malformed" in text:
        return NotAWorkspace(f"{path}: not a qz-evaluator workspace or the file is damaged")
    if "readonly" in text:
        return StoreError(f"{path}: the workspace file is read-only")
    return StoreError(f"{path}: database error: {error}")


class Workspace:
    """An open workspace file."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.actor = "unknown"

    # ----- opening -------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, role: Role, *, owner_code: str | None = None, name: str = ""
    ) -> Workspace:
        """Create a new workspace file; refuses to overwrite an existing one."""
        path = Path(path)
        if path.exists():
            raise Duplicate(f"{path}: a file already exists there; choose another name")
        if role is Role.EVALUATOR and not owner_code:
            raise StoreError("an evaluator workspace needs the evaluator's code")
        workspace = cls.open(path, create=True)
        with workspace.transaction():
            workspace._set_meta("workspace_id", str(uuid.uuid4()))
            workspace._set_meta("role", role.value)
            workspace._set_meta("name", name or path.stem)
            workspace._set_meta("created_at", utc_now())
            if owner_code:
                workspace._set_meta("owner_code", owner_code)
        workspace.actor = owner_code or role.value
        return workspace

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Workspace:
        path = Path(path)
        if not create and not path.exists():
            raise NotFound(f"{path}: no such workspace file")
        try:
            conn = sqlite3.connect(str(path), timeout=5.0)
        except sqlite3.Error as error:
            raise _translate(error, path) from None
        try:
            workspace = cls._prepare(conn, path, create)
        except sqlite3.Error as error:
            conn.close()
            raise _translate(error, path) from None
        except BaseException:
            conn.close()
            raise
        return workspace

    @classmethod
    def _prepare(cls, conn: sqlite3.Connection, path: Path, create: bool) -> Workspace:
        # Look before touching: a newer or foreign file must stay byte-for-byte as it was.
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if tables and application_id != APPLICATION_ID:
            raise NotAWorkspace(f"{path}: this SQLite file is not a qz-evaluator workspace")
        if not tables and not create:
            raise NotAWorkspace(f"{path}: empty file, not a qz-evaluator workspace")
        if user_version > SCHEMA_VERSION:
            raise WorkspaceTooNew(
                f"{path}: written by a newer version of qz-evaluator (schema {user_version}, "
                f"this program knows {SCHEMA_VERSION}); update the program. The file was not "
                "changed."
            )
        db = Database(conn)
        applied = {m.name for m in migrations.applied(db)} if tables else set()
        unknown = applied - set(KNOWN_MIGRATIONS)
        if unknown:
            raise WorkspaceTooNew(
                f"{path}: has migrations this program does not know ({', '.join(sorted(unknown))});"
                " update the program. The file was not changed."
            )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        pending = migrations.pending(db)
        if pending:
            if tables:
                cls._backup_before_migrating(conn, path, user_version)
            migrations.apply(db)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        workspace = cls(db, path)
        workspace.actor = workspace.owner_code or workspace.role.value if tables else "new"
        return workspace

    @staticmethod
    def _backup_before_migrating(conn: sqlite3.Connection, path: Path, version: int) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.stem}.schema{version}-{stamp}.backup{path.suffix}")
        backup = sqlite3.connect(str(target))
        try:
            conn.backup(backup)
        finally:
            backup.close()
        return target

    def close(self) -> None:
        self.db.close()

    def copy_to(self, target: Path) -> None:
        """A consistent copy of the live workspace (SQLite's online backup, WAL included)."""
        if Path(target).exists():
            raise Duplicate(f"{target}: a file already exists there")
        destination = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(destination)
        except sqlite3.Error as error:
            raise _translate(error, Path(target)) from None
        finally:
            destination.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, list(params))
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    @staticmethod
    def _filtered(sql: str, filters: Iterable[tuple[str, object]]) -> tuple[str, list[Any]]:
        """Append "WHERE a = ? AND …" for the filters whose value is not None."""
        where, params = [], []
        for column, value in filters:
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return (sql + " WHERE " + " AND ".join(where) if where else sql), params

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # ----- meta ----------------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    def meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[0]["value"]) if rows else default

    @property
    def role(self) -> Role:
        value = self.meta("role")
        if value is None:
            raise NotAWorkspace(f"{self.path}: workspace has no role recorded")
        return Role(value)

    @property
    def owner_code(self) -> str | None:
        return self.meta("owner_code")

    @property
    def workspace_id(self) -> str:
        return self.meta("workspace_id") or ""

    @property
    def schema_version(self) -> int:
        return int(self._execute("PRAGMA user_version").fetchone()[0])

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    # ----- candidates ----------------------------------------------------------------

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
        with self.transaction():
            existing = self.find_candidate(candidate.credit_code)
            if existing is None:
                cursor = self._execute(
                    "INSERT INTO candidates (credit_code, name, county, industry, contact_person,"
                    " contact_phone, tier, withdrawn, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        candidate.credit_code,
                        candidate.name,
                        candidate.county,
                        candidate.industry,
                        candidate.contact_person,
                        candidate.contact_phone,
                        candidate.tier.value,
                        int(candidate.withdrawn),
                        now,
                        now,
                    ],
                )
                candidate_id = int(cursor.lastrowid or 0)
                self._record_tier(
                    candidate_id, None, candidate.tier, entered_on or date.today(), reason
                )
            elif existing != replace(candidate, id=existing.id):
                candidate_id = int(existing.id or 0)
                self._execute(
                    "UPDATE candidates SET name = ?, county = ?, industry = ?, contact_person = ?,"
                    " contact_phone = ?, tier = ?, withdrawn = ?, updated_at = ? WHERE id = ?",
                    [
                        candidate.name,
                        candidate.county,
                        candidate.industry,
                        candidate.contact_person,
                        candidate.contact_phone,
                        candidate.tier.value,
                        int(candidate.withdrawn),
                        now,
                        candidate_id,
                    ],
                )
                if existing.tier is not candidate.tier:
                    self._record_tier(
                        candidate_id,
                        existing.tier,
                        candidate.tier,
                        entered_on or date.today(),
                        reason,
                    )
        return self.candidate(candidate.credit_code)

    def set_withdrawn(self, credit_code: str, withdrawn: bool) -> None:
        with self.transaction():
            self._execute(
                "UPDATE candidates SET withdrawn = ?, updated_at = ? WHERE credit_code = ?",
                [int(withdrawn), utc_now(), credit_code],
            )

    def find_candidate(self, credit_code: str) -> Candidate | None:
        rows = self._rows("SELECT * FROM candidates WHERE credit_code = ?", [credit_code])
        return self._candidate(rows[0]) if rows else None

    def candidate(self, credit_code: str) -> Candidate:
        found = self.find_candidate(credit_code)
        if found is None:
            raise NotFound(f"no candidate with credit code {credit_code} in this workspace")
        return found

    def candidate_by_id(self, candidate_id: int) -> Candidate:
        rows = self._rows("SELECT * FROM candidates WHERE id = ?", [candidate_id])
        if not rows:
            raise NotFound(f"no candidate with id {candidate_id}")
        return self._candidate(rows[0])

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
            code_list = list(codes)
            where.append(f"c.credit_code IN ({', '.join('?' * len(code_list))})")
            params.extend(code_list)
        text = (search or "").strip()
        if text:
            if len(text) >= 3:
                # Trigram tokens need three characters; a phrase query matches substrings.
                where.append(
                    "c.id IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ?)"
                )
                params.append('"' + text.replace('"', '""') + '"')
            else:
                where.append("(c.name LIKE ? OR c.county LIKE ? OR c.industry LIKE ?)")
                like = "%" + text.replace("%", "").replace("_", "") + "%"
                params.extend([like, like, like])
        sql = "SELECT c.* FROM candidates c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY CASE c.tier WHEN 'advantage' THEN 0 WHEN 'potential' THEN 1 ELSE 2 END,"
        sql += " c.name"
        return [self._candidate(row) for row in self._rows(sql, params)]

    def _candidate_id(self, credit_code: str) -> int:
        return int(self.candidate(credit_code).id or 0)

    def _record_tier(
        self,
        candidate_id: int,
        from_tier: Tier | None,
        to_tier: Tier,
        changed_on: date,
        reason: str,
    ) -> None:
        self._execute(
            "INSERT INTO tier_history (candidate_id, from_tier, to_tier, changed_on, reason,"
            " recorded_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                candidate_id,
                from_tier.value if from_tier else None,
                to_tier.value,
                changed_on.isoformat(),
                reason,
                utc_now(),
                self.actor,
            ],
        )

    def record_tier_change(self, change: TierChange) -> None:
        with self.transaction():
            candidate_id = self._candidate_id(change.credit_code)
            self._execute(
                "UPDATE candidates SET tier = ?, updated_at = ? WHERE id = ?",
                [change.to_tier.value, utc_now(), candidate_id],
            )
            self._record_tier(
                candidate_id, change.from_tier, change.to_tier, change.changed_on, change.reason
            )

    def replace_tier_history(self, credit_code: str, changes: list[TierChange]) -> None:
        """Replace a candidate's history (e.g. carried over from the old spreadsheet).

        The candidate's tier becomes the last change's target.
        """
        if not changes:
            raise StoreError(f"{credit_code}: a tier history needs at least one entry")
        with self.transaction():
            candidate_id = self._candidate_id(credit_code)
            self._execute("DELETE FROM tier_history WHERE candidate_id = ?", [candidate_id])
            for change in changes:
                self._record_tier(
                    candidate_id, change.from_tier, change.to_tier, change.changed_on, change.reason
                )
            self._execute(
                "UPDATE candidates SET tier = ?, updated_at = ? WHERE id = ?",
                [changes[-1].to_tier.value, utc_now(), candidate_id],
            )

    def tier_history(self, credit_code: str) -> list[TierChange]:
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

    # ----- roster --------------------------------------------------------------------

    def upsert_evaluator(self, evaluator: Evaluator) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO evaluators (code, name, level, organisation) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,"
                " organisation = excluded.organisation",
                [evaluator.code, evaluator.name, evaluator.level.value, evaluator.organisation],
            )

    def set_certificate_fingerprint(self, code: str, fingerprint: str | None) -> None:
        with self.transaction():
            self.evaluator(code)
            self._execute(
                "UPDATE evaluators SET certificate_fingerprint = ? WHERE code = ?",
                [fingerprint, code],
            )

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
        rows = self._rows("SELECT * FROM evaluators WHERE code = ?", [code])
        return self._evaluator(rows[0]) if rows else None

    def evaluator(self, code: str) -> Evaluator:
        found = self.find_evaluator(code)
        if found is None:
            raise NotFound(f"no evaluator with code {code} in the roster")
        return found

    def evaluators(self) -> list[Evaluator]:
        rows = self._rows(
            "SELECT * FROM evaluators ORDER BY CASE level WHEN 'provincial' THEN 0 ELSE 1 END, code"
        )
        return [self._evaluator(row) for row in rows]

    # ----- rounds and panels ---------------------------------------------------------

    def upsert_round(self, round_: Round) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO rounds (code, name, kind, year, criteria_id) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
                " year = excluded.year, criteria_id = excluded.criteria_id",
                [round_.code, round_.name, round_.kind.value, round_.year, round_.criteria_id],
            )

    def find_round(self, code: str) -> Round | None:
        rows = self._rows("SELECT * FROM rounds WHERE code = ?", [code])
        if not rows:
            return None
        row = rows[0]
        return Round(
            code=row["code"],
            name=row["name"],
            kind=RoundKind(row["kind"]),
            year=row["year"],
            criteria_id=row["criteria_id"],
        )

    def round(self, code: str) -> Round:
        found = self.find_round(code)
        if found is None:
            raise NotFound(f"no round {code!r} in this workspace")
        return found

    def rounds(self) -> list[Round]:
        codes = [row["code"] for row in self._rows("SELECT code FROM rounds ORDER BY year, code")]
        return [self.round(code) for code in codes]

    def add_panel_member(self, member: PanelMember) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO panel_members (round_code, candidate_id, evaluator_code, role)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role",
                [
                    member.round_code,
                    self._candidate_id(member.credit_code),
                    member.evaluator_code,
                    member.role.value,
                ],
            )

    def remove_panel_member(self, round_code: str, credit_code: str, evaluator_code: str) -> None:
        with self.transaction():
            self._execute(
                "DELETE FROM panel_members WHERE round_code = ? AND candidate_id = ?"
                " AND evaluator_code = ?",
                [round_code, self._candidate_id(credit_code), evaluator_code],
            )

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

    def add_conflict(self, conflict: Conflict) -> None:
        with self.transaction():
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

    # ----- scorecards ----------------------------------------------------------------

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

    def _audit(
        self,
        action: str,
        scorecard_id: int | None,
        item_code: str | None,
        field: str | None,
        old: object,
        new: object,
    ) -> None:
        self._execute(
            "INSERT INTO audit (at, actor, action, scorecard_id, item_code, field, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(),
                self.actor,
                action,
                scorecard_id,
                item_code,
                field,
                None if old is None else str(old),
                None if new is None else str(new),
            ],
        )

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

    # ----- certificates and exports -------------------------------------------------

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

    # ----- merged submissions (secretariat) -------------------------------------------

    _SUBMISSION_SQL = (
        "SELECT s.*, c.credit_code FROM submissions s JOIN candidates c ON c.id = s.candidate_id"
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
            status=row["status"],
            total=row["total"],
            signer_fingerprint=row["signer_fingerprint"],
            data=row["data"],
            received_at=row["received_at"],
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
        statuses: Iterable[str] | None = None,
    ) -> list[Submission]:
        filters: list[tuple[str, object]] = [
            ("s.round_code", round_code),
            ("c.credit_code", credit_code),
            ("s.evaluator_code", evaluator_code),
        ]
        sql, params = self._filtered(self._SUBMISSION_SQL, filters)
        if statuses is not None:
            wanted = list(statuses)
            sql += " AND " if params else " WHERE "
            sql += f"s.status IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        sql += " ORDER BY s.round_code, c.credit_code, s.evaluator_code, s.revision, s.id"
        return [self._submission(row) for row in self._rows(sql, params)]

    def add_submission(
        self,
        *,
        file_sha256: str,
        file_name: str,
        round_code: str,
        credit_code: str,
        evaluator_code: str,
        revision: int,
        status: str,
        total: str,
        signer_fingerprint: str,
        data: str,
    ) -> int:
        with self.transaction():
            cursor = self._execute(
                "INSERT INTO submissions (file_sha256, file_name, round_code, candidate_id,"
                " evaluator_code, revision, status, total, signer_fingerprint, data,"
                " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    file_sha256,
                    file_name,
                    round_code,
                    self._candidate_id(credit_code),
                    evaluator_code,
                    revision,
                    status,
                    total,
                    signer_fingerprint,
                    data,
                    utc_now(),
                ],
            )
            return int(cursor.lastrowid or 0)

    def set_submission_status(self, submission_id: int, status: str) -> None:
        with self.transaction():
            self._execute("UPDATE submissions SET status = ? WHERE id = ?", [status, submission_id])

    def log_merge(self, file_name: str, file_sha256: str, outcome: str, message: str) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO merge_log (at, actor, file_name, file_sha256, outcome, message)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [utc_now(), self.actor, file_name, file_sha256, outcome, message],
            )

    def merge_log(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM merge_log ORDER BY id")

    # ----- consensus and final results ------------------------------------------------

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

    def audit_entries(self, scorecard_id: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit"
        params: list[Any] = []
        if scorecard_id is not None:
            sql += " WHERE scorecard_id = ?"
            params.append(scorecard_id)
        return [
            AuditEntry(
                at=row["at"],
                actor=row["actor"],
                action=row["action"],
                scorecard_id=row["scorecard_id"],
                item_code=row["item_code"],
                field=row["field"],
                old=row["old"],
                new=row["new"],
            )
            for row in self._rows(sql + " ORDER BY id", params)
        ]

    def counts(self) -> dict[str, int]:
        tables = (
            "candidates",
            "evaluators",
            "rounds",
            "panel_members",
            "conflicts",
            "scorecards",
            "tier_history",
            "audit",
        )
        return {t: int(self._execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
