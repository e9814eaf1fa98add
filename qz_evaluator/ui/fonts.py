"""The bundled CJK font, so Chinese never depends on the fonts a machine happens to have."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from qz_evaluator.assets import get_asset

log = logging.getLogger(__name__)

CJK_FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FAMILY = "WenQuanYi Micro Hei"

_registered: dict[Path, int] = {}  # font file → Qt's id; registering twice adds a duplicate


def install_cjk_font(app: QGuiApplication) -> str | None:
    """Register the bundled font and add it as the application font's fallback family.

    The platform's own UI family stays first (Latin text keeps its native look); any
    glyph it lacks — every Chinese character on a bare Linux — comes from the bundled
    font. Returns the family used, or None when the font file is missing or unusable.
    """
    path = get_asset(*CJK_FONT_FILE)
    font_id = _registered.get(path)
    if font_id is None:
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        _registered[path] = font_id
    if font_id < 0:
        log.warning("bundled CJK font not usable: %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = CJK_FAMILY if CJK_FAMILY in families else families[0]
    font = app.font()
    primary = font.families() or [font.family()]
    if family not in primary:
        font.setFamilies([*primary, family])
        app.setFont(font)
    return family
