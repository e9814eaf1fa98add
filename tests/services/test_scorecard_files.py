"""Signed scorecards through the real export path, and every way a file is refused."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services import identity, scorecard_files
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scorecard_files import Rejection, check_scorecard_bytes
from qz_evaluator.services.scoring import ScoringService, view
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.pdf_attachments import embed_file, extract_embedded_file
from qz_evaluator.trust.pdf_signing import sign_pdf
from tests.services.conftest import Enrolled
from tests.support.tools import tool
from tests.support.trust import new_committee, new_evaluator


def export(enrolled: Enrolled) -> tuple[Path, bytes]:
    result = scorecard_files.export_scorecard(
        enrolled.evaluator, enrolled.card, enrolled.tmp / "out"
    )
    return result.path, result.path.read_bytes()


def root(enrolled: Enrolled) -> object:
    return identity.committee_root(enrolled.secretariat)


def check(enrolled: Enrolled, pdf: bytes) -> scorecard_files.ScorecardCheck:
    return check_scorecard_bytes(pdf, identity.committee_root(enrolled.secretariat), "test.pdf")


def test_round_trip_equals_the_workspace(enrolled: Enrolled) -> None:
    path, pdf = export(enrolled)
    assert path.name.startswith("2026-site_") and path.name.endswith("_P01_r1.pdf")
    result = check(enrolled, pdf)
    assert result.valid, result.message
    assert result.document is not None
    raw = extract_embedded_file(pdf, "scorecard.json")
    assert raw is not None
    data = json.loads(raw)
    assert data == scd.to_json(result.document)
    assert raw == scd.to_bytes(result.document)
    shown = view(enrolled.evaluator.scorecard_by_id(enrolled.card.id)).as_dict()
    assert data["total"] == shown["total"]
    assert data["process"] == shown["process"] and data["results"] == shown["results"]
    assert [
        (i["code"], i["percent"], i["score"], i["strengths"], i["ofis"]) for i in data["items"]
    ] == [(i["code"], i["percent"], i["score"], i["strengths"], i["ofis"]) for i in shown["items"]]
    assert data["format"] == "qz-scorecard" and data["version"] == scd.VERSION
    assert data["evaluator"]["code"] == "P01"
    assert data["candidate"]["credit_code"] == enrolled.card.credit_code
    assert data["workspace_id"] == enrolled.evaluator.workspace_id
    assert data["revision"] == 1 and data["status"] == "final"


def test_reexport_unchanged_is_the_same_file_and_a_change_is_a_new_revision(
    enrolled: Enrolled,
) -> None:
    path, first = export(enrolled)
    path.unlink()
    again, second = export(enrolled)
    assert (again.name, second) == (path.name, first)
    service = ScoringService(enrolled.evaluator)
    card = service.reopen(enrolled.card).card
    card = service.set_percent(card, "4.1.2", 90).card
    enrolled.card = service.finalise(card, affirm_declaration=True).card
    revised, pdf = export(enrolled)
    assert revised.name.endswith("_r2.pdf")
    assert check(enrolled, pdf).valid
    assert json.loads(extract_embedded_file(pdf, "scorecard.json") or b"")["revision"] == 2


def test_drafts_are_not_exported(enrolled: Enrolled) -> None:
    service = ScoringService(enrolled.evaluator)
    draft = service.reopen(enrolled.card).card
    with pytest.raises(ServiceError, match="only a final scorecard"):
        scorecard_files.export_scorecard(enrolled.evaluator, draft, enrolled.tmp / "out")
    assert not (enrolled.tmp / "out").exists()


def test_one_byte_flipped_inside_the_signed_range(enrolled: Enrolled) -> None:
    _, pdf = export(enrolled)
    damaged = bytearray(pdf)
    spot = pdf.index(b"stream", 2000) + 20  # inside a page content stream
    damaged[spot] ^= 0x01
    result = check(enrolled, bytes(damaged))
    assert (result.valid, result.rejection) == (False, Rejection.DIGEST_MISMATCH)


def test_incremental_update_after_signing(enrolled: Enrolled) -> None:
    _, pdf = export(enrolled)
    forged = json.loads(extract_embedded_file(pdf, "scorecard.json") or b"")
    forged["items"][0]["percent"] = 100
    tampered = embed_file(pdf, "scorecard.json", json.dumps(forged).encode())
    assert tampered.startswith(pdf)
    result = check(enrolled, tampered)
    assert (result.valid, result.rejection) == (False, Rejection.MODIFIED_AFTER_SIGNING)


def _document(enrolled: Enrolled) -> scd.ScorecardDocument:
    ws: Workspace = enrolled.evaluator
    card = ws.scorecard_by_id(enrolled.card.id)
    return scd.build_document(
        card,
        candidate=ws.candidate(card.credit_code),
        evaluator=ws.evaluator("P01"),
        round_=ws.round(card.round_code),
        criteria=criteria_set(),
        workspace_id="w",
        revision=1,
        created_at="c",
        updated_at="u",
        exported_at="2026-11-26T10:00:00+00:00",
        declaration_affirmed_at="2026-11-26T09:00:00+00:00",
    )


def test_certificate_from_another_ca(enrolled: Enrolled) -> None:
    foreign = new_committee("别的委员会")
    impostor = new_evaluator(foreign, "P01", "罗思丽")
    pdf = scorecard_files.signed_scorecard_pdf(
        _document(enrolled), identity.SigningIdentity(impostor.key, impostor.cert, [foreign.cert])
    )
    result = check(enrolled, pdf)
    assert (result.valid, result.rejection) == (False, Rejection.UNKNOWN_SIGNER)


def test_evaluator_a_signing_a_scorecard_naming_b(enrolled: Enrolled) -> None:
    root_key = keychain.load_private_key(identity.root_key_name(enrolled.secretariat))
    committee = identity.committee_root(enrolled.secretariat)
    key, csr = certificates.create_evaluator_request("P02", "另一位评审员")
    cert = certificates.issue_evaluator_certificate(csr, root_key, committee, expected_code="P02")
    pdf = scorecard_files.signed_scorecard_pdf(
        _document(enrolled), identity.SigningIdentity(key, cert, [committee])
    )
    result = check(enrolled, pdf)
    assert (result.valid, result.rejection) == (False, Rejection.SIGNER_MISMATCH)
    assert "signed by P02 but the scorecard names evaluator P01" in result.message


def test_truncated_and_foreign_files(enrolled: Enrolled) -> None:
    _, pdf = export(enrolled)
    truncated = check(enrolled, pdf[: len(pdf) // 2])
    assert not truncated.valid
    assert truncated.rejection in {Rejection.NOT_A_PDF, Rejection.DAMAGED}
    text = check(enrolled, "这不是PDF文件".encode() * 50)
    assert (text.valid, text.rejection) == (False, Rejection.NOT_A_PDF)
    empty = check(enrolled, b"")
    assert (empty.valid, empty.rejection) == (False, Rejection.NOT_A_PDF)


def test_unsigned_scorecard(enrolled: Enrolled) -> None:
    document = _document(enrolled)
    criteria = criteria_set()
    pdf = embed_file(
        render_scorecard(document, criteria),
        "scorecard.json",
        scd.to_bytes(document),
    )
    result = check(enrolled, pdf)
    assert (result.valid, result.rejection) == (False, Rejection.NO_SIGNATURE)


def _signed_with_json(enrolled: Enrolled, data: dict[str, object]) -> bytes:
    signer = identity.evaluator_identity(enrolled.evaluator)
    pdf = embed_file(
        render_scorecard(_document(enrolled), criteria_set()),
        "scorecard.json",
        json.dumps(data).encode(),
    )
    return sign_pdf(pdf, signer.key, signer.cert, signer.chain)


def test_unknown_format_version(enrolled: Enrolled) -> None:
    data = scd.to_json(_document(enrolled))
    data["version"] = 99
    result = check(enrolled, _signed_with_json(enrolled, data))
    assert (result.valid, result.rejection) == (False, Rejection.UNKNOWN_FORMAT_VERSION)
    assert "version 99" in result.message


def test_totals_that_do_not_add_up_are_refused(enrolled: Enrolled) -> None:
    data = scd.to_json(_document(enrolled))
    data["total"] = "999"
    result = check(enrolled, _signed_with_json(enrolled, data))
    assert (result.valid, result.rejection) == (False, Rejection.BAD_SCORECARD_DATA)


def test_disk_full_leaves_revision_unused(
    enrolled: Enrolled, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    from qz_evaluator.store.errors import DiskFull

    with pytest.raises(DiskFull, match="disk is full"):
        export(enrolled)
    assert enrolled.evaluator.last_export(enrolled.card.id) is None
    assert not list((enrolled.tmp / "out").glob("*"))


def test_pdf_tools_accept_the_signed_file(enrolled: Enrolled) -> None:
    path, _pdf = export(enrolled)
    nss = enrolled.tmp / "nss"
    nss.mkdir()
    root_pem = enrolled.tmp / "root.pem"
    root_pem.write_bytes(
        certificates.certificate_pem(identity.committee_root(enrolled.secretariat))
    )
    certutil = tool("certutil")
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root_pem)],
        check=True,
    )
    report = subprocess.run(
        [tool("pdfsig"), "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True
    ).stdout
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report
    text = subprocess.run(
        [tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    candidate = enrolled.evaluator.candidate(enrolled.card.credit_code)
    # pdftotext drops the blanks between CJK characters.
    for expected in (
        "衢州市政府质量奖",
        "评审评分表",
        candidate.name,
        "高层领导的作用",
        "回避声明",
        "第1页共",
    ):
        assert expected in text.replace(" ", "")
    fonts = subprocess.run(
        [tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        columns = line.split()
        assert columns[-5:-3] == ["yes", "yes"], f"font not embedded and subset: {line}"


def test_long_comments_run_to_several_pages(enrolled: Enrolled) -> None:
    service = ScoringService(enrolled.evaluator)
    card = service.reopen(enrolled.card).card
    long_text = "组织建立了覆盖全流程的质量追溯体系，关键过程实施统计过程控制。" * 40
    for item in criteria_set().items[:6]:
        card = service.set_text(card, item.code, TextField.STRENGTHS, long_text).card
    enrolled.card = service.finalise(card, affirm_declaration=True).card
    path, _ = export(enrolled)
    text = subprocess.run(
        [tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.count("\f")
    assert pages >= 5
    assert f"第{pages}页共{pages}页" in text.replace(" ", "")
    info = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    assert f"Pages:           {pages}" in info


def test_english_scorecard(enrolled: Enrolled) -> None:
    document = dataclasses.replace(_document(enrolled))
    pdf = render_scorecard(document, criteria_set(), "en")
    out = enrolled.tmp / "en.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(
        [tool("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Evaluation scorecard" in text and "Role of senior leaders" in text
    assert "Page 1 of" in text
