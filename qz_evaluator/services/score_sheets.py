"""Score sheets: the paper fallback when a laptop died on site.

The evaluator wrote scores on the printed sheet; someone types them into a spreadsheet
(CSV in UTF-8 or GB18030, or .xlsx) with the columns
`credit_code,item,percent[,strengths,ofis,evidence]`, and this imports it into the
evaluator's workspace. All or nothing: every row is checked first (a known candidate on
this evaluator's panel, a criteria item, a percentage on the step grid, a card still in
draft, no item twice); the first bad row stops the import with file, row and reason and
nothing changes. Then every change goes through the scoring service, in one
transaction, so each lands in the audit trail like a key press in the window.

A blank text cell leaves that text as it is: a sheet never erases notes typed earlier.
A text cell follows the comment rule (`domain.text.comment_fault`): line breaks and tabs
are kept, control and bidi characters and text over the round's comment limit are
refused with file, row and column, like any other bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qz_evaluator.domain.eligibility import NotEligible
from qz_evaluator.domain.errors import DomainError, Phrase, UserError
from qz_evaluator.domain.scorecard import Scorecard, TextField, field_phrase
from qz_evaluator.domain.scoring import parse_percent
from qz_evaluator.domain.text import comment_fault, comment_limit, fault_phrase, normalised_comment
from qz_evaluator.services.csv_files import CsvRow, read_table
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.panels import eligibility_in
from qz_evaluator.services.scoring import ScorecardChange, ScoringService
from qz_evaluator.store.workspace import Workspace

SHEET_COLUMNS = ("credit_code", "item", "percent")
SHEET_OPTIONAL = ("strengths", "ofis", "evidence")
SHEET_ALIASES = {
    "统一社会信用代码": "credit_code",
    "信用代码": "credit_code",
    "条款": "item",
    "评分项": "item",
    "条款编号": "item",
    "得分率": "percent",
    "得分率%": "percent",
    "得分率（%）": "percent",
    "百分比": "percent",
    "强项": "strengths",
    "改进机会": "ofis",
    "opportunities": "ofis",
    "证据": "evidence",
    "评审证据": "evidence",
}


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One checked row: what it sets on which card."""

    line: int
    credit_code: str
    item_code: str
    percent: int
    texts: tuple[tuple[TextField, str], ...]


@dataclass
class SheetImport:
    """What an import changed, per scorecard (in the sheet's order)."""

    path: Path
    round_code: str
    rows: int = 0
    changes: dict[str, ScorecardChange] = field(default_factory=dict)  # credit code → last

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "round": self.round_code,
            "rows": self.rows,
            "scorecards": [
                {
                    "candidate": credit_code,
                    "scored": change.scored,
                    "items": change.total,
                    "status": change.status.value,
                }
                for credit_code, change in self.changes.items()
            ],
        }


class SheetProblem(ImportFailed):
    """A row the sheet cannot be imported with; `kind` names the problem for tests and
    front ends, the reason (a Phrase or an error) is translated like any message."""

    def __init__(
        self,
        path: Path,
        line: int | None,
        reason: Phrase | UserError,
        kind: str,
        *,
        code: str | None = None,
    ) -> None:
        super().__init__(
            str(path), line, reason if isinstance(reason, Phrase) else Phrase("{why}", why=reason)
        )
        self.kind = kind
        if code is not None:  # a text refused: its TextRefusal, as every import names it
            self.code = code


class _Checker:
    """Checks rows against the workspace, remembering what it looked up."""

    def __init__(self, workspace: Workspace, path: Path, round_code: str, evaluator: str) -> None:
        self.workspace = workspace
        self.path = path
        self.round_code = round_code
        self.evaluator = evaluator
        self.service = ScoringService(workspace)
        self.criteria = self.service.criteria_for(round_code)
        self.limit = self.service.round_settings(round_code).comment_limit
        self.checked: set[str] = set()
        self.seen: dict[tuple[str, str], int] = {}

    def candidate(self, line: int, raw: str) -> str:
        credit_code = raw.strip().upper()
        if not credit_code:
            raise SheetProblem(
                self.path, line, Phrase("the credit code is empty"), "no-credit-code"
            )
        if credit_code in self.checked:
            return credit_code
        if self.workspace.find_candidate(credit_code) is None:
            raise SheetProblem(
                self.path,
                line,
                Phrase("no candidate with credit code {candidate} here", candidate=credit_code),
                "unknown-candidate",
            )
        ineligible = eligibility_in(self.workspace, self.round_code, credit_code, self.evaluator)
        if ineligible is not None:
            raise SheetProblem(
                self.path,
                line,
                NotEligible(ineligible, self.round_code, credit_code, self.evaluator),
                ineligible.value,
            )
        card = self.workspace.find_scorecard(self.round_code, credit_code, self.evaluator)
        if card is not None and card.locked:
            raise SheetProblem(
                self.path,
                line,
                Phrase(
                    "the scorecard for {candidate} is {status}; only a draft takes scores"
                    " (reopen it first)",
                    candidate=credit_code,
                    status=card.status,
                ),
                "locked",
            )
        self.checked.add(credit_code)
        return credit_code

    def row(self, row: CsvRow) -> SheetRow:
        line = row.line
        credit_code = self.candidate(line, row.get("credit_code"))
        item_code = row.get("item").strip()
        try:
            self.criteria.item(item_code)
        except DomainError:
            raise SheetProblem(
                self.path,
                line,
                Phrase(
                    "“{item}” is not an item of {criteria}",
                    item=item_code,
                    criteria=self.criteria.id,
                ),
                "unknown-item",
            ) from None
        key = (credit_code, item_code)
        if key in self.seen:
            raise SheetProblem(
                self.path,
                line,
                Phrase(
                    "item {item} of {candidate} is already on line {row}",
                    item=item_code,
                    candidate=credit_code,
                    row=self.seen[key],
                ),
                "repeated",
            )
        self.seen[key] = line
        text = row.get("percent")
        if not text.strip():
            raise SheetProblem(
                self.path,
                line,
                Phrase("no percentage for item {item}", item=item_code),
                "no-percent",
            )
        try:
            percent = parse_percent(text, self.criteria.step_percent)
        except DomainError as error:
            raise SheetProblem(
                self.path,
                line,
                error,
                "bad-percent",
            ) from None
        texts = tuple(
            (which, self.text(line, which, item_code, row.get(which.value)))
            for which in TextField
            if row.get(which.value).strip()
        )
        return SheetRow(line, credit_code, item_code, percent, texts)

    def text(self, line: int, which: TextField, item_code: str, raw: str) -> str:
        """A strength, an OFI or the evidence by the comment rule (`comment_fault`): line
        breaks and tabs kept, CR LF as LF, control and bidi characters and text over the
        round's comment limit refused with file, row and column."""
        text = normalised_comment(raw)
        fault = comment_fault(text, self.limit)
        if fault is None:
            return text
        raise SheetProblem(
            self.path,
            line,
            Phrase(
                "column {column}, {what}: {problem}",
                column=which.value,
                what=field_phrase(which, item_code),
                problem=fault_phrase(fault, comment_limit(self.limit)),
            ),
            fault.refusal.value,
            code=fault.refusal.value,
        )


def read_sheet(
    workspace: Workspace, path: Path, round_code: str, evaluator_code: str | None = None
) -> list[SheetRow]:
    """Every row of the sheet, checked; the first bad one raises ImportFailed."""
    path = Path(path)
    service = ScoringService(workspace)
    evaluator = service.default_evaluator(evaluator_code)
    workspace.round(round_code)
    checker = _Checker(workspace, path, round_code, evaluator)
    table = read_table(path, SHEET_COLUMNS, SHEET_OPTIONAL, SHEET_ALIASES)
    rows = [checker.row(row) for row in table]
    if not rows:
        raise SheetProblem(path, None, Phrase("the sheet has no rows of scores"), "no-rows")
    return rows


def import_sheet(
    workspace: Workspace, path: Path, round_code: str, evaluator_code: str | None = None
) -> SheetImport:
    """Check the whole sheet, then write it in one transaction through the scoring service."""
    rows = read_sheet(workspace, path, round_code, evaluator_code)
    service = ScoringService(workspace)
    evaluator = service.default_evaluator(evaluator_code)
    result = SheetImport(Path(path), round_code, rows=len(rows))
    cards: dict[str, Scorecard] = {}
    with workspace.transaction():
        for row in rows:
            card = cards.get(row.credit_code)
            if card is None:
                card = service.open(round_code, row.credit_code, evaluator)
            change = service.set_percent(card, row.item_code, row.percent)
            for which, text in row.texts:
                change = service.set_text(change.card, row.item_code, which, text)
            cards[row.credit_code] = change.card
            result.changes[row.credit_code] = change
    return result
