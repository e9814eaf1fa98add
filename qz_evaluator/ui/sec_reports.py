"""The secretariat's reports: the signed results report, one signed feedback report per
candidate, and the results as CSV and XLSX tables, in Chinese or English.

Each asks for a folder and is written on a worker with its own connection to the
workspace (computing the results, rendering and signing take a while at a province),
with progress in the view and a Cancel that stops between files: every file is written
whole, through a temporary file and a rename (`write_atomically`). When done, the view
lists what was written, with a button that opens the folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QPushButton, QWidget

from qz_evaluator.services.errors import ServiceError
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import report_error
from qz_evaluator.ui.generated.ui_sec_reports import Ui_SecReports
from qz_evaluator.ui.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.results import RoundResults
    from qz_evaluator.services.session import Session, Workspace

FOLDER_KEY = "secretariat_reports/folder"


class ReportKind(Enum):
    RESULTS = "results"
    FEEDBACK = "feedback"
    CSV = "csv"
    EVALUATOR_CSV = "evaluator-csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class Written:
    """What one run wrote (whole files only) into its folder."""

    kind: ReportKind
    folder: Path
    files: list[Path] = field(default_factory=list)
    cancelled: bool = False
    not_final: int = 0  # results shown as provisional in what was written


def _round(workspace: Workspace, round_code: str | None) -> tuple[str, str]:
    from qz_evaluator.services.evaluator_session import chosen_round

    round_ = chosen_round(workspace, round_code)  # None: the latest round
    if round_ is None:
        raise ServiceError(
            "this workspace has no round yet, so there are no results to report",
            window_hint="Import the round's panels first; its results follow the merge.",
        )
    return round_.code, round_.name


def _not_final(computed: RoundResults) -> int:
    return sum(1 for o in computed.outcomes if o.result is not None and o.final is None)


def write_reports(
    workspace_path: Path,
    kind: ReportKind,
    folder: Path,
    language: str,
    *,
    report: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    round_code: str | None = None,
) -> Written:
    """Runs on a worker: write `kind` into `folder`, reporting (done, total) files; stops
    between files when `cancelled()`."""
    from qz_evaluator.services import identity, reports, results_export
    from qz_evaluator.services.results import compute
    from qz_evaluator.services.session import open_workspace

    with open_workspace(workspace_path) as workspace:
        round_code, _ = _round(workspace, round_code)
        signed = kind in (ReportKind.RESULTS, ReportKind.FEEDBACK)
        if signed:
            identity.secretariat_identity(workspace)  # no key: say so before any work
        report(0, 0)
        computed = compute(workspace, round_code)
        not_final = _not_final(computed)
        if kind is ReportKind.RESULTS:
            reports.require_final(computed)
            target = folder / f"{round_code}_results_report_{language}.pdf"
            report(0, 1)
            reports.results_report(workspace, round_code, target, language, computed)
            report(1, 1)
            return Written(kind, folder, [target], not_final=not_final)
        if kind is ReportKind.FEEDBACK:
            # Candidates with at least one accepted scorecard: the others have nothing to say.
            scored = [o.candidate.credit_code for o in computed.outcomes if o.result is not None]
            files: list[Path] = []
            report(0, len(scored))
            for credit_code in scored:
                if cancelled():
                    return Written(kind, folder, files, cancelled=True, not_final=not_final)
                target = folder / f"{round_code}_{credit_code}_feedback_{language}.pdf"
                reports.feedback_report(
                    workspace, round_code, credit_code, target, language, computed
                )
                files.append(target)
                report(len(files), len(scored))
            return Written(kind, folder, files, not_final=not_final)
        names = {
            ReportKind.CSV: f"{round_code}_results.csv",
            ReportKind.EVALUATOR_CSV: f"{round_code}_results_by_evaluator.csv",
            ReportKind.XLSX: f"{round_code}_results.xlsx",
        }
        target = folder / names[kind]
        report(0, 1)
        results_export.write(computed, target, by_evaluator=kind is ReportKind.EVALUATOR_CSV)
        report(1, 1)
        return Written(kind, folder, [target], not_final=not_final)


class _Relay(QObject):
    """Lives on the UI thread; the worker's progress arrives here queued."""

    progressed = Signal(int, int)


class SecReportsView(QWidget):
    """报告与导出: signed results and feedback reports, CSV and XLSX tables."""

    changed = Signal()  # never emitted: reports only read the workspace (the window's API)
    written = Signal(object)  # the `Written` of a finished (or stopped) run

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecReports()
        self.ui.setupUi(self)
        self._session: Session | None = None
        self._round_name = ""
        self._round_code: str | None = None  # the window's round (None: the latest)
        self.task: Task[Written] | None = None
        self.last: Written | None = None
        self._generation = 0  # counts workspaces shown: a run of an earlier one is dropped
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed)
        ui = self.ui
        self._fill_languages(i18n.short_code(QLocale().name()))
        for kind, button in (
            (ReportKind.RESULTS, ui.results_report_button),
            (ReportKind.FEEDBACK, ui.feedback_button),
            (ReportKind.CSV, ui.csv_button),
            (ReportKind.EVALUATOR_CSV, ui.evaluator_csv_button),
            (ReportKind.XLSX, ui.xlsx_button),
        ):
            button.clicked.connect(self._writer(kind))
        self._equal_buttons()
        ui.cancel_button.clicked.connect(self.cancel)
        ui.open_folder_button.clicked.connect(self.open_folder)
        self._show_state()

    def title(self) -> str:
        return self.tr("Reports")

    def _buttons(self) -> tuple[QPushButton, ...]:
        ui = self.ui
        return (
            ui.results_report_button,
            ui.feedback_button,
            ui.csv_button,
            ui.evaluator_csv_button,
            ui.xlsx_button,
        )

    def _equal_buttons(self) -> None:
        """One column of equal buttons across both group boxes, in either language."""
        buttons = self._buttons()
        for button in buttons:
            button.setMinimumWidth(0)
        width = max(button.sizeHint().width() for button in buttons)
        for button in buttons:
            button.setMinimumWidth(width)

    def language(self) -> str:
        """The reports' language, "zh" or "en"."""
        value = self.ui.language_combo.currentData()
        return value if isinstance(value, str) else "zh"

    def _fill_languages(self, chosen: str) -> None:
        combo = self.ui.language_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Chinese"), "zh")
        combo.addItem(self.tr("English"), "en")
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    # ----- the session -----------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        if session is not self._session:
            if self.task is not None:
                self.task.cancel()  # stops after its file; what it wrote is not shown
            self._generation += 1
            self.last = None
            self.ui.written_list.clear()
        self._session = session
        self._round_name = self._read_round_name()
        self._show_state()

    def set_round(self, round_code: str | None) -> None:
        """Write the reports of this round (the window's choice; None: the latest)."""
        self._round_code = round_code
        self._round_name = self._read_round_name()
        self._show_state()

    def _read_round_name(self) -> str:
        """The chosen round's name (a quick query)."""
        if self._session is None:
            return ""
        try:
            _, name = _round(self._session.workspace, self._round_code)
        except ServiceError:
            return ""
        return name

    # ----- writing ---------------------------------------------------------------------

    def _writer(self, kind: ReportKind) -> Callable[[], None]:
        return lambda: self.choose_folder_and_write(kind)

    def choose_folder_and_write(self, kind: ReportKind) -> None:
        if self._session is None or self.task is not None:
            return
        saved = QSettings().value(FOLDER_KEY, "")
        chosen = QFileDialog.getExistingDirectory(
            self,
            self.tr("Choose the folder to write into"),
            saved if isinstance(saved, str) else "",
        )
        if chosen:
            QSettings().setValue(FOLDER_KEY, chosen)
            self.write(kind, Path(chosen))

    def write(self, kind: ReportKind, folder: Path) -> Task[Written] | None:
        """Write `kind` into `folder` on a worker; the task, if one started."""
        session = self._session
        if session is None or self.task is not None:
            return None
        path, language, relay = session.path, self.language(), self._relay
        generation, round_code = self._generation, self._round_code

        def work(progress: Progress) -> Written:
            # Progress to this view (a bar and Cancel of its own), not the runner's dialog.
            return write_reports(
                path,
                kind,
                folder,
                language,
                report=relay.progressed.emit,
                cancelled=progress.cancelled,
                round_code=round_code,
            )

        self.ui.progress_label.setText(self._working_text(kind))
        self.ui.progress_bar.setRange(0, 0)
        task = self.runner.run(
            work,
            on_success=lambda written: self._finished(written, generation),
            on_error=lambda error: self._failed(error, generation),
            parent=self,
        )
        self.task = task
        self._show_state()
        return task

    def _working_text(self, kind: ReportKind) -> str:
        return {
            ReportKind.RESULTS: self.tr("Computing, rendering and signing the results report…"),
            ReportKind.FEEDBACK: self.tr("Writing and signing the feedback reports…"),
            ReportKind.CSV: self.tr("Writing the results table…"),
            ReportKind.EVALUATOR_CSV: self.tr("Writing the evaluators' scores…"),
            ReportKind.XLSX: self.tr("Writing the workbook…"),
        }[kind]

    @Slot()
    def cancel(self) -> None:
        """Stop after the file being written: what is written stays, whole."""
        if self.task is not None:
            self.task.cancel()
            self.ui.cancel_button.setEnabled(False)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        bar = self.ui.progress_bar
        bar.setRange(0, total)
        bar.setValue(done)

    def _finished(self, written: Written, generation: int) -> None:
        self.task = None
        if generation == self._generation:
            self.last = written
            self._show_written(written)
            self.written.emit(written)
        self._show_state()

    def _failed(self, error: BaseException, generation: int) -> None:
        self.task = None
        self._show_state()
        if generation == self._generation:
            report_error(self, error, self.tr("Not written"))

    def _show_written(self, written: Written) -> None:
        ui = self.ui
        ui.written_list.clear()
        for path in written.files:
            item = QListWidgetItem(path.name, ui.written_list)
            item.setToolTip(str(path))
        parts = [
            self.tr("{count} files written to {folder}.").format(
                count=len(written.files), folder=written.folder
            )
        ]
        if written.cancelled:
            parts.append(self.tr("Stopped: the remaining files were not written."))
        if written.not_final:
            parts.append(
                self.tr(
                    "{count} results are not final yet and are marked so; the Consensus tab"
                    " says what each still needs. Write again once they are final."
                ).format(count=written.not_final)
            )
        ui.written_label.setText(" ".join(parts))

    @Slot()
    def open_folder(self) -> bool:
        if self.last is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last.folder.resolve())))

    def _show_state(self) -> None:
        ui = self.ui
        usable = self._session is not None
        running = self.task is not None
        for button in self._buttons():
            button.setEnabled(usable and not running)
        ui.language_combo.setEnabled(not running)
        ui.progress_bar.setVisible(running)
        ui.cancel_button.setVisible(running)
        ui.cancel_button.setEnabled(running)
        if not running:
            ui.progress_label.setText("")
        ui.open_folder_button.setEnabled(self.last is not None and not running)
        name = self._round_name
        ui.round_label.setText(
            self.tr("Reports of <b>{round}</b>.").format(round=name) if name else ""
        )
        if self.last is None:
            ui.written_label.setText(self.tr("Nothing written yet in this window."))

    # ----- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            chosen = self.language()
            self.ui.retranslateUi(self)
            self._fill_languages(chosen)
            self._equal_buttons()
            self._show_state()
            if self.last is not None:
                self._show_written(self.last)
        super().changeEvent(event)
