"""trust/envelope: CMS AuthEnvelopedData to an EC certificate, standard both ways, and
whatever bytes it is given, an EnvelopeError with a named code or the exact content."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from qz_evaluator.trust import certificates, envelope
from tests.support.tools import tool
from tests.support.trust import new_committee, new_secretariat


def test_sealed_content_opens_with_the_key_and_openssl_opens_it_too(tmp_path: Path) -> None:
    committee = new_committee()
    secretariat = new_secretariat(committee)
    content = b"%PDF-1.7\n" + bytes(range(256)) * 40
    sealed = envelope.seal(content, secretariat.cert)
    assert envelope.is_envelope(sealed) and not envelope.is_envelope(content)
    assert content not in sealed
    assert envelope.open_envelope(sealed, secretariat.key, secretariat.cert) == content
    assert envelope.seal(content, secretariat.cert) != sealed  # a fresh key every time
    cert, key, path = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "f.p7m"
    cert.write_bytes(certificates.certificate_pem(secretariat.cert))
    key.write_bytes(
        secretariat.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.write_bytes(sealed)
    opened = subprocess.run(
        [
            *(tool("openssl"), "cms", "-decrypt", "-binary", "-inform", "DER"),
            *("-in", str(path), "-recip", str(cert), "-inkey", str(key)),
        ],
        capture_output=True,
        check=True,
    )
    assert opened.stdout == content


def test_another_recipient_is_named() -> None:
    committee = new_committee()
    ours = new_secretariat(committee)
    theirs = new_secretariat(new_committee("另一委员会"))
    sealed = envelope.seal(b"scores", theirs.cert)
    with pytest.raises(envelope.EnvelopeError) as refused:
        envelope.open_envelope(sealed, ours.key, ours.cert)
    assert refused.value.code == envelope.EnvelopeFailure.OTHER_RECIPIENT
    assert "另一委员会" in str(refused.value)


def test_any_damage_is_a_damaged_envelope() -> None:
    committee = new_committee()
    ours = new_secretariat(committee)
    sealed = envelope.seal(b"%PDF-1.7 scores " * 100, ours.cert)
    rng = random.Random(13)
    samples = [sealed[:cut] for cut in (0, 2, 20, 100, len(sealed) - 1)]
    for _ in range(300):
        flipped = bytearray(sealed)
        for _ in range(rng.randint(1, 3)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        samples.append(bytes(flipped))
    for sample in samples:
        try:
            opened = envelope.open_envelope(sample, ours.key, ours.cert)
        except envelope.EnvelopeError as error:
            assert error.code in {failure.value for failure in envelope.EnvelopeFailure}
        else:
            # A flip in a part no one reads (a length's redundant form, say) changes nothing.
            assert opened == b"%PDF-1.7 scores " * 100
