"""One workspace = one SQLite file: opening, migrating and the workspace's identity.

The tables' methods live in the store's other modules (pool, roster, scorecards,
submissions); Workspace brings them together. Every write is its own committed
transaction (autosave); callers that need several writes to land together wrap them in
`transaction()`, which nests through savepoints.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from qz_evaluator.domain.roles import Role
from qz_evaluator.store import schema
from qz_evaluator.store.base import StoreBase, translate_error, utc_now
from qz_evaluator.store.declarations import DeclarationStore
from qz_evaluator.store.errors import (
    Duplicate,
    NotAWorkspace,
    NotFound,
    StoreError,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from qz_evaluator.store.filesystems import wal_unsafe_reason
from qz_evaluator.store.pool import PoolStore
from qz_evaluator.store.receipts import ReceiptStore
from qz_evaluator.store.revisions import RevisionStore
from qz_evaluator.store.revocations import RevocationStore
from qz_evaluator.store.roster import RosterStore
from qz_evaluator.store.round_settings import ExportMarker, RoundSettingsStore
from qz_evaluator.store.scorecards import ExportRecord, ScorecardStore
from qz_evaluator.store.submissions import StoredNote, Submission, SubmissionStore

__all__ = [
    "AuditEntry",
    "ExportMarker",
    "ExportRecord",
    "Role",
    "StoreBase",
    "StoredNote",
    "Submission",
    "Workspace",
    "utc_now",
]

APPLICATION_ID = 0x515A4556  # "QZEV": lets us tell our files from other SQLite files


class AuditEntry(NamedTuple):
    at: str
    actor: str
    action: str
    scorecard_id: int | None
    item_code: str | None
    field: str | None
    old: str | None
    new: str | None
    submission_id: int | None = None
    round_code: str | None = None
    credit_code: str | None = None
    evaluator_code: str | None = None


def _writable(path: Path) -> bool:
    """Whether the workspace file and its folder (where WAL keeps its -wal and -shm
    files) can be written. A read-only medium says no even to an administrator."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; `immutable` when WAL cannot make its shared-memory file
    in a read-only folder (nothing else can write there either)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5.0)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.Error:
        conn.close()  # its file stays open otherwise, and the medium cannot be ejected
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5.0)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


class Workspace(
    PoolStore,
    DeclarationStore,
    ReceiptStore,
    RevocationStore,
    RevisionStore,
    RosterStore,
    RoundSettingsStore,
    ScorecardStore,
    SubmissionStore,
):
    """An open workspace file."""

    # ----- opening -------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, role: Role, *, owner_code: str | None = None, name: str = ""
    ) -> Workspace:
        """Create a new workspace file; refuses to overwrite an existing one."""
        path = Path(path)
        if path.exists():
            raise Duplicate("{path}: a file already exists there; choose another name", path=path)
        if role is Role.EVALUATOR and not owner_code:
            raise StoreError("an evaluator workspace needs the evaluator's code")
        import uuid  # here: it imports platform (~3 ms), and opening needs neither

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
        found = cls._open(path, create=create, migrate=True)
        assert found is not None  # migrate: never left unopened for want of a migration
        return found

    @classmethod
    def open_if_current(cls, path: Path) -> Workspace | None:
        """The workspace, when its schema is this program's; None when it must be migrated
        first (by `open`, which can take a while on a big file). So a window opens a
        current file on its own thread, without a worker and a second opening."""
        return cls._open(path, create=False, migrate=False)

    @classmethod
    def _open(cls, path: Path, *, create: bool, migrate: bool) -> Workspace | None:
        path = Path(path)
        if not create and not path.exists():
            raise NotFound("{path}: no such workspace file", path=path)
        # On a read-only medium or folder (a CD, a shared folder, a write-protected
        # stick) the workspace can still be read: WAL would need to create its -shm file.
        read_only = not create and not _writable(path)
        try:
            if read_only:
                conn = _connect_read_only(path)
            else:
                conn = sqlite3.connect(str(path), timeout=5.0)
        except sqlite3.Error as error:
            raise translate_error(error, path) from None
        try:
            workspace = cls._prepare(conn, path, create, read_only=read_only, migrate=migrate)
            if workspace is None:
                conn.close()
        except sqlite3.Error as error:
            conn.close()
            raise translate_error(error, path) from None
        except BaseException:
            conn.close()
            raise
        return workspace

    @classmethod
    def _prepare(
        cls,
        conn: sqlite3.Connection,
        path: Path,
        create: bool,
        *,
        read_only: bool = False,
        migrate: bool = True,
    ) -> Workspace | None:
        # Look before touching: a newer or foreign file must stay byte-for-byte as it was.
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if tables and application_id != APPLICATION_ID:
            raise NotAWorkspace(
                "{path}: this SQLite file is not a qz-evaluator workspace", path=path
            )
        if not tables and not create:
            raise NotAWorkspace("{path}: empty file, not a qz-evaluator workspace", path=path)
        if user_version > schema.SCHEMA_VERSION:
            raise WorkspaceTooNew(
                "{path}: written by a newer version of qz-evaluator (schema "
                "{user_version}, this program knows {SCHEMA_VERSION}); update the "
                "program. The file was not changed.",
                path=path,
                user_version=user_version,
                SCHEMA_VERSION=schema.SCHEMA_VERSION,
            )
        # The applied migrations read in plain SQL (the table sqlite-utils' Migrations
        # keeps): a workspace whose schema is current opens without importing sqlite-utils.
        applied = set(cls._applied(conn)) if tables else set()
        unknown = applied - set(schema.KNOWN_MIGRATIONS)
        if unknown:
            raise WorkspaceTooNew(
                "{path}: has migrations this program does not know ({join}); update the "
                "program. The file was not changed.",
                path=path,
                join=", ".join(sorted(unknown)),
            )
        current = set(schema.KNOWN_MIGRATIONS) <= applied
        if not current and not migrate:
            return None  # untouched: the caller migrates it with open()
        if read_only and not current:
            raise WorkspaceReadOnly(
                "{path}: this workspace must be updated to this version of the program,"
                " but its folder cannot be written; copy it to a folder you can write to",
                path=path,
            )
        # WAL, except in a network folder (a share, OneDrive's network drive): its shared
        # memory is not shared between machines there; the rollback journal's locks are.
        network = None if read_only else wal_unsafe_reason(path)
        if read_only:
            pass
        elif network is None:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        else:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA recursive_triggers=ON")  # as sqlite-utils' Database sets it
        workspace = cls(conn, path)
        workspace.read_only = read_only
        workspace.network_folder = network
        if not current:
            migrations = schema.migration_set()  # imports sqlite-utils
            if migrations.pending(workspace.db):
                if tables:
                    cls._backup_before_migrating(conn, path, user_version)
                migrations.apply(workspace.db)
                conn.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION}")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        workspace.actor = workspace.owner_code or workspace.role.value if tables else "new"
        return workspace

    @staticmethod
    def _applied(conn: sqlite3.Connection) -> list[str]:
        """Names of this program's applied migrations, in order; what sqlite-utils'
        `Migrations.applied` reads, without importing it."""
        table = "_sqlite_migrations"  # sqlite_utils.migrations.Migrations.migrations_table
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone():
            return []
        rows = conn.execute(
            f"SELECT name FROM [{table}] WHERE migration_set = ? ORDER BY rowid",
            [schema.MIGRATION_SET],
        )
        return [str(row[0]) for row in rows]

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
        self.conn.close()

    def copy_to(self, target: Path) -> None:
        """A consistent copy of the live workspace (SQLite's online backup, WAL included)."""
        if Path(target).exists():
            raise Duplicate("{target}: a file already exists there", target=target)
        destination = sqlite3.connect(str(target))
        try:
            self.conn.backup(destination)
        except sqlite3.Error as error:
            raise translate_error(error, Path(target)) from None
        finally:
            destination.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- meta ----------------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        self.db.table("meta").upsert({"key": key, "value": value}, pk="key")

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self._first("meta", "key = ?", [key], select="value")
        return str(row["value"]) if row else default

    @property
    def role(self) -> Role:
        value = self.meta("role")
        if value is None:
            raise NotAWorkspace("{path}: workspace has no role recorded", path=self.path)
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
        try:
            return self._applied(self.conn)
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None

    def panel_rounds(self, evaluator_code: str) -> set[str]:
        """Codes of the rounds in which the evaluator sits on at least one panel."""
        # One indexed DISTINCT instead of building every PanelMember of the round: the
        # window asks this before it fills its list.
        rows = self._execute(
            "SELECT DISTINCT round_code FROM panel_members WHERE evaluator_code = ?",
            [evaluator_code],
        )
        return {str(row[0]) for row in rows}

    # ----- audit -------------------------------------------------------------------

    def audit_entries(
        self, scorecard_id: int | None = None, *, credit_code: str | None = None
    ) -> list[AuditEntry]:
        """The audit trail, oldest first; of one scorecard or one candidate if asked."""
        where: list[str] = []
        args: list[object] = []
        if scorecard_id is not None:
            where.append("scorecard_id = ?")
            args.append(scorecard_id)
        if credit_code is not None:
            where.append("credit_code = ?")
            args.append(credit_code)
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
                submission_id=row["submission_id"],
                round_code=row["round_code"],
                credit_code=row["credit_code"],
                evaluator_code=row["evaluator_code"],
            )
            for row in self._where("audit", " AND ".join(where) or None, args, order_by="id")
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
        # Plain COUNT(*) (what sqlite-utils' Table.count runs): a read, no sqlite-utils.
        return {t: int(self._execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0]) for t in tables}
