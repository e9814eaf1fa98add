"""The secretariat's inbox: signed scorecards and conflict declarations dropped (or chosen)
are verified and merged off the UI thread, one row per file with its outcome and the
reason in the person's words, and the panel members whose scorecards are still missing.

Rows arrive while the merge runs: the worker puts each file's entry and its progress
in a buffer, and a timer on the UI thread takes what is there a few times a second.
A queued signal per file would make the UI thread wait for the GIL once per file
(while the worker runs Python) and repaint the progress bar once per file: with a
thousand files that stalled the window for longer than the 100 ms it may.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qz_evaluator.services import merge as merge_service
from qz_evaluator.services.merge import MergeEntry, MergeSummary, Outcome
from qz_evaluator.services.session import Role, Session, open_workspace
from qz_evaluator.ui.errors import report_error
from qz_evaluator.ui.generated.ui_sec_inbox import Ui_SecInbox
from qz_evaluator.ui.merge_texts import reason_texts
from qz_evaluator.ui.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.ui.paper_check import PaperCheckDialog

log = logging.getLogger(__name__)

FLUSH_MS = 100  # rows that arrived meanwhile are added together, the bar moves on


def outcome_texts() -> dict[Outcome, str]:
    """Each outcome's word in the interface language."""
    return {
        Outcome.ACCEPTED: QCoreApplication.translate("SecInbox", "Accepted"),
        Outcome.SUPERSEDED: QCoreApplication.translate("SecInbox", "Superseded"),
        Outcome.DUPLICATE: QCoreApplication.translate("SecInbox", "Duplicate"),
        Outcome.CONFLICT: QCoreApplication.translate("SecInbox", "Revision conflict"),
        Outcome.REJECTED: QCoreApplication.translate("SecInbox", "Rejected"),
        Outcome.DECLARED_CONFLICT: QCoreApplication.translate("SecInbox", "Conflict declared"),
    }


def entry_text(entry: MergeEntry, reasons: dict[str, str] | None = None) -> str:
    """Why the file came out as it did, in the interface language."""
    if entry.outcome is Outcome.REJECTED:
        table = reasons if reasons is not None else reason_texts()
        # A code this version does not know: its English message is better than nothing.
        return table.get(entry.reason or "", entry.message)
    revision, top = entry.revision, entry.top_before
    if entry.outcome is Outcome.ACCEPTED:
        if top:
            return QCoreApplication.translate(
                "SecInbox", "Revision {revision}, replaces revision {top}"
            ).format(revision=revision, top=top)
        return QCoreApplication.translate("SecInbox", "Revision {revision}").format(
            revision=revision
        )
    if entry.outcome is Outcome.SUPERSEDED:
        return QCoreApplication.translate(
            "SecInbox",
            "Revision {revision} is older than revision {top} merged before: kept as history,"
            " it does not count",
        ).format(revision=revision, top=top)
    if entry.outcome is Outcome.DUPLICATE:
        if revision is not None:  # another file, the very same scores
            return QCoreApplication.translate(
                "SecInbox",
                "The same scores as revision {revision} merged before, signed again;"
                " nothing changed",
            ).format(revision=revision)
        return QCoreApplication.translate(
            "SecInbox", "This very file was merged before; nothing changed"
        )
    if entry.outcome is Outcome.CONFLICT:  # reason: revision-conflict
        return QCoreApplication.translate(
            "SecInbox",
            "Another file with the same revision {revision} and different scores was merged"
            " before; the accepted one keeps counting until the evaluator sends a higher"
            " revision",
        ).format(revision=revision)
    text = QCoreApplication.translate(
        "SecInbox", "The evaluator declared a conflict of interest: {reason}"
    ).format(reason=entry.declared_reason or "")
    if top:
        text += QCoreApplication.translate(
            "SecInbox", "; their merged revision {top} no longer counts"
        ).format(top=top)
    return text


# Outcomes that need the secretariat's attention, and those that are only history.
_PROBLEMS = {Outcome.REJECTED, Outcome.CONFLICT}
_COLOURS = {
    Outcome.ACCEPTED: QColor("#1b7a3a"),
    Outcome.SUPERSEDED: QColor("#666666"),
    Outcome.DUPLICATE: QColor("#666666"),
    Outcome.CONFLICT: QColor("#b35c00"),
    Outcome.REJECTED: QColor("#b3261e"),
    Outcome.DECLARED_CONFLICT: QColor("#6a3fa0"),
}


class Column:
    FILE = 0
    OUTCOME = 1
    REASON = 2
    CANDIDATE = 3
    EVALUATOR = 4
    REVISION = 5
    COUNT = 6


ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's MergeEntry


class InboxModel(QAbstractTableModel):
    """The files merged in this session of the window, in the order they arrived."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[MergeEntry] = []
        self.names: dict[str, str] = {}  # credit code / evaluator code → name
        self._outcomes = outcome_texts()
        self._reasons = reason_texts()
        self._texts: list[str] = []
        self.counts: Counter[Outcome] = Counter()  # entries per outcome

    def retranslate(self) -> None:
        self._outcomes = outcome_texts()
        self._reasons = reason_texts()
        self._texts = [entry_text(e, self._reasons) for e in self.entries]
        if self.entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.entries) - 1, Column.COUNT - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, Column.COUNT - 1)

    def add(self, entries: Sequence[MergeEntry]) -> None:
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self._texts.extend(entry_text(e, self._reasons) for e in entries)
        self.counts.update(e.outcome for e in entries)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.entries.clear()
        self._texts.clear()
        self.counts.clear()
        self.endResetModel()

    def reason_text(self, row: int) -> str:
        return self._texts[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else Column.COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.FILE: QCoreApplication.translate("SecInbox", "File"),
            Column.OUTCOME: QCoreApplication.translate("SecInbox", "Outcome"),
            Column.REASON: QCoreApplication.translate("SecInbox", "Reason"),
            Column.CANDIDATE: QCoreApplication.translate("SecInbox", "Candidate"),
            Column.EVALUATOR: QCoreApplication.translate("SecInbox", "Evaluator"),
            Column.REVISION: QCoreApplication.translate("SecInbox", "Revision"),
        }.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.FILE:
                return entry.file
            if column == Column.REASON:
                return self._texts[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.OUTCOME:
            return QBrush(_COLOURS[entry.outcome])
        # Bold: what needs the secretariat's attention.
        if (
            role == Qt.ItemDataRole.FontRole
            and column == Column.OUTCOME
            and entry.outcome in _PROBLEMS
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, entry: MergeEntry, row: int, column: int) -> Any:
        if column == Column.FILE:
            return Path(entry.file).name
        if column == Column.OUTCOME:
            return self._outcomes[entry.outcome]
        if column == Column.REASON:
            return self._texts[row]
        if column == Column.CANDIDATE:
            code = entry.credit_code
            return f"{self.names.get(code, '')} {code}".strip() if code else ""
        if column == Column.EVALUATOR:
            code = entry.evaluator_code
            return f"{code} {self.names.get(code, '')}".strip() if code else ""
        if column == Column.REVISION:
            return entry.revision
        return None


@dataclass(frozen=True)
class MissingRow:
    round_code: str
    credit_code: str
    candidate_name: str
    panel_size: int
    missing: list[tuple[str, str]]  # (evaluator code, name)


def missing_rows(session: Session) -> list[MissingRow]:
    """Per (round, candidate), the panel members whose scorecard is not in yet."""
    workspace = session.workspace
    missing = merge_service.missing_scorecards(workspace)
    panel_sizes: dict[tuple[str, str], int] = {}
    for member in workspace.panel_members():
        key = (member.round_code, member.credit_code)
        panel_sizes[key] = panel_sizes.get(key, 0) + 1
    rows = []
    for (round_code, credit_code), codes in sorted(missing.items()):
        candidate = workspace.find_candidate(credit_code)
        named = []
        for code in codes:
            evaluator = workspace.find_evaluator(code)
            named.append((code, evaluator.name if evaluator else ""))
        rows.append(
            MissingRow(
                round_code,
                credit_code,
                candidate.name if candidate else "",
                panel_sizes.get((round_code, credit_code), len(codes)),
                named,
            )
        )
    return rows


class _Arrivals:
    """One merge's entries and progress, handed from its worker to the UI thread, which
    takes them in batches (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[MergeEntry] = []
        self._progress: tuple[int, int] | None = None

    def add(self, entry: MergeEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def progressed(self, done: int, total: int) -> None:
        with self._lock:
            self._progress = (done, total)

    def take(self) -> tuple[list[MergeEntry], tuple[int, int] | None]:
        """What arrived since the last call, and the latest progress."""
        with self._lock:
            entries, self._entries = self._entries, []
            return entries, self._progress


class DetailsDialog(QDialog):
    """One file's verification: outcome, reason, signer, fingerprint, revision; and the
    PDF itself, opened in the system's viewer."""

    def __init__(self, entry: MergeEntry, reason: str, names: dict[str, str], parent: QWidget):
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(
            QCoreApplication.translate("SecInbox", "Verification of {file}").format(
                file=Path(entry.file).name
            )
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.fields: dict[str, QLabel] = {}

        def add(key: str, label: str, value: object) -> None:
            if value is None or value == "":
                return  # not known for this file (e.g. one that is not a scorecard)
            shown = QLabel(str(value))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.fields[key] = shown

        def named(code: str | None, name_first: bool) -> str:
            if not code:
                return ""
            name = names.get(code, "")
            return (f"{name} {code}" if name_first else f"{code} {name}").strip()

        add("file", QCoreApplication.translate("SecInbox", "File"), entry.file)
        add(
            "outcome",
            QCoreApplication.translate("SecInbox", "Outcome"),
            outcome_texts()[entry.outcome],
        )
        add("reason", QCoreApplication.translate("SecInbox", "Reason"), reason)
        add("round", QCoreApplication.translate("SecInbox", "Round"), entry.round_code)
        add(
            "candidate",
            QCoreApplication.translate("SecInbox", "Candidate"),
            named(entry.credit_code, True),
        )
        add(
            "evaluator",
            QCoreApplication.translate("SecInbox", "Evaluator"),
            named(entry.evaluator_code, False),
        )
        add("revision", QCoreApplication.translate("SecInbox", "Revision"), entry.revision)
        add(
            "signer",
            QCoreApplication.translate("SecInbox", "Signer"),
            entry.signer or QCoreApplication.translate("SecInbox", "(not readable)"),
        )
        add(
            "fingerprint",
            QCoreApplication.translate("SecInbox", "Certificate fingerprint (SHA-256)"),
            entry.signer_fingerprint,
        )
        add("sha256", QCoreApplication.translate("SecInbox", "File SHA-256"), entry.sha256)
        add("detail", QCoreApplication.translate("SecInbox", "Verification detail"), entry.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(
            QCoreApplication.translate("SecInbox", "&Open PDF"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.open_button.setEnabled(Path(entry.file).is_file())
        self.open_button.clicked.connect(self.open_pdf)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())

    @Slot()
    def open_pdf(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.entry.file).resolve())))


class SecInboxView(QWidget):
    """Inbox and merge (收件与合并)."""

    changed = Signal()  # the merge wrote to the workspace
    merged = Signal(object)  # the MergeSummary of a finished (or cancelled) merge

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecInbox()
        self.ui.setupUi(self)
        self.session: Session | None = None
        self.workers: int | None = None  # verification processes (None: one per core)
        self.task: Task[MergeSummary] | None = None
        self.last_summary: MergeSummary | None = None
        self.missing: list[MissingRow] = []
        self._queued: list[str] = []  # dropped while a merge runs: merged next
        self._arrivals: _Arrivals | None = None  # the running merge's
        self.details: DetailsDialog | None = None  # the last one opened
        self._generation = 0  # counts workspaces shown: entries of an earlier one are dropped

        self.model = InboxModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        table = self.ui.files_table
        table.setModel(self.proxy)
        # A file's name ends in its evaluator and revision: elided in the middle, they show.
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in (
            (Column.FILE, 330),
            (Column.OUTCOME, 90),
            (Column.CANDIDATE, 260),
            (Column.EVALUATOR, 110),
            (Column.REVISION, 60),
        ):
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # arrival order until asked
        # Double-click, or Enter on the row: the keyboard reaches the details too.
        table.activated.connect(self._open_details)
        missing_header = self.ui.missing_table.horizontalHeader()
        missing_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        missing_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        missing_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 1)

        self._flush_timer = QTimer(self)  # runs while a merge does
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)

        self.ui.add_files_button.clicked.connect(self.choose_files)
        self.ui.add_folder_button.clicked.connect(self.choose_folder)
        self.ui.cancel_button.clicked.connect(self.cancel)
        self.ui.clear_button.clicked.connect(self.clear)
        self._setup_receipts()
        self.paper_dialog: PaperCheckDialog | None = None  # made when first asked for
        self.ui.paper_button.clicked.connect(self.check_paper)
        self._set_running(False)
        self._show_counts()
        self.set_session(None)

    def title(self) -> str:
        return QCoreApplication.translate("SecInbox", "Inbox")

    # ----- the session -----------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        if session is not self.session:
            if self.task is not None:
                # Another workspace: the merge stops after its file, its rows are not shown.
                self.task.cancel()
                self._generation += 1
            self.model.clear()
            self.model.names.clear()
            self.last_summary = None
            self._queued.clear()
            self._arrivals = None  # what the earlier workspace's merge still sends is dropped
            if self.paper_dialog is not None:
                self.paper_dialog.clear()  # its answer was about the earlier workspace
        self.session = session
        usable = session is not None and session.role is Role.SECRETARIAT
        self.setAcceptDrops(usable)
        self.ui.add_files_button.setEnabled(usable and self.task is None)
        self.ui.add_folder_button.setEnabled(usable and self.task is None)
        self.receipts_button.setEnabled(usable and self.receipts_task is None)
        self.ui.paper_button.setEnabled(usable)
        if not usable and self.paper_dialog is not None:
            self.paper_dialog.close()
        if session is not None and not usable:
            self.ui.hint_label.setText(
                QCoreApplication.translate(
                    "SecInbox", "Scorecards are merged in the secretariat's workspace."
                )
            )
        else:
            self.ui.retranslateUi(self)
        self.refresh()

    def refresh(self) -> None:
        """Read the missing panel members (and names) from the workspace again."""
        session = self.session
        if session is None or session.role is not Role.SECRETARIAT:
            self.missing = []
        else:
            self.missing = missing_rows(session)
        self._show_missing()

    # ----- adding files ----------------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            QCoreApplication.translate("SecInbox", "Choose signed scorecards and declarations"),
            "",
            QCoreApplication.translate(
                "SecInbox", "Signed scorecards and declarations (*.pdf *.p7m)"
            ),
        )
        if names:
            self.merge_paths(names)

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("SecInbox", "Choose a folder of signed files")
        )
        if folder:
            self.merge_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event) and self.acceptDrops():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.merge_paths(paths)

    @staticmethod
    def _dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def merge_paths(self, paths: Sequence[str | Path]) -> Task[MergeSummary] | None:
        """Verify and merge these files and folders off the UI thread; while a merge
        runs, they wait their turn. The task, if one started."""
        session = self.session
        if session is None or session.role is not Role.SECRETARIAT or not paths:
            return None
        if self.task is not None:
            self._queued.extend(str(p) for p in paths)
            return None
        workspace_path = session.path
        names = [str(p) for p in paths]
        workers = self.workers
        arrivals = self._arrivals = _Arrivals()
        generation = self._generation

        def work(progress: Progress) -> MergeSummary:
            # The worker's own connection: SQLite connections stay on their thread.
            with open_workspace(workspace_path) as workspace:
                return merge_service.merge(
                    workspace,
                    names,
                    workers=workers,
                    progress=arrivals.progressed,
                    cancelled=progress.cancelled,
                    on_entry=arrivals.add,
                    background=True,
                )

        # The collector's full pass over everything the window holds took ~90 ms in the
        # merge's threads, holding the GIL the window needs to paint: while the merge runs,
        # it passes over what is made meanwhile only.
        gc.freeze()
        self._set_running(True)
        self.ui.progress_bar.setRange(0, 0)  # busy until the first file is through
        self._flush_timer.start()
        task = self.runner.run(
            work,
            on_success=lambda summary: self._finished(summary, generation),
            on_error=lambda error: self._failed(error, generation),
            parent=self,
        )
        self.task = task
        return task

    @Slot()
    def cancel(self) -> None:
        """Stop after the file being merged: what is merged stays merged."""
        if self.task is not None:
            self.task.cancel()
            self.ui.cancel_button.setEnabled(False)

    @Slot()
    def check_paper(self) -> PaperCheckDialog:
        """Check a printed scorecard's code (typed, or from a photo) against the records."""
        if self.paper_dialog is None:
            # Imported when first asked for: the inbox opens without the paper check.
            from qz_evaluator.ui.paper_check import PaperCheckDialog

            self.paper_dialog = PaperCheckDialog(self.runner, lambda: self.session, self)
        if self.paper_dialog.isVisible():
            self.paper_dialog.raise_()  # open behind the window: in front again
        else:
            self.paper_dialog.show()
        self.paper_dialog.ui.code_edit.setFocus()
        return self.paper_dialog

    @Slot()
    def clear(self) -> None:
        if self.task is None:
            self.model.clear()
            self._show_counts()

    # ----- while and after the merge ---------------------------------------------------

    @Slot()
    def _flush(self) -> None:
        """Show the rows and progress that arrived since the last time."""
        if self._arrivals is None:
            return
        entries, progress = self._arrivals.take()
        if progress is not None:
            done, total = progress
            bar = self.ui.progress_bar
            if bar.maximum() != total:
                bar.setRange(0, total)
            if bar.value() != done:
                bar.setValue(done)
        if not entries:
            return
        self._learn_names(entries)
        self.model.add(entries)
        self._show_counts()

    def _finished(self, summary: MergeSummary, generation: int) -> None:
        self._end()
        if generation != self._generation:
            self._next()
            return
        self.last_summary = summary
        self.refresh()
        if summary.cancelled:
            self.ui.counts_label.setText(
                self.ui.counts_label.text()
                + "  "
                + QCoreApplication.translate(
                    "SecInbox", "(stopped: the remaining files were not merged)"
                )
            )
        if any(e.outcome not in (Outcome.DUPLICATE, Outcome.REJECTED) for e in summary.entries):
            self.changed.emit()
        self.merged.emit(summary)
        self._next()

    def _failed(self, error: BaseException, generation: int) -> None:
        self._end()
        if generation != self._generation:
            self._next()
            return
        self.refresh()
        report_error(self, error, QCoreApplication.translate("SecInbox", "Merge failed"))
        self.changed.emit()  # files before the failure may have been merged
        self._next()

    def _end(self) -> None:
        self._flush_timer.stop()
        self._flush()
        self._arrivals = None
        self.task = None
        gc.unfreeze()
        self._set_running(False)

    def _next(self) -> None:
        if self._queued:
            queued, self._queued = self._queued, []
            self.merge_paths(queued)

    def _set_running(self, running: bool) -> None:
        usable = self.session is not None and self.session.role is Role.SECRETARIAT
        self.ui.progress_bar.setVisible(running)
        self.ui.cancel_button.setVisible(running)
        self.ui.cancel_button.setEnabled(running)
        self.ui.add_files_button.setEnabled(usable and not running)
        self.ui.add_folder_button.setEnabled(usable and not running)
        self.ui.clear_button.setEnabled(not running)

    def _learn_names(self, entries: Sequence[MergeEntry]) -> None:
        session = self.session
        if session is None:
            return
        names = self.model.names
        for entry in entries:
            code = entry.credit_code
            if code and code not in names:
                candidate = session.workspace.find_candidate(code)
                names[code] = candidate.name if candidate else ""
            code = entry.evaluator_code
            if code and code not in names:
                evaluator = session.workspace.find_evaluator(code)
                names[code] = evaluator.name if evaluator else ""

    def _show_counts(self) -> None:
        entries = self.model.entries
        if not entries:
            self.ui.counts_label.setText(
                QCoreApplication.translate("SecInbox", "No files merged yet in this window.")
            )
            return
        texts = outcome_texts()
        parts = [
            f"{texts[outcome]} {count}"
            for outcome in Outcome
            if (count := self.model.counts[outcome])
        ]
        self.ui.counts_label.setText(
            QCoreApplication.translate("SecInbox", "{count} files: {outcomes}").format(
                count=len(entries), outcomes=" · ".join(parts)
            )
        )

    def _show_missing(self) -> None:
        table = self.ui.missing_table
        table.setSortingEnabled(False)
        table.setRowCount(len(self.missing))
        for row, line in enumerate(self.missing):
            members = "、".join(f"{code} {name}".strip() for code, name in line.missing)
            cells = [
                line.round_code,
                f"{line.candidate_name} {line.credit_code}".strip(),
                f"{len(line.missing)}/{line.panel_size}",
                members,
            ]
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        if self.session is None or self.session.role is not Role.SECRETARIAT:
            self.ui.missing_label.setText("")
        elif self.missing:
            count = sum(len(line.missing) for line in self.missing)
            self.ui.missing_label.setText(
                QCoreApplication.translate(
                    "SecInbox", "{count} scorecards of {candidates} candidates are still missing."
                ).format(count=count, candidates=len(self.missing))
            )
        else:
            self.ui.missing_label.setText(
                QCoreApplication.translate("SecInbox", "Every panel member's scorecard is in.")
            )

    # ----- details ---------------------------------------------------------------------

    def entry_at(self, row: int) -> MergeEntry:
        """The entry shown in this row of the table (as sorted)."""
        entry = self.proxy.index(row, 0).data(ENTRY_ROLE)
        assert isinstance(entry, MergeEntry)
        return entry

    @Slot(QModelIndex)
    def _open_details(self, index: QModelIndex) -> None:
        dialog = self.details_dialog(index.row())
        self.details = dialog
        dialog.open()  # window-modal, without a nested event loop

    def details_dialog(self, row: int) -> DetailsDialog:
        source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        entry = self.model.entries[source]
        dialog = DetailsDialog(entry, self.model.reason_text(source), self.model.names, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    # ----- receipts ----------------------------------------------------------------------

    def _setup_receipts(self) -> None:
        """The Issue Receipts button, beside Clear List (made here, not in the form: the
        inbox's form is shared with other work in flight)."""
        self.round_code: str | None = None  # the window's round (None: the latest)
        self.receipts_task: Task[list[Path]] | None = None
        self.receipts_folder: Path | None = None  # where the last receipts went
        self.receipts_box: QMessageBox | None = None  # the last "written, open the folder?"
        self.receipts_button = QPushButton(self)
        self.receipts_button.setObjectName("receipts_button")
        layout = self.ui.buttons_layout
        layout.insertWidget(layout.indexOf(self.ui.clear_button), self.receipts_button)
        self.receipts_button.clicked.connect(self.choose_receipts_folder)
        self._retranslate_receipts()

    def _retranslate_receipts(self) -> None:
        self.receipts_button.setText(QCoreApplication.translate("SecInbox", "Issue &Receipts…"))
        self.receipts_button.setToolTip(
            QCoreApplication.translate(
                "SecInbox",
                "Write a signed receipt for each evaluator of the round: what was received "
                "from them and what became of it",
            )
        )

    def set_round(self, code: str | None) -> None:
        self.round_code = code

    @Slot()
    def choose_receipts_folder(self) -> None:
        if self.session is None or self.runner.waiting or self.receipts_task is not None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("SecInbox", "Choose a folder for the receipts")
        )
        if folder:
            self.issue_receipts(Path(folder))

    def issue_receipts(self, folder: Path) -> Task[list[Path]] | None:
        """Sign a receipt per evaluator who sent files in the round, on a worker with
        progress; then offer to open the folder."""
        session = self.session
        if session is None or session.role is not Role.SECRETARIAT or self.receipts_task:
            return None
        path, round_code = session.path, self.round_code

        def work(progress: Progress) -> list[Path]:
            from qz_evaluator.services.receipts import issue_receipts

            with open_workspace(path) as workspace:
                return issue_receipts(
                    workspace,
                    folder,
                    round_code,
                    progress=progress.report,
                    cancelled=progress.cancelled,
                )

        def done(written: list[Path]) -> None:
            self.receipts_task = None
            self.receipts_folder = folder
            self.receipts_button.setEnabled(True)
            box = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("SecInbox", "Receipts issued"),
                QCoreApplication.translate(
                    "SecInbox", "{count} signed receipts written to {folder}."
                ).format(count=len(written), folder=folder),
                QMessageBox.StandardButton.Close,
                self,
            )
            open_button = box.addButton(
                QCoreApplication.translate("SecInbox", "Open &Folder"),
                QMessageBox.ButtonRole.ActionRole,
            )
            open_button.clicked.connect(self.open_receipts_folder)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.receipts_box = box
            box.open()

        def failed(error: BaseException) -> None:
            self.receipts_task = None
            self.receipts_button.setEnabled(True)
            report_error(self, error, QCoreApplication.translate("SecInbox", "Receipts not issued"))

        self.receipts_button.setEnabled(False)
        task = self.runner.run(
            work,
            on_success=done,
            on_error=failed,
            parent=self,
            label=QCoreApplication.translate("SecInbox", "Signing receipts…"),
            progress_text=lambda count, total: QCoreApplication.translate(
                "SecInbox", "Signed {count} of {total} receipts…"
            ).format(count=count, total=total),
        )
        self.receipts_task = task
        return task

    @Slot()
    def open_receipts_folder(self) -> bool:
        if self.receipts_folder is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.receipts_folder)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate_receipts()
            self.model.retranslate()
            self._show_counts()
            self._show_missing()
        super().changeEvent(event)
