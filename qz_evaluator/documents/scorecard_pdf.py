"""Render a scorecard as an A4 PDF with reportlab (Chinese by default, English on request).

The PDF is for people: the same data travels machine-readable as scorecard.json,
attached before signing by the export service.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from datetime import datetime

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from qz_evaluator.documents import printable
from qz_evaluator.documents.cjk_text import CJKText
from qz_evaluator.documents.fonts import register_fonts
from qz_evaluator.documents.labels import label
from qz_evaluator.documents.numbered_canvas import Footer, numbered_canvas
from qz_evaluator.documents.report_common import ACCENT, INK, RULE, SHADE, cell, p, paren, table
from qz_evaluator.domain import edit_history
from qz_evaluator.domain.criteria import CriteriaSet, ItemKind
from qz_evaluator.domain.paper_code import paper_code
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.domain.scorecard_document import ScorecardDocument
from qz_evaluator.domain.scoring import format_points

MARGIN = 16 * mm

# The paper code's QR in the bottom margin, at the right, its code under it (ending at the
# right margin). The text frame ends above it with room for the QR's quiet zone, so it
# never overlaps content; nothing is drawn closer than 6 mm to the paper's edge (printers'
# unprintable margin).
QR_SIZE = 14 * mm  # 21 modules of 0.67 mm: ~4 pixels each in a 150 dpi scan
QR_CODE_BASELINE = 6 * mm
QR_CODE_FONT_SIZE = 7.5
QR_BOTTOM = 10 * mm  # two modules' room above the code's text
QR_QUIET = 3 * mm  # four modules
BOTTOM_MARGIN = QR_BOTTOM + QR_SIZE + QR_QUIET  # 27 mm: where the text frame ends


class Styles:
    def __init__(self) -> None:
        font = register_fonts()
        base = ParagraphStyle(
            "base", fontName=font, fontSize=9, leading=13, textColor=INK, wordWrap="CJK"
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=11)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11)
        self.title = ParagraphStyle(
            "title", parent=base, fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=2 * mm
        )
        self.subtitle = ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=10.5,
            leading=15,
            alignment=TA_CENTER,
            textColor=ACCENT,
            spaceAfter=4 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=base,
            fontSize=12,
            leading=17,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
        )
        self.item = ParagraphStyle(
            "item", parent=base, fontSize=10, leading=14, spaceBefore=3 * mm, spaceAfter=1 * mm
        )


def _grid(
    rows: list[list[object]],
    widths: list[float],
    commands: list[tuple[object, ...]],
    repeat_rows: int = 0,
) -> Table:
    return table(rows, widths, commands, repeat_rows, font_size=8.5)


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code of `text` (reportlab's encoder, level M: 15 % may be damaged), as rows
    of dark (True) and light modules, without the quiet zone."""
    widget = QrCodeWidget(text, barLevel="M")
    widget.qr.make()
    return [[bool(module) for module in row] for row in widget.qr.modules]


def _paper_mark(
    canvas: Canvas, code: str, font: str, modules: list[list[bool]], text_width: float
) -> float:
    """The paper code as a QR code (`modules`), and under it as text a person can type, at
    the right of the bottom margin; returns the left edge of what it drew."""
    right = A4[0] - MARGIN
    centre = right - max(text_width, QR_SIZE) / 2
    size = QR_SIZE / len(modules)
    left, top = centre - QR_SIZE / 2, QR_BOTTOM + QR_SIZE
    canvas.setFillColor(colors.black)
    # Drawn as filled runs on the canvas itself: renderPDF would name Helvetica in the
    # page's resources, an un-embedded font, though the QR code has no text.
    for row, dark in enumerate(modules):
        column = 0
        for is_dark, run in itertools.groupby(dark):
            count = len(list(run))
            if is_dark:
                canvas.rect(
                    left + column * size,
                    top - (row + 1) * size,
                    count * size,
                    size,
                    stroke=0,
                    fill=1,
                )
            column += count
    canvas.setFont(font, QR_CODE_FONT_SIZE)
    canvas.setFillColor(INK)
    canvas.drawRightString(right, QR_CODE_BASELINE, code)
    return float(right - max(text_width, QR_SIZE))


def _footer(document: ScorecardDocument, language: str, code: str):  # type: ignore[no-untyped-def]
    """Every page's foot: who, which round and revision, the page, and the paper code."""
    font = register_fonts()
    # The same on every page: encoded and measured once.
    modules = qr_modules(code)
    text_width = float(stringWidth(code, font, QR_CODE_FONT_SIZE))

    def draw(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        right = _paper_mark(canvas, code, font, modules, text_width) - 5 * mm  # stops short
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 12 * mm, right, 12 * mm)
        canvas.setFont(font, 8)
        canvas.setFillColor(INK)
        canvas.drawString(
            MARGIN,
            8 * mm,
            f"{printable.footer(document.candidate.name)} · {document.evaluator.code} · "
            f"{document.round.name} · r{document.revision}",  # the round's name, not its code
        )
        canvas.drawRightString(right, 8 * mm, label("page", language).format(n=number, m=total))
        canvas.restoreState()

    return draw


DEMO_WATERMARK = "演示 · 非正式评分"


def _with_demo_watermark(footer: Footer) -> Footer:
    """The footer, plus the demo's watermark: large and light across the page (drawn
    last, transparent, so the scores stay readable) and once more, level, in the top
    margin, where text tools and screen readers find it too."""
    font = register_fonts()

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.78, 0.1, 0.1, alpha=0.16))
        canvas.setFont(font, 54)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -18, DEMO_WATERMARK)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.78, 0.1, 0.1))
        canvas.setFont(font, 9)
        canvas.drawCentredString(width / 2, height - 10 * mm, DEMO_WATERMARK)
        canvas.restoreState()
        footer(canvas, number, total)

    return draw


def _info_grid(
    document: ScorecardDocument, criteria: CriteriaSet, language: str, styles: Styles
) -> Table:
    width = A4[0] - 2 * MARGIN

    def pair(key: str, value: str) -> list[str | Paragraph]:
        return [
            cell(label(key, language), styles.cell, 0.15 * width),
            cell(value, styles.cell, 0.33 * width),
        ]

    date = document.exported_at[:10]
    rows = [
        pair("candidate", document.candidate.name)
        + pair("credit_code", document.candidate.credit_code),
        pair("tier", document.candidate.tier.label.get(language))
        + pair("card_county", document.candidate.county),
        pair("card_industry", document.candidate.industry)
        + pair(
            "round", document.round.name + paren(document.round.kind.label.get(language), language)
        ),
        pair("evaluator", document.evaluator.name)
        + pair("card_evaluator_code", document.evaluator.code),
        pair("level", document.evaluator.level.label.get(language))
        + pair("organisation", document.evaluator.organisation),
        pair("criteria", criteria.name.get(language))
        + pair("date", f"{date} · {label('card_revision', language)} {document.revision}"),
    ]
    width = A4[0] - 2 * MARGIN
    return _grid(
        rows,
        [0.15 * width, 0.35 * width, 0.17 * width, 0.33 * width],
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("BACKGROUND", (2, 0), (2, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
    )


def _score_grid(
    document: ScorecardDocument, criteria: CriteriaSet, language: str, styles: Styles
) -> Table:
    summary = document.summary  # computed once, when the document was built
    width = A4[0] - 2 * MARGIN
    widths = [f * width for f in (0.1, 0.44, 0.1, 0.11, 0.12, 0.13)]
    name_width = widths[1]
    header = [label(k, language) for k in ("code", "name", "points", "percent", "band", "score")]
    rows: list[list[object]] = [list(header)]
    commands: list[tuple[object, ...]] = []
    for category in criteria.categories:
        subtotal = summary.category(category.code)
        rows.append(
            [
                category.code,
                cell(
                    category.name.get(language) + paren(label("subtotal", language), language),
                    styles.cell,
                    name_width,
                ),
                str(category.points),
                "",
                "",
                format_points(subtotal.score),
            ]
        )
        commands.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE))
        for item in category.items:
            percent = document.entry(item.code).percent
            rows.append(
                [
                    item.code,
                    cell(item.name.get(language), styles.cell, name_width),
                    str(item.points),
                    "—" if percent is None else f"{percent}%",
                    "" if percent is None else criteria.band_for(item, percent).label,
                    label("not_scored", language)
                    if percent is None
                    else format_points(summary.item_scores[item.code]),
                ]
            )
    process_label = label("process", language, categories=criteria.category_span(ItemKind.PROCESS))
    results_label = label("results", language, categories=criteria.category_span(ItemKind.RESULTS))
    totals = [
        (process_label, summary.process, summary.process_points),
        (results_label, summary.results, summary.results_points),
        (label("total", language), summary.total, summary.total_points),
    ]
    for name, value, points in totals:
        rows.append(
            ["", cell(name, styles.cell, name_width), str(points), "", "", format_points(value)]
        )
    first_total = len(rows) - len(totals)
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), register_fonts(), 8.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEABOVE", (0, first_total), (-1, first_total), 1.2, INK),
                ("FONT", (0, -1), (-1, -1), register_fonts(), 10),
                *commands,
            ]
        )
    )
    return table


def _comments(
    document: ScorecardDocument, criteria: CriteriaSet, language: str, styles: Styles
) -> list[Flowable]:
    heading: list[Flowable] = [p(label("comments", language), styles.heading)]
    story: list[Flowable] = []
    for item in criteria.items:
        entry = document.entry(item.code)
        percent = "—" if entry.percent is None else f"{entry.percent}%"
        block: list[Flowable] = [
            p(
                f"{item.code} {item.name.get(language)}"
                f"{paren(str(item.points), language)} · {percent}",
                styles.item,
            )
        ]
        for key, text in (
            ("strengths", entry.strengths),
            ("ofis", entry.ofis),
            ("evidence", entry.evidence),
        ):
            body = text.strip() or label("card_none", language)
            block.append(
                CJKText(
                    [(f"{label(key, language)}：", ACCENT), (body, INK)],
                    styles.body.fontName,
                    styles.body.fontSize,
                    styles.body.leading,
                )
            )
        # Keep a short item's heading with its first lines; long texts may still split.
        # The section heading travels with the first item, never alone at a page's foot.
        story.append(KeepTogether([*heading, *block[:2]]))
        heading = []
        story.extend(block[2:])
    return story


def _affirmation(
    document: ScorecardDocument, language: str, styles: Styles
) -> list[list[Flowable]]:
    """When the evaluator ticked the declaration (signed with it), in local time."""
    if document.status is ScorecardStatus.CONFLICT:
        return []
    at = document.declaration_affirmed_at
    if at is None:
        if document.language is None:  # a version 1 file: the time was not recorded
            return []
        return [[p(label("declaration_not_affirmed", language), styles.small)]]
    local = datetime.fromisoformat(at).astimezone()
    offset = local.strftime("%z")  # "+0800"
    shown = f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"
    return [[p(label("declaration_affirmed", language, at=shown), styles.small)]]


def _declaration(document: ScorecardDocument, language: str, styles: Styles) -> Flowable:
    width = A4[0] - 2 * MARGIN
    if document.status is ScorecardStatus.CONFLICT:
        text = f"{label('conflict_declared', language)}：{document.conflict_note}"
    else:
        text = document.declaration.get(language)
    rows = [
        [p(label("declaration", language), styles.item)],
        [p(text, styles.body)],
        [
            _grid(
                [
                    [
                        p(
                            f"{label('signature', language)}：{document.evaluator.name}"
                            + paren(document.evaluator.code, language),
                            styles.body,
                        ),
                        p(f"{label('date', language)}：{document.exported_at[:10]}", styles.body),
                    ]
                ],
                [0.6 * (width - 8 * mm), 0.4 * (width - 8 * mm)],
                [],
            )
        ],
        *_affirmation(document, language, styles),
        [p(label("card_signature_note", language), styles.small)],
    ]
    box = _grid(
        rows,
        [width],
        [
            ("BOX", (0, 0), (-1, -1), 1.0, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 2), (-1, 2), 5 * mm),
            ("BOTTOMPADDING", (0, 2), (-1, 2), 3 * mm),
        ],
    )
    return KeepTogether([Spacer(1, 5 * mm), box])


def _local_time(at: str) -> str:
    """A UTC time of the history as the reader's local time, to the minute."""
    try:
        local = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return f"{local:%Y-%m-%d %H:%M}"


def _history_page(
    document: ScorecardDocument, criteria: CriteriaSet, language: str, styles: Styles
) -> list[Flowable]:
    """The last page, 修改记录: how many changes, which items changed after the first
    finalise (percentages then and now), and why the card was reopened. The full list
    stays in scorecard.json. A version 1 or 2 document has no history and no page."""
    history = document.history
    if history is None:
        return []
    summary = edit_history.summarise(history)
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [
        PageBreak(),
        p(label("history", language), styles.heading),
        p(
            label("history_count", language, n=summary.changes, r=len(summary.reopenings)),
            styles.body,
        ),
        p(
            label("history_first_final", language, at=_local_time(summary.first_final_at))
            if summary.first_final_at
            else label("history_never_final", language),
            styles.body,
        ),
        p(label("history_after_final", language), styles.item),
    ]
    if not summary.changed_after_final:
        story.append(p(label("history_none_after", language), styles.body))
    else:
        widths = [0.1 * width, 0.5 * width, 0.2 * width, 0.2 * width]
        rows: list[list[object]] = [
            [label(k, language) for k in ("code", "name", "history_at_final", "history_now")]
        ]
        for code in summary.changed_after_final:
            name = cell(criteria.item(code).name.get(language), styles.cell, widths[1])
            if code in summary.score_changes:
                before, after = summary.score_changes[code]
                rows.append([code, name, _percent(before), _percent(after)])
            else:
                percent = _percent(document.entry(code).percent)
                rows.append(
                    [
                        code,
                        name,
                        percent,
                        f"{percent} · " + label("history_comments_only", language),
                    ]
                )
        story.append(_history_grid(rows, widths))
    story.append(p(label("history_reopened", language), styles.item))
    if summary.reopenings:
        widths = [0.22 * width, 0.78 * width]
        rows = [[label("history_reopened_at", language), label("history_reason", language)]]
        for reopening in summary.reopenings:
            reason = reopening.reason or label("history_no_reason", language)
            rows.append([_local_time(reopening.at), p(reason, styles.cell)])
        story.append(_history_grid(rows, widths))
    else:
        story.append(p(label("card_none", language), styles.body))
    story.append(Spacer(1, 4 * mm))
    story.append(p(label("history_note", language, head=history.head), styles.small))
    return story


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def _history_grid(rows: list[list[object]], widths: list[float]) -> Table:
    return _grid(
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        repeat_rows=1,
    )


def render_scorecard(
    document: ScorecardDocument, criteria: CriteriaSet, language: str = "zh", *, demo: bool = False
) -> bytes:
    """The scorecard's pages as PDF bytes, not yet signed and without attachments;
    `demo` puts the demo's watermark on every page. Every page carries the paper code
    (`domain.paper_code`) of the document as given, before its names are made printable."""
    code = paper_code(document).text
    document = dataclasses.replace(
        document,
        candidate=printable.candidate(document.candidate),
        evaluator=printable.evaluator(document.evaluator),
    )
    styles = Styles()
    buffer = io.BytesIO()
    title = f"{label('award', language)} · {label('scorecard', language)}"
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{title} — {printable.footer(document.candidate.name)}",
        author=f"{document.evaluator.name} ({document.evaluator.code})",
        subject=f"{document.round.code} {document.candidate.credit_code}",
        creator="qz-evaluator",
        lang="zh-CN" if language == "zh" else "en",
    )
    summary = document.summary  # computed once, when the document was built
    story: list[Flowable] = [
        p(title, styles.title),
        p(
            f"{document.round.name} · {label('total', language)} "
            f"{format_points(summary.total)} / {criteria.total_points} · "
            f"{label('completeness', language)} {summary.completeness}",
            styles.subtitle,
        ),
        _info_grid(document, criteria, language, styles),
        Spacer(1, 5 * mm),
        _score_grid(document, criteria, language, styles),
        *_comments(document, criteria, language, styles),
        _declaration(document, language, styles),
        *_history_page(document, criteria, language, styles),
    ]
    footer: Footer = _footer(document, language, code)
    if demo:
        footer = _with_demo_watermark(footer)
    template.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()
