"""The secretariat's pool: candidates by tier with county, industry and latest official
score; a candidate's tier history beside the list; search by Chinese name, pinyin
initials or credit code; candidate import with a preview; moves between tiers.

Reading the pool (and computing the official scores of rounds with results) runs on a
worker with its own connection to the workspace; the newest request wins, an older
answer that arrives late is dropped. An import is rehearsed first (every check, nothing
written) and shown with its first error, if any; then it is written in one transaction
(`services.imports`), so nothing is ever half imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.services.results import shown
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import EXPECTED_ERRORS, message, show_error
from qz_evaluator.ui.generated.ui_sec_pool import Ui_SecPool
from qz_evaluator.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.imports import ImportReport
    from qz_evaluator.services.pool import OfficialScore
    from qz_evaluator.services.session import Session

SEARCH_DELAY_MS = 150
# Candidates shown per tier at first, and added each time "show more" is chosen: the list
# reads pages from SQLite, never a whole pool of a million rows into widgets.
PAGE = 500
MORE_ROLE = Qt.ItemDataRole.UserRole + 1  # on a tier's "show more" row: its tier
PREVIEW_ROWS = 500  # the preview shows this many rows; the check covers every row
CODE_ROLE = Qt.ItemDataRole.UserRole
# Tiers from the top, as the pool is read.
TIER_ORDER = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)


@dataclass(frozen=True)
class PoolRead:
    candidates: list[Candidate]  # a page per tier: at most its limit of each
    counts: dict[Tier, int]  # how many match, per tier
    scores: dict[str, OfficialScore] | None  # None: not read again (a search)


@dataclass(frozen=True)
class ImportPreview:
    columns: tuple[str, ...]
    rows: list[list[str]]  # the first PREVIEW_ROWS rows as read
    lines: list[int]  # each row's line in the file (a sheet's row number)
    report: ImportReport | None  # what the import would do; None if it would fail
    error: BaseException | None  # the import's first error (file, line, reason)


def _read_pool(
    path: Path, search: str, tier: Tier | None, with_scores: bool, limits: dict[Tier, int]
) -> PoolRead:
    """The first `limits[tier]` (or PAGE) matching candidates of each tier, how many match
    in all, and the official scores if asked."""
    from qz_evaluator.services.pool import latest_official_scores
    from qz_evaluator.services.session import open_workspace

    with open_workspace(path) as workspace:
        counts = workspace.count_candidates(search=search or None, tier=tier)
        candidates = [
            candidate
            for shown_tier in TIER_ORDER
            if counts.get(shown_tier)
            for candidate in workspace.iter_candidates(
                search=search or None, tier=shown_tier, limit=limits.get(shown_tier, PAGE)
            )
        ]
        scores = latest_official_scores(workspace) if with_scores else None
    return PoolRead(candidates, counts, scores)


def _preview_import(workspace_path: Path, source: Path) -> ImportPreview:
    """Runs on a worker: the file's rows and a rehearsal of importing it."""
    from qz_evaluator.services.csv_files import read_table
    from qz_evaluator.services.imports import (
        CANDIDATE_ALIASES,
        CANDIDATE_COLUMNS,
        CANDIDATE_OPTIONAL,
        check_candidates,
    )
    from qz_evaluator.services.session import open_workspace

    columns = CANDIDATE_COLUMNS + CANDIDATE_OPTIONAL
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for row in read_table(source, CANDIDATE_COLUMNS, CANDIDATE_OPTIONAL, CANDIDATE_ALIASES):
            if len(rows) >= PREVIEW_ROWS:
                break
            rows.append([row.get(column) for column in columns])
            lines.append(row.line)
    except EXPECTED_ERRORS:
        pass  # the rehearsal below meets the same error and reports it
    try:
        with open_workspace(workspace_path) as workspace:
            report = check_candidates(workspace, source)
    except EXPECTED_ERRORS as error:
        return ImportPreview(columns, rows, lines, None, error)
    return ImportPreview(columns, rows, lines, report, None)


def _import(workspace_path: Path, source: Path) -> ImportReport:
    from qz_evaluator.services.imports import import_candidates
    from qz_evaluator.services.session import open_workspace

    with open_workspace(workspace_path) as workspace:
        return import_candidates(workspace, source)


class ImportPreviewDialog(QDialog):
    """The rows of a candidate file and what importing it would do, or its first error."""

    def __init__(self, source: Path, preview: ImportPreview, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import candidates: {name}").format(name=source.name))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(preview.rows), len(preview.columns), self)
        headings = {
            "credit_code": self.tr("Credit code"),
            "name": self.tr("Name"),
            "county": self.tr("County"),
            "industry": self.tr("Industry"),
            "tier": self.tr("Tier"),
            "contact_person": self.tr("Contact person"),
            "contact_phone": self.tr("Contact phone"),
        }
        self.table.setHorizontalHeaderLabels([headings.get(c, c) for c in preview.columns])
        # Rows are numbered by their line in the file, as the error names them.
        self.table.setVerticalHeaderLabels([str(line) for line in preview.lines])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        bad_line = getattr(preview.error, "line", None)
        for row, values in enumerate(preview.rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                self.table.setItem(row, column, item)
                if preview.lines[row] == bad_line:  # the row of the first error
                    item.setBackground(QBrush(QColor("#fde2e4")))
                    if column == 0:
                        self.table.scrollToItem(item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        self.outcome_label = QLabel(self)
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.outcome_label)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        report = preview.report
        if report is None:
            self.import_button.setEnabled(False)
            self.outcome_label.setForegroundRole(QPalette.ColorRole.Text)
            self.outcome_label.setStyleSheet("color: #b00020;")
            self.outcome_label.setText(
                self.tr("This file cannot be imported; nothing was written.\n{error}").format(
                    error=message(preview.error) if preview.error else ""
                )
            )
        else:
            self.outcome_label.setText(
                self.tr(
                    "{rows} rows: {created} new candidates, {updated} updated. Nothing is "
                    "written until you choose Import, and then all rows or none."
                ).format(rows=report.rows, created=report.created, updated=report.updated)
            )
            self.import_button.setFocus()


class MoveDialog(QDialog):
    """Move one candidate to another tier, with the reason the history records."""

    def __init__(self, candidate: Candidate, language: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move {name} to another tier").format(name=candidate.name))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        current = QLabel(candidate.tier.label.get(language), self)
        form.addRow(self.tr("Current tier:"), current)
        self.tier_combo = QComboBox(self)
        for tier in TIER_ORDER:
            if tier is not candidate.tier:
                self.tier_combo.addItem(tier.label.get(language), tier.value)
        tier_label = QLabel(self.tr("&New tier:"), self)
        tier_label.setBuddy(self.tier_combo)
        form.addRow(tier_label, self.tier_combo)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("e.g. 2026 site visit results"))
        reason_label = QLabel(self.tr("&Reason:"), self)
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Move"))
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # The history needs a reason: no move without one.
        self.reason_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        self.tier_combo.setFocus()

    def tier(self) -> Tier:
        return Tier(self.tier_combo.currentData())

    def reason(self) -> str:
        return self.reason_edit.text().strip()


class PoolView(QWidget):
    """参评单位库: the pool by tier, its search, import and tier moves."""

    changed = Signal()  # after this view wrote to the workspace
    loaded = Signal()  # after the list shows what the workspace holds (tests, window)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecPool()
        self.ui.setupUi(self)
        self._session: Session | None = None
        self._candidates: dict[str, Candidate] = {}
        self._counts: dict[Tier, int] = {}  # matching candidates per tier (shown or not)
        self._limits: dict[Tier, int] = {}  # rows read per tier, when more than PAGE
        self._scores: dict[str, OfficialScore] = {}
        self._generation = 0  # of the newest read; older answers are dropped
        self._read_once = False  # the open workspace's pool has been read (empty states)
        self.language = i18n.short_code(QLocale().name())
        ui = self.ui
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        header = ui.candidate_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        history = ui.history_table.horizontalHeader()
        history.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        history.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.reload(with_scores=False))
        ui.search_edit.textChanged.connect(lambda _text: self._new_filter())
        ui.tier_filter.currentIndexChanged.connect(lambda _i: self._new_filter(at_once=True))
        ui.candidate_tree.currentItemChanged.connect(lambda *_: self._show_selected())
        ui.candidate_tree.itemActivated.connect(self._activated)
        ui.import_button.clicked.connect(self.choose_import)
        ui.move_button.clicked.connect(self.move_selected)
        self._fill_tier_filter()
        self._show_state()

    def title(self) -> str:
        return self.tr("Pool")

    # ----- the session and reading ----------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        if session is not self._session:
            self._read_once = False
            self._limits = {}
        self._session = session
        self._scores = {}
        if session is None:
            self._generation += 1
            self._candidates = {}
            self._counts = {}
            self.ui.candidate_tree.clear()
        self._show_state()
        if session is not None:
            self.reload(with_scores=True)

    def reload(self, *, with_scores: bool = True) -> None:
        """Read the pool again on a worker (with the official scores unless only the
        search or filter changed); the list is filled when the answer comes."""
        session = self._session
        if session is None:
            return
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        path, search, tier = session.path, self.ui.search_edit.text().strip(), self.tier()
        limits = dict(self._limits)

        def read(progress: Progress) -> PoolRead:
            return _read_pool(path, search, tier, with_scores, limits)

        def show(result: PoolRead) -> None:
            if generation != self._generation or self._session is not session:
                return  # a newer search, or another workspace, has been asked for since
            if result.scores is not None:
                self._scores = result.scores
            self._read_once = True
            self._counts = result.counts
            self._fill(result.candidates)
            self.loaded.emit()

        self.runner.run(
            read, on_success=show, parent=self, error_title=self.tr("Cannot read the pool")
        )

    def _new_filter(self, *, at_once: bool = False) -> None:
        """Another search or tier filter: first pages again."""
        self._limits = {}
        if at_once:
            self.reload(with_scores=False)
        else:
            self._search_timer.start()

    def show_more(self, tier: Tier) -> None:
        """Read the next page of a tier's candidates (the "show more" row)."""
        self._limits[tier] = self._limits.get(tier, PAGE) + PAGE
        self.reload(with_scores=False)

    @Slot(QTreeWidgetItem, int)
    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        more = item.data(0, MORE_ROLE)
        if isinstance(more, str):
            self.show_more(Tier(more))
        else:
            self.move_selected()

    def tier(self) -> Tier | None:
        value = self.ui.tier_filter.currentData()
        return Tier(value) if value else None

    def _fill_tier_filter(self) -> None:
        combo = self.ui.tier_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All tiers"), "")
        for tier in TIER_ORDER:
            combo.addItem(tier.label.get(self.language), tier.value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _fill(self, candidates: list[Candidate]) -> None:
        tree = self.ui.candidate_tree
        selected = self.selected_code()
        tree.blockSignals(True)
        tree.clear()
        self._candidates = {c.credit_code: c for c in candidates}
        groups: dict[Tier, QTreeWidgetItem] = {}
        bold = QFont(tree.font())
        bold.setBold(True)
        reselect: QTreeWidgetItem | None = None
        for tier in TIER_ORDER:
            members = [c for c in candidates if c.tier is tier]
            if not members:
                continue
            group = QTreeWidgetItem(tree)
            count = max(self._counts.get(tier, 0), len(members))
            group.setText(
                0,
                self.tr("{tier} ({count})").format(tier=tier.label.get(self.language), count=count),
            )
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            groups[tier] = group
            for candidate in members:
                item = QTreeWidgetItem(group)
                name = candidate.name
                if candidate.withdrawn:
                    name = self.tr("{name} (withdrawn)").format(name=name)
                    item.setForeground(0, QBrush(tree.palette().color(QPalette.ColorRole.Mid)))
                item.setText(0, name)
                item.setText(1, candidate.county)
                item.setText(2, candidate.industry)
                score = self._scores.get(candidate.credit_code)
                if score is not None:
                    item.setText(3, shown(score.score))
                    item.setToolTip(3, score.round_name)
                    item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, f"{candidate.name}\n{candidate.credit_code}")
                item.setData(0, CODE_ROLE, candidate.credit_code)
                if candidate.credit_code == selected:
                    reselect = item
            if count > len(members):
                more = QTreeWidgetItem(group)
                more.setText(
                    0,
                    self.tr(
                        "{shown} of {count} shown: double-click for {page} more, or search"
                    ).format(shown=len(members), count=count, page=min(PAGE, count - len(members))),
                )
                more.setData(0, MORE_ROLE, tier.value)
                more.setFirstColumnSpanned(True)
                more.setForeground(0, QBrush(tree.palette().color(QPalette.ColorRole.Mid)))
        tree.expandAll()
        tree.blockSignals(False)
        if reselect is not None:
            tree.setCurrentItem(reselect)
        self._show_selected()
        self._show_state()

    def _show_state(self) -> None:
        ui = self.ui
        has_session = self._session is not None
        for widget in (ui.search_edit, ui.tier_filter, ui.import_button):
            widget.setEnabled(has_session)
        ui.move_button.setEnabled(self.selected_candidate() is not None)
        if has_session and not self._read_once:
            ui.count_label.setText(self.tr("Reading the pool…"))
        elif has_session and not self._candidates:
            text = ui.search_edit.text().strip()
            ui.count_label.setText(
                self.tr("No candidates match “{text}”").format(text=text)
                if text
                else self.tr("No candidates yet: import a candidate list")
            )
        else:
            total = max(sum(self._counts.values()), len(self._candidates))
            ui.count_label.setText(
                self.tr("{count} candidates").format(count=total) if has_session else ""
            )

    # ----- the selected candidate ---------------------------------------------------------

    def selected_code(self) -> str | None:
        item = self.ui.candidate_tree.currentItem()
        code = item.data(0, CODE_ROLE) if item is not None else None
        return code if isinstance(code, str) else None

    def selected_candidate(self) -> Candidate | None:
        code = self.selected_code()
        return self._candidates.get(code) if code else None

    def _candidate_items(self) -> list[QTreeWidgetItem]:
        """The candidates' rows, in the list's order (under their tiers' headings)."""
        tree, items = self.ui.candidate_tree, list[QTreeWidgetItem]()
        for index in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(index)
            if group is not None:
                items.extend(
                    child
                    for i in range(group.childCount())
                    if (child := group.child(i)) is not None and child.data(0, CODE_ROLE)
                )
        return items

    def select(self, credit_code: str) -> bool:
        """Select the candidate in the list; False if it is not shown."""
        for item in self._candidate_items():
            if item.data(0, CODE_ROLE) == credit_code:
                self.ui.candidate_tree.setCurrentItem(item)
                return True
        return False

    def shown_codes(self) -> list[str]:
        """Credit codes in the list's order."""
        return [str(item.data(0, CODE_ROLE)) for item in self._candidate_items()]

    def _show_selected(self) -> None:
        ui, candidate = self.ui, self.selected_candidate()
        ui.move_button.setEnabled(candidate is not None)
        ui.details_pane.setEnabled(candidate is not None)
        if candidate is None:
            ui.name_label.setText(self.tr("Select a candidate to see its tier history"))
            for label in (ui.credit_code_value, ui.tier_value, ui.county_value):
                label.clear()
            ui.industry_value.clear()
            ui.score_value.clear()
            ui.history_table.setRowCount(0)
            return
        ui.name_label.setText(f"<b>{candidate.name}</b>")
        ui.credit_code_value.setText(candidate.credit_code)
        ui.tier_value.setText(candidate.tier.label.get(self.language))
        ui.county_value.setText(candidate.county)
        ui.industry_value.setText(candidate.industry)
        score = self._scores.get(candidate.credit_code)
        ui.score_value.setText(
            self.tr("{score} ({round})").format(score=shown(score.score), round=score.round_name)
            if score is not None
            else self.tr("none yet")
        )
        self._fill_history(self._history(candidate))

    def _history(self, candidate: Candidate) -> list[TierChange]:
        if self._session is None:
            return []
        try:
            return self._session.workspace.tier_history(candidate.credit_code)
        except EXPECTED_ERRORS:
            return []

    def _fill_history(self, history: list[TierChange]) -> None:
        table = self.ui.history_table
        table.setRowCount(len(history))
        for row, change in enumerate(history):
            to_tier = change.to_tier.label.get(self.language)
            if change.from_tier is None:
                text = self.tr("entered as {tier}").format(tier=to_tier)
            else:
                text = f"{change.from_tier.label.get(self.language)} → {to_tier}"
            for column, value in enumerate((change.changed_on.isoformat(), text, change.reason)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        table.resizeRowsToContents()

    # ----- moving between tiers ---------------------------------------------------------

    @Slot()
    def move_selected(self) -> None:
        candidate = self.selected_candidate()
        if candidate is None or self._session is None or self.runner.waiting:
            return
        dialog = MoveDialog(candidate, self.language, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.move_candidate(candidate.credit_code, dialog.tier(), dialog.reason())

    def move_candidate(self, credit_code: str, tier: Tier, reason: str) -> bool:
        """Move a candidate to `tier`, recording `reason` in its history; True if done."""
        from qz_evaluator.services.pool import set_tier

        session = self._session
        if session is None:
            return False
        try:
            # One row and its history: quick, and on the window's own connection.
            set_tier(session.workspace, credit_code, tier, reason)
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Cannot move the candidate"))
            return False
        self.changed.emit()
        self.reload(with_scores=False)
        return True

    # ----- import -----------------------------------------------------------------------

    @Slot()
    def choose_import(self) -> None:
        if self._session is None or self.runner.waiting:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import Candidates"),
            "",
            self.tr("Candidate lists (*.csv *.xlsx);;All files (*)"),
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, source: Path) -> ImportReport | None:
        """Show the file's preview and rehearsal; import it if the person says so."""
        preview = self.preview(source)
        if preview is None:
            return None
        dialog = ImportPreviewDialog(source, preview, self)
        self.preview_dialog = dialog  # tests reach the open dialog here
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or preview.report is None:
                return None
        finally:
            self.preview_dialog = None
        return self.run_import(source)

    def preview(self, source: Path) -> ImportPreview | None:
        session = self._session
        if session is None:
            return None
        path = session.path
        try:
            return self.runner.call(
                lambda progress: _preview_import(path, source),
                parent=self,
                label=self.tr("Checking {name}…").format(name=source.name),
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Cannot import candidates"))
            return None

    def run_import(self, source: Path) -> ImportReport | None:
        session = self._session
        if session is None:
            return None
        path = session.path
        try:
            report = self.runner.call(
                lambda progress: _import(path, source),
                parent=self,
                label=self.tr("Importing {name}…").format(name=source.name),
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Cannot import candidates"))
            return None
        self.changed.emit()
        self.reload(with_scores=False)
        QMessageBox.information(
            self,
            self.tr("Candidates imported"),
            self.tr("{created} new candidates, {updated} updated.").format(
                created=report.created, updated=report.updated
            ),
        )
        return report

    # ----- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.language = i18n.short_code(QLocale().name())
            self._fill_tier_filter()
            self._fill(list(self._candidates.values()))
        super().changeEvent(event)

    preview_dialog: ImportPreviewDialog | None = None
