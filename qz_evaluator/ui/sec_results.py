"""The secretariat's results: per tier, the ranked table of the round's candidates with
their statistics and the official score under the named rule; the tier each one's score
recommends beside its current tier, and accepting a recommendation (final results only),
which the tier history records; and the evaluators' calibration, a diagnostic that never
changes an official score.

The round's results are computed on a worker with its own connection to the workspace
(`services.results.compute` takes a while at a province's thousand candidates); the
newest request wins, an older answer that arrives late is dropped. Figures are those of
`services.results` (`shown`: two decimals, half up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem, QWidget

from qz_evaluator.domain.candidates import Tier, TierChange
from qz_evaluator.services.results import shown
from qz_evaluator.ui import i18n
from qz_evaluator.ui.charts import ResultsCharts
from qz_evaluator.ui.errors import EXPECTED_ERRORS, phrase_text, show_error
from qz_evaluator.ui.generated.ui_sec_results import Ui_SecResults
from qz_evaluator.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.charts import StripChart
    from qz_evaluator.services.results import Calibration, CandidateOutcome, RoundResults
    from qz_evaluator.services.session import Session

CODE_ROLE = Qt.ItemDataRole.UserRole
# Tiers from the top, as the pool shows them.
TIER_ORDER = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)
_FLAG_COLOUR = QColor("#b35c00")
_FINAL_COLOUR = QColor("#1b7a3a")


class Column:
    RANK = 0
    CANDIDATE = 1
    N = 2
    MEAN = 3
    TRIMMED_MEAN = 4
    MEDIAN = 5
    RANGE = 6
    STDEV = 7
    OFFICIAL = 8
    FINAL = 9
    TIER = 10
    FLAGS = 11
    COUNT = 12


_NUMERIC = (
    Column.RANK,
    Column.N,
    Column.MEAN,
    Column.TRIMMED_MEAN,
    Column.MEDIAN,
    Column.RANGE,
    Column.STDEV,
    Column.OFFICIAL,
)


@dataclass(frozen=True)
class ResultsRead:
    """What a worker read: the round shown (its latest), its results and calibration."""

    round_code: str
    round_name: str
    results: RoundResults | None  # None: the workspace has no round yet
    calibration: Calibration | None
    evaluator_names: dict[str, str] = field(default_factory=dict)  # code → name
    # Each tier's strip chart, made on the worker: a province's tier takes tenths of a second.
    strips: dict[Tier, StripChart] = field(default_factory=dict)


def _read_results(path: Path, round_code: str | None = None) -> ResultsRead:
    from qz_evaluator.services.charts import strip_charts
    from qz_evaluator.services.evaluator_session import chosen_round
    from qz_evaluator.services.results import calibrate, compute
    from qz_evaluator.services.session import open_workspace

    with open_workspace(path) as workspace:
        round_ = chosen_round(workspace, round_code)  # None: the latest round
        if round_ is None:
            return ResultsRead("", "", None, None)
        results = compute(workspace, round_.code)
        return ResultsRead(
            round_.code,
            round_.name,
            results,
            calibrate(workspace, round_.code),
            {evaluator.code: evaluator.name for evaluator in workspace.evaluators()},
            strip_charts(results),
        )


def _accept(path: Path, round_code: str, credit_code: str) -> TierChange:
    from qz_evaluator.services.results import accept_recommendation
    from qz_evaluator.services.session import open_workspace

    with open_workspace(path) as workspace:
        return accept_recommendation(workspace, round_code, credit_code)


def tier_outcomes(results: RoundResults, tier: Tier) -> list[CandidateOutcome]:
    """The tier's candidates in rank order; those without an official score last."""
    mine = [o for o in results.outcomes if o.candidate.tier is tier]
    mine.sort(key=lambda o: (o.rank is None, o.rank or 0, o.candidate.credit_code))
    return mine


class SecResultsView(QWidget):
    """评审结果: the ranked table per tier, tier recommendations, calibration."""

    changed = Signal()  # after this view wrote to the workspace (a tier accepted)
    loaded = Signal()  # after the tables show the workspace's results (tests, charts)
    candidate_selected = Signal(str)  # the selected candidate's credit code (charts follow)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ui = Ui_SecResults()
        self.ui.setupUi(self)
        self._session: Session | None = None
        self._read: ResultsRead | None = None
        self._generation = 0  # of the newest read; older answers are dropped
        self._round_code: str | None = None  # the window's round (None: the latest)
        self._outcomes: list[CandidateOutcome] = []  # the rows shown, in their order
        self.language = i18n.short_code(QLocale().name())
        ui = self.ui
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        # The pictures follow the table: the chosen candidate's tier, profile, leniency.
        self.charts = ResultsCharts(ui.chartHolder)
        ui.chart_layout.addWidget(self.charts)
        table = ui.results_table
        table.setColumnCount(Column.COUNT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CANDIDATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.FLAGS, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.CANDIDATE, 220)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for other in (ui.leniency_table, ui.agreement_table):
            other.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            other.horizontalHeader().setStretchLastSection(True)
        # Diagnostic, and it must look it: a note that stands apart from the figures.
        ui.calibration_note.setStyleSheet(
            "QLabel { background: #fff4e0; border: 1px solid #e0a040; padding: 6px; }"
        )
        table.currentCellChanged.connect(lambda *_: self._selection_changed())
        ui.tier_combo.currentIndexChanged.connect(lambda _i: self._fill_table())
        ui.accept_button.clicked.connect(self.accept_selected)
        ui.refresh_button.clicked.connect(self.compute_again)
        self._set_headers()
        self._fill_tier_combo()
        self._show_state()

    def title(self) -> str:
        return self.tr("Results")

    # ----- what other views (the charts) read ------------------------------------------

    def current_results(self) -> RoundResults | None:
        """The round's results as shown (None before they are read)."""
        return self._read.results if self._read is not None else None

    def round_code(self) -> str | None:
        read = self._read
        return read.round_code or None if read is not None else None

    def selected_code(self) -> str | None:
        row = self.ui.results_table.currentRow()
        if 0 <= row < len(self._outcomes):
            return self._outcomes[row].candidate.credit_code
        return None

    def selected_outcome(self) -> CandidateOutcome | None:
        row = self.ui.results_table.currentRow()
        return self._outcomes[row] if 0 <= row < len(self._outcomes) else None

    def shown_codes(self) -> list[str]:
        """Credit codes of the table's rows, in their order."""
        return [o.candidate.credit_code for o in self._outcomes]

    def select(self, credit_code: str) -> bool:
        """Show the candidate's tier and select its row; False if it has no result row."""
        results = self.current_results()
        if results is None:
            return False
        found = next((o for o in results.outcomes if o.candidate.credit_code == credit_code), None)
        if found is None:
            return False
        combo = self.ui.tier_combo
        combo.setCurrentIndex(max(0, combo.findData(found.candidate.tier.value)))
        row = self.shown_codes().index(credit_code)
        self.ui.results_table.setCurrentCell(row, Column.CANDIDATE)
        return True

    # ----- the session and reading ------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        if session is not self._session:
            self._read = None
            self._outcomes = []
            self.ui.results_table.setRowCount(0)
        self._session = session
        if session is None:
            self._generation += 1
            self._fill()
            return
        self._show_state()
        self.reload()

    def set_round(self, round_code: str | None) -> None:
        """Show this round's results (the window's choice; None: the latest)."""
        if round_code == self._round_code:
            return
        self._round_code = round_code
        if self._session is not None:
            self.reload()

    @Slot()
    def compute_again(self) -> None:
        """The person asked: with the runner's progress dialog (and its Cancel)."""
        self.reload(with_dialog=True)

    def reload(self, *, with_dialog: bool = False) -> None:
        """Compute the round's results again on a worker; the tables fill when done.

        Reloads that follow another view's change show their progress in the view only:
        a dialog popping up whenever the pool or the inbox writes would be in the way."""
        session = self._session
        if session is None:
            return
        self._generation += 1
        generation = self._generation
        path, round_code = session.path, self._round_code
        self.ui.round_label.setText(self.tr("Computing the results…"))

        def show(read: ResultsRead) -> None:
            if generation != self._generation or self._session is not session:
                return  # another workspace, or a newer computation, has been asked for
            self._read = read
            self._fill()
            self._show_charts(with_strips=True)
            self.loaded.emit()

        def read(progress: Progress) -> ResultsRead | None:
            found = _read_results(path, round_code)
            return None if progress.cancelled() else found

        def shown_unless_cancelled(read: ResultsRead | None) -> None:
            if read is not None:
                show(read)
            elif generation == self._generation:
                self._show_state()  # cancelled: the results shown before stay

        self.runner.run(
            read,
            on_success=shown_unless_cancelled,
            parent=self,
            label=self.tr("Computing the round's results…") if with_dialog else None,
            error_title=self.tr("Cannot compute the results"),
        )

    # ----- filling the tables -----------------------------------------------------------

    def _set_headers(self) -> None:
        results = self.current_results()
        rule = results.settings.rule.id if results is not None else ""
        headers = {
            Column.RANK: self.tr("Rank"),
            Column.CANDIDATE: self.tr("Candidate"),
            Column.N: self.tr("n"),
            Column.MEAN: self.tr("Mean"),
            Column.TRIMMED_MEAN: self.tr("Trimmed mean"),
            Column.MEDIAN: self.tr("Median"),
            Column.RANGE: self.tr("Min–max"),
            Column.STDEV: self.tr("Sample SD (n−1)"),
            Column.OFFICIAL: self.tr("Official ({rule})").format(rule=rule)
            if rule
            else self.tr("Official"),
            Column.FINAL: self.tr("Final"),
            Column.TIER: self.tr("Tier: current → recommended"),
            Column.FLAGS: self.tr("Flags"),
        }
        self.ui.results_table.setHorizontalHeaderLabels(
            [headers[column] for column in range(Column.COUNT)]
        )

    def _fill_tier_combo(self) -> None:
        combo = self.ui.tier_combo
        current = combo.currentData()
        results = self.current_results()
        combo.blockSignals(True)
        combo.clear()
        for tier in TIER_ORDER:
            count = (
                sum(1 for o in results.outcomes if o.candidate.tier is tier)
                if results is not None
                else 0
            )
            combo.addItem(
                self.tr("{tier} ({count})").format(tier=tier.label.get(self.language), count=count)
                if results is not None
                else tier.label.get(self.language),
                tier.value,
            )
        index = combo.findData(current) if current else -1
        if results is not None:
            # First show, or the tier shown has emptied: the highest tier with candidates.
            filled = [t.value for t in TIER_ORDER if tier_outcomes(results, t)]
            if filled and (index < 0 or combo.itemData(index) not in filled):
                index = combo.findData(filled[0])
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def tier(self) -> Tier:
        value = self.ui.tier_combo.currentData()
        return Tier(value) if value else TIER_ORDER[0]

    def _fill(self) -> None:
        self._set_headers()
        self._fill_tier_combo()
        self._fill_table()
        self._fill_calibration()
        self._show_state()

    def _fill_table(self) -> None:
        table = self.ui.results_table
        results = self.current_results()
        selected = self.selected_code()
        self._outcomes = tier_outcomes(results, self.tier()) if results is not None else []
        table.blockSignals(True)
        table.clearContents()
        table.setRowCount(len(self._outcomes))
        bold = QFont(table.font())
        bold.setBold(True)
        reselect = -1
        for row, outcome in enumerate(self._outcomes):
            for column, text in enumerate(self._cells(outcome)):
                item = QTableWidgetItem(text)
                if column in _NUMERIC:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
            code = outcome.candidate.credit_code
            name_item = table.item(row, Column.CANDIDATE)
            if name_item is not None:
                name_item.setData(CODE_ROLE, code)
                name_item.setToolTip(f"{outcome.candidate.name}\n{code}")
            official = table.item(row, Column.OFFICIAL)
            if official is not None:
                official.setFont(bold)
            final = table.item(row, Column.FINAL)
            if final is not None and outcome.final is not None:
                final.setForeground(QBrush(_FINAL_COLOUR))
            flags = table.item(row, Column.FLAGS)
            if flags is not None and flags.text():
                flags.setForeground(QBrush(_FLAG_COLOUR))
                flags.setToolTip(flags.text().replace("; ", "\n"))
            if code == selected:
                reselect = row
        table.blockSignals(False)
        if reselect >= 0:
            table.setCurrentCell(reselect, Column.CANDIDATE)
        elif self._outcomes:
            table.setCurrentCell(0, Column.CANDIDATE)
        self._selection_changed()

    def _cells(self, outcome: CandidateOutcome) -> list[str]:
        r = outcome.result
        tier = outcome.candidate.tier.label.get(self.language)
        recommended = outcome.recommended
        cells = [
            str(outcome.rank) if outcome.rank is not None else "",
            outcome.candidate.name,
            str(r.n) if r is not None else "0",
            shown(r.totals.mean) if r is not None else "",
            shown(r.totals.trimmed_mean) if r is not None else "",
            shown(r.totals.median) if r is not None else "",
            f"{shown(r.totals.minimum)}–{shown(r.totals.maximum)}" if r is not None else "",
            shown(r.totals.stdev) if r is not None else "",
            shown(outcome.official) if outcome.official is not None else "",
            self.tr("Final") if outcome.final is not None else self.tr("Not final"),
            f"{tier} → {recommended.label.get(self.language)}" if recommended is not None else tier,
            "; ".join(self.flags(outcome)),
        ]
        return cells

    def flags(self, outcome: CandidateOutcome) -> list[str]:
        """What keeps the candidate's result from being plain, in the interface language."""
        results = self.current_results()
        minimum = results.settings.panel_minimum if results is not None else 0
        r = outcome.result
        if r is None:  # nothing merged yet: the whole panel is missing, no need to list it
            return [self.tr("No valid scorecard yet")]
        found: list[str] = []
        if r.incomplete:
            found.append(
                self.tr("Incomplete panel: {n} of at least {minimum}").format(
                    n=r.n, minimum=minimum
                )
            )
        if outcome.unresolved:
            found.append(
                self.tr("Open divergences: {items}").format(items=" ".join(outcome.unresolved))
            )
        if outcome.missing:
            found.append(self.tr("Missing: {codes}").format(codes=" ".join(outcome.missing)))
        if outcome.conflicts:
            found.append(
                self.tr("Revision conflict: {codes}").format(codes=" ".join(outcome.conflicts))
            )
        return found

    def _fill_calibration(self) -> None:
        read = self._read
        found = read.calibration if read is not None else None
        results = read.results if read is not None else None
        leniency_table, agreement_table = self.ui.leniency_table, self.ui.agreement_table
        if found is None or results is None:
            leniency_table.setRowCount(0)
            agreement_table.setRowCount(0)
            return
        names = read.evaluator_names if read is not None else {}
        lenient = sorted(found.leniency.values(), key=lambda v: v.mean_deviation)
        leniency_table.setRowCount(len(lenient))
        for row, value in enumerate(lenient):
            cells = [
                f"{value.evaluator_code} {names.get(value.evaluator_code, '')}".strip(),
                str(value.panels),
                f"{value.mean_deviation:+.2f}",
                f"{value.z:+.2f}",
            ]
            _fill_row(leniency_table, row, cells, numeric_from=1)
        candidates = {o.candidate.credit_code: o.candidate.name for o in results.outcomes}
        agreement = sorted(found.agreement.items())
        agreement_table.setRowCount(len(agreement))
        for row, (code, panel) in enumerate(agreement):
            if panel is None:
                cells = [candidates.get(code, code), "", "—", "—"]
            else:
                cells = [
                    candidates.get(code, code),
                    str(panel.raters),
                    f"{panel.icc:.2f} ({panel.icc_label.get(self.language)})",
                    f"{panel.kendall_w:.2f} ({panel.w_label.get(self.language)})",
                ]
            _fill_row(agreement_table, row, cells, numeric_from=1)
            item = agreement_table.item(row, 0)
            if item is not None:
                item.setToolTip(code)
                if panel is None:
                    item.setToolTip(
                        self.tr("{code}: too few scorecards to measure agreement").format(code=code)
                    )

    def _show_state(self) -> None:
        ui, read = self.ui, self._read
        has_session = self._session is not None
        ui.refresh_button.setEnabled(has_session)
        ui.tier_combo.setEnabled(read is not None and read.results is not None)
        if not has_session:
            ui.round_label.setText("")
            ui.rule_label.setText("")
        elif read is None:
            ui.round_label.setText(self.tr("Computing the results…"))
        elif read.results is None:
            ui.round_label.setText(self.tr("No round yet: there are no results to show."))
            ui.rule_label.setText("")
        else:
            results = read.results
            scored = sum(1 for o in results.outcomes if o.official is not None)
            final = sum(1 for o in results.outcomes if o.final is not None)
            pending = sum(
                1
                for o in results.outcomes
                if o.final is not None
                and o.recommended is not None
                and o.recommended is not o.candidate.tier
            )
            ui.round_label.setText(
                self.tr(
                    "<b>{round}</b>: {scored} of {count} candidates scored, {final} final,"
                    " {pending} tier recommendations to accept"
                ).format(
                    round=read.round_name,
                    scored=scored,
                    count=len(results.outcomes),
                    final=final,
                    pending=pending,
                )
            )
            rule = results.settings.rule
            ui.rule_label.setText(
                self.tr(
                    "Official score under rule {rule}: {description}. Figures rounded half up"
                    " to 2 decimals; SD is the sample standard deviation (n−1)."
                ).format(rule=rule.id, description=rule.describe(self.language))
            )

    # ----- the selected candidate and its recommendation --------------------------------

    def _selection_changed(self) -> None:
        outcome = self.selected_outcome()
        self._show_recommendation(outcome)
        self._show_charts()
        if outcome is not None:
            self.candidate_selected.emit(outcome.candidate.credit_code)

    def _show_charts(self, *, with_strips: bool = False) -> None:
        read = self._read
        if read is None or read.results is None:
            self.charts.clear()
            return
        self.charts.show_results(
            read.results,
            read.calibration,
            self.selected_code(),
            strips=read.strips if with_strips else None,
        )

    def refusal(self, outcome: CandidateOutcome) -> str | None:
        """Why the outcome's recommendation cannot be accepted (None: it can)."""
        name = outcome.candidate.name
        if outcome.official is None or outcome.recommended is None:
            return self.tr("{name} has no official score yet, so no tier is recommended.").format(
                name=name
            )
        if outcome.recommended is outcome.candidate.tier:
            return self.tr("{name} is already in the recommended tier.").format(name=name)
        if outcome.final is None:
            from qz_evaluator.services.results import blocking

            names = self._read.evaluator_names if self._read is not None else {}
            reasons = "; ".join(phrase_text(reason) for reason in blocking(outcome, names))
            if not reasons:
                return self.tr(
                    "The result of {name} is ready but not final yet: make it final in the"
                    " Consensus tab (Make Final). Then the recommendation can be accepted."
                ).format(name=name)
            if outcome.missing or outcome.conflicts:
                step = self.tr("Merge the scorecards still to come in the Inbox tab.")
            else:
                step = self.tr("Agree its divergent items in the Consensus tab.")
            return self.tr(
                "The result of {name} is not final yet ({reasons}). {step} Then the"
                " recommendation can be accepted."
            ).format(name=name, reasons=reasons, step=step)
        return None

    def _show_recommendation(self, outcome: CandidateOutcome | None) -> None:
        ui = self.ui
        if outcome is None:
            ui.recommendation_label.setText(
                self.tr("Select a candidate to see its tier recommendation.")
                if self._outcomes
                else ""
            )
            ui.accept_button.setEnabled(False)
            return
        refusal = self.refusal(outcome)
        parts = []
        if outcome.recommended is not None and outcome.official is not None:
            parts.append(
                self.tr("<b>{name}</b>: {current} → {recommended} ({score} points)").format(
                    name=outcome.candidate.name,
                    current=outcome.candidate.tier.label.get(self.language),
                    recommended=outcome.recommended.label.get(self.language),
                    score=shown(outcome.official),
                )
            )
        if refusal is not None:
            parts.append(refusal)
        else:
            parts.append(self.tr("Accepting records the move in the tier history."))
        ui.recommendation_label.setText(" ".join(parts))
        ui.accept_button.setEnabled(refusal is None and not self.runner.waiting)

    @Slot()
    def accept_selected(self) -> TierChange | None:
        """Accept the selected candidate's tier recommendation (final results only);
        the change, or None if it was refused (the reason is shown)."""
        outcome, session, read = self.selected_outcome(), self._session, self._read
        if outcome is None or session is None or read is None or self.runner.waiting:
            return None
        refusal = self.refusal(outcome)
        if refusal is not None:
            QMessageBox.information(self, self.tr("Recommendation not accepted"), refusal)
            return None
        path, round_code, code = session.path, read.round_code, outcome.candidate.credit_code
        try:
            change = self.runner.call(
                lambda progress: _accept(path, round_code, code),
                parent=self,
                label=self.tr("Accepting the recommendation…"),
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Recommendation not accepted"))
            return None
        self.changed.emit()
        self.reload()
        return change

    # ----- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.language = i18n.short_code(QLocale().name())
            self._fill()
        super().changeEvent(event)


def _fill_row(table: QTableWidget, row: int, cells: list[str], *, numeric_from: int) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if column >= numeric_from:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, column, item)
