"""The main window: the candidates of the open workspace and the selected one's details.

The layout comes from forms/main_window.ui (held by composition in `self.ui`); this
class wires it to the workspace. Scoring gets its own panel in a later issue, on the
right-hand side where the details are now.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from qz_evaluator.domain.candidates import Candidate, TierChange
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.errors import StoreError
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.ui.candidate_model import CandidateTreeModel, Column
from qz_evaluator.ui.generated.ui_main_window import Ui_MainWindow
from qz_evaluator.ui.locations import ensure_demo_workspace

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150

# QSettings keys
LAST_WORKSPACE_KEY = "workspace/last_path"
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"

# Problems a person can act on; anything else is a bug for the crash handler.
OPEN_ERRORS = (StoreError, ServiceError, DomainError)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.language = language
        self._workspace: Workspace | None = None

        self.model = CandidateTreeModel(self, language=language)
        self._setup_tree()
        self._setup_details()
        self._status_label = QLabel(self)
        self._status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.status_bar.addWidget(self._status_label, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.ui.search_edit.textChanged.connect(self._schedule_search)

        self.ui.action_open_workspace.triggered.connect(self.choose_workspace)
        self.ui.action_open_demo.triggered.connect(self.open_demo)
        self.ui.action_quit.triggered.connect(self.close)

        self._restore_layout()
        self._show_workspace_state()

    # ----- setup ---------------------------------------------------------------------

    def _setup_tree(self) -> None:
        tree = self.ui.candidate_tree
        tree.setModel(self.model)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.COUNTY, Column.INDUSTRY, Column.PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        tree.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _setup_details(self) -> None:
        name_font = QFont(self.ui.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.ui.name_label.setFont(name_font)
        heading_font = QFont(self.ui.history_heading.font())
        heading_font.setBold(True)
        self.ui.history_heading.setFont(heading_font)
        self.ui.placeholder_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        table = self.ui.history_table
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # ----- the workspace -------------------------------------------------------------

    @property
    def workspace(self) -> Workspace | None:
        return self._workspace

    def open_workspace(self, path: Path) -> bool:
        """Show the workspace at `path`; on failure say why and keep what was open."""
        path = Path(path)
        try:
            workspace = Workspace.open(path)
        except OPEN_ERRORS as error:
            self._show_error(self.tr("Cannot open the workspace"), str(error))
            return False
        previous, self._workspace = self._workspace, workspace
        try:
            self.ui.search_edit.blockSignals(True)
            self.ui.search_edit.clear()
            self.ui.search_edit.blockSignals(False)
            self._search_timer.stop()
            self.model.set_workspace(workspace)
            self._after_reload()
        except OPEN_ERRORS as error:
            self._workspace = previous
            self.model.set_workspace(previous)
            workspace.close()
            self._show_error(self.tr("Cannot open the workspace"), str(error))
            return False
        if previous is not None:
            previous.close()
        QSettings().setValue(LAST_WORKSPACE_KEY, str(path.resolve()))
        self._show_workspace_state()
        return True

    def close_workspace(self) -> None:
        if self._workspace is None:
            return
        self.model.set_workspace(None)
        self._workspace.close()
        self._workspace = None
        self._show_workspace_state()

    @Slot()
    def open_demo(self) -> bool:
        """Open the demo workspace, building it on first use."""
        try:
            path = ensure_demo_workspace()
        except (*OPEN_ERRORS, OSError) as error:
            self._show_error(self.tr("Cannot create the demo workspace"), str(error))
            return False
        return self.open_workspace(path)

    @Slot()
    def choose_workspace(self) -> None:
        last = QSettings().value(LAST_WORKSPACE_KEY, "")
        start = str(Path(last).parent) if isinstance(last, str) and last else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open Workspace"),
            start,
            self.tr("qz-evaluator workspaces (*.qzw);;All files (*)"),
        )
        if chosen:
            self.open_workspace(Path(chosen))

    def _show_error(self, title: str, message: str) -> None:
        log.info("%s: %s", title, message)
        QMessageBox.critical(self, title, message)

    def _show_workspace_state(self) -> None:
        workspace = self._workspace
        self.ui.search_edit.setEnabled(workspace is not None)
        if workspace is None:
            self.setWindowTitle("qz-evaluator")
            self._status_label.setText(self.tr("No workspace open"))
            self._show_placeholder(self.tr("Open a workspace or the demo from the File menu"))
            return
        name = workspace.meta("name") or workspace.path.stem
        self.setWindowTitle(f"{name} — qz-evaluator")
        self._status_label.setText(
            self.tr("{name}  ·  {role}  ·  {path}").format(
                name=name, role=self._role_text(workspace), path=workspace.path
            )
        )
        if self.selected_candidate() is None:
            self._show_placeholder(self.tr("Select a candidate to see its details"))

    def _role_text(self, workspace: Workspace) -> str:
        if workspace.role is Role.SECRETARIAT:
            return self.tr("Secretariat")
        return self.tr("Evaluator {code}").format(code=workspace.owner_code or "?")

    # ----- the candidate list --------------------------------------------------------

    @Slot(str)
    def _schedule_search(self, text: str) -> None:
        """Query when typing pauses, not on every keystroke or input-method commit."""
        self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        selected = self.selected_candidate()
        try:
            self.model.set_search(self.ui.search_edit.text())
        except StoreError as error:
            self.ui.status_bar.showMessage(str(error), 10_000)
            return
        self._after_reload(selected.credit_code if selected else None)

    def _after_reload(self, keep_code: str | None = None) -> None:
        """Span and expand the tier rows; select `keep_code` again if still shown."""
        tree = self.ui.candidate_tree
        for row in range(self.model.rowCount()):
            tree.setFirstColumnSpanned(row, tree.rootIndex(), True)
        tree.expandAll()
        index = self.model.index_of(keep_code) if keep_code else None
        if index is not None and index.isValid():
            tree.setCurrentIndex(index)
            tree.scrollTo(index)
        elif self._workspace is not None:
            self._show_placeholder(self.tr("Select a candidate to see its details"))

    def selected_candidate(self) -> Candidate | None:
        rows = self.ui.candidate_tree.selectionModel().selectedRows(Column.NAME)
        return self.model.candidate(rows[0]) if rows else None

    def select_candidate(self, credit_code: str) -> bool:
        index = self.model.index_of(credit_code)
        if not index.isValid():
            return False
        self.ui.candidate_tree.setCurrentIndex(index)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        candidate = self.selected_candidate()
        if candidate is None or self._workspace is None:
            if self._workspace is not None:
                self._show_placeholder(self.tr("Select a candidate to see its details"))
            return
        try:
            history = self._workspace.tier_history(candidate.credit_code)
        except StoreError as error:
            self.ui.status_bar.showMessage(str(error), 10_000)
            history = []
        self._show_candidate(candidate, history)

    # ----- the details panel ---------------------------------------------------------

    def _show_placeholder(self, text: str) -> None:
        self.ui.placeholder_label.setText(text)
        self.ui.details_stack.setCurrentWidget(self.ui.placeholder_page)

    def _show_candidate(self, candidate: Candidate, history: list[TierChange]) -> None:
        ui = self.ui
        ui.name_label.setText(candidate.name)
        ui.credit_code_value.setText(candidate.credit_code)
        tier = candidate.tier.label.get(self.language)
        if candidate.withdrawn:
            tier = self.tr("{tier} (withdrawn)").format(tier=tier)
        ui.tier_value.setText(tier)
        ui.county_value.setText(candidate.county)
        ui.industry_value.setText(candidate.industry)
        contact = "  ".join(p for p in (candidate.contact_person, candidate.contact_phone) if p)
        ui.contact_value.setText(contact or "—")
        progress = self.model.progress(candidate.credit_code)
        is_evaluator = self._workspace is not None and self._workspace.role is Role.EVALUATOR
        ui.details_form.setRowVisible(ui.progress_value, is_evaluator)
        if progress is None:
            ui.progress_value.setText(self.tr("not on your panel"))
        else:
            ui.progress_value.setText(
                self.tr("{scored} of {total} items scored · {status} · round {round}").format(
                    scored=progress.scored,
                    total=progress.total,
                    status=progress.status.label.get(self.language),
                    round=progress.round_code,
                )
            )
        self._fill_history(history)
        ui.details_stack.setCurrentWidget(ui.details_page)

    def _fill_history(self, history: list[TierChange]) -> None:
        table = self.ui.history_table
        table.setRowCount(len(history))
        for row, change in enumerate(history):
            to_tier = change.to_tier.label.get(self.language)
            if change.from_tier is None:
                text = self.tr("entered as {tier}").format(tier=to_tier)
            else:
                text = f"{change.from_tier.label.get(self.language)} → {to_tier}"
            cells = (change.changed_on.isoformat(), text, change.reason)
            for column, value in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(value))

    # ----- window state --------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = settings.value(SPLITTER_KEY)
        if not (isinstance(splitter, QByteArray) and self.ui.splitter.restoreState(splitter)):
            self.ui.splitter.setSizes([560, 540])

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(SPLITTER_KEY, self.ui.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.close_workspace()
        super().closeEvent(event)
