"""Signed exports off the UI thread, with progress and cancel.

Rendering and signing take about 90 ms a scorecard, so exporting a round's worth would
freeze the window. The job runs in a QThread with its own workspace connection (SQLite
connections belong to the thread that made them); pyHanko's asyncio.run() is happy in a
plain thread. Cancelling stops after the scorecard in hand: every file written is whole.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from qz_evaluator.services.scorecard_files import ExportResult, export_all, export_scorecard
from qz_evaluator.store.workspace import Workspace

log = logging.getLogger(__name__)


class ExportJob(QObject):
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(list)  # list[ExportResult]
    failed = Signal(object)  # the exception
    finished = Signal()  # after succeeded or failed, always

    def __init__(
        self,
        workspace_path: Path,
        out_dir: Path,
        *,
        language: str = "zh",
        round_code: str | None = None,
        card_ids: list[int] | None = None,
    ) -> None:
        super().__init__()
        self.workspace_path = Path(workspace_path)
        self.out_dir = Path(out_dir)
        self.language = language
        self.round_code = round_code
        self.card_ids = card_ids
        self._cancel = threading.Event()
        self.results: list[ExportResult] = []
        self.error: BaseException | None = None
        self._thread: QThread | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def start(self) -> None:
        """Run in a new thread; signals arrive in the creating (UI) thread."""
        thread = QThread()
        thread.setObjectName("qz-export")
        self._thread = thread
        self.moveToThread(thread)
        thread.started.connect(self.run)
        # Direct: quit() is thread-safe, and the UI thread may already be waiting for it.
        self.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.start()

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._thread.wait(milliseconds) if self._thread is not None else True

    @Slot()
    def run(self) -> None:
        try:
            with Workspace.open(self.workspace_path) as workspace:
                if self.card_ids is None:
                    self.results = export_all(
                        workspace,
                        self.out_dir,
                        round_code=self.round_code,
                        language=self.language,
                        progress=self.progressed.emit,
                        cancelled=self._cancel.is_set,
                    )
                else:
                    self.results = self._export_cards(workspace, self.card_ids)
        except Exception as error:  # reported to the UI thread, which decides how to show it
            log.info("export failed: %s", error, exc_info=True)
            self.error = error
            self.failed.emit(error)
        else:
            self.succeeded.emit(self.results)
        finally:
            self.finished.emit()

    def _export_cards(self, workspace: Workspace, card_ids: list[int]) -> list[ExportResult]:
        results = []
        for done, card_id in enumerate(card_ids, start=1):
            if self._cancel.is_set():
                break
            card = workspace.scorecard_by_id(card_id)
            results.append(export_scorecard(workspace, card, self.out_dir, self.language))
            self.progressed.emit(done, len(card_ids))
        return results
