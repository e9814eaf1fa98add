"""The main window: the evaluator's candidates on the left, the selected candidate's
scorecard (and details) in the centre, the running summary always in view.

The layout comes from forms/main_window.ui (held by composition in `self.ui`); this
class wires it to the open `Session` (services.session) it gets from the opener the
composition root (`ui.app`) hands in, and runs slow work through its `TaskRunner`.
Scorecard use cases that need dialogs (finalise, conflict, export, identity, packages)
live in `ui.workflows`, which sees the window only through a `WorkflowContext` and
answers through signals. Views update from the `ScorecardChange` each write returns.

The window is built in two steps so that it is on screen as fast as a bare one: the
frame (the form, menus, status bar, saved geometry, language) at once, and the
workspace side (candidate list, scoring panel, workflows, and the services and store
under them) in `complete()` — at once too, unless the window is made `deferred`, as
`ui.app.start()` does to complete it right after its first paint. A deferred window
builds its scoring panel after the candidate list has been painted (`panel` builds
it at once if something needs it sooner), and only then asks the style (the legend
under the list, the progress column's fit for the rows out of view). So that importing
this module stays cheap, those parts are imported where they are used; everything that
uses them runs once the window is complete.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QCryptographicHash,
    QEvent,
    QItemSelection,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QTableWidgetItem,
    QWidget,
)

from qz_evaluator import __version__
from qz_evaluator.assets import get_asset
from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import EXPECTED_ERRORS, message, show_error
from qz_evaluator.ui.generated.ui_main_window import Ui_MainWindow
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.locations import ensure_demo_workspace
from qz_evaluator.ui.tasks import TaskRunner
from qz_evaluator.ui.zoom import Zoom

# exchange.receipt.SUFFIX, written out: the window does not load the exchange layer (and
# may not import it); tests/ui/test_receipts.py checks that the two agree.
RECEIPT_SUFFIX = ".qzreceipt"

if TYPE_CHECKING:  # the workspace side: imported by complete(), after the first paint
    from qz_evaluator.domain.candidates import Candidate, TierChange
    from qz_evaluator.domain.scorecard import Scorecard
    from qz_evaluator.services.scoring import ScorecardChange, ScoringService
    from qz_evaluator.services.session import Session, Workspace
    from qz_evaluator.services.workspace_backup import WorkspaceBackup
    from qz_evaluator.ui.candidate_model import CandidateTreeModel, Filters
    from qz_evaluator.ui.scoring_panel import ScoringPanel
    from qz_evaluator.ui.workflows import WorkflowContext, Workflows

# Opens the session of a workspace file (`ui.app.SessionOpener`); raises a UserError.
OpenSession = Callable[[Path], "Session"]

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
# How often the window asks SQLite whether another program (a second window) wrote to
# the workspace: one PRAGMA, microseconds; also asked whenever the window is activated.
STORE_POLL_MS = 2000
PREPARE_WRITES_DELAY_MS = 250

# QSettings keys
LAST_WORKSPACE_KEY = "workspace/last_path"
RECENT_KEY = "workspace/recent"  # JSON list of paths, most recent first
RECENT_MAX = 8
LIST_STATE_KEY = "list_state/{key}"  # per workspace: selection, item, search, filters
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
PANEL_SPLITTER_KEY = "scoring/{name}_splitter"

# Problems a person can act on; anything else is a bug for the crash handler.
OPEN_ERRORS = EXPECTED_ERRORS


@cache  # once per process
def _prepare_writes_in_background() -> None:
    """Opening and reading a workspace leave out what the first write needs (see
    `services.session.prepare_writes`); load it on a thread so autosave does not wait."""
    from qz_evaluator.services.session import prepare_writes

    threading.Thread(target=prepare_writes, name="qz-prepare-writes").start()


class _AfterPaint(QObject):
    """Calls back once, right after the watched widget's next paint."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    @Slot()
    def _call(self) -> None:
        self.callback()
        self.deleteLater()


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run `callback` once `widget` has next been painted (start-up work that can wait)."""
    _AfterPaint(widget, callback)


def recent_workspaces() -> list[Path]:
    """The workspaces opened last, most recent first (the welcome page lists them)."""
    raw = QSettings().value(RECENT_KEY, "[]")
    try:
        paths = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        return []
    return [Path(p) for p in paths if isinstance(p, str) and p][:RECENT_MAX]


def remember_workspace(path: Path) -> None:
    """`path` was opened: it becomes the last workspace and heads the recent ones."""
    resolved = Path(path).resolve()
    others = [p for p in recent_workspaces() if p != resolved]
    settings = QSettings()
    settings.setValue(LAST_WORKSPACE_KEY, str(resolved))
    recent = [str(p) for p in [resolved, *others][:RECENT_MAX]]
    settings.setValue(RECENT_KEY, json.dumps(recent, ensure_ascii=False))


def ask_workspace_file(parent: QWidget) -> Path | None:
    """File ▸ Open Workspace… of either window: the file chosen, starting beside the last."""
    last = QSettings().value(LAST_WORKSPACE_KEY, "")
    start = str(Path(last).parent) if isinstance(last, str) and last else ""
    from PySide6.QtWidgets import QFileDialog  # its type is built when first asked for

    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MainWindow", "Open Workspace"),
        start,
        QCoreApplication.translate("MainWindow", "qz-evaluator workspaces (*.qzw);;All files (*)"),
    )
    return Path(chosen) if chosen else None


def forget_workspace(path: Path) -> None:
    kept = [str(p) for p in recent_workspaces() if p != Path(path)]
    QSettings().setValue(RECENT_KEY, json.dumps(kept, ensure_ascii=False))


class MainWindow(QMainWindow):
    # The workspace side, built by complete().
    model: CandidateTreeModel

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
        deferred: bool = False,
        runner: TaskRunner | None = None,
        open_session: OpenSession | None = None,
    ) -> None:
        """The window in `language` (None: the one chosen last time).

        `deferred` builds only the frame; the caller completes the window later.
        `runner` runs its work off the UI thread and `open_session` opens workspaces
        (the composition root, `ui.app`, hands both in; by default the window makes
        its own runner and opens workspaces the way `ui.app` does).
        """
        if language is None:
            saved = QSettings().value(i18n.LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)
            language = saved if isinstance(saved, str) else i18n.DEFAULT_LANGUAGE
        # Before the window exists: installing translators posts LanguageChange to every
        # window, and this one would retranslate a form that setupUi() translates anyway.
        language = i18n.apply_language(language)
        super().__init__(parent)
        self.language = language
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("app"))
        self.runner = runner if runner is not None else TaskRunner(self)
        self._open_session = open_session
        self._session: Session | None = None
        self._placeholder = "no-workspace"
        self._complete = False
        self._deferred = deferred
        # A deferred window's first list is painted before the work that only adjusts
        # it: the legend under it and the progress column's width for the rows out of
        # view (both ask the style, whose Python type takes ~12 ms to build).
        self._list_painted = not deferred
        self._panel: ScoringPanel | None = None
        self._workflows: Workflows | None = None
        self.last_saved: datetime | None = None
        self._data_version: int | None = None  # the store's, as last shown (see check_store)
        self._shown: Candidate | None = None  # whose details and card are shown
        self._setup_details()
        self._setup_status_bar()
        self.zoom = Zoom(self)  # View ▸ Zoom (Ctrl+= / Ctrl+- / Ctrl+0), remembered
        self.ui.menu_bar.insertMenu(self.ui.menu_help.menuAction(), self.zoom.menu)
        self._restore_layout()
        self._show_frame()
        if not deferred:
            self.complete()

    @property
    def is_complete(self) -> bool:
        return self._complete

    def complete(self) -> None:
        """Build the workspace side of the window (once; later calls do nothing)."""
        if self._complete:
            return
        from qz_evaluator.ui.candidate_model import CandidateTreeModel

        self.model = CandidateTreeModel(self, language=self.language)
        self._setup_tree()
        self._setup_filters()
        self._setup_actions()
        self.setAcceptDrops(True)  # a receipt dropped on the window is imported

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.ui.search_edit.textChanged.connect(self._schedule_search)

        self._store_timer = QTimer(self)
        self._store_timer.setInterval(STORE_POLL_MS)
        self._store_timer.timeout.connect(self.check_store)
        self._store_timer.start()

        self._complete = True
        self._show_workspace_state()
        # The scoring panel is not needed to show the candidate list: on start-up it is
        # built once the opened workspace's list has been painted (open_workspace), or
        # when first used; built sooner, it would delay the list by ~12 ms.
        if not self._deferred:
            self._build_panel()

    @property
    def workflows(self) -> Workflows:
        """The use cases (built on first use: nothing on the way to the first list needs
        them, and their module and dialogs take ~5 ms to load; benchmarks/bench_ui.py)."""
        if self._workflows is None:
            from qz_evaluator.ui.workflows import Workflows

            workflows = Workflows(self._workflow_context())
            workflows.scorecard_changed.connect(self._on_status_changed)
            workflows.scorecard_stale.connect(self.card_status_changed)
            workflows.candidates_changed.connect(self.reload_candidates)
            # The panel is built after the first paint: reach it only when the signal comes.
            workflows.history_stale.connect(lambda ids: self.panel.forget_history(ids))
            workflows.open_requested.connect(self.open_workspace)
            self._workflows = workflows
        return self._workflows

    @property
    def panel(self) -> ScoringPanel:
        """The selected candidate's scorecard (built on first use, see complete())."""
        if self._panel is None:
            self._build_panel()
        assert self._panel is not None
        return self._panel

    def _build_panel(self) -> None:
        if self._panel is not None or not self._complete:
            return
        from qz_evaluator.ui.scoring_panel import ScoringPanel

        panel = ScoringPanel(self.ui.scoring_tab, language=self.language)
        self._panel = panel
        self.ui.scoring_tab_layout.addWidget(panel, 1)
        panel.saved.connect(self._on_saved)
        panel.card_changed.connect(self._on_card_changed)
        panel.problem.connect(lambda error: show_error(self, error))
        panel.finalise_requested.connect(self.ui.action_finalise.trigger)
        panel.export_requested.connect(self.ui.action_export.trigger)
        self.zoom.apply()  # the panel's own title fonts follow the zoom too
        group = panel.undo_group
        group.canUndoChanged.connect(self.ui.action_undo.setEnabled)
        group.canRedoChanged.connect(self.ui.action_redo.setEnabled)
        self._restore_panel_layout()
        panel.clear()  # as the window leaves it when no scorecard is shown

    def _shown_card(self) -> Scorecard | None:
        """The panel's scorecard; None while the panel is not built yet."""
        return self._panel.card if self._panel is not None else None

    def _workflow_context(self) -> WorkflowContext:
        from qz_evaluator.ui.workflows import WorkflowContext

        def current_card() -> Scorecard | None:
            self.panel.finish_typing()
            return self.panel.card

        return WorkflowContext(
            parent=self,
            runner=self.runner,
            session=lambda: self._session,
            current_card=current_card,
            criteria=lambda: self.panel.criteria,
            candidate=self.current_candidate,
            round_code=lambda: self.model.round_code,
            language=lambda: self.language,
            show_item=lambda code: self.panel.select_item(code),
        )

    def _show_frame(self) -> None:
        """What the frame shows until complete(): no workspace, filters off."""
        ui = self.ui
        for widget in (ui.search_edit, *self._filter_combos()):
            widget.setEnabled(False)
        for combo, everything in zip(self._filter_combos(), self._filter_headings(), strict=True):
            combo.addItem(everything, "")
        ui.status_filter.hide()
        self._status_label.setText(self.tr("No workspace open"))
        ui.round_label.setText(self.tr("No workspace open"))
        ui.details_stack.setCurrentWidget(ui.welcome_page)

    def show_opening(self, path: Path) -> None:
        """Before complete(): say which workspace is about to open (not the welcome page)."""
        opening = f"{path.name} …"
        self._status_label.setText(opening)
        self._status_label.setToolTip(str(path))
        self.ui.round_label.setText(opening)
        self.ui.placeholder_label.clear()
        self.ui.details_stack.setCurrentWidget(self.ui.placeholder_page)

    # ----- setup ---------------------------------------------------------------------

    def _setup_tree(self) -> None:
        from qz_evaluator.ui.candidate_model import Column

        tree = self.ui.candidate_tree
        tree.setModel(self.model)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # Sized to their contents when the list is loaded (_after_reload), not on every
        # change of a row: with ResizeToContents each autosave would re-measure the list.
        for column in (Column.COUNTY, Column.STATUS, Column.PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # Measure the rows in view, not all 1,000 (nor 64: half the cost when the list
        # opens); the progress column is fitted to every row anyway (_fit_progress_column).
        header.setResizeContentsPrecision(0)
        # The industry is a filter, in each name's tooltip and in the details; its column
        # would squeeze the names, so it starts hidden.
        tree.setColumnHidden(Column.INDUSTRY, True)
        tree.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _setup_filters(self) -> None:
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self._apply_filters)
        self._fill_filters()

    def _filter_combos(self) -> list[QComboBox]:
        ui = self.ui
        return [ui.tier_filter, ui.status_filter, ui.county_filter, ui.industry_filter]

    def _setup_details(self) -> None:
        name_font = QFont(self.ui.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.ui.name_label.setFont(name_font)
        heading_font = QFont(self.ui.history_heading.font())
        heading_font.setBold(True)
        self.ui.history_heading.setFont(heading_font)
        title_font = QFont(self.ui.welcome_title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        self.ui.welcome_title.setFont(title_font)
        self.ui.placeholder_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ui.scoring_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ui.scoring_note.hide()
        table = self.ui.history_table
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _setup_status_bar(self) -> None:
        self._status_label = QLabel(self)
        self._status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The workspace's name and path give way on a narrow screen (1280×720), never
        # "Saved at …": that must stay readable (its tooltip has the whole path anyway).
        self._status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.ui.status_bar.addWidget(self._status_label, 1)
        self.saved_label = QLabel(self)
        self.saved_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.ui.status_bar.addPermanentWidget(self.saved_label)

    def _setup_actions(self) -> None:
        ui = self.ui
        # Each use case through `self.workflows` at the click, which builds them if needed.
        ui.action_open_workspace.triggered.connect(self.choose_workspace)
        ui.action_open_demo.triggered.connect(self.open_demo)
        ui.action_backup_workspace.triggered.connect(self.back_up_workspace)
        ui.action_new_workspace.triggered.connect(lambda: self.workflows.new_workspace())
        ui.action_import_package.triggered.connect(lambda: self.workflows.import_package())
        ui.action_import_receipt.triggered.connect(lambda: self.workflows.import_receipt())
        ui.action_import_score_sheet.triggered.connect(lambda: self.workflows.import_score_sheet())
        ui.action_export_all.triggered.connect(lambda: self.workflows.export_all())
        ui.action_quit.triggered.connect(self.close)
        ui.welcome_open_button.clicked.connect(self.choose_workspace)
        ui.welcome_demo_button.clicked.connect(self.open_demo)
        ui.welcome_new_button.clicked.connect(lambda: self.workflows.new_workspace())
        ui.welcome_import_button.clicked.connect(lambda: self.workflows.import_package())
        ui.welcome_identity_button.clicked.connect(lambda: self.workflows.create_identity())
        ui.recent_list.itemActivated.connect(self._open_recent)

        ui.action_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        ui.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        ui.action_undo.triggered.connect(lambda: self.panel.undo())
        ui.action_redo.triggered.connect(lambda: self.panel.redo())
        ui.action_undo.setEnabled(False)
        ui.action_redo.setEnabled(False)

        ui.action_find.triggered.connect(self._focus_search)
        ui.action_focus_candidates.triggered.connect(
            lambda: ui.candidate_tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        ui.action_focus_criteria.triggered.connect(self.focus_criteria)
        ui.action_next_item.triggered.connect(lambda: self.panel.move_item(1))
        ui.action_previous_item.triggered.connect(lambda: self.panel.move_item(-1))
        ui.action_next_unscored.triggered.connect(self._next_unscored)
        ui.action_next_candidate.triggered.connect(lambda: self.move_candidate(1))
        ui.action_previous_candidate.triggered.connect(lambda: self.move_candidate(-1))
        ui.action_preview.triggered.connect(lambda: self.workflows.preview())
        ui.action_finalise.triggered.connect(lambda: self.workflows.finalise())
        ui.action_export.triggered.connect(lambda: self.workflows.export_current())
        ui.action_reopen.triggered.connect(lambda: self.workflows.reopen())
        ui.action_declare_conflict.triggered.connect(lambda: self.workflows.declare_conflict())
        ui.action_export_conflict.triggered.connect(lambda: self.workflows.export_conflict())
        ui.action_withdraw_conflict.triggered.connect(lambda: self.workflows.withdraw_conflict())
        ui.action_create_identity.triggered.connect(lambda: self.workflows.create_identity())
        ui.action_install_certificate.triggered.connect(
            lambda: self.workflows.install_certificate()
        )
        from qz_evaluator.ui.identity_menu import IdentityActions

        self.identity_actions = IdentityActions(
            self,
            ui.menu_identity,
            lambda: self.workflows.backup_key(),
            lambda: self.workflows.restore_key(),
        )
        ui.action_keyboard_help.triggered.connect(self.show_keyboard_help)
        ui.action_about.triggered.connect(self.show_about)

        languages = QActionGroup(self)
        languages.setExclusive(True)
        for action, code in ((ui.action_language_zh, "zh"), (ui.action_language_en, "en")):
            languages.addAction(action)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))

        # Keyboard scoring from anywhere in the window (also while writing notes).
        def shortcut(keys: str, slot: object) -> QAction:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        self.scoring_shortcuts = [
            *(
                shortcut(f"Alt+{n}", lambda _c=False, i=n - 1: self.panel.choose_band(i))
                for n in range(1, 7)
            ),
            shortcut("Alt+Right", lambda: self.panel.step_value(1)),
            shortcut("Alt+Left", lambda: self.panel.step_value(-1)),
            shortcut("Alt+0", lambda: self.panel.clear_score()),
        ]

    # ----- the workspace -------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def workspace(self) -> Workspace | None:
        return self._session.workspace if self._session is not None else None

    @property
    def scoring(self) -> ScoringService | None:
        return self._session.scoring if self._session is not None else None

    def _opener(self) -> OpenSession:
        if self._open_session is None:
            from qz_evaluator.ui.app import SessionOpener

            self._open_session = SessionOpener(self.runner, self)
        return self._open_session

    def open_workspace(self, path: Path) -> bool:
        """Show the workspace at `path`; on failure say why and keep what was open.

        Opening (and migrating) runs off the UI thread, after the window is complete
        (its frame is painted meanwhile); this returns once it is done."""
        if self.runner.waiting:  # in the middle of another use case (see TaskRunner.call)
            return False
        # Complete the window first, not beside the worker: both are Python, and the
        # GIL would only take turns between them (measured: no faster, a little slower).
        self.complete()
        path = Path(path)
        try:
            session = self._opener()(path)
        except OPEN_ERRORS as error:
            show_error(self, error, self.tr("Cannot open the workspace"))
            return False
        if self._panel is not None:
            self._panel.clear()
        previous, self._session = self._session, session
        try:
            self._reset_search()
            self.model.set_workspace(session.workspace)
            self._fill_filters()
            self._after_reload()
        except OPEN_ERRORS as error:
            self._session = previous
            self.model.set_workspace(previous.workspace if previous is not None else None)
            session.close()
            show_error(self, error, self.tr("Cannot open the workspace"))
            return False
        if previous is not None:
            previous.close()
        self._data_version = self._read_data_version()
        remember_workspace(path)
        self._show_workspace_state()
        self._restore_list_state()
        if not self._list_painted:
            after_next_paint(self, self._after_first_list)
        elif self._panel is None:  # no card shown again: build it once the list is painted
            after_next_paint(self, self._build_panel)
        # After the list has been painted, not before: the import would hold the GIL.
        QTimer.singleShot(PREPARE_WRITES_DELAY_MS, self, _prepare_writes_in_background)
        return True

    def _after_first_list(self) -> None:
        """A deferred window's list has been painted: finish what waited for it."""
        self._list_painted = True
        self._fit_progress_column()
        self._show_list_state()
        self._build_panel()

    def close_workspace(self) -> None:
        if self._session is None:
            return
        self._save_list_state()
        if self._panel is not None:
            self._panel.clear()
        self.model.set_workspace(None)
        self._session.close()
        self._session = None
        self._show_workspace_state()

    def reload_candidates(self) -> None:
        """Read the list again (after a package import or a status change)."""
        selected = self.selected_candidate()
        self.model.refresh()
        self._fill_filters()
        self._after_reload(selected.credit_code if selected else None)
        self._show_workspace_state()

    def _read_data_version(self) -> int | None:
        if self._session is None:
            return None
        try:
            return self._session.workspace.data_version()
        except EXPECTED_ERRORS:
            return None

    @Slot()
    def check_store(self) -> bool:
        """If another window or program wrote to the workspace since we last looked, show
        the store's values again (list and card); True if it did. Never shows a value the
        store does not hold: a stale card would also be refused on write (the service's
        ChangedElsewhere)."""
        if self._session is None or self.runner.waiting or QApplication.activeModalWidget():
            return False  # not under a dialog that is using the card: once it has closed
        version = self._read_data_version()
        if version is None or version == self._data_version:
            return False
        self._data_version = version
        log.info("the workspace changed outside this window: reading it again")
        self.reload_candidates()
        if self._panel is not None and self._panel.card is not None:
            change = self._panel.reload()
            if change is not None:
                self._on_card_changed(change)
                self._show_selected_details()
        return True

    @Slot()
    def back_up_workspace(self) -> WorkspaceBackup | None:
        """File ▸ Back Up Workspace…: a consistent single-file copy (the safe way to copy a
        workspace; a copy of the file itself can miss its last writes)."""
        if self._session is None:
            return None
        from qz_evaluator.ui.workspace_backup import back_up_workspace

        return back_up_workspace(self, self.runner, self._session.path)

    @Slot()
    def open_demo(self) -> bool:
        """Open the demo workspace, building it on first use."""
        if self.runner.waiting:
            return False
        try:
            # Built on first use (a second or so): off the UI thread.
            path = self.runner.call(lambda progress: ensure_demo_workspace(), parent=self)
        except OPEN_ERRORS as error:
            show_error(self, error, self.tr("Cannot create the demo workspace"))
            return False
        return self.open_workspace(path)

    @Slot()
    def choose_workspace(self) -> None:
        chosen = ask_workspace_file(self)
        if chosen is not None:
            self.open_workspace(chosen)

    def _show_workspace_state(self) -> None:
        from qz_evaluator.ui.candidate_model import Column

        workspace, ui = self.workspace, self.ui
        has_workspace = workspace is not None
        for widget in (ui.search_edit, *self._filter_combos()):
            widget.setEnabled(has_workspace)
        scoring = self.model.scoring
        ui.status_filter.setVisible(scoring)
        # The status shows as the progress cell's icon (and its tooltip): the names need
        # the room more than a column of status words.
        ui.candidate_tree.setColumnHidden(Column.STATUS, True)
        ui.candidate_tree.setColumnHidden(Column.PROGRESS, not scoring)
        self._update_actions()
        if workspace is None:
            self.setWindowTitle("qz-evaluator")
            self._status_label.setText(self.tr("No workspace open"))
            ui.round_label.setText(self.tr("No workspace open"))
            ui.details_stack.setCurrentWidget(ui.welcome_page)
            self._fill_recent()
            self._show_list_state()
            return
        name = workspace.meta("name") or workspace.path.stem
        self.setWindowTitle(f"{name} — qz-evaluator")
        self._status_label.setText(
            self.tr("{name}  ·  {role}  ·  {path}").format(
                name=name, role=self._role_text(workspace), path=workspace.path.name
            )
        )
        self._status_label.setToolTip(str(workspace.path))
        ui.round_label.setText(self._round_text(workspace))
        if self.selected_candidate() is None:
            self._show_placeholder("select")

    def _role_text(self, workspace: Workspace) -> str:
        if workspace.role is Role.SECRETARIAT:
            return self.tr("Secretariat")
        return self.tr("Evaluator {code}").format(code=workspace.owner_code or "?")

    def _round_text(self, workspace: Workspace) -> str:
        round_code = self.model.round_code
        if round_code is None:
            if workspace.role is Role.SECRETARIAT:
                return self.tr("The whole pool (secretariat)")
            return self.tr("No candidates assigned yet: import your assignment package")
        try:
            round_ = workspace.round(round_code)
        except EXPECTED_ERRORS:
            return round_code
        rows = self.model.shown_codes()
        return self.tr("{round} · {count} candidates").format(round=round_.name, count=len(rows))

    # ----- first run: recent workspaces; an empty list says what to do ---------------

    def _fill_recent(self) -> None:
        ui = self.ui
        ui.recent_list.clear()
        paths = recent_workspaces()
        for path in paths:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
                item.setToolTip(self.tr("{path} (no longer there)").format(path=path))
            ui.recent_list.addItem(item)
        ui.recent_heading.setVisible(bool(paths))
        ui.recent_list.setVisible(bool(paths))

    @Slot(QListWidgetItem)
    def _open_recent(self, item: QListWidgetItem) -> None:
        path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        if not self.open_workspace(path) and not path.exists():
            forget_workspace(path)
            if self._session is None:
                self._fill_recent()

    def _needs_package(self) -> bool:
        """An evaluator's workspace with no assignment yet (nothing to score)."""
        session = self._session
        return (
            session is not None and session.role is Role.EVALUATOR and self.model.round_code is None
        )

    def _import_hint(self) -> str:
        return self.tr(
            "No candidates assigned to you yet. Import the assignment package the"
            " secretariat sent you: File ▸ Import Assignment Package…"
        )

    def _show_list_state(self) -> None:
        """Below the list: why it is empty (if it is), and what its status icons mean."""
        ui = self.ui
        has_workspace = self._session is not None
        with_legend = has_workspace and self.model.scoring and self._list_painted
        ui.legend_label.setVisible(with_legend)
        if with_legend:
            legend = self._legend_html()  # in the language shown
            if ui.legend_label.text() != legend:
                ui.legend_label.setText(legend)
        if not has_workspace or self.model.shown_codes():
            ui.empty_label.hide()
            return
        if self._needs_package():
            text = self._import_hint()
        elif self.model.search_text:
            text = self.tr(
                "No candidates match “{text}”. Search by name, county, industry, credit"
                " code or pinyin initials, or clear the search."
            ).format(text=self.model.search_text)
        elif self.model.filters != type(self.model.filters)():
            text = self.tr("No candidates match these filters.")
        else:
            text = self.tr("No candidates in this list.")
        ui.empty_label.setText(text)
        ui.empty_label.show()

    def _legend_html(self) -> str:
        """The status icons with their words (one word per state)."""
        from html import escape

        from qz_evaluator.services.evaluator_session import CandidateStatus
        from qz_evaluator.ui.candidate_model import READY_ICON, STATUS_ICONS

        size = self._small_icon_size()
        entries = [(STATUS_ICONS[s], s.label.get(self.language)) for s in CandidateStatus]
        entries.insert(2, (READY_ICON, self.tr("all scored")))  # a draft, ready to finalise
        parts = [
            f'<img src="{get_asset("icons", name + ".svg")}" width="{size}"'
            f' height="{size}">&nbsp;{escape(text)}'
            for name, text in entries
        ]
        return "&nbsp;&nbsp; ".join(parts)

    def _fit_progress_column(self) -> None:
        """Wide enough for the widest progress ("23/23", and an export marker), so a
        23/23 draft is never cut to look like 5/23 (the header measures only the rows
        in view)."""
        from qz_evaluator.ui.candidate_model import Column, export_marker

        if not self.model.scoring or not self._list_painted:
            return
        rows = [r for r in map(self.model.progress, self.model.shown_codes()) if r is not None]
        if not rows:
            return
        total = max(r.total for r in rows)
        sample = f"{total}/{total}"
        if any(export_marker(r) is not None for r in rows):
            sample = QCoreApplication.translate(
                "CandidateTreeModel", "{progress} · r{revision} {time}"
            ).format(progress=sample, revision=99, time="00:00")
        marks = [r.receipt for r in rows if r.receipt is not None]
        if marks:
            from qz_evaluator.ui.receipt_texts import receipt_short

            # Two shapes of text only: the highest revision received, and "not accepted".
            shapes = [max(marks, key=lambda m: (m.accepted, m.revision))]
            shapes += [m for m in marks if not m.accepted][:1]
            sample += " · " + max(map(receipt_short, shapes), key=len)
        tree = self.ui.candidate_tree
        icon_size = self._small_icon_size()
        width = tree.fontMetrics().horizontalAdvance(sample) + icon_size + 24
        header = tree.header()
        if header.sectionSize(Column.PROGRESS) < width:
            header.resizeSection(Column.PROGRESS, width)

    def _small_icon_size(self) -> int:
        from PySide6.QtWidgets import QStyle  # its type is built on first use (~12 ms)

        return self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)

    # ----- what the list showed last time (per workspace) -----------------------------

    def _list_state_key(self) -> str | None:
        workspace = self.workspace
        if workspace is None:
            return None
        # Qt's SHA-1, the same digest as hashlib's: hashlib would load OpenSSL (~3 ms) on
        # the way to the list's first paint, and nothing else there needs it.
        digest = QCryptographicHash.hash(
            str(Path(workspace.path).resolve()).encode("utf-8"),
            QCryptographicHash.Algorithm.Sha1,
        )
        return LIST_STATE_KEY.format(key=bytes(digest.toHex().data()).decode("ascii")[:16])

    def _save_list_state(self) -> None:
        key = self._list_state_key()
        if key is None or not self._complete:
            return
        candidate = self.current_candidate()
        panel = self._panel
        state = {
            "candidate": candidate.credit_code if candidate is not None else None,
            "item": panel.current_item_code if panel is not None and panel.card else None,
            "search": self.model.search_text,
            "filters": [combo.currentData() or "" for combo in self._filter_combos()],
        }
        QSettings().setValue(key, json.dumps(state, ensure_ascii=False))

    def _restore_list_state(self) -> None:
        """Bring back the selected candidate, item, search and filters of last time."""
        key = self._list_state_key()
        raw = QSettings().value(key, "") if key is not None else ""
        try:
            state = json.loads(raw) if isinstance(raw, str) and raw else {}
        except ValueError:
            return
        if not isinstance(state, dict) or not state:
            return  # nothing kept: the list as opened is right (and laid out once only)
        ui = self.ui
        filters = state.get("filters")
        if isinstance(filters, list) and len(filters) == len(self._filter_combos()):
            for combo, data in zip(self._filter_combos(), filters, strict=True):
                index = combo.findData(data) if data else 0
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, index))
                combo.blockSignals(False)
        search = state.get("search")
        if isinstance(search, str):
            ui.search_edit.blockSignals(True)
            ui.search_edit.setText(search)
            ui.search_edit.blockSignals(False)
        try:
            self.model.set_filters(self.filters())
            self.model.set_search(ui.search_edit.text())
        except EXPECTED_ERRORS as error:
            ui.status_bar.showMessage(message(error), 10_000)
            return
        from qz_evaluator.ui.candidate_model import Filters

        code, item = state.get("candidate"), state.get("item")
        if isinstance(code, str) or self.model.search_text or self.model.filters != Filters():
            self._after_reload(code if isinstance(code, str) else None)
        if isinstance(item, str) and self._shown_card() is not None:
            self.panel.select_item(item)

    # ----- the candidate list --------------------------------------------------------

    def _reset_search(self) -> None:
        self.ui.search_edit.blockSignals(True)
        self.ui.search_edit.clear()
        self.ui.search_edit.blockSignals(False)
        self._search_timer.stop()

    @Slot()
    def _focus_search(self) -> None:
        self.ui.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.search_edit.selectAll()

    @Slot(str)
    def _schedule_search(self, text: str) -> None:
        """Query when typing pauses, not on every keystroke or input-method commit."""
        self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        selected = self.selected_candidate()
        try:
            self.model.set_search(self.ui.search_edit.text())
        except EXPECTED_ERRORS as error:
            self.ui.status_bar.showMessage(message(error), 10_000)
            return
        self._after_reload(selected.credit_code if selected else None)

    def _filter_headings(self) -> list[str]:
        """What each of _filter_combos() says when it filters nothing."""
        return [
            self.tr("All tiers"),
            self.tr("All states"),
            self.tr("All counties"),
            self.tr("All industries"),
        ]

    def _fill_filters(self) -> None:
        """(Re)fill the filter choices, keeping what was chosen where still offered."""
        from qz_evaluator.services.evaluator_session import CandidateStatus
        from qz_evaluator.ui.candidate_model import TIER_ORDER

        counties, industries = self.model.filter_choices()
        choices: list[list[tuple[str, object]]] = [
            [(t.label.get(self.language), t.value) for t in TIER_ORDER],
            [(s.label.get(self.language), s.value) for s in CandidateStatus],
            [(c, c) for c in counties],
            [(i, i) for i in industries],
        ]
        for combo, everything, entries in zip(
            self._filter_combos(), self._filter_headings(), choices, strict=True
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")  # "" = no filter
            for text, data in entries:
                combo.addItem(text, data)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def filters(self) -> Filters:
        from qz_evaluator.domain.candidates import Tier
        from qz_evaluator.services.evaluator_session import CandidateStatus
        from qz_evaluator.ui.candidate_model import Filters

        ui = self.ui
        tier, status = ui.tier_filter.currentData(), ui.status_filter.currentData()
        county, industry = ui.county_filter.currentData(), ui.industry_filter.currentData()
        return Filters(
            tier=Tier(tier) if tier else None,
            county=county or None,
            industry=industry or None,
            status=CandidateStatus(status) if status else None,
        )

    @Slot()
    def _apply_filters(self) -> None:
        selected = self.selected_candidate()
        try:
            self.model.set_filters(self.filters())
        except EXPECTED_ERRORS as error:
            self.ui.status_bar.showMessage(message(error), 10_000)
            return
        self._after_reload(selected.credit_code if selected else None)

    def _after_reload(self, keep_code: str | None = None) -> None:
        """Span and expand the tier rows; select `keep_code` again if still shown."""
        from qz_evaluator.ui.candidate_model import Column

        tree = self.ui.candidate_tree
        # The three tier rows only: expandAll() would ask the model about all 1,000 rows.
        # Expand before spanning: after a reset the tree's layout is pending, so expand()
        # only records the row. The other way round, each expand() lays its tier out on
        # its own and the list fills ~15 ms later (benchmarks/bench_ui.py).
        for row in range(self.model.rowCount()):
            tree.expand(self.model.index(row, 0))
        # Then lay the whole list out once (this cancels the pending layout), before any
        # row is spanned: with a spanned row, the layout asks the model for every row's
        # index a second time (to look it up among the spanned ones), ~5 ms at 1,000.
        tree.doItemsLayout()
        for row in range(self.model.rowCount()):
            tree.setFirstColumnSpanned(row, tree.rootIndex(), True)
        for column in (Column.COUNTY, Column.PROGRESS):
            tree.resizeColumnToContents(column)
        self._fit_progress_column()
        keep_code = keep_code or self._shown_code()
        index = self.model.index_of(keep_code) if keep_code else None
        if index is not None and index.isValid():
            tree.setCurrentIndex(index)
            tree.scrollTo(index)
        elif self._session is not None and not self._keep_hidden_card():
            self._show_placeholder("select")
        self._show_list_state()
        if self._session is not None:
            self.ui.round_label.setText(self._round_text(self._session.workspace))

    def current_candidate(self) -> Candidate | None:
        """The selected candidate, or the one whose card stays open while the search or
        the filters hide it from the list."""
        return self.selected_candidate() or (self._shown if self._shown_code() else None)

    def _shown_code(self) -> str | None:
        """The credit code of the scorecard on screen, if one is."""
        card = self._shown_card()
        return card.credit_code if card is not None else None

    def _keep_hidden_card(self) -> bool:
        """A search or filter hid the card being scored: keep it open (say so)."""
        code = self._shown_code()
        if code is None or self._shown is None or self._shown.credit_code != code:
            return False
        self.ui.status_bar.showMessage(
            self.tr("{name} is hidden by the search or filters; its scorecard stays open.").format(
                name=self._shown.name
            ),
            5000,
        )
        return True

    def selected_candidate(self) -> Candidate | None:
        from qz_evaluator.ui.candidate_model import Column

        rows = self.ui.candidate_tree.selectionModel().selectedRows(Column.NAME)
        return self.model.candidate(rows[0]) if rows else None

    def select_candidate(self, credit_code: str) -> bool:
        index = self.model.index_of(credit_code)
        if not index.isValid():
            return False
        self.ui.candidate_tree.setCurrentIndex(index)
        return True

    def move_candidate(self, step: int) -> None:
        codes = self.model.shown_codes()
        if not codes:
            return
        selected = self.selected_candidate()
        index = codes.index(selected.credit_code) if selected else -1 if step > 0 else 0
        self.select_candidate(codes[(index + step) % len(codes)])

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        candidate = self.selected_candidate()
        if candidate is None or self._session is None:
            if self._session is not None:
                self._show_placeholder("select")
            return
        try:
            history = self._session.workspace.tier_history(candidate.credit_code)
        except EXPECTED_ERRORS as error:
            self.ui.status_bar.showMessage(message(error), 10_000)
            history = []
        self._show_candidate(candidate, history)
        self._show_scorecard(candidate)

    # ----- the scorecard -------------------------------------------------------------

    def _show_scorecard(self, candidate: Candidate) -> None:
        ui = self.ui
        card, note = self._scorecard_for(candidate)
        if card is None or self._session is None:
            self.panel.clear()
            self.panel.hide()
            ui.scoring_note.setText(note)
            ui.scoring_note.show()
            if not self.model.scoring:
                ui.candidate_tabs.setCurrentWidget(ui.details_page)
        else:
            ui.scoring_note.hide()
            self.panel.show()
            self.panel.show_scorecard(self._session.scoring, card, candidate)
            ui.candidate_tabs.setCurrentWidget(ui.scoring_tab)
        self._update_actions()

    def _scorecard_for(self, candidate: Candidate) -> tuple[Scorecard | None, str]:
        """The owner's scorecard for the candidate (created on first use), or why none."""
        from qz_evaluator.services.evaluator_session import CandidateStatus

        session, round_code = self._session, self.model.round_code
        if session is None or round_code is None:
            return None, self.tr("Scorecards are kept in the evaluators' own workspaces.")
        workspace, service = session.workspace, session.scoring
        owner = session.owner_code or ""
        try:
            card = workspace.find_scorecard(round_code, candidate.credit_code, owner)
            if card is not None:
                return card, ""
            row = self.model.progress(candidate.credit_code)
            if row is not None and row.status is CandidateStatus.CONFLICT:
                return None, self.tr(
                    "A conflict of interest is recorded between you and this candidate:"
                    " you do not score it."
                )
            return service.open(round_code, candidate.credit_code), ""
        except OPEN_ERRORS as error:
            return None, message(error)

    def current_card(self) -> Scorecard | None:
        return self._shown_card()

    def focus_criteria(self) -> None:
        if self.panel.card is not None:
            self.ui.candidate_tabs.setCurrentWidget(self.ui.scoring_tab)
            self.panel.ui.criteria_tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _next_unscored(self) -> None:
        if self.panel.card is not None and not self.panel.next_unscored():
            self.ui.status_bar.showMessage(self.tr("Every item is scored."), 5000)

    @Slot()
    def _on_saved(self) -> None:
        self.last_saved = datetime.now()
        self._show_saved()

    def _show_saved(self) -> None:
        if self.last_saved is None:
            self.saved_label.clear()
            return
        self.saved_label.setText(
            self.tr("Saved at {time}").format(time=self.last_saved.strftime("%H:%M:%S"))
        )

    @Slot(object)
    def _on_card_changed(self, change: ScorecardChange) -> None:
        """A score or a note was saved: the list's row and the actions follow the change."""
        self.model.update_progress(change.card.credit_code, change.status, change.scored)
        self._update_actions()

    @Slot(object)
    def _on_status_changed(self, change: ScorecardChange) -> None:
        """Finalised, reopened or declared in conflict: show the change everywhere."""
        self.panel.apply_change(change)
        self._on_card_changed(change)
        self._show_selected_details()

    @Slot()
    def card_status_changed(self) -> None:
        """After a status change failed: show the store's truth everywhere."""
        change = self.panel.reload()
        if change is not None:
            self._on_card_changed(change)
            self._show_selected_details()
        self._update_actions()

    def _show_selected_details(self) -> None:
        selected = self.selected_candidate()
        if selected is not None:
            self._show_candidate(selected, self._history(selected))
        self._update_actions()

    def _history(self, candidate: Candidate) -> list[TierChange]:
        if self._session is None:
            return []
        try:
            return self._session.workspace.tier_history(candidate.credit_code)
        except EXPECTED_ERRORS:
            return []

    def _update_actions(self) -> None:

        ui, card = self.ui, self._shown_card()
        has_card = card is not None
        editable = has_card and card is not None and not card.locked
        is_evaluator = self._session is not None and self._session.role is Role.EVALUATOR
        for action in (
            ui.action_next_item,
            ui.action_previous_item,
            ui.action_next_unscored,
            ui.action_preview,
            ui.action_focus_criteria,
        ):
            action.setEnabled(has_card)
        ui.candidate_tabs.setTabIcon(
            ui.candidate_tabs.indexOf(ui.scoring_tab),
            icon("locked") if card is not None and card.locked else QIcon(),
        )
        ui.action_finalise.setEnabled(editable)
        ui.action_declare_conflict.setEnabled(editable)
        final = card is not None and card.status is ScorecardStatus.FINAL
        ui.action_export.setEnabled(final)
        ui.action_reopen.setEnabled(final)
        declared = card is not None and card.status is ScorecardStatus.CONFLICT
        ui.action_export_conflict.setEnabled(declared)
        ui.action_withdraw_conflict.setEnabled(declared)  # refused with a word once exported
        for action in self.scoring_shortcuts:
            action.setEnabled(editable)
        ui.action_import_package.setEnabled(is_evaluator)
        ui.action_import_receipt.setEnabled(is_evaluator)
        ui.action_import_score_sheet.setEnabled(is_evaluator)
        ui.action_export_all.setEnabled(is_evaluator)
        # The Identity menu stays enabled: before a workspace it says what to do first.
        has_workspace = self._session is not None
        ui.action_backup_workspace.setEnabled(has_workspace)
        ui.action_next_candidate.setEnabled(has_workspace)
        ui.action_previous_candidate.setEnabled(has_workspace)

    # ----- the details tab -----------------------------------------------------------

    def _show_placeholder(self, which: str) -> None:
        self._placeholder = which
        self._shown = None
        if self._panel is not None:
            self._panel.clear()
        if self._needs_package():
            self.ui.placeholder_label.setText(self._import_hint())
        else:
            self.ui.placeholder_label.setText(self.tr("Select a candidate to see its scorecard"))
        self.ui.details_stack.setCurrentWidget(self.ui.placeholder_page)
        self._update_actions()

    def _show_candidate(self, candidate: Candidate, history: list[TierChange]) -> None:
        ui = self.ui
        self._shown = candidate
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
        ui.details_form.setRowVisible(ui.progress_value, self.model.scoring)
        if progress is None or not self.model.scoring:
            ui.progress_value.setText(self.tr("not on your panel"))
        else:
            ui.progress_value.setText(
                self.tr("{scored} of {total} items scored · {status} · round {round}").format(
                    scored=progress.scored,
                    total=progress.total,
                    status=progress.status.label.get(self.language),
                    round=self._round_name(),
                )
            )
        from qz_evaluator.ui.receipt_texts import receipt_text

        ui.details_form.setRowVisible(ui.receipt_value, self.model.scoring)
        exported = progress.last_export if progress else None
        ui.receipt_value.setText(
            receipt_text(
                progress.receipt if progress else None,
                exported.revision if exported is not None else None,
            )
        )
        self._fill_history(history)
        ui.details_stack.setCurrentWidget(ui.candidate_tabs)

    # ----- a receipt dropped on the window -------------------------------------------

    @staticmethod
    def _dropped_receipts(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(RECEIPT_SUFFIX)
        ]

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        if self._complete and self._dropped_receipts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # QDragEnterEvent is a QDragMoveEvent: the same answer

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_receipts(event) if self._complete else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop returns: the import waits on the runner with its own event loop.
        QTimer.singleShot(0, lambda: self.import_receipts(paths))

    def import_receipts(self, paths: list[Path]) -> None:
        for path in paths:
            if not self.workflows.import_receipt(path):
                return

    def _round_name(self) -> str:
        """The list's round by its name (2026年度现场评审), never its code."""
        from qz_evaluator.services.evaluator_session import round_name

        code, workspace = self.model.round_code, self.workspace
        if code is None or workspace is None:
            return ""
        return round_name(workspace, code)

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

    # ----- language ------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the interface language now and remember it."""
        code = i18n.short_code(language)
        if self._panel is not None:
            self._panel.finish_typing()
        QSettings().setValue(i18n.LANGUAGE_KEY, code)
        if code == self.language:
            return
        self.language = code
        i18n.apply_language(code)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language: the form's, the list's, the scorecard's."""
        ui = self.ui
        selected = self.selected_candidate()
        ui.retranslateUi(self)
        self.model.set_language(self.language)
        self._fill_filters()
        self._after_reload(selected.credit_code if selected else None)
        self._retranslate_dynamic()
        if selected is not None and self._session is not None:
            self._show_candidate(selected, self._history(selected))
            if self._shown_card() is not None:
                ui.candidate_tabs.setCurrentWidget(ui.scoring_tab)
        if self._panel is not None:
            self._panel.set_language(self.language)

    def _retranslate_dynamic(self) -> None:
        """Texts set in code, which retranslateUi() resets or does not know."""
        self.ui.action_language_zh.setChecked(self.language == "zh")
        self.ui.action_language_en.setChecked(self.language == "en")
        self.identity_actions.retranslate()  # added in code, not in the form
        self._show_workspace_state()
        self._show_saved()

    def changeEvent(self, event: QEvent) -> None:
        # Qt posts LanguageChange after translators change; set_language() has already
        # redone everything, this catches the form's own texts on any later change.
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            if self._complete:  # else complete() sets them
                self._retranslate_dynamic()
        elif (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self._complete
        ):
            self.check_store()  # back from another window (perhaps a second on this file)
        super().changeEvent(event)

    # ----- help ----------------------------------------------------------------------

    @Slot()
    def show_keyboard_help(self) -> None:
        from qz_evaluator.ui.keyboard_dialog import KeyboardDialog

        dialog = KeyboardDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About qz-evaluator"),
            self.tr(
                "qz-evaluator {version}\nScoring for the Quzhou government quality award"
                " (GB/T 19580-2012)."
            ).format(version=__version__),
        )

    # ----- window state --------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY, QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(STATE_KEY, QByteArray())
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = settings.value(SPLITTER_KEY, QByteArray())
        if not (isinstance(splitter, QByteArray) and self.ui.splitter.restoreState(splitter)):
            self.ui.splitter.setSizes([400, 880])

    def _restore_panel_layout(self) -> None:
        settings = QSettings()
        defaults = {"scoring": [380, 500], "left": [440, 220], "item": [400, 280]}
        for name, widget in self.panel.splitters().items():
            saved = settings.value(PANEL_SPLITTER_KEY.format(name=name), QByteArray())
            if not (isinstance(saved, QByteArray) and widget.restoreState(saved)):
                widget.setSizes(defaults[name])

    def save_layout(self) -> None:
        self._save_list_state()
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(SPLITTER_KEY, self.ui.splitter.saveState())
        if self._panel is None:  # never built: its saved layout stays as it was
            return
        for name, widget in self._panel.splitters().items():
            settings.setValue(PANEL_SPLITTER_KEY.format(name=name), widget.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.waiting:  # a use case is waiting for its work: close when it is done
            event.ignore()
            return
        workflows = self._workflows  # None: no use case ran, none can be at work
        if workflows is not None and workflows.finish_export(self.close):  # closes when it ended
            event.ignore()
            return
        if self._complete:
            if self._panel is not None:
                self._panel.finish_typing()
            if workflows is not None:
                workflows.stop_jobs()
        self.save_layout()
        self.close_workspace()
        super().closeEvent(event)
