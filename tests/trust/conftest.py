"""Fixtures for the trust layer: an in-memory keychain, a committee, evaluators, PDFs."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from qz_evaluator.trust.certificates import create_committee_root
from qz_evaluator.trust.pdf_attachments import embed_file
from tests.support.trust import Identity, new_evaluator

SCORECARD_JSON = b'{"format": "qz-scorecard", "version": 1, "total": 812.5}'


@pytest.fixture(scope="session")
def committee() -> Identity:
    key, cert = create_committee_root("衢州市政府质量奖评审委员会根证书")
    return Identity(key, cert)


@pytest.fixture(scope="session")
def other_committee() -> Identity:
    key, cert = create_committee_root("Some other committee", organisation="Elsewhere")
    return Identity(key, cert)


@pytest.fixture(scope="session")
def evaluator(committee: Identity) -> Identity:
    return new_evaluator(committee, "P01", "张三")


@pytest.fixture(scope="session")
def foreign_evaluator(other_committee: Identity) -> Identity:
    # Same code and name as the real evaluator, but certified by another CA.
    return new_evaluator(other_committee, "P01", "张三")


def make_pdf(pages: int = 3) -> bytes:
    """A small PDF as reportlab writes it (plain Helvetica is enough here)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 720, f"Scorecard page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="session")
def scorecard_json() -> bytes:
    return SCORECARD_JSON


@pytest.fixture(scope="session")
def plain_pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="session")
def scorecard_pdf() -> bytes:
    """An unsigned three-page PDF with scorecard.json attached."""
    return embed_file(make_pdf(), "scorecard.json", SCORECARD_JSON)
