"""Where the desktop program keeps its own files: the demo workspace and the crash log."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

DEMO_FILE_NAME = "demo.qzw"
LOG_FILE_NAME = "qz-evaluator.log"


def app_data_dir() -> Path:
    """The per-user data folder (needs the application's organisation and name set)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def demo_workspace_path() -> Path:
    return app_data_dir() / DEMO_FILE_NAME


def log_file_path() -> Path:
    return app_data_dir() / LOG_FILE_NAME


def ensure_demo_workspace() -> Path:
    """The demo workspace's path, building it first if it is not there yet, with this
    session's demo committee and identity (keys in memory only), so it can sign.

    It is built under a temporary name and renamed when complete, so a failed or
    interrupted build never leaves a half-written demo behind to be opened later.
    """
    # Only here (on a worker): the demo's services and keys import a lot.
    from qz_evaluator.services.demo import build_demo, start_demo_identity
    from qz_evaluator.services.session import open_workspace

    path = demo_workspace_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        for leftover in (
            partial,
            *(partial.with_name(partial.name + s) for s in ("-wal", "-shm")),
        ):
            leftover.unlink(missing_ok=True)
        build_demo(partial).close()
        os.replace(partial, path)
    with open_workspace(path) as workspace:
        start_demo_identity(workspace)
    return path
