"""View ▸ Zoom: Ctrl+= / Ctrl+- / Ctrl+0 scale every text of a window, remembered.

The window's font is scaled, which its widgets inherit. Widgets that set a font of their
own (a bold title 1.35 × the text) do not inherit a size, so each is scaled from the size
it had at 100 %, kept on the widget the first time the zoom meets it. A widget built
while the zoom is not 100 % (the scoring panel is built after the first paint) derived
its size from the already scaled text, so its 100 % size is its size ÷ the zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

ZOOM_KEY = "view/zoom"
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
BASE_SIZE_PROPERTY = "qz_zoom_base_size"  # a widget's own font size at 100 %


def _size(font: QFont) -> float:
    """The font's size in points, or in pixels for a font sized in pixels."""
    return font.pointSizeF() if font.pointSizeF() > 0 else float(font.pixelSize())


def _sized(font: QFont, size: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(size)
    else:
        scaled.setPixelSize(max(1, round(size)))
    return scaled


def _nearest_step(factor: float) -> float:
    return min(ZOOM_STEPS, key=lambda step: abs(step - factor))


class Zoom(QObject):
    """The zoom of one window: its actions, its View menu, and the remembered factor."""

    changed = Signal(float)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._base_font = QFont(window.font())
        self._factor = 1.0
        self._applied = False  # fonts scaled at least once
        self.zoom_in_action = self._action(self.zoom_in, "Ctrl+=", "Ctrl++")
        self.zoom_out_action = self._action(self.zoom_out, "Ctrl+-")
        self.reset_action = self._action(self.reset, "Ctrl+0")
        self.menu = QMenu(window)
        self.menu.setObjectName("menu_view")
        self.menu.addActions([self.zoom_in_action, self.zoom_out_action, self.reset_action])
        self.menu.installEventFilter(self)
        self.retranslate()
        saved = QSettings().value(ZOOM_KEY, 1.0)
        try:
            factor = float(saved)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            factor = 1.0
        self.set_factor(factor, remember=False)

    def _action(self, slot: object, *keys: str) -> QAction:
        action = QAction(self._window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(QCoreApplication.translate("Zoom", "Vie&w"))
        self.zoom_in_action.setText(QCoreApplication.translate("Zoom", "Zoom &In"))
        self.zoom_out_action.setText(QCoreApplication.translate("Zoom", "Zoom &Out"))
        self.reset_action.setText(QCoreApplication.translate("Zoom", "&Actual Size"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    @property
    def factor(self) -> float:
        return self._factor

    @Slot()
    def zoom_in(self) -> None:
        self._step(1)

    @Slot()
    def zoom_out(self) -> None:
        self._step(-1)

    @Slot()
    def reset(self) -> None:
        self.set_factor(1.0)

    def _step(self, direction: int) -> None:
        index = ZOOM_STEPS.index(self._factor) + direction
        self.set_factor(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index))])

    def set_factor(self, factor: float, *, remember: bool = True) -> None:
        """Scale the window's texts to `factor` (the nearest step) and remember it."""
        factor = _nearest_step(factor)
        previous, self._factor = self._factor, factor
        if remember:
            QSettings().setValue(ZOOM_KEY, factor)
        self.zoom_in_action.setEnabled(factor < ZOOM_STEPS[-1])
        self.zoom_out_action.setEnabled(factor > ZOOM_STEPS[0])
        self.reset_action.setEnabled(factor != 1.0)
        self.apply(previous)
        if factor != previous:
            self.changed.emit(factor)

    def apply(self, previous: float | None = None) -> None:
        """Scale the window and every widget with a font of its own to the zoom; call it
        again after building widgets that set their own fonts (`previous`: the zoom they
        were built at, by default the current one)."""
        built_at = self._factor if previous is None else previous
        if not self._applied and self._factor == built_at == 1.0:
            return  # never zoomed: nothing to scale (and the window keeps the app's font)
        self._applied = True
        window = self._window
        window.setFont(_sized(self._base_font, _size(self._base_font) * self._factor))
        for widget in window.findChildren(QWidget):
            # A widget with a style sheet of its own keeps the font it was polished with
            # instead of inheriting the new one: it is scaled like a font of its own.
            if not (widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) or widget.styleSheet()):
                continue
            base = widget.property(BASE_SIZE_PROPERTY)
            if not isinstance(base, float):
                base = _size(widget.font()) / built_at
                widget.setProperty(BASE_SIZE_PROPERTY, base)
            size = base * self._factor
            if abs(_size(widget.font()) - size) > 0.01:
                widget.setFont(_sized(widget.font(), size))
