"""Opening and creating workspaces, and the session a front end works in.

The window and the CLI never import the store: they open a workspace here and hand the
`Workspace` they get (an opaque handle to them) to the other services. The window's
composition root (`ui.app`) builds one `Session` per open workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from qz_evaluator.domain.roles import Role
from qz_evaluator.store.base import load_table_api
from qz_evaluator.store.workspace import Workspace

if TYPE_CHECKING:
    from qz_evaluator.services.scoring import ScoringService

__all__ = [
    "Role",
    "Session",
    "Workspace",
    "create_workspace",
    "open_session",
    "open_workspace",
    "prepare_writes",
]


def open_workspace(path: Path) -> Workspace:
    """Open (and migrate, after a backup copy) an existing workspace file."""
    return Workspace.open(Path(path))


def prepare_writes() -> None:
    """Load what the store's first write needs (sqlite-utils, ~60 ms), which opening and
    reading a current workspace do not. Thread-safe: a front end calls it on a
    background thread once it has shown the workspace, so the first autosave does not
    stall on the import."""
    load_table_api()


def create_workspace(
    path: Path, role: Role, *, owner_code: str | None = None, name: str = ""
) -> Workspace:
    """A new, empty workspace file; refuses to overwrite an existing one."""
    return Workspace.create(Path(path), role, owner_code=owner_code, name=name)


@dataclass(eq=False)
class Session:
    """One open workspace and the services that work on it."""

    workspace: Workspace
    _closed: bool = field(default=False, init=False)

    @property
    def path(self) -> Path:
        return self.workspace.path

    @property
    def role(self) -> Role:
        return self.workspace.role

    @property
    def owner_code(self) -> str | None:
        return self.workspace.owner_code

    @cached_property
    def scoring(self) -> ScoringService:
        from qz_evaluator.services.scoring import ScoringService

        return ScoringService(self.workspace)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.workspace.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_session(path: Path) -> Session:
    return Session(open_workspace(path))


def open_current_session(path: Path) -> Session | None:
    """The session of `path` when its file needs no migration; None when it does (then
    `open_workspace` migrates it, off the UI thread, and `open_session` opens it)."""
    workspace = Workspace.open_if_current(Path(path))
    return Session(workspace) if workspace is not None else None
