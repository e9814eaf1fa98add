"""Permissions of files the program writes, on every OS.

`os.fchmod` exists on Unix only (Windows gained it in Python 3.13), so the mode is set
through the descriptor where there is one and through the path elsewhere. On Windows a
mode only decides read-only or not; a file there is private by its folder's ACL (the
user's own profile), which is where keys and workspaces live.
"""

from __future__ import annotations

import os
from pathlib import Path


def set_mode(descriptor: int, path: str | Path, mode: int) -> None:
    """Give the open file `descriptor` (at `path`) the permission bits `mode`."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(descriptor, mode)
    else:
        os.chmod(path, mode)
