"""The results report's charts (reportlab.graphics drawings), read back with poppler."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.charts import (
    Axis,
    Dot,
    LeniencyChart,
    LeniencyDot,
    ProfileBar,
    ProfileChart,
    StripChart,
    StripRow,
    leniency_drawing,
    profile_drawing,
    strip_drawing,
    strip_marks,
)
from qz_evaluator.documents.results_pdf import (
    LENIENCY_ROWS,
    STRIP_ROWS,
    ResultsReportData,
    render_results_report,
)
from qz_evaluator.domain.candidates import Tier
from tests.documents.test_reports import (
    assert_fonts_embedded,
    results_data,
    save,
    squeeze,
    text_of,
)

TIERS = (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED)
WORDS = {
    "zh": ("各评审员总分与正式得分", "类目得分概况", "评审员宽严度（诊断用，不影响正式得分）"),
    "en": (
        "panel totals and official score",
        "Category profile",
        "Evaluator leniency (diagnostic; official scores unaffected)",
    ),
}


def strip(tier: Tier, rows: int) -> StripChart:
    return StripChart(
        tier,
        "trimmed-mean/v1",
        1000,
        Axis(300.0, 700.0, (300.0, 400.0, 500.0, 600.0, 700.0)),
        tuple(
            StripRow(
                f"91330800MA2X{index:06d}",
                f"衢州测试单位{index:03d}有限公司",
                index + 1,
                tuple(Dot(f"M{k:02d}", 500.0 + k * 10, f"{500 + k * 10}.00", 0) for k in range(5)),
                520.0,
                "520.00",
            )
            for index in range(rows)
        ),
    )


def profile(name: str) -> ProfileChart:
    return ProfileChart(
        "x",
        name,
        5,
        tuple(
            ProfileBar(
                c.code,
                c.name,
                c.points,
                c.points * 0.55,
                f"{c.points * 0.55:.2f}",
                c.points * 0.4,
                c.points * 0.7,
                f"{c.points * 0.4:.2f}",
                f"{c.points * 0.7:.2f}",
            )
            for c in criteria_set().categories
        ),
    )


def lenient(count: int) -> LeniencyChart:
    dots = tuple(
        LeniencyDot(
            f"Q{index:02d}",
            3 + index % 4,
            20.0 - index,
            None if index % 7 == 0 else 20.0 - index - 8,
            None if index % 7 == 0 else 20.0 - index + 8,
            0.1 * index,
        )
        for index in range(count)
    )
    return LeniencyChart(Axis(-40.0, 40.0, (-40.0, -20.0, 0.0, 20.0, 40.0)), dots, 2)


def with_charts(language: str, big_tier: int = 0) -> ResultsReportData:
    data = results_data(language)
    sections = tuple(
        dataclasses.replace(
            section,
            chart=strip(tier, big_tier if big_tier and tier is Tier.SEED else len(section.rows)),
        )
        for section, tier in zip(data.sections, TIERS, strict=True)
    )
    details = tuple(
        dataclasses.replace(detail, profile=profile(detail.name) if detail.n else None)
        for detail in data.details
    )
    return dataclasses.replace(
        data, sections=sections, details=details, leniency=lenient(45 if big_tier else 12)
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_report_draws_each_chart(tmp_path: Path, language: str) -> None:
    data = with_charts(language)
    path = save(tmp_path, f"charts-{language}.pdf", render_results_report(data))
    text = text_of(path)
    flat = squeeze(text)
    strip_title, profile_title, leniency_title = (squeeze(w) for w in WORDS[language])
    charts = [s.chart for s in data.sections if s.chart is not None and s.chart.rows]
    assert flat.count(strip_title) == len(charts) == 3
    profiles = [d for d in data.details if d.profile is not None]
    assert flat.count(profile_title) == len(profiles) > 0
    assert flat.count(leniency_title) == 1
    axis = {"zh": "总分（满分1000）", "en": "Total(of1000points)"}[language]
    assert flat.count(axis) == 3
    assert squeeze("正式得分（trimmed-mean/v1）" if language == "zh" else "Official score") in flat
    for dot in data.leniency.dots if data.leniency else ():
        assert dot.evaluator_code in text
    assert "+9.00[+1.00,+17.00]" in flat  # Q11: its mean and 95 % interval, signed
    assert squeeze(criteria_set().categories[3].name.get(language)) in flat
    assert_fonts_embedded(path)  # the drawings use the embedded CJK font, no Helvetica


def test_long_charts_are_cut_to_fit_a_page(tmp_path: Path) -> None:
    data = with_charts("zh", big_tier=70)
    path = save(tmp_path, "long.pdf", render_results_report(data))
    flat = squeeze(text_of(path))
    # The seed tier's 70 rows in pieces of 30, the other tiers' in one; 45 evaluators in 2.
    assert flat.count("各评审员总分与正式得分") == 2 + math.ceil(70 / STRIP_ROWS) == 5
    assert "（续2）" in flat and "（续3）" in flat
    assert flat.count("评审员宽严度（诊断用，不影响正式得分）") == math.ceil(45 / LENIENCY_ROWS)
    assert flat.count("另有2名评审员无可比较的评审组") == 1  # on the last piece only
    assert "衢州测试单位069有限公司" in flat


def test_equal_totals_stack_and_the_geometry_follows_the_axis() -> None:
    axis = Axis(400.0, 600.0, (400.0, 500.0, 600.0))
    row = StripRow(
        "x",
        "单位",
        1,
        (
            Dot("M01", 500.0, "500.00", 0),
            Dot("M02", 500.0, "500.00", 1),
            Dot("M03", 500.0, "500.00", -1),
            Dot("M04", 450.0, "450.00", 0),
        ),
        480.0,
        "480.00",
    )
    marks = strip_marks(row, axis, 100.0, 300.0, 13.0)
    assert [x for x, _, _ in marks] == [200.0, 200.0, 200.0, 150.0]
    offsets = [dy for _, dy, _ in marks]
    assert offsets[0] == 0 and offsets[1] > 0 and offsets[2] == -offsets[1] and offsets[3] == 0
    assert offsets[1] <= 13.0 / 2  # inside the row


def test_drawings_alone_have_their_size() -> None:
    chart = strip(Tier.SEED, 4)
    drawing = strip_drawing(chart, "zh", 700.0)
    assert drawing.width == 700.0 and drawing.height > 4 * 13
    assert profile_drawing(profile("单位"), "en", 700.0).height > 7 * 13
    empty = LeniencyChart(Axis(-10.0, 10.0, (-10.0, 0.0, 10.0)), (), 0)
    assert len(empty.chunks(LENIENCY_ROWS)) == 1
    assert leniency_drawing(lenient(3), "zh", 700.0).height > 3 * 11
    # A strip chart's pieces keep its axis and its order.
    pieces = strip(Tier.SEED, 65).chunks(30)
    assert [len(p.rows) for p in pieces] == [30, 30, 5]
    assert pieces[2].rows[0].name == "衢州测试单位060有限公司"
    assert all(p.axis == pieces[0].axis for p in pieces)
    assert re.fullmatch(r"\d+\.\d+", pieces[0].rows[0].official_text)
