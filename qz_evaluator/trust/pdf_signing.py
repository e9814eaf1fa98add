"""PAdES signatures on PDF documents (pyHanko), and their strict verification.

A scorecard carries exactly one signature that must cover the whole file: any byte
or incremental update after signing makes it invalid here, even where PDF viewers
would only warn that the document was changed after signing.
"""

from __future__ import annotations

import binascii
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from asn1crypto import cms, tsp
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import as_signing_certificate_v2
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .certificates import fingerprint, is_issued_by, is_valid_at, subject_name
from .errors import CertificateError, PdfDocumentError
from .pdf_attachments import (
    AttachmentRefused,
    AttachmentTooLarge,
    TooManyAttachments,
    sole_attachment,
)
from .pyhanko_speedups import install as _install_speedups

_install_speedups()

_log = logging.getLogger(__name__)


class _AsDebug(logging.Handler):
    """pyHanko logs every untrusted or expired signer as a warning with its traceback,
    which reached stderr beside the verdict that already says why; routed here as debug."""

    def emit(self, record: logging.LogRecord) -> None:
        if _log.isEnabledFor(logging.DEBUG):
            _log.debug("%s: %s", record.name, record.getMessage(), exc_info=record.exc_info)


for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(_AsDebug())
    logging.getLogger(_name).propagate = False

DEFAULT_FIELD_NAME = "EvaluatorSignature"
_PDF_HEADER_WINDOW = 1024  # ISO 32000 lets the header start anywhere in the first 1 KiB
# CMS bytes beyond the embedded certificates and two copies of the issuer name
# (measured: ~365 for ECDSA P-256 with 20-byte serials), with a safety margin.
# Verification reads the whole reserved hex string, so reserving less verifies faster.
_CMS_OVERHEAD = 640


class VerifyFailure(StrEnum):
    """Why a PDF's signature was not accepted (stable codes for logs and the CLI)."""

    NOT_A_PDF = "not-a-pdf"
    NO_SIGNATURE = "no-signature"
    DIGEST_MISMATCH = "digest-mismatch"
    MODIFIED_AFTER_SIGNING = "modified-after-signing"
    UNKNOWN_SIGNER = "unknown-signer"
    MULTIPLE_SIGNATURES = "multiple-signatures"
    DAMAGED = "damaged"
    # What the signed document holds beyond the program's own structure (checked when an
    # attachment is asked for: a scorecard or a declaration).
    ACTIVE_CONTENT = "active-content"
    UNEXPECTED_ATTACHMENT = "unexpected-attachment"
    ATTACHMENT_TOO_LARGE = "attachment-too-large"


@dataclass(frozen=True)
class PdfVerification:
    """The outcome of :func:`verify_pdf`. ``signer`` and ``signed_at`` (the time the
    signer claims, not a trusted timestamp) are filled in whenever they could be read,
    also for failures, so messages can name the signer.
    """

    valid: bool
    failure: VerifyFailure | None
    message: str
    signer: x509.Certificate | None = None
    signed_at: datetime | None = None


# --- signing --------------------------------------------------------------------------


# asn1crypto 1.5 re-encodes a freshly built ("mutated") structure every time an
# ancestor asks for its bytes, so encoding cost doubles with each level of nesting;
# and it mistakes a cached length ending in byte 0x80 for an indefinite length and
# re-encodes everything again. Left alone, one signature in four took 50-80 ms.
# Both classes below hand pyHanko parsed (never mutated) objects instead.


class _SigningCertificateV2(CMSAttributeProvider):
    attribute_type = "signing_certificate_v2"

    def __init__(self, value: Any) -> None:
        self._value = value

    async def build_attr_value(self, dry_run: bool = False) -> Any:
        return self._value


class _PadesSignedAttributes(SignedAttributeProviderSpec):
    """The PAdES B-B signed attributes: pyHanko adds content-type and message-digest;
    signing-certificate-v2 is supplied here, pre-encoded. PAdES forbids signing-time.
    """

    def __init__(self, signing_cert: Any) -> None:
        built = as_signing_certificate_v2(signing_cert, "sha256")
        self._value = tsp.SigningCertificateV2.load(built.dump())

    def signed_attr_providers(
        self, data_digest: bytes, digest_algorithm: str
    ) -> Iterator[CMSAttributeProvider]:
        yield _SigningCertificateV2(self._value)


class _CmsSigner(SimpleSigner):
    """SimpleSigner whose CMS output is re-parsed from its own encoding."""

    async def async_sign(self, *args: Any, **kwargs: Any) -> Any:
        signed = await super().async_sign(*args, **kwargs)
        return cms.ContentInfo.load(signed.dump())


class _TimedPdfSigner(PdfSigner):
    """PdfSigner that records a caller-chosen signing time (the signature's /M)."""

    def __init__(self, *args: Any, signing_time: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(
        self, pdf_out: Any, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        # PAdES keeps the time out of the signed attributes; pyHanko takes it from here.
        session.system_time = self._signing_time
        return session


def sign_pdf(
    pdf: bytes,
    key: ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    *,
    field_name: str = DEFAULT_FIELD_NAME,
    reason: str | None = None,
    location: str | None = None,
    signing_time: datetime | None = None,
) -> bytes:
    """Sign ``pdf`` with a PAdES B-B signature (ECDSA, SHA-256) in an invisible field.

    ``chain`` (normally just the committee root) is embedded in the signature so
    any viewer can build the path to a root it trusts. The signature is a
    certification signature that permits no changes, so viewers also flag any
    later modification.
    """
    if key.public_key() != cert.public_key():
        raise CertificateError("The signing key does not belong to the signing certificate.")
    when = signing_time or datetime.now(UTC)
    if when.tzinfo is None:
        raise ValueError("signing_time must be timezone-aware")
    if not is_valid_at(cert, when):
        raise CertificateError(
            "The signing certificate of {subject_name} is not valid at {when:%Y-%m-%d}.",
            subject_name=subject_name(cert),
            when=when,
        )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        already_signed = bool(writer.prev.embedded_signatures)
    except Exception as exc:  # pyHanko raises many types for unreadable input
        raise PdfDocumentError("The PDF could not be read for signing.") from exc
    if writer.prev.encrypted:
        raise PdfDocumentError("Encrypted PDFs cannot be signed.")
    if already_signed:
        raise PdfDocumentError("The PDF is already signed; sign a fresh copy instead.")

    asn1_cert = translate_pyca_cryptography_cert_to_asn1(cert)
    asn1_chain = [translate_pyca_cryptography_cert_to_asn1(c) for c in chain]
    signer = _CmsSigner(
        signing_cert=asn1_cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=SimpleCertificateStore.from_certs(asn1_chain),  # type: ignore[no-untyped-call]
    )
    signer.signed_attr_prov_spec = _PadesSignedAttributes(asn1_cert)
    meta = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=subject_name(cert),
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    pdf_signer = _TimedPdfSigner(
        meta, signer, new_field_spec=SigFieldSpec(sig_field_name=field_name), signing_time=when
    )
    # A fixed reservation skips pyHanko's dry-run signature used to estimate the size.
    cms_size = sum(len(c.public_bytes(serialization.Encoding.DER)) for c in [cert, *chain])
    cms_size += _CMS_OVERHEAD + 2 * len(cert.issuer.public_bytes())
    out = pdf_signer.sign_pdf(writer, bytes_reserved=2 * cms_size)
    return bytes(out.getvalue())


# --- verification ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def _asn1_root(der: bytes) -> Any:
    return asn1_x509.Certificate.load(der)


def _fail(
    failure: VerifyFailure,
    message: str,
    signer: x509.Certificate | None = None,
    signed_at: datetime | None = None,
) -> PdfVerification:
    return PdfVerification(False, failure, message, signer, signed_at)


def _describe(cert: x509.Certificate | None) -> str:
    if cert is None:
        return "an unknown signer"
    try:
        name = subject_name(cert)
    except CertificateError:
        name = "an unnamed signer"
    return f"{name} (certificate {fingerprint(cert)[:16]}…)"


def _coverage_problem(sig: EmbeddedPdfSignature, pdf: bytes) -> str | None:
    """Why the signature does not cover every byte of ``pdf``, or None if it does.

    The byte range must be [0, a) + [b, end of file) with only the /Contents hex
    string in between, and that string must be the canonical hex of the CMS followed
    by zero padding, so not a single byte of the file can change unnoticed.
    """
    byte_range = [int(x) for x in sig.byte_range]
    if len(byte_range) != 4:
        return "The signature covers an unusual byte range."
    start1, len1, start2, len2 = byte_range
    content = sig.pkcs7_content
    if start1 != 0 or start2 != len1 + len(content) * 2 + 2 or start2 + len2 != len(pdf):
        return "The PDF was modified after it was signed (data was added after the signature)."
    if pdf[len1 : len1 + 1] != b"<" or pdf[start2 - 1 : start2] != b">":
        return "The signature's byte range does not frame its signature value."
    hex_digits = pdf[len1 + 1 : start2 - 1]
    canonical = binascii.hexlify(content)
    _, _, _, header, body, trailer = asn1_parser.parse(content)
    padding = content[len(header) + len(body) + len(trailer) :]
    if hex_digits not in (canonical, canonical.upper()) or padding.strip(b"\0"):
        return "The PDF was modified after it was signed (inside the signature field)."
    return None


def _signer_problem(
    status: PdfSignatureStatus, signer: x509.Certificate | None, root: x509.Certificate
) -> str | None:
    if status.trusted and status.validation_path is not None:
        if signer is not None:
            try:
                constraints = signer.extensions.get_extension_for_class(x509.BasicConstraints)
                if constraints.value.ca:
                    return "The PDF was signed with a certificate authority's key, not a person's."
            except x509.ExtensionNotFound:
                pass
            # The path validator ignores the root's own pathLen 0 (RFC 5280 leaves a trust
            # anchor's constraints optional): a certificate below an intermediate CA
            # validated. The committee issues every signer itself.
            if not is_issued_by(signer, root):
                return (
                    f"The PDF was signed by {_describe(signer)}, certified by an intermediate "
                    "authority rather than by this committee."
                )
        return None
    if signer is not None and not is_valid_at(signer):
        return f"The certificate of {_describe(signer)} has expired or is not yet valid."
    if status.revoked:
        return f"The certificate of {_describe(signer)} has been revoked."
    return f"The PDF was signed by {_describe(signer)}, who is not certified by this committee."


def verify_pdf(pdf: bytes, trusted_root: x509.Certificate) -> PdfVerification:
    """Check that ``pdf`` carries one intact signature over the whole file by a signer
    certified by ``trusted_root``. Never raises for bad input; see :class:`VerifyFailure`.
    """
    return verify_and_extract(pdf, trusted_root, None)[0]


def verify_and_extract(
    pdf: bytes, trusted_root: x509.Certificate, attachment: str | None
) -> tuple[PdfVerification, bytes | None]:
    """:func:`verify_pdf`, and when valid the named attachment from the signed revision,
    parsing the file once (half the cost of verifying, then extracting)."""
    if b"%PDF-" not in pdf[:_PDF_HEADER_WINDOW]:
        return _fail(VerifyFailure.NOT_A_PDF, "The file is not a PDF document."), None
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
    except Exception:  # truncated or garbled files fail in many ways inside pyHanko
        _log.debug("unparsable PDF", exc_info=True)
        return _fail(
            VerifyFailure.NOT_A_PDF,
            "The file cannot be read as a PDF document; it may be truncated or damaged.",
        ), None
    try:
        signatures = None if reader.encrypted else reader.embedded_signatures
        result = _verify_parsed(reader, pdf, trusted_root, signatures)
    except Exception:  # objects are parsed lazily, so damage can surface anywhere
        _log.debug("damaged PDF", exc_info=True)
        return _fail(
            VerifyFailure.DAMAGED, "The PDF document is damaged and cannot be checked."
        ), None
    if not result.valid or attachment is None:
        return result, None
    try:
        # The signature covers the whole file (checked above), so the signed revision is
        # the reader's own: read directly, not through pyHanko's historical resolver,
        # which copies each object it hands out (a third of the cost of verifying).
        active = _active_content(reader)
        if active is None:
            return result, sole_attachment(reader, attachment)
        failure, message = VerifyFailure.ACTIVE_CONTENT, active
    except TooManyAttachments as error:
        failure, message = VerifyFailure.UNEXPECTED_ATTACHMENT, f"{error}; exactly one is expected."
    except AttachmentTooLarge as error:
        failure, message = VerifyFailure.ATTACHMENT_TOO_LARGE, f"{error}."
    except AttachmentRefused as error:
        failure, message = VerifyFailure.DAMAGED, f"{error}."
    except Exception:  # objects are parsed lazily, so damage can surface anywhere
        _log.debug("damaged PDF", exc_info=True)
        failure, message = VerifyFailure.DAMAGED, "The PDF document is damaged and cannot be read."
    return _fail(failure, message, result.signer, result.signed_at), None


# Keys that make a viewer act (run script, open a file or a web page, submit a form) when
# the document is opened, a page shown or a field touched. The program's documents have
# none; only /GoTo (a jump within the document) is an action they may hold.
_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/XFA", "/RichMedia"}
)
_ACTION_KEYS = frozenset({"/A", "/Next"})
_HARMLESS_ACTIONS = frozenset({"/GoTo"})
_MAX_OBJECTS = 100_000  # a scorecard has a few dozen; a file with more is refused
# What a page draws with (fonts, images, content streams) and links back up the tree: no
# viewer runs an action from there, and reading them would double the cost of verifying.
_INERT_KEYS = frozenset({"/Resources", "/Contents", "/Parent", "/Metadata", "/Thumb"})


def _active_content(handler: Any) -> str | None:
    """Why the signed revision is more than a document to read, or None. Walks every
    dictionary and array reachable from the catalog (each object once), but not what
    pages draw with (_INERT_KEYS) nor the content of streams."""
    stack: list[tuple[Any, str]] = [(handler.root, "")]
    seen: set[tuple[int, int]] = set()
    visited = 0
    containers = (generic.IndirectObject, generic.DictionaryObject, generic.ArrayObject)
    while stack:
        node, via = stack.pop()
        if isinstance(node, generic.IndirectObject):
            reference = (node.idnum, node.generation)
            if reference in seen:
                continue
            seen.add(reference)
            node = node.get_object()  # type: ignore[no-untyped-call]
        visited += 1
        if visited > _MAX_OBJECTS:
            return "The PDF holds far more objects than a scorecard; it is not checked further."
        if isinstance(node, generic.DictionaryObject):
            if via in _ACTION_KEYS:
                action = dict.get(node, "/S")
                if str(action) not in _HARMLESS_ACTIONS:
                    return f"The PDF holds an action ({action}) that a viewer would run."
            for key, value in dict.items(node):
                if key in _ACTIVE_KEYS:
                    return f"The PDF holds active content ({key}) that a viewer would run."
                if isinstance(value, containers) and key not in _INERT_KEYS:
                    stack.append((value, key))
        elif isinstance(node, generic.ArrayObject):
            stack.extend((v, via) for v in list.__iter__(node) if isinstance(v, containers))
    return None


def _verify_parsed(
    reader: PdfFileReader, pdf: bytes, trusted_root: x509.Certificate, signatures: Any
) -> PdfVerification:
    if reader.encrypted:
        return _fail(VerifyFailure.DAMAGED, "The PDF is encrypted, which scorecards never are.")
    if not signatures:
        return _fail(VerifyFailure.NO_SIGNATURE, "The PDF document is not signed.")
    if len(signatures) > 1:
        return _fail(
            VerifyFailure.MULTIPLE_SIGNATURES,
            f"The PDF carries {len(signatures)} signatures; exactly one is expected.",
        )
    sig = signatures[0]
    if sig.sig_object_type != "/Sig":
        return _fail(VerifyFailure.DAMAGED, "The PDF's only signature is not a signer's signature.")

    signer: x509.Certificate | None
    try:
        signer = x509.load_der_x509_certificate(sig.signer_cert.dump())
    except ValueError:
        signer = None
    context = ValidationContext(
        trust_roots=[_asn1_root(trusted_root.public_bytes(serialization.Encoding.DER))],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    # The diff analysis only matters for partial coverage, which is rejected anyway.
    status = validate_pdf_signature(sig, context, skip_diff=True)
    signed_at = status.signer_reported_dt

    if not status.intact:
        return _fail(
            VerifyFailure.DIGEST_MISMATCH,
            "The signed content of the PDF was changed after signing.",
            signer,
            signed_at,
        )
    if not status.valid:
        return _fail(
            VerifyFailure.DIGEST_MISMATCH,
            "The signature value is invalid: it was not made over this content with this key.",
            signer,
            signed_at,
        )
    coverage_problem = _coverage_problem(sig, pdf)
    if coverage_problem is None and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        coverage_problem = "The signature does not cover the whole PDF."
    if coverage_problem is not None:
        return _fail(VerifyFailure.MODIFIED_AFTER_SIGNING, coverage_problem, signer, signed_at)
    problem = _signer_problem(status, signer, trusted_root)
    if problem is not None:
        return _fail(VerifyFailure.UNKNOWN_SIGNER, problem, signer, signed_at)
    if not status.bottom_line or signer is None:
        return _fail(
            VerifyFailure.DAMAGED,
            f"The signature could not be confirmed ({status.summary()}).",
            signer,
            signed_at,
        )
    return PdfVerification(True, None, f"Signed by {_describe(signer)}.", signer, signed_at)
