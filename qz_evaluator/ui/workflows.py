"""Use cases of the window that talk with the person through dialogs: finalise, declare a
conflict, reopen, preview and export signed PDFs, new workspace, assignment packages and
the signing identity. Each calls the services and shows problems as dialogs.

They know nothing of the window: a `WorkflowContext` gives them the session, the shown
scorecard, a parent for dialogs and the task runner, and they announce what changed
through signals. Slow work (signing, package checks, the keychain, rendering) runs on
the runner's workers, each with its own workspace connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.services import evaluator_session, previews
from qz_evaluator.services.errors import UserError
from qz_evaluator.services.session import Role, Session, Workspace, open_session
from qz_evaluator.ui.errors import EXPECTED_ERRORS, phrase_text, report_error, show_error
from qz_evaluator.ui.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.conflict_declarations import DeclarationResult
    from qz_evaluator.services.errors import ImportFailed
    from qz_evaluator.services.packages import PackageImport
    from qz_evaluator.services.receipts import ReceiptImport
    from qz_evaluator.services.score_sheets import SheetImport
    from qz_evaluator.services.scorecard_files import ExportResult

# Signing, packages and keys (pyHanko, cryptography: a third of a second to import) are
# imported where they are used, so that the window opens as fast as a bare one.

log = logging.getLogger(__name__)

_Imported = TypeVar("_Imported")

EXPORT_DIR_KEY = "export/last_dir"
FILE_DIR_KEY = "files/last_dir"


def _documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _last_dir(key: str) -> str:
    value = QSettings().value(key, "")
    return value if isinstance(value, str) and value else _documents_dir()


def _open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    """A file the user picks to read, starting in the folder last used for files."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, _last_dir(FILE_DIR_KEY), filters)
    return Path(chosen) if chosen else None


@dataclass(frozen=True)
class WorkflowContext:
    """What the use cases need of the window, and nothing more (no window: no cycle).

    The callables answer for the moment they are called: the open session, the shown
    scorecard (with the notes being typed saved first), its criteria and candidate.
    """

    parent: QWidget  # for dialogs
    runner: TaskRunner
    session: Callable[[], Session | None]
    current_card: Callable[[], Scorecard | None]
    criteria: Callable[[], CriteriaSet | None]
    candidate: Callable[[], Candidate | None]
    round_code: Callable[[], str | None]
    language: Callable[[], str]
    show_item: Callable[[str], None]


class Workflows(QObject):
    """The use cases; they announce what changed through signals, for the views."""

    scorecard_changed = Signal(object)  # a ScorecardChange (finalised, reopened, conflict)
    scorecard_stale = Signal()  # a status change failed: show the store's truth again
    candidates_changed = Signal()  # the list must be read again (a package came in)
    open_requested = Signal(object)  # a Path: a new workspace to open
    history_stale = Signal(object)  # card ids a score sheet changed: their undo no longer holds

    def __init__(self, context: WorkflowContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.export_task: Task[list[ExportResult]] | None = None
        self.last_export: list[ExportResult] = []
        self.last_receipt: ReceiptImport | None = None
        self._closing = False  # the window is closing: exports end without messages

    # ----- helpers ---------------------------------------------------------------------

    @property
    def parent_widget(self) -> QWidget:
        return self.context.parent

    def _card(self) -> Scorecard | None:
        return self.context.current_card()

    def _session(self) -> Session | None:
        return self.context.session()

    def _evaluator_session(self) -> Session | None:
        session = self._session()
        if session is not None and session.role is Role.EVALUATOR:
            return session
        QMessageBox.information(
            self.parent_widget,
            QCoreApplication.translate("Workflows", "Evaluator workspace needed"),
            QCoreApplication.translate(
                "Workflows",
                "Open your evaluator workspace first (File ▸ Open Workspace), or create one"
                " (File ▸ New Evaluator Workspace).",
            ),
        )
        return None

    # ----- the scorecard ---------------------------------------------------------------

    @Slot()
    def finalise(self) -> bool:
        """Lock the shown scorecard if every item is scored; else say which are missing."""
        # Imported here: it loads the scorecard document's module, which the window
        # does not need to show its list (benchmarks/bench_ui.py).
        from qz_evaluator.ui.finalise_dialog import FinaliseDialog, language_name

        parent, language = self.parent_widget, self.context.language()
        card, criteria, session = self._card(), self.context.criteria(), self._session()
        if card is None or criteria is None or session is None or card.locked:
            return False
        missing = card.missing_items(criteria)
        if missing:
            names = "\n".join(
                f"  {code} {criteria.item(code).name.get(language)}" for code in missing
            )
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("Workflows", "Not ready to finalise"),
                QCoreApplication.translate(
                    "Workflows",
                    "{count} of {total} items are not scored yet:\n{items}\n\nScore them, then"
                    " finalise again.",
                ).format(count=len(missing), total=len(criteria.items), items=names),
            )
            self.context.show_item(missing[0])
            return False
        try:
            uncommented = session.scoring.missing_comments(card)
            scorecard_language = session.scoring.round_settings(card.round_code).scorecard_language
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            return False
        if uncommented:
            names = "\n".join(
                f"  {code} {criteria.item(code).name.get(language)}" for code in uncommented
            )
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("Workflows", "Not ready to finalise"),
                QCoreApplication.translate(
                    "Workflows",
                    "{count} scored items have neither a strength nor an opportunity for"
                    " improvement:\n{items}\n\nThis round asks for at least one for each scored"
                    " item. Write them, then finalise again.",
                ).format(count=len(uncommented), items=names),
            )
            self.context.show_item(uncommented[0])
            return False
        summary = card.summary(criteria)
        candidate = self.context.candidate()
        dialog = FinaliseDialog(
            parent,
            candidate_name=candidate.name if candidate else card.credit_code,
            total=format_points(summary.total),
            points=summary.total_points,
            scorecard_language=scorecard_language,
            interface_language=language,
        )
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            affirmed = dialog.affirm.isChecked()
        finally:
            dialog.deleteLater()
        if not accepted or not affirmed:
            return False
        try:
            change = session.scoring.finalise(card, affirm_declaration=True)
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            self.scorecard_stale.emit()
            return False
        self.scorecard_changed.emit(change)
        export = QMessageBox.question(
            parent,
            QCoreApplication.translate("Workflows", "Scorecard final"),
            QCoreApplication.translate(
                "Workflows",
                "The scorecard is final. Sign it and export the PDF ({language}) now?",
            ).format(language=language_name(scorecard_language)),
        )
        if export == QMessageBox.StandardButton.Yes:
            self.export_current()
        return True

    @Slot()
    def declare_conflict(self) -> bool:
        """On-site declaration of a conflict of interest: confirm, record, lock."""
        parent = self.parent_widget
        card, session = self._card(), self._session()
        candidate = self.context.candidate()
        if card is None or session is None or card.locked or candidate is None:
            return False
        reason, ok = QInputDialog.getMultiLineText(
            parent,
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
            parent,
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
            change = session.scoring.declare_conflict(card, reason)
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            self.scorecard_stale.emit()
            return False
        self.scorecard_changed.emit(change)
        return True

    @Slot()
    def export_conflict(self) -> bool:
        """Sign the shown card's conflict declaration and save it for the secretariat."""
        parent = self.parent_widget
        card, session = self._card(), self._session()
        if card is None or session is None or card.status is not ScorecardStatus.CONFLICT:
            return False
        # A document for the secretariat: in the round's scorecard language, whatever
        # the window's.
        language = session.scoring.round_settings(card.round_code).scorecard_language
        if self.context.runner.waiting:  # another use case is at work
            return False

        if not self._ready_to_sign(session):  # before asking for a folder
            return False
        out_dir = self._ask_export_dir(language)
        if out_dir is None:
            return False
        workspace_path = session.path

        def export(progress: Progress) -> DeclarationResult:
            from qz_evaluator.services.conflict_declarations import export_declaration

            # The worker's own connection: SQLite connections belong to their thread.
            with open_session(workspace_path) as own:
                return export_declaration(own.workspace, card, out_dir, language)

        try:
            result = self.context.runner.call(
                export,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Signing the declaration…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(
                parent, error, QCoreApplication.translate("Workflows", "Declaration not exported")
            )
            return False
        self.scorecard_stale.emit()  # the card is the same; what may be done with it is not
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Workflows", "Declaration exported"),
            QCoreApplication.translate(
                "Workflows",
                "Signed declaration saved as {path}. Send it to the secretariat with your"
                " scorecards; it can no longer be withdrawn.",
            ).format(path=result.path),
        )
        return True

    @Slot()
    def withdraw_conflict(self) -> bool:
        """Undo a declaration made in error; refused once it has been exported."""
        parent = self.parent_widget
        card, session = self._card(), self._session()
        candidate = self.context.candidate()
        if card is None or session is None or card.status is not ScorecardStatus.CONFLICT:
            return False
        from qz_evaluator.services import conflict_declarations

        if not conflict_declarations.can_withdraw(session.workspace, card):
            QMessageBox.information(
                parent,
                QCoreApplication.translate("Workflows", "Declaration already exported"),
                QCoreApplication.translate(
                    "Workflows",
                    "The declaration has been exported and may already be with the"
                    " secretariat, so it can no longer be withdrawn here. Ask the secretariat"
                    " to correct it.",
                ),
            )
            return False
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Workflows", "Withdraw conflict declaration"),
            QCoreApplication.translate(
                "Workflows",
                "Withdraw the conflict of interest you declared with {name}?\n\nThe"
                " scorecard becomes a draft again and you score this candidate.",
            ).format(name=candidate.name if candidate else card.credit_code),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            change = conflict_declarations.withdraw_conflict(session.workspace, card)
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            self.scorecard_stale.emit()
            return False
        self.scorecard_changed.emit(change)
        # The list keeps a recorded conflict above any card's status: read it again.
        self.candidates_changed.emit()
        return True

    @Slot()
    def reopen(self) -> bool:
        parent = self.parent_widget
        card, session = self._card(), self._session()
        if card is None or session is None:
            return False
        answer = QMessageBox.question(
            parent,
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
            change = session.scoring.reopen(card)
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            self.scorecard_stale.emit()
            return False
        self.scorecard_changed.emit(change)
        return True

    @Slot()
    def preview(self) -> Path | None:
        """Render the pages as they will be signed (on a worker: reportlab takes a moment)
        and open them in the PDF viewer."""
        if self.context.runner.waiting:  # another use case is at work
            return None
        parent, language = self.parent_widget, self.context.language()
        card, session = self._card(), self._session()
        if card is None or session is None:
            return None
        try:
            # The pages as they will be signed: in the round's scorecard language.
            language = session.scoring.round_settings(card.round_code).scorecard_language
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            return None
        workspace_path = session.path

        def render(progress: Progress) -> Path:
            # The worker's own connection: SQLite connections belong to their thread.
            with open_session(workspace_path) as own:
                pdf = evaluator_session.preview_pdf(own.workspace, card, language)
            # A new file in this run's private folder: a viewer holding the last one open
            # (Windows) does not stop this one; other users cannot read either.
            return previews.write_preview(pdf, f"{card.round_code}-{card.credit_code}")

        try:
            path = self.context.runner.call(
                render,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Rendering the preview…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                parent,
                QCoreApplication.translate("Workflows", "Preview"),
                QCoreApplication.translate(
                    "Workflows", "No PDF viewer opened the preview; it is saved at {path}"
                ).format(path=path),
            )
        return path

    # ----- signed exports (on a worker thread) ---------------------------------------

    @Slot()
    def export_current(self) -> bool:
        card, session = self._card(), self._session()
        if card is None or session is None or card.status is not ScorecardStatus.FINAL:
            return False
        language = self._can_export(session, card.round_code, card.credit_code)
        if language is None:
            return False
        out_dir = self._ask_export_dir(language)
        if out_dir is None:
            return False
        return self._export(session.path, out_dir, card_ids=[card.id])

    @Slot()
    def export_all(self) -> bool:
        session = self._evaluator_session()
        if session is None:
            return False
        self.context.current_card()  # saves the notes being typed
        round_code = self.context.round_code()
        language = self._can_export(session, round_code)
        if language is None:
            return False
        out_dir = self._ask_export_dir(language)
        if out_dir is None:
            return False
        return self._export(session.path, out_dir, round_code=round_code)

    def _ready_to_sign(self, session: Session) -> bool:
        """Whether anything can be signed in the session's workspace; if not, say which
        window steps come first (asked before a folder is chosen)."""
        from qz_evaluator.ui.identity_dialogs import advice_before_signing

        advice = advice_before_signing(session.workspace)
        if advice is None:
            return True
        QMessageBox.information(
            self.parent_widget,
            QCoreApplication.translate("Workflows", "Signing identity needed"),
            advice,
        )
        return False

    def _can_export(
        self, session: Session, round_code: str | None, card_code: str | None = None
    ) -> str | None:
        """Before asking for a folder: the signing certificate is installed (else say which
        menu steps give one). The round's scorecard language, or None to stop."""
        from qz_evaluator.services import scorecard_files

        if self.export_task is not None:
            QMessageBox.information(
                self.parent_widget,
                QCoreApplication.translate("Workflows", "Export running"),
                QCoreApplication.translate("Workflows", "An export is already running."),
            )
            return None
        if not self._ready_to_sign(session):  # before asking for a folder
            return None
        try:
            unaffirmed = session.scoring.finals_not_affirmed(round_code)
            if card_code is not None:
                unaffirmed = [code for code in unaffirmed if code == card_code]
            if unaffirmed:
                QMessageBox.warning(
                    self.parent_widget,
                    QCoreApplication.translate("Workflows", "Finalise again"),
                    QCoreApplication.translate(
                        "Workflows",
                        "{count} final scorecard(s) were finalised before the no-conflict"
                        " declaration was asked for:\n{codes}\n\nReopen each (Scorecard ▸"
                        " Reopen for Correction…) and finalise it again, affirming the"
                        " declaration; then export.",
                    ).format(count=len(unaffirmed), codes="\n".join(unaffirmed)),
                )
                return None
            if round_code is None:
                return "zh"
            return scorecard_files.scorecard_language(session.workspace, round_code)
        except EXPECTED_ERRORS as error:
            show_error(
                self.parent_widget, error, QCoreApplication.translate("Workflows", "Cannot export")
            )
            return None

    def _ask_export_dir(self, language: str) -> Path | None:
        from qz_evaluator.ui.finalise_dialog import language_name

        chosen = QFileDialog.getExistingDirectory(
            self.parent_widget,
            QCoreApplication.translate(
                "Workflows", "Export signed scorecards ({language}) to"
            ).format(language=language_name(language)),
            _last_dir(EXPORT_DIR_KEY),
        )
        if not chosen:
            return None
        QSettings().setValue(EXPORT_DIR_KEY, chosen)
        return Path(chosen)

    def _export(
        self,
        workspace_path: Path,
        out_dir: Path,
        *,
        round_code: str | None = None,
        card_ids: list[int] | None = None,
    ) -> bool:
        """Sign and export on a worker (about 90 ms a scorecard), with progress and cancel;
        cancelling stops after the scorecard in hand, so every file written is whole."""
        if self.export_task is not None:
            QMessageBox.information(
                self.parent_widget,
                QCoreApplication.translate("Workflows", "Export running"),
                QCoreApplication.translate("Workflows", "An export is already running."),
            )
            return False

        def export(progress: Progress) -> list[ExportResult]:
            from qz_evaluator.services.scorecard_files import export_all, export_scorecard

            # The worker's own connection: SQLite connections belong to their thread.
            with open_session(workspace_path) as own:
                if card_ids is None:
                    return export_all(
                        own.workspace,
                        out_dir,
                        round_code=round_code,
                        progress=progress.report,
                        cancelled=progress.cancelled,
                    )
                results = []
                for done, card_id in enumerate(card_ids, start=1):
                    if progress.cancelled():
                        break
                    card = own.workspace.scorecard_by_id(card_id)
                    results.append(export_scorecard(own.workspace, card, out_dir))
                    progress.report(done, len(card_ids))
                return results

        self.export_task = self.context.runner.run(
            export,
            on_success=lambda results: self._exported(results, out_dir),
            on_error=self._export_failed,
            parent=self.parent_widget,
            label=QCoreApplication.translate("Workflows", "Signing and exporting scorecards…"),
            title=QCoreApplication.translate("Workflows", "Export"),
            progress_text=lambda done, total: QCoreApplication.translate(
                "Workflows", "Signed {done} of {total} scorecards…"
            ).format(done=done, total=total),
        )
        return True

    def _export_failed(self, error: BaseException) -> None:
        self.export_task, self.last_export = None, []
        if self._closing:  # the window is going: nothing to tell beside the log
            log.warning("export failed while the window closed: %s", error)
            return
        report_error(
            self.parent_widget, error, QCoreApplication.translate("Workflows", "Export failed")
        )

    def _exported(self, results: list[ExportResult], folder: Path) -> None:
        task, self.export_task = self.export_task, None
        cancelled = task is not None and task.cancelled
        self.last_export = list(results)
        if self._closing:  # the window is going: the files in hand are whole, say nothing
            return
        if results:
            self.candidates_changed.emit()  # the list's "exported r2 at 14:05" markers
        parent = self.parent_widget
        if not results and not cancelled:
            QMessageBox.information(
                parent,
                QCoreApplication.translate("Workflows", "Nothing to export"),
                QCoreApplication.translate(
                    "Workflows",
                    "No scorecard of this round is final yet. Finalise a scorecard first.",
                ),
            )
            return
        text = QCoreApplication.translate(
            "Workflows", "{count} signed scorecard(s) saved in {folder}"
        ).format(count=len(results), folder=folder)
        if cancelled:
            text = QCoreApplication.translate("Workflows", "Export cancelled. {done}").format(
                done=text
            )
        elif len(results) == 1:
            text = QCoreApplication.translate(
                "Workflows", "Signed scorecard saved as {path}"
            ).format(path=results[0].path)
        if any(result.encrypted for result in results):
            text += "\n\n" + QCoreApplication.translate(
                "Workflows",
                "Encrypted for the secretariat (.p7m): only the secretariat can open it. Your "
                "readable copy stays in this workspace.",
            )
        QMessageBox.information(
            parent, QCoreApplication.translate("Workflows", "Export finished"), text
        )

    def finish_export(self, then: Callable[[], object]) -> bool:
        """The window is closing: if an export runs, cancel it after the scorecard in hand,
        say "finishing the export…" and call `then` (close again) when it has ended.
        True if the close must wait."""
        task = self.export_task
        if task is None:
            return False
        if not self._closing:
            self._closing = True
            task.cancel()
            task.show_progress(
                QCoreApplication.translate(
                    "Workflows", "Finishing the export: the scorecard being signed is completed…"
                )
            )
            task.finished.connect(then, Qt.ConnectionType.QueuedConnection)
        return True

    def stop_jobs(self) -> None:
        """Cancel running work and wait for the file in hand (the window is closing)."""
        self._closing = True
        self.context.runner.cancel_all()

    # ----- workspaces and packages -------------------------------------------------------

    @Slot()
    def new_workspace(self) -> bool:
        if self.context.runner.waiting:  # another use case is at work
            return False
        from qz_evaluator.ui.identity_dialogs import ask_evaluator_code

        parent = self.parent_widget
        suggested = str(Path(_last_dir(FILE_DIR_KEY)) / "my-scoring.qzw")
        while True:
            # Our own question about an existing file, asked once, about the file that
            # would really be created (the name with .qzw added).
            chosen, _ = QFileDialog.getSaveFileName(
                parent,
                QCoreApplication.translate("Workflows", "New evaluator workspace"),
                suggested,
                QCoreApplication.translate("Workflows", "qz-evaluator workspaces (*.qzw)"),
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not chosen:
                return False
            path = Path(chosen)
            if path.suffix.lower() != ".qzw":
                path = path.with_suffix(".qzw")
            if not path.exists():
                break
            answer = QMessageBox.question(
                parent,
                QCoreApplication.translate("Workflows", "The file exists"),
                QCoreApplication.translate(
                    "Workflows",
                    "{name} already exists, and a new workspace never replaces a file.\n\n"
                    "Open {name} instead? Choose No to pick another name.",
                ).format(name=path.name),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.open_requested.emit(path)
                return False
            if answer != QMessageBox.StandardButton.No:
                return False
            suggested = str(path)
        code = ask_evaluator_code(parent)
        if code is None:
            return False
        try:
            evaluator_session.create_evaluator_workspace(path, code).close()
        except EXPECTED_ERRORS as error:
            show_error(parent, error)
            return False
        QSettings().setValue(FILE_DIR_KEY, str(path.parent))
        self.open_requested.emit(path)
        return True

    def _import_signed_file(
        self,
        path: Path | None,
        titles: tuple[str, str, str, str],
        work: Callable[[Workspace, Path], _Imported],
    ) -> _Imported | None:
        """The shared steps of importing a file the secretariat signed (a package, a
        receipt): choose it (unless dropped), save the notes being typed, then check and
        apply it off the UI thread in the worker's own connection. `titles` are the
        dialog's title, its file filter, the progress label and the failure's title."""
        if self.context.runner.waiting:  # another use case is at work
            return None
        session = self._evaluator_session()
        if session is None:
            return None
        parent = self.parent_widget
        title, file_filter, label, failed = titles
        chosen = path or _open_file(parent, title, file_filter)
        if chosen is None:
            return None
        self.context.current_card()  # saves the notes being typed
        workspace_path = session.path

        def check_and_apply(progress: Progress) -> _Imported:
            # Signature checks take a while; the worker's own connection applies it.
            with open_session(workspace_path) as own:
                return work(own.workspace, chosen)

        try:
            result = self.context.runner.call(check_and_apply, parent=parent, label=label)
        except EXPECTED_ERRORS as error:
            show_error(parent, error, failed)
            return None
        QSettings().setValue(FILE_DIR_KEY, str(chosen.parent))
        return result

    @Slot()
    def import_package(self) -> bool:
        def apply(workspace: Workspace, package: Path) -> PackageImport:
            from qz_evaluator.services import packages

            return packages.import_package(workspace, package)

        result = self._import_signed_file(
            None,
            (
                QCoreApplication.translate("Workflows", "Import assignment package"),
                QCoreApplication.translate(
                    "Workflows", "Assignment packages (*.qzpkg);;All files (*)"
                ),
                QCoreApplication.translate("Workflows", "Checking the package…"),
                QCoreApplication.translate("Workflows", "Package not imported"),
            ),
            apply,
        )
        if result is None:
            return False
        parent = self.parent_widget
        self.candidates_changed.emit()
        QMessageBox.information(
            parent,
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

    def import_receipt(self, path: Path | None = None) -> bool:
        """The secretariat's signed receipt (chosen, or dropped on the window): checked and
        recorded off the UI thread; each card then shows what the secretariat holds."""

        def record(workspace: Workspace, receipt: Path) -> ReceiptImport:
            from qz_evaluator.services import receipts

            return receipts.import_receipt(workspace, receipt)

        result = self._import_signed_file(
            path,
            (
                QCoreApplication.translate("Workflows", "Import the secretariat's receipt"),
                QCoreApplication.translate("Workflows", "Receipts (*.qzreceipt);;All files (*)"),
                QCoreApplication.translate("Workflows", "Checking the receipt…"),
                QCoreApplication.translate("Workflows", "Receipt not imported"),
            ),
            record,
        )
        if result is None:
            return False
        parent = self.parent_widget
        self.last_receipt = result
        self.candidates_changed.emit()  # the cards' "秘书处已接收 r2" marks
        if result.already_imported:
            text = QCoreApplication.translate(
                "Workflows", "This receipt was imported before; nothing changed."
            )
        else:
            text = QCoreApplication.translate(
                "Workflows",
                "Round {round}: the secretariat holds {accepted} of your scorecards; {refused}"
                " not accepted. {changed} cards changed.",
            ).format(
                round=result.round_code,
                accepted=len(result.accepted),
                refused=len(result.not_accepted),
                changed=len(result.changed),
            )
        QMessageBox.information(
            parent, QCoreApplication.translate("Workflows", "Receipt imported"), text
        )
        return True

    @Slot()
    def import_score_sheet(self) -> bool:
        """Scores written on the paper sheet (a laptop died on site): all rows or none."""
        if self.context.runner.waiting:  # another use case is at work
            return False
        session = self._evaluator_session()
        if session is None:
            return False
        parent, round_code = self.parent_widget, self.context.round_code()
        if round_code is None:
            QMessageBox.information(
                parent,
                QCoreApplication.translate("Workflows", "No round yet"),
                QCoreApplication.translate(
                    "Workflows",
                    "Import your assignment package first (File ▸ Import Assignment Package);"
                    " a score sheet adds scores to its candidates.",
                ),
            )
            return False
        chosen = _open_file(
            parent,
            QCoreApplication.translate("Workflows", "Import score sheet"),
            QCoreApplication.translate("Workflows", "Score sheets (*.csv *.xlsx);;All files (*)"),
        )
        if chosen is None:
            return False
        self.context.current_card()  # saves the notes being typed
        workspace_path, sheet = session.path, chosen

        def check_and_apply(progress: Progress) -> SheetImport:
            from qz_evaluator.services.score_sheets import import_sheet

            with open_session(workspace_path) as own:
                return import_sheet(own.workspace, sheet, round_code)

        try:
            result = self.context.runner.call(
                check_and_apply,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Checking the score sheet…"),
            )
        except EXPECTED_ERRORS as error:
            from qz_evaluator.services.errors import ImportFailed

            if isinstance(error, ImportFailed):
                QMessageBox.warning(
                    parent,
                    QCoreApplication.translate("Workflows", "Score sheet not imported"),
                    _sheet_problem(error),
                )
            else:
                show_error(
                    parent,
                    error,
                    QCoreApplication.translate("Workflows", "Score sheet not imported"),
                )
            return False
        QSettings().setValue(FILE_DIR_KEY, str(sheet.parent))
        self.history_stale.emit([change.card.id for change in result.changes.values()])
        self.candidates_changed.emit()
        self.scorecard_stale.emit()  # the shown card may have new scores
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Workflows", "Score sheet imported"),
            QCoreApplication.translate(
                "Workflows",
                "{rows} scores imported for {count} candidate(s). Each change is in the"
                " scorecard's history like one typed in the window.",
            ).format(rows=result.rows, count=len(result.changes)),
        )
        return True

    # ----- the signing identity ------------------------------------------------------

    def _identity_refused(self, error: BaseException, title: str) -> None:
        """An identity problem in the window's words (a step in the window), else the
        general mapping."""
        from qz_evaluator.ui.identity_dialogs import identity_error_text

        text = identity_error_text(error)
        if text is None:
            report_error(self.parent_widget, error, title)
        else:
            QMessageBox.warning(self.parent_widget, title, text)

    def _identity_session(self) -> Session | None:
        """The evaluator's own (not the demo) workspace, or None after saying what to do."""
        from qz_evaluator.services import identity
        from qz_evaluator.ui.identity_dialogs import demo_workspace_text

        session = self._evaluator_session()
        if session is not None and identity.is_demo_workspace(session.workspace):
            QMessageBox.information(
                self.parent_widget,
                QCoreApplication.translate("Workflows", "The demo's identity"),
                demo_workspace_text(),
            )
            return None
        return session

    @Slot()
    def create_identity(self) -> bool:
        if self.context.runner.waiting:  # another use case is at work
            return False
        session = self._identity_session()
        if session is None:
            return False
        parent, workspace = self.parent_widget, session.workspace
        evaluator = workspace.find_evaluator(session.owner_code or "")
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Workflows", "Create signing identity"),
            QCoreApplication.translate("Workflows", "Your full name, as the secretariat knows it:"),
            text=evaluator.name if evaluator else "",
        )
        if not ok:
            return False
        workspace_path, full_name = session.path, name.strip() or None

        def create(progress: Progress) -> bytes:
            from qz_evaluator.services import identity

            # The keychain may ask the person to unlock it: never on the UI thread.
            with open_session(workspace_path) as own:
                return identity.create_identity(own.workspace, full_name)

        title = QCoreApplication.translate("Workflows", "Identity not created")
        try:
            request = self.context.runner.call(
                create,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Creating your signing key…"),
            )
        except EXPECTED_ERRORS as error:
            self._identity_refused(error, title)
            return False
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Workflows", "Save certificate request"),
            str(Path(_last_dir(FILE_DIR_KEY)) / f"{session.owner_code}-request.pem"),
            QCoreApplication.translate("Workflows", "Certificate requests (*.pem)"),
        )
        if not chosen:
            return False
        try:
            Path(chosen).write_bytes(request)
        except OSError as error:
            show_error(parent, error)
            return False
        QMessageBox.information(
            parent,
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
        if self.context.runner.waiting:  # another use case is at work
            return False
        from qz_evaluator.services import identity
        from qz_evaluator.ui.identity_dialogs import readiness_advice

        session = self._identity_session()
        if session is None:
            return False
        parent = self.parent_widget
        title = QCoreApplication.translate("Workflows", "Certificate not installed")
        if identity.signing_readiness(session.workspace) is identity.Readiness.NO_IDENTITY:
            # No key to match a certificate with: creating one comes first.
            QMessageBox.information(
                parent, title, readiness_advice(identity.Readiness.NO_IDENTITY) or ""
            )
            return False
        chosen = _open_file(
            parent,
            QCoreApplication.translate("Workflows", "Install certificate"),
            QCoreApplication.translate("Workflows", "Certificates (*.pem *.crt);;All files (*)"),
        )
        if chosen is None:
            return False
        workspace_path, certificate = session.path, chosen

        def install(progress: Progress) -> str:
            # The keychain holds the key the certificate must match.
            with open_session(workspace_path) as own:
                return identity.install_certificate(own.workspace, certificate.read_bytes())

        try:
            fingerprint = self.context.runner.call(
                install,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Installing the certificate…"),
            )
        except EXPECTED_ERRORS as error:
            self._identity_refused(error, title)
            return False
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Workflows", "Certificate installed"),
            QCoreApplication.translate(
                "Workflows", "You can now sign scorecards. Certificate fingerprint:\n{fingerprint}"
            ).format(fingerprint=fingerprint),
        )
        return True

    @Slot()
    def backup_key(self) -> bool:
        """Identity ▸ Back Up Signing Key…: a passphrase-protected PKCS#12 file."""
        if self.context.runner.waiting:  # another use case is at work
            return False
        from qz_evaluator.services import identity
        from qz_evaluator.ui.identity_dialogs import ask_passphrase, readiness_advice

        session = self._identity_session()
        if session is None:
            return False
        parent = self.parent_widget
        title = QCoreApplication.translate("Workflows", "Key not backed up")
        advice = readiness_advice(identity.signing_readiness(session.workspace))
        if advice is not None:  # before any question: there is nothing to back up yet
            QMessageBox.information(parent, title, advice)
            return False
        passphrase = ask_passphrase(parent, confirm=True)
        if passphrase is None:
            return False
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Workflows", "Save key backup"),
            str(Path(_last_dir(FILE_DIR_KEY)) / f"{session.owner_code}-key-backup.p12"),
            QCoreApplication.translate("Workflows", "Key backups (*.p12)"),
        )
        if not chosen:
            return False
        workspace_path, target = session.path, Path(chosen)

        def back_up(progress: Progress) -> None:
            # The keychain and the key derivation (a moment on purpose): on a worker.
            with open_session(workspace_path) as own:
                data = identity.backup_identity(own.workspace, passphrase)
            identity.write_backup(target, data)

        try:
            self.context.runner.call(
                back_up,
                parent=parent,
                label=QCoreApplication.translate("Workflows", "Backing up your signing key…"),
            )
        except EXPECTED_ERRORS as error:
            self._identity_refused(error, title)
            return False
        QSettings().setValue(FILE_DIR_KEY, str(target.parent))
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Workflows", "Key backed up"),
            QCoreApplication.translate(
                "Workflows",
                "Your signing key is saved in {path}, protected by your passphrase. Keep the"
                " file on a USB stick apart from this laptop; if the laptop is lost, restore"
                " it on another with Identity ▸ Restore Key Backup….",
            ).format(path=target),
        )
        return True

    @Slot()
    def restore_key(self) -> bool:
        """Identity ▸ Restore Key Backup…: checked whole before the keychain is touched."""
        if self.context.runner.waiting:  # another use case is at work
            return False
        from qz_evaluator.services import identity
        from qz_evaluator.ui.identity_dialogs import ask_passphrase

        session = self._identity_session()
        if session is None:
            return False
        parent = self.parent_widget
        title = QCoreApplication.translate("Workflows", "Key not restored")
        chosen = _open_file(
            parent,
            QCoreApplication.translate("Workflows", "Restore key backup"),
            QCoreApplication.translate("Workflows", "Key backups (*.p12 *.pfx);;All files (*)"),
        )
        if chosen is None:
            return False
        workspace_path, backup = session.path, chosen
        while True:  # a mistyped passphrase is asked again, nothing else is
            passphrase = ask_passphrase(parent, confirm=False)
            if passphrase is None:
                return False

            def restore(progress: Progress, passphrase: str = passphrase) -> str:
                with open_session(workspace_path) as own:
                    return identity.restore_identity(own.workspace, backup.read_bytes(), passphrase)

            try:
                fingerprint = self.context.runner.call(
                    restore,
                    parent=parent,
                    label=QCoreApplication.translate("Workflows", "Restoring your signing key…"),
                )
            except EXPECTED_ERRORS as error:
                self._identity_refused(error, title)
                if isinstance(error, UserError) and error.code == identity.WRONG_PASSPHRASE:
                    continue
                return False
            break
        QSettings().setValue(FILE_DIR_KEY, str(backup.parent))
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Workflows", "Key restored"),
            QCoreApplication.translate(
                "Workflows",
                "Your signing key is back in this computer's keychain and its certificate is"
                " installed: you can sign scorecards. Certificate fingerprint:\n{fingerprint}",
            ).format(fingerprint=fingerprint),
        )
        return True


def _sheet_problem(error: ImportFailed) -> str:
    """Where the sheet went wrong and why, and what to do, in the interface language."""
    where = (
        error.path
        if error.line is None
        else QCoreApplication.translate("Workflows", "{file}, row {row}").format(
            file=error.path, row=error.line
        )
    )
    return QCoreApplication.translate(
        "Workflows",
        "Nothing was imported. The first problem is in {where}:\n{reason}\n\nCorrect the"
        " sheet and import it again.",
    ).format(where=where, reason=phrase_text(error.reason))
