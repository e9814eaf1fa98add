"""Certificates of the committee root, the evaluators and the secretariat.

One self-signed committee root per workspace issues every signing certificate.
ECDSA P-256 with SHA-256 is used throughout. Evaluator certificates carry the
evaluator's code in the subject's serialNumber attribute and the role in the OU.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import UTC, datetime, timedelta
from enum import IntEnum

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from .errors import BackupError, CertificateError

DEFAULT_ORGANISATION = "衢州市政府质量奖评审委员会"
ROLE_EVALUATOR = "evaluator"
ROLE_SECRETARIAT = "secretariat"
SECRETARIAT_CODE = "SECRETARIAT"
SECRETARIAT_NAME = "秘书处"
MIN_PASSPHRASE_LENGTH = 8
# The organisation of the demo's committee root: every certificate it issues names it as
# issuer, so a demo-signed file is told apart (and refused) wherever it turns up.
DEMO_ORGANISATION = "qz-evaluator 演示评审委员会（非正式）"

# Tolerates small clock differences between the secretariat's and evaluators' laptops.
_BACKDATE = timedelta(minutes=10)
# PBKDF2 rounds for key backups (OWASP 2023 figure): slows guessing, ~0.2 s per use.
_BACKUP_KDF_ROUNDS = 600_000
# The backup's MAC checks the passphrase too, so it gets as many rounds as the encryption
# (cryptography fixes it at 2,048, the cheapest way to test a guess: see _seal_mac).
BACKUP_MAC_ROUNDS = _BACKUP_KDF_ROUNDS
# A backup is ~2 KiB, plus ~80 bytes per scorecard its revisions bag names (a province's
# evaluator: a few hundred); anything far larger is not one.
_MAX_BACKUP_SIZE = 1024 * 1024
# The secretBag type of the program's own data in a key backup (RFC 7292 §4.2.5): an OID
# under 2.25 (ITU-T X.667, from a UUID; no registration needed).
QZ_SECRET_TYPE = "2.25.152927870520161507932328021457935087893"
_MAX_BACKUP_MAC_ROUNDS = 10 * BACKUP_MAC_ROUNDS  # a few seconds at most
_MAX_NAME_LENGTH = 64  # X.520 upper bound for CN and serialNumber


def _now() -> datetime:
    return datetime.now(UTC)


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _check_text(label: str, value: str) -> None:
    if not value or not value.strip() or len(value) > _MAX_NAME_LENGTH:
        raise CertificateError(
            "The {label} must be 1 to {MAX_NAME_LENGTH} characters long.",
            label=label,
            MAX_NAME_LENGTH=_MAX_NAME_LENGTH,
        )
    if any(not ch.isprintable() for ch in value):
        raise CertificateError("The {label} contains control characters.", label=label)


def _check_p256(public_key: object, what: str) -> ec.EllipticCurvePublicKey:
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or not isinstance(
        public_key.curve, ec.SECP256R1
    ):
        raise CertificateError("The {what} does not use an ECDSA P-256 key.", what=what)
    return public_key


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


# --- committee root ---------------------------------------------------------------


def create_committee_root(
    name: str, valid_years: int = 20, *, organisation: str = DEFAULT_ORGANISATION
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new self-signed committee root CA that may issue end-entity certificates only."""
    _check_text("committee name", name)
    _check_text("organisation", organisation)
    if valid_years < 1:
        raise CertificateError("A committee root must be valid for at least one year.")
    key = _new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )
    now = _now()
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + timedelta(days=365 * valid_years + valid_years // 4))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


# --- requests and issuance -------------------------------------------------------


def _create_request(
    code: str, name: str, role: str
) -> tuple[ec.EllipticCurvePrivateKey, x509.CertificateSigningRequest]:
    _check_text("code", code)
    _check_text("name", name)
    key = _new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, code),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
        ]
    )
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return key, csr


def create_evaluator_request(
    code: str, name: str
) -> tuple[ec.EllipticCurvePrivateKey, x509.CertificateSigningRequest]:
    """A new key and a request for an evaluator certificate (CN=name, serialNumber=code)."""
    if code == SECRETARIAT_CODE:
        raise CertificateError(
            "{SECRETARIAT_CODE!r} is reserved for the secretariat.",
            SECRETARIAT_CODE=SECRETARIAT_CODE,
        )
    return _create_request(code, name, ROLE_EVALUATOR)


def create_secretariat_request(
    name: str = SECRETARIAT_NAME,
) -> tuple[ec.EllipticCurvePrivateKey, x509.CertificateSigningRequest]:
    """A new key and a request for the secretariat's signing certificate."""
    return _create_request(SECRETARIAT_CODE, name, ROLE_SECRETARIAT)


def _check_ca(ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate) -> None:
    try:
        constraints = ca_cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise CertificateError("The issuing certificate is not a certificate authority.")
    if ca_key.public_key() != ca_cert.public_key():
        raise CertificateError("The committee key does not belong to the committee certificate.")
    now = _now()
    if not ca_cert.not_valid_before_utc <= now <= ca_cert.not_valid_after_utc:
        raise CertificateError("The committee certificate is not valid at this time.")


def _issue(
    csr: x509.CertificateSigningRequest,
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    *,
    role: str,
    expected_code: str | None,
    valid_days: int,
) -> x509.Certificate:
    _check_ca(ca_key, ca_cert)
    if not csr.is_signature_valid:
        raise CertificateError(
            "The certificate request is damaged: its signature does not match its content."
        )
    public_key = _check_p256(csr.public_key(), "certificate request")
    code = _attribute(csr.subject, NameOID.SERIAL_NUMBER)
    name = _attribute(csr.subject, NameOID.COMMON_NAME)
    csr_role = _attribute(csr.subject, NameOID.ORGANIZATIONAL_UNIT_NAME)
    if not code or not name:
        raise CertificateError("The certificate request lacks the signer's code or name.")
    if csr_role != role:
        raise CertificateError(
            "The certificate request is for role {csr_role!r}, expected {role!r}.",
            csr_role=csr_role,
            role=role,
        )
    if expected_code is not None and code != expected_code:
        raise CertificateError(
            "The certificate request is for code {code!r}, but {expected_code!r} was "
            "expected; ask the evaluator for the request made with their own code.",
            code=code,
            expected_code=expected_code,
        )
    if valid_days < 1:
        raise CertificateError("A certificate must be valid for at least one day.")
    now = _now()
    # Never outlive the root: a chain with an expired CA does not verify.
    not_after = min(now + timedelta(days=valid_days), ca_cert.not_valid_after_utc)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, code),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
        ]
    )
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    # No extendedKeyUsage: without it NSS (pdfsig) and pyHanko accept the key for
    # document signing; a wrong EKU would make viewers reject the signature.
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def issue_evaluator_certificate(
    csr: x509.CertificateSigningRequest,
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    *,
    expected_code: str | None = None,
    valid_days: int = 3 * 365,
) -> x509.Certificate:
    """Issue an evaluator's signing certificate from their request.

    Refuses a damaged request, a non-P-256 key, a secretariat request, or a request
    whose code differs from ``expected_code`` (the code on the roster).
    """
    return _issue(
        csr,
        ca_key,
        ca_cert,
        role=ROLE_EVALUATOR,
        expected_code=expected_code,
        valid_days=valid_days,
    )


def issue_signing_certificate(
    csr: x509.CertificateSigningRequest,
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    *,
    valid_days: int = 3 * 365,
) -> x509.Certificate:
    """Issue the secretariat's certificate (signs packages and reports)."""
    return _issue(
        csr,
        ca_key,
        ca_cert,
        role=ROLE_SECRETARIAT,
        expected_code=SECRETARIAT_CODE,
        valid_days=valid_days,
    )


# --- reading certificates --------------------------------------------------------


def demo_key_pem(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> bytes:
    """The demo's key as unencrypted PEM, refused unless `cert` is a demo certificate:
    only the demo, whose committee nothing else trusts, keeps a key outside a keychain."""
    if not is_demo_certificate(cert) or key.public_key() != cert.public_key():
        raise CertificateError("Only the demo's own key may be kept outside the keychain.")
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_demo_key(data: bytes, cert: x509.Certificate) -> ec.EllipticCurvePrivateKey:
    """The demo's key written by `demo_key_pem`, checked to belong to the demo `cert`."""
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise CertificateError("The demo's key file is not readable.") from exc
    if (
        not isinstance(key, ec.EllipticCurvePrivateKey)
        or not is_demo_certificate(cert)
        or key.public_key() != cert.public_key()
    ):
        raise CertificateError("The demo's key file does not belong to the demo's certificate.")
    return key


def is_demo_certificate(cert: x509.Certificate) -> bool:
    """Whether the demo's committee root is ``cert`` or issued it."""
    return DEMO_ORGANISATION in (
        _attribute(cert.subject, NameOID.ORGANIZATION_NAME),
        _attribute(cert.issuer, NameOID.ORGANIZATION_NAME),
    )


def evaluator_code(cert: x509.Certificate) -> str:
    """The signer's code from the subject serialNumber ("SECRETARIAT" for the secretariat)."""
    code = _attribute(cert.subject, NameOID.SERIAL_NUMBER)
    if not code:
        raise CertificateError("The certificate does not name an evaluator code.")
    return code


def certificate_role(cert: x509.Certificate) -> str | None:
    """``"evaluator"``, ``"secretariat"``, or None for other certificates (e.g. the root)."""
    role = _attribute(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME)
    return role if role in (ROLE_EVALUATOR, ROLE_SECRETARIAT) else None


def subject_name(cert: x509.Certificate) -> str:
    """The subject's common name (a person's name, or the committee's)."""
    name = _attribute(cert.subject, NameOID.COMMON_NAME)
    if not name:
        raise CertificateError("The certificate has no common name.")
    return name


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 over the DER encoding, lowercase hex (64 characters)."""
    return cert.fingerprint(hashes.SHA256()).hex()


def is_valid_at(cert: x509.Certificate, when: datetime | None = None) -> bool:
    """Whether ``when`` (default: now) falls within the certificate's validity period."""
    when = when or _now()
    return cert.not_valid_before_utc <= when <= cert.not_valid_after_utc


def is_issued_by(
    cert: x509.Certificate, ca_cert: x509.Certificate, when: datetime | None = None
) -> bool:
    """Whether ``ca_cert`` (a currently valid CA) issued and signed ``cert``."""
    try:
        constraints = ca_cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        cert.verify_directly_issued_by(ca_cert)
    except (x509.ExtensionNotFound, ValueError, TypeError, InvalidSignature):
        return False
    return constraints.ca and is_valid_at(ca_cert, when)


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes; :class:`CertificateError` on anything else."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except (ValueError, TypeError) as exc:
        raise CertificateError(
            "This is not a readable certificate (expected a PEM or DER X.509 file)."
        ) from exc


def load_csr(data: bytes) -> x509.CertificateSigningRequest:
    """A certificate request from PEM or DER bytes; :class:`CertificateError` otherwise."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_csr(data)
        return x509.load_der_x509_csr(data)
    except (ValueError, TypeError) as exc:
        raise CertificateError(
            "This is not a readable certificate request (expected a PEM or DER PKCS#10 file)."
        ) from exc


def certificate_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def certificate_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def csr_pem(csr: x509.CertificateSigningRequest) -> bytes:
    return csr.public_bytes(serialization.Encoding.PEM)


# --- key backup --------------------------------------------------------------------

WRONG_PASSPHRASE = "wrong-passphrase"  # the error code the window explains in its words


class PassphraseStrength(IntEnum):
    """A rough guess of how hard a backup passphrase is to guess, shown as it is typed."""

    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


def passphrase_strength(passphrase: str) -> PassphraseStrength:
    """Estimated bits from length, kinds of characters and repeats; no dictionary.

    Weak is under ~40 bits, strong from ~64 (a good four-word phrase or 11 mixed
    characters). A Chinese character counts as a large alphabet of its own.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return PassphraseStrength.TOO_SHORT
    pool = 0
    if any(c.islower() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isupper() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isdigit() and c.isascii() for c in passphrase):
        pool += 10
    if any(c.isascii() and not c.isalnum() for c in passphrase):
        pool += 33
    if any(not c.isascii() for c in passphrase):
        pool += 2000
    # Repeats add little: "aaaaaaaa" or "abababab" is as weak as its few distinct letters.
    distinct = len(set(passphrase))
    effective = min(len(passphrase), distinct + (len(passphrase) - distinct) // 4)
    bits = effective * math.log2(max(pool, 2))
    if bits < 40:
        return PassphraseStrength.WEAK
    if bits < 64:
        return PassphraseStrength.FAIR
    return PassphraseStrength.STRONG


def export_key_backup(
    key: ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    passphrase: str,
    friendly_name: str,
    secret: bytes | None = None,
) -> bytes:
    """A PKCS#12 file (PBES2, AES-256-CBC, SHA-256 MAC, 600,000 rounds for both)
    holding the key and certificates, and `secret` (the program's own data, see
    :func:`_with_secret_bag`) when given."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise BackupError(
            "Choose a backup passphrase of at least {MIN_PASSPHRASE_LENGTH} characters.",
            MIN_PASSPHRASE_LENGTH=MIN_PASSPHRASE_LENGTH,
        )
    if key.public_key() != cert.public_key():
        raise BackupError("The key does not belong to the certificate; nothing was exported.")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_BACKUP_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    pfx = pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), key, cert, chain or None, encryption
    )
    if secret is not None:
        pfx = _with_secret_bag(pfx, secret)
    # The MAC is made last, over every bag, the program's own included.
    return _seal_mac(pfx, passphrase, BACKUP_MAC_ROUNDS)


def _with_secret_bag(pfx: bytes, secret: bytes) -> bytes:
    """The PFX with one more SafeContents in its AuthenticatedSafe: a secretBag of type
    QZ_SECRET_TYPE whose value is `secret`.

    A secretBag is PKCS#12's own place for data that is neither key nor certificate
    (RFC 7292 §4.2.5); tools that do not know its type skip it (OpenSSL, cryptography,
    Windows and macOS import the key and certificates as before). It travels in a plain
    `data` SafeContents, not encrypted: what the program keeps there (revision numbers
    per candidate) is no secret, the assignment package carries the same in plain. Its
    integrity is the PFX MAC's (password integrity mode), which covers the whole
    AuthenticatedSafe and is checked before anything is read: a changed bag is a
    refused backup."""
    from asn1crypto import cms, core
    from asn1crypto import pkcs12 as asn1_pkcs12

    loaded = asn1_pkcs12.Pfx.load(pfx)
    safe = asn1_pkcs12.AuthenticatedSafe.load(loaded["auth_safe"]["content"].native)
    bag = asn1_pkcs12.SafeBag(
        {
            "bag_id": "secret_bag",
            "bag_value": asn1_pkcs12.SecretBag(
                {"secret_type_id": QZ_SECRET_TYPE, "secret_value": secret}
            ),
        }
    )
    contents = asn1_pkcs12.SafeContents([bag])
    parts = [*safe, cms.ContentInfo({"content_type": "data", "content": contents.dump()})]
    auth_safe = cms.ContentInfo(
        {
            "content_type": "data",
            "content": core.OctetString(asn1_pkcs12.AuthenticatedSafe(parts).dump()),
        }
    )
    rebuilt: bytes = asn1_pkcs12.Pfx(
        {
            "version": loaded["version"].native,
            "auth_safe": auth_safe,
            "mac_data": loaded["mac_data"],  # made again by _seal_mac
        }
    ).dump(force=True)
    return rebuilt


def backup_secret(data: bytes) -> bytes | None:
    """The program's own data in a backup that :func:`import_key_backup` accepted (its
    MAC checked with the passphrase); None for a backup without it (an earlier version's,
    or one made by another tool)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        loaded = asn1_pkcs12.Pfx.load(data)
        for info in loaded.authenticated_safe:
            if info["content_type"].native != "data":
                continue  # encrypted parts: the key's and certificates' (cryptography's)
            contents = asn1_pkcs12.SafeContents.load(info["content"].native)
            for bag in contents:
                if bag["bag_id"].native != "secret_bag":
                    continue
                value = bag["bag_value"]
                if value["secret_type_id"].dotted == QZ_SECRET_TYPE:
                    return bytes(value["secret_value"].native)
    except (ValueError, TypeError, KeyError):
        raise BackupError("The backup file is damaged: its program data cannot be read.") from None
    return None


# --- the backup's MAC (RFC 7292), which cryptography writes with 2,048 rounds only ------


def _der_item(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, start of value, end of value) of the DER item at ``at`` (definite lengths,
    one-byte tags: what cryptography writes)."""
    tag, first = data[at], data[at + 1]
    start = at + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if not 1 <= count <= 4:
            raise ValueError("not DER")
        length = int.from_bytes(data[start : start + count], "big")
        start += count
    if start + length > len(data):
        raise ValueError("truncated DER")
    return tag, start, start + length


def _der(tag: int, value: bytes) -> bytes:
    length = len(value)
    if length < 0x80:
        return bytes([tag, length]) + value
    size = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + value


def _pkcs12_mac_key(passphrase: str, salt: bytes, rounds: int) -> bytes:
    """The MAC key of RFC 7292 appendix B.2 with SHA-256 (ID 3, 32 bytes)."""
    block = 64  # SHA-256's input block
    password = passphrase.encode("utf-16-be") + b"\0\0"  # a BMPString with its NUL

    def filled(data: bytes) -> bytes:  # copies of data up to a whole number of blocks
        length = block * -(-len(data) // block)
        return (data * (length // len(data) + 1))[:length]

    digest = hashlib.sha256(bytes([3]) * block + filled(salt) + filled(password)).digest()
    sha256 = hashlib.sha256
    for _ in range(rounds - 1):
        digest = sha256(digest).digest()
    return digest


def _seal_mac(pfx: bytes, passphrase: str, rounds: int) -> bytes:
    """The PFX with its MacData made again: a new salt and ``rounds`` iterations."""
    tag, start, end = _der_item(pfx, 0)
    _, _, version_end = _der_item(pfx, start)
    _, safe_start, safe_end = _der_item(pfx, version_end)
    _, _, oid_end = _der_item(pfx, safe_start)
    _, explicit_start, _ = _der_item(pfx, oid_end)
    octets_tag, data_start, data_end = _der_item(pfx, explicit_start)
    mac_tag, mac_start, mac_end = _der_item(pfx, safe_end)
    _, digest_info_start, _ = _der_item(pfx, mac_start)
    _, _, algorithm_end = _der_item(pfx, digest_info_start)
    if tag != 0x30 or octets_tag != 0x04 or mac_tag != 0x30 or mac_end != end:
        raise ValueError("unexpected PKCS#12 layout")
    salt = secrets.token_bytes(16)
    key = _pkcs12_mac_key(passphrase, salt, rounds)
    mac = hmac.new(key, pfx[data_start:data_end], hashlib.sha256).digest()
    mac_data = _der(
        0x30,
        _der(0x30, pfx[digest_info_start:algorithm_end] + _der(0x04, mac))
        + _der(0x04, salt)
        + _der(0x02, rounds.to_bytes((rounds.bit_length() + 8) // 8, "big")),
    )
    return _der(0x30, pfx[start:safe_end] + mac_data)


def backup_mac_rounds(data: bytes) -> int:
    """The MAC iterations a PKCS#12 file states (1 if it says none)."""
    try:
        _, start, _ = _der_item(data, 0)
        _, _, version_end = _der_item(data, start)
        _, _, safe_end = _der_item(data, version_end)
        _, mac_start, mac_end = _der_item(data, safe_end)
        _, _, digest_info_end = _der_item(data, mac_start)
        _, _, salt_end = _der_item(data, digest_info_end)
        if salt_end == mac_end:
            return 1
        tag, rounds_start, rounds_end = _der_item(data, salt_end)
    except (ValueError, IndexError):
        raise BackupError(
            "Wrong passphrase or damaged backup file.", error_code=WRONG_PASSPHRASE
        ) from None
    if tag != 0x02:
        raise BackupError("Wrong passphrase or damaged backup file.", error_code=WRONG_PASSPHRASE)
    return int.from_bytes(data[rounds_start:rounds_end], "big", signed=True)


def import_key_backup(
    data: bytes, passphrase: str
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate, list[x509.Certificate]]:
    """Key, certificate and chain from a backup made by :func:`export_key_backup` (or an
    earlier version, whose MAC had fewer rounds). Time is bounded: a file far larger than
    a backup, or whose MAC asks for far more rounds than ours, is refused unread."""
    if len(data) > _MAX_BACKUP_SIZE:
        raise BackupError(
            "The file is too large to be a key backup ({size} bytes).", size=len(data)
        )
    rounds = backup_mac_rounds(data)
    if not 1 <= rounds <= _MAX_BACKUP_MAC_ROUNDS:
        raise BackupError(
            "The backup file asks for {rounds} rounds of its passphrase check, far more "
            "than a backup of this program; it is not read.",
            rounds=rounds,
        )
    try:
        bundle = pkcs12.load_pkcs12(data, passphrase.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise BackupError(
            "Wrong passphrase or damaged backup file.", error_code=WRONG_PASSPHRASE
        ) from exc
    key = bundle.key
    if not isinstance(key, ec.EllipticCurvePrivateKey) or bundle.cert is None:
        raise BackupError("The backup file does not hold a signing key and its certificate.")
    cert = bundle.cert.certificate
    if key.public_key() != cert.public_key():
        raise BackupError("The backup file is damaged: its key does not match its certificate.")
    return key, cert, [extra.certificate for extra in bundle.additional_certs]
