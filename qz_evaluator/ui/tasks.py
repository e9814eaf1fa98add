"""One way to run work off the UI thread, in the spirit of Anki's `QueryOp` and Picard's
`run_task`: the callable runs on a worker thread, its result comes back to a callback on
the UI thread, an error goes to the window's one error mapping (`ui.errors`), and a
progress dialog with a Cancel button appears if the work takes longer than a moment.

    runner.run(
        lambda progress: export_all(..., progress=progress.report, cancelled=progress.cancelled),
        on_success=show_exported,
        parent=window,
        label=tr("Signing and exporting scorecards…"),
    )

The callable gets a `Progress`: it reports with `report(done, total)` and polls
`cancelled()` between steps; cancelling never interrupts it, so every file it writes is
whole. SQLite connections belong to the thread that made them: work that needs the
workspace opens its own connection on the workspace's path (WAL lets it read and write
beside the window's); objects the window holds are not handed to the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from qz_evaluator.ui.errors import report_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)

T = TypeVar("T")
_V = TypeVar("_V")

PROGRESS_DELAY_MS = 300  # quicker work finishes without a dialog flashing up


class Progress:
    """What the work sees of its task: report progress, poll for cancel. Thread-safe."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._relay.progressed.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Lives on the UI thread; the worker's emits arrive there as queued calls."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QObject, Generic[T]):
    """One piece of work in flight; `finished` is emitted on the UI thread after the
    success or error callback ran."""

    finished = Signal()

    def __init__(
        self,
        work: Callable[[Progress], T],
        *,
        on_success: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None],
        parent: QWidget | None,
        label: str | None,
        title: str | None,
        cancellable: bool,
        progress_text: Callable[[int, int], str] | None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._on_success = on_success
        self._on_error = on_error
        self._relay = _Relay(self)
        self.progress = Progress(self._relay)
        self._progress_text = progress_text
        self.dialog: QProgressDialog | None = None
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = False
        self._thread = threading.Thread(target=self._run, name="qz-task", daemon=True)
        self._relay.progressed.connect(self._progressed)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._dialog_parent, self._label, self._title = parent, label, title
        self._cancellable = cancellable
        self._reported: tuple[int, int] | None = None
        # The dialog is made only when the work outlasts the delay: most work is quicker,
        # and then no dialog is built (nor flashes up).
        self._show_timer: QTimer | None = None
        if label is not None:
            self._show_timer = QTimer(self)
            self._show_timer.setSingleShot(True)
            self._show_timer.setInterval(PROGRESS_DELAY_MS)
            self._show_timer.timeout.connect(self._show_dialog)

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled()

    def cancel(self) -> None:
        self.progress.cancel()

    def start(self) -> None:
        self._thread.start()
        if self._show_timer is not None:
            self._show_timer.start()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker (not the callbacks); True if it has ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def wait(self) -> None:
        """Wait, with the event loop running (the window keeps painting, the progress
        dialog's Cancel works), until done."""
        if self.done:
            return
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        if not self.done:
            loop.exec()

    def _run(self) -> None:
        try:
            result = self._work(self.progress)
        except BaseException as error:  # handed to the UI thread, which decides how to show it
            log.info("task failed: %s", error, exc_info=True)
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)

    @Slot()
    def _show_dialog(self) -> None:
        if self.done or self.dialog is not None:
            return
        from PySide6.QtWidgets import QProgressDialog  # built when a task first takes long

        dialog = QProgressDialog(
            self._label or "",
            QCoreApplication.translate("Tasks", "Cancel") if self._cancellable else "",
            0,
            0,
            self._dialog_parent,
        )
        if not self._cancellable:
            dialog.setCancelButton(None)
        if self._title:
            dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # Direct: the flag is thread-safe, and the work polls it while the UI waits.
        dialog.canceled.connect(self.progress.cancel, Qt.ConnectionType.DirectConnection)
        self.dialog = dialog
        if self._reported is not None:
            self._progressed(*self._reported)
        dialog.show()

    def show_progress(self, label: str) -> None:
        """Show the dialog now, with this label and no Cancel (e.g. "finishing…" while the
        window waits to close)."""
        self._label, self._cancellable = label, False
        self._progress_text = None
        if self.dialog is None:
            self._show_dialog()
        if self.dialog is not None:
            self.dialog.setLabelText(label)
            self.dialog.setCancelButton(None)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self._reported = (done, total)
        dialog = self.dialog
        if dialog is None or self.done:
            return
        dialog.setMaximum(total)
        dialog.setValue(done)
        if self._progress_text is not None:
            dialog.setLabelText(self._progress_text(done, total))

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        self.result = result
        self._end()
        if self._on_success is not None:
            self._call(self._on_success, result)
        self.finished.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.error = error
        self._end()
        self._call(self._on_error, error)
        self.finished.emit()

    def _call(self, callback: Callable[[_V], None], value: _V) -> None:
        try:
            callback(value)
        except Exception as error:  # a bug in a callback must not leave the task running
            report_error(None, error)

    def _end(self) -> None:
        self._thread.join()
        self.done = True
        if self._show_timer is not None:
            self._show_timer.stop()
        if self.dialog is not None:
            # Closing emits `canceled`; the work is done, so it must not count as cancelled.
            self.dialog.blockSignals(True)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


class TaskRunner(QObject):
    """Starts tasks and keeps them until they are done (one runner per window)."""

    started = Signal(object)  # the Task
    settled = Signal(object)  # the Task, after its callbacks

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: list[Task[Any]] = []
        self._waiting = 0

    def run(
        self,
        work: Callable[[Progress], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        label: str | None = None,
        title: str | None = None,
        error_title: str | None = None,
        cancellable: bool = True,
        progress_text: Callable[[int, int], str] | None = None,
    ) -> Task[T]:
        """Run `work(progress)` on a worker thread; callbacks run on the UI thread.

        Without `on_error`, an expected error is shown (titled `error_title`) and a bug
        goes to the crash handler. With a `label`, a progress dialog (Cancel unless not
        `cancellable`) shows once the work has taken PROGRESS_DELAY_MS.
        """

        def show(error: BaseException) -> None:
            report_error(parent, error, error_title)

        task: Task[T] = Task(
            work,
            on_success=on_success,
            on_error=on_error or show,
            parent=parent,
            label=label,
            title=title,
            cancellable=cancellable,
            progress_text=progress_text,
        )
        self.running.append(task)
        # A bound slot, not a lambda holding the task: the connection dies with the task,
        # and a closure freed inside ~QObject took the task's wrapper with it (a crash).
        task.finished.connect(self._task_finished)
        task.start()
        self.started.emit(task)
        return task

    def call(
        self,
        work: Callable[[Progress], T],
        *,
        parent: QWidget | None = None,
        label: str | None = None,
        title: str | None = None,
        cancellable: bool = False,
    ) -> T:
        """Run `work` off the UI thread and wait for it with the event loop running;
        return its result or raise its error (for the caller's own mapping).

        While it waits the window stays live; use cases that would start another wait,
        or close what this one works on, check `waiting` and do nothing. (An event
        filter on the whole application would block input too, but costs PySide a
        Python type for every class that gets an event: a tenth of a second.)"""
        failures: list[BaseException] = []
        results: list[T] = []
        task = self.run(
            work,
            on_success=results.append,
            on_error=failures.append,
            parent=parent,
            label=label,
            title=title,
            cancellable=cancellable,
        )
        self._waiting += 1
        try:
            task.wait()
        finally:
            self._waiting -= 1
        if failures:
            raise failures[0]
        return results[0]

    @property
    def busy(self) -> bool:
        return bool(self.running)

    @property
    def waiting(self) -> bool:
        """True while a caller waits in `call()` (a use case is in the middle of its work)."""
        return self._waiting > 0

    def cancel_all(self, timeout: float = 30.0) -> None:
        """Cancel every task and wait for their workers (the window is closing)."""
        for task in list(self.running):
            task.cancel()
        for task in list(self.running):
            task.join(timeout)

    @Slot()
    def _task_finished(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._settled(task)

    def _settled(self, task: Task[Any]) -> None:
        if task in self.running:
            self.running.remove(task)
        self.settled.emit(task)
        # Not deleteLater(): a task is also held from Python (views keep theirs), and Qt
        # deleting it under a live wrapper crashed PySide. Without a parent it is freed
        # with its last Python reference, on this thread once its worker has ended.
        task.join(5.0)
        task.setParent(None)
