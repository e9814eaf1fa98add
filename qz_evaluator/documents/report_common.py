"""Pieces shared by the results and feedback reports: styles, tables, labels, footer.

Small helpers are copied from scorecard_pdf.py rather than imported from it, so that the
scorecard renderer can change without breaking the reports. Every table and paragraph
uses the bundled, embedded CJK font; reportlab's defaults would pull in un-embedded
Helvetica.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from qz_evaluator.assets import get_asset
from qz_evaluator.documents.fonts import FONT_FILE, register_fonts
from qz_evaluator.documents.labels import label as label  # the one table, for the reports
from qz_evaluator.documents.numbered_canvas import Footer, numbered_canvas

MARGIN = 14 * mm
FOOTER_LINE = 12 * mm
MUTED_HEX = "#6b6459"
ACCENT_HEX = "#9b1c1c"  # the award's seal red
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor(MUTED_HEX)
ACCENT = colors.HexColor(ACCENT_HEX)
SHADE = colors.HexColor("#f1ece4")
STRIPE = colors.HexColor("#faf8f4")
RULE = colors.HexColor("#b8b2a7")

MONO = "QZSansMono"


def paren(text: str, language: str) -> str:
    return f" ({text})" if language == "en" else f"（{text}）"


def pdf_language(language: str) -> str:
    return "en" if language.lower().startswith("en") else "zh-CN"


@cache
def register_mono() -> str:
    """The monospaced face of the bundled font collection, for digests (embedded, subset)."""
    register_fonts()
    pdfmetrics.registerFont(TTFont(MONO, str(get_asset(*FONT_FILE)), subfontIndex=1))
    return MONO


class Styles:
    def __init__(self) -> None:
        font = register_fonts()
        base = ParagraphStyle(
            "base",
            fontName=font,
            fontSize=9,
            leading=13,
            textColor=INK,
            wordWrap="CJK",
            bulletFontName=font,  # the default bullet font is Helvetica
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=10)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5)
        self.header = ParagraphStyle(
            "header", parent=self.cell, textColor=colors.white, alignment=TA_CENTER
        )
        self.header_small = ParagraphStyle(
            "header_small", parent=self.header, fontSize=7.5, leading=9.5
        )
        self.mono = ParagraphStyle(
            "mono", parent=base, fontName=register_mono(), fontSize=6.5, leading=8.5
        )
        self.award = ParagraphStyle(
            "award", parent=base, fontSize=12, leading=17, alignment=TA_CENTER, textColor=ACCENT
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontSize=19, leading=26, alignment=TA_CENTER, spaceAfter=1 * mm
        )
        self.subtitle = ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=9.5,
            leading=14,
            alignment=TA_CENTER,
            textColor=MUTED,
            spaceAfter=5 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=base,
            fontSize=13,
            leading=18,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.subheading = ParagraphStyle(
            "subheading",
            parent=base,
            fontSize=10.5,
            leading=15,
            spaceBefore=4 * mm,
            spaceAfter=1 * mm,
        )
        self.label = ParagraphStyle(
            "label", parent=base, textColor=ACCENT, spaceBefore=1.5 * mm, spaceAfter=0.5 * mm
        )
        # A label that introduces a list or table never stays alone at the foot of a page.
        self.lead = ParagraphStyle("lead", parent=self.label, keepWithNext=1)
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=5 * mm, bulletIndent=1.5 * mm, spaceAfter=0.8 * mm
        )


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    commands: Sequence[tuple[object, ...]],
    repeat_rows: int = 0,
    font_size: float = 8,
) -> Table:
    """A Table whose every cell uses the embedded font: reportlab sets the cell font even
    for Paragraph cells, and its default would pull in un-embedded Helvetica."""
    result = Table([list(row) for row in rows], colWidths=list(widths), repeatRows=repeat_rows)
    result.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), register_fonts(), font_size),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                *commands,
            ]
        )
    )
    return result


def cell(text: str, style: ParagraphStyle, width: float, padding: float = 8) -> str | Paragraph:
    """Plain text when it fits on one line: a Paragraph costs ten times as much to lay out.

    The table's own font must match `style` for the plain text to be measured right."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - padding:
        return text
    return p(text, style)


def esc(text: str) -> str:
    """Plain text as paragraph markup: escaped (so "<" is text), line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text."""
    return Paragraph(esc(text), style)


def footer(left: str, language: str) -> Footer:
    """A rule and one line under it: `left` and the page number, on any page size."""
    font = register_fonts()

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width = float(canvas._pagesize[0])
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER_LINE, width - MARGIN, FOOTER_LINE)
        canvas.setFont(font, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, FOOTER_LINE - 4 * mm, left)
        canvas.drawRightString(
            width - MARGIN, FOOTER_LINE - 4 * mm, label("page", language, n=number, m=total)
        )
        canvas.restoreState()

    return draw


def build(
    story: list[Flowable],
    pagesize: tuple[float, float],
    language: str,
    *,
    title: str,
    subject: str,
    footer_text: str,
) -> bytes:
    """Lay out `story` on numbered pages and return the PDF bytes (unsigned)."""
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=FOOTER_LINE + 5 * mm,
        title=title,
        author="qz-evaluator",
        subject=subject,
        creator="qz-evaluator",
        lang=pdf_language(language),
    )
    template.build(story, canvasmaker=numbered_canvas(footer(footer_text, language)))
    return buffer.getvalue()
