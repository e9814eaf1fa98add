"""Draws a scoring band as a bold heading line ("3 · 30–45%") over its wrapped descriptor.

The band drawn as selected is the one whose row holds CHOSEN_ROLE = True: the band of
the stored score. The list's own selection plays no part (it is NoSelection), so focus
or a cursor moving into the list never looks like a score.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

PADDING = 5
GAP = 2
FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
CHOSEN_ROLE = Qt.ItemDataRole.UserRole + 2  # True on the band of the stored score


def _split(text: str) -> tuple[str, str]:
    heading, _, body = text.partition("\n")
    return heading, body


def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
    normal = QFont(option.font)
    normal.setBold(False)
    bold = QFont(option.font)
    bold.setBold(True)
    return bold, normal


@lru_cache(maxsize=512)
def _measure(font_key: str, font: QFont, width: int, text: str) -> int:
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), FLAGS, text).height()


def _height(font: QFont, width: int, text: str) -> int:
    """Wrapped text height; cached, as the list asks for every row on each change."""
    return _measure(font.key(), font, width, text)


class BandDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        widget = option.widget
        width = widget.viewport().width() if isinstance(widget, QAbstractItemView) else 300
        text_width = max(60, width - 2 * PADDING)
        heading, body = _split(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        bold, normal = _fonts(option)
        height = _height(bold, text_width, heading) + GAP + _height(normal, text_width, body)
        return QSize(width, height + 2 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Imported here: making PySide's QStyle type builds its ~20 enums (~10 ms), which
        # the window's start would otherwise pay before it shows the candidate list.
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        # Not item.text: Qt has turned its "\n" into U+2028 line separators there.
        heading, body = _split(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        item.text = ""
        if index.data(CHOSEN_ROLE):
            item.state |= QStyle.StateFlag.State_Selected
        else:
            item.state &= ~QStyle.StateFlag.State_Selected
        widget = item.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = item.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold, normal = _fonts(item)
        below = _height(bold, rect.width(), heading) + GAP
        # Body first: QPainter.setFont() resolves a font against the one already set, so
        # going from bold back to normal can keep the bold weight.
        painter.save()
        painter.setPen(item.palette.color(role))
        painter.setFont(normal)
        painter.drawText(rect.adjusted(0, below, 0, 0), FLAGS, body)
        painter.restore()
        painter.save()
        painter.setPen(item.palette.color(role))
        painter.setFont(bold)
        painter.drawText(rect, FLAGS, heading)
        painter.restore()
