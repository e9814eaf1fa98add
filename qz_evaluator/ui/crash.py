"""Last line of defence: an unexpected error is logged to a file and shown in a dialog.

Expected problems (a damaged workspace, a locked file, a full disk) never get here;
the window catches them and says what to do. This is for bugs.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger("qz_evaluator.crash")


def _log_to(path: Path) -> Callable[[], None]:
    """Send INFO and above to `path`; returns a function that stops it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    if level > logging.INFO or level == logging.NOTSET:
        root.setLevel(logging.INFO)

    def stop() -> None:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()

    return stop


def show_crash_dialog(error: BaseException, details: str, log_path: Path) -> None:
    if QApplication.instance() is None:
        return
    # Its Python type is built here, not on every start-up (~1 ms before the first paint).
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "CrashHandler", "qz-evaluator ran into an unexpected error: {error}"
        ).format(error=error)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "CrashHandler",
            "Your saved work is safe. The details were written to {path}; please send that"
            " file to whoever supports qz-evaluator for you.",
        ).format(path=log_path)
    )
    box.setDetailedText(details)
    box.exec()


def install_excepthook(log_path: Path) -> Callable[[], None]:
    """Route uncaught exceptions to the log file and a dialog.

    Also sends the program's INFO log to that file. Returns a function that undoes both.
    """
    stop_logging = _log_to(log_path)
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught exception\n%s", details)
        if sys.stderr is not None:  # None under pythonw (the Windows GUI launcher)
            print(details, file=sys.stderr)
        try:
            show_crash_dialog(error, details, log_path)
        except Exception:  # the dialog itself failed: the log already has the story
            log.exception("could not show the crash dialog")

    def uninstall() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous
        stop_logging()

    sys.excepthook = hook
    return uninstall
