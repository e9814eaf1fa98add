"""The scorecard of one candidate: criteria tree, the selected item's bands, value and
notes, and the running summary.

Every change goes through `ScoringService` at once (autosave) and, once saved, onto the
card's own QUndoStack (all stacks live in one QUndoGroup, the shown card's is active).
Notes are written while typing pauses (TEXT_SAVE_DELAY_MS) and whenever the box loses
focus, another item or candidate is shown, or the window closes: nothing on screen is
ever only on screen for long. The save state is shown in the panel itself, so it stays
in view on a small screen whatever the status bar shows.

Only an explicit choice scores: typed digits then Enter, Alt+1…6 (a band), the arrows,
a click or ↑ ↓ Space in the band list. Focus or the band list's cursor moving never
does, and the band drawn as chosen is always the stored score's (`BandDelegate`).
Plain digits are a typed percentage, never a band: "4" "5" Enter is 45 %.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QListView,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidgetItem,
    QToolButton,
    QTreeWidgetItem,
    QWidget,
)

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.criteria import CriteriaSet, Item, ItemKind
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, TextField
from qz_evaluator.domain.scoring import ScoreSummary, format_points, item_score
from qz_evaluator.domain.text import TextRejected
from qz_evaluator.services.errors import UserError
from qz_evaluator.services.evaluator_session import round_name, status_of
from qz_evaluator.services.scoring import ScorecardChange, ScoringService
from qz_evaluator.ui.band_delegate import CHOSEN_ROLE, BandDelegate
from qz_evaluator.ui.errors import message
from qz_evaluator.ui.generated.ui_scoring_panel import Ui_ScoringPanel
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.undo_commands import SetPercentCommand, SetTextCommand

log = logging.getLogger(__name__)

TEXT_SAVE_DELAY_MS = 250
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
WRITE_ERRORS = (UserError,)

# Plain digits type a percentage (Enter scores it); bands are Alt+1…6 (main window).
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}
MAX_TYPED = 3  # "100" is the longest percentage
UNSCORED_COLOUR = QColor("#b45309")
WARNING_STYLE = "color: #b45309; font-weight: bold;"


def _set_text(row: QTreeWidgetItem, column: int, text: str) -> None:
    """Set a cell's text only when it changes (each change re-lays out the tree)."""
    if row.text(column) != text:
        row.setText(column, text)


class TreeColumn:
    NAME = 0
    POINTS = 1
    PERCENT = 2
    SCORE = 3


class ScoringPanel(QWidget):
    saved = Signal()  # a change reached the store
    card_changed = Signal(object)  # the ScorecardChange the service answered a write with
    problem = Signal(object)  # an exception a person must hear about
    finalise_requested = Signal()  # the Finalise button: the window runs its Finalise action
    export_requested = Signal()  # the Export button: the window runs its Export action

    def __init__(self, parent: QWidget | None = None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.ui = Ui_ScoringPanel()
        self.ui.setupUi(self)
        self.language = language
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self._service: ScoringService | None = None
        self._card: Scorecard | None = None
        self._summary: ScoreSummary | None = None  # of _card, as the service computed it
        self._candidate: Candidate | None = None
        self._criteria: CriteriaSet | None = None
        self._criteria_shown: tuple[str, str] | None = None  # (criteria id, language) of tree
        self._item_rows: dict[str, QTreeWidgetItem] = {}
        self._category_rows: dict[str, QTreeWidgetItem] = {}
        self._item_code: str | None = None
        self._bands_shown: tuple[ItemKind, str] | None = None
        self._loading = False
        self._typed = ""  # digits typed in the tree or band list, waiting for Enter
        self._entry_error = ""  # why the last typed value was refused
        self._comment_limit: int | None = None
        self._saved_at: datetime | None = None
        self._save_failed = False
        # Why the text being typed was refused (a control character, over the limit): it
        # stays in its box to be corrected, shown beside the save state, no dialog.
        self._text_refusal = ""
        self._autosaving = False
        self._value_group = QButtonGroup(self)
        self._value_group.setExclusive(True)
        self._value_group.buttonClicked.connect(self._value_clicked)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._text_timer.timeout.connect(self._autosave)

        self._setup_widgets()

    # ----- setup ---------------------------------------------------------------------

    @property
    def edits(self) -> dict[TextField, QPlainTextEdit]:
        return {
            TextField.STRENGTHS: self.ui.strengths_edit,
            TextField.OFIS: self.ui.ofis_edit,
            TextField.EVIDENCE: self.ui.evidence_edit,
        }

    def _setup_widgets(self) -> None:
        ui = self.ui
        title_font = QFont(ui.candidate_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        ui.candidate_label.setFont(title_font)
        item_font = QFont(ui.item_title.font())
        item_font.setPointSizeF(item_font.pointSizeF() * 1.2)
        item_font.setBold(True)
        ui.item_title.setFont(item_font)
        total_font = QFont(ui.total_value.font())
        total_font.setPointSizeF(total_font.pointSizeF() * 1.3)
        total_font.setBold(True)
        ui.total_value.setFont(total_font)
        ui.total_caption.setFont(total_font)
        score_font = QFont(ui.item_score_label.font())
        score_font.setBold(True)
        ui.item_score_label.setFont(score_font)
        ui.lock_banner.setAutoFillBackground(True)
        ui.lock_banner.setStyleSheet(
            "QLabel { background: #fdf2e2; color: #7a3e00; border: 1px solid #e8c48f;"
            " border-radius: 3px; }"
        )
        ui.lock_banner.hide()

        tree = ui.criteria_tree
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TreeColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (TreeColumn.POINTS, TreeColumn.PERCENT, TreeColumn.SCORE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        tree.currentItemChanged.connect(self._tree_current_changed)
        tree.installEventFilter(self)

        table = ui.category_table
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setMinimumSectionSize(10)

        ui.band_list.setItemDelegate(BandDelegate(ui.band_list))
        ui.band_list.setResizeMode(QListView.ResizeMode.Adjust)
        # A click chooses; the current row moving (focus, Tab, Shift+Tab) never does.
        ui.band_list.clicked.connect(self._band_clicked)
        ui.band_list.installEventFilter(self)
        ui.clear_button.clicked.connect(self.clear_score)
        ui.finalise_button.clicked.connect(lambda: self.finalise_requested.emit())
        ui.export_button.clicked.connect(lambda: self.export_requested.emit())
        ui.entry_label.hide()
        for edit in self.edits.values():
            edit.textChanged.connect(self._text_edited)
            edit.textChanged.connect(self._show_counts)
            edit.installEventFilter(self)
        ui.scoring_splitter.setStretchFactor(0, 2)
        ui.scoring_splitter.setStretchFactor(1, 3)
        ui.left_splitter.setStretchFactor(0, 3)
        ui.left_splitter.setStretchFactor(1, 1)
        ui.item_splitter.setStretchFactor(0, 3)
        ui.item_splitter.setStretchFactor(1, 2)
        self._show_nothing()

    # ----- what is shown -------------------------------------------------------------

    @property
    def card(self) -> Scorecard | None:
        return self._card

    @property
    def criteria(self) -> CriteriaSet | None:
        return self._criteria

    @property
    def current_item_code(self) -> str | None:
        return self._item_code

    @property
    def locked(self) -> bool:
        return self._card is None or self._card.locked

    def undo_stack(self) -> QUndoStack | None:
        return self._stacks.get(self._card.id) if self._card else None

    def show_scorecard(
        self, service: ScoringService, card: Scorecard, candidate: Candidate
    ) -> None:
        """Show `card` (saving what was being typed in the previous one first)."""
        self.finish_typing()
        self._drop_typed()
        keep_item = self._item_code
        self._item_code = None  # the note boxes show nothing that could be saved now
        self._service = service
        self._card = card
        self._candidate = candidate
        self._criteria = service.criteria_for(card.round_code)
        self._summary = card.summary(self._criteria)
        self.set_comment_limit(service.round_settings(card.round_code).comment_limit)
        card_id = card.id
        stack = self._stacks.get(card_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[card_id] = stack
        self.undo_group.setActiveStack(stack)
        self._build_tree()
        self._fill_tree()
        self._show_header()
        self._show_summary()
        self.setEnabled(True)
        codes = [item.code for item in self._criteria.items]
        if keep_item not in codes:
            missing = card.missing_items(self._criteria)
            keep_item = missing[0] if missing and not card.locked else codes[0]
        self.select_item(str(keep_item))

    def clear(self) -> None:
        """Show no scorecard (e.g. the workspace closed); undo history is dropped."""
        self.finish_typing()
        self._drop_typed()
        self._item_code = None
        self._service = None
        self._card = None
        self._summary = None
        self._candidate = None
        active = self.undo_group.activeStack()
        if active is not None:
            active.setActive(False)
        for stack in self._stacks.values():
            stack.deleteLater()
        self._stacks.clear()
        self._show_nothing()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.flush_text()  # the boxes are refilled below: save what is being typed first
        self._loading = True
        try:
            self.ui.retranslateUi(self)
        finally:
            self._loading = False
        if self._card is None:
            self._show_nothing()
            return
        self._build_tree()
        self._fill_tree()
        self._show_header()
        self._show_summary()
        self._set_value_buttons([], None, rebuild=True)  # their texts are translated too
        self._show_item()
        self._show_entry()
        self._show_save_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_nothing(self) -> None:
        ui = self.ui
        ui.criteria_tree.clear()
        self._item_rows.clear()
        self._category_rows.clear()
        self._criteria_shown = None
        ui.candidate_label.clear()
        ui.status_label.clear()
        ui.lock_banner.hide()
        ui.item_title.clear()
        ui.item_meta.clear()
        ui.band_list.clear()
        ui.item_score_label.clear()
        self._set_value_buttons([], None)
        self._loading = True
        try:
            for edit in self.edits.values():
                edit.clear()
        finally:
            self._loading = False
        ui.category_table.setRowCount(0)
        for label in (ui.process_value, ui.results_value, ui.total_value, ui.completeness_value):
            label.clear()
        self._show_entry()
        self._show_counts()
        ui.save_state_label.clear()
        ui.finalise_button.setEnabled(False)
        ui.export_button.setEnabled(False)
        self.setEnabled(False)

    # ----- the criteria tree ---------------------------------------------------------

    def _build_tree(self) -> None:
        criteria = self._criteria
        if criteria is None or self._criteria_shown == (criteria.id, self.language):
            return
        tree = self.ui.criteria_tree
        self._loading = True
        try:
            tree.clear()
            self._item_rows.clear()
            self._category_rows.clear()
            bold = QFont(tree.font())
            bold.setBold(True)
            for category in criteria.categories:
                parent = QTreeWidgetItem(
                    [f"{category.code} {category.name.get(self.language)}", str(category.points)]
                )
                parent.setData(TreeColumn.NAME, ITEM_ROLE, "")  # a category, not an item
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for column in range(4):
                    parent.setFont(column, bold)
                for column in (TreeColumn.POINTS, TreeColumn.PERCENT, TreeColumn.SCORE):
                    parent.setTextAlignment(
                        column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self._category_rows[category.code] = parent
                for item in category.items:
                    row = QTreeWidgetItem(
                        [f"{item.code} {item.name.get(self.language)}", str(item.points)]
                    )
                    row.setData(TreeColumn.NAME, ITEM_ROLE, item.code)
                    row.setToolTip(TreeColumn.NAME, item.name.get(self.language))
                    for column in (TreeColumn.POINTS, TreeColumn.PERCENT, TreeColumn.SCORE):
                        row.setTextAlignment(
                            column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    parent.addChild(row)
                    self._item_rows[item.code] = row
                tree.addTopLevelItem(parent)
            tree.expandAll()
            self._criteria_shown = (criteria.id, self.language)
        finally:
            self._loading = False

    def _fill_tree(self) -> None:
        if self._criteria is None or self._card is None:
            return
        for item in self._criteria.items:
            self._fill_item_row(item)
        summary = self.summary()
        if summary is not None:
            self._fill_category_rows(summary)

    def _fill_item_row(self, item: Item) -> None:
        row = self._item_rows.get(item.code)
        if row is None or self._card is None:
            return
        percent = self._card.entry(item.code).percent
        if percent is None:
            row.setIcon(TreeColumn.NAME, icon("unscored"))
            _set_text(row, TreeColumn.PERCENT, self.tr("unscored"))
            _set_text(row, TreeColumn.SCORE, "")
            row.setForeground(TreeColumn.PERCENT, QBrush(UNSCORED_COLOUR))
            row.setToolTip(TreeColumn.PERCENT, self.tr("Not scored yet"))
        else:
            row.setIcon(TreeColumn.NAME, icon("scored"))
            _set_text(row, TreeColumn.PERCENT, f"{percent}%")
            _set_text(row, TreeColumn.SCORE, format_points(item_score(percent, item.points)))
            row.setForeground(TreeColumn.PERCENT, row.foreground(TreeColumn.POINTS))
            row.setToolTip(TreeColumn.PERCENT, "")

    def _fill_category_rows(self, summary: ScoreSummary) -> None:
        for subtotal in summary.categories:
            row = self._category_rows.get(subtotal.code)
            if row is None:
                continue
            _set_text(row, TreeColumn.PERCENT, f"{subtotal.scored_items}/{subtotal.item_count}")
            _set_text(row, TreeColumn.SCORE, format_points(subtotal.score))

    def item_codes(self) -> list[str]:
        return [item.code for item in self._criteria.items] if self._criteria else []

    def select_item(self, code: str) -> None:
        """Show item `code` (the notes typed for the previous item are saved first)."""
        row = self._item_rows.get(code)
        if row is None:
            return
        tree = self.ui.criteria_tree
        if code != self._item_code:
            self.finish_typing()
            self._drop_typed()
            self._item_code = code
            if tree.currentItem() is not row:
                self._loading = True
                try:
                    tree.setCurrentItem(row)
                finally:
                    self._loading = False
            self._show_item()
        tree.scrollToItem(row)

    def move_item(self, step: int) -> None:
        codes = self.item_codes()
        if not codes:
            return
        index = codes.index(self._item_code) if self._item_code in codes else -step
        self.select_item(codes[max(0, min(len(codes) - 1, index + step))])

    def next_unscored(self) -> bool:
        """Go to the next unscored item after the current one (wrapping); False if none."""
        if self._card is None or self._criteria is None:
            return False
        missing = self._card.missing_items(self._criteria)
        if not missing:
            return False
        codes = self.item_codes()
        start = codes.index(self._item_code) if self._item_code in codes else -1
        ordered = codes[start + 1 :] + codes[: start + 1]
        target = next(code for code in ordered if code in missing)
        self.select_item(target)
        return True

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _tree_current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if self._loading or current is None:
            return
        code = current.data(TreeColumn.NAME, ITEM_ROLE)
        first = current.child(0)
        if not code and first is not None:  # a category: show its first item
            code = first.data(TreeColumn.NAME, ITEM_ROLE)
        if not isinstance(code, str) or not code:
            return
        self.select_item(code)
        row = self._item_rows.get(code)
        if row is not None and self.ui.criteria_tree.currentItem() is not row:
            self._loading = True
            try:
                self.ui.criteria_tree.setCurrentItem(row)
            finally:
                self._loading = False

    # ----- the selected item ---------------------------------------------------------

    def current_item(self) -> Item | None:
        if self._criteria is None or self._item_code is None:
            return None
        return self._criteria.item(self._item_code)

    def _show_header(self) -> None:
        card, candidate, ui = self._card, self._candidate, self.ui
        if card is None or candidate is None:
            return
        ui.candidate_label.setText(candidate.name)
        ui.candidate_label.setToolTip(
            f"{candidate.credit_code}\n{candidate.county} · {candidate.industry}"
        )
        # The list's word for the state (one word per state) and the round's name.
        scored = self._summary.scored_items if self._summary is not None else 0
        status = status_of(card.status.value, scored, False).label.get(self.language)
        service = self._service
        shown_round = round_name(service.workspace, card.round_code) if service else ""
        ui.status_label.setText(
            self.tr("{status} · round {round}").format(status=status, round=shown_round)
        )
        if card.status is ScorecardStatus.FINAL:
            ui.lock_banner.setText(
                self.tr(
                    "Final: this scorecard is locked. To correct it, reopen it from the"
                    " Scorecard menu (the next export becomes a new revision)."
                )
            )
        elif card.status is ScorecardStatus.CONFLICT:
            ui.lock_banner.setText(
                self.tr(
                    "Conflict of interest declared ({reason}): this scorecard is locked."
                ).format(reason=card.conflict_note or "—")
            )
        ui.lock_banner.setVisible(card.locked)
        locked = card.locked
        for edit in self.edits.values():
            edit.setReadOnly(locked)
        ui.band_list.setEnabled(not locked)
        ui.value_buttons.setEnabled(not locked)
        ui.clear_button.setEnabled(not locked)
        ui.finalise_button.setEnabled(not locked)
        ui.export_button.setEnabled(card.status is ScorecardStatus.FINAL)
        self._show_save_state()

    def _show_item(self) -> None:
        item, card, criteria, ui = self.current_item(), self._card, self._criteria, self.ui
        if item is None or card is None or criteria is None:
            return
        entry = card.entry(item.code)
        ui.item_title.setText(f"{item.code} {item.name.get(self.language)}")
        dimensions = "  ".join(
            f"{d.label.get(self.language)} ({d.code})" for d in criteria.dimensions_for(item)
        )
        kind = self.tr("process item") if item.kind is ItemKind.PROCESS else self.tr("results item")
        ui.item_meta.setText(
            self.tr("{points} points · {kind} · judged as a whole on {dimensions}").format(
                points=item.points, kind=kind, dimensions=dimensions
            )
        )
        self._loading = True
        try:
            bands = criteria.bands_for(item)
            if ui.band_list.count() != len(bands) or self._bands_shown != (
                item.kind,
                self.language,
            ):
                ui.band_list.clear()
                for number, band in enumerate(bands, start=1):
                    row = QListWidgetItem(
                        f"{number}  ·  {band.label}\n{band.descriptor.get(self.language)}"
                    )
                    row.setToolTip(band.descriptor.get(self.language))
                    ui.band_list.addItem(row)
                self._bands_shown = (item.kind, self.language)
            percent = entry.percent
            band_index = (
                next(i for i, b in enumerate(bands) if b.contains(percent))
                if percent is not None
                else -1
            )
            for number in range(ui.band_list.count()):
                band_row = ui.band_list.item(number)
                if bool(band_row.data(CHOSEN_ROLE)) != (number == band_index):
                    band_row.setData(CHOSEN_ROLE, number == band_index)
            ui.band_list.setCurrentRow(band_index)
            if band_index < 0:
                ui.band_list.scrollToTop()
            else:
                # Once the rows have their wrapped heights (after this event) show the band.
                QTimer.singleShot(0, self._scroll_to_band)
            values = bands[band_index].values(criteria.step_percent) if band_index >= 0 else []
            self._set_value_buttons(values, percent)
            for field, edit in self.edits.items():
                text = entry.text(field)
                if edit.toPlainText() != text:
                    edit.setPlainText(text)
        finally:
            self._loading = False
        self._show_item_score()
        self._show_counts()

    @Slot()
    def _scroll_to_band(self) -> None:
        row = self.ui.band_list.currentRow()
        if row >= 0:
            self.ui.band_list.scrollToItem(self.ui.band_list.item(row))

    def _show_item_score(self) -> None:
        item, card = self.current_item(), self._card
        if item is None or card is None:
            return
        percent = card.entry(item.code).percent
        if percent is None:
            self.ui.item_score_label.setText(
                self.tr("Not scored: type the percentage and Enter, or a band (Alt+1–6)")
            )
            self.ui.item_score_label.setStyleSheet("color: #b45309;")
        else:
            self.ui.item_score_label.setText(
                self.tr("{percent}% × {points} = {score} points").format(
                    percent=percent,
                    points=item.points,
                    score=format_points(item_score(percent, item.points)),
                )
            )
            self.ui.item_score_label.setStyleSheet("")

    def _set_value_buttons(
        self, values: list[int], percent: int | None, *, rebuild: bool = False
    ) -> None:
        shown = [self._value_group.id(b) for b in self._value_group.buttons()]
        if shown == (values or [-1]) and not rebuild:  # same band: only the checked value changes
            for button in self._value_group.buttons():
                button.setChecked(self._value_group.id(button) == percent)
            return
        layout = self.ui.value_buttons_layout
        for button in self._value_group.buttons():
            self._value_group.removeButton(button)
            layout.removeWidget(button)
            button.deleteLater()
        for value in values:
            button = QToolButton(self.ui.value_buttons)
            button.setText(f"{value}%")
            button.setCheckable(True)
            button.setChecked(value == percent)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(44)
            self._value_group.addButton(button, value)
            layout.addWidget(button)
        if not values:
            hint = QToolButton(self.ui.value_buttons)
            hint.setText(self.tr("choose a band first"))
            hint.setEnabled(False)
            hint.setAutoRaise(True)
            self._value_group.addButton(hint, -1)
            layout.addWidget(hint)

    def value_buttons(self) -> list[QAbstractButton]:
        return [b for b in self._value_group.buttons() if self._value_group.id(b) >= 0]

    # ----- the summary ---------------------------------------------------------------

    def summary(self) -> ScoreSummary | None:
        return self._summary if self._card is not None else None

    def _show_summary(self) -> None:
        summary, criteria, ui = self.summary(), self._criteria, self.ui
        if summary is None or criteria is None:
            return
        ui.process_value.setText(f"{format_points(summary.process)} / {summary.process_points}")
        ui.results_value.setText(f"{format_points(summary.results)} / {summary.results_points}")
        ui.total_value.setText(f"{format_points(summary.total)} / {summary.total_points}")
        ui.completeness_value.setText(summary.completeness)
        ui.completeness_value.setStyleSheet("" if summary.complete else "color: #b45309;")
        table = ui.category_table
        table.setRowCount(len(summary.categories))
        for row, subtotal in enumerate(summary.categories):
            category = criteria.category(subtotal.code)
            cells = (
                f"{category.code} {category.name.get(self.language)}",
                f"{format_points(subtotal.score)} / {subtotal.points}",
                f"{subtotal.scored_items}/{subtotal.item_count}",
            )
            for column, text in enumerate(cells):
                cell = table.item(row, column)
                if cell is None:
                    cell = QTableWidgetItem()
                    if column:
                        cell.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(row, column, cell)
                if cell.text() != text:
                    cell.setText(text)
                    cell.setToolTip(text if column == 0 else "")
        self._fill_category_rows(summary)

    # ----- scoring (what the keys and buttons ask for) --------------------------------

    def set_percent(self, percent: int | None) -> bool:
        """Score the current item (None clears it); saved at once and undoable."""
        item, card = self.current_item(), self._card
        if item is None or card is None or card.locked:
            return False
        self.finish_typing()
        self._drop_typed()  # any explicit score replaces digits typed and not entered
        old = card.entry(item.code).percent
        if old == percent:
            return True
        if not self.write_percent(card.id, item.code, percent):
            return False
        stack = self.undo_stack()
        if stack is not None:
            stack.push(SetPercentCommand(self, card.id, item.code, old, percent))
        return True

    def choose_band(self, index: int) -> bool:
        """Pick band `index` (0 = lowest); keeps the value if it is already in that band."""
        item, card, criteria = self.current_item(), self._card, self._criteria
        if item is None or card is None or criteria is None:
            return False
        bands = criteria.bands_for(item)
        if not 0 <= index < len(bands):
            return False
        percent = card.entry(item.code).percent
        if percent is not None and bands[index].contains(percent):
            return True
        return self.set_percent(bands[index].low)

    def step_value(self, steps: int) -> bool:
        """Move the current item's value by `steps` × the step (5 %), within 0–100 %."""
        item, card, criteria = self.current_item(), self._card, self._criteria
        if item is None or card is None or criteria is None:
            return False
        percent = card.entry(item.code).percent
        if percent is None:
            if steps < 0:
                return False
            return self.set_percent(0)
        target = max(0, min(100, percent + steps * criteria.step_percent))
        return self.set_percent(target)

    @Slot()
    def clear_score(self) -> bool:
        return self.set_percent(None)

    @Slot(QAbstractButton)
    def _value_clicked(self, button: QAbstractButton) -> None:
        value = self._value_group.id(button)
        if value >= 0:
            self.set_percent(value)

    @Slot(QModelIndex)
    def _band_clicked(self, index: QModelIndex) -> None:
        if not self._loading and index.isValid():
            self.choose_band(index.row())

    def shown_band(self) -> int:
        """The band drawn as chosen (0 = lowest), -1 when the item is not scored."""
        band_list = self.ui.band_list
        for row in range(band_list.count()):
            if band_list.item(row).data(CHOSEN_ROLE):
                return row
        return -1

    def step_band(self, steps: int) -> bool:
        """The next band up (+1) or down (−1) from the scored one; from none, the lowest."""
        current = self.shown_band()
        if current < 0:
            return self.choose_band(0) if steps > 0 else False
        return self.choose_band(max(0, min(self.ui.band_list.count() - 1, current + steps)))

    # ----- typed percentages ------------------------------------------------------------

    @property
    def typed_value(self) -> str:
        """Digits typed for the current item and not yet entered."""
        return self._typed

    def enter_percent(self, text: str) -> bool:
        """Score the current item with a typed percentage; a value that is not 0–100 in
        the round's steps is refused with a message beside the scorecard."""
        self._typed = ""
        criteria = self._criteria
        if criteria is None or self.current_item() is None or self.locked:
            self._show_entry()
            return False
        step = criteria.step_percent
        value = int(text) if text.isdigit() else -1
        if not 0 <= value <= 100 or value % step:
            self._entry_error = self.tr(
                "{value}% is not a score: type 0–100 in steps of {step}%"
            ).format(value=text, step=step)
            self._show_entry()
            return False
        self._entry_error = ""
        self._show_entry()
        return self.set_percent(value)

    def _type_digit(self, digit: str) -> None:
        if self.locked:
            return
        self._entry_error = ""
        if len(self._typed) < MAX_TYPED:
            self._typed += digit
        self._show_entry()

    def _drop_typed(self) -> None:
        if self._typed or self._entry_error:
            self._typed = ""
            self._entry_error = ""
            self._show_entry()

    def _show_entry(self) -> None:
        label = self.ui.entry_label
        if self._entry_error:
            label.setText(self._entry_error)
            label.setStyleSheet(WARNING_STYLE)
        elif self._typed:
            label.setText(
                self.tr("Typed {value}%: Enter scores it, Esc cancels").format(value=self._typed)
            )
            label.setStyleSheet("")
        else:
            label.clear()
        label.setVisible(bool(self._entry_error or self._typed))

    # ----- what is saved, and how long the notes are ---------------------------------------

    def _show_save_state(self, *, pending: bool = False) -> None:
        label = self.ui.save_state_label
        if self._card is None:
            label.clear()
            return
        if self._text_refusal:
            label.setText(self.tr("Not saved: {why}").format(why=self._text_refusal))
            label.setStyleSheet(WARNING_STYLE)
            return
        if self._save_failed:
            label.setText(self.tr("Not saved: the last change failed"))
            label.setStyleSheet(WARNING_STYLE)
            return
        if pending:
            text = self.tr("Saving…")
        elif self._saved_at is None:
            text = self.tr("Saved")
        else:
            text = self.tr("Saved at {time}").format(time=self._saved_at.strftime("%H:%M:%S"))
        label.setText(text)
        label.setStyleSheet("")

    def set_comment_limit(self, limit: int | None) -> None:
        """Warn (without refusing) when a note is longer than `limit` characters; None: never."""
        self._comment_limit = limit if limit is not None and limit > 0 else None
        self._show_counts()

    @property
    def comment_limit(self) -> int | None:
        return self._comment_limit

    def counters(self) -> dict[TextField, QLabel]:
        return {
            TextField.STRENGTHS: self.ui.strengths_count,
            TextField.OFIS: self.ui.ofis_count,
            TextField.EVIDENCE: self.ui.evidence_count,
        }

    @Slot()
    def _show_counts(self) -> None:
        limit, counters = self._comment_limit, self.counters()
        for field, edit in self.edits.items():
            label = counters[field]
            if self._card is None:
                label.clear()
                continue
            # Characters as a person counts them (code points), not UTF-16 units.
            count = len(edit.toPlainText())
            if limit is None:
                text = self.tr("{count} characters").format(count=count)
            elif count > limit:
                text = self.tr("{count} characters: longer than the round's {limit}").format(
                    count=count, limit=limit
                )
            else:
                text = self.tr("{count} / {limit} characters").format(count=count, limit=limit)
            label.setText(text)
            label.setStyleSheet(WARNING_STYLE if limit is not None and count > limit else "")

    # ----- notes -----------------------------------------------------------------------

    @Slot()
    def _text_edited(self) -> None:
        if self._loading or self.locked:
            return
        self._text_timer.start()
        self._show_save_state(pending=True)

    @Slot()
    def _autosave(self) -> None:
        """A pause in typing: save, and show a refused text beside the save state (the
        person is still typing it) rather than in a dialog."""
        self._autosaving = True
        try:
            self.flush_text()
        finally:
            self._autosaving = False

    def flush_text(self) -> bool:
        """Save what the note boxes show for the current item; True if nothing is pending."""
        self._text_timer.stop()
        item, card = self.current_item(), self._card
        if item is None or card is None or card.locked:
            return True
        self._show_save_state()  # nothing pending once this returns (or it failed)
        ok = True
        for field, edit in self.edits.items():
            text = edit.toPlainText()
            old = card.entry(item.code).text(field)
            if text == old:
                continue
            if self.write_text(card.id, item.code, field, text):
                stack = self.undo_stack()
                if stack is not None:
                    stack.push(SetTextCommand(self, card.id, item.code, field, old, text))
            else:
                ok = False
            card = self._card
            if card is None:
                return False
        return ok

    def finish_typing(self) -> bool:
        """Save pending notes and end the typing session (the next typing is a new undo step)."""
        ok = self.flush_text()
        stack = self.undo_stack()
        if stack is not None and stack.index() > 0:
            top = stack.command(stack.index() - 1)
            if isinstance(top, SetTextCommand):
                top.typing = False
        return ok

    def undo(self) -> None:
        self.finish_typing()
        stack = self.undo_stack()
        if stack is not None and stack.canUndo():
            stack.undo()

    def redo(self) -> None:
        self.finish_typing()
        stack = self.undo_stack()
        if stack is not None and stack.canRedo():
            stack.redo()

    # ----- writing through the services (also what undo commands call) ----------------

    def write_percent(self, card_id: int, item_code: str, percent: int | None) -> bool:
        card = self._card_for(card_id)
        if card is None or self._service is None:
            return False
        try:
            change = self._service.set_percent(card, item_code, percent)
        except WRITE_ERRORS as error:
            self._write_failed(error)
            return False
        self._after_write(change, item_code)
        return True

    def write_text(self, card_id: int, item_code: str, field: TextField, text: str) -> bool:
        card = self._card_for(card_id)
        if card is None or self._service is None:
            return False
        try:
            change = self._service.set_text(card, item_code, field, text)
        except TextRejected as error:
            if not self._autosaving:
                self._write_failed(error)  # leaving the item: say so, show what is stored
                return False
            # Typing on: the text stays in its box to be corrected.
            self._text_refusal = message(error)
            self._show_save_state()
            return False
        except WRITE_ERRORS as error:
            self._write_failed(error)
            return False
        self._after_write(change, item_code)
        return True

    def _card_for(self, card_id: int) -> Scorecard | None:
        card = self._card
        return card if card is not None and card.id == card_id else None

    def _after_write(self, change: ScorecardChange, item_code: str) -> None:
        self._card, self._summary = change.card, change.summary
        if self._criteria is not None:
            self._fill_item_row(self._criteria.item(item_code))
        self._show_header()  # "not started" becomes "in progress" with the first score
        self._show_summary()
        if item_code != self._item_code:
            self.select_item(item_code)  # an undo elsewhere: show what changed
        else:
            self._show_item()
        self._saved_at, self._save_failed, self._text_refusal = datetime.now(), False, ""
        self._show_save_state()
        self.saved.emit()
        self.card_changed.emit(change)

    def _write_failed(self, error: Exception) -> None:
        """Show the store's truth again, drop undo history that may no longer hold, report."""
        log.info("scorecard change not saved: %s", error)
        self._save_failed, self._text_refusal = True, ""
        self.reload(save_typing=False)
        stack = self.undo_stack()
        if stack is not None:
            stack.clear()
        self.problem.emit(error)

    def forget_history(self, card_ids: list[int]) -> None:
        """Drop the undo history of cards changed from outside the panel (a score sheet):
        undoing a key press there would overwrite what was imported since."""
        for card_id in card_ids:
            stack = self._stacks.get(card_id)
            if stack is not None:
                stack.clear()

    def reload(self, *, save_typing: bool = True) -> ScorecardChange | None:
        """Read the shown scorecard again from the store (e.g. after a failed change)."""
        if self._service is None or self._card is None:
            return None
        if save_typing:
            self.flush_text()
        try:
            change = self._service.current(self._card)
        except WRITE_ERRORS as error:
            log.info("cannot re-read the scorecard: %s", error)
            return None
        self.apply_change(change)
        return change

    def apply_change(self, change: ScorecardChange) -> None:
        """Show the card a status change (finalise, reopen, conflict) left behind."""
        if self._card is None or change.card.id != self._card.id:
            return
        self._card, self._summary = change.card, change.summary
        self._fill_tree()
        self._show_header()
        self._show_summary()
        self._show_item()
        if change.card.locked:
            stack = self.undo_stack()
            if stack is not None:
                stack.clear()

    # ----- keys ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        edits = list(self.edits.values())
        if watched in edits:
            if event.type() == QEvent.Type.FocusOut:
                self.finish_typing()
            elif event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                # Our undo stack, not the box's own, owns Ctrl+Z / Ctrl+Shift+Z.
                if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                    QKeySequence.StandardKey.Redo
                ):
                    event.ignore()
                    return True
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.ui.criteria_tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        elif (
            watched in (self.ui.criteria_tree, self.ui.band_list)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            return self._scoring_key(event, watched is self.ui.criteria_tree)
        return super().eventFilter(watched, event)

    def _scoring_key(self, event: QKeyEvent, in_tree: bool) -> bool:
        """Plain keys of keyboard scoring (documented in Help ▸ Keyboard)."""
        if event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return False
        key = Qt.Key(event.key())
        if key in DIGIT_KEYS:
            self._type_digit(DIGIT_KEYS[key])
            return True
        if self._typed and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_percent(self._typed)
            return True
        if self._typed and key == Qt.Key.Key_Backspace:
            self._typed = self._typed[:-1]
            self._show_entry()
            return True
        if key == Qt.Key.Key_Escape and (self._typed or self._entry_error):
            self._drop_typed()
            return True
        if key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            self._drop_typed()  # any other key ends the typed value
        if not in_tree:
            handled = self._band_list_key(key)
            if handled is not None:
                return handled
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.step_value(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Minus):
            self.step_value(-1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_score()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.ui.strengths_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif in_tree and key == Qt.Key.Key_Down:
            self.move_item(1)
        elif in_tree and key == Qt.Key.Key_Up:
            self.move_item(-1)
        elif in_tree and key == Qt.Key.Key_Home:
            self.move_item(-len(self.item_codes()))
        elif in_tree and key == Qt.Key.Key_End:
            self.move_item(len(self.item_codes()))
        else:
            return False
        return True

    def _band_list_key(self, key: Qt.Key) -> bool | None:
        """Keys that move in the band list choose explicitly (the list's own handling would
        move its cursor without scoring); None: not a band list key."""
        band_list = self.ui.band_list
        if key == Qt.Key.Key_Down:
            self.step_band(1)
        elif key == Qt.Key.Key_Up:
            self.step_band(-1)
        elif key == Qt.Key.Key_Home:
            self.choose_band(0)
        elif key == Qt.Key.Key_End:
            self.choose_band(band_list.count() - 1)
        elif key == Qt.Key.Key_Space:
            if band_list.currentRow() >= 0:
                self.choose_band(band_list.currentRow())
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            pass  # would only move the cursor
        else:
            return None
        return True

    # ----- layout ----------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        return {
            "scoring": self.ui.scoring_splitter,
            "left": self.ui.left_splitter,
            "item": self.ui.item_splitter,
        }
