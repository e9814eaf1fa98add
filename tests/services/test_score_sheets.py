"""Score sheets (paper fallback): all rows or none, each refusal naming file, row and why."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.services import demo, score_sheets
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace

ROUND = demo.SITE_ROUND
HEADER = ["credit_code", "item", "percent", "strengths", "ofis", "evidence"]


def snapshot(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(map(tuple, workspace.db.execute(f"SELECT * FROM {table}").fetchall()))
        for table in ("scorecards", "scorecard_items", "audit", "conflicts")
    }


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def panel_codes(workspace: Workspace) -> list[str]:
    return [card.credit_code for card in ScoringService(workspace).ensure_all(ROUND)]


@pytest.fixture
def codes(evaluator: Workspace) -> list[str]:
    return panel_codes(evaluator)


def test_sheet_scores_cards_through_the_audit_trail(
    evaluator: Workspace, codes: list[str], tmp_path: Path
) -> None:
    fresh = codes[-1]  # the demo leaves it unscored
    sheet = write_csv(
        tmp_path / "sheet.csv",
        [
            HEADER,
            [fresh, "4.1.2", "45", "高层亲自推动", "", "访谈总经理"],
            [fresh.lower(), "4.1.3", "50%", "", "战略展开不足", ""],
            [codes[0], "4.2.2", "70", "", "", ""],
        ],
        encoding="utf-8-sig",
    )
    before = evaluator.scorecard(ROUND, codes[0], "P01").entry("4.2.2")
    result = score_sheets.import_sheet(evaluator, sheet, ROUND)
    assert result.rows == 3
    assert set(result.changes) == {fresh, codes[0]}
    card = evaluator.scorecard(ROUND, fresh, "P01")
    assert card.entry("4.1.2").percent == 45
    assert card.entry("4.1.2").strengths == "高层亲自推动"
    assert card.entry("4.1.2").evidence == "访谈总经理"
    assert card.entry("4.1.3").percent == 50
    assert card.entry("4.1.3").ofis == "战略展开不足"
    other = evaluator.scorecard(ROUND, codes[0], "P01").entry("4.2.2")
    # A blank text cell leaves the notes typed earlier as they were.
    assert (other.percent, other.strengths, other.ofis) == (70, before.strengths, before.ofis)
    audit = evaluator.audit_entries(card.id)
    scores = [(e.item_code, e.new) for e in audit if e.action == "score"]
    assert ("4.1.2", "45") in scores and ("4.1.3", "50") in scores
    assert result.changes[fresh].scored == 2


def test_gb18030_and_chinese_headers(
    evaluator: Workspace, codes: list[str], tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "sheet.csv",
        [
            ["统一社会信用代码", "条款", "得分率", "强项"],
            [codes[-1], "4.3.2", "35", "过程文件齐全"],
        ],
        encoding="gb18030",
    )
    score_sheets.import_sheet(evaluator, sheet, ROUND)
    entry = evaluator.scorecard(ROUND, codes[-1], "P01").entry("4.3.2")
    assert (entry.percent, entry.strengths) == (35, "过程文件齐全")


def test_xlsx_with_numbers_and_percent_cells(
    evaluator: Workspace, codes: list[str], tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["credit_code", "item", "percent", "ofis"])
    sheet.append([codes[-1], "4.1.2", 60, "多行\n改进机会"])
    sheet.append([codes[-1], "4.1.3", 0.55, None])
    sheet.cell(row=3, column=3).number_format = "0%"
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    score_sheets.import_sheet(evaluator, path, ROUND)
    card = evaluator.scorecard(ROUND, codes[-1], "P01")
    assert card.entry("4.1.2").percent == 60
    assert card.entry("4.1.2").ofis == "多行\n改进机会"
    assert card.entry("4.1.3").percent == 55


def refused(workspace: Workspace, sheet: Path, line: int | None, reason_part: str) -> ImportFailed:
    before = snapshot(workspace)
    with pytest.raises(ImportFailed) as caught:
        score_sheets.import_sheet(workspace, sheet, ROUND)
    error = caught.value
    assert error.path == str(sheet)
    assert error.line == line
    assert reason_part in str(error.reason)
    assert str(sheet) in str(error)
    assert snapshot(workspace) == before  # nothing changed, not even the good rows
    return error


def test_bad_row_changes_nothing(evaluator: Workspace, codes: list[str], tmp_path: Path) -> None:
    good = [codes[-1], "4.1.2", "45", "", "", ""]
    for bad, reason in (
        ([codes[-1], "4.1.3", "47", "", "", ""], "5% steps"),
        ([codes[-1], "4.1.3", "105", "", "", ""], "between 0 and 100"),
        ([codes[-1], "4.1.3", "很好", "", "", ""], "not a percentage"),
        ([codes[-1], "4.1.3", "", "", "", ""], "no percentage"),
        ([codes[-1], "9.9.9", "40", "", "", ""], "not an item"),
        ([codes[-1], "4.1.2", "50", "", "", ""], "already on line 2"),
        (["91330000000000000X", "4.1.3", "40", "", "", ""], "no candidate"),
    ):
        sheet = write_csv(tmp_path / "bad.csv", [HEADER, good, bad])
        refused(evaluator, sheet, 3, reason)


def test_bad_encoding_and_header_change_nothing(evaluator: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "garbled.csv"
    sheet.write_bytes(b"credit_code,item,percent\n\xff\xfe\xff,4.1.1,40\n")
    refused(evaluator, sheet, 2, "neither UTF-8 nor GB18030")  # the line of the bad bytes
    sheet = write_csv(tmp_path / "header.csv", [["credit_code", "item"], ["x", "4.1.2"]])
    refused(evaluator, sheet, 1, "missing column(s) percent")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    refused(evaluator, broken, None, "not an Excel workbook")


def test_candidate_off_the_panel_or_in_conflict_changes_nothing(
    evaluator: Workspace, codes: list[str], tmp_path: Path
) -> None:
    panel = set(codes)
    conflicted = {c.credit_code for c in evaluator.conflicts(evaluator_code="P01")}
    stranger = next(
        c.credit_code
        for c in evaluator.candidates()
        if c.credit_code not in panel and c.credit_code not in conflicted
    )
    good = [codes[-1], "4.1.2", "45", "", "", ""]
    sheet = write_csv(tmp_path / "s.csv", [HEADER, good, [stranger, "4.1.2", "40", "", "", ""]])
    refused(evaluator, sheet, 3, "not on the panel")
    (barred,) = conflicted
    sheet = write_csv(tmp_path / "c.csv", [HEADER, good, [barred, "4.1.2", "40", "", "", ""]])
    refused(evaluator, sheet, 3, "conflict of interest")


def test_locked_card_changes_nothing(
    evaluator: Workspace, codes: list[str], tmp_path: Path
) -> None:
    service = ScoringService(evaluator)
    full = evaluator.scorecard(ROUND, codes[0], "P01")  # the demo scores it fully
    assert service.finalise(full, affirm_declaration=True).card.status is ScorecardStatus.FINAL
    good = [codes[-1], "4.1.2", "45", "", "", ""]
    sheet = write_csv(tmp_path / "s.csv", [HEADER, good, [codes[0], "4.1.2", "40", "", "", ""]])
    refused(evaluator, sheet, 3, "is final")
    declared = evaluator.scorecard(ROUND, codes[1], "P01")
    service.declare_conflict(declared, "亲属在该单位任职")
    sheet = write_csv(tmp_path / "d.csv", [HEADER, good, [codes[1], "4.1.2", "40", "", "", ""]])
    refused(evaluator, sheet, 3, "conflict of interest")


def test_empty_sheet_is_refused(evaluator: Workspace, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "empty.csv", [HEADER])
    refused(evaluator, sheet, None, "no rows")
