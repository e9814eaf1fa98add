"""Screenshots of the scoring window in Chinese and in English (look at them!), and what
they must show: Chinese drawn with the bundled font's glyphs (not boxes), and the
window's key texts on screen.

Set QZ_SCREENSHOTS_DIR to also write them there, e.g. to refresh docs/screenshots:
    QZ_SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/ui/test_screenshots.py
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.ui.fonts import CJK_FAMILY
from qz_evaluator.ui.main_window import MainWindow

# A code point no font here has a glyph for: Qt draws the missing-glyph box instead.
MISSING = 0x10FFFD
CHINESE = "评分表衢州质量奖"


def rendered(text: str, font: QFont | None = None) -> QImage:
    label = QLabel(text)
    if font is not None:
        label.setFont(font)
    label.adjustSize()
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    label.deleteLater()
    return image


def ink(image: QImage) -> int:
    """Pixels that are not the background (the most common colour)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    return image.width() * image.height() - pixels.most_common(1)[0][1] if pixels else 0


def test_chinese_is_drawn_with_glyphs_not_boxes(app: QApplication) -> None:
    """The machine's own CJK fonts are hidden (conftest): the glyphs are the bundled font's."""
    assert CJK_FAMILY in QApplication.font().families()
    metrics = QFontMetrics(QFont(CJK_FAMILY))
    assert all(metrics.inFontUcs4(ord(c)) for c in CHINESE)
    assert not metrics.inFontUcs4(MISSING)
    boxes = rendered(chr(MISSING) * 3)
    chinese = rendered(CHINESE[:3])
    assert ink(chinese) > 0 and ink(boxes) > 0
    assert chinese != boxes
    # Three characters, three different glyphs: not one box drawn three times.
    singles = [rendered(c) for c in CHINESE[:3]]
    assert len({bytes(image.constBits()) for image in singles}) == 3
    assert rendered(chr(MISSING)) not in singles


def region(image: QImage, window: QWidget, widget: QWidget) -> QImage:
    """The part of the window's screenshot where `widget` is."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return image.copy(QRect(top_left, widget.size()))


@pytest.mark.parametrize(("language", "name"), [("zh", "main-zh.png"), ("en", "main-en.png")])
def test_main_window_screenshot(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, language: str, name: str
) -> None:
    window = MainWindow(language=language)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_workspace(demo_path)
    code = next(
        c
        for c in window.model.shown_codes()
        if (row := window.model.progress(c))
        and row.status is CandidateStatus.IN_PROGRESS
        and row.scored == 12
    )
    window.select_candidate(code)
    window.panel.select_item("4.4.7")
    window.panel.choose_band(2)  # one change, so the status bar says when it was saved
    window.panel.select_item("4.3.3")
    qtbot.wait(50)  # let the layouts settle as the event loop would
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1280, 800)
    assert image.save(str(tmp_path / name))
    target = os.environ.get("QZ_SCREENSHOTS_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / name))

    # The key texts are the ones expected, and each is on screen, drawn (ink in its place).
    candidate = window.model.progress(code)
    assert candidate is not None
    panel = window.panel.ui
    saved = "已保存" if language == "zh" else "Saved at"
    key_texts: list[tuple[QLabel, str]] = [
        (panel.candidate_label, candidate.candidate.name),
        (panel.item_title, "4.3.3"),
        (panel.total_value, "/ 1000"),
        (panel.completeness_value, "13/23"),
        (window.saved_label, saved),
        (window.ui.round_label, "2026"),
    ]
    for label, expected in key_texts:
        assert expected in label.text(), (label.objectName(), label.text())
        assert label.isVisible() and label.visibleRegion().boundingRect().width() > 0
        assert ink(region(image, window, label)) > 20, label.objectName()
    # The candidate's Chinese name, in the window itself, with glyphs of its font.
    metrics = QFontMetrics(panel.candidate_label.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in candidate.candidate.name)
    window.close()
