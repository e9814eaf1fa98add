"""Detached ECDSA signatures over arbitrary bytes (e.g. an assignment package manifest)."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from .certificates import fingerprint, is_issued_by, is_valid_at, subject_name
from .errors import CertificateError, SignatureInvalid


def sign_bytes(data: bytes, key: ec.EllipticCurvePrivateKey) -> bytes:
    """A DER-encoded ECDSA/SHA-256 signature over ``data``."""
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def _describe(cert: x509.Certificate) -> str:
    try:
        name = subject_name(cert)
    except CertificateError:
        name = "unnamed signer"
    return f"{name} ({fingerprint(cert)[:16]}…)"


def verify_bytes(
    data: bytes,
    signature: bytes,
    signer_cert: x509.Certificate,
    trusted_root: x509.Certificate,
    *,
    when: datetime | None = None,
) -> None:
    """Raise :class:`SignatureInvalid` unless ``signature`` is ``signer_cert``'s over ``data``
    and ``signer_cert`` is issued by ``trusted_root`` and valid at ``when`` (default now).
    """
    if not is_issued_by(signer_cert, trusted_root, when):
        raise SignatureInvalid(
            "The signer {describe} is not certified by this committee.",
            describe=_describe(signer_cert),
        )
    if not is_valid_at(signer_cert, when):
        raise SignatureInvalid(
            "The signer's certificate {describe} has expired or is not yet valid.",
            describe=_describe(signer_cert),
        )
    public_key = signer_cert.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise SignatureInvalid("The signer's certificate does not hold an ECDSA key.")
    try:
        public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise SignatureInvalid(
            "The signature does not match the data: the file was changed or signed by someone else."
        ) from exc
