"""Inbox ▸ Check Printed Scorecard…: the secretariat types the code under a page's QR code,
or picks a photo or scan of the page, and sees whether the paper is the merged record.

Both run on the task runner with their own connection to the workspace: decoding a phone
photo takes a few tenths of a second, and the first check after a merge indexes the
merged keys (`services.paper`); later checks take some 15 ms.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTableWidgetItem, QWidget

from qz_evaluator.services import paper
from qz_evaluator.services.paper import PaperCheck, PaperOutcome
from qz_evaluator.services.session import Session, Workspace, open_workspace
from qz_evaluator.ui.errors import phrase_text, report_error
from qz_evaluator.ui.generated.ui_paper_check import Ui_PaperCheckDialog
from qz_evaluator.ui.tasks import Progress, Task, TaskRunner

_COLOURS = {
    PaperOutcome.MATCHES: "#1b7a2f",
    PaperOutcome.OLDER_REVISION: "#b35c00",
    PaperOutcome.NOT_RECEIVED: "#b35c00",
    PaperOutcome.RIVAL: "#b35c00",
    PaperOutcome.UNKNOWN: "#a61b1b",
    PaperOutcome.MISTYPED: "#a61b1b",
}


def outcome_texts() -> dict[PaperOutcome, str]:
    """Each answer's headline in the interface language."""
    return {
        PaperOutcome.MATCHES: QCoreApplication.translate("PaperCheck", "Matches the merged record"),
        PaperOutcome.OLDER_REVISION: QCoreApplication.translate("PaperCheck", "An older revision"),
        PaperOutcome.NOT_RECEIVED: QCoreApplication.translate(
            "PaperCheck", "Not the record: this version was not received"
        ),
        PaperOutcome.RIVAL: QCoreApplication.translate(
            "PaperCheck", "Not the record: a rival file in revision conflict"
        ),
        PaperOutcome.UNKNOWN: QCoreApplication.translate("PaperCheck", "Unknown to this workspace"),
        PaperOutcome.MISTYPED: QCoreApplication.translate("PaperCheck", "The code is mistyped"),
    }


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


class PaperCheckDialog(QDialog):
    def __init__(
        self, runner: TaskRunner, session: Callable[[], Session | None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._session = session
        self.ui = Ui_PaperCheckDialog()
        self.ui.setupUi(self)
        self.last: PaperCheck | None = None  # the answer shown
        self.task: Task[tuple[str, PaperCheck]] | None = None  # a check running
        self._generation = 0  # counts checks asked for: only the latest answer is shown
        header = self.ui.changes_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.changes_table.hide()
        self.ui.check_button.clicked.connect(self.check)
        self.ui.code_edit.returnPressed.connect(self.check)
        self.ui.image_button.clicked.connect(self.choose_image)
        self.ui.button_box.rejected.connect(self.reject)

    @Slot()
    def check(self) -> Task[tuple[str, PaperCheck]] | None:
        """Check the code in the field."""
        text = self.ui.code_edit.text()
        if not text.strip():
            return None
        return self._run(lambda workspace: (text, paper.verify_code(workspace, text)))

    @Slot()
    def choose_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("PaperCheck", "Choose a photo or scan of the page"),
            "",
            QCoreApplication.translate("PaperCheck", "Images (*.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if name:
            self.check_image(Path(name))

    def check_image(self, path: Path) -> Task[tuple[str, PaperCheck]] | None:
        """Decode the image's QR codes, then check the first code found."""

        def read(workspace: Workspace) -> tuple[str, PaperCheck]:
            code = paper.codes_in_image(path)[0]
            return code, paper.verify_code(workspace, code)

        return self._run(read, QCoreApplication.translate("PaperCheck", "Reading the QR code…"))

    def _run(
        self, check: Callable[[Workspace], tuple[str, PaperCheck]], label: str | None = None
    ) -> Task[tuple[str, PaperCheck]] | None:
        """On a worker with its own connection: the first check after a merge indexes the
        workspace's merged keys (most of a second for a province's 50,000)."""
        session = self._session()
        if session is None or self.task is not None:
            return None
        path = session.workspace.path
        self._generation += 1
        generation = self._generation
        self._set_busy(True)

        def work(progress: Progress) -> tuple[str, PaperCheck]:
            with open_workspace(path) as workspace:
                return check(workspace)

        def done(found: tuple[str, PaperCheck]) -> None:
            self._set_busy(False)
            if generation == self._generation:  # not cleared for another workspace since
                self.ui.code_edit.setText(found[0])
                self.show_check(found[1])

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            report_error(self, error)

        self.task = self.runner.run(
            work, on_success=done, on_error=failed, parent=self, label=label
        )
        return self.task

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.task = None
        for button in (self.ui.check_button, self.ui.image_button):
            button.setEnabled(not busy)

    def clear(self) -> None:
        """No answer shown (another workspace was opened)."""
        self._generation += 1  # a check still running answers for the earlier one
        self.last = None
        self.ui.code_edit.clear()
        self.ui.outcome_label.clear()
        self.ui.message_label.clear()
        self.ui.changes_table.setRowCount(0)
        self.ui.changes_table.hide()

    def show_check(self, check: PaperCheck) -> None:
        self.last = check
        self.ui.outcome_label.setText(
            f'<b style="color:{_COLOURS[check.outcome]}">{outcome_texts()[check.outcome]}</b>'
        )
        lines = [phrase_text(check.message)]
        if check.record_file:
            lines.append(
                QCoreApplication.translate("PaperCheck", "Record: r{revision} · {file}").format(
                    revision=check.record_revision, file=check.record_file
                )
            )
        if check.page_total is not None and check.page_total != check.record_total:
            lines.append(
                QCoreApplication.translate(
                    "PaperCheck", "Total: {page} on this page → {record} in the record now"
                ).format(page=check.page_total, record=check.record_total)
            )
        self.ui.message_label.setText("\n".join(lines))
        table = self.ui.changes_table
        table.setRowCount(len(check.changes))
        for row, change in enumerate(check.changes):
            for column, value in enumerate(
                (change.item_code, _percent(change.on_paper), _percent(change.in_record))
            ):
                table.setItem(row, column, QTableWidgetItem(value))
        table.setVisible(bool(check.changes))
