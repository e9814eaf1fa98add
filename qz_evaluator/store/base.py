"""What every part of the workspace store shares: the connection, transactions, errors
translated for people, the audit log. Only the store speaks SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qz_evaluator.store.errors import (
    CannotOpen,
    DiskFull,
    NotAWorkspace,
    NotFound,
    StoreError,
    WorkspaceBusy,
    WorkspaceReadOnly,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


_BUSY = (
    WorkspaceBusy,
    "{path}: the workspace is in use by another program; close it and try again",
)
_DAMAGED = (NotAWorkspace, "{path}: not a qz-evaluator workspace or the file is damaged")

# SQLite's primary result codes (extended codes such as SQLITE_BUSY_SNAPSHOT fold into
# them), each to an error class and its template, which names the file's {path}
# (scripts/build_translations.py collects these pairs for translation).
ERRORS: dict[str, tuple[type[StoreError], str]] = {
    "SQLITE_BUSY": _BUSY,
    "SQLITE_LOCKED": _BUSY,
    "SQLITE_FULL": (
        DiskFull,
        "{path}: the disk is full; nothing was changed. Free some space and retry",
    ),
    "SQLITE_NOTADB": _DAMAGED,
    "SQLITE_CORRUPT": _DAMAGED,
    "SQLITE_READONLY": (WorkspaceReadOnly, "{path}: the workspace file is read-only"),
    "SQLITE_CANTOPEN": (
        CannotOpen,
        "{path}: the workspace file cannot be opened; check that its folder exists and may"
        " be written",
    ),
}


def error_name(error: sqlite3.Error) -> str:
    """The primary result code's name, e.g. SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT; "" if none."""
    name = getattr(error, "sqlite_errorname", None) or ""
    return "_".join(name.split("_")[:2])


def translate_error(error: sqlite3.Error, path: Path) -> StoreError:
    known = ERRORS.get(error_name(error))
    if known is None:
        return StoreError("{path}: database error: {error}", path=path, error=error)
    kind, template = known
    return kind(template, path=path)


def _rollback(conn: sqlite3.Connection) -> None:
    # A failed COMMIT or an error such as SQLITE_FULL may already have ended the transaction.
    if conn.in_transaction:
        conn.rollback()


def load_table_api() -> None:
    """Import sqlite-utils (with click, dateutil, pluggy: ~60 ms). A front end calls this
    off its UI thread once it has painted, so the first write does not pay for it."""
    import sqlite_utils  # noqa: F401


class StoreBase:
    """The connection and the small helpers every table's methods use.

    Reads go to the sqlite3 connection in plain SQL; sqlite-utils' `Database` (the table
    API for writes, savepoints, migrations) is built on first use, so that opening a
    workspace whose schema is current and filling the window's lists never import it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.actor = "unknown"
        self.read_only = False  # opened from a folder or medium that cannot be written
        # Why WAL is not used (the folder's network file system, or QZ_NO_WAL): the
        # rollback journal is, with synchronous=FULL. None: WAL.
        self.network_folder: str | None = None
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """sqlite-utils' wrapper of the same connection, built on first use."""
        if self._db is None:
            from sqlite_utils import Database

            # No sqlite-utils plugins: nothing outside this program should touch the file
            # (and the entry-point scan costs ~30 ms). recursive_triggers is already on.
            self._db = Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._db

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (never for
        this connection's own writes): a cheap way to notice a second window's changes."""
        try:
            row = self.conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all.

        The outermost level is BEGIN IMMEDIATE: it takes the write lock before the first
        read, so a second writer waits out busy_timeout instead of failing when its read
        turns into a write. Nested levels are savepoints (sqlite-utils' atomic()).
        """
        conn = self.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, list(params))
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None

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
        """Hand-written SELECTs (joins, aggregates, FTS) that the table API cannot express."""
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _where(
        self,
        table: str,
        where: str | None = None,
        args: Iterable[Any] = (),
        *,
        select: str = "*",
        order_by: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """One table's rows, errors translated: the SELECT that sqlite-utils' rows_where
        builds, written here so that reads never import it. Table, column and order
        names are the store's own constants, never user input."""
        sql = f"SELECT {select} FROM [{table}]"
        if where is not None:
            sql += f" WHERE {where}"
        if order_by is not None:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._rows(sql, args)

    def _first(
        self, table: str, where: str, args: Iterable[Any], *, select: str = "*"
    ) -> dict[str, Any] | None:
        rows = self._where(table, where, args, select=select, limit=1)
        return rows[0] if rows else None

    def _insert(self, table: str, record: dict[str, Any]) -> int:
        """Insert one row through the table API; its new rowid."""
        inserted = self.db.table(table).insert(record)
        if inserted.last_rowid is None:
            raise StoreError(
                "{path}: no row id after inserting into {table}", path=self.path, table=table
            )
        return int(inserted.last_rowid)

    # The per-row paths of imports, merges, ensure_all and autosave write through these two
    # instead of the table API: its schema look-ups (exists(), PRAGMA table_info) cost
    # 50–400 µs a call against ~2 µs for the statement, which is seconds at 50,000 rows.
    # Table and column names are the store's own constants, never user input.

    def _insert_row(self, table: str, record: dict[str, Any]) -> int:
        marks = ", ".join("?" * len(record))
        cursor = self._execute(
            f"INSERT INTO {table} ({', '.join(record)}) VALUES ({marks})", record.values()
        )
        if cursor.lastrowid is None:
            raise StoreError(
                "{path}: no row id after inserting into {table}", path=self.path, table=table
            )
        return int(cursor.lastrowid)

    def _update_rows(
        self, table: str, updates: dict[str, Any], where: str, args: Iterable[Any]
    ) -> None:
        sets = ", ".join(f"{column} = ?" for column in updates)
        self._execute(f"UPDATE {table} SET {sets} WHERE {where}", [*updates.values(), *args])

    def _audit(
        self,
        action: str,
        *,
        scorecard_id: int | None = None,
        submission_id: int | None = None,
        round_code: str | None = None,
        credit_code: str | None = None,
        evaluator_code: str | None = None,
        item_code: str | None = None,
        field: str | None = None,
        old: object = None,
        new: object = None,
    ) -> None:
        """One audit row; call inside the transaction of the change it records."""
        self._insert_row(
            "audit",
            {
                "at": utc_now(),
                "actor": self.actor,
                "action": action,
                "scorecard_id": scorecard_id,
                "submission_id": submission_id,
                "round_code": round_code,
                "credit_code": credit_code,
                "evaluator_code": evaluator_code,
                "item_code": item_code,
                "field": field,
                "old": None if old is None else str(old),
                "new": None if new is None else str(new),
            },
        )

    def _candidate_ids(self, credit_codes: Iterable[str]) -> dict[str, int]:
        """Credit code → row id of each, in one query; NotFound names the first unknown."""
        wanted = sorted(set(credit_codes))
        # One JSON parameter instead of one per code: SQLite allows 32,766 parameters.
        rows = self._execute(
            "SELECT credit_code, id FROM candidates"
            " WHERE credit_code IN (SELECT value FROM json_each(?))",
            [json.dumps(wanted)],
        ).fetchall()
        found = {str(code): int(id_) for code, id_ in rows}
        for code in wanted:
            if code not in found:
                raise NotFound(
                    "no candidate with credit code {credit_code} in this workspace",
                    credit_code=code,
                )
        return found

    def _candidate_id(self, credit_code: str) -> int:
        # Hand-written: looked up once per row of every import and merge (10,000s of rows).
        row = self._execute("SELECT id FROM candidates WHERE credit_code = ?", [credit_code])
        found = row.fetchone()
        if found is None:
            raise NotFound(
                "no candidate with credit code {credit_code} in this workspace",
                credit_code=credit_code,
            )
        return int(found[0])
