"""Where preview PDFs go: a private folder of this run (mode 0700, made by mkdtemp in the
user's own temporary folder), one new file per preview (mode 0600, a unique name), removed
when the program ends.

Not a shared, fixed folder: other users of the machine must not read a candidate's
scores, and on Windows a second preview of the same scorecard must not fail because WPS
or Acrobat still holds the first open (the PDF viewer keeps its file locked there).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

__all__ = ["PreviewFolder", "write_preview"]

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


class PreviewFolder:
    """This run's previews. The folder is made on the first preview and removed by
    `clean()` (registered at exit for the program's one folder, `write_preview`)."""

    def __init__(self, base: Path | None = None) -> None:
        self._base = base
        self._path: Path | None = None
        self._lock = threading.Lock()  # previews render on worker threads

    @property
    def path(self) -> Path | None:
        """The folder, once a preview was written (None before, and after `clean`)."""
        return self._path

    def _folder(self) -> Path:
        with self._lock:
            if self._path is None or not self._path.is_dir():
                # mkdtemp: a new name, created 0700 (on Windows inside the user's own
                # %TEMP%, which other users cannot read).
                self._path = Path(
                    tempfile.mkdtemp(
                        prefix="qz-evaluator-preview-",
                        dir=None if self._base is None else str(self._base),
                    )
                )
            return self._path

    def write(self, pdf: bytes, label: str = "scorecard") -> Path:
        """A new file holding `pdf`, named after `label` (e.g. round and candidate) and
        unique, created for the owner alone (mkstemp: 0600, never an existing file)."""
        stem = _UNSAFE.sub("-", label).strip("-")[:60] or "scorecard"
        handle, name = tempfile.mkstemp(
            prefix=f"preview-{stem}-", suffix=".pdf", dir=self._folder()
        )
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(pdf)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)

    def clean(self) -> None:
        """Remove the folder and its previews. A file a viewer still holds open (Windows)
        stays behind in the user's temporary folder, which the system empties."""
        with self._lock:
            path, self._path = self._path, None
        if path is not None:
            shutil.rmtree(path, ignore_errors=True)


_folder: PreviewFolder | None = None
_folder_lock = threading.Lock()


def write_preview(pdf: bytes, label: str = "scorecard") -> Path:
    """Write a preview into the program's folder of previews (removed at exit)."""
    global _folder
    with _folder_lock:
        if _folder is None:
            _folder = PreviewFolder()
            atexit.register(_folder.clean)
        folder = _folder
    return folder.write(pdf, label)
