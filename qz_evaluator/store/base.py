"""What every part of the workspace store shares: the connection, transactions, errors
translated for people, the audit log. Only the store speaks SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qz_evaluator.store.errors import (
    DiskFull,
    NotAWorkspace,
    NotFound,
    StoreError,
    WorkspaceBusy,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def translate_error(error: sqlite3.Error, path: Path) -> StoreError:
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


class StoreBase:
    """The connection and the small helpers every table's methods use."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.actor = "unknown"

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, list(params))
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
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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

    def _candidate_id(self, credit_code: str) -> int:
        rows = self._rows("SELECT id FROM candidates WHERE credit_code = ?", [credit_code])
        if not rows:
            raise NotFound(f"no candidate with credit code {credit_code} in this workspace")
        return int(rows[0]["id"])
