"""The results charts in the window, painted with QPainter.

Three pictures where people would rather look than read (issue 10), the same as in the
signed results report: a tier's panel totals as a strip plot with the official scores
marked, a candidate's category profile against the maximum points, and each evaluator's
leniency with its 95 % interval (diagnostic).

Why QPainter: QtCharts is in PySide6-Addons, not in the PySide6-Essentials this program
ships, and pulling in the Addons wheel (hundreds of MB of modules we do not use) for
three simple charts is the wrong trade; a plotting library (matplotlib, pyqtgraph) would
add as much again and its own fonts and styles. QPainter is already here, draws vector
shapes at the screen's device pixel ratio (crisp on high-DPI screens), and uses the
application font with the bundled CJK fallback, so Chinese renders like the rest of the
window. The values come from `services.charts`, which the report draws too.

Each chart keeps the geometry of its marks (`mark_positions()`): painting, tooltips and
tests read the same places.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services import charts
from qz_evaluator.ui import i18n

if TYPE_CHECKING:
    from qz_evaluator.services.results import Calibration, RoundResults

# The report's colours: ink, the seal red for official scores, a blue for evaluators that
# stays apart from the red (and differs in shape: dots against ticks), on light paper.
PAPER = QColor("#ffffff")
INK = QColor("#1f2933")
MUTED = QColor("#5c564c")  # darker than the report's muted tone: small text on screen
ACCENT = QColor("#9b1c1c")
DOTS = QColor("#1d4e89")
TRACK = QColor("#ece6dc")
STRIPE = QColor("#f7f4ef")
SELECTED = QColor("#fff1c2")
RULE = QColor("#b8b2a7")

TIER_ORDER = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)
PAD = 12.0
RADIUS = 4.5  # of an evaluator's dot, in device-independent pixels


@dataclass(frozen=True)
class Mark:
    """One drawn value: where it is, what kind ("total", "official", "mean", "leniency"),
    whose (an evaluator or category code) and what its tooltip says."""

    kind: str
    key: str
    position: QPointF
    tip: str


def signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


class Chart(QWidget):
    """A chart's common frame: light paper, a title, an empty state, tooltips on marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.language = i18n.short_code(QLocale().name())

    # ----- geometry, for painting, tooltips and tests ------------------------------------

    def marks(self) -> list[Mark]:
        return []

    def mark_positions(self) -> list[tuple[str, QPointF]]:
        """Each value mark's kind and centre, in widget coordinates."""
        return [(mark.kind, mark.position) for mark in self.marks()]

    def empty_text(self) -> str:
        return ""

    def is_empty(self) -> bool:
        return True

    # ----- text ----------------------------------------------------------------------------

    def line(self) -> float:
        return QFontMetricsF(self.font()).height()

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return font

    # ----- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), PAPER)
        if self.is_empty():
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text(),
            )
        else:
            self.paint(painter, QRectF(event.rect()))
        painter.end()

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        raise NotImplementedError

    def draw_title(self, painter: QPainter, text: str, note: str = "") -> None:
        painter.setFont(self.title_font())
        painter.setPen(ACCENT)
        fm = QFontMetricsF(painter.font())
        painter.drawText(QPointF(PAD, PAD + fm.ascent()), text)
        painter.setFont(self.font())
        if note:
            painter.setPen(MUTED)
            painter.drawText(QPointF(PAD, PAD + fm.height() + self.line() * 0.8), note)

    def draw_legend(self, painter: QPainter, entries: list[tuple[str, str]]) -> None:
        """Entries ("dot" | "tick" | "bar" | "range" | "track", text), right-aligned."""
        fm = QFontMetricsF(self.font())
        y = PAD + fm.ascent()
        x = self.width() - PAD
        painter.setFont(self.font())
        for kind, text in reversed(entries):
            x -= fm.horizontalAdvance(text)
            painter.setPen(INK)
            painter.drawText(QPointF(x, y), text)
            centre = QPointF(x - 6 - 7, y - fm.ascent() / 2 + 1)  # symbols are 14 wide
            draw_symbol(painter, kind, centre)
            x -= 6 + 14 + 16

    def draw_axis(
        self,
        painter: QPainter,
        axis: charts.Axis,
        left: float,
        right: float,
        top: float,
        bottom: float,
        title: str,
        label: Callable[[float], str],
    ) -> None:
        fm = QFontMetricsF(self.font())
        for tick in axis.ticks:
            x = left + axis.share(tick) * (right - left)
            painter.setPen(QPen(RULE, 0.8))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            text = label(tick)
            painter.setPen(MUTED)
            painter.drawText(
                QPointF(x - fm.horizontalAdvance(text) / 2, bottom + fm.ascent() + 3), text
            )
        painter.setPen(QPen(MUTED, 1.0))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        painter.setPen(MUTED)
        painter.drawText(
            QPointF(
                (left + right) / 2 - fm.horizontalAdvance(title) / 2,
                bottom + fm.height() + fm.ascent() + 5,
            ),
            title,
        )

    # ----- tooltips ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.mark_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), found.tip, self)
            return True
        return super().event(event)

    def mark_at(self, point: QPointF, reach: float = 8.0) -> Mark | None:
        """The mark nearest `point` within `reach` pixels, if any."""
        best: Mark | None = None
        distance = reach
        for mark in self.marks():
            gap = max(abs(mark.position.x() - point.x()), abs(mark.position.y() - point.y()))
            if gap <= distance:
                best, distance = mark, gap
        return best

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.short_code(QLocale().name())
            self.updateGeometry()
            self.update()
        elif event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)


def flat_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def draw_symbol(painter: QPainter, kind: str, centre: QPointF) -> None:
    x, y = centre.x(), centre.y()
    if kind == "dot":
        draw_dot(painter, centre)
    elif kind == "tick":
        painter.setPen(flat_pen(ACCENT, 3.0))
        painter.drawLine(QPointF(x, y - 7), QPointF(x, y + 7))
    elif kind == "bar":
        painter.fillRect(QRectF(x - 6, y - 5, 12, 10), DOTS)
    elif kind == "track":
        painter.setPen(QPen(RULE, 1.0))
        painter.setBrush(TRACK)
        painter.drawRect(QRectF(x - 6, y - 5, 12, 10))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:  # a range or an interval
        painter.setPen(QPen(INK, 1.3))
        painter.drawLine(QPointF(x - 7, y), QPointF(x + 7, y))
        painter.drawLine(QPointF(x - 7, y - 4), QPointF(x - 7, y + 4))
        painter.drawLine(QPointF(x + 7, y - 4), QPointF(x + 7, y + 4))


def draw_dot(painter: QPainter, centre: QPointF) -> None:
    painter.setPen(QPen(PAPER, 1.2))
    painter.setBrush(DOTS)
    painter.drawEllipse(centre, RADIUS, RADIUS)
    painter.setBrush(Qt.BrushStyle.NoBrush)


# --------------------------------------------------------------------------- panel totals


class PanelTotalsChart(Chart):
    """A tier's candidates, one row each: a dot per evaluator's total (equal totals
    stacked), the official score as a red tick; the selected candidate's row is shaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: charts.StripChart | None = None
        self.selected: str | None = None

    def set_chart(self, chart: charts.StripChart | None, selected: str | None = None) -> None:
        self.chart, self.selected = chart, selected
        self.setAccessibleName(self.tr("Panel totals and official scores"))
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def is_empty(self) -> bool:
        return self.chart is None or not self.chart.rows

    def empty_text(self) -> str:
        return self.tr("No merged scorecards in this tier yet.")

    def row_height(self) -> float:
        return max(24.0, self.line() + 10)

    def head(self) -> float:
        return PAD + QFontMetricsF(self.title_font()).height() + self.line() * 0.6

    def foot(self) -> float:
        return self.line() * 2 + 16

    def sizeHint(self) -> QSize:
        rows = len(self.chart.rows) if self.chart else 0
        height = self.head() + rows * self.row_height() + self.foot() + PAD
        return QSize(640, int(max(height, 160)))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def plot(self) -> tuple[float, float, float]:
        """Left and right of the plot, and the left column's width (candidate names)."""
        names = min(240.0, max(140.0, self.width() * 0.28))
        return PAD + names + 10, self.width() - PAD - 8, names

    def row_top(self, index: int) -> float:
        return self.head() + index * self.row_height()

    def row_of(self, credit_code: str) -> int | None:
        if self.chart is None:
            return None
        for index, row in enumerate(self.chart.rows):
            if row.credit_code == credit_code:
                return index
        return None

    def row_marks(self, index: int) -> list[Mark]:
        chart = self.chart
        assert chart is not None
        row = chart.rows[index]
        left, right, _ = self.plot()
        height = self.row_height()
        centre = self.row_top(index) + height / 2
        lanes = max((abs(dot.lane) for dot in row.dots), default=0)
        step = min(2 * RADIUS, (height / 2 - RADIUS - 1) / lanes) if lanes else 0.0
        marks = [
            Mark(
                "total",
                dot.evaluator_code,
                # lanes above the line are up the screen
                QPointF(
                    left + chart.axis.share(dot.value) * (right - left), centre - dot.lane * step
                ),
                self.tr("{name}\nEvaluator {code}: total {total}").format(
                    name=row.name, code=dot.evaluator_code, total=dot.text
                ),
            )
            for dot in row.dots
        ]
        if row.official is not None:
            marks.append(
                Mark(
                    "official",
                    row.credit_code,
                    QPointF(left + chart.axis.share(row.official) * (right - left), centre),
                    self.tr("{name}\nOfficial score ({rule}): {score}").format(
                        name=row.name, rule=chart.rule_id, score=row.official_text
                    ),
                )
            )
        return marks

    def marks(self) -> list[Mark]:
        if self.chart is None:
            return []
        return [mark for index in range(len(self.chart.rows)) for mark in self.row_marks(index)]

    def mark_at(self, point: QPointF, reach: float = 8.0) -> Mark | None:
        # Only the row under the pointer: a tier may hold thousands of candidates.
        if self.is_empty():
            return None
        index = int((point.y() - self.head()) // self.row_height())
        assert self.chart is not None
        if not 0 <= index < len(self.chart.rows):
            return None
        best: Mark | None = None
        distance = reach
        for mark in self.row_marks(index):
            gap = max(abs(mark.position.x() - point.x()), abs(mark.position.y() - point.y()))
            if gap <= distance:
                best, distance = mark, gap
        return best

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        chart = self.chart
        assert chart is not None
        self.draw_title(
            painter,
            self.tr("{tier}: panel totals and official scores").format(
                tier=chart.tier.label.get(self.language)
            ),
        )
        self.draw_legend(
            painter,
            [
                ("dot", self.tr("Evaluator's total")),
                ("tick", self.tr("Official score ({rule})").format(rule=chart.rule_id)),
            ],
        )
        left, right, names = self.plot()
        height = self.row_height()
        top = self.head()
        bottom = top + len(chart.rows) * height
        first = max(0, int((exposed.top() - top) // height))
        last = min(len(chart.rows), int((exposed.bottom() - top) // height) + 1)
        fm = QFontMetricsF(self.font())
        for index in range(first, last):
            row_top = self.row_top(index)
            band = QRectF(0, row_top, self.width(), height)
            if chart.rows[index].credit_code == self.selected:
                painter.fillRect(band, SELECTED)
            elif index % 2:
                painter.fillRect(band, STRIPE)
        self.draw_axis(
            painter,
            chart.axis,
            left,
            right,
            top,
            bottom,
            self.tr("Total (of {points} points)").format(points=chart.total_points),
            lambda tick: f"{tick:g}",
        )
        for index in range(first, last):
            row = chart.rows[index]
            row_top = self.row_top(index)
            centre = row_top + height / 2
            name = ("" if row.rank is None else f"{row.rank}. ") + row.name
            painter.setPen(INK)
            painter.drawText(
                QPointF(PAD, centre + fm.ascent() / 2 - 1),
                fm.elidedText(name, Qt.TextElideMode.ElideRight, names),
            )
            marks = self.row_marks(index)
            totals = [m.position.x() for m in marks if m.kind == "total"]
            if len(totals) > 1:  # the panel's range, faint, to read the spread at a glance
                painter.setPen(QPen(RULE, 1.0))
                painter.drawLine(QPointF(min(totals), centre), QPointF(max(totals), centre))
            for mark in marks:
                if mark.kind == "total":
                    draw_dot(painter, mark.position)
            for mark in marks:  # over the dots: an official score equal to a total shows
                if mark.kind == "official":
                    x = mark.position.x()
                    painter.setPen(flat_pen(ACCENT, 3.0))
                    painter.drawLine(QPointF(x, row_top + 2), QPointF(x, row_top + height - 2))


# ------------------------------------------------------------------------ category profile


class CategoryProfileChart(Chart):
    """A candidate's categories: the panel's mean subtotal as a bar on the track of the
    category's maximum, its lowest–highest subtotal as a line, as shares of the maximum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: charts.ProfileChart | None = None

    def set_chart(self, chart: charts.ProfileChart | None) -> None:
        self.chart = chart
        self.setAccessibleName(self.tr("Category profile: mean points against the maximum"))
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def is_empty(self) -> bool:
        return self.chart is None or not self.chart.bars

    def empty_text(self) -> str:
        return self.tr("Choose a candidate with merged scorecards to see its category profile.")

    def row_height(self) -> float:
        return max(28.0, self.line() + 12)

    def head(self) -> float:
        return PAD + QFontMetricsF(self.title_font()).height() + self.line() * 1.4

    def foot(self) -> float:
        return self.line() * 2 + 16

    def sizeHint(self) -> QSize:
        bars = len(self.chart.bars) if self.chart else 7
        return QSize(640, int(self.head() + bars * self.row_height() + self.foot() + PAD))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def plot(self) -> tuple[float, float, float]:
        fm = QFontMetricsF(self.font())
        names = min(240.0, max(120.0, self.width() * 0.25))
        values = fm.horizontalAdvance("000.00 / 000 (100.0%)") + 12
        return PAD + names + 10, self.width() - PAD - values, names

    def marks(self) -> list[Mark]:
        chart = self.chart
        if chart is None:
            return []
        left, right, _ = self.plot()
        marks = []
        for index, bar in enumerate(chart.bars):
            centre = self.head() + (index + 0.5) * self.row_height()
            marks.append(
                Mark(
                    "mean",
                    bar.code,
                    QPointF(left + bar.share * (right - left), centre),
                    self.tr(
                        "{code} {name}\nMean {mean} of {maximum} points ({share}%)\n"
                        "Lowest {low}, highest {high} on the panel of {n}"
                    ).format(
                        code=bar.code,
                        name=bar.name.get(self.language),
                        mean=bar.mean_text,
                        maximum=bar.maximum,
                        share=f"{bar.share * 100:.1f}",
                        low=bar.low_text,
                        high=bar.high_text,
                        n=chart.n,
                    ),
                )
            )
        return marks

    def mark_at(self, point: QPointF, reach: float = 8.0) -> Mark | None:
        # A bar answers anywhere along its track: the whole row is its target.
        height = self.row_height()
        for mark in self.marks():
            if abs(mark.position.y() - point.y()) <= height / 2:
                return mark
        return None

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        chart = self.chart
        assert chart is not None
        self.draw_title(
            painter,
            self.tr("Category profile: mean points against the maximum"),
            chart.name,
        )
        self.draw_legend(
            painter,
            [
                ("bar", self.tr("Mean")),
                ("range", self.tr("Lowest–highest")),
                ("track", self.tr("Maximum")),
            ],
        )
        left, right, names = self.plot()
        height = self.row_height()
        top = self.head()
        bottom = top + len(chart.bars) * height
        self.draw_axis(
            painter,
            charts.Axis(0.0, 100.0, (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)),
            left,
            right,
            top,
            bottom,
            self.tr("Share of the category's maximum points"),
            lambda tick: f"{tick:g}%",
        )
        fm = QFontMetricsF(self.font())
        span = right - left
        for mark, bar in zip(self.marks(), chart.bars, strict=True):
            y = mark.position.y()
            painter.setPen(INK)
            painter.drawText(
                QPointF(PAD, y + fm.ascent() / 2 - 1),
                fm.elidedText(
                    f"{bar.code} {bar.name.get(self.language)}",
                    Qt.TextElideMode.ElideRight,
                    names,
                ),
            )
            thick = min(14.0, height * 0.5)
            painter.fillRect(QRectF(left, y - thick / 2, span, thick), TRACK)
            painter.fillRect(QRectF(left, y - thick / 2, span * bar.share, thick), DOTS)
            if bar.maximum:
                low = left + span * bar.low / bar.maximum
                high = left + span * bar.high / bar.maximum
                # ink on a light halo: readable over the bar and over the track
                for pen in (QPen(PAPER, 3.6), QPen(INK, 1.4)):
                    painter.setPen(pen)
                    painter.drawLine(QPointF(low, y), QPointF(high, y))
                    for x in (low, high):
                        painter.drawLine(QPointF(x, y - 5), QPointF(x, y + 5))
            painter.setPen(INK)
            painter.drawText(
                QPointF(right + 10, y + fm.ascent() / 2 - 1),
                f"{bar.mean_text} / {bar.maximum} ({bar.share * 100:.1f}%)",
            )


# ------------------------------------------------------------------------------- leniency


class LeniencyDotChart(Chart):
    """Each evaluator's mean deviation from their panels' means with its 95 % interval,
    sorted from the most lenient, zero line drawn; marked as diagnostic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: charts.LeniencyChart | None = None

    def set_chart(self, chart: charts.LeniencyChart | None) -> None:
        self.chart = chart
        self.setAccessibleName(
            self.tr("Evaluator leniency (diagnostic: official scores are not changed)")
        )
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def is_empty(self) -> bool:
        return self.chart is None or not self.chart.dots

    def empty_text(self) -> str:
        return self.tr("Leniency needs evaluators who scored a candidate together.")

    def row_height(self) -> float:
        return max(20.0, self.line() + 6)

    def head(self) -> float:
        return PAD + QFontMetricsF(self.title_font()).height() + self.line() * 1.6

    def foot(self) -> float:
        extra = self.line() if self.chart is not None and self.chart.without_panels else 0
        return self.line() * 2 + 16 + extra

    def sizeHint(self) -> QSize:
        rows = len(self.chart.dots) if self.chart else 0
        height = self.head() + rows * self.row_height() + self.foot() + PAD
        return QSize(640, int(max(height, 160)))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def plot(self) -> tuple[float, float]:
        fm = QFontMetricsF(self.font())
        labels = fm.horizontalAdvance("WWW-W00 (000)") + 10
        values = fm.horizontalAdvance("−000.00  [−000.00, +000.00]") + 12
        return PAD + labels, self.width() - PAD - values

    def marks(self) -> list[Mark]:
        chart = self.chart
        if chart is None:
            return []
        left, right = self.plot()
        marks = []
        for index, dot in enumerate(chart.dots):
            y = self.head() + (index + 0.5) * self.row_height()
            if dot.low is not None and dot.high is not None:
                interval = self.tr("95% interval {low} to {high}").format(
                    low=signed(dot.low), high=signed(dot.high)
                )
            else:
                interval = self.tr("no interval: a single panel")
            marks.append(
                Mark(
                    "leniency",
                    dot.evaluator_code,
                    QPointF(left + chart.axis.share(dot.value) * (right - left), y),
                    self.tr(
                        "Evaluator {code}: {deviation} points from the panel mean "
                        "over {n} panels\n{interval}; z {z}"
                    ).format(
                        code=dot.evaluator_code,
                        deviation=signed(dot.value),
                        n=dot.panels,
                        interval=interval,
                        z=signed(dot.z),
                    ),
                )
            )
        return marks

    def mark_at(self, point: QPointF, reach: float = 8.0) -> Mark | None:
        height = self.row_height()
        for mark in self.marks():
            if abs(mark.position.y() - point.y()) <= height / 2:
                return mark
        return None

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        chart = self.chart
        assert chart is not None
        self.draw_title(
            painter,
            self.tr("Evaluator leniency (diagnostic: official scores are not changed)"),
            self.tr(
                "Dot: mean deviation from the panels' mean totals; "
                "line: 95% interval (t distribution, panels − 1 degrees of freedom)."
            ),
        )
        left, right = self.plot()
        height = self.row_height()
        top = self.head()
        bottom = top + len(chart.dots) * height
        for index in range(1, len(chart.dots), 2):
            painter.fillRect(QRectF(0, top + index * height, self.width(), height), STRIPE)
        self.draw_axis(
            painter,
            chart.axis,
            left,
            right,
            top,
            bottom,
            self.tr("Mean deviation from the panel mean (points)"),
            lambda tick: signed(tick).removesuffix(".00") if tick else "0",
        )
        zero = left + chart.axis.share(0.0) * (right - left)
        painter.setPen(QPen(INK, 1.3, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(zero, top), QPointF(zero, bottom))
        fm = QFontMetricsF(self.font())
        for mark, dot in zip(self.marks(), chart.dots, strict=True):
            y = mark.position.y()
            painter.setPen(INK)
            painter.drawText(
                QPointF(PAD, y + fm.ascent() / 2 - 1),
                self.tr("{code} ({n})").format(code=dot.evaluator_code, n=dot.panels),
            )
            text = signed(dot.value)
            if dot.low is not None and dot.high is not None:
                low = left + chart.axis.share(dot.low) * (right - left)
                high = left + chart.axis.share(dot.high) * (right - left)
                painter.setPen(QPen(INK, 1.4))
                painter.drawLine(QPointF(low, y), QPointF(high, y))
                for x in (low, high):
                    painter.drawLine(QPointF(x, y - 4), QPointF(x, y + 4))
                text += f"  [{signed(dot.low)}, {signed(dot.high)}]"
            draw_dot(painter, mark.position)
            painter.setPen(INK)
            painter.drawText(QPointF(right + 10, y + fm.ascent() / 2 - 1), text)
        if chart.without_panels:
            painter.setPen(MUTED)
            painter.drawText(
                QPointF(PAD, bottom + fm.height() * 2 + fm.ascent() + 8),
                self.tr("{n} evaluators without a shared panel are not shown.").format(
                    n=chart.without_panels
                ),
            )


# ------------------------------------------------------------------------------ composite


class ResultsCharts(QWidget):
    """The results charts in tabs: a tier's panel totals (the tier chosen above the chart,
    the candidate's own by default), the candidate's category profile, and the evaluators'
    leniency (diagnostic). The Results view places it in its `chartHolder` and calls
    `show_results` whenever its results or its selected candidate change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = i18n.short_code(QLocale().name())
        self.results: RoundResults | None = None
        self.calibration: Calibration | None = None
        self.credit_code: str | None = None
        self._strips: dict[Tier, charts.StripChart] = {}  # of `results`, made once each
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)

        totals_page = QWidget(self)
        totals_layout = QVBoxLayout(totals_page)
        totals_layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(int(PAD), 0, int(PAD), 0)
        self.tier_label = QLabel(totals_page)
        self.tier_combo = QComboBox(totals_page)
        self.tier_label.setBuddy(self.tier_combo)
        bar.addWidget(self.tier_label)
        bar.addWidget(self.tier_combo)
        bar.addStretch(1)
        totals_layout.addLayout(bar)
        self.totals = PanelTotalsChart()
        self.totals_scroll = self._scroll(self.totals, totals_page)
        totals_layout.addWidget(self.totals_scroll, 1)
        self.profile = CategoryProfileChart()
        self.leniency = LeniencyDotChart()
        self.tabs.addTab(totals_page, "")
        self.tabs.addTab(self._scroll(self.profile, self), "")
        self.tabs.addTab(self._scroll(self.leniency, self), "")
        self._fill_tiers()
        self.tier_combo.currentIndexChanged.connect(lambda _index: self._show_tier())
        self.retranslate()

    @staticmethod
    def _scroll(chart: Chart, parent: QWidget) -> QScrollArea:
        scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(chart)
        return scroll

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("&Panel totals"))
        self.tabs.setTabText(1, self.tr("Category p&rofile"))
        self.tabs.setTabText(2, self.tr("&Leniency (diagnostic)"))
        self.tier_label.setText(self.tr("&Tier:"))
        self.tier_combo.setToolTip(self.tr("The tier whose candidates the chart shows"))

    def _fill_tiers(self) -> None:
        current = self.tier_combo.currentData()
        self.tier_combo.blockSignals(True)
        self.tier_combo.clear()
        for tier in TIER_ORDER:
            self.tier_combo.addItem(tier.label.get(self.language), tier.value)
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(current)))
        self.tier_combo.blockSignals(False)

    def tier(self) -> Tier:
        return Tier(self.tier_combo.currentData())

    def show_results(
        self,
        results: RoundResults,
        calibration: Calibration | None,
        credit_code: str | None,
        *,
        strips: Mapping[Tier, charts.StripChart] | None = None,
    ) -> None:
        """Show `results` (and `calibration`, when computed) for the candidate `credit_code`
        (None: none chosen). Call it again when the selection changes: the tiers' strip
        charts are made once per `results` object (a tier of a province's 10,000
        candidates takes a few tenths of a second, so a view that computes its results
        on a worker may pass `strips=services.charts.strip_charts(results)` made there)."""
        if results is not self.results or strips is not None:
            self._strips = dict(strips or {})
        self.results, self.calibration, self.credit_code = results, calibration, credit_code
        tier = self._tier_of(results, credit_code)
        self.tier_combo.blockSignals(True)
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(tier.value)))
        self.tier_combo.blockSignals(False)
        self._show_tier()
        known = credit_code is not None and any(
            o.candidate.credit_code == credit_code for o in results.outcomes
        )
        self.profile.set_chart(
            charts.profile_chart(results, credit_code) if known and credit_code else None
        )
        self.leniency.set_chart(charts.leniency_chart(calibration) if calibration else None)

    def clear(self) -> None:
        self.results = self.calibration = self.credit_code = None
        self._strips = {}
        self.totals.set_chart(None)
        self.profile.set_chart(None)
        self.leniency.set_chart(None)

    @staticmethod
    def _tier_of(results: RoundResults, credit_code: str | None) -> Tier:
        for outcome in results.outcomes:
            if outcome.candidate.credit_code == credit_code:
                return outcome.candidate.tier
        for tier in TIER_ORDER:  # none chosen: the first tier with a result
            if any(o.candidate.tier is tier and o.result for o in results.outcomes):
                return tier
        return TIER_ORDER[0]

    def _show_tier(self) -> None:
        if self.results is None:
            self.totals.set_chart(None)
            return
        tier = self.tier()
        chart = self._strips.get(tier)
        if chart is None:
            chart = self._strips[tier] = charts.strip_chart(self.results, tier)
        self.totals.set_chart(chart, self.credit_code)
        index = self.totals.row_of(self.credit_code) if self.credit_code else None
        if index is not None:
            top = self.totals.row_top(index)
            self.totals_scroll.ensureVisible(
                0, int(top + self.totals.row_height() / 2), 0, int(self.totals.row_height() * 2)
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.short_code(QLocale().name())
            self.retranslate()
            self._fill_tiers()
        super().changeEvent(event)
