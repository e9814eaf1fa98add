"""Hostile receipts: every way the bytes can be wrong ends in a ReceiptError with its
ReceiptRefusal code, never in zipfile's or zlib's own exceptions; the zips are built
here, in code, with a committee, its secretariat and an evaluator made in memory."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qz_evaluator.exchange import signed_container as sc
from qz_evaluator.exchange.receipt import (
    MAX_RECEIPT_BYTES,
    RECEIPT,
    Receipt,
    ReceiptError,
    ReceiptLine,
    ReceiptOutcome,
    ReceiptRefusal,
    build_receipt,
    read_receipt,
)
from qz_evaluator.trust.signed_bytes import sign_bytes
from tests.support.trust import Identity, new_committee, new_evaluator, new_secretariat

COMMITTEE = new_committee()
SECRETARIAT = new_secretariat(COMMITTEE)
OTHER = new_committee("另一个评审委员会")
RECEIPT_DATA = Receipt(
    issued_at="2026-11-30T06:05:00.000000+00:00",
    secretariat_workspace_id="sec-1",
    round_code="2026-site",
    evaluator_code="P01",
    lines=(
        ReceiptLine(
            credit_code="91330800MA2DHQXA1K",
            candidate_name="衢州测试有限公司",
            revision=2,
            file_sha256="ab" * 32,
            received_at="2026-11-30T06:05:00+00:00",
            outcome=ReceiptOutcome.ACCEPTED,
            reason=None,
            message="",
        ),
    ),
)


def _built(signer: Identity = SECRETARIAT, committee: Identity = COMMITTEE) -> bytes:
    return build_receipt(
        RECEIPT_DATA,
        root=committee.cert,
        secretariat_certificate=signer.cert,
        secretariat_key=signer.key,
    )


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(
    members: dict[str, bytes], extra: Callable[[zipfile.ZipFile], None] | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        if extra is not None:
            extra(archive)
    return buffer.getvalue()


def _refused(data: bytes, code: ReceiptRefusal) -> ReceiptError:
    with pytest.raises(ReceiptError) as caught:
        read_receipt(data, COMMITTEE.cert)
    assert caught.value.code == code.value, caught.value
    return caught.value


def _resigned(members: dict[str, bytes], manifest: dict[str, object]) -> bytes:
    """The members with a changed manifest signed again by the committee's secretariat."""
    raw = sc.dumps(manifest)
    return _zip({**members, sc.MANIFEST: raw, sc.SIGNATURE: sign_bytes(raw, SECRETARIAT.key)})


def test_a_good_receipt_reads_back() -> None:
    receipt = read_receipt(_built(), COMMITTEE.cert)
    assert receipt.lines == RECEIPT_DATA.lines
    assert (receipt.round_code, receipt.evaluator_code) == ("2026-site", "P01")


def test_not_a_zip() -> None:
    _refused(b"%PDF-1.7 not a receipt", ReceiptRefusal.NOT_A_RECEIPT)


def test_a_package_is_not_a_receipt() -> None:
    members = _members(_built())
    manifest = json.loads(members[sc.MANIFEST])
    manifest["format"] = "qz-package"
    _refused(_resigned(members, manifest), ReceiptRefusal.NOT_A_RECEIPT)


def test_too_large() -> None:
    _refused(b"PK" + b"\0" * MAX_RECEIPT_BYTES, ReceiptRefusal.TOO_LARGE)


def test_a_path_outside_and_an_unlisted_entry() -> None:
    members = _members(_built())
    _refused(_zip({**members, "../evil.txt": b"x"}), ReceiptRefusal.UNSAFE_ENTRY)
    _refused(_zip({**members, "extra.txt": b"x"}), ReceiptRefusal.UNLISTED_ENTRY)


def test_a_duplicate_entry() -> None:
    members = _members(_built())

    def again(archive: zipfile.ZipFile) -> None:
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr(RECEIPT, members[RECEIPT])

    _refused(_zip(members, again), ReceiptRefusal.DUPLICATE_ENTRY)


def test_a_missing_member() -> None:
    members = _members(_built())
    del members[RECEIPT]
    _refused(_zip(members), ReceiptRefusal.MISSING_MEMBER)


def test_a_newer_format() -> None:
    members = _members(_built())
    manifest = json.loads(members[sc.MANIFEST])
    manifest["version"] = 99
    _refused(_resigned(members, manifest), ReceiptRefusal.NEWER_FORMAT)


def test_another_committees_receipt() -> None:
    foreign = new_secretariat(OTHER)
    _refused(_built(foreign, OTHER), ReceiptRefusal.OTHER_COMMITTEE)


def test_a_look_alike_signer_named_with_our_root() -> None:
    """Our root's certificate put in, signed by another committee's secretariat."""
    foreign = new_secretariat(OTHER)
    _refused(_built(foreign, COMMITTEE), ReceiptRefusal.BAD_SIGNATURE)


def test_signed_by_an_evaluator_not_the_secretariat() -> None:
    evaluator = new_evaluator(COMMITTEE, "P01", "罗思丽")
    _refused(_built(evaluator), ReceiptRefusal.NOT_SECRETARIAT)


def test_a_changed_member_and_a_changed_manifest() -> None:
    members = _members(_built())
    changed = members[RECEIPT].replace(b'"accepted"', b'"refused"')
    _refused(_zip({**members, RECEIPT: changed}), ReceiptRefusal.TAMPERED)
    manifest = members[sc.MANIFEST].replace(b'"P01"', b'"P02"')
    _refused(_zip({**members, sc.MANIFEST: manifest}), ReceiptRefusal.BAD_SIGNATURE)


def test_signed_nonsense_is_malformed() -> None:
    members = _members(_built())
    body = json.loads(members[RECEIPT])
    body["scorecards"][0]["revision"] = 10_001
    raw = sc.dumps(body)
    manifest = json.loads(members[sc.MANIFEST])
    manifest["files"][RECEIPT] = hashlib.sha256(raw).hexdigest()
    _refused(_resigned({**members, RECEIPT: raw}, manifest), ReceiptRefusal.MALFORMED)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0), st.integers(min_value=1, max_value=255))
def test_any_changed_byte_is_refused_with_a_code_or_harmless(position: int, flip: int) -> None:
    """A zip header's version or time may change unnoticed; the receipt never does."""
    data = bytearray(_built())
    data[position % len(data)] ^= flip
    try:
        receipt = read_receipt(bytes(data), COMMITTEE.cert)
    except ReceiptError as error:
        assert error.code in {code.value for code in ReceiptRefusal}
    else:
        assert receipt.lines == RECEIPT_DATA.lines
        assert receipt.evaluator_code == RECEIPT_DATA.evaluator_code
