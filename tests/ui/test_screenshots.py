"""Screenshots of the scoring window in Chinese and in English (look at them!).

Set QZ_SCREENSHOTS_DIR to also write them there, e.g. to refresh docs/screenshots:
    QZ_SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/ui/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.ui.fonts import CJK_FAMILY
from qz_evaluator.ui.main_window import MainWindow


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    step = 3
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


@pytest.mark.parametrize(("language", "name"), [("zh", "main-zh.png"), ("en", "main-en.png")])
def test_main_window_screenshot(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, language: str, name: str
) -> None:
    assert CJK_FAMILY in QApplication.font().families()
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
    assert distinct_colours(image) > 16
    target = os.environ.get("QZ_SCREENSHOTS_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / name))
    window.close()
