"""Icons from resources/icons (SVG, so they stay crisp at any display scale)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from qz_evaluator.assets import get_asset


@cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg as a QIcon (empty if the file is missing)."""
    path = get_asset("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
