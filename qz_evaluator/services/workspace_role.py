"""Which side of the award a workspace file serves, before it is opened for work."""

from __future__ import annotations

from pathlib import Path

from qz_evaluator.domain.roles import Role
from qz_evaluator.store.peek import recorded_role


def workspace_role(path: Path) -> Role | None:
    """The role `path` records, read without opening it for work; None if it cannot
    tell (opening the file then says why)."""
    return recorded_role(path)
