"""Names as the documents show them: a page must lay out whatever a workspace holds.

Imports refuse control characters and cap names at NAME_LIMIT, but a workspace filled by
an older version, or a package from one, may hold a 60,000-character name or an ESC:
reportlab then fails with LayoutError. Each renderer takes its data through here first;
what is signed (scorecard.json) keeps the names as they are."""

from __future__ import annotations

import dataclasses

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.roster import Evaluator
from qz_evaluator.domain.text import printable

# A footer line is one line: a name in it is cut shorter than in the page's tables.
FOOTER_LIMIT = 40


def candidate(value: Candidate) -> Candidate:
    return dataclasses.replace(
        value,
        name=printable(value.name),
        county=printable(value.county),
        industry=printable(value.industry),
    )


def evaluator(value: Evaluator) -> Evaluator:
    return dataclasses.replace(
        value, name=printable(value.name), organisation=printable(value.organisation)
    )


def footer(text: str) -> str:
    return printable(text, FOOTER_LIMIT)


def text(value: str) -> str:
    return printable(value)
