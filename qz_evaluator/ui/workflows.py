"""Use cases of the window that talk with the person through dialogs: finalise, declare a
conflict, reopen, preview and export signed PDFs, new workspace, assignment packages and
the signing identity. Each calls the services and shows problems as dialogs.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.services import evaluator_session
from qz_evaluator.store.workspace import Role
from qz_evaluator.ui.errors import EXPECTED_ERRORS, show_error

if TYPE_CHECKING:
    from qz_evaluator.services.scorecard_files import ExportResult
    from qz_evaluator.ui.export_job import ExportJob
    from qz_evaluator.ui.main_window import MainWindow

# Signing, packages and keys (pyHanko, cryptography: a third of a second to import) are
# imported where they are used, so that the window opens as fast as a bare one.

log = logging.getLogger(__name__)

EXPORT_DIR_KEY = "export/last_dir"
FILE_DIR_KEY = "files/last_dir"


def _documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _last_dir(key: str) -> str:
    value = QSettings().value(key, "")
    return value if isinstance(value, str) and value else _documents_dir()


class Workflows(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.last_export: list[ExportResult] = []

    # ----- helpers ---------------------------------------------------------------------

    def _card(self) -> Scorecard | None:
        self.window.panel.finish_typing()
        return self.window.panel.card

    def _evaluator_workspace(self) -> bool:
        workspace = self.window.workspace
        if workspace is not None and workspace.role is Role.EVALUATOR:
            return True
        QMessageBox.information(
            self.window,
            QCoreApplication.translate("Workflows", "Evaluator workspace needed"),
            QCoreApplication.translate(
                "Workflows",
                "Open your evaluator workspace first (File ▸ Open Workspace), or create one"
                " (File ▸ New Evaluator Workspace).",
            ),
        )
        return False

    # ----- the scorecard ---------------------------------------------------------------

    @Slot()
    def finalise(self) -> bool:
        """Lock the shown scorecard if every item is scored; else say which are missing."""
        window, panel = self.window, self.window.panel
        card, criteria, service = self._card(), panel.criteria, window.scoring
        if card is None or criteria is None or service is None or card.locked:
            return False
        missing = card.missing_items(criteria)
        if missing:
            names = "\n".join(
                f"  {code} {criteria.item(code).name.get(window.language)}" for code in missing
            )
            QMessageBox.warning(
                window,
                QCoreApplication.translate("Workflows", "Not ready to finalise"),
                QCoreApplication.translate(
                    "Workflows",
                    "{count} of {total} items are not scored yet:\n{items}\n\nScore them, then"
                    " finalise again.",
                ).format(count=len(missing), total=len(criteria.items), items=names),
            )
            panel.select_item(missing[0])
            return False
        summary = card.summary(criteria)
        candidate = window.selected_candidate()
        answer = QMessageBox.question(
            window,
            QCoreApplication.translate("Workflows", "Finalise scorecard"),
            QCoreApplication.translate(
                "Workflows",
                "Finalise the scorecard for {name}? Total {total} / {points}.\n\nA final"
                " scorecard is locked; it can be reopened for a correction.",
            ).format(
                name=candidate.name if candidate else card.credit_code,
                total=format_points(summary.total),
                points=summary.total_points,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            service.finalise(card)
        except EXPECTED_ERRORS as error:
            show_error(window, error)
            window.card_status_changed()
            return False
        window.card_status_changed()
        export = QMessageBox.question(
            window,
            QCoreApplication.translate("Workflows", "Scorecard final"),
            QCoreApplication.translate(
                "Workflows", "The scorecard is final. Sign it and export the PDF now?"
            ),
        )
        if export == QMessageBox.StandardButton.Yes:
            self.export_current()
        return True

    @Slot()
    def declare_conflict(self) -> bool:
        """On-site declaration of a conflict of interest: confirm, record, lock."""
        window = self.window
        card, service = self._card(), window.scoring
        candidate = window.selected_candidate()
        if card is None or service is None or card.locked or candidate is None:
            return False
        reason, ok = QInputDialog.getMultiLineText(
            window,
            QCoreApplication.translate("Workflows", "Declare conflict of interest"),
            QCoreApplication.translate(
                "Workflows",
                "Why must you not score {name}? (for example: worked there, consulted or"
                " trained for it, a relative works there)",
            ).format(name=candidate.name),
        )
        if not ok or not reason.strip():
            return False
        answer = QMessageBox.question(
            window,
            QCoreApplication.translate("Workflows", "Declare conflict of interest"),
            QCoreApplication.translate(
                "Workflows",
                "Declare a conflict of interest with {name}?\n\nThe declaration is recorded"
                " and this scorecard is locked: you will not score this candidate.",
            ).format(name=candidate.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            service.declare_conflict(card, reason)
        except EXPECTED_ERRORS as error:
            show_error(window, error)
            return False
        finally:
            window.card_status_changed()
        return True

    @Slot()
    def reopen(self) -> bool:
        window = self.window
        card, service = self._card(), window.scoring
        if card is None or service is None:
            return False
        answer = QMessageBox.question(
            window,
            QCoreApplication.translate("Workflows", "Reopen scorecard"),
            QCoreApplication.translate(
                "Workflows",
                "Reopen this final scorecard for a correction? Export it again afterwards:"
                " the new PDF is a later revision that replaces the one sent before.",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            service.reopen(card)
        except EXPECTED_ERRORS as error:
            show_error(window, error)
            return False
        finally:
            window.card_status_changed()
        return True

    @Slot()
    def preview(self) -> Path | None:
        """Render the pages as they will be signed and open them in the PDF viewer."""
        window = self.window
        card, workspace = self._card(), window.workspace
        if card is None or workspace is None:
            return None
        try:
            pdf = evaluator_session.preview_pdf(workspace, card, window.language)
            folder = Path(tempfile.gettempdir()) / "qz-evaluator-preview"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"preview-{card.round_code}-{card.credit_code}.pdf"
            path.write_bytes(pdf)
        except EXPECTED_ERRORS as error:
            show_error(window, error)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                window,
                QCoreApplication.translate("Workflows", "Preview"),
                QCoreApplication.translate(
                    "Workflows", "No PDF viewer opened the preview; it is saved at {path}"
                ).format(path=path),
            )
        return path

    # ----- signed exports (on a worker thread) ---------------------------------------

    @Slot()
    def export_current(self) -> bool:
        from qz_evaluator.ui.export_job import ExportJob

        window = self.window
        card, workspace = self._card(), window.workspace
        if card is None or workspace is None or card.status is not ScorecardStatus.FINAL:
            return False
        out_dir = self._ask_export_dir()
        if out_dir is None:
            return False
        return self._start(
            ExportJob(workspace.path, out_dir, language=window.language, card_ids=[card.id])
        )

    @Slot()
    def export_all(self) -> bool:
        from qz_evaluator.ui.export_job import ExportJob

        window = self.window
        workspace = window.workspace
        if workspace is None or not self._evaluator_workspace():
            return False
        window.panel.finish_typing()
        out_dir = self._ask_export_dir()
        if out_dir is None:
            return False
        return self._start(
            ExportJob(
                workspace.path,
                out_dir,
                language=window.language,
                round_code=window.model.round_code,
            )
        )

    def _ask_export_dir(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self.window,
            QCoreApplication.translate("Workflows", "Export signed scorecards to"),
            _last_dir(EXPORT_DIR_KEY),
        )
        if not chosen:
            return None
        QSettings().setValue(EXPORT_DIR_KEY, chosen)
        return Path(chosen)

    def _start(self, job: ExportJob) -> bool:
        if self.job is not None:
            QMessageBox.information(
                self.window,
                QCoreApplication.translate("Workflows", "Export running"),
                QCoreApplication.translate("Workflows", "An export is already running."),
            )
            return False
        self.job = job
        progress = QProgressDialog(
            QCoreApplication.translate("Workflows", "Signing and exporting scorecards…"),
            QCoreApplication.translate("Workflows", "Cancel"),
            0,
            0,
            self.window,
        )
        progress.setWindowTitle(QCoreApplication.translate("Workflows", "Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        # Direct: the job's own thread is busy exporting and would see a queued call too late.
        progress.canceled.connect(job.cancel, Qt.ConnectionType.DirectConnection)
        self.progress = progress
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.start()
        return True

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(
                QCoreApplication.translate(
                    "Workflows", "Signed {done} of {total} scorecards…"
                ).format(done=done, total=total)
            )

    @Slot()
    def _finished(self) -> None:
        job, progress = self.job, self.progress
        self.job, self.progress = None, None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        if job is None:
            return
        job.wait()
        self.last_export = list(job.results)
        window = self.window
        if job.error is not None:
            if isinstance(job.error, EXPECTED_ERRORS):
                show_error(
                    window, job.error, QCoreApplication.translate("Workflows", "Export failed")
                )
            else:
                error = job.error
                sys.excepthook(type(error), error, error.__traceback__)
            return
        if not job.results and not job.cancelled:
            QMessageBox.information(
                window,
                QCoreApplication.translate("Workflows", "Nothing to export"),
                QCoreApplication.translate(
                    "Workflows",
                    "No scorecard of this round is final yet. Finalise a scorecard first.",
                ),
            )
            return
        folder = job.out_dir
        text = QCoreApplication.translate(
            "Workflows", "{count} signed scorecard(s) saved in {folder}"
        ).format(count=len(job.results), folder=folder)
        if job.cancelled:
            text = QCoreApplication.translate("Workflows", "Export cancelled. {done}").format(
                done=text
            )
        elif len(job.results) == 1:
            text = QCoreApplication.translate(
                "Workflows", "Signed scorecard saved as {path}"
            ).format(path=job.results[0].path)
        QMessageBox.information(
            window, QCoreApplication.translate("Workflows", "Export finished"), text
        )

    def stop_jobs(self) -> None:
        """Cancel a running export and wait for its current file (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    # ----- workspaces and packages -------------------------------------------------------

    @Slot()
    def new_workspace(self) -> bool:
        window = self.window
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("Workflows", "New evaluator workspace"),
            str(Path(_last_dir(FILE_DIR_KEY)) / "my-scoring.qzw"),
            QCoreApplication.translate("Workflows", "qz-evaluator workspaces (*.qzw)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".qzw":
            path = path.with_suffix(".qzw")
        code, ok = QInputDialog.getText(
            window,
            QCoreApplication.translate("Workflows", "New evaluator workspace"),
            QCoreApplication.translate(
                "Workflows", "Your evaluator code, as on the roster (e.g. P01 or M12):"
            ),
        )
        if not ok:
            return False
        try:
            evaluator_session.create_evaluator_workspace(path, code).close()
        except EXPECTED_ERRORS as error:
            show_error(window, error)
            return False
        QSettings().setValue(FILE_DIR_KEY, str(path.parent))
        return window.open_workspace(path)

    @Slot()
    def import_package(self) -> bool:
        from qz_evaluator.services import packages

        window = self.window
        if not self._evaluator_workspace() or window.workspace is None:
            return False
        chosen, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("Workflows", "Import assignment package"),
            _last_dir(FILE_DIR_KEY),
            QCoreApplication.translate("Workflows", "Assignment packages (*.qzpkg);;All files (*)"),
        )
        if not chosen:
            return False
        window.panel.finish_typing()
        try:
            result = packages.import_package(window.workspace, Path(chosen))
        except EXPECTED_ERRORS as error:
            show_error(
                window, error, QCoreApplication.translate("Workflows", "Package not imported")
            )
            return False
        QSettings().setValue(FILE_DIR_KEY, str(Path(chosen).parent))
        window.reload_candidates()
        QMessageBox.information(
            window,
            QCoreApplication.translate("Workflows", "Package imported"),
            QCoreApplication.translate(
                "Workflows",
                "Round {round}: {added} new and {updated} updated candidates, {created} new"
                " scorecards, {withdrawn} withdrawn.",
            ).format(
                round=result.round_code,
                added=len(result.candidates_added),
                updated=len(result.candidates_updated),
                created=result.scorecards_created,
                withdrawn=len(result.withdrawn),
            ),
        )
        return True

    # ----- the signing identity ------------------------------------------------------

    @Slot()
    def create_identity(self) -> bool:
        from qz_evaluator.services import identity

        window = self.window
        if not self._evaluator_workspace() or window.workspace is None:
            return False
        workspace = window.workspace
        evaluator = workspace.find_evaluator(workspace.owner_code or "")
        name, ok = QInputDialog.getText(
            window,
            QCoreApplication.translate("Workflows", "Create signing identity"),
            QCoreApplication.translate("Workflows", "Your full name, as the secretariat knows it:"),
            text=evaluator.name if evaluator else "",
        )
        if not ok:
            return False
        try:
            request = identity.create_identity(workspace, name.strip() or None)
        except EXPECTED_ERRORS as error:
            show_error(
                window, error, QCoreApplication.translate("Workflows", "Identity not created")
            )
            return False
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("Workflows", "Save certificate request"),
            str(Path(_last_dir(FILE_DIR_KEY)) / f"{workspace.owner_code}-request.pem"),
            QCoreApplication.translate("Workflows", "Certificate requests (*.pem)"),
        )
        if not chosen:
            return False
        try:
            Path(chosen).write_bytes(request)
        except OSError as error:
            show_error(window, error)
            return False
        QMessageBox.information(
            window,
            QCoreApplication.translate("Workflows", "Identity created"),
            QCoreApplication.translate(
                "Workflows",
                "Your signing key is in this computer's keychain. Send {path} to the"
                " secretariat; install the certificate they send back with Identity ▸"
                " Install Certificate.",
            ).format(path=chosen),
        )
        return True

    @Slot()
    def install_certificate(self) -> bool:
        from qz_evaluator.services import identity

        window = self.window
        if not self._evaluator_workspace() or window.workspace is None:
            return False
        chosen, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("Workflows", "Install certificate"),
            _last_dir(FILE_DIR_KEY),
            QCoreApplication.translate("Workflows", "Certificates (*.pem *.crt);;All files (*)"),
        )
        if not chosen:
            return False
        try:
            fingerprint = identity.install_certificate(window.workspace, Path(chosen).read_bytes())
        except EXPECTED_ERRORS as error:
            show_error(
                window, error, QCoreApplication.translate("Workflows", "Certificate not installed")
            )
            return False
        QMessageBox.information(
            window,
            QCoreApplication.translate("Workflows", "Certificate installed"),
            QCoreApplication.translate(
                "Workflows", "You can now sign scorecards. Certificate fingerprint:\n{fingerprint}"
            ).format(fingerprint=fingerprint),
        )
        return True
