"""The real PDF tools the tests check our files with (poppler-utils, libnss3-tools).

scripts/setup.sh installs them; a missing tool is a failure, never a quiet pass.
"""

from __future__ import annotations

import shutil

import pytest


def tool(name: str) -> str:
    """The path of `name` (pdfsig, pdftotext, pdftoppm, pdffonts, certutil, …)."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is required (installed by scripts/setup.sh)")
    return path
