"""The secretariat's panels: per round, a candidate × evaluator grid with each panel's
leader marked; recorded conflicts greyed out, unselectable, their reason shown; panels
under the minimum or without a leader warned; each evaluator's load in candidates and
days; signed assignment packages exported for all or the chosen evaluators.

The grid is a model over `services.panels.PanelGrid` (40 × 35 cells in the demo, tens of
thousands in a province, never a widget each), read on a worker with its own
connection. An edit is one or two rows: it runs on the window's connection through
`services.panels`, which keeps the rules, and the grid changes by what it returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices, QFont, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMenu, QTableWidgetItem, QWidget

from qz_evaluator.domain.roster import Level, PanelRole
from qz_evaluator.services.session import Role, Session
from qz_evaluator.ui.errors import EXPECTED_ERRORS, message, report_error
from qz_evaluator.ui.generated.ui_sec_panels import Ui_SecPanels
from qz_evaluator.ui.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.panels import PanelChange, PanelGrid

PACKAGES_DIR_KEY = "secretariat/packages_dir"
DAYS_DELAY_MS = 400  # the days are saved once the spin box rests
CELL_WIDTH = 44
ROLE_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's PanelRole value (None: not on it)
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 2  # the recorded conflict's reason, if any
WARNING_ROLE = Qt.ItemDataRole.UserRole + 3  # on the row header: the panel needs attention

LEADER_MARK, MEMBER_MARK = "★", "●"
_LEADER = QColor("#b03a2e")
_MEMBER = QColor("#1f4e79")
_CONFLICT = QBrush(QColor("#9e9e9e"), Qt.BrushStyle.BDiagPattern)
_WARNED_ROW = QBrush(QColor("#fdf0d5"))
_WARNING_TEXT = QColor("#b3261e")
_GOOD_TEXT = QColor("#1b7a3a")


def days_text(days: float) -> str:
    """Days as people write them: 6, 0.5, 1.25."""
    return f"{days:g}"


def level_short(level: Level) -> str:
    return (
        QCoreApplication.translate("SecPanels", "Prov.")
        if level is Level.PROVINCIAL
        else QCoreApplication.translate("SecPanels", "Mun.")
    )


def _last_dir() -> str:
    value = QSettings().value(PACKAGES_DIR_KEY, "")
    if isinstance(value, str) and value:
        return value
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class PanelGridModel(QAbstractTableModel):
    """Rows: the round's candidates; columns: the roster's evaluators; a cell: the
    evaluator's role on the candidate's panel."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: PanelGrid | None = None

    def set_grid(self, grid: PanelGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def apply(self, change: PanelChange) -> None:
        """Show an edit: its row's cells and header (size, leader) and the columns' loads."""
        grid = self.grid
        if grid is None or not change:
            return
        grid.apply(change)
        row = self.row_of(change.credit_code)
        if row is None:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def row_of(self, credit_code: str) -> int | None:
        if self.grid is None:
            return None
        for row, candidate in enumerate(self.grid.candidates):
            if candidate.credit_code == credit_code:
                return row
        return None

    def column_of(self, evaluator_code: str) -> int | None:
        if self.grid is None:
            return None
        for column, evaluator in enumerate(self.grid.evaluators):
            if evaluator.code == evaluator_code:
                return column
        return None

    def role_at(self, index: QModelIndex | QPersistentModelIndex) -> PanelRole | None:
        keys = self.keys(index)
        return self.grid.roles.get(keys) if self.grid is not None and keys else None

    def keys(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str] | None:
        """(credit code, evaluator code) of a cell."""
        grid = self.grid
        if grid is None or not index.isValid():
            return None
        return (
            grid.candidates[index.row()].credit_code,
            grid.evaluators[index.column()].code,
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.candidates)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.evaluators)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        keys = self.keys(index)
        if keys is None or self.grid is None:
            return Qt.ItemFlag.NoItemFlags
        if keys in self.grid.conflicts:
            # Reachable (its reason shows when the cursor is on it), never selected.
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        grid, keys = self.grid, self.keys(index)
        if grid is None or keys is None:
            return None
        panel_role = grid.roles.get(keys)
        if role == Qt.ItemDataRole.DisplayRole:
            if panel_role is PanelRole.LEADER:
                return LEADER_MARK
            return MEMBER_MARK if panel_role is PanelRole.MEMBER else None
        if role == ROLE_ROLE:
            return panel_role.value if panel_role is not None else None
        if role == CONFLICT_ROLE:
            return grid.conflicts.get(keys)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_text(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and panel_role is not None:
            return QBrush(_LEADER if panel_role is PanelRole.LEADER else _MEMBER)
        if role == Qt.ItemDataRole.BackgroundRole:
            if keys in grid.conflicts:
                return _CONFLICT
            credit_code = keys[0]
            if grid.undersized(credit_code) or grid.leaderless(credit_code):
                return _WARNED_ROW
        if role == Qt.ItemDataRole.FontRole and panel_role is PanelRole.LEADER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell_text(index)
        return None

    def cell_text(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """The cell in words: who, and what they are on this panel (or why not)."""
        grid, keys = self.grid, self.keys(index)
        if grid is None or keys is None:
            return ""
        candidate = grid.candidates[index.row()]
        evaluator = grid.evaluators[index.column()]
        who = f"{evaluator.code} {evaluator.name} · {candidate.name}"
        reason = grid.conflicts.get(keys)
        if reason is not None:
            return QCoreApplication.translate(
                "SecPanels", "{who}: conflict of interest ({reason}); cannot be on this panel"
            ).format(who=who, reason=reason)
        panel_role = grid.roles.get(keys)
        if panel_role is PanelRole.LEADER:
            text = QCoreApplication.translate("SecPanels", "{who}: panel leader").format(who=who)
        elif panel_role is PanelRole.MEMBER:
            text = QCoreApplication.translate("SecPanels", "{who}: panel member").format(who=who)
        else:
            text = QCoreApplication.translate("SecPanels", "{who}: not on the panel").format(
                who=who
            )
        if keys in grid.accepted:
            text += QCoreApplication.translate("SecPanels", "; signed scorecard accepted")
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        grid = self.grid
        if grid is None:
            return None
        if orientation is Qt.Orientation.Horizontal:
            if not 0 <= section < len(grid.evaluators):
                return None
            evaluator = grid.evaluators[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{evaluator.code}\n{level_short(evaluator.level)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                load = grid.load(evaluator.code)
                return QCoreApplication.translate(
                    "SecPanels",
                    "{code} {name}, {organisation}: {candidates} candidates, {days} days",
                ).format(
                    code=evaluator.code,
                    name=evaluator.name,
                    organisation=evaluator.organisation,
                    candidates=load.candidates,
                    days=days_text(load.days),
                )
            return None
        if not 0 <= section < len(grid.candidates):
            return None
        candidate = grid.candidates[section]
        code = candidate.credit_code
        warned = grid.undersized(code) or grid.leaderless(code)
        if role == Qt.ItemDataRole.DisplayRole:
            size = grid.size(code)
            shown = f"{candidate.name}  {size}" if size else candidate.name
            return f"⚠ {shown}" if warned else shown
        if role == WARNING_ROLE:
            return warned
        if role == Qt.ItemDataRole.ForegroundRole and warned:
            return QBrush(_WARNING_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.panel_text(section)
        return None

    def panel_text(self, row: int) -> str:
        """A candidate's panel in words: its size against the minimum, its leader."""
        grid = self.grid
        if grid is None:
            return ""
        candidate = grid.candidates[row]
        code = candidate.credit_code
        lines = [f"{candidate.name} {code}"]
        size = grid.size(code)
        if size == 0:
            lines.append(QCoreApplication.translate("SecPanels", "No panel in this round"))
            return "\n".join(lines)
        lines.append(
            QCoreApplication.translate("SecPanels", "{size} evaluators (minimum {minimum})").format(
                size=size, minimum=grid.minimum
            )
        )
        if grid.undersized(code):
            lines.append(
                QCoreApplication.translate("SecPanels", "Below the minimum: add evaluators")
            )
        if grid.leaderless(code):
            lines.append(
                QCoreApplication.translate("SecPanels", "No leader: make one member the leader")
            )
        return "\n".join(lines)


class SecPanelsView(QWidget):
    """评审组 (panels): a round's panels, their warnings, loads and packages."""

    changed = Signal()  # after this view wrote to the workspace
    loaded = Signal()  # the grid shows what the workspace holds (tests, window)
    exported = Signal(object)  # the list of package paths written

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecPanels()
        self.ui.setupUi(self)
        self.session: Session | None = None
        self.model = PanelGridModel(self)
        self.last_export: Path | None = None  # the folder of the last export
        self.export_task: Task[list[Path]] | None = None
        self._generation = 0  # of the newest read; older answers are dropped
        self._window_round: str | None = None  # the window's round, once it chooses
        ui = self.ui
        table = ui.grid_table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(CELL_WIDTH)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionsClickable(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setCornerButtonEnabled(False)
        table.installEventFilter(self)
        table.activated.connect(lambda index: self.toggle(index.row(), index.column()))
        table.entered.connect(self._show_cell)
        table.selectionModel().currentChanged.connect(
            lambda current, _old: self._show_cell(current)
        )
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._cell_menu)
        load = ui.load_table.horizontalHeader()
        load.setStretchLastSection(False)  # the names stretch; the figures stay in view
        for column in (1, 2, 3):
            load.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        load.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.splitter.setStretchFactor(0, 4)
        ui.splitter.setStretchFactor(1, 1)
        ui.round_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self._days_timer = QTimer(self)
        self._days_timer.setSingleShot(True)
        self._days_timer.setInterval(DAYS_DELAY_MS)
        self._days_timer.timeout.connect(self._save_days)
        ui.days_spin.valueChanged.connect(lambda _value: self._days_timer.start())
        ui.toggle_button.clicked.connect(self.toggle_current)
        ui.leader_button.clicked.connect(self.make_current_leader)
        self.export_menu = QMenu(self)
        self.export_all_action = QAction(self)
        self.export_selected_action = QAction(self)
        self.export_menu.addAction(self.export_all_action)
        self.export_menu.addAction(self.export_selected_action)
        self.export_all_action.triggered.connect(lambda: self.choose_export(selected=False))
        self.export_selected_action.triggered.connect(lambda: self.choose_export(selected=True))
        ui.export_button.setMenu(self.export_menu)
        ui.open_folder_button.clicked.connect(self.open_folder)
        self._retranslate_actions()
        self._show_state()

    def title(self) -> str:
        return QCoreApplication.translate("SecPanels", "Panels")

    # ----- the session, the round and reading -------------------------------------------

    def set_session(self, session: Session | None) -> None:
        if session is not self.session:
            self.last_export = None
        self.session = session
        self._fill_rounds()
        if not self._usable():
            self._generation += 1
            self.model.set_grid(None)
            self._after_read()
            return
        self.reload()

    def _usable(self) -> bool:
        return self.session is not None and self.session.role is Role.SECRETARIAT

    def _fill_rounds(self) -> None:
        from qz_evaluator.services.panels import default_panel_round

        combo = self.ui.round_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if self._usable():
            assert self.session is not None
            workspace = self.session.workspace
            for round_ in workspace.rounds():
                combo.addItem(round_.name, round_.code)
            wanted = self._window_round or current
            index = combo.findData(wanted) if wanted else -1
            if index < 0:
                chosen = default_panel_round(workspace)
                index = combo.findData(chosen.code) if chosen else -1
            combo.setCurrentIndex(max(0, index) if combo.count() else -1)
        combo.blockSignals(False)

    def set_round(self, round_code: str | None) -> None:
        """Follow the window's round: its chooser replaces this view's own."""
        self.ui.round_label.hide()
        self.ui.round_combo.hide()
        self._window_round = round_code
        if round_code is not None and round_code != self.round_code():
            self.select_round(round_code)

    def round_code(self) -> str | None:
        value = self.ui.round_combo.currentData()
        return value if isinstance(value, str) else None

    def select_round(self, round_code: str) -> bool:
        index = self.ui.round_combo.findData(round_code)
        if index < 0:
            return False
        self.ui.round_combo.setCurrentIndex(index)  # reads the round's grid
        return True

    def reload(self) -> None:
        """Read the round's grid again on a worker; shown when the answer comes."""
        session, round_code = self.session, self.round_code()
        self._days_timer.stop()
        self._generation += 1
        if session is None or not self._usable() or round_code is None:
            self.model.set_grid(None)
            self._after_read()
            return
        generation, path = self._generation, session.path

        def read(progress: Progress) -> PanelGrid:
            from qz_evaluator.services.panels import panel_grid
            from qz_evaluator.services.session import open_workspace

            with open_workspace(path) as workspace:
                return panel_grid(workspace, round_code)

        def show(grid: PanelGrid) -> None:
            if generation != self._generation or self.session is not session:
                return  # another round or workspace has been asked for since
            self.model.set_grid(grid)
            self._after_read()
            self.loaded.emit()

        self.runner.run(
            read,
            on_success=show,
            parent=self,
            error_title=QCoreApplication.translate("SecPanels", "Cannot read the panels"),
        )

    def _after_read(self) -> None:
        grid = self.model.grid
        spin = self.ui.days_spin
        spin.blockSignals(True)
        spin.setValue(grid.days_per_candidate if grid is not None else 1.0)
        spin.blockSignals(False)
        self._fill_loads()
        self._show_warnings()
        self._show_state()
        self.ui.status_label.setText(
            QCoreApplication.translate(
                "SecPanels",
                "Space or double-click puts the evaluator on the candidate's panel or takes"
                " them off; L makes them the leader (★). Hatched cells are recorded conflicts.",
            )
            if grid is not None and grid.candidates
            else ""
        )
        self.ui.status_label.setStyleSheet("")

    def _show_state(self) -> None:
        ui, usable = self.ui, self._usable()
        has_grid = self.model.grid is not None
        ui.round_combo.setEnabled(usable)
        ui.days_spin.setEnabled(has_grid)
        ui.toggle_button.setEnabled(has_grid)
        ui.leader_button.setEnabled(has_grid)
        ui.export_button.setEnabled(has_grid and self.export_task is None)
        ui.open_folder_button.setEnabled(self.last_export is not None)
        self.export_selected_action.setEnabled(bool(self.selected_evaluators()))

    # ----- warnings and loads -------------------------------------------------------------

    def _show_warnings(self) -> None:
        label, grid = self.ui.warning_label, self.model.grid
        if grid is None:
            label.setText("")
            return
        panels = sum(1 for c in grid.candidates if grid.size(c.credit_code))
        small = len(grid.undersized_panels())
        leaderless = len(grid.leaderless_panels())
        parts = []
        if small:
            parts.append(
                QCoreApplication.translate(
                    "SecPanels", "{count} panels below the minimum of {minimum}"
                ).format(count=small, minimum=grid.minimum)
            )
        if leaderless:
            parts.append(
                QCoreApplication.translate("SecPanels", "{count} panels without a leader").format(
                    count=leaderless
                )
            )
        if parts:
            label.setText("⚠ " + " · ".join(parts))
            colour = _WARNING_TEXT
        elif panels:
            label.setText(
                QCoreApplication.translate(
                    "SecPanels",
                    "{count} panels, each with at least {minimum} evaluators and a leader",
                ).format(count=panels, minimum=grid.minimum)
            )
            colour = _GOOD_TEXT
        else:
            label.setText(QCoreApplication.translate("SecPanels", "No panels in this round yet"))
            colour = QColor()
        label.setStyleSheet(f"color: {colour.name()};" if colour.isValid() else "")

    def _fill_loads(self) -> None:
        table, grid = self.ui.load_table, self.model.grid
        evaluators = grid.evaluators if grid is not None else []
        table.setRowCount(len(evaluators))
        for row, evaluator in enumerate(evaluators):
            assert grid is not None
            load = grid.load(evaluator.code)
            cells = (
                f"{evaluator.code} {evaluator.name}",
                level_short(evaluator.level),
                str(load.candidates),
                days_text(load.days),
            )
            for column, text in enumerate(cells):
                item = table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(row, column, item)
                item.setText(text)
                if column == 0:
                    item.setToolTip(evaluator.organisation)
                elif column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )

    def load_of(self, evaluator_code: str) -> tuple[str, str]:
        """(candidates, days) as the load list shows them for the evaluator."""
        column = self.model.column_of(evaluator_code)
        if column is None:
            return ("", "")
        table = self.ui.load_table
        cells = (table.item(column, 2), table.item(column, 3))
        return (cells[0].text() if cells[0] else "", cells[1].text() if cells[1] else "")

    # ----- the cell under the cursor --------------------------------------------------------

    def _show_cell(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        text = self.model.cell_text(index)
        grid = self.model.grid
        keys = self.model.keys(index)
        if grid is not None and keys is not None:
            load = grid.load(keys[1])
            text += QCoreApplication.translate(
                "SecPanels", " · load {candidates} candidates, {days} days"
            ).format(candidates=load.candidates, days=days_text(load.days))
        conflicted = index.data(CONFLICT_ROLE) is not None
        self._say(text, warning=conflicted)

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.ui.status_label.setText(text)
        self.ui.status_label.setStyleSheet(f"color: {_WARNING_TEXT.name()};" if warning else "")

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_state()

    def selected_evaluators(self) -> list[str]:
        """Codes of the evaluators whose columns have a selected cell, in column order."""
        grid = self.model.grid
        model = self.ui.grid_table.selectionModel()
        if grid is None or model is None:
            return []
        columns = sorted({index.column() for index in model.selectedIndexes()})
        return [grid.evaluators[column].code for column in columns]

    def cell(self, credit_code: str, evaluator_code: str) -> QModelIndex:
        row = self.model.row_of(credit_code)
        column = self.model.column_of(evaluator_code)
        if row is None or column is None:
            return QModelIndex()
        return self.model.index(row, column)

    # ----- editing --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.grid_table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            index = self.ui.grid_table.currentIndex()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if index.isValid() and modifiers == Qt.KeyboardModifier.NoModifier:
                if event.key() == Qt.Key.Key_Space:
                    self.toggle(index.row(), index.column())
                    return True
                if event.key() == Qt.Key.Key_L:
                    self.make_leader(index.row(), index.column())
                    return True
                if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.edit(index.row(), index.column(), "remove")
                    return True
        return super().eventFilter(watched, event)

    @Slot()
    def toggle_current(self) -> None:
        index = self.ui.grid_table.currentIndex()
        if index.isValid():
            self.toggle(index.row(), index.column())

    @Slot()
    def make_current_leader(self) -> None:
        index = self.ui.grid_table.currentIndex()
        if index.isValid():
            self.make_leader(index.row(), index.column())

    def toggle(self, row: int, column: int) -> PanelChange | None:
        """Put the evaluator on the candidate's panel, or take them off it."""
        action = "add" if self.model.role_at(self.model.index(row, column)) is None else "remove"
        return self.edit(row, column, action)

    def make_leader(self, row: int, column: int) -> PanelChange | None:
        return self.edit(row, column, "leader")

    def edit(self, row: int, column: int, action: str) -> PanelChange | None:
        """Apply one edit through the service; a refusal is said in the status line (and
        the grid stays as it is). What changed, or None if refused."""
        from qz_evaluator.services import panels

        session, round_code = self.session, self.round_code()
        keys = self.model.keys(self.model.index(row, column))
        if session is None or round_code is None or keys is None or self.runner.waiting:
            return None
        edits = {
            "add": panels.add_member,
            "remove": panels.remove_member,
            "leader": panels.set_leader,
        }
        try:
            # One or two rows and their audit: quick, on the window's own connection.
            change = edits[action](session.workspace, round_code, *keys)
        except EXPECTED_ERRORS as error:
            self._say(message(error), warning=True)
            return None
        self.model.apply(change)
        self._fill_loads()
        self._show_warnings()
        self._show_cell(self.model.index(row, column))
        if change:
            self.changed.emit()
        return change

    def _cell_menu(self, position: Any) -> None:
        index = self.ui.grid_table.indexAt(position)
        if not index.isValid() or index.data(CONFLICT_ROLE) is not None:
            return
        menu = QMenu(self)
        on_panel = self.model.role_at(index) is not None
        toggle = menu.addAction(
            QCoreApplication.translate("SecPanels", "Take Off the Panel")
            if on_panel
            else QCoreApplication.translate("SecPanels", "Put on the Panel")
        )
        leader = menu.addAction(QCoreApplication.translate("SecPanels", "Make Leader"))
        leader.setEnabled(self.model.role_at(index) is not PanelRole.LEADER)
        chosen = menu.exec(self.ui.grid_table.viewport().mapToGlobal(position))
        if chosen is toggle:
            self.toggle(index.row(), index.column())
        elif chosen is leader:
            self.make_leader(index.row(), index.column())

    # ----- days per candidate ---------------------------------------------------------------

    @Slot()
    def _save_days(self) -> None:
        self.set_visit_days(self.ui.days_spin.value())

    def set_visit_days(self, days: float | None) -> bool:
        """Save the round's days per candidate (None: its kind's default); the loads follow."""
        from qz_evaluator.services.panels import set_visit_days

        session, round_code, grid = self.session, self.round_code(), self.model.grid
        if session is None or round_code is None or grid is None:
            return False
        if days == grid.settings.visit_days:
            return True
        try:
            grid.settings = set_visit_days(session.workspace, round_code, days)
        except EXPECTED_ERRORS as error:
            self._say(message(error), warning=True)
            return False
        spin = self.ui.days_spin
        spin.blockSignals(True)
        spin.setValue(grid.days_per_candidate)
        spin.blockSignals(False)
        self._fill_loads()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1)
        )
        self.changed.emit()
        return True

    # ----- packages ---------------------------------------------------------------------------

    def choose_export(self, *, selected: bool) -> None:
        if self.model.grid is None or self.runner.waiting or self.export_task is not None:
            return
        codes = self.selected_evaluators() if selected else None
        if selected and not codes:
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            QCoreApplication.translate("SecPanels", "Choose a folder for the assignment packages"),
            _last_dir(),
        )
        if folder:
            self.export_packages(Path(folder), codes)

    def export_packages(
        self, folder: Path, codes: list[str] | None = None
    ) -> Task[list[Path]] | None:
        """Write the signed packages of these evaluators (None: everyone on the round's
        panels) into `folder` on a worker, with progress and Cancel."""
        session, round_code, grid = self.session, self.round_code(), self.model.grid
        if session is None or round_code is None or grid is None or self.export_task is not None:
            return None
        wanted = codes if codes else grid.panel_evaluators()
        if not wanted:
            self._say(
                QCoreApplication.translate(
                    "SecPanels", "No evaluator is on a panel in this round yet."
                ),
                warning=True,
            )
            return None
        path = session.path

        def work(progress: Progress) -> list[Path]:
            from qz_evaluator.services.packages import export_packages
            from qz_evaluator.services.session import open_workspace

            with open_workspace(path) as workspace:
                return export_packages(
                    workspace,
                    round_code,
                    folder,
                    list(wanted),
                    progress=progress.report,
                    cancelled=progress.cancelled,
                )

        def done(written: list[Path]) -> None:
            self.export_task = None
            QSettings().setValue(PACKAGES_DIR_KEY, str(folder))
            self.last_export = folder
            if len(written) < len(wanted):
                text = QCoreApplication.translate(
                    "SecPanels",
                    "Stopped: {count} of {total} signed packages were written to {folder}.",
                ).format(count=len(written), total=len(wanted), folder=folder)
            else:
                text = QCoreApplication.translate(
                    "SecPanels", "{count} signed packages written to {folder}."
                ).format(count=len(written), folder=folder)
            self._say(text)
            self._show_state()
            self.exported.emit(written)

        def failed(error: BaseException) -> None:
            self.export_task = None
            self._show_state()
            report_error(
                self, error, QCoreApplication.translate("SecPanels", "Packages not exported")
            )

        task = self.runner.run(
            work,
            on_success=done,
            on_error=failed,
            parent=self,
            label=QCoreApplication.translate("SecPanels", "Signing assignment packages…"),
            progress_text=lambda count, total: QCoreApplication.translate(
                "SecPanels", "Signed {count} of {total} packages…"
            ).format(count=count, total=total),
        )
        self.export_task = task
        self._show_state()
        return task

    @Slot()
    def open_folder(self) -> bool:
        if self.last_export is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))

    # ----- language -----------------------------------------------------------------------------

    def _retranslate_actions(self) -> None:
        self.export_all_action.setText(
            QCoreApplication.translate("SecPanels", "&All Evaluators on the Round's Panels…")
        )
        self.export_selected_action.setText(
            QCoreApplication.translate("SecPanels", "&Selected Evaluators (Columns)…")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate_actions()
            count = self.model.columnCount()
            if count:
                self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, count - 1)
            self._fill_loads()
            self._show_warnings()
        super().changeEvent(event)
