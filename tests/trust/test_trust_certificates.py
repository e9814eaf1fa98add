from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from qz_evaluator.trust.certificates import (
    DEFAULT_ORGANISATION,
    ROLE_EVALUATOR,
    ROLE_SECRETARIAT,
    SECRETARIAT_CODE,
    certificate_der,
    certificate_pem,
    certificate_role,
    create_committee_root,
    create_evaluator_request,
    create_secretariat_request,
    csr_pem,
    evaluator_code,
    export_key_backup,
    fingerprint,
    import_key_backup,
    is_issued_by,
    issue_evaluator_certificate,
    issue_signing_certificate,
    load_certificate,
    load_csr,
    subject_name,
)
from qz_evaluator.trust.errors import BackupError, CertificateError
from tests.support.trust import Identity


def _private_value(key: ec.EllipticCurvePrivateKey) -> int:
    return key.private_numbers().private_value


def test_committee_root_is_a_constrained_ca(committee: Identity) -> None:
    cert = committee.cert
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value.ca
    assert constraints.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert not usage.value.digital_signature
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert cert.subject == cert.issuer
    assert subject_name(cert) == "衢州市政府质量奖评审委员会根证书"
    organisation = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert organisation[0].value == DEFAULT_ORGANISATION
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    assert isinstance(public_key.curve, ec.SECP256R1)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > timedelta(days=365 * 20)
    assert is_issued_by(cert, cert)


def test_evaluator_certificate_round_trip(committee: Identity, evaluator: Identity) -> None:
    cert = evaluator.cert
    assert evaluator_code(cert) == "P01"
    assert subject_name(cert) == "张三"
    assert certificate_role(cert) == ROLE_EVALUATOR
    assert cert.issuer == committee.cert.subject
    assert cert.public_key() == evaluator.key.public_key()
    assert is_issued_by(cert, committee.cert)

    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and not constraints.value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = committee.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert timedelta(days=3 * 365) <= lifetime <= timedelta(days=3 * 365 + 1)


def test_serial_numbers_are_random(committee: Identity) -> None:
    serials = set()
    for _ in range(3):
        _, csr = create_evaluator_request("P02", "李四")
        serials.add(issue_evaluator_certificate(csr, committee.key, committee.cert).serial_number)
    assert len(serials) == 3


def test_request_for_another_code_is_refused(committee: Identity) -> None:
    _, csr = create_evaluator_request("P07", "王五")
    with pytest.raises(CertificateError, match=r"'P07'.*'P08'"):
        issue_evaluator_certificate(csr, committee.key, committee.cert, expected_code="P08")
    cert = issue_evaluator_certificate(csr, committee.key, committee.cert, expected_code="P07")
    assert evaluator_code(cert) == "P07"


def test_tampered_request_is_refused(committee: Identity) -> None:
    _, csr = create_evaluator_request("P03", "Zhao")
    der = csr.public_bytes(serialization.Encoding.DER)
    forged = load_csr(der.replace(b"P03", b"P09"))
    assert evaluator_code_of_csr(forged) == "P09"
    with pytest.raises(CertificateError, match="damaged"):
        issue_evaluator_certificate(forged, committee.key, committee.cert)


def evaluator_code_of_csr(csr: x509.CertificateSigningRequest) -> str:
    value = csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value
    assert isinstance(value, str)
    return value


def test_request_with_other_curve_is_refused(committee: Identity) -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Qian"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "P04"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ROLE_EVALUATOR),
        ]
    )
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    with pytest.raises(CertificateError, match="P-256"):
        issue_evaluator_certificate(csr, committee.key, committee.cert)


def test_secretariat_certificate(committee: Identity) -> None:
    key, csr = create_secretariat_request()
    cert = issue_signing_certificate(csr, committee.key, committee.cert)
    assert evaluator_code(cert) == SECRETARIAT_CODE
    assert subject_name(cert) == "秘书处"
    assert certificate_role(cert) == ROLE_SECRETARIAT
    assert cert.public_key() == key.public_key()
    assert is_issued_by(cert, committee.cert)
    # Roles cannot be swapped at issuance.
    with pytest.raises(CertificateError, match="role"):
        issue_evaluator_certificate(csr, committee.key, committee.cert)
    _, evaluator_csr = create_evaluator_request("P05", "Sun")
    with pytest.raises(CertificateError, match="role"):
        issue_signing_certificate(evaluator_csr, committee.key, committee.cert)
    with pytest.raises(CertificateError, match="reserved"):
        create_evaluator_request(SECRETARIAT_CODE, "Mallory")


def test_issuing_needs_the_committee_key(committee: Identity, other_committee: Identity) -> None:
    _, csr = create_evaluator_request("P06", "Zhou")
    with pytest.raises(CertificateError, match="does not belong"):
        issue_evaluator_certificate(csr, other_committee.key, committee.cert)


def test_issuing_refuses_a_non_ca(committee: Identity, evaluator: Identity) -> None:
    _, csr = create_evaluator_request("P06", "Zhou")
    with pytest.raises(CertificateError, match="not a certificate authority"):
        issue_evaluator_certificate(csr, evaluator.key, evaluator.cert)


def test_certificate_never_outlives_its_root() -> None:
    root_key, root = create_committee_root("Short-lived", valid_years=1)
    _, csr = create_evaluator_request("P10", "Wu")
    cert = issue_evaluator_certificate(csr, root_key, root, valid_days=5 * 365)
    assert cert.not_valid_after_utc == root.not_valid_after_utc


def test_fingerprint_format(evaluator: Identity) -> None:
    value = fingerprint(evaluator.cert)
    assert re.fullmatch(r"[0-9a-f]{64}", value)
    assert value == hashlib.sha256(certificate_der(evaluator.cert)).hexdigest()


def test_is_issued_by(
    committee: Identity, other_committee: Identity, evaluator: Identity, foreign_evaluator: Identity
) -> None:
    assert is_issued_by(evaluator.cert, committee.cert)
    assert not is_issued_by(foreign_evaluator.cert, committee.cert)
    assert not is_issued_by(evaluator.cert, other_committee.cert)
    # The issuer is checked as a CA, not just by name and key.
    assert not is_issued_by(evaluator.cert, evaluator.cert)
    # An expired CA vouches for nobody.
    after_root = committee.cert.not_valid_after_utc + timedelta(days=1)
    assert not is_issued_by(evaluator.cert, committee.cert, after_root)
    assert is_issued_by(evaluator.cert, committee.cert, datetime.now(UTC))


def test_load_helpers_round_trip(evaluator: Identity) -> None:
    pem = certificate_pem(evaluator.cert)
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert load_certificate(pem) == evaluator.cert
    assert load_certificate(certificate_der(evaluator.cert)) == evaluator.cert
    _, csr = create_evaluator_request("P11", "Zheng")
    assert load_csr(csr_pem(csr)) == csr
    assert load_csr(csr.public_bytes(serialization.Encoding.DER)) == csr


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"],
)
def test_load_helpers_refuse_garbage(data: bytes) -> None:
    with pytest.raises(CertificateError, match="not a readable certificate"):
        load_certificate(data)
    with pytest.raises(CertificateError, match="not a readable certificate request"):
        load_csr(data)


def test_code_is_required(committee: Identity) -> None:
    with pytest.raises(CertificateError, match="evaluator code"):
        evaluator_code(committee.cert)
    with pytest.raises(CertificateError):
        create_evaluator_request("", "Nobody")


def test_backup_round_trip(committee: Identity, evaluator: Identity) -> None:
    backup = export_key_backup(
        evaluator.key, evaluator.cert, [committee.cert], "correct horse battery", "evaluator:P01"
    )
    # The private scalar must not appear in clear.
    scalar = _private_value(evaluator.key).to_bytes(32, "big")
    assert scalar not in backup
    key, cert, chain = import_key_backup(backup, "correct horse battery")
    assert _private_value(key) == _private_value(evaluator.key)
    assert cert == evaluator.cert
    assert chain == [committee.cert]


def test_backup_with_wrong_passphrase(committee: Identity, evaluator: Identity) -> None:
    backup = export_key_backup(
        evaluator.key, evaluator.cert, [committee.cert], "correct horse battery", "evaluator:P01"
    )
    with pytest.raises(BackupError, match="Wrong passphrase or damaged backup file"):
        import_key_backup(backup, "wrong horse battery")
    damaged = backup[: len(backup) // 2]
    with pytest.raises(BackupError, match="Wrong passphrase or damaged backup file"):
        import_key_backup(damaged, "correct horse battery")


@pytest.mark.parametrize("passphrase", ["", "short", "1234567"])
def test_backup_refuses_weak_passphrase(evaluator: Identity, passphrase: str) -> None:
    with pytest.raises(BackupError, match="at least 8"):
        export_key_backup(evaluator.key, evaluator.cert, [], passphrase, "evaluator:P01")


def test_backup_refuses_mismatched_key(committee: Identity, evaluator: Identity) -> None:
    with pytest.raises(BackupError, match="does not belong"):
        export_key_backup(committee.key, evaluator.cert, [], "long enough phrase", "x")
