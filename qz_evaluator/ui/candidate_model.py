"""The candidate list: a tree of the pool's three tiers, each holding its candidates.

The model reads through the store's queries (search is the store's Chinese substring
search) and never writes. Group rows carry no credit code; candidate rows carry it in
CREDIT_CODE_ROLE so views and tests find a candidate without parsing display text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace

CREDIT_CODE_ROLE = Qt.ItemDataRole.UserRole + 1
TIER_ROLE = Qt.ItemDataRole.UserRole + 2

# Best first, as the secretariat lists them.
TIER_ORDER = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)


class Column(IntEnum):
    NAME = 0
    COUNTY = 1
    INDUSTRY = 2
    PROGRESS = 3


@dataclass(frozen=True, slots=True)
class ScoreProgress:
    """How far the workspace owner's scorecard for one candidate has got."""

    round_code: str
    scored: int
    total: int
    status: ScorecardStatus

    @property
    def text(self) -> str:
        return f"{self.scored}/{self.total}"


def owner_progress(workspace: Workspace) -> dict[str, ScoreProgress]:
    """credit code → progress of the owner's scorecard in the latest round.

    Only an evaluator workspace has an owner who scores; elsewhere this is empty.
    """
    if workspace.role is not Role.EVALUATOR or not workspace.owner_code:
        return {}
    rounds = workspace.rounds()
    if not rounds:
        return {}
    latest = rounds[-1]
    total = len(ScoringService(workspace).criteria_for(latest.code).items)
    progress = workspace.scorecard_progress(
        round_code=latest.code, evaluator_code=workspace.owner_code
    )
    return {
        code: ScoreProgress(latest.code, scored, total, ScorecardStatus(status))
        for code, (status, scored) in progress.items()
    }


class CandidateTreeModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        self._workspace: Workspace | None = None
        self._search = ""
        self._progress: dict[str, ScoreProgress] = {}
        self._candidates: dict[str, Candidate] = {}
        self.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("County/district"), self.tr("Industry"), self.tr("Progress")]
        )

    # ----- what is shown -------------------------------------------------------------

    @property
    def workspace(self) -> Workspace | None:
        return self._workspace

    @property
    def search_text(self) -> str:
        return self._search

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Show another workspace (or none); the search starts empty."""
        self._workspace = workspace
        self._search = ""
        self.refresh()

    def set_search(self, text: str) -> None:
        """Keep only the candidates the store's search finds for `text`."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self._reload()

    def refresh(self) -> None:
        """Read candidates and scoring progress again (after anything changed them)."""
        self._progress = owner_progress(self._workspace) if self._workspace else {}
        self._reload()

    # ----- lookups for views and tests -----------------------------------------------

    def candidate(self, index: QModelIndex | QPersistentModelIndex) -> Candidate | None:
        code = index.data(CREDIT_CODE_ROLE) if index.isValid() else None
        return self._candidates.get(code) if isinstance(code, str) else None

    def progress(self, credit_code: str) -> ScoreProgress | None:
        return self._progress.get(credit_code)

    def index_of(self, credit_code: str) -> QModelIndex:
        """The NAME cell of a shown candidate, or an invalid index."""
        for group_row in range(self.rowCount()):
            group = self.index(group_row, 0)
            for row in range(self.rowCount(group)):
                index = self.index(row, Column.NAME, group)
                if index.data(CREDIT_CODE_ROLE) == credit_code:
                    return index
        return QModelIndex()

    def group_index(self, tier: Tier) -> QModelIndex:
        return self.index(TIER_ORDER.index(tier), 0)

    def shown_codes(self) -> list[str]:
        return [
            str(self.index(row, 0, self.index(group, 0)).data(CREDIT_CODE_ROLE))
            for group in range(self.rowCount())
            for row in range(self.rowCount(self.index(group, 0)))
        ]

    # ----- building rows -------------------------------------------------------------

    def _reload(self) -> None:
        found = self._workspace.candidates(search=self._search or None) if self._workspace else []
        self._candidates = {c.credit_code: c for c in found}
        self.setRowCount(0)
        if self._workspace is None:
            return
        for tier in TIER_ORDER:
            members = [c for c in found if c.tier is tier]
            self.appendRow(self._group_row(tier, len(members)))
            group = self.item(self.rowCount() - 1, 0)
            for candidate in members:
                group.appendRow(self._candidate_row(candidate))

    def _group_row(self, tier: Tier, count: int) -> list[QStandardItem]:
        label = self.tr("{tier} ({count})").format(tier=tier.label.get(self.language), count=count)
        item = QStandardItem(label)
        item.setData(tier.value, TIER_ROLE)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        row = [item, *(QStandardItem() for _ in range(len(Column) - 1))]
        for cell in row:
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return row

    def _candidate_row(self, candidate: Candidate) -> list[QStandardItem]:
        progress = self._progress.get(candidate.credit_code)
        texts = {
            Column.NAME: candidate.name,
            Column.COUNTY: candidate.county,
            Column.INDUSTRY: candidate.industry,
            Column.PROGRESS: progress.text if progress else "",
        }
        row = []
        for column in Column:
            cell = QStandardItem(texts[column])
            cell.setData(candidate.credit_code, CREDIT_CODE_ROLE)
            cell.setData(candidate.tier.value, TIER_ROLE)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            row.append(cell)
        row[Column.PROGRESS].setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        if progress is not None:
            row[Column.PROGRESS].setToolTip(progress.status.label.get(self.language))
        if candidate.withdrawn:
            muted = QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
            for cell in row:
                cell.setForeground(muted)
                cell.setToolTip(self.tr("Withdrawn from the pool"))
        return row
