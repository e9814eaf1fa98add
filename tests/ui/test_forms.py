"""The committed ui_*.py modules match forms/*.ui (regenerate with scripts/build_forms.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_forms.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_form_has_a_generated_module() -> None:
    forms = {p.stem for p in (ROOT / "forms").glob("*.ui")}
    generated = {
        p.stem.removeprefix("ui_")
        for p in (ROOT / "qz_evaluator" / "ui" / "generated").glob("ui_*.py")
    }
    assert "main_window" in forms
    assert forms == generated
