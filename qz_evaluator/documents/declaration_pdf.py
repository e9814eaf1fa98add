"""Render a conflict-of-interest declaration as a one-page A4 PDF (Chinese by default).

The page is for people; the same data travels as declaration.json, attached before
signing by the declaration service, exactly as a scorecard carries scorecard.json.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from qz_evaluator.documents import printable
from qz_evaluator.documents.labels import label
from qz_evaluator.documents.report_common import (
    MARGIN,
    SHADE,
    Styles,
    build,
    cell,
    p,
    paren,
    table,
)
from qz_evaluator.domain.conflict_declaration import ConflictDeclaration
from qz_evaluator.domain.roster import LEVEL_LABELS


def render_declaration(declaration: ConflictDeclaration, language: str = "zh") -> bytes:
    """The declaration's page as PDF bytes, not yet signed and without attachments."""
    styles = Styles()
    width = A4[0] - 2 * MARGIN
    key_width, value_width = 0.25 * width, 0.75 * width
    candidate, evaluator, round_ = (
        printable.candidate(declaration.candidate),
        printable.evaluator(declaration.evaluator),
        declaration.round,
    )
    level = LEVEL_LABELS[evaluator.level].get(language)
    rows = [
        ("round", round_.name),
        ("candidate", candidate.name),
        ("credit_code", candidate.credit_code),
        ("evaluator", f"{evaluator.name}{paren(evaluator.code, language)}"),
        ("level", level),
        ("organisation", evaluator.organisation or "—"),
        ("conflict_reason", declaration.reason),
        ("declared_at", declaration.declared_at.replace("T", " ")[:16] + " UTC"),
    ]
    grid = table(
        [
            [cell(label(key, language), styles.cell, key_width), p(value, styles.cell)]
            for key, value in rows
        ],
        [key_width, value_width],
        [
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.5, SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ],
    )
    title = label("conflict_declaration", language)
    story: list[Flowable] = [
        p(label("award", language), styles.award),
        p(title, styles.title),
        p(round_.name, styles.subtitle),
        grid,
        Spacer(1, 6 * mm),
        p(declaration.statement.get(language), styles.body),
        Spacer(1, 8 * mm),
        p(label("signature", language), styles.label),
        p(label("declaration_signature_note", language), styles.muted),
    ]
    return build(
        story,
        A4,
        language,
        title=f"{title} — {printable.footer(candidate.name)}",
        subject=f"{round_.name} {candidate.credit_code} {evaluator.code}",
        footer_text=f"{printable.footer(candidate.name)} · {evaluator.code} · {round_.name}",
    )
