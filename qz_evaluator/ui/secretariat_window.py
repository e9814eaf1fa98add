"""The secretariat's window: the round's views (pool, roster, panels, inbox, consensus,
results, reports) as tabs over one open secretariat workspace.

Built on the same composition root as the evaluator's window (`ui.app`): one
`TaskRunner`, the `SessionOpener`, the error mapping of `ui.errors`, the language menu
and zh_CN by default. The window holds the `Session`; each view gets it through
`set_session` and says through its `changed` signal that it wrote to the workspace,
after which the window hands the session to the other views again so they re-read.
Views are added with `add_view` (see /work/briefs: a view is a QWidget with
`title()`, `set_session()` and `changed`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QSettings, Qt, SignalInstance, Slot
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from qz_evaluator import __version__
from qz_evaluator.domain.roles import Role
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import EXPECTED_ERRORS, show_error
from qz_evaluator.ui.generated.ui_secretariat_window import Ui_SecretariatWindow
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.locations import app_data_dir
from qz_evaluator.ui.main_window import (
    ask_workspace_file,
    remember_workspace,
)
from qz_evaluator.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.session import Session
    from qz_evaluator.services.workspace_backup import WorkspaceBackup

# Opens the session of a workspace file (`ui.app.SessionOpener`); raises a UserError.
OpenSession = Callable[[Path], "Session"]

SECRETARIAT_DEMO_DIR = "secretariat-demo"
SECRETARIAT_DEMO_FILE = "demo-secretariat.qzw"
GEOMETRY_KEY = "secretariat_window/geometry"
TAB_KEY = "secretariat_window/tab"


class SecretariatView(Protocol):
    """What the window needs of a view (each is a QWidget as well)."""

    @property
    def changed(self) -> SignalInstance: ...

    def title(self) -> str: ...

    def set_session(self, session: Session | None) -> None: ...


def secretariat_demo_path() -> Path:
    return app_data_dir() / SECRETARIAT_DEMO_DIR / SECRETARIAT_DEMO_FILE


def ensure_secretariat_demo() -> Path:
    """The secretariat demo's path, building it first if it is not there yet.

    Built in a folder of its own (the workspace and the signed files its merge keeps
    beside it) under a temporary name, renamed when complete: a failed or interrupted
    build never leaves a half-made demo to be opened later.
    """
    from qz_evaluator.services.demo import (
        build_secretariat_demo,
        secretariat_demo_key_path,
        start_secretariat_demo_identity,
    )
    from qz_evaluator.services.session import open_workspace

    path = secretariat_demo_path()
    # A demo built by an older version has no signing key beside it: built again.
    if path.exists() and secretariat_demo_key_path(path).exists():
        with open_workspace(path) as workspace:
            start_secretariat_demo_identity(workspace)
        return path
    folder = path.parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    with tempfile.TemporaryDirectory(prefix="qz-demo-") as scratch:
        workspace, _ = build_secretariat_demo(partial / path.name, Path(scratch))
        workspace.close()
    shutil.rmtree(folder, ignore_errors=True)  # a leftover without its workspace file
    os.replace(partial, folder)
    with open_workspace(path) as workspace:
        start_secretariat_demo_identity(workspace)
    return path


class SecretariatWindow(QMainWindow):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
        runner: TaskRunner | None = None,
        open_session: OpenSession | None = None,
    ) -> None:
        """The window in `language` (None: the one chosen last time)."""
        if language is None:
            saved = QSettings().value(i18n.LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)
            language = saved if isinstance(saved, str) else i18n.DEFAULT_LANGUAGE
        language = i18n.apply_language(language)  # before the form: see MainWindow
        super().__init__(parent)
        self.language = language
        self.ui = Ui_SecretariatWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("app"))
        self.runner = runner if runner is not None else TaskRunner(self)
        self._open_session = open_session
        self._session: Session | None = None
        self.views: list[QWidget] = []
        self._stale: set[QWidget] = set()  # views to read the workspace again when shown
        self._status_label = QLabel(self)
        self.ui.status_bar.addWidget(self._status_label, 1)
        # One round for every view of a round's work (panels, consensus, results, reports):
        # chosen beside the tabs, so a view never shows one round while another shows the next.
        corner = QWidget(self)
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(8, 0, 4, 2)
        self.round_label = QLabel(corner)
        self.round_combo = QComboBox(corner)
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round_label.setBuddy(self.round_combo)
        corner_layout.addWidget(self.round_label)
        corner_layout.addWidget(self.round_combo)
        self.ui.view_tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.round_combo.currentIndexChanged.connect(lambda _index: self._round_chosen())
        self.ui.view_tabs.currentChanged.connect(self._tab_shown)
        self._retranslate_round()
        self._setup_actions()
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._show_workspace_state()

    def _setup_actions(self) -> None:
        ui = self.ui
        ui.action_open_workspace.triggered.connect(self.choose_workspace)
        ui.action_open_demo.triggered.connect(self.open_demo)
        ui.action_backup_workspace.triggered.connect(self.back_up_workspace)
        ui.action_quit.triggered.connect(self.close)
        ui.action_about.triggered.connect(self.show_about)
        ui.welcome_open_button.clicked.connect(self.choose_workspace)
        ui.welcome_demo_button.clicked.connect(self.open_demo)
        languages = QActionGroup(self)
        languages.setExclusive(True)
        for action, code in ((ui.action_language_zh, "zh"), (ui.action_language_en, "en")):
            languages.addAction(action)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))

    # ----- views -----------------------------------------------------------------------

    def add_view(self, view: QWidget) -> None:
        """Add a view (a `SecretariatView`) as a tab; it gets the open session now and
        whenever it changes."""
        shown = cast(SecretariatView, view)
        self.views.append(view)
        self.ui.view_tabs.addTab(view, shown.title())
        shown.changed.connect(lambda: self._view_changed(view))
        self._tell_round(view)
        shown.set_session(self._session)
        saved = QSettings().value(TAB_KEY)
        if isinstance(saved, str) and saved == type(view).__name__:
            self.ui.view_tabs.setCurrentWidget(view)

    def _shown(self) -> list[SecretariatView]:
        return [cast(SecretariatView, view) for view in self.views]

    def _view_changed(self, source: QWidget) -> None:
        # What one view wrote the others show: they read the workspace again, the one in
        # view now and the others when their tab is chosen. Re-reading them all at once
        # (a round's results, its consensus, the panels) kept the window from painting.
        self._fill_rounds()
        current = self.ui.view_tabs.currentWidget()
        for view in self.views:
            if view is source:
                continue
            if view is current:
                cast(SecretariatView, view).set_session(self._session)
            else:
                self._stale.add(view)
        self._show_workspace_state()

    def _tab_shown(self, index: int) -> None:
        view = self.ui.view_tabs.widget(index)
        if view in self._stale:
            self._stale.discard(view)
            cast(SecretariatView, view).set_session(self._session)

    # ----- the workspace ---------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        return self._session

    def _opener(self) -> OpenSession:
        if self._open_session is None:
            from qz_evaluator.ui.app import SessionOpener

            self._open_session = SessionOpener(self.runner, self)
        return self._open_session

    def open_workspace(self, path: Path) -> bool:
        """Show the secretariat workspace at `path`; on failure say why, keep what was open."""
        if self.runner.waiting:
            return False
        title = self.tr("Cannot open the workspace")
        try:
            session = self._opener()(Path(path))
        except EXPECTED_ERRORS as error:
            show_error(self, error, title)
            return False
        if session.role is not Role.SECRETARIAT:
            session.close()
            QMessageBox.warning(
                self,
                title,
                self.tr(
                    "{name} is an evaluator's workspace, for scoring on an evaluator's laptop."
                    " Choose the secretariat's workspace."
                ).format(name=Path(path).name),
            )
            return False
        previous, self._session = self._session, session
        self._stale.clear()  # every view reads the new workspace now
        self._fill_rounds()  # the views are told the round before they read the workspace
        for view in self._shown():
            view.set_session(session)
        if previous is not None:
            previous.close()
        remember_workspace(session.path)
        self._show_workspace_state()
        return True

    def close_workspace(self) -> None:
        if self._session is None:
            return
        self._stale.clear()
        for view in self._shown():
            view.set_session(None)
        self._session.close()
        self._session = None
        self._fill_rounds()
        self._show_workspace_state()

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
        """Open the secretariat demo, building it on first use (a few seconds)."""
        if self.runner.waiting:
            return False
        try:
            path = self.runner.call(
                lambda progress: ensure_secretariat_demo(),
                parent=self,
                label=self.tr("Preparing the secretariat demo: signing and merging scorecards…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Cannot create the demo workspace"))
            return False
        return self.open_workspace(path)

    @Slot()
    def choose_workspace(self) -> None:
        chosen = ask_workspace_file(self)
        if chosen is not None:
            self.open_workspace(chosen)

    # ----- the round ------------------------------------------------------------------

    def round_code(self) -> str | None:
        """The round the views show (None: no workspace or no round)."""
        value = self.round_combo.currentData()
        return value if isinstance(value, str) else None

    def round_name(self) -> str:
        """The chosen round's display name ("" without rounds)."""
        return self.round_combo.currentText() if self.round_code() else ""

    def select_round(self, round_code: str) -> bool:
        index = self.round_combo.findData(round_code)
        if index >= 0:
            self.round_combo.setCurrentIndex(index)  # the views follow
        return index >= 0

    def _fill_rounds(self) -> None:
        """The workspace's rounds, keeping the one chosen (else the latest); the views
        are told when that changes the round."""
        from qz_evaluator.services.evaluator_session import chosen_round

        combo, before = self.round_combo, self.round_code()
        combo.blockSignals(True)
        combo.clear()
        chosen: str | None = None
        if self._session is not None:
            workspace = self._session.workspace
            try:
                for round_ in workspace.rounds():
                    combo.addItem(round_.name, round_.code)
                found = chosen_round(workspace, before)
            except EXPECTED_ERRORS:
                found = None
            chosen = found.code if found is not None else None
            combo.setCurrentIndex(combo.findData(chosen) if chosen else -1)
        combo.setEnabled(combo.count() > 1)
        combo.blockSignals(False)
        if chosen != before:
            self._tell_round()

    def _round_chosen(self) -> None:
        self._tell_round()
        self._show_workspace_state()

    def _tell_round(self, *only: QWidget) -> None:
        """Give the chosen round to the views about a round (those with `set_round`)."""
        code = self.round_code()
        for view in only or self.views:
            set_round = getattr(view, "set_round", None)
            if set_round is not None:
                set_round(code)

    def _retranslate_round(self) -> None:
        self.round_label.setText(self.tr("Ro&und:"))
        self.round_combo.setToolTip(
            self.tr("The round the panels, consensus, results and reports are about.")
        )

    def _show_workspace_state(self) -> None:
        ui, session = self.ui, self._session
        ui.action_open_demo.setEnabled(True)
        ui.action_backup_workspace.setEnabled(session is not None)
        if session is None:
            self.setWindowTitle(self.tr("Secretariat — qz-evaluator"))
            self._status_label.setText(self.tr("No workspace open"))
            self._status_label.setToolTip("")
            ui.stack.setCurrentWidget(ui.welcome_page)
            return
        workspace = session.workspace
        name = workspace.meta("name") or workspace.path.stem
        self.setWindowTitle(self.tr("{name} — Secretariat — qz-evaluator").format(name=name))
        round_name = self.round_name() or self.tr("no round yet")
        self._status_label.setText(
            self.tr("{name}  ·  Secretariat  ·  {round}  ·  {path}").format(
                name=name, round=round_name, path=workspace.path.name
            )
        )
        self._status_label.setToolTip(str(workspace.path))
        ui.stack.setCurrentWidget(ui.view_tabs)

    # ----- language and help -----------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the interface language now and remember it."""
        code = i18n.short_code(language)
        QSettings().setValue(i18n.LANGUAGE_KEY, code)
        if code == self.language:
            return
        self.language = code
        i18n.apply_language(code)  # every widget gets LanguageChange and retranslates

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.ui.action_language_zh.setChecked(self.language == "zh")
            self.ui.action_language_en.setChecked(self.language == "en")
            for index, view in enumerate(self._shown()):
                self.ui.view_tabs.setTabText(index, view.title())
            self._retranslate_round()
            self._show_workspace_state()
        super().changeEvent(event)

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About qz-evaluator"),
            self.tr(
                "qz-evaluator {version}\nThe secretariat's window for the Quzhou government"
                " quality award (GB/T 19580-2012)."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.waiting:  # a use case waits for its work: close when it is done
            event.ignore()
            return
        self.runner.cancel_all()
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        current = self.ui.view_tabs.currentWidget()
        if current is not None:
            settings.setValue(TAB_KEY, type(current).__name__)
        self.close_workspace()
        super().closeEvent(event)
