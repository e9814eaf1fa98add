"""A look at a workspace file without opening it for work: no migration, no writes.

The front end asks which role a file records before it builds a window for it (an
evaluator's or the secretariat's), while the window's frame must still paint at once:
this reads one row, read-only, and leaves every check to `Workspace.open`.
"""

from __future__ import annotations

from pathlib import Path

from qz_evaluator.domain.roles import Role


def recorded_role(path: Path) -> Role | None:
    """The role the workspace at `path` records; None if the file cannot tell (missing,
    not a workspace, damaged, busy): opening it then says why."""
    import sqlite3  # here: the program's frame paints before the store is loaded

    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=1.0)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'role'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    try:
        return Role(row[0]) if row else None
    except ValueError:
        return None
