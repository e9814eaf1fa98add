"""The task runner: work off the UI thread, result and error back on it, progress, cancel."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.services.errors import WorkspaceBusy
from qz_evaluator.ui import tasks
from qz_evaluator.ui.tasks import Progress, TaskRunner

from .conftest import MessageBoxes


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


@pytest.fixture
def runner(parent: QWidget) -> Iterator[TaskRunner]:
    runner = TaskRunner(parent)
    yield runner
    runner.cancel_all()


def test_the_result_comes_back_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    ui_thread = threading.get_ident()
    worked_on: list[int] = []
    received: list[tuple[str, int]] = []

    def work(progress: Progress) -> str:
        worked_on.append(threading.get_ident())
        return "完成"

    task = runner.run(work, on_success=lambda r: received.append((r, threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert worked_on and worked_on[0] != ui_thread
    assert received == [("完成", ui_thread)]
    assert not runner.busy


def test_an_expected_error_goes_to_the_one_error_mapping(
    qtbot: QtBot, runner: TaskRunner, parent: QWidget, message_boxes: MessageBoxes
) -> None:
    def work(progress: Progress) -> None:
        raise WorkspaceBusy("{path}: the workspace is in use", path="demo.qzw")

    succeeded: list[object] = []
    task = runner.run(
        work, on_success=succeeded.append, parent=parent, error_title="Cannot do that now"
    )
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert succeeded == []
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "Cannot do that now")
    assert "demo.qzw: the workspace is in use" in text and "Traceback" not in text


def test_a_bug_goes_to_the_crash_handler(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashes: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda kind, error, tb: crashes.append(error))

    def work(progress: Progress) -> None:
        raise RuntimeError("a bug")

    task = runner.run(work)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert [str(e) for e in crashes] == ["a bug"]


def test_call_returns_the_result_or_raises_the_error(runner: TaskRunner) -> None:
    assert runner.call(lambda progress: 42) == 42
    with pytest.raises(WorkspaceBusy):
        runner.call(lambda progress: (_ for _ in ()).throw(WorkspaceBusy("busy")))


def test_progress_shows_in_a_dialog_after_a_moment(
    qtbot: QtBot, runner: TaskRunner, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    go_on = threading.Event()

    def work(progress: Progress) -> int:
        progress.report(1, 3)
        go_on.wait(5)
        return 3

    task = runner.run(
        work, parent=parent, label="Working…", progress_text=lambda d, t: f"{d} of {t}"
    )
    at_start = task.dialog
    assert at_start is None  # not before the delay
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5000)
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.maximum() == 3 and dialog.value() == 1, timeout=5000)
    assert dialog.labelText() == "1 of 3"
    go_on.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert task.dialog is None and task.result == 3


def test_quick_work_shows_no_dialog(qtbot: QtBot, runner: TaskRunner, parent: QWidget) -> None:
    task = runner.run(lambda progress: 1, parent=parent, label="Working…")
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    qtbot.wait(tasks.PROGRESS_DELAY_MS + 50)
    assert task.dialog is None


def test_cancel_is_seen_by_the_work_which_stops_between_steps(
    qtbot: QtBot, runner: TaskRunner, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    steps: list[int] = []
    started = threading.Event()

    def work(progress: Progress) -> list[int]:
        for step in range(200):
            if progress.cancelled():
                break
            steps.append(step)
            started.set()
            time.sleep(0.01)
        return list(steps)

    results: list[list[int]] = []
    task = runner.run(work, on_success=results.append, parent=parent, label="Working…")
    assert started.wait(5)
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=5000)
    assert task.dialog is not None
    task.dialog.canceled.emit()  # the Cancel button
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert task.cancelled
    assert results and 0 < len(results[0]) < 200  # stopped early, with what was done


def test_the_ui_thread_stays_free_while_a_task_works(qtbot: QtBot, runner: TaskRunner) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        task = runner.run(lambda progress: time.sleep(0.4))
        qtbot.waitUntil(lambda: task.done, timeout=5000)
    finally:
        timer.stop()
    assert len(ticks) >= 10  # the timer kept firing while the worker slept


def test_cancel_all_waits_for_the_workers(runner: TaskRunner) -> None:
    seen: list[bool] = []

    def work(progress: Progress) -> None:
        while not progress.cancelled():
            time.sleep(0.01)
        seen.append(True)

    runner.run(work)
    runner.cancel_all()
    assert seen == [True]


def test_waiting_is_true_while_a_caller_waits(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[bool] = []
    QTimer.singleShot(20, lambda: seen.append(runner.waiting))  # fires during the wait
    runner.call(lambda progress: time.sleep(0.2))
    assert seen == [True]
    assert not runner.waiting
