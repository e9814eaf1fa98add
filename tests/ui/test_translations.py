"""The Linguist sources cover every string of the sources, all translated, .qm up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_translations_are_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
