"""The consensus view, the one a panel meets around (often on a projector): per candidate,
every member's percentage per item side by side with their category subtotals and
totals, the divergent items highlighted with their spread, each member's strengths and
OFIs next to each other, and the leader's agreed percentage and note for a divergent
item. The candidate is made final as soon as no divergence is left open, or the view
says what else keeps it from being final.

Figures come from `services.consensus` (one computation of the round, on a worker with
its own connection); this view only lays them out. Writes go through the task runner.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from qz_evaluator.domain.roster import Level
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.services.consensus import (
    CandidateConsensus,
    CandidateSummary,
    ConsensusRead,
    ConsensusRecorded,
    ItemRow,
    Member,
)
from qz_evaluator.services.session import Role, Session, open_workspace
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import EXPECTED_ERRORS, message, phrase_text, show_error
from qz_evaluator.ui.generated.ui_sec_consensus import Ui_SecConsensus
from qz_evaluator.ui.tasks import Progress, TaskRunner

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # a matrix row's item code ("" for a subtotal)
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # a chooser row's credit code
TEXT_SCALE = 1.2  # the matrix is read from the back of a meeting room

OPEN_COLOUR = QColor("#fbd9d3")  # divergent, not agreed yet
AGREED_COLOUR = QColor("#d7f0dc")  # divergent, agreed
SUBTOTAL_COLOUR = QColor("#e8ecf2")
ERROR_COLOUR = "#b3261e"
FINAL_COLOUR = "#1b7a3a"


REOPENED_MARK = "↺"  # beside a member's percentage that changed after a reopen


def reopened_tip(item: ItemRow, member: int) -> str | None:
    """A member's cell tooltip when the signed edit history shows the score changed after
    the scorecard was reopened: from what to what ("↺ 70%→60% after reopen")."""
    if not item.reopened or (change := item.reopened[member]) is None:
        return None
    before, after = ("—" if v is None else f"{v}%" for v in change)
    return QCoreApplication.translate(
        "SecConsensus", "{mark} {before}→{after} after reopen (signed edit history)"
    ).format(mark=REOPENED_MARK, before=before, after=after)


def summary_state(summary: CandidateSummary) -> str:
    """The chooser's word on a candidate: final, open divergences, or what it waits for."""
    if summary.final:
        return QCoreApplication.translate("SecConsensus", "Final · {official}").format(
            official=summary.official
        )
    parts = []
    if summary.open:
        parts.append(
            QCoreApplication.translate("SecConsensus", "{count} to agree").format(
                count=summary.open
            )
        )
    if summary.missing - summary.conflicts > 0:
        parts.append(
            QCoreApplication.translate("SecConsensus", "{count} missing").format(
                count=summary.missing - summary.conflicts
            )
        )
    if summary.conflicts:
        parts.append(
            QCoreApplication.translate("SecConsensus", "{count} in conflict").format(
                count=summary.conflicts
            )
        )
    if not parts:
        parts.append(QCoreApplication.translate("SecConsensus", "ready to be final"))
    return " · ".join(parts)


class SecConsensusView(QWidget):
    """Consensus (合议): the panel's matrix, divergences, texts and agreed percentages."""

    changed = Signal()  # after this view wrote to the workspace
    loaded = Signal()  # after the view shows what the workspace holds (tests)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecConsensus()
        self.ui.setupUi(self)
        self.session: Session | None = None
        self.round_code: str | None = None  # the round shown
        self.wanted_round: str | None = None  # the window's round (None: the latest)
        self.summaries: list[CandidateSummary] = []
        self.consensus: CandidateConsensus | None = None
        self._generation = 0  # of the newest read; older answers are dropped
        self._filling = False
        ui = self.ui
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 4)
        ui.splitter.setSizes([300, 1000])
        ui.detail_splitter.setStretchFactor(0, 2)
        ui.detail_splitter.setStretchFactor(1, 1)
        ui.detail_splitter.setSizes([420, 280])
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * TEXT_SCALE)
        ui.matrix_table.setFont(big)
        heading = QFont(big)
        heading.setBold(True)
        ui.heading_label.setFont(heading)
        chooser = ui.candidate_table.horizontalHeader()
        chooser.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        chooser.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        texts = ui.texts_table.horizontalHeader()
        texts.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        texts.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        texts.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        texts.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        ui.texts_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Rows are as tall as their wrapped texts at the columns' width: a scroll bar that
        # came and went would narrow the columns after the rows were measured.
        ui.texts_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # The item and what to do with it, in two lines however little room is left.
        ui.item_label.setMinimumHeight(2 * ui.item_label.fontMetrics().lineSpacing() + 4)
        ui.note_edit.setMinimumHeight(3 * ui.note_edit.fontMetrics().lineSpacing())
        ui.consensus_group.setMinimumWidth(380)
        ui.item_layout.setStretch(0, 5)
        ui.item_layout.setStretch(1, 2)
        ui.candidate_table.itemSelectionChanged.connect(self._candidate_chosen)
        ui.matrix_table.itemSelectionChanged.connect(self._item_chosen)
        ui.keep_check.toggled.connect(lambda keep: ui.percent_edit.setEnabled(not keep))
        ui.record_button.clicked.connect(self.record)
        ui.finalise_button.clicked.connect(self.finalise)
        ui.percent_edit.returnPressed.connect(ui.note_edit.setFocus)
        # Ctrl+Enter records from anywhere in the form; Ctrl+PgDn/PgUp change candidate.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), ui.consensus_group)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step_candidate(s))
        self._show_candidate()

    def title(self) -> str:
        return QCoreApplication.translate("SecConsensus", "Consensus")

    @property
    def language(self) -> str:
        return i18n.short_code(QLocale().name())

    # ----- the session and reading ----------------------------------------------------

    def set_round(self, round_code: str | None) -> None:
        """Meet over this round (the window's choice; None: the latest)."""
        if round_code == self.wanted_round:
            return
        self.wanted_round = round_code
        self.consensus = None  # a candidate of another round
        if self.session is not None:
            self.reload()

    def set_session(self, session: Session | None) -> None:
        changed_workspace = session is not self.session
        self.session = session
        if changed_workspace:  # nothing of the previous workspace stays on screen
            self._generation += 1
            self.summaries, self.consensus = [], None
            self._fill_candidates()
            self._show_candidate()
        if session is None or session.role is not Role.SECRETARIAT:
            self._generation += 1
            self.round_code = None
            self.summaries, self.consensus = [], None
            self._fill_candidates()
            self._show_candidate()
            return
        self.reload()

    def reload(self, credit_code: str | None = None, *, with_candidates: bool = True) -> None:
        """Read the round's candidates and the chosen one again, on a worker (only the
        chosen one when moving between candidates: the chooser is up to date)."""
        session = self.session
        if session is None:
            return
        from qz_evaluator.services.evaluator_session import chosen_round

        round_ = chosen_round(session.workspace, self.wanted_round)
        if round_ is None:
            self.round_code, self.summaries, self.consensus = None, [], None
            self._fill_candidates()
            self._show_candidate()
            self.loaded.emit()
            return
        self.round_code = round_.code
        if self.consensus is None:  # not "no scorecards yet" before the round is read
            self.ui.heading_label.setText(
                QCoreApplication.translate("SecConsensus", "Reading the round's scorecards…")
            )
        wanted = credit_code or (self.consensus.candidate.credit_code if self.consensus else None)
        self._generation += 1
        generation, path, round_code = self._generation, session.path, round_.code

        def read(progress: Progress) -> ConsensusRead:
            from qz_evaluator.services import consensus

            with open_workspace(path) as workspace:
                return consensus.read(
                    workspace, round_code, wanted, with_candidates=with_candidates
                )

        def show(found: ConsensusRead) -> None:
            if generation != self._generation or self.session is not session:
                return  # a newer read, or another workspace, was asked for since
            if with_candidates:
                self.summaries = list(found.candidates)
            self._show(found.chosen)
            self.loaded.emit()

        self.runner.run(
            read,
            on_success=show,
            parent=self,
            error_title=QCoreApplication.translate("SecConsensus", "Cannot read the consensus"),
        )

    def _show(self, chosen: CandidateConsensus | None, item_code: str | None = None) -> None:
        self.consensus = chosen
        self._fill_candidates()
        self._show_candidate(item_code)

    # ----- the chooser ----------------------------------------------------------------

    def _fill_candidates(self) -> None:
        table = self.ui.candidate_table
        self._filling = True
        try:
            table.setRowCount(len(self.summaries))
            chosen = self.consensus.candidate.credit_code if self.consensus else None
            for row, summary in enumerate(self.summaries):
                name = QTableWidgetItem(summary.name)
                name.setData(CODE_ROLE, summary.credit_code)
                name.setToolTip(f"{summary.name}\n{summary.credit_code}")
                state = QTableWidgetItem(summary_state(summary))
                if summary.final:
                    state.setForeground(QBrush(QColor(FINAL_COLOUR)))
                elif summary.open or summary.missing:
                    state.setForeground(QBrush(QColor(ERROR_COLOUR)))
                table.setItem(row, 0, name)
                table.setItem(row, 1, state)
                if summary.credit_code == chosen:
                    table.selectRow(row)
        finally:
            self._filling = False

    def chosen_code(self) -> str | None:
        rows = self.ui.candidate_table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.ui.candidate_table.item(rows[0].row(), 0)
        return str(cell.data(CODE_ROLE)) if cell is not None else None

    def choose(self, credit_code: str) -> None:
        """Show this candidate (read on a worker; `loaded` when shown)."""
        for row, summary in enumerate(self.summaries):
            if summary.credit_code == credit_code:
                self.ui.candidate_table.selectRow(row)
                return

    def step_candidate(self, step: int) -> None:
        table = self.ui.candidate_table
        if not self.summaries:
            return
        rows = table.selectionModel().selectedRows()
        current = rows[0].row() if rows else -1
        table.selectRow(max(0, min(len(self.summaries) - 1, current + step)))

    @Slot()
    def _candidate_chosen(self) -> None:
        if self._filling:
            return
        code = self.chosen_code()
        if code is not None and (
            self.consensus is None or code != self.consensus.candidate.credit_code
        ):
            self.reload(code, with_candidates=False)

    # ----- one candidate --------------------------------------------------------------

    def _member_heading(self, member: Member) -> str:
        # The level in a word: five columns of headings fit beside the items.
        level = (
            QCoreApplication.translate("SecConsensus", "Provincial")
            if member.level is Level.PROVINCIAL
            else QCoreApplication.translate("SecConsensus", "Municipal")
        )
        if member.leader:
            level = QCoreApplication.translate("SecConsensus", "★ Leader · {level}").format(
                level=level
            )
        return f"{member.evaluator_code} {member.name}\n{level}"

    def _show_candidate(self, item_code: str | None = None) -> None:
        ui, shown = self.ui, self.consensus
        has = shown is not None
        for widget in (ui.matrix_table, ui.texts_table, ui.consensus_group):
            widget.setEnabled(has)
        if shown is None:
            ui.heading_label.setText(
                QCoreApplication.translate(
                    "SecConsensus",
                    "No merged scorecards in this round yet: merge them in the Inbox.",
                )
                if self.session is not None and self.round_code is not None
                else ""
            )
            ui.state_label.setText("")
            ui.matrix_table.clear()
            ui.matrix_table.setRowCount(0)
            ui.matrix_table.setColumnCount(0)
            ui.texts_table.setRowCount(0)
            self._show_item(None)
            return
        candidate = shown.candidate
        official = shown.official_text or "—"
        ui.heading_label.setText(
            QCoreApplication.translate(
                "SecConsensus", "{name}  ·  official score {official} ({rule})"
            ).format(name=candidate.name, official=official, rule=shown.rule_id)
        )
        ui.heading_label.setToolTip(shown.rule_description.get(self.language))
        ui.state_label.setText(self._state_text(shown))
        colour = FINAL_COLOUR if shown.final else ERROR_COLOUR if shown.blockers else ""
        ui.state_label.setStyleSheet(f"color: {colour};" if colour else "")
        ui.finalise_button.setEnabled(not shown.final and not shown.blockers)
        self._fill_matrix(shown)
        wanted = item_code
        if wanted is None or not any(row.code == wanted for row in shown.items):
            wanted = shown.open_items[0] if shown.open_items else None
        self.select_item(wanted)

    def _state_text(self, shown: CandidateConsensus) -> str:
        lines = []
        divergent = sum(1 for row in shown.items if row.divergent)
        lines.append(
            QCoreApplication.translate(
                "SecConsensus",
                "{members} of {panel} scorecards · {divergent} divergent items (spread ≥"
                " {threshold} points), {open} still to agree",
            ).format(
                members=len(shown.members),
                panel=len(shown.members) + len(shown.missing),
                divergent=divergent,
                threshold=shown.threshold,
                open=len(shown.open_items),
            )
        )
        if shown.missing:
            lines.append(
                QCoreApplication.translate("SecConsensus", "Missing: {members}").format(
                    members="、".join(f"{m.evaluator_code} {m.name}" for m in shown.missing)
                )
            )
        if shown.final:
            lines.append(QCoreApplication.translate("SecConsensus", "The result is final."))
        elif shown.blockers:
            lines.append(
                QCoreApplication.translate("SecConsensus", "Cannot be final yet: {reasons}").format(
                    reasons="; ".join(phrase_text(reason) for reason in shown.blockers)
                )
            )
        else:
            lines.append(
                QCoreApplication.translate(
                    "SecConsensus", "Nothing is left open: the result can be made final."
                )
            )
        lines.append(
            QCoreApplication.translate(
                "SecConsensus", "Official score by {rule}: {description}"
            ).format(rule=shown.rule_id, description=shown.rule_description.get(self.language))
        )
        return "\n".join(lines)

    def _fill_matrix(self, shown: CandidateConsensus) -> None:
        table = self.ui.matrix_table
        language = self.language
        members = shown.members
        first = 2  # item, points, then one column per member
        spread_column = first + len(members)
        headings = [
            QCoreApplication.translate("SecConsensus", "Item"),
            QCoreApplication.translate("SecConsensus", "Points"),
            *(self._member_heading(m) for m in members),
            QCoreApplication.translate("SecConsensus", "Spread"),
            QCoreApplication.translate("SecConsensus", "Agreed %"),
        ]
        table.blockSignals(True)
        try:
            table.clear()
            table.setColumnCount(len(headings))
            table.setHorizontalHeaderLabels(headings)
            rows: list[tuple[str, list[str], QColor | None, bool, ItemRow | None]] = []
            by_category: dict[str, list[ItemRow]] = {}
            for entry in shown.items:
                by_category.setdefault(entry.category_code, []).append(entry)
            for category in shown.categories:
                rows.append(
                    (
                        "",
                        [
                            f"{category.code} {category.name.get(language)}",
                            str(category.points),
                            *category.subtotals,
                            "",
                            "",
                        ],
                        SUBTOTAL_COLOUR,
                        True,
                        None,
                    )
                )
                for entry in by_category.get(category.code, []):
                    rows.append((entry.code, self._item_cells(entry, language), None, False, entry))
            for label, values in (
                (
                    QCoreApplication.translate("SecConsensus", "Process"),
                    [t.process for t in shown.totals],
                ),
                (
                    QCoreApplication.translate("SecConsensus", "Results"),
                    [t.results for t in shown.totals],
                ),
                (
                    QCoreApplication.translate("SecConsensus", "Total"),
                    [t.total for t in shown.totals],
                ),
            ):
                rows.append(("", [label, "", *values, "", ""], SUBTOTAL_COLOUR, True, None))
            table.setRowCount(len(rows))
            bold = QFont(table.font())
            bold.setBold(True)
            for row, (code, cells, background, strong, item) in enumerate(rows):
                if item is not None and item.divergent:
                    background = OPEN_COLOUR if item.open else AGREED_COLOUR
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setData(ITEM_ROLE, code)
                    if column >= 1:
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if background is not None:
                        cell.setBackground(QBrush(background))
                    if strong:
                        cell.setFont(bold)
                        # Subtotals are read, not chosen: the keyboard passes over them.
                        cell.setFlags(Qt.ItemFlag.NoItemFlags)
                        cell.setForeground(QBrush(self.palette().text().color()))
                    elif item is not None and item.divergent:
                        percent = (
                            item.percentages[column - first]
                            if first <= column < spread_column
                            else None
                        )
                        # The extremes and the spread of a divergent item stand out.
                        if column == spread_column or (
                            percent is not None and percent in (item.lowest, item.highest)
                        ):
                            cell.setFont(bold)
                    if item is not None and column == 0:
                        cell.setToolTip(f"{item.code} {item.name.get(language)}")
                    if (
                        item is not None
                        and first <= column < spread_column
                        and (tip := reopened_tip(item, column - first)) is not None
                    ):
                        cell.setToolTip(tip)
                    table.setItem(row, column, cell)
        finally:
            table.blockSignals(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headings)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _item_cells(self, item: ItemRow, language: str) -> list[str]:
        percentages = [
            ("—" if p is None else str(p)) + (f" {REOPENED_MARK}" if changed else "")
            for p, changed in zip(
                item.percentages, item.reopened or (None,) * len(item.percentages), strict=True
            )
        ]
        spread = "" if item.spread is None else str(item.spread)
        if item.note is None:
            agreed = (
                QCoreApplication.translate("SecConsensus", "to agree") if item.divergent else ""
            )
        elif item.note.agreed_percent is None:
            agreed = QCoreApplication.translate("SecConsensus", "kept")
        else:
            agreed = str(item.note.agreed_percent)
        return [
            f"{item.code} {item.name.get(language)}",
            str(item.points),
            *percentages,
            spread,
            agreed,
        ]

    def item_row(self, item_code: str) -> int:
        table = self.ui.matrix_table
        for row in range(table.rowCount()):
            cell = table.item(row, 0)
            if cell is not None and cell.data(ITEM_ROLE) == item_code:
                return row
        return -1

    def select_item(self, item_code: str | None) -> None:
        table = self.ui.matrix_table
        row = self.item_row(item_code) if item_code else -1
        if row < 0:
            table.clearSelection()
            self._show_item(None)
            return
        table.setCurrentCell(row, 0)
        table.selectRow(row)
        table.scrollTo(table.model().index(row, 0))
        self._show_item(item_code)

    def selected_item(self) -> ItemRow | None:
        shown = self.consensus
        rows = self.ui.matrix_table.selectionModel().selectedRows()
        if shown is None or not rows:
            return None
        cell = self.ui.matrix_table.item(rows[0].row(), 0)
        code = cell.data(ITEM_ROLE) if cell is not None else ""
        return shown.item(code) if code else None

    @Slot()
    def _item_chosen(self) -> None:
        item = self.selected_item()
        self._show_item(item.code if item else None)

    def _show_item(self, item_code: str | None) -> None:
        ui, shown = self.ui, self.consensus
        item = shown.item(item_code) if shown is not None and item_code else None
        ui.feedback_label.setText("")
        texts = ui.texts_table
        if item is None or shown is None:
            texts.setRowCount(0)
            ui.item_label.setText(
                QCoreApplication.translate(
                    "SecConsensus", "Choose an item to see what each member wrote."
                )
            )
            for widget in (ui.percent_edit, ui.keep_check, ui.note_edit, ui.record_button):
                widget.setEnabled(False)
            return
        texts.setRowCount(len(shown.members))
        for row, member in enumerate(shown.members):
            percent = item.percentages[row]
            cells = [
                f"{member.evaluator_code} {member.name}" + (" ★" if member.leader else ""),
                "—" if percent is None else f"{percent}%",
                item.strengths[row],
                item.ofis[row],
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(
                    Qt.AlignmentFlag.AlignTop
                    | (Qt.AlignmentFlag.AlignHCenter if column == 1 else Qt.AlignmentFlag.AlignLeft)
                )
                texts.setItem(row, column, cell)
        texts.resizeRowsToContents()
        name = f"{item.code} {item.name.get(self.language)}"
        can_write = item.divergent
        if not item.divergent:
            ui.item_label.setText(
                QCoreApplication.translate(
                    "SecConsensus",
                    "{item}: spread {spread} points, below {threshold}: nothing to agree.",
                ).format(item=name, spread=item.spread or 0, threshold=shown.threshold)
            )
        elif item.note is None:
            ui.item_label.setText(
                QCoreApplication.translate(
                    "SecConsensus",
                    "{item}: spread {spread} points. The leader {leader} records the agreed"
                    " percentage and why.",
                ).format(item=name, spread=item.spread, leader=self._leader_text(shown))
            )
        else:
            ui.item_label.setText(
                QCoreApplication.translate(
                    "SecConsensus", "{item}: agreed, noted by {author}. Record again to change it."
                ).format(item=name, author=item.note.author)
            )
        for widget in (ui.keep_check, ui.note_edit, ui.record_button):
            widget.setEnabled(can_write)
        note = item.note
        ui.keep_check.setChecked(note is not None and note.agreed_percent is None)
        ui.percent_edit.setEnabled(can_write and not ui.keep_check.isChecked())
        ui.percent_edit.setText(
            str(note.agreed_percent) if note is not None and note.agreed_percent is not None else ""
        )
        ui.note_edit.setPlainText(note.text if note is not None else "")

    def _leader_text(self, shown: CandidateConsensus) -> str:
        leader = shown.leader
        if leader is None:
            return QCoreApplication.translate("SecConsensus", "(no leader on this panel)")
        return f"{leader.evaluator_code} {leader.name}"

    # ----- writing --------------------------------------------------------------------

    def _refuse(self, text: str) -> None:
        self.ui.feedback_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.ui.feedback_label.setText(text)

    @Slot()
    def record(self) -> bool:
        """Record the panel's consensus on the selected divergent item; the candidate is
        made final when nothing blocks it any more."""
        ui, shown, session = self.ui, self.consensus, self.session
        item = self.selected_item()
        if (
            shown is None
            or session is None
            or item is None
            or not item.divergent
            or self.runner.waiting
        ):
            return False
        agreed: int | None = None
        if not ui.keep_check.isChecked():
            try:
                agreed = parse_percent(ui.percent_edit.text(), shown.step_percent)
            except EXPECTED_ERRORS as error:
                self._refuse(message(error))
                ui.percent_edit.setFocus()
                ui.percent_edit.selectAll()
                return False
        text = ui.note_edit.toPlainText()
        if not text.strip():
            self._refuse(
                QCoreApplication.translate(
                    "SecConsensus", "Write what the panel agreed, and why, in the note."
                )
            )
            ui.note_edit.setFocus()
            return False
        path, round_code = session.path, shown.round_code
        credit_code, item_code = shown.candidate.credit_code, item.code

        def work(progress: Progress) -> ConsensusRecorded:
            from qz_evaluator.services import consensus

            with open_workspace(path) as workspace:
                return consensus.record(workspace, round_code, credit_code, item_code, text, agreed)

        try:
            recorded = self.runner.call(
                work,
                parent=self,
                label=QCoreApplication.translate("SecConsensus", "Recording the consensus…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(
                self, error, QCoreApplication.translate("SecConsensus", "Consensus not recorded")
            )
            return False
        after = recorded.consensus
        self._replace_summary(after)
        # On to the next item still to agree, if any; else stay on this one.
        next_open = after.open_items[0] if after.open_items else item_code
        self._show(after, next_open)
        if recorded.finalised:
            ui.feedback_label.setStyleSheet(f"color: {FINAL_COLOUR};")
            ui.feedback_label.setText(
                QCoreApplication.translate(
                    "SecConsensus", "Recorded. The result of {name} is final: {official}."
                ).format(name=after.candidate.name, official=after.official_text)
            )
        else:
            ui.feedback_label.setStyleSheet("")
            ui.feedback_label.setText(
                QCoreApplication.translate("SecConsensus", "Recorded for {item}.").format(
                    item=item_code
                )
            )
        self.changed.emit()
        return True

    @Slot()
    def finalise(self) -> bool:
        """Make the shown candidate's result final (for one with nothing to agree)."""
        shown, session = self.consensus, self.session
        if shown is None or session is None or shown.final or self.runner.waiting:
            return False
        path, round_code, credit_code = session.path, shown.round_code, shown.candidate.credit_code

        def work(progress: Progress) -> CandidateConsensus:
            from qz_evaluator.services import consensus

            with open_workspace(path) as workspace:
                return consensus.finalise(workspace, round_code, credit_code)

        try:
            after = self.runner.call(
                work,
                parent=self,
                label=QCoreApplication.translate("SecConsensus", "Making the result final…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(
                self, error, QCoreApplication.translate("SecConsensus", "The result is not final")
            )
            return False
        self._replace_summary(after)
        self._show(after)
        self.changed.emit()
        return True

    def _replace_summary(self, after: CandidateConsensus) -> None:
        """The chooser's line of a candidate just written, from what the service returned."""
        from qz_evaluator.services.consensus import summary_of

        self.summaries = [
            summary_of(after) if s.credit_code == after.candidate.credit_code else s
            for s in self.summaries
        ]

    # ----- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill_candidates()
            item = self.selected_item()
            self._show_candidate(item.code if item else None)
        super().changeEvent(event)
