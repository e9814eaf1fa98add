"""A conflict declared on site reaches the secretariat as a signed declaration that
merge records; it can be withdrawn only until it has been exported."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from qz_evaluator.domain import conflict_declaration as cd
from qz_evaluator.domain.eligibility import Ineligible
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus
from qz_evaluator.services import conflict_declarations, demo, merge, panels
from qz_evaluator.services.conflict_declarations import DeclarationExported
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.trust.pdf_attachments import extract_embedded_file
from tests.services.conftest import Enrolled

REASON = "配偶在该单位财务部任职"


def declared(enrolled: Enrolled) -> Scorecard:
    """A draft card of the enrolled evaluator, now declared in conflict."""
    service = ScoringService(enrolled.evaluator)
    card = next(
        c
        for c in service.ensure_all(demo.SITE_ROUND)
        if c.status is ScorecardStatus.DRAFT and c.id != enrolled.card.id
    )
    return service.declare_conflict(card, REASON).card


def conflicts_of(enrolled: Enrolled, credit_code: str) -> list[Conflict]:
    return enrolled.secretariat.conflicts(credit_code=credit_code, evaluator_code="P01")


def test_exported_declaration_merges_as_a_recorded_conflict(enrolled: Enrolled) -> None:
    card = declared(enrolled)
    outbox = enrolled.tmp / "outbox"
    result = conflict_declarations.export_declaration(enrolled.evaluator, card, outbox)
    assert result.path.name.endswith("_P01_conflict.pdf") and not result.reused
    assert conflicts_of(enrolled, card.credit_code) == []
    assert (
        "P01" in merge.missing_scorecards(enrolled.secretariat)[(demo.SITE_ROUND, card.credit_code)]
    )

    summary = merge.merge(enrolled.secretariat, [outbox], workers=1)
    (entry,) = summary.entries
    assert entry.outcome is Outcome.DECLARED_CONFLICT
    assert (entry.round_code, entry.credit_code, entry.evaluator_code) == (
        demo.SITE_ROUND,
        card.credit_code,
        "P01",
    )
    assert REASON in entry.message
    assert summary.as_dict()["counts"]["declared-conflict"] == 1
    assert conflicts_of(enrolled, card.credit_code) == [
        Conflict(card.credit_code, "P01", REASON, declared_by="evaluator")
    ]
    # The eligibility rule now bars P01, and no scorecard is owed any more.
    assert (
        panels.eligibility_in(enrolled.secretariat, demo.SITE_ROUND, card.credit_code, "P01")
        is Ineligible.CONFLICT_OF_INTEREST
    )
    owed = summary.missing.get((demo.SITE_ROUND, card.credit_code), [])
    assert "P01" not in owed
    audit = enrolled.secretariat.audit_entries(credit_code=card.credit_code)
    assert any(e.action == "conflict-declared" and e.new == REASON for e in audit)
    assert (merge.archive_dir(enrolled.secretariat) / f"{result.file_sha256}.pdf").exists()

    again = merge.merge(enrolled.secretariat, [outbox], workers=1)
    assert [e.outcome for e in again.entries] == [Outcome.DUPLICATE]


def test_reexport_hands_out_the_same_file_and_withdrawing_is_refused(
    enrolled: Enrolled,
) -> None:
    card = declared(enrolled)
    first = conflict_declarations.export_declaration(enrolled.evaluator, card, enrolled.tmp / "a")
    second = conflict_declarations.export_declaration(enrolled.evaluator, card, enrolled.tmp / "b")
    assert second.reused and second.file_sha256 == first.file_sha256
    assert second.path.read_bytes() == first.path.read_bytes()
    assert not conflict_declarations.can_withdraw(enrolled.evaluator, card)
    with pytest.raises(DeclarationExported) as caught:
        conflict_declarations.withdraw_conflict(enrolled.evaluator, card)
    assert caught.value.code == "declaration-exported"
    assert enrolled.evaluator.scorecard_by_id(card.id).status is ScorecardStatus.CONFLICT


def test_withdrawing_before_export_restores_the_draft(enrolled: Enrolled) -> None:
    card = declared(enrolled)
    assert conflict_declarations.can_withdraw(enrolled.evaluator, card)
    change = conflict_declarations.withdraw_conflict(enrolled.evaluator, card)
    assert change.card.status is ScorecardStatus.DRAFT
    assert change.card.conflict_note == ""
    assert enrolled.evaluator.conflicts(credit_code=card.credit_code, evaluator_code="P01") == []
    # Scoring is allowed again, and the secretariat's own conflicts are never touched.
    ScoringService(enrolled.evaluator).set_percent(change.card, "4.1.2", 40)
    audit = enrolled.evaluator.audit_entries(card.id)
    assert [e.action for e in audit if e.action == "conflict-withdrawn"] == [
        "conflict-withdrawn",
        "conflict-withdrawn",
    ]


def test_declaration_pdf_is_signed_and_readable(enrolled: Enrolled) -> None:
    card = declared(enrolled)
    result = conflict_declarations.export_declaration(
        enrolled.evaluator, card, enrolled.tmp / "out"
    )
    pdf = result.path.read_bytes()
    declaration = cd.from_bytes(extract_embedded_file(pdf, conflict_declarations.ATTACHMENT) or b"")
    assert declaration.reason == REASON
    assert declaration.key == (demo.SITE_ROUND, card.credit_code, "P01")
    assert json.loads(cd.to_bytes(declaration))["format"] == cd.FORMAT
    if shutil.which("pdftotext") is None or shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(result.path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "评审回避声明" in text and REASON in text and card.credit_code in text
    signature = subprocess.run(
        ["pdfsig", str(result.path)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signature #1" in signature
    assert "Total document signed" in signature or "Signature Validation: Signature is Valid" in (
        signature
    )


def test_tampered_or_foreign_declarations_are_rejected(enrolled: Enrolled) -> None:
    card = declared(enrolled)
    out = enrolled.tmp / "out"
    result = conflict_declarations.export_declaration(enrolled.evaluator, card, out)
    pdf = bytearray(result.path.read_bytes())
    index = pdf.index(b"/Title")
    pdf[index + 8] ^= 0x01  # a change after signing
    tampered = out / "tampered.pdf"
    tampered.write_bytes(bytes(pdf))
    summary = merge.merge(enrolled.secretariat, [tampered], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.REJECTED]
    assert conflicts_of(enrolled, card.credit_code) == []

    # A declaration naming an evaluator the roster's certificate does not belong to.
    enrolled.secretariat.set_certificate_fingerprint("P01", "0" * 64)
    summary = merge.merge(enrolled.secretariat, [result.path], workers=1)
    (entry,) = summary.entries
    assert entry.outcome is Outcome.REJECTED
    assert entry.reason == merge.MergeRejection.CERTIFICATE_NOT_RECORDED.value
    assert conflicts_of(enrolled, card.credit_code) == []


def test_only_a_declared_card_exports_a_declaration(enrolled: Enrolled) -> None:
    out = enrolled.tmp / "out"
    with pytest.raises(ServiceError) as caught:
        conflict_declarations.export_declaration(enrolled.evaluator, enrolled.card, out)
    assert caught.value.code == "no-declaration"
    assert not out.exists()


def test_a_declaration_sets_aside_a_scorecard_merged_before(enrolled: Enrolled) -> None:
    from qz_evaluator.domain.scorecard_document import SubmissionStatus
    from qz_evaluator.services import scorecard_files

    out = enrolled.tmp / "out"
    scorecard_files.export_scorecard(enrolled.evaluator, enrolled.card, out)
    merge.merge(enrolled.secretariat, [out], workers=1)
    code = enrolled.card.credit_code
    (accepted,) = enrolled.secretariat.submissions(credit_code=code, evaluator_code="P01")
    assert accepted.status is SubmissionStatus.ACCEPTED
    # The evaluator learns of the conflict later: reopens, declares, exports the declaration.
    service = ScoringService(enrolled.evaluator)
    card = service.reopen(enrolled.card, "发现利害关系").card
    card = service.declare_conflict(card, REASON).card
    declarations = enrolled.tmp / "declarations"
    conflict_declarations.export_declaration(enrolled.evaluator, card, declarations)
    summary = merge.merge(enrolled.secretariat, [declarations], workers=1)
    (entry,) = summary.entries
    assert entry.outcome is Outcome.DECLARED_CONFLICT
    assert "set aside" in entry.message
    (kept,) = enrolled.secretariat.submissions(credit_code=code, evaluator_code="P01")
    assert kept.status is SubmissionStatus.SUPERSEDED  # history, no longer counted
    assert (demo.SITE_ROUND, enrolled.card.credit_code, "P01") not in (
        enrolled.secretariat.accepted_keys()
    )
