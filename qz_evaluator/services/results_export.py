"""Results as tables people open in Excel: CSV (UTF-8 with BOM, so Excel reads Chinese)
and .xlsx (openpyxl), one row per candidate, the rule named on every row; and one row per
evaluator's scorecard (total and category subtotals), a second sheet of the .xlsx or a CSV
of its own.

CSV holds the figures as people read them (2 decimals, rounded half up); the .xlsx holds
the exact values with a 2-decimal display format, so that sums in Excel are not sums of
rounded figures.

Text never becomes a formula (OWASP's CSV-injection advice): in the CSV a text starting
with = + - @ TAB or CR gets a leading apostrophe; in the .xlsx every text is a string
cell, and one that would start a formula carries Excel's own apostrophe (quotePrefix), so
the cell shows the exact name and stays text even when edited. Numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.text import cell_text, neutralised, starts_formula
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.results import CandidateOutcome, RoundResults, shown
from qz_evaluator.services.scorecard_files import write_atomically

COLUMNS = (
    ("round", "评审轮次"),
    ("tier", "当前梯队"),
    ("rank", "梯队内排名"),
    ("credit_code", "统一社会信用代码"),
    ("name", "单位名称"),
    ("county", "所在地区"),
    ("industry", "所属行业"),
    ("n", "有效评分表"),
    ("official", "最终得分"),
    ("rule", "计分规则"),
    ("mean", "平均分"),
    ("trimmed_mean", "去极值平均分"),
    ("median", "中位数"),
    ("min", "最低分"),
    ("max", "最高分"),
    ("stdev", "样本标准差（n−1）"),
    ("process", "过程类平均"),
    ("results", "结果类平均"),
    ("evaluator_totals", "各评审员总分"),
    ("divergent", "分歧条款"),
    ("unresolved", "未达成共识"),
    ("missing", "未提交评审员"),
    ("final", "结果已确认"),
    ("recommended", "建议梯队"),
)


NUMERIC = frozenset(
    ("official", "mean", "trimmed_mean", "median", "min", "max", "stdev", "process", "results")
)
NOTE = (
    "分数按四舍五入保留两位小数显示（表格单元格保存精确值）；标准差为样本标准差（n−1）；"
    "各评审员总分为其签名评分表的原始分数。"
)


def rows(results: RoundResults) -> list[dict[str, Any]]:
    """One row per candidate, as people read it: figures as 2-decimal text, half up."""
    return [
        {k: shown(v) if isinstance(v, Decimal) else v for k, v in row.items()}
        for row in exact_rows(results)
    ]


def exact_rows(results: RoundResults) -> list[dict[str, Any]]:
    """`rows` with the exact Decimal of every figure ("" where there is none)."""
    table = []
    for o in _ordered(results):
        r = o.result
        table.append(
            {
                "round": results.round_code,
                "tier": o.candidate.tier.label.zh,
                "rank": o.rank if o.rank is not None else "",
                "credit_code": o.candidate.credit_code,
                "name": o.candidate.name,
                "county": o.candidate.county,
                "industry": o.candidate.industry,
                "n": r.n if r else 0,
                "official": o.official if o.official is not None else "",
                "rule": results.settings.rule.id,
                "mean": r.totals.mean if r else "",
                "trimmed_mean": r.totals.trimmed_mean if r else "",
                "median": r.totals.median if r else "",
                "min": r.totals.minimum if r else "",
                "max": r.totals.maximum if r else "",
                "stdev": r.totals.stdev if r else "",
                "process": r.process.mean if r else "",
                "results": r.results.mean if r else "",
                "evaluator_totals": "；".join(
                    f"{card.evaluator_code} {shown(card.total)}" for card in o.scorecards
                ),
                "divergent": " ".join(r.divergent_codes) if r else "",
                "unresolved": " ".join(o.unresolved),
                "missing": " ".join(o.missing),
                "final": "是" if o.final else "否",
                "recommended": o.recommended.label.zh if o.recommended else "",
            }
        )
    return table


def _ordered(results: RoundResults) -> list[CandidateOutcome]:
    order = {tier: index for index, tier in enumerate(reversed(list(Tier)))}
    return sorted(
        results.outcomes,
        key=lambda o: (
            order[o.candidate.tier],
            o.rank if o.rank is not None else 10**6,
            o.candidate.credit_code,
        ),
    )


def evaluator_columns(results: RoundResults) -> list[tuple[str, str]]:
    """The columns of the per-evaluator table: who scored whom, total, subtotals."""
    return [
        ("round", "评审轮次"),
        ("tier", "当前梯队"),
        ("credit_code", "统一社会信用代码"),
        ("name", "单位名称"),
        ("evaluator", "评审员"),
        ("level", "评审员级别"),
        ("total", "总分"),
        ("process", "过程类小计"),
        ("results", "结果类小计"),
        *(
            (f"category:{c.code}", f"{c.code} {c.name.zh}（满分{c.points}）")
            for c in results.criteria.categories
        ),
    ]


def evaluator_rows(results: RoundResults) -> list[dict[str, Any]]:
    """One row per accepted scorecard, in the order of the candidate table; exact values."""
    table = []
    for o in _ordered(results):
        for card in o.scorecards:
            row: dict[str, Any] = {
                "round": results.round_code,
                "tier": o.candidate.tier.label.zh,
                "credit_code": o.candidate.credit_code,
                "name": o.candidate.name,
                "evaluator": card.evaluator_code,
                "level": card.level.label.zh,
                "total": card.total,
                "process": card.process,
                "results": card.results,
            }
            for code, value in card.categories.items():
                row[f"category:{code}"] = value
            table.append(row)
    return table


def _csv_cell(value: object) -> object:
    """A figure as people read it; a text neutralised (names come from outside)."""
    if isinstance(value, Decimal):
        return shown(value)
    if isinstance(value, str):
        return neutralised(value)
    return value


def _csv(columns: list[tuple[str, str]], table: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([zh for _, zh in columns])
    for row in table:
        writer.writerow([_csv_cell(row[k]) for k, _ in columns])
    return buffer.getvalue().encode("utf-8-sig")


def to_csv(results: RoundResults) -> bytes:
    return _csv(list(COLUMNS), exact_rows(results))


def evaluators_to_csv(results: RoundResults) -> bytes:
    return _csv(evaluator_columns(results), evaluator_rows(results))


def _xlsx_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return cell_text(value)  # no apostrophe in the value: quotePrefix shows it
    return value


def _sheet_rows(sheet: Any, columns: list[tuple[str, str]], table: list[dict[str, Any]]) -> None:
    """Header, then rows; a Decimal becomes the nearest float with a 2-decimal format."""
    sheet.append([zh for _, zh in columns])
    header = Font(bold=True, color="FFFFFF")
    for cell in sheet[1]:
        cell.font = header
        cell.fill = PatternFill("solid", fgColor="9B1C1C")
        cell.alignment = Alignment(horizontal="center")
    for row in table:
        sheet.append([_xlsx_value(row[k]) for k, _ in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl makes a text starting with "=" a formula and "#N/A" an error.
                cell.data_type = "s"
                if starts_formula(cell.value):
                    cell.quotePrefix = True
    for index, (key, _) in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 34 if key == "name" else 14
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"


def to_xlsx(results: RoundResults) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "评审结果"
    _sheet_rows(sheet, list(COLUMNS), exact_rows(results))
    _sheet_rows(
        book.create_sheet("评审员评分"), evaluator_columns(results), evaluator_rows(results)
    )
    notes = book.create_sheet("说明")
    notes.append([NOTE])
    notes.append([f"计分规则 {results.settings.rule.id}：{results.settings.rule.describe('zh')}"])
    notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(results: RoundResults, path: Path, *, by_evaluator: bool = False) -> Path:
    """The candidate table (.csv or .xlsx, whose second sheet has each evaluator's
    scorecard); `by_evaluator` writes the per-evaluator table as the .csv instead."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_atomically(path, evaluators_to_csv(results) if by_evaluator else to_csv(results))
    elif suffix == ".xlsx":
        write_atomically(path, to_xlsx(results))
    else:
        raise ServiceError("{path}: export results as .csv or .xlsx", path=path)
    return path
