from __future__ import annotations

from datetime import timedelta

import pytest

from qz_evaluator.trust.errors import SignatureInvalid
from qz_evaluator.trust.signed_bytes import sign_bytes, verify_bytes
from tests.support.trust import Identity, new_secretariat

MANIFEST = b'{"format": "qz-assignment-package", "version": 1, "evaluator": "P01"}'


@pytest.fixture(scope="module")
def secretariat(committee: Identity) -> Identity:
    return new_secretariat(committee)


def test_signature_verifies(committee: Identity, secretariat: Identity) -> None:
    signature = sign_bytes(MANIFEST, secretariat.key)
    verify_bytes(MANIFEST, signature, secretariat.cert, committee.cert)


def test_tampered_data_is_refused(committee: Identity, secretariat: Identity) -> None:
    signature = sign_bytes(MANIFEST, secretariat.key)
    tampered = MANIFEST.replace(b"P01", b"P02")
    with pytest.raises(SignatureInvalid, match="does not match"):
        verify_bytes(tampered, signature, secretariat.cert, committee.cert)


def test_tampered_signature_is_refused(committee: Identity, secretariat: Identity) -> None:
    signature = bytearray(sign_bytes(MANIFEST, secretariat.key))
    signature[-1] ^= 0x01
    with pytest.raises(SignatureInvalid):
        verify_bytes(MANIFEST, bytes(signature), secretariat.cert, committee.cert)


def test_signature_by_someone_else_is_refused(
    committee: Identity, secretariat: Identity, evaluator: Identity
) -> None:
    # Signed with the evaluator's key but presented with the secretariat's certificate.
    signature = sign_bytes(MANIFEST, evaluator.key)
    with pytest.raises(SignatureInvalid, match="does not match"):
        verify_bytes(MANIFEST, signature, secretariat.cert, committee.cert)


def test_signer_from_another_committee_is_refused(
    committee: Identity, foreign_evaluator: Identity
) -> None:
    signature = sign_bytes(MANIFEST, foreign_evaluator.key)
    with pytest.raises(SignatureInvalid, match="not certified by this committee"):
        verify_bytes(MANIFEST, signature, foreign_evaluator.cert, committee.cert)


def test_expired_signer_is_refused(committee: Identity, secretariat: Identity) -> None:
    signature = sign_bytes(MANIFEST, secretariat.key)
    later = secretariat.cert.not_valid_after_utc + timedelta(days=1)
    with pytest.raises(SignatureInvalid, match="expired"):
        verify_bytes(MANIFEST, signature, secretariat.cert, committee.cert, when=later)
