"""A fast flowable for long Chinese (or mixed) plain text.

reportlab's Paragraph breaks CJK lines by measuring the text character by character
through its markup engine, which made comment paragraphs most of a scorecard's render
time. Evaluators' strengths and OFIs are plain text with one coloured label, so this
flowable lays them out directly: cached character widths, greedy breaking at CJK
characters and spaces (Latin words stay whole), no line starting with closing
punctuation, and splitting across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

# Closing punctuation that must not begin a line (kinsoku): it hangs on the line before.
NO_LINE_START = frozenset("，。、；：！？）》」』】’”…—·%,.;:!?)]}")

Run = tuple[str, Color]  # text and its colour
Line = list[Run]


@lru_cache(maxsize=65536)
def _width(char: str, font: str, size: float) -> float:
    return float(stringWidth(char, font, size))


def _units(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words and spaces whole."""
    units: list[str] = []
    word = ""
    for char in text:
        if char.isascii() and not char.isspace():
            word += char
            continue
        if word:
            units.append(word)
            word = ""
        units.append(char)
    if word:
        units.append(word)
    return units


def layout(runs: Sequence[Run], font: str, size: float, width: float) -> list[Line]:
    lines: list[Line] = [[]]
    used = 0.0
    for text, colour in runs:
        for paragraph_index, paragraph in enumerate(text.split("\n")):
            if paragraph_index:
                lines.append([])
                used = 0.0
            for unit in _units(paragraph):
                unit_width = sum(_width(c, font, size) for c in unit)
                fits = used + unit_width <= width
                if not fits and used > 0 and unit[0] not in NO_LINE_START:
                    lines.append([])
                    used = 0.0
                    if unit.isspace():
                        continue  # no blank at the start of a line
                line = lines[-1]
                if line and line[-1][1] == colour:
                    line[-1] = (line[-1][0] + unit, colour)
                else:
                    line.append((unit, colour))
                used += unit_width
    return lines


class CJKText(Flowable):  # type: ignore[misc]  # reportlab is untyped
    def __init__(
        self,
        runs: Sequence[Run],
        font: str,
        size: float,
        leading: float,
        space_before: float = 0.0,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.runs = list(runs)
        self.font, self.size, self.leading = font, size, leading
        self.spaceBefore = space_before
        self._lines = lines
        self._laid_for: float | None = None if lines is None else -1.0

    def _layout(self, width: float) -> list[Line]:
        if self._lines is None or (
            self._laid_for is not None and self._laid_for >= 0 and self._laid_for != width
        ):
            self._lines = layout(self.runs, self.font, self.size, width)
            self._laid_for = width
        return self._lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        lines = self._layout(available_width)
        self.width, self.height = available_width, len(lines) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._layout(available_width)
        fit = int(available_height // self.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        return [
            CJKText([], self.font, self.size, self.leading, self.spaceBefore, lines[:fit]),
            CJKText([], self.font, self.size, self.leading, 0.0, lines[fit:]),
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        baseline = self.height - self.size  # first baseline, like a Paragraph's
        for index, line in enumerate(self._lines or []):
            x = 0.0
            y = baseline - index * self.leading
            for text, colour in line:
                canvas.setFillColor(colour)
                canvas.drawString(x, y, text)
                x += sum(_width(c, self.font, self.size) for c in text)
