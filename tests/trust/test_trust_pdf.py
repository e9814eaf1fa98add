from __future__ import annotations

import binascii
import io
import random
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from qz_evaluator.trust.certificates import certificate_pem, fingerprint
from qz_evaluator.trust.errors import CertificateError, PdfDocumentError
from qz_evaluator.trust.pdf_attachments import embed_file, extract_embedded_file
from qz_evaluator.trust.pdf_signing import PdfVerification, VerifyFailure, sign_pdf, verify_pdf
from tests.support.tools import tool
from tests.support.trust import Identity

SIGNING_TIME = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def signed_pdf(scorecard_pdf: bytes, evaluator: Identity, committee: Identity) -> bytes:
    return sign_pdf(
        scorecard_pdf,
        evaluator.key,
        evaluator.cert,
        [committee.cert],
        reason="评分表",
        location="衢州",
        signing_time=datetime.now(UTC),
    )


def assert_failure(result: PdfVerification, failure: VerifyFailure) -> None:
    assert not result.valid
    assert result.failure is failure, result.message
    assert result.message


def flip_byte(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def signature_gap(pdf: bytes) -> tuple[int, int]:
    """Start and end offsets of the /Contents hex string, which the signature excludes."""
    match = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert match is not None
    return int(match.group(1)), int(match.group(2))


def pyhanko_sign(pdf: bytes, signer: Identity, root: Identity, field: str) -> bytes:
    """A plain approval signature made with pyHanko directly (no checks of ours)."""
    simple = signers.SimpleSigner(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(signer.cert),
        signing_key=translate_pyca_cryptography_key_to_asn1(signer.key),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [translate_pyca_cryptography_cert_to_asn1(root.cert)]
        ),
    )
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.PdfSigner(meta, simple).sign_pdf(writer)
    return bytes(out.getvalue())


# --- the good case ----------------------------------------------------------------


def test_signed_pdf_verifies(signed_pdf: bytes, evaluator: Identity, committee: Identity) -> None:
    result = verify_pdf(signed_pdf, committee.cert)
    assert result.valid, result.message
    assert result.failure is None
    assert result.signer == evaluator.cert
    assert result.signed_at is not None
    assert abs(result.signed_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert "张三" in result.message


def test_signature_is_pades_with_chain(
    signed_pdf: bytes, evaluator: Identity, committee: Identity
) -> None:
    reader = PdfFileReader(io.BytesIO(signed_pdf))
    (sig,) = reader.embedded_signatures
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig.sig_object["/Reason"] == "评分表"
    assert sig.sig_object["/Location"] == "衢州"
    assert sig.field_name == "EvaluatorSignature"
    signed_data = sig.signed_data
    embedded = {
        fingerprint(x509.load_der_x509_certificate(c.chosen.dump()))
        for c in signed_data["certificates"]
    }
    assert embedded == {fingerprint(evaluator.cert), fingerprint(committee.cert)}
    signer_info = signed_data["signer_infos"][0]
    assert signer_info["digest_algorithm"]["algorithm"].native == "sha256"
    assert signer_info["signature_algorithm"].signature_algo == "ecdsa"
    attributes = {attr["type"].native for attr in signer_info["signed_attrs"]}
    # PAdES B-B: these three, and no signing-time attribute.
    assert attributes == {"content_type", "message_digest", "signing_certificate_v2"}


def test_signing_time_is_recorded(
    scorecard_pdf: bytes, evaluator: Identity, committee: Identity
) -> None:
    # Within the certificate's validity, which began (backdated) minutes ago.
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=2)
    pdf = sign_pdf(
        scorecard_pdf, evaluator.key, evaluator.cert, [committee.cert], signing_time=when
    )
    result = verify_pdf(pdf, committee.cert)
    assert result.valid, result.message
    assert result.signed_at == when


def test_attachment_survives_signing(signed_pdf: bytes, scorecard_json: bytes) -> None:
    assert extract_embedded_file(signed_pdf, "scorecard.json") == scorecard_json
    assert extract_embedded_file(signed_pdf, "other.json") is None


# --- what verification must catch -------------------------------------------------


def test_unsigned_pdf(scorecard_pdf: bytes, committee: Identity) -> None:
    assert_failure(verify_pdf(scorecard_pdf, committee.cert), VerifyFailure.NO_SIGNATURE)


def test_byte_flipped_in_signed_range(signed_pdf: bytes, committee: Identity) -> None:
    index = signed_pdf.index(b"ReportLab")  # in the /Producer string of the first revision
    assert index < signature_gap(signed_pdf)[0]
    result = verify_pdf(flip_byte(signed_pdf, index), committee.cert)
    assert_failure(result, VerifyFailure.DIGEST_MISMATCH)


def test_byte_flipped_after_signature_value(signed_pdf: bytes, committee: Identity) -> None:
    # The part of the signed range that follows the signature value (trailer etc.).
    _, gap_end = signature_gap(signed_pdf)
    index = signed_pdf.index(b"/Root", gap_end)
    result = verify_pdf(flip_byte(signed_pdf, index + 1), committee.cert)
    assert not result.valid
    assert result.failure in {VerifyFailure.DIGEST_MISMATCH, VerifyFailure.DAMAGED}


def test_signature_value_flipped(signed_pdf: bytes, committee: Identity) -> None:
    reader = PdfFileReader(io.BytesIO(signed_pdf))
    signature = reader.embedded_signatures[0].signer_info["signature"].native
    hex_signature = binascii.hexlify(signature).upper()
    index = signed_pdf.index(hex_signature) + len(hex_signature) // 2
    digit = signed_pdf[index : index + 1]
    replacement = b"1" if digit != b"1" else b"2"
    tampered = signed_pdf[:index] + replacement + signed_pdf[index + 1 :]
    assert_failure(verify_pdf(tampered, committee.cert), VerifyFailure.DIGEST_MISMATCH)


def test_incremental_update_after_signing(
    signed_pdf: bytes, committee: Identity, scorecard_json: bytes
) -> None:
    # Replace the scorecard's data in a new revision, as a tamperer with pyHanko would.
    updated = embed_file(signed_pdf, "scorecard.json", b'{"total": 999}')
    assert updated.startswith(signed_pdf)
    assert_failure(verify_pdf(updated, committee.cert), VerifyFailure.MODIFIED_AFTER_SIGNING)
    # The signed revision's attachment is what is read, never the swapped-in one.
    assert extract_embedded_file(updated, "scorecard.json") == scorecard_json


def test_bytes_appended_after_signing(signed_pdf: bytes, committee: Identity) -> None:
    result = verify_pdf(signed_pdf + b"\n% harmless-looking comment\n", committee.cert)
    assert_failure(result, VerifyFailure.MODIFIED_AFTER_SIGNING)


def test_padding_of_signature_value_changed(signed_pdf: bytes, committee: Identity) -> None:
    _, gap_end = signature_gap(signed_pdf)
    # The last hex digits before '>' are zero padding, outside the signed byte range.
    tampered = signed_pdf[: gap_end - 3] + b"7" + signed_pdf[gap_end - 2 :]
    assert_failure(verify_pdf(tampered, committee.cert), VerifyFailure.MODIFIED_AFTER_SIGNING)


def test_signer_from_another_committee(
    scorecard_pdf: bytes,
    foreign_evaluator: Identity,
    other_committee: Identity,
    committee: Identity,
) -> None:
    pdf = sign_pdf(
        scorecard_pdf, foreign_evaluator.key, foreign_evaluator.cert, [other_committee.cert]
    )
    assert verify_pdf(pdf, other_committee.cert).valid
    result = verify_pdf(pdf, committee.cert)
    assert_failure(result, VerifyFailure.UNKNOWN_SIGNER)
    assert result.signer == foreign_evaluator.cert
    assert "not certified by this committee" in result.message


def test_root_key_is_not_a_signer(scorecard_pdf: bytes, committee: Identity) -> None:
    pdf = sign_pdf(scorecard_pdf, committee.key, committee.cert, [])
    result = verify_pdf(pdf, committee.cert)
    assert_failure(result, VerifyFailure.UNKNOWN_SIGNER)
    assert "certificate authority" in result.message


def expired_identity(committee: Identity) -> Identity:
    """An evaluator whose certificate ran out a month ago (built by hand: we never issue one)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Expired Evaluator"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "P20"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(committee.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(now - timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(committee.key, hashes.SHA256())
    )
    return Identity(key, cert)


def test_expired_signer(scorecard_pdf: bytes, committee: Identity) -> None:
    expired = expired_identity(committee)
    with pytest.raises(CertificateError, match="not valid"):
        sign_pdf(scorecard_pdf, expired.key, expired.cert, [committee.cert])
    signed_back_then = datetime.now(UTC) - timedelta(days=100)
    pdf = sign_pdf(
        scorecard_pdf, expired.key, expired.cert, [committee.cert], signing_time=signed_back_then
    )
    result = verify_pdf(pdf, committee.cert)
    assert_failure(result, VerifyFailure.UNKNOWN_SIGNER)
    assert "expired" in result.message


def test_two_signatures(scorecard_pdf: bytes, evaluator: Identity, committee: Identity) -> None:
    once = pyhanko_sign(scorecard_pdf, evaluator, committee, "First")
    twice = pyhanko_sign(once, evaluator, committee, "Second")
    assert_failure(verify_pdf(twice, committee.cert), VerifyFailure.MULTIPLE_SIGNATURES)


def test_damaged_signature_container(signed_pdf: bytes, committee: Identity) -> None:
    gap_start, _ = signature_gap(signed_pdf)
    # Keep the PDF parsable but make the CMS unreadable.
    tampered = signed_pdf[: gap_start + 1] + b"00" * 16 + signed_pdf[gap_start + 33 :]
    assert len(tampered) == len(signed_pdf)
    assert_failure(verify_pdf(tampered, committee.cert), VerifyFailure.DAMAGED)


def test_truncated_pdf(signed_pdf: bytes, committee: Identity) -> None:
    result = verify_pdf(signed_pdf[: len(signed_pdf) // 2], committee.cert)
    assert not result.valid
    assert result.failure in {VerifyFailure.NOT_A_PDF, VerifyFailure.DAMAGED}


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", random.Random(7).randbytes(5000), b"%PDF-1.7\n" + b"\x00" * 100],
    ids=["empty", "text", "random", "header-only"],
)
def test_not_a_pdf(data: bytes, committee: Identity) -> None:
    assert_failure(verify_pdf(data, committee.cert), VerifyFailure.NOT_A_PDF)


def test_verify_never_raises(signed_pdf: bytes, committee: Identity) -> None:
    gap_start, gap_end = signature_gap(signed_pdf)
    rng = random.Random(20260314)
    for _ in range(80):
        index = rng.randrange(len(signed_pdf))
        result = verify_pdf(flip_byte(signed_pdf, index), committee.cert)
        assert isinstance(result, PdfVerification)
        # Inside the CMS, unsigned parts (e.g. the embedded copy of the root) may
        # change harmlessly, as with any PDF signature; every other byte is covered.
        if not gap_start < index < gap_end:
            assert not result.valid, f"flipping byte {index} went unnoticed"
    for _ in range(20):
        result = verify_pdf(signed_pdf[: rng.randrange(len(signed_pdf))], committee.cert)
        assert not result.valid


# --- signing refuses what it must -------------------------------------------------


def test_signing_refuses_bad_input(
    scorecard_pdf: bytes, signed_pdf: bytes, evaluator: Identity, committee: Identity
) -> None:
    with pytest.raises(PdfDocumentError, match="already signed"):
        sign_pdf(signed_pdf, evaluator.key, evaluator.cert, [committee.cert])
    with pytest.raises(PdfDocumentError, match="could not be read"):
        sign_pdf(b"not a pdf", evaluator.key, evaluator.cert, [committee.cert])
    with pytest.raises(CertificateError, match="does not belong"):
        sign_pdf(scorecard_pdf, committee.key, evaluator.cert, [committee.cert])


# --- attachments ------------------------------------------------------------------


def test_embed_replaces_same_name(plain_pdf: bytes) -> None:
    first = embed_file(plain_pdf, "scorecard.json", b"one")
    second = embed_file(first, "scorecard.json", b"two")
    with_more = embed_file(second, "notes.txt", b"three", mime="text/plain")
    assert extract_embedded_file(with_more, "scorecard.json") == b"two"
    assert extract_embedded_file(with_more, "notes.txt") == b"three"
    reader = PdfFileReader(io.BytesIO(with_more))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    keys = [str(names[i]) for i in range(0, len(names), 2)]
    assert keys == ["notes.txt", "scorecard.json"]  # one entry each, sorted
    spec = names[3]
    stream = spec["/EF"]["/F"]
    assert stream["/Subtype"] == "/application/json"
    assert stream["/Params"]["/Size"] == 3


def test_embed_refuses_odd_names(plain_pdf: bytes) -> None:
    for name in ("", "a/b.json", "评分.json", "tab\there"):
        with pytest.raises(ValueError, match="attachment name"):
            embed_file(plain_pdf, name, b"x")
    with pytest.raises(PdfDocumentError):
        embed_file(b"garbage", "scorecard.json", b"x")


def test_extract_from_unreadable_input() -> None:
    assert extract_embedded_file(b"garbage", "scorecard.json") is None
    assert extract_embedded_file(b"", "scorecard.json") is None


def test_extract_from_file_attachment_annotation(plain_pdf: bytes) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(plain_pdf))
    stream = embed.EmbeddedFileObject.from_file_data(writer, data=b"annotated")
    spec = embed.FileSpec(file_spec_string="note.txt", embedded_data=stream).as_pdf_object()
    annotation = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FileAttachment"),
            generic.pdf_name("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (10, 10, 30, 30)]  # type: ignore[no-untyped-call]
            ),
            generic.pdf_name("/FS"): writer.add_object(spec),
        }
    )
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    page["/Annots"] = generic.ArrayObject([writer.add_object(annotation)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    assert extract_embedded_file(out.getvalue(), "note.txt") == b"annotated"


# --- a third-party verifier agrees ------------------------------------------------


def test_poppler_pdfsig_accepts_the_signature(
    signed_pdf: bytes, committee: Identity, tmp_path: Path
) -> None:
    pdfsig, certutil = tool("pdfsig"), tool("certutil")
    nss = tmp_path / "nss"
    nss.mkdir()
    root_pem = tmp_path / "root.pem"
    root_pem.write_bytes(certificate_pem(committee.cert))
    pdf_path = tmp_path / "scorecard.pdf"
    pdf_path.write_bytes(signed_pdf)

    def run(*args: str) -> str:
        done = subprocess.run(args, check=True, capture_output=True, text=True, timeout=60)
        return done.stdout

    run(certutil, "-N", "-d", f"sql:{nss}", "--empty-password")
    run(certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root_pem))
    # pdfsig exits 0 whatever it finds, so its report is what counts.
    report = run(pdfsig, "-nssdir", f"sql:{nss}", str(pdf_path))
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report
    assert "Signer Certificate Common Name: 张三" in report
