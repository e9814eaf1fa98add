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
from qz_evaluator.documents.numbered_canvas import Footer, numbered_canvas
from qz_evaluator.domain.text import Bilingual

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

L = {
    "results_report": Bilingual("评审结果报告", "Results report"),
    "feedback_report": Bilingual("评审反馈报告", "Feedback report"),
    "round": Bilingual("评审轮次", "Round"),
    "generated_at": Bilingual("生成时间", "Generated at"),
    "rule": Bilingual("汇总规则", "Aggregation rule"),
    "divergence": Bilingual("分歧阈值", "Divergence threshold"),
    "divergence_text": Bilingual(
        "同一条款评审员得分率的极差 ≥ {n} 个百分点即标记为分歧，须由评审组记录共识意见后方可定稿。",
        "An item is flagged when the evaluators' percentages differ by {n} points or more; "
        "the panel must record a consensus note before the result is final.",
    ),
    "thresholds": Bilingual("梯队推荐门槛", "Tier thresholds"),
    "overview": Bilingual(
        "共 {c} 家单位，合并有效评分表 {f} 份。",
        "{c} candidates, {f} merged scorecards.",
    ),
    "ranking": Bilingual("排名", "Ranking"),
    "tier_heading": Bilingual("{tier}（{n} 家）", "{tier} ({n})"),
    "no_candidates": Bilingual("本梯队暂无单位。", "No candidates in this tier."),
    "rank": Bilingual("名次", "Rank"),
    "candidate": Bilingual("被评价单位", "Candidate"),
    "credit_code": Bilingual("统一社会信用代码", "Unified social credit code"),
    "county": Bilingual("地区", "County"),
    "industry": Bilingual("行业", "Industry"),
    "tier": Bilingual("培育梯队", "Tier"),
    "n": Bilingual("有效表", "n"),
    "official": Bilingual("正式得分", "Official"),
    "mean": Bilingual("平均分", "Mean"),
    "trimmed_mean": Bilingual("去极值均分", "Trimmed"),
    "median": Bilingual("中位数", "Median"),
    "range": Bilingual("最低–最高", "Min–max"),
    "stdev": Bilingual("标准差", "SD"),
    "recommended": Bilingual("推荐梯队", "Rec. tier"),
    "final": Bilingual("定稿", "Final"),
    "flags": Bilingual("提示", "Flags"),
    "details": Bilingual("各单位评分统计", "Statistics per candidate"),
    "detail_line": Bilingual(
        "{code} · {tier} · 有效评分表 {n} 份 · 正式得分 {official}",
        "{code} · {tier} · {n} valid scorecards · official score {official}",
    ),
    "incomplete": Bilingual("评审员不足，结果不完整", "panel incomplete"),
    "category": Bilingual("类目", "Category"),
    "points_of": Bilingual("分值 {points}", "{points} points"),
    "minimum": Bilingual("最低", "Min"),
    "maximum": Bilingual("最高", "Max"),
    "divergent_item": Bilingual("分歧条款", "Divergent item"),
    "no_divergences": Bilingual("无分歧条款。", "No divergent items."),
    "spread": Bilingual("极差", "Spread"),
    "consensus": Bilingual("共识意见", "Consensus note"),
    "no_consensus": Bilingual("（尚未记录共识意见）", "(no consensus note yet)"),
    "missing": Bilingual("尚缺评分表的评审员", "Scorecards missing from"),
    "none_missing": Bilingual("无", "none"),
    "annex": Bilingual("附件：合并的评分表文件", "Annex: merged scorecard files"),
    "annex_intro": Bilingual(
        "下列文件的 SHA-256 摘要与签名证书指纹（证书的 SHA-256）可用于核对本报告所依据的评分表。",
        "The SHA-256 digest of each file and the fingerprint (SHA-256) of its signer's "
        "certificate identify the scorecards this report is based on.",
    ),
    "no_files": Bilingual("（无）", "(none)"),
    "file": Bilingual("文件", "File"),
    "evaluator_code": Bilingual("评审员编号", "Evaluator"),
    "revision": Bilingual("版次", "Rev."),
    "sha256": Bilingual("文件 SHA-256", "File SHA-256"),
    "fingerprint": Bilingual("签名证书指纹", "Signer certificate"),
    "signature_block": Bilingual("秘书处签名", "Secretariat's signature"),
    "signature_note": Bilingual(
        "本报告由评审委员会秘书处电子签名（PAdES）。签名后对文件的任何改动都会使签名失效；"
        "请以带有有效签名的电子文件为准。",
        "This report is signed electronically (PAdES) by the secretariat of the evaluation "
        "committee. Any change after signing invalidates the signature; the electronic file "
        "with a valid signature is authoritative.",
    ),
    "feedback_intro": Bilingual(
        "本报告汇总了评审组全体成员对贵单位各评分项的强项与改进机会意见，已合并重复内容，"
        "不含评分结果，也不注明提出意见的评审员。",
        "This report consolidates the observations of all panel members on each item: "
        "strengths and opportunities for improvement, duplicates removed. It contains no "
        "scores and does not name the evaluators.",
    ),
    "item_heading": Bilingual("{code} {name}（分值 {points}）", "{code} {name} ({points} points)"),
    "strengths": Bilingual("强项", "Strengths"),
    "ofis": Bilingual("改进机会", "Opportunities for improvement"),
    "none": Bilingual("（无）", "(none)"),
    "page": Bilingual("第 {n} 页 共 {m} 页", "Page {n} of {m}"),
}


def label(key: str, language: str, **values: object) -> str:
    text = L[key].get(language)
    return text.format(**values) if values else text


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
