"""Scorecards only the secretariat can read: CMS AuthEnvelopedData (RFC 5652, RFC 5083).

A signed scorecard travels inside an envelope addressed to the secretariat's certificate,
byte for byte: after opening it, its PAdES signature verifies as before. The keys are
ECDSA P-256, so the content key reaches the secretariat by key agreement (RFC 5753,
as OpenSSL writes it with `-keyopt ecdh_kdf_md:sha256`):

- KeyAgreeRecipientInfo with an ephemeral originator key (ECDH ephemeral-static),
  recipient named by issuer and serial number;
- dhSinglePass-stdDH-sha256kdf-scheme: the ANSI X9.63 KDF with SHA-256 over the shared
  secret and ECC-CMS-SharedInfo;
- the content key wrapped with AES-256 key wrap (RFC 3394);
- the content encrypted with AES-256-GCM (RFC 5084): a changed byte anywhere in it fails
  the tag, so a damaged envelope is told apart from a damaged PDF.

`openssl cms -decrypt -inform DER -in F -recip cert.pem -inkey key.pem` opens it.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Any, ClassVar

from asn1crypto import algos, cms, core, keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.x963kdf import X963KDF
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from .errors import TrustError

SUFFIX = ".p7m"  # what a scorecard's file name gains: "…_r2.pdf.p7m"
_ECDH_SHA256_KDF = "1.3.132.1.11.1"  # dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753)
_AES256_WRAP = "2.16.840.1.101.3.4.1.45"
_AES256_GCM = "2.16.840.1.101.3.4.1.46"
_AUTH_ENVELOPED = "1.2.840.113549.1.9.16.1.23"
_KEY_BYTES = 32
_NONCE_BYTES = 12
_TAG_BYTES = 16
# The first bytes of every envelope this module writes (and of OpenSSL's): a SEQUENCE,
# then the contentType authEnvelopedData. Enough to tell an envelope from a PDF.
_AUTH_ENVELOPED_DER = bytes.fromhex("060b2a864886f70d0109100117")


class EnvelopeFailure(StrEnum):
    """Why an envelope is not opened: stable codes, the scorecard's rejection reasons."""

    OTHER_RECIPIENT = "encrypted-for-another-committee"  # not addressed to our secretariat
    DAMAGED = "damaged-envelope"  # not well-formed, not ours to read, or its tag fails


class EnvelopeError(TrustError):
    """An envelope that cannot be opened; `code` is one of `EnvelopeFailure`."""

    default_code = EnvelopeFailure.DAMAGED.value


class _GCMParameters(core.Sequence):  # type: ignore[misc]  # RFC 5084
    _fields: ClassVar[list[tuple[Any, ...]]] = [
        ("aes_nonce", core.OctetString),
        ("aes_icvlen", core.Integer, {"default": 12}),
    ]


class _SharedInfo(core.Sequence):  # type: ignore[misc]  # ECC-CMS-SharedInfo, RFC 5753
    _fields: ClassVar[list[tuple[Any, ...]]] = [
        ("key_info", algos.AlgorithmIdentifier),
        ("entity_u_info", core.OctetString, {"explicit": 0, "optional": True}),
        ("supp_pub_info", core.OctetString, {"explicit": 2}),
    ]


def is_envelope(data: bytes) -> bool:
    """Whether the bytes look like a CMS AuthEnvelopedData (not yet whether it opens)."""
    return data[:1] == b"\x30" and _AUTH_ENVELOPED_DER in data[:24]


def _wrap_algorithm() -> algos.AlgorithmIdentifier:
    # Parameters absent, as RFC 3565 asks of AES key wrap (and as OpenSSL writes it).
    return algos.AlgorithmIdentifier({"algorithm": _AES256_WRAP})


def _kek(shared_secret: bytes, wrap: algos.AlgorithmIdentifier, ukm: bytes | None) -> bytes:
    info = _SharedInfo(
        {
            "key_info": wrap,
            "entity_u_info": ukm,
            "supp_pub_info": (_KEY_BYTES * 8).to_bytes(4, "big"),
        }
    )
    kdf = X963KDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, sharedinfo=info.dump())
    return kdf.derive(shared_secret)


def _recipient_id(cert: x509.Certificate) -> cms.IssuerAndSerialNumber:
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return cms.IssuerAndSerialNumber(
        {"issuer": parsed.issuer, "serial_number": parsed.serial_number}
    )


def seal(content: bytes, recipient: x509.Certificate) -> bytes:
    """`content` in an AuthEnvelopedData only the holder of `recipient`'s key opens."""
    public_key = recipient.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise TrustError("The recipient's certificate does not hold an elliptic-curve key.")
    ephemeral = ec.generate_private_key(public_key.curve)
    wrap = _wrap_algorithm()
    kek = _kek(ephemeral.exchange(ec.ECDH(), public_key), wrap, None)
    content_key = AESGCM.generate_key(bit_length=_KEY_BYTES * 8)
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(content_key).encrypt(nonce, content, None)
    ciphertext, tag = sealed[:-_TAG_BYTES], sealed[-_TAG_BYTES:]
    originator = keys.PublicKeyInfo(
        {
            "algorithm": keys.PublicKeyAlgorithm({"algorithm": "ec"}),
            "public_key": ephemeral.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            ),
        }
    )
    kari = cms.KeyAgreeRecipientInfo(
        {
            "version": "v3",
            "originator": cms.OriginatorIdentifierOrKey(name="originator_key", value=originator),
            "key_encryption_algorithm": cms.KeyEncryptionAlgorithm(
                {"algorithm": _ECDH_SHA256_KDF, "parameters": wrap}
            ),
            "recipient_encrypted_keys": [
                {
                    "rid": cms.KeyAgreementRecipientIdentifier(
                        name="issuer_and_serial_number", value=_recipient_id(recipient)
                    ),
                    "encrypted_key": aes_key_wrap(kek, content_key),
                }
            ],
        }
    )
    envelope = cms.AuthEnvelopedData(
        {
            "version": "v0",
            "recipient_infos": [cms.RecipientInfo(name="kari", value=kari)],
            "auth_encrypted_content_info": {
                "content_type": "data",
                "content_encryption_algorithm": {
                    "algorithm": _AES256_GCM,
                    "parameters": _GCMParameters({"aes_nonce": nonce, "aes_icvlen": _TAG_BYTES}),
                },
                "encrypted_content": ciphertext,
            },
            "mac": tag,
        }
    )
    info = cms.ContentInfo({"content_type": "authenticated_enveloped_data", "content": envelope})
    return bytes(info.dump())


def _damaged(why: str) -> EnvelopeError:
    return EnvelopeError(
        "the encrypted file is damaged or not one this program writes ({why})",
        error_code=EnvelopeFailure.DAMAGED,
        why=why,
    )


def open_envelope(data: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> bytes:
    """The content of an envelope addressed to `cert` (whose private key is `key`).
    Raises EnvelopeError, and nothing else, for any bytes."""
    try:
        return _open(data, key, cert)
    except EnvelopeError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        # asn1crypto parses lazily: a malformed field surfaces when it is read.
        raise _damaged("malformed structure") from None


def _open(data: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> bytes:
    info = cms.ContentInfo.load(data, strict=True)
    if info["content_type"].dotted != _AUTH_ENVELOPED:
        raise _damaged("not an authenticated envelope")
    envelope = info["content"]
    ours = _recipient_id(cert)
    wrapped: bytes | None = None
    kari: cms.KeyAgreeRecipientInfo | None = None
    addressed: list[str] = []
    for recipient in envelope["recipient_infos"]:
        if recipient.name != "kari":
            continue
        for encrypted_key in recipient.chosen["recipient_encrypted_keys"]:
            rid = encrypted_key["rid"]
            if rid.name != "issuer_and_serial_number":
                continue
            if rid.chosen.dump() == ours.dump():
                wrapped, kari = encrypted_key["encrypted_key"].native, recipient.chosen
            else:
                addressed.append(
                    f"{rid.chosen['issuer'].human_friendly}, serial "
                    f"{rid.chosen['serial_number'].native:x}"
                )
    if kari is None or wrapped is None:
        raise EnvelopeError(
            "the file is encrypted for another recipient ({recipients}), not for this "
            "committee's secretariat",
            error_code=EnvelopeFailure.OTHER_RECIPIENT,
            recipients="; ".join(addressed) or "none this program reads",
        )
    algorithm = kari["key_encryption_algorithm"]
    if algorithm["algorithm"].dotted != _ECDH_SHA256_KDF:
        raise _damaged("key agreement scheme " + algorithm["algorithm"].dotted)
    wrap = algos.AlgorithmIdentifier.load(algorithm["parameters"].dump())
    if wrap["algorithm"].dotted != _AES256_WRAP:
        raise _damaged("key wrap " + wrap["algorithm"].dotted)
    originator = kari["originator"]
    if originator.name != "originator_key":
        raise _damaged("no originator key")
    point = originator.chosen["public_key"].native
    try:
        peer = ec.EllipticCurvePublicKey.from_encoded_point(key.curve, point)
    except ValueError:
        raise _damaged("originator key not on the curve") from None
    ukm = kari["ukm"].native if kari["ukm"].native is not None else None
    kek = _kek(key.exchange(ec.ECDH(), peer), wrap, ukm)
    try:
        content_key = aes_key_unwrap(kek, wrapped)
    except InvalidUnwrap:
        raise _damaged("the content key does not unwrap") from None
    content_info = envelope["auth_encrypted_content_info"]
    cipher = content_info["content_encryption_algorithm"]
    if cipher["algorithm"].dotted != _AES256_GCM or len(content_key) != _KEY_BYTES:
        raise _damaged("content cipher " + cipher["algorithm"].dotted)
    parameters = _GCMParameters.load(cipher["parameters"].dump())
    nonce = parameters["aes_nonce"].native
    tag = envelope["mac"].native
    if len(tag) != parameters["aes_icvlen"].native or len(tag) != _TAG_BYTES:
        raise _damaged("tag length")
    if envelope["auth_attrs"].native is not None:
        raise _damaged("authenticated attributes")
    ciphertext = content_info["encrypted_content"].native
    if ciphertext is None:
        raise _damaged("no encrypted content")
    try:
        return AESGCM(content_key).decrypt(nonce, ciphertext + tag, None)
    except InvalidTag:
        raise _damaged("the content fails its authentication tag") from None
