"""The candidate list: a tree of the pool's three tiers, each holding its candidates.

In an evaluator's workspace the list holds the owner's candidates of the current round
(panels and conflicts) with each scorecard's status and progress (n/23); in the
secretariat's workspace it holds the whole pool. Search is the store's Chinese
substring search; tier, county, industry and status filter on top. The model reads
through the services and never writes.

It is a QAbstractItemModel over plain rows, so a list of 1,000 candidates costs one
query and no per-cell objects: the view asks only for the rows it shows. Candidate rows
answer CREDIT_CODE_ROLE with the credit code (group rows with ""), so views and tests
find a candidate without parsing display text.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.services import evaluator_session as session
from qz_evaluator.services.evaluator_session import CandidateRow, CandidateStatus
from qz_evaluator.services.session import Role, Workspace
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.receipt_texts import receipt_short, receipt_text

CREDIT_CODE_ROLE = Qt.ItemDataRole.UserRole + 1
TIER_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

# Best first, as the secretariat lists them.
TIER_ORDER = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)

STATUS_ICONS = {
    CandidateStatus.NOT_STARTED: "not-started",
    CandidateStatus.IN_PROGRESS: "in-progress",
    CandidateStatus.FINAL: "final",
    CandidateStatus.CONFLICT: "conflict",
}
# A draft with every item scored: ready to finalise, so it does not look like 5/23.
READY_ICON = "scored"


def ready_to_finalise(row: CandidateRow) -> bool:
    return row.status is CandidateStatus.IN_PROGRESS and 0 < row.total <= row.scored


_ROOT = QModelIndex()  # the invisible root, as a default argument
_GROUP = 0  # internal id of a group (tier) row; candidate rows carry their group + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
# ItemNeverHasChildren: the tree lays out 1,000 rows without asking each for its children.
_CANDIDATE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NO_DATA = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.BackgroundRole,
    )
)


class Column(IntEnum):
    NAME = 0
    COUNTY = 1
    INDUSTRY = 2
    STATUS = 3
    PROGRESS = 4


_COLUMNS = len(Column)


class ExportMarker(NamedTuple):
    """A card's last signed export, as the list shows it ("exported r2 at 14:05")."""

    revision: int
    at: datetime  # local time


def export_marker(row: object) -> ExportMarker | None:
    """The row's last export, if the scoring service provides it.

    The adapter between the list and the service: a row may carry `last_export`, a
    value with `revision` and `exported_at` (an ISO text or a datetime, as the store's
    ExportRecord has them). Rows without it, or with None, show no marker.
    """
    record = getattr(row, "last_export", None)
    if record is None:
        return None
    revision = getattr(record, "revision", None)
    when = getattr(record, "exported_at", None)
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when)
        except ValueError:
            return None
    if not isinstance(revision, int) or not isinstance(when, datetime):
        return None
    if when.tzinfo is not None:
        when = when.astimezone()  # the evaluator's clock
    return ExportMarker(revision, when)


class Filters(NamedTuple):
    tier: Tier | None = None
    county: str | None = None
    industry: str | None = None
    status: CandidateStatus | None = None


class CandidateTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        self._workspace: Workspace | None = None
        self._round_code: str | None = None
        self._search = ""
        self._filters = Filters()
        self._groups: list[list[CandidateRow]] = []  # one per TIER_ORDER entry, when open
        self._rows: dict[str, CandidateRow] = {}
        self._choices: tuple[list[str], list[str]] = ([], [])
        self._headers = self._header_texts()

    # ----- what is shown -------------------------------------------------------------

    @property
    def workspace(self) -> Workspace | None:
        return self._workspace

    @property
    def round_code(self) -> str | None:
        """The round whose scorecards the list shows (evaluator workspaces only)."""
        return self._round_code

    @property
    def scoring(self) -> bool:
        """True when the list is an evaluator's own (status and progress shown)."""
        return self._round_code is not None

    @property
    def search_text(self) -> str:
        return self._search

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Show another workspace (or none); search and filters start empty."""
        self._workspace = workspace
        self._search = ""
        self._filters = Filters()
        self.refresh()

    def set_search(self, text: str) -> None:
        """Keep only the candidates the store's search finds for `text`."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self._reload()

    def set_filters(self, filters: Filters) -> None:
        if filters != self._filters:
            self._filters = filters
            self._reload()

    def set_language(self, language: str) -> None:
        self.language = language
        self._headers = self._header_texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._reload()

    def refresh(self) -> None:
        """Read candidates and scoring progress again (after anything changed them)."""
        workspace = self._workspace
        self._round_code = None
        if workspace is not None and workspace.role is Role.EVALUATOR and workspace.owner_code:
            current = session.current_round(workspace)
            self._round_code = current.code if current else None
        self._choices = ([], [])
        self._reload()

    def filter_choices(self) -> tuple[list[str], list[str]]:
        """(counties, industries) the filters offer for this list (all its candidates)."""
        return self._choices

    # ----- lookups for views and tests -----------------------------------------------

    def candidate(self, index: QModelIndex | QPersistentModelIndex) -> Candidate | None:
        row = self._row_at(index)
        return row.candidate if row is not None else None

    def progress(self, credit_code: str) -> CandidateRow | None:
        return self._rows.get(credit_code)

    def index_of(self, credit_code: str) -> QModelIndex:
        """The NAME cell of a shown candidate, or an invalid index."""
        for group, members in enumerate(self._groups):
            for row, entry in enumerate(members):
                if entry.candidate.credit_code == credit_code:
                    return self.createIndex(row, Column.NAME, group + 1)
        return QModelIndex()

    def group_index(self, tier: Tier) -> QModelIndex:
        return self.index(TIER_ORDER.index(tier), 0)

    def shown_codes(self) -> list[str]:
        return [entry.candidate.credit_code for members in self._groups for entry in members]

    def update_progress(self, credit_code: str, status: CandidateStatus, scored: int) -> None:
        """One candidate's scorecard changed: put the service's answer in its row (no
        reload, no recount)."""
        row = self._rows.get(credit_code)
        if row is None:
            return
        if row.status is CandidateStatus.CONFLICT:  # a recorded conflict outranks the card
            status = CandidateStatus.CONFLICT
        updated = row._replace(scored=scored, status=status)
        self._rows[credit_code] = updated
        tier = TIER_ORDER.index(row.candidate.tier)
        if tier < len(self._groups):
            members = self._groups[tier]
            for position, entry in enumerate(members):
                if entry.candidate.credit_code == credit_code:
                    members[position] = updated
                    first = self.createIndex(position, Column.STATUS, tier + 1)
                    last = self.createIndex(position, Column.PROGRESS, tier + 1)
                    self.dataChanged.emit(first, last)
                    break

    # ----- QAbstractItemModel ----------------------------------------------------------

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = _ROOT,
    ) -> QModelIndex:
        # The tree asks for every row each time it lays the list out: constants, no enum
        # look-ups, and the common case (a candidate row) first.
        groups = self._groups
        if not 0 <= column < _COLUMNS or row < 0:
            return QModelIndex()
        if parent.isValid():
            if parent.internalId() != _GROUP or parent.column() != 0:
                return QModelIndex()
            group = parent.row()
            if group < len(groups) and row < len(groups[group]):
                return self.createIndex(row, column, group + 1)
            return QModelIndex()
        return self.createIndex(row, column, _GROUP) if row < len(groups) else QModelIndex()

    def parent(  # type: ignore[override]  # QObject.parent() shares the name
        self, child: QModelIndex | QPersistentModelIndex = _ROOT
    ) -> QModelIndex:
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return _COLUMNS

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _GROUP_FLAGS if index.internalId() == _GROUP else _CANDIDATE_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers[section] if 0 <= section < len(self._headers) else ""
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # The delegate asks every cell it paints or measures for eight roles; three of
        # them no cell answers: say so before looking the row up.
        if role in _NO_DATA or not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index.row(), index.column(), role)
        entry = self._row_at(index)
        if entry is None:
            return None
        return self._candidate_data(entry, index.column(), role)

    # ----- cells -----------------------------------------------------------------------

    def _row_at(self, index: QModelIndex | QPersistentModelIndex) -> CandidateRow | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = index.internalId() - 1
        if group < len(self._groups) and index.row() < len(self._groups[group]):
            return self._groups[group][index.row()]
        return None

    def _group_data(self, group: int, column: int, role: int) -> Any:
        if role == CREDIT_CODE_ROLE:
            return ""  # a group, not a candidate
        if group >= len(self._groups):
            return None
        tier = TIER_ORDER[group]
        if role == TIER_ROLE:
            return tier.value
        if column != Column.NAME:
            return None
        if role == _DISPLAY:
            return self.tr("{tier} ({count})").format(
                tier=tier.label.get(self.language), count=len(self._groups[group])
            )
        if role == _FONT:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _candidate_data(self, entry: CandidateRow, column: int, role: int) -> Any:
        candidate = entry.candidate
        if role == CREDIT_CODE_ROLE:
            return candidate.credit_code
        if role == TIER_ROLE:
            return candidate.tier.value
        if role == STATUS_ROLE:
            return entry.status.value
        scoring = self.scoring
        if role == _DISPLAY:
            if column == Column.NAME:
                return candidate.name
            if column == Column.COUNTY:
                return candidate.county
            if column == Column.INDUSTRY:
                return candidate.industry
            if column == Column.STATUS:
                return entry.status.label.get(self.language) if scoring else ""
            if not scoring:
                return ""
            marker = export_marker(entry)
            text = entry.progress
            if marker is not None:
                text = self.tr("{progress} · r{revision} {time}").format(
                    progress=entry.progress, revision=marker.revision, time=f"{marker.at:%H:%M}"
                )
            if entry.receipt is not None:  # what the secretariat holds, as its receipt says
                text += f" · {receipt_short(entry.receipt)}"
            return text
        if role == _TOOLTIP:
            if candidate.withdrawn:
                return self.tr("Withdrawn from the pool")
            if column in (Column.STATUS, Column.PROGRESS) and scoring:
                text = f"{entry.status.label.get(self.language)} · " + self.tr(
                    "{scored} of {total} items scored"
                ).format(scored=entry.scored, total=entry.total)
                if ready_to_finalise(entry):
                    text += "\n" + self.tr("Every item is scored: ready to finalise.")
                marker = export_marker(entry)
                if marker is not None:
                    text += "\n" + self.tr("exported r{revision} at {time}").format(
                        revision=marker.revision, time=f"{marker.at:%Y-%m-%d %H:%M}"
                    )
                if entry.receipt is not None:
                    text += "\n" + receipt_text(
                        entry.receipt, marker.revision if marker is not None else None
                    )
                return text
            return f"{candidate.name}\n{candidate.industry}"
        if role == _DECORATION and scoring and column in (Column.STATUS, Column.PROGRESS):
            return icon(READY_ICON if ready_to_finalise(entry) else STATUS_ICONS[entry.status])
        if role == _ALIGNMENT and column == Column.PROGRESS:
            return _RIGHT
        if role == _FOREGROUND and candidate.withdrawn:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    # ----- loading ---------------------------------------------------------------------

    def _header_texts(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("County/district"),
            self.tr("Industry"),
            self.tr("Status"),
            self.tr("Progress"),
        ]

    def _query(self) -> list[CandidateRow]:
        workspace, f = self._workspace, self._filters
        if workspace is None:
            return []
        if self._round_code is not None:
            return session.evaluator_candidates(
                workspace,
                self._round_code,
                search=self._search or None,
                tier=f.tier,
                county=f.county,
                industry=f.industry,
                status=f.status,
            )
        found = workspace.candidates(
            search=self._search or None, tier=f.tier, county=f.county, industry=f.industry
        )
        return [CandidateRow(c, CandidateStatus.NOT_STARTED, 0, 0) for c in found]

    def _reload(self) -> None:
        rows = self._query()
        unfiltered = not self._search and self._filters == Filters()
        if unfiltered or self._choices == ([], []):
            everyone = rows if unfiltered else self._unfiltered()
            self._choices = (
                sorted({r.candidate.county for r in everyone if r.candidate.county}),
                sorted({r.candidate.industry for r in everyone if r.candidate.industry}),
            )
        self.beginResetModel()
        self._rows = {r.candidate.credit_code: r for r in rows}
        if self._workspace is None:
            self._groups = []
        else:
            self._groups = [[r for r in rows if r.candidate.tier is tier] for tier in TIER_ORDER]
        self.endResetModel()

    def _unfiltered(self) -> list[CandidateRow]:
        search, filters = self._search, self._filters
        self._search, self._filters = "", Filters()
        try:
            return self._query()
        finally:
            self._search, self._filters = search, filters
