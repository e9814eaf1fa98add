"""Render a candidate's feedback report (portrait A4): the panel's consolidated strengths
and opportunities for improvement per item, without scores and without evaluator names.

The services layer collects the texts of all panel members, removes duplicates and fills
the dataclasses below; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents import printable
from qz_evaluator.documents.report_common import (
    ACCENT,
    MARGIN,
    RULE,
    SHADE,
    Styles,
    build,
    cell,
    esc,
    label,
    p,
    table,
)
from qz_evaluator.domain.errors import CriteriaError

PAGE = A4
WIDTH = PAGE[0] - 2 * MARGIN


@dataclass(frozen=True)
class FeedbackItem:
    code: str
    name: str
    points: int
    strengths: tuple[str, ...]
    ofis: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackReportData:
    language: str
    award: str
    round_name: str
    generated_at: str
    candidate_name: str
    credit_code: str
    tier_label: str
    items: tuple[FeedbackItem, ...]  # all 23 items in criteria order


def _category_of(code: str) -> str:
    """ "4.2.3" → "4.2": items are numbered within their category."""
    return code.rsplit(".", 1)[0] if code.count(".") >= 2 else ""


def _groups(items: tuple[FeedbackItem, ...]) -> Iterator[tuple[str, list[FeedbackItem]]]:
    """Consecutive items of the same category, in the caller's order."""
    group: list[FeedbackItem] = []
    for item in items:
        if group and _category_of(item.code) != _category_of(group[0].code):
            yield _category_of(group[0].code), group
            group = []
        group.append(item)
    if group:
        yield _category_of(group[0].code), group


def _category_name(code: str, items: list[FeedbackItem], language: str) -> str:
    """The category's name from the bundled criteria, only when the items match it (the
    data carries no category names; another criteria set just gets the bare code)."""
    try:
        category = criteria_set().category(code)
    except CriteriaError:
        return ""
    known = {item.code: item.name for item in category.items}
    for item in items:
        name = known.get(item.code)
        if name is None or item.name not in (name.zh, name.en):
            return ""
    return category.name.get(language)


def _candidate_block(data: FeedbackReportData, styles: Styles) -> Flowable:
    language = data.language
    first, second = 0.2 * WIDTH, 0.3 * WIDTH

    def pair(key: str, value: str) -> list[object]:
        return [
            cell(label(key, language), styles.cell, first),
            cell(value, styles.cell, second),
        ]

    rows = [
        pair("candidate", data.candidate_name) + pair("credit_code", data.credit_code),
        pair("tier", data.tier_label) + pair("round", data.round_name),
    ]
    return table(
        rows,
        [first, second, first, second],
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("BACKGROUND", (2, 0), (2, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
    )


def _bullets(key: str, texts: tuple[str, ...], language: str, styles: Styles) -> list[Flowable]:
    heading = p(label(key, language), styles.lead)
    lines = [text for text in texts if text.strip()]
    if not lines:
        return [heading, Paragraph(esc(label("none", language)), styles.bullet)]
    return [
        heading,
        *(Paragraph(esc(text.strip()), styles.bullet, bulletText="•") for text in lines),
    ]


def _item(item: FeedbackItem, language: str, styles: Styles) -> list[Flowable]:
    heading = p(
        label("item_heading", language, code=item.code, name=item.name, points=item.points),
        styles.subheading,
    )
    strengths = _bullets("strengths", item.strengths, language, styles)
    ofis = _bullets("ofis", item.ofis, language, styles)
    # The heading stays with its first lines; long lists may still run onto the next page.
    return [KeepTogether([heading, *strengths[:2]]), *strengths[2:], *ofis]


def render_feedback_report(data: FeedbackReportData) -> bytes:
    """The candidate's feedback report as PDF bytes, not yet signed."""
    data = replace(data, candidate_name=printable.text(data.candidate_name))
    styles = Styles()
    language = data.language
    when = data.generated_at.replace("T", " ")
    colon = ": " if language == "en" else "："
    story: list[Flowable] = [
        p(data.award, styles.award),
        p(label("feedback_report", language), styles.title),
        p(f"{label('generated_at', language)}{colon}{when}", styles.subtitle),
        _candidate_block(data, styles),
        Spacer(1, 4 * mm),
        p(label("feedback_intro", language), styles.body),
    ]
    for code, items in _groups(data.items):
        name = _category_name(code, items, language)
        if code:
            story += [
                CondPageBreak(40 * mm),
                table(
                    [[p(f"{code} {name}".strip(), styles.heading)]],
                    [WIDTH],
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.8, ACCENT),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ],
                ),
            ]
        for item in items:
            story.extend(_item(item, language, styles))
    report = label("feedback_report", language)
    return build(
        story,
        PAGE,
        language,
        title=f"{data.award} · {report} — {printable.footer(data.candidate_name)}",
        subject=f"{data.round_name} · {data.credit_code}",
        footer_text=f"{data.award} · {data.round_name} · {report} · "
        f"{printable.footer(data.candidate_name)}",
    )
