"""Render the round's results report (landscape A4): ranking per tier, statistics per
candidate and an annex of every merged scorecard file, Chinese by default.

The services layer merges the scorecards and fills the dataclasses below with text that
is already formatted; this module only lays it out. The report states the aggregation rule
that produced it, and ends with a block for the secretariat's electronic signature.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.flowables import Flowable

from qz_evaluator.documents.charts import (
    LeniencyChart,
    ProfileChart,
    StripChart,
    leniency_drawing,
    profile_drawing,
    strip_drawing,
)
from qz_evaluator.documents.report_common import (
    ACCENT,
    ACCENT_HEX,
    MARGIN,
    MUTED,
    MUTED_HEX,
    RULE,
    SHADE,
    STRIPE,
    Styles,
    build,
    cell,
    esc,
    label,
    p,
    table,
)
from qz_evaluator.domain.text import printable

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN


@dataclass(frozen=True)
class RankRow:
    rank: int | None  # None when the candidate has no valid scorecard yet
    credit_code: str
    name: str
    county: str
    industry: str
    tier_label: str  # current tier, e.g. "潜力单位"
    n: int  # valid scorecards
    official: str  # score by the rule, already formatted ("612.35"), "" if none
    mean: str
    trimmed_mean: str
    median: str
    minimum: str
    maximum: str
    stdev: str
    recommended_label: str  # recommended tier label, "" if none
    final: bool  # result marked final by the secretariat
    flags: tuple[
        str, ...
    ]  # short human flags: "评审员不足5人", "4.2.2 分歧 25 分（已达成共识）", …


@dataclass(frozen=True)
class TierSection:
    tier_label: str
    rows: tuple[RankRow, ...]
    chart: StripChart | None = None  # the panel totals of its candidates with a result


@dataclass(frozen=True)
class CategoryLine:
    code: str
    name: str
    points: int
    mean: str
    minimum: str
    maximum: str


@dataclass(frozen=True)
class DivergenceLine:
    item_code: str
    item_name: str
    minimum: int
    maximum: int
    spread: int
    note: str  # "" if no consensus note yet


@dataclass(frozen=True)
class EvaluatorLine:
    """One evaluator's signed scorecard: total and subtotals, already formatted."""

    evaluator_code: str
    total: str
    categories: tuple[str, ...]  # in the order of the detail's categories


@dataclass(frozen=True)
class CandidateDetail:
    name: str
    credit_code: str
    tier_label: str
    n: int
    incomplete: bool
    official: str
    categories: tuple[CategoryLine, ...]
    divergences: tuple[DivergenceLine, ...]
    missing: tuple[str, ...]  # evaluator codes still missing
    scorecards: tuple[EvaluatorLine, ...] = ()  # each accepted scorecard, in panel order
    profile: ProfileChart | None = None  # the category profile, when it has a result


@dataclass(frozen=True)
class MergedFile:
    file_name: str
    evaluator_code: str
    candidate_name: str
    revision: int
    sha256: str
    signer_fingerprint: str


@dataclass(frozen=True)
class ResultsReportData:
    language: str  # "zh" (default) or "en"
    award: str  # e.g. "衢州市政府质量奖"
    round_name: str  # e.g. "2026年度现场评审"
    generated_at: str  # ISO timestamp
    rule_id: str  # e.g. "trimmed-mean/v1"
    rule_description: str  # a full sentence in the report's language
    divergence_threshold: int  # points of percentage
    thresholds_text: str  # e.g. "优势单位 ≥ 550；潜力单位 ≥ 400"
    sections: tuple[TierSection, ...]
    details: tuple[CandidateDetail, ...]
    merged_files: tuple[MergedFile, ...]
    leniency: LeniencyChart | None = None  # calibration, diagnostic: drawn in the annex


# Shared look of the data tables: red header row, hairline grid, compact padding.
GRID: list[tuple[object, ...]] = [
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]
PAD = 7  # horizontal padding of a GRID cell plus a little slack, for `cell`
# Rows of one chart drawing: a drawing cannot split across pages, so a long one is cut.
STRIP_ROWS, LENIENCY_ROWS = 30, 38


def _when(iso: str) -> str:
    return iso.replace("T", " ")


def _stripes(count: int, first: int = 1) -> list[tuple[object, ...]]:
    return [
        ("BACKGROUND", (0, row), (-1, row), STRIPE) for row in range(first + 1, first + count, 2)
    ]


def _title(data: ResultsReportData, styles: Styles) -> list[Flowable]:
    language = data.language
    return [
        p(data.award, styles.award),
        p(label("results_report", language), styles.title),
        p(
            f"{label('round', language)}：{data.round_name}　·　"
            f"{label('generated_at', language)}：{_when(data.generated_at)}"
            if language != "en"
            else f"{label('round', language)}: {data.round_name} · "
            f"{label('generated_at', language)}: {_when(data.generated_at)}",
            styles.subtitle,
        ),
    ]


def _rule_box(data: ResultsReportData, styles: Styles) -> Table:
    language = data.language
    candidates = sum(len(section.rows) for section in data.sections)
    rule = Paragraph(
        f"<font name='{styles.mono.fontName}'>{esc(data.rule_id)}</font>"
        f"　—　{esc(data.rule_description)}",
        styles.body,
    )
    rows = [
        [p(label("rule", language), styles.body), rule],
        [
            p(label("divergence", language), styles.body),
            p(label("divergence_text", language, n=data.divergence_threshold), styles.body),
        ],
        [p(label("thresholds", language), styles.body), p(data.thresholds_text, styles.body)],
        [
            p(label("figures", language), styles.body),
            p(label("figures_text", language), styles.body),
        ],
        [
            "",
            p(label("overview", language, c=candidates, f=len(data.merged_files)), styles.muted),
        ],
    ]
    return table(
        rows,
        [38 * mm, WIDTH - 38 * mm],
        [
            ("BOX", (0, 0), (-1, -1), 1.0, ACCENT),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )


RANK_COLUMNS = (
    ("rank", 10),
    ("candidate", 46),
    ("county", 17),
    ("industry", 21),
    ("n", 12),
    ("official", 17),
    ("mean", 15),
    ("trimmed_mean", 19),
    ("median", 15),
    ("range", 24),
    ("stdev", 12),
    ("recommended", 18),
    ("final", 9),
    ("flags", 34),
)


def _ranking(section: TierSection, language: str, styles: Styles) -> list[Flowable]:
    heading = p(
        label("tier_heading", language, tier=section.tier_label, n=len(section.rows)),
        styles.heading,
    )
    if not section.rows:
        return [heading, p(label("no_candidates", language), styles.muted)]
    scale = WIDTH / sum(w for _, w in RANK_COLUMNS)
    widths = [w * scale for _, w in RANK_COLUMNS]
    header = [p(label(key, language), styles.header) for key, _ in RANK_COLUMNS]
    rows: list[list[object]] = [header]
    commands: list[tuple[object, ...]] = [
        *GRID,
        ("ALIGN", (4, 1), (10, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (11, 1), (12, -1), "CENTER"),
        ("TEXTCOLOR", (5, 1), (5, -1), ACCENT),
        ("FONT", (5, 1), (5, -1), styles.cell.fontName, 9),
        # Flags that fit stay plain text: give them the size they were measured in.
        ("FONT", (13, 1), (13, -1), styles.small.fontName, styles.small.fontSize),
        *_stripes(len(section.rows)),
    ]
    for row in section.rows:
        spread = f"{row.minimum}–{row.maximum}" if row.minimum and row.maximum else ""
        rows.append(
            [
                "—" if row.rank is None else str(row.rank),
                Paragraph(
                    f"{esc(row.name)}<br/>"
                    f"<font size='6.5' color='{MUTED_HEX}'>"
                    f"{esc(row.credit_code)}</font>",
                    styles.cell,
                ),
                cell(row.county, styles.cell, widths[2], PAD),
                cell(row.industry, styles.cell, widths[3], PAD),
                str(row.n),
                row.official or "—",
                row.mean,
                row.trimmed_mean,
                row.median,
                spread,
                row.stdev,
                cell(row.recommended_label, styles.cell, widths[11], PAD),
                "✓" if row.final else "",
                cell("\n".join(row.flags), styles.small, widths[13], PAD),
            ]
        )
        if row.rank is None:
            commands.append(("TEXTCOLOR", (0, len(rows) - 1), (-1, len(rows) - 1), MUTED))
    story: list[Flowable] = [heading, table(rows, widths, commands, repeat_rows=1)]
    if section.chart is not None and section.chart.rows:
        for part, piece in enumerate(section.chart.chunks(STRIP_ROWS)):
            story += [Spacer(1, 3 * mm), strip_drawing(piece, language, WIDTH, part)]
    return story


def _categories(detail: CandidateDetail, language: str, styles: Styles) -> Table:
    """Categories across, mean and range down: a compact block for every candidate."""
    first = 20 * mm
    each = (WIDTH - first) / max(len(detail.categories), 1)
    header: list[object] = [p(label("category", language), styles.header)]
    header += [
        Paragraph(
            f"{esc(line.code)} {esc(line.name)}<br/><font size='7'>"
            f"{esc(label('points_of', language, points=line.points))}</font>",
            styles.header_small,
        )
        for line in detail.categories
    ]
    rows: list[list[object]] = [
        header,
        [label("mean", language), *(line.mean for line in detail.categories)],
        [
            label("range", language),
            *(
                f"{line.minimum}–{line.maximum}" if line.minimum and line.maximum else ""
                for line in detail.categories
            ),
        ],
    ]
    return table(
        rows,
        [first] + [each] * len(detail.categories),
        [
            *GRID,
            ("BACKGROUND", (0, 1), (0, -1), SHADE),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("TEXTCOLOR", (1, 1), (-1, 1), ACCENT),
        ],
    )


def _evaluators(detail: CandidateDetail, language: str, styles: Styles) -> Table:
    """Each evaluator's signed total and category subtotals, under the category block."""
    first, second = 20 * mm, 20 * mm
    each = (WIDTH - first - second) / max(len(detail.categories), 1)
    header: list[object] = [
        p(label("evaluator_totals", language), styles.header),
        p(label("total", language), styles.header),
        *(p(line.code, styles.header) for line in detail.categories),
    ]
    rows: list[list[object]] = [header]
    rows += [[card.evaluator_code, card.total, *card.categories] for card in detail.scorecards]
    return table(
        rows,
        [first, second] + [each] * len(detail.categories),
        [
            *GRID,
            ("BACKGROUND", (0, 1), (0, -1), SHADE),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            *_stripes(len(detail.scorecards)),
        ],
    )


def _divergences(detail: CandidateDetail, language: str, styles: Styles) -> Table:
    widths = [70 * mm, 16 * mm, 16 * mm, 16 * mm]
    widths.append(WIDTH - sum(widths))
    header = [
        p(label(key, language), styles.header)
        for key in ("divergent_item", "minimum", "maximum", "spread", "consensus")
    ]
    rows: list[list[object]] = [header]
    commands: list[tuple[object, ...]] = [*GRID, ("ALIGN", (1, 1), (3, -1), "RIGHT")]
    for line in detail.divergences:
        note = line.note.strip()
        rows.append(
            [
                cell(f"{line.item_code} {line.item_name}", styles.cell, widths[0], PAD),
                f"{line.minimum}%",
                f"{line.maximum}%",
                str(line.spread),
                p(note, styles.cell) if note else label("no_consensus", language),
            ]
        )
        if not note:
            commands.append(("TEXTCOLOR", (4, len(rows) - 1), (4, len(rows) - 1), ACCENT))
    return table(rows, widths, commands, repeat_rows=1)


def _detail(detail: CandidateDetail, language: str, styles: Styles) -> Flowable:
    facts = label(
        "detail_line",
        language,
        code=detail.credit_code,
        tier=detail.tier_label,
        n=detail.n,
        official=detail.official or "—",
    )
    heading = f"{esc(detail.name)}　<font size='8' color='{MUTED_HEX}'>{esc(facts)}</font>"
    if detail.incomplete:
        heading += (
            f"　<font size='8' color='{ACCENT_HEX}'>{esc(label('incomplete', language))}</font>"
        )
    colon = ": " if language == "en" else "："
    missing = esc(f"{label('missing', language)}{colon}")
    if detail.missing:
        codes = ("、" if language != "en" else ", ").join(detail.missing)
        missing += f"<font color='{ACCENT_HEX}'>{esc(codes)}</font>"
    else:
        missing += esc(label("none_missing", language))
    block: list[Flowable] = [
        Paragraph(heading, styles.subheading),
        _categories(detail, language, styles),
        Spacer(1, 1.5 * mm),
    ]
    if detail.profile is not None:
        block += [profile_drawing(detail.profile, language, WIDTH), Spacer(1, 1.5 * mm)]
    if detail.scorecards:
        block += [_evaluators(detail, language, styles), Spacer(1, 1.5 * mm)]
    if detail.divergences:
        block += [
            _divergences(detail, language, styles),
            Spacer(1, 1 * mm),
            Paragraph(missing, styles.small),
        ]
    else:
        none = esc(label("no_divergences", language))
        block.append(Paragraph(f"{none}　{missing}", styles.small))
    # A candidate's block stays on one page when it fits; a long one may still split.
    return KeepTogether(block)


ANNEX_COLUMNS = (("#", 9), ("file", 70), ("evaluator_code", 20), ("candidate", 55))


def _annex(data: ResultsReportData, styles: Styles) -> list[Flowable]:
    language = data.language
    story: list[Flowable] = [
        p(label("annex", language), styles.heading),
        p(label("annex_intro", language), styles.body),
        Spacer(1, 2 * mm),
    ]
    if not data.merged_files:
        return [*story, p(label("no_files", language), styles.muted)]
    widths = [w * mm for _, w in ANNEX_COLUMNS] + [12 * mm]
    widths.append(WIDTH - sum(widths))
    header: list[object] = ["#"]
    header += [p(label(key, language), styles.header) for key, _ in ANNEX_COLUMNS[1:]]
    header += [
        p(label("revision", language), styles.header),
        Paragraph(
            f"{esc(label('sha256', language))}<br/>{esc(label('fingerprint', language))}",
            styles.header,
        ),
    ]
    rows: list[list[object]] = [header]
    for number, merged in enumerate(data.merged_files, start=1):
        rows.append(
            [
                str(number),
                cell(merged.file_name, styles.cell, widths[1], PAD),
                cell(merged.evaluator_code, styles.cell, widths[2], PAD),
                cell(merged.candidate_name, styles.cell, widths[3], PAD),
                str(merged.revision),
                Paragraph(
                    f"{esc(merged.sha256)}<br/>"
                    f"<font color='{MUTED_HEX}'>{esc(merged.signer_fingerprint)}</font>",
                    styles.mono,
                ),
            ]
        )
    commands: list[tuple[object, ...]] = [
        *GRID,
        ("TEXTCOLOR", (0, 0), (0, 0), colors.white),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
        *_stripes(len(data.merged_files)),
    ]
    return [*story, table(rows, widths, commands, repeat_rows=1)]


def _signature(data: ResultsReportData, styles: Styles) -> Flowable:
    language = data.language
    candidates = sum(len(section.rows) for section in data.sections)
    facts = " · ".join(
        (
            data.round_name,
            f"{label('rule', language)} {data.rule_id}",
            label("overview", language, c=candidates, f=len(data.merged_files)).rstrip("。."),
            f"{label('generated_at', language)} {_when(data.generated_at)}",
        )
    )
    box = table(
        [
            [p(label("signature_block", language), styles.subheading)],
            [p(label("signature_note", language), styles.body)],
            [p(facts, styles.muted)],
        ],
        [WIDTH],
        [
            ("BOX", (0, 0), (-1, -1), 1.0, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * mm),
        ],
    )
    return KeepTogether([Spacer(1, 6 * mm), box])


def _printable(data: ResultsReportData) -> ResultsReportData:
    """Names and file names a page can hold (see documents.printable)."""
    return replace(
        data,
        sections=tuple(
            replace(
                section,
                rows=tuple(
                    replace(
                        row,
                        name=printable(row.name),
                        county=printable(row.county),
                        industry=printable(row.industry),
                    )
                    for row in section.rows
                ),
            )
            for section in data.sections
        ),
        details=tuple(replace(d, name=printable(d.name)) for d in data.details),
        merged_files=tuple(
            replace(m, file_name=printable(m.file_name), candidate_name=printable(m.candidate_name))
            for m in data.merged_files
        ),
    )


def render_results_report(data: ResultsReportData) -> bytes:
    """The results report as PDF bytes, not yet signed."""
    data = _printable(data)
    styles = Styles()
    language = data.language
    story: list[Flowable] = [*_title(data, styles), _rule_box(data, styles)]
    for section in data.sections:
        story.extend(_ranking(section, language, styles))
    if data.details:
        story += [PageBreak(), p(label("details", language), styles.heading)]
        for detail in data.details:
            story.append(_detail(detail, language, styles))
    story.append(PageBreak())
    story.extend(_annex(data, styles))
    if data.leniency is not None:
        for piece in data.leniency.chunks(LENIENCY_ROWS):
            story += [Spacer(1, 4 * mm), leniency_drawing(piece, language, WIDTH)]
    story.append(_signature(data, styles))
    report = label("results_report", language)
    return build(
        story,
        PAGE,
        language,
        title=f"{data.award} · {report} — {data.round_name}",
        subject=f"{data.round_name} · {data.rule_id}",
        footer_text=f"{data.award} · {data.round_name} · {report} · "
        f"{label('rule', language)} {data.rule_id}",
    )
