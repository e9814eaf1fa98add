"""All-or-nothing CSV imports: every row is checked first, then all are written in one
transaction. The first bad row stops the import with file, line and reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.credit_code import CreditCodeError
from qz_evaluator.domain.eligibility import Ineligible, PanelCheck, check_panel, eligibility
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import Conflict, Evaluator, PanelMember, PanelRole
from qz_evaluator.domain.text import FIELD_LIMIT, NAME_LIMIT, line_text_fault
from qz_evaluator.services.csv_files import CsvRow, read_rows, read_table, refuse_text
from qz_evaluator.services.errors import ImportFailed, Phrase
from qz_evaluator.services.panels import panel_minimum, record_conflict
from qz_evaluator.store.errors import StoreError
from qz_evaluator.store.workspace import Workspace

CANDIDATE_COLUMNS = ("credit_code", "name", "county", "industry", "tier")
CANDIDATE_OPTIONAL = ("contact_person", "contact_phone")
CANDIDATE_ALIASES = {
    "统一社会信用代码": "credit_code",
    "信用代码": "credit_code",
    "单位名称": "name",
    "名称": "name",
    "县（市、区）": "county",
    "县(市、区)": "county",
    "县市区": "county",
    "所属地区": "county",
    "行业": "industry",
    "所属行业": "industry",
    "梯队": "tier",
    "培育层级": "tier",
    "层级": "tier",
    "联系人": "contact_person",
    "联系电话": "contact_phone",
}
# Candidate rows read, checked and written at a time: memory stays flat (~10 MiB of rows),
# and each batch is one INSERT statement (see `store.pool.CandidateBatches.write`).
BATCH = 10_000
ROSTER_COLUMNS = ("code", "name", "level")
ROSTER_OPTIONAL = ("organisation",)
ROSTER_ALIASES = {
    "编号": "code",
    "姓名": "name",
    "级别": "level",
    "工作单位": "organisation",
    "单位": "organisation",
    "organization": "organisation",
}
PANEL_COLUMNS = ("round", "credit_code", "evaluator_code", "role")
PANEL_OPTIONAL = ("note",)
PANEL_ALIASES = {
    "轮次": "round",
    "统一社会信用代码": "credit_code",
    "评审员编号": "evaluator_code",
    "角色": "role",
    "备注": "note",
}
_ROLE_ALIASES = {
    "leader": "leader",
    "组长": "leader",
    "member": "member",
    "组员": "member",
    "成员": "member",
    "conflict": "conflict",
    "回避": "conflict",
}


@dataclass
class ImportReport:
    path: str
    created: int = 0
    updated: int = 0
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    panel_checks: list[PanelCheck] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "notes": self.notes,
            "panels": [
                {
                    "round": c.round_code,
                    "credit_code": c.credit_code,
                    "members": list(c.members),
                    "leaders": list(c.leaders),
                    "problems": c.problems,
                }
                for c in self.panel_checks
            ],
        }


def _check_text(path: Path, row: CsvRow, columns: tuple[str, ...]) -> None:
    """Every field is one line of visible text of a bounded length (see
    `line_text_fault` for why such text is refused rather than cleaned)."""
    for column in columns:
        limit = NAME_LIMIT if column == "name" else FIELD_LIMIT
        fault = line_text_fault(row.get(column), limit)
        if fault is not None:
            raise refuse_text(path, row.line, column, fault, limit)


def _write(workspace: Workspace, path: Path, action: str, fn: Callable[[], None]) -> None:
    try:
        with workspace.transaction():
            fn()
    except StoreError as error:
        raise ImportFailed(
            str(path),
            None,
            Phrase("{action} failed, nothing was written: {why}", action=action, why=error),
        ) from None


def _candidate(path: Path, row: CsvRow) -> Candidate:
    _check_text(path, row, CANDIDATE_COLUMNS + CANDIDATE_OPTIONAL)
    try:
        return Candidate.create(
            credit_code_text=row.get("credit_code"),
            name=row.get("name"),
            county=row.get("county"),
            industry=row.get("industry"),
            tier=row.get("tier"),
            contact_person=row.get("contact_person"),
            contact_phone=row.get("contact_phone"),
        )
    except (DomainError, CreditCodeError) as error:
        raise ImportFailed(str(path), row.line, Phrase("{why}", why=error)) from None


def _repeated(path: Path, line: int, code: str, first: int) -> ImportFailed:
    return ImportFailed(
        str(path),
        line,
        Phrase("credit code {code} already appears on line {line}", code=code, line=first),
    )


def import_candidates(
    workspace: Workspace, path: Path, *, entered_on: date | None = None
) -> ImportReport:
    """Import a candidate file (CSV or .xlsx), all rows or none.

    The file is streamed: rows are read, checked and written BATCH at a time inside one
    transaction, so memory does not grow with the file (the credit codes already seen,
    for the repeated-code check, wait in a temporary table). The first bad row, in the
    file's order, rolls everything back and is named with its line."""
    path = Path(path)
    report = ImportReport(str(path))

    def write() -> None:
        with workspace.candidate_batches(
            entered_on or date.today(), f"imported from {path.name}"
        ) as batches:
            pending: list[tuple[int, Candidate]] = []
            lines: dict[str, int] = {}  # this batch's codes → their lines

            def check_repeats() -> None:
                earlier = batches.earlier_lines(lines)
                for line, candidate in pending:  # in the file's order: the first repeat
                    first = earlier.get(candidate.credit_code)
                    if first is not None:
                        raise _repeated(path, line, candidate.credit_code, first)

            def flush() -> None:
                check_repeats()
                created, updated = batches.write(pending)
                report.created += created
                report.updated += updated
                report.rows += len(pending)
                pending.clear()
                lines.clear()

            # CSV or the first sheet of an .xlsx workbook, by the file's name.
            rows = read_table(path, CANDIDATE_COLUMNS, CANDIDATE_OPTIONAL, CANDIDATE_ALIASES)
            while True:
                try:
                    row = next(rows, None)
                    if row is None:
                        break
                    candidate = _candidate(path, row)
                except ImportFailed:
                    check_repeats()  # a repeat on an earlier line is the first error
                    raise
                first = lines.get(candidate.credit_code)
                if first is not None:
                    check_repeats()
                    raise _repeated(path, row.line, candidate.credit_code, first)
                lines[candidate.credit_code] = row.line
                pending.append((row.line, candidate))
                if len(pending) >= BATCH:
                    flush()
            flush()

    _write(workspace, path, "candidate import", write)
    return report


class _Rehearsed(Exception):
    """Ends a rehearsed import: its transaction is rolled back."""


def check_candidates(workspace: Workspace, path: Path) -> ImportReport:
    """What importing `path` would do (rows, created, updated), with every check the
    import makes, writing nothing; raises the import's first error (ImportFailed)."""
    report: ImportReport | None = None
    try:
        with workspace.transaction():
            report = import_candidates(workspace, path)
            raise _Rehearsed
    except _Rehearsed:
        pass
    assert report is not None
    return report


def import_roster(workspace: Workspace, path: Path) -> ImportReport:
    path = Path(path)
    report = ImportReport(str(path))
    parsed: list[Evaluator] = []
    seen: dict[str, int] = {}
    for row in read_rows(path, ROSTER_COLUMNS, ROSTER_OPTIONAL, ROSTER_ALIASES):
        _check_text(path, row, ROSTER_COLUMNS + ROSTER_OPTIONAL)
        try:
            evaluator = Evaluator.create(
                code=row.get("code"),
                name=row.get("name"),
                level=row.get("level"),
                organisation=row.get("organisation"),
            )
        except DomainError as error:
            raise ImportFailed(str(path), row.line, Phrase("{why}", why=error)) from None
        if evaluator.code in seen:
            raise ImportFailed(
                str(path),
                row.line,
                Phrase(
                    "evaluator code {code} already appears on line {line}",
                    code=evaluator.code,
                    line=seen[evaluator.code],
                ),
            )
        seen[evaluator.code] = row.line
        parsed.append(evaluator)
    report.rows = len(parsed)

    def write() -> None:
        for evaluator in parsed:
            if workspace.find_evaluator(evaluator.code) is None:
                report.created += 1
            else:
                report.updated += 1
            workspace.upsert_evaluator(evaluator)

    _write(workspace, path, "roster import", write)
    return report


def import_panels(workspace: Workspace, path: Path) -> ImportReport:
    """Panel rows (leader/member) and recorded conflicts (role 'conflict', reason in note)."""
    path = Path(path)
    report = ImportReport(str(path))
    members: list[tuple[int, PanelMember]] = []
    conflicts: list[tuple[int, Conflict]] = []
    # Each candidate, evaluator and round is looked up once, however many rows name it.
    known: dict[tuple[str, str], bool] = {}

    def exists(kind: str, code: str) -> bool:
        if (kind, code) not in known:
            if kind == "candidate":
                found: object = workspace.find_candidate(code)
            elif kind == "evaluator":
                found = workspace.find_evaluator(code)
            else:
                found = workspace.find_round(code)
            known[(kind, code)] = found is not None
        return known[(kind, code)]

    for row in read_rows(path, PANEL_COLUMNS, PANEL_OPTIONAL, PANEL_ALIASES):
        _check_text(path, row, PANEL_COLUMNS + PANEL_OPTIONAL)
        where = (str(path), row.line)
        role = _ROLE_ALIASES.get(row.get("role").lower())
        if role is None:
            raise ImportFailed(
                *where,
                Phrase("role {role!r} is not leader, member or conflict", role=row.get("role")),
            )
        credit_code = row.get("credit_code").upper()
        if not exists("candidate", credit_code):
            raise ImportFailed(
                *where,
                Phrase(
                    "no candidate with credit code {code!r}; import the candidates first",
                    code=credit_code,
                ),
            )
        evaluator_code = row.get("evaluator_code")
        if not exists("evaluator", evaluator_code):
            raise ImportFailed(
                *where, Phrase("evaluator {code!r} is not in the roster", code=evaluator_code)
            )
        if role == "conflict":
            reason = row.get("note") or "conflict of interest"
            conflicts.append((row.line, Conflict(credit_code, evaluator_code, reason)))
            continue
        round_code = row.get("round")
        if not exists("round", round_code):
            raise ImportFailed(
                *where,
                Phrase("round {code!r} does not exist; add the round first", code=round_code),
            )
        members.append(
            (row.line, PanelMember(round_code, credit_code, evaluator_code, PanelRole(role)))
        )
    # Conflicts by (candidate, evaluator), with the line that records each (None: the
    # workspace already did).
    all_conflicts: dict[tuple[str, str], tuple[int | None, Conflict]] = {
        (c.credit_code, c.evaluator_code): (None, c) for c in workspace.conflicts()
    }
    all_conflicts.update({(c.credit_code, c.evaluator_code): (line, c) for line, c in conflicts})
    seen: dict[tuple[str, str, str], int] = {}
    for line, member in members:
        key = (member.round_code, member.credit_code, member.evaluator_code)
        if key in seen:
            raise ImportFailed(
                str(path),
                line,
                Phrase(
                    "evaluator {code} is already on this panel (line {line})",
                    code=member.evaluator_code,
                    line=seen[key],
                ),
            )
        seen[key] = line
        conflict_line, conflict = all_conflicts.get(
            (member.credit_code, member.evaluator_code), (None, None)
        )
        if (
            conflict is not None
            and eligibility(*key, members=(member,), conflicts=(conflict,))
            is Ineligible.CONFLICT_OF_INTEREST
        ):
            source = (
                Phrase("line {line}", line=conflict_line)
                if conflict_line
                else Phrase("the workspace")
            )
            raise ImportFailed(
                str(path),
                line,
                Phrase(
                    "evaluator {code} has a recorded conflict of interest with {candidate}"
                    " ({source}) and cannot be on its panel",
                    code=member.evaluator_code,
                    candidate=member.credit_code,
                    source=source,
                ),
            )
    report.rows = len(members) + len(conflicts)

    def write() -> None:
        workspace.add_panel_members([member for _, member in members])
        report.created += len(members)
        for _, conflict in conflicts:
            report.notes.extend(record_conflict(workspace, conflict).notes())
            report.created += 1

    _write(workspace, path, "panel import", write)
    report.panel_checks = check_panels(
        workspace, sorted({(m.round_code, m.credit_code) for _, m in members})
    )
    for check in report.panel_checks:
        for problem in check.problems:
            report.notes.append(f"{check.round_code} {check.credit_code}: {problem}")
    return report


def check_panels(workspace: Workspace, panels: list[tuple[str, str]]) -> list[PanelCheck]:
    """The checks of these (round, candidate) panels, against the workspace's minimum.

    Members and conflicts are read and grouped once, so the work grows with the number
    of rows, not with rows × panels.
    """
    by_panel: dict[tuple[str, str], list[PanelMember]] = {}
    for member in workspace.panel_members():
        by_panel.setdefault((member.round_code, member.credit_code), []).append(member)
    by_candidate: dict[str, list[Conflict]] = {}
    for conflict in workspace.conflicts():
        by_candidate.setdefault(conflict.credit_code, []).append(conflict)
    minimum = panel_minimum(workspace)
    return [
        check_panel(
            round_code,
            credit_code,
            by_panel.get((round_code, credit_code), []),
            by_candidate.get(credit_code, []),
            minimum=minimum,
        )
        for round_code, credit_code in panels
    ]
