"""Results as tables people open in Excel: CSV (UTF-8 with BOM, so Excel reads Chinese)
and .xlsx (openpyxl), one row per candidate, the rule named on every row."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.results import RoundResults, shown
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
    ("stdev", "标准差"),
    ("process", "过程类平均"),
    ("results", "结果类平均"),
    ("divergent", "分歧条款"),
    ("unresolved", "未达成共识"),
    ("missing", "未提交评审员"),
    ("final", "结果已确认"),
    ("recommended", "建议梯队"),
)


def rows(results: RoundResults) -> list[dict[str, Any]]:
    table = []
    order = {tier: index for index, tier in enumerate(reversed(list(Tier)))}
    ordered = sorted(
        results.outcomes,
        key=lambda o: (
            order[o.candidate.tier],
            o.rank if o.rank is not None else 10**6,
            o.candidate.credit_code,
        ),
    )
    for o in ordered:
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
                "official": shown(o.official) if o.official is not None else "",
                "rule": results.settings.rule.id,
                "mean": shown(r.totals.mean) if r else "",
                "trimmed_mean": shown(r.totals.trimmed_mean) if r else "",
                "median": shown(r.totals.median) if r else "",
                "min": shown(r.totals.minimum) if r else "",
                "max": shown(r.totals.maximum) if r else "",
                "stdev": shown(r.totals.stdev) if r else "",
                "process": shown(r.process.mean) if r else "",
                "results": shown(r.results.mean) if r else "",
                "divergent": " ".join(r.divergent_codes) if r else "",
                "unresolved": " ".join(o.unresolved),
                "missing": " ".join(o.missing),
                "final": "是" if o.final else "否",
                "recommended": o.recommended.label.zh if o.recommended else "",
            }
        )
    return table


def to_csv(results: RoundResults) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([zh for _, zh in COLUMNS])
    for row in rows(results):
        writer.writerow([row[key] for key, _ in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(results: RoundResults) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "评审结果"
    sheet.append([zh for _, zh in COLUMNS])
    header = Font(bold=True, color="FFFFFF")
    for cell in sheet[1]:
        cell.font = header
        cell.fill = PatternFill("solid", fgColor="9B1C1C")
        cell.alignment = Alignment(horizontal="center")
    numeric = {
        "official",
        "mean",
        "trimmed_mean",
        "median",
        "min",
        "max",
        "stdev",
        "process",
        "results",
    }
    for row in rows(results):
        sheet.append(
            [float(row[k]) if k in numeric and row[k] != "" else row[k] for k, _ in COLUMNS]
        )
    for index, (key, _) in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 34 if key == "name" else 14
        if key in numeric:
            for cell in sheet[letter][1:]:
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(results: RoundResults, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_atomically(path, to_csv(results))
    elif suffix == ".xlsx":
        write_atomically(path, to_xlsx(results))
    else:
        raise ServiceError("{path}: export results as .csv or .xlsx", path=path)
    return path
