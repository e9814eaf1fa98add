"""The one place that knows where bundled resources live (source tree or frozen bundle)."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qz_evaluator.domain.criteria import CriteriaSet

DEFAULT_CRITERIA_ID = "gbt19580-2012"


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def get_asset(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def load_criteria_file(path: Path) -> CriteriaSet:
    """Load and validate a criteria file; every failure names the file and the fault."""
    # Imported here: the window needs get_asset() before its first paint, criteria later.
    from qz_evaluator.domain.criteria import parse_criteria
    from qz_evaluator.domain.errors import CriteriaError

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CriteriaError(
            "{path}: cannot read criteria file ({strerror})", path=path, strerror=error.strerror
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CriteriaError(
            "{path}: not valid JSON (line {lineno}, column {colno}: {msg})",
            path=path,
            lineno=error.lineno,
            colno=error.colno,
            msg=error.msg,
        ) from None
    return parse_criteria(data, str(path))


@cache
def criteria_set(criteria_id: str = DEFAULT_CRITERIA_ID) -> CriteriaSet:
    """A bundled criteria set by id (the file name without .json)."""
    from qz_evaluator.domain.errors import CriteriaError

    path = get_asset("criteria", f"{criteria_id}.json")
    if not path.exists():
        raise CriteriaError(
            "no bundled criteria set {criteria_id!r} (looked for {path})",
            criteria_id=criteria_id,
            path=path,
        )
    loaded = load_criteria_file(path)
    if loaded.id != criteria_id:
        raise CriteriaError(
            "{path}: declares id {id!r}, expected {criteria_id!r}",
            path=path,
            id=loaded.id,
            criteria_id=criteria_id,
        )
    return loaded
