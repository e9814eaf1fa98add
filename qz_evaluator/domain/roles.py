"""Which side of the award a workspace serves; the workspace file records it."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    EVALUATOR = "evaluator"
