"""The results charts as reportlab.graphics Drawings (vector, in the signed report), and the
plain values they are drawn from.

Three pictures where people would rather look than read (issue 10): each candidate's panel
totals as a strip plot with the official score marked, a candidate's category profile
against the maximum points, and each evaluator's leniency with its 95 % interval
(diagnostic). reportlab.graphics ships with reportlab, which the reports already use: its
Drawings are vector flowables that embed the same CJK font, so the charts cost no new
dependency and print sharply at any size.

The value types live here, not in services, so that documents/ stays free of services:
`services.charts` computes them from a round's results, the window (`ui.charts`) paints the
same values with QPainter, and this module draws them for the PDF. Numbers are floats for
positions plus the text the tables show ("612.35"); titles and axis names are each
renderer's own, in its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from qz_evaluator.documents.fonts import register_fonts
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.text import Bilingual

# ----- values ------------------------------------------------------------------------------


class Axis(NamedTuple):
    """A value axis from `low` to `high`, labelled at `ticks`."""

    low: float
    high: float
    ticks: tuple[float, ...]

    def share(self, value: float) -> float:
        """Where `value` sits between low (0.0) and high (1.0)."""
        span = self.high - self.low
        return (value - self.low) / span if span else 0.5


class Dot(NamedTuple):
    """One evaluator's total on a candidate's row. `lane` stacks equal (or touching)
    totals: 0 on the row's line, then 1, −1, 2, −2 … above and below it."""

    evaluator_code: str
    value: float
    text: str
    lane: int


@dataclass(frozen=True)
class StripRow:
    credit_code: str
    name: str
    rank: int | None
    dots: tuple[Dot, ...]  # in panel order
    official: float | None
    official_text: str  # "" when there is no official score


@dataclass(frozen=True)
class StripChart:
    """A tier's candidates, one row each, with every panel member's total."""

    tier: Tier
    rule_id: str
    total_points: int
    axis: Axis
    rows: tuple[StripRow, ...]

    def chunks(self, size: int) -> list[StripChart]:
        """The same chart in pieces of at most `size` rows (a page holds so many)."""
        return [
            StripChart(
                self.tier, self.rule_id, self.total_points, self.axis, self.rows[i : i + size]
            )
            for i in range(0, len(self.rows), size)
        ]


@dataclass(frozen=True)
class ProfileBar:
    """A category's mean subtotal over the panel against its maximum points."""

    code: str
    name: Bilingual
    maximum: int
    mean: float
    mean_text: str
    low: float  # lowest and highest subtotal on the panel
    high: float
    low_text: str
    high_text: str

    @property
    def share(self) -> float:
        return self.mean / self.maximum if self.maximum else 0.0


@dataclass(frozen=True)
class ProfileChart:
    credit_code: str
    name: str
    n: int  # valid scorecards
    bars: tuple[ProfileBar, ...]  # in criteria order


@dataclass(frozen=True)
class LeniencyDot:
    evaluator_code: str
    panels: int
    value: float  # mean deviation from the panels' means, in points
    low: float | None  # the 95 % interval; None below 2 panels
    high: float | None
    z: float


@dataclass(frozen=True)
class LeniencyChart:
    """Evaluators sorted from the most lenient down (diagnostic only)."""

    axis: Axis
    dots: tuple[LeniencyDot, ...]
    without_panels: int  # evaluators left out: no panel with another evaluator

    def chunks(self, size: int) -> list[LeniencyChart]:
        """The same chart in pieces of at most `size` evaluators, the note on the last."""
        starts = range(0, max(len(self.dots), 1), size)
        return [
            LeniencyChart(
                self.axis,
                self.dots[i : i + size],
                self.without_panels if i == starts[-1] else 0,
            )
            for i in starts
        ]


# ----- the charts' words in the report (the window has its own, in the .ts) -----------------

WORDS = {
    "strip_title": Bilingual(
        "{tier}：各评审员总分与正式得分", "{tier}: panel totals and official score"
    ),
    "strip_part": Bilingual("（续 {n}）", " (cont. {n})"),
    "evaluator_total": Bilingual("评审员总分", "Evaluator's total"),
    "official": Bilingual("正式得分（{rule}）", "Official score ({rule})"),
    "total_axis": Bilingual("总分（满分 {points}）", "Total (of {points} points)"),
    "profile_title": Bilingual(
        "类目得分概况：平均分与满分", "Category profile: mean points against the maximum"
    ),
    "profile_mean": Bilingual("平均分", "Mean"),
    "profile_range": Bilingual("最低–最高", "Min–max"),
    "profile_maximum": Bilingual("满分", "Maximum"),
    "profile_axis": Bilingual("占类目满分的百分比", "Share of the category's maximum"),
    "profile_value": Bilingual("{mean} / {maximum}（{share}%）", "{mean} / {maximum} ({share}%)"),
    "leniency_title": Bilingual(
        "评审员宽严度（诊断用，不影响正式得分）",
        "Evaluator leniency (diagnostic; official scores unaffected)",
    ),
    "leniency_note": Bilingual(
        "点：相对所在评审组平均总分的平均偏差；横线：95% 区间（t 分布，评审组数−1 自由度）。",
        "Dot: mean deviation from the panels' mean totals; line: 95 % interval "
        "(t distribution, panels − 1 degrees of freedom).",
    ),
    "leniency_axis": Bilingual(
        "与评审组均分的平均偏差（分）", "Mean deviation from panel mean (points)"
    ),
    "leniency_panels": Bilingual("{code}（{n}组）", "{code} ({n})"),
    "leniency_left_out": Bilingual(
        "另有 {n} 名评审员无可比较的评审组，未列出。",
        "{n} evaluators without a shared panel are not shown.",
    ),
}


def word(key: str, language: str, **values: object) -> str:
    text = WORDS[key].get(language)
    return text.format(**values) if values else text


def signed(value: float) -> str:
    """A deviation with its sign, two decimals: "+12.30", "−4.05"."""
    text = f"{value:+.2f}"
    return text.replace("-", "−")


def percent(share: float) -> str:
    return f"{share * 100:.1f}"


# ----- drawing -------------------------------------------------------------------------------

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#6b6459")
ACCENT = colors.HexColor("#9b1c1c")  # the official score: the award's seal red
DOTS = colors.HexColor("#1d4e89")  # evaluators: a blue that stays apart from the red
TRACK = colors.HexColor("#ece6dc")
STRIPE = colors.HexColor("#f7f4ef")
RULE = colors.HexColor("#b8b2a7")

TITLE_SIZE = 9.5
TEXT_SIZE = 7
TICK_SIZE = 6.5


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing that starts in the embedded CJK font: reportlab's renderer would select
    its default, un-embedded Helvetica first."""
    drawing = Drawing(width, height)
    drawing.initialFontName = register_fonts()
    drawing.initialFontSize = TEXT_SIZE
    return drawing


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with "…" to fit `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    # The longest prefix that fits with "…", found by halving: cutting one character at
    # a time took minutes for a 60,000-character name.
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits] + "…"


def _string(
    x: float,
    y: float,
    text: str,
    size: float = TEXT_SIZE,
    colour: colors.Color = INK,
    anchor: str = "start",
) -> String:
    return String(
        x, y, text, fontName=register_fonts(), fontSize=size, fillColor=colour, textAnchor=anchor
    )


def _axis(
    group: Group,
    axis: Axis,
    left: float,
    right: float,
    top: float,
    bottom: float,
    title: str,
    suffix: str = "",
    signed_ticks: bool = False,
) -> None:
    """Grid lines at the ticks from `top` down to `bottom`, tick labels under it and the
    axis title under them."""
    for tick in axis.ticks:
        x = left + axis.share(tick) * (right - left)
        group.add(Line(x, bottom, x, top, strokeColor=RULE, strokeWidth=0.3))
        shown = signed(tick) if signed_ticks and tick else f"{tick:g}"
        if signed_ticks:
            shown = shown.removesuffix(".00")
        group.add(_string(x, bottom - 8, shown + suffix, TICK_SIZE, MUTED, "middle"))
    group.add(Line(left, bottom, right, bottom, strokeColor=MUTED, strokeWidth=0.6))
    group.add(_string((left + right) / 2, bottom - 17, title, TEXT_SIZE, MUTED, "middle"))


def _legend(group: Group, right: float, y: float, entries: Sequence[tuple[str, str]]) -> None:
    """Legend entries ("dot" | "tick" | "bar" | "range", text), right-aligned on one line."""
    font = register_fonts()
    x = right
    for kind, text in reversed(entries):
        x -= stringWidth(text, font, TEXT_SIZE)
        group.add(_string(x, y, text, TEXT_SIZE, INK))
        x -= 9
        centre = y + 2.4
        if kind == "dot":
            group.add(Circle(x + 3, centre, 2.6, fillColor=DOTS, strokeColor=colors.white))
        elif kind == "tick":
            group.add(
                Line(x + 3, centre - 4, x + 3, centre + 4, strokeColor=ACCENT, strokeWidth=1.8)
            )
        elif kind == "bar":
            group.add(Rect(x - 2, centre - 3, 8, 6, fillColor=DOTS, strokeColor=None))
        elif kind == "track":
            group.add(Rect(x - 2, centre - 3, 8, 6, fillColor=TRACK, strokeColor=RULE))
        else:  # a range
            group.add(Line(x - 2, centre, x + 7, centre, strokeColor=INK, strokeWidth=0.8))
        x -= 14


ROW = 13.0  # points per strip row
LABEL_WIDTH = 150.0
HEAD = 18.0  # title line
FOOT = 24.0  # tick labels and axis title
DOT_RADIUS = 2.6


def strip_drawing(chart: StripChart, language: str, width: float, part: int = 0) -> Drawing:
    """A tier's strip plot: one row per candidate, a dot per evaluator's total, the
    official score as a red tick. `part` > 0 says the chart continues a previous one."""
    font = register_fonts()
    height = HEAD + len(chart.rows) * ROW + FOOT
    drawing = _drawing(width, height)
    group = Group()
    title = word("strip_title", language, tier=chart.tier.label.get(language))
    if part:
        title += word("strip_part", language, n=part + 1)
    group.add(_string(0, height - 11, title, TITLE_SIZE, ACCENT))
    _legend(
        group,
        width,
        height - 11,
        [
            ("dot", word("evaluator_total", language)),
            ("tick", word("official", language, rule=chart.rule_id)),
        ],
    )
    left, right = LABEL_WIDTH + 6, width - 8
    top, bottom = height - HEAD, FOOT
    for index in range(1, len(chart.rows), 2):
        y = top - (index + 0.5) * ROW
        group.add(Rect(0, y - ROW / 2, width, ROW, fillColor=STRIPE, strokeColor=None))
    _axis(
        group,
        chart.axis,
        left,
        right,
        top,
        bottom,
        word("total_axis", language, points=chart.total_points),
    )
    for index, row in enumerate(chart.rows):
        y = top - (index + 0.5) * ROW
        rank = "" if row.rank is None else f"{row.rank}. "
        group.add(_string(0, y - 2.5, _fit(rank + row.name, font, TEXT_SIZE, LABEL_WIDTH)))
        marks = strip_marks(row, chart.axis, left, right, ROW)
        if len(marks) > 1:  # the panel's range, faint, to read the spread at a glance
            xs = [x for x, _, _ in marks]
            group.add(Line(min(xs), y, max(xs), y, strokeColor=RULE, strokeWidth=0.6))
        for x, dy, _dot in marks:
            group.add(
                Circle(
                    x, y + dy, DOT_RADIUS, fillColor=DOTS, strokeColor=colors.white, strokeWidth=0.4
                )
            )
        if row.official is not None:
            x = left + chart.axis.share(row.official) * (right - left)
            group.add(
                Line(
                    x, y - ROW / 2 + 1.5, x, y + ROW / 2 - 1.5, strokeColor=ACCENT, strokeWidth=1.8
                )
            )
    drawing.add(group)
    return drawing


def lane_step(row: StripRow, row_height: float, radius: float) -> float:
    """How far apart stacked dots sit: a dot's width, less when many share a row."""
    lanes = max((abs(dot.lane) for dot in row.dots), default=0)
    if not lanes:
        return 0.0
    return min(2 * radius, (row_height / 2 - radius - 0.5) / lanes)


def strip_marks(
    row: StripRow,
    axis: Axis,
    left: float,
    right: float,
    row_height: float,
    radius: float = DOT_RADIUS,
) -> list[tuple[float, float, Dot]]:
    """Each dot's x and its offset from the row's line (up positive), for both renderers'
    geometry."""
    step = lane_step(row, row_height, radius)
    return [
        (left + axis.share(dot.value) * (right - left), dot.lane * step, dot) for dot in row.dots
    ]


PROFILE_ROW = 13.0
PROFILE_VALUE_WIDTH = 120.0


def profile_drawing(chart: ProfileChart, language: str, width: float) -> Drawing:
    """A candidate's categories: the mean subtotal as a bar on the track of the maximum,
    the panel's lowest–highest subtotal as a line, all as shares of the maximum."""
    font = register_fonts()
    height = HEAD + len(chart.bars) * PROFILE_ROW + FOOT
    drawing = _drawing(width, height)
    group = Group()
    group.add(_string(0, height - 11, word("profile_title", language), TITLE_SIZE, ACCENT))
    _legend(
        group,
        width,
        height - 11,
        [
            ("bar", word("profile_mean", language)),
            ("range", word("profile_range", language)),
            ("track", word("profile_maximum", language)),
        ],
    )
    left, right = LABEL_WIDTH + 6, width - PROFILE_VALUE_WIDTH
    top, bottom = height - HEAD, FOOT
    axis = PROFILE_AXIS
    _axis(group, axis, left, right, top, bottom, word("profile_axis", language), suffix="%")
    for index, bar in enumerate(chart.bars):
        y = top - (index + 0.5) * PROFILE_ROW
        name = f"{bar.code} {bar.name.get(language)}"
        group.add(_string(0, y - 2.5, _fit(name, font, TEXT_SIZE, LABEL_WIDTH)))
        span = right - left
        group.add(Rect(left, y - 4, span, 8, fillColor=TRACK, strokeColor=None))
        group.add(Rect(left, y - 4, span * bar.share, 8, fillColor=DOTS, strokeColor=None))
        if bar.maximum:
            low = left + span * bar.low / bar.maximum
            high = left + span * bar.high / bar.maximum
            # ink on a white halo: readable over the bar and over the track
            for colour, stroke in ((colors.white, 2.0), (INK, 0.8)):
                group.add(Line(low, y, high, y, strokeColor=colour, strokeWidth=stroke))
                for x in (low, high):
                    group.add(Line(x, y - 3, x, y + 3, strokeColor=colour, strokeWidth=stroke))
        value = word(
            "profile_value",
            language,
            mean=bar.mean_text,
            maximum=bar.maximum,
            share=percent(bar.share),
        )
        group.add(_string(right + 6, y - 2.5, value))
    drawing.add(group)
    return drawing


PROFILE_AXIS = Axis(0.0, 100.0, (0.0, 20.0, 40.0, 60.0, 80.0, 100.0))

LENIENCY_ROW = 11.0
LENIENCY_LABEL = 70.0
LENIENCY_VALUE_WIDTH = 130.0


def leniency_drawing(chart: LeniencyChart, language: str, width: float) -> Drawing:
    """Each evaluator's mean deviation with its 95 % interval, sorted, zero line drawn."""
    note_height = 12.0
    height = HEAD + note_height + len(chart.dots) * LENIENCY_ROW + FOOT
    if chart.without_panels:
        height += 10
    drawing = _drawing(width, height)
    group = Group()
    group.add(_string(0, height - 11, word("leniency_title", language), TITLE_SIZE, ACCENT))
    group.add(_string(0, height - HEAD - 7, word("leniency_note", language), TEXT_SIZE, MUTED))
    left, right = LENIENCY_LABEL + 6, width - LENIENCY_VALUE_WIDTH
    top = height - HEAD - note_height
    bottom = FOOT + (10 if chart.without_panels else 0)
    axis = chart.axis
    for index in range(1, len(chart.dots), 2):
        y = top - (index + 0.5) * LENIENCY_ROW
        group.add(
            Rect(0, y - LENIENCY_ROW / 2, width, LENIENCY_ROW, fillColor=STRIPE, strokeColor=None)
        )
    _axis(group, axis, left, right, top, bottom, word("leniency_axis", language), signed_ticks=True)
    zero = left + axis.share(0.0) * (right - left)
    group.add(
        Line(zero, bottom, zero, top, strokeColor=INK, strokeWidth=0.9, strokeDashArray=[2, 1.5])
    )
    for index, dot in enumerate(chart.dots):
        y = top - (index + 0.5) * LENIENCY_ROW
        group.add(
            _string(
                0, y - 2.5, word("leniency_panels", language, code=dot.evaluator_code, n=dot.panels)
            )
        )
        if dot.low is not None and dot.high is not None:
            low = left + axis.share(dot.low) * (right - left)
            high = left + axis.share(dot.high) * (right - left)
            group.add(Line(low, y, high, y, strokeColor=INK, strokeWidth=0.8))
            for x in (low, high):
                group.add(Line(x, y - 2.5, x, y + 2.5, strokeColor=INK, strokeWidth=0.8))
            interval = f"  [{signed(dot.low)}, {signed(dot.high)}]"
        else:
            interval = ""
        x = left + axis.share(dot.value) * (right - left)
        group.add(
            Circle(x, y, DOT_RADIUS, fillColor=DOTS, strokeColor=colors.white, strokeWidth=0.4)
        )
        group.add(_string(right + 6, y - 2.5, signed(dot.value) + interval))
    if chart.without_panels:
        group.add(
            _string(
                0, 2, word("leniency_left_out", language, n=chart.without_panels), TEXT_SIZE, MUTED
            )
        )
    drawing.add(group)
    return drawing
