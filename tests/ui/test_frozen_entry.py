"""The window's entry point in a frozen bundle: freeze_support() before anything else, so
that the inbox's verification workers (the executable started again) never open a window."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from qz_evaluator.ui import app


def test_a_frozen_window_calls_freeze_support_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("called"))
    assert app.main(["--version"]) == 0
    assert calls == ["called"]
    assert "qz-evaluator" in capsys.readouterr().out


def test_from_source_it_is_not_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("called"))
    assert app.main(["--version"]) == 0
    assert calls == []
