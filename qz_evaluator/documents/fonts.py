"""The bundled CJK font, registered once for reportlab and embedded (subset) in every PDF.

WenQuanYi Micro Hei has TrueType outlines, which reportlab can embed; Noto CJK's CFF
outlines it refuses. Nothing falls back to an un-embedded base-14 font.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from qz_evaluator.assets import get_asset

FONT = "QZSans"
FONT_FILE = ("fonts", "wqy-microhei.ttc")


@cache
def register_fonts() -> str:
    """Register the CJK font (idempotent) and return its reportlab name."""
    path = get_asset(*FONT_FILE)
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    # One face serves for bold and italic too, so markup never reaches for Helvetica.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    return FONT
