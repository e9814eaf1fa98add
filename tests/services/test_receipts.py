"""Issue 13, part 3: signed receipts. After a merge the secretariat issues one receipt per
evaluator; the evaluator imports it, each card learns what the secretariat holds, and the
revision floors rise to it. A receipt from another committee, for another evaluator, a
round unknown here, another secretariat workspace, older than one imported, or changed
after signing is refused with its code and changes nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qz_evaluator.exchange.receipt import RECEIPT, ReceiptOutcome, ReceiptRefusal, read_receipt
from qz_evaluator.services import demo, identity, merge, packages, receipts, scorecard_files
from qz_evaluator.services.errors import UserError
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from tests.services.conftest import committee_and_p01, score_fully
from tests.support.trust import MemoryKeyring

ROUND = demo.SITE_ROUND


@dataclass
class Round:
    secretariat: Workspace
    evaluator: Workspace
    accepted: str  # r1 and r2 merged: r2 counts
    refused: str  # withdrawn at the secretariat before its file arrived
    tmp: Path
    refused_file: Path

    def issue(self, name: str = "receipts", evaluators: list[str] | None = None) -> Path:
        [path] = receipts.issue_receipts(
            self.secretariat, self.tmp / name, ROUND, evaluators or ["P01"]
        )
        return path


def _correct(workspace: Workspace, credit_code: str, percent: int) -> None:
    service = ScoringService(workspace)
    card = service.open(ROUND, credit_code)
    card = service.reopen(card, "更正").card
    card = service.set_percent(card, "4.1.2", percent).card
    service.finalise(card, affirm_declaration=True)


@pytest.fixture
def merged(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Round]:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        package = packages.export_packages(secretariat, ROUND, tmp_path / "pkg", ["P01"])[0]
        packages.import_package(evaluator, package)
        first, second = ScoringService(evaluator).ensure_all(ROUND)[:2]
        out = tmp_path / "out"
        r1 = scorecard_files.export_scorecard(evaluator, score_fully(evaluator, first), out)
        _correct(evaluator, first.credit_code, 90)
        r2 = scorecard_files.export_scorecard(evaluator, evaluator.scorecard_by_id(first.id), out)
        other = scorecard_files.export_scorecard(evaluator, score_fully(evaluator, second), out)
        secretariat.set_withdrawn(second.credit_code, True)
        summary = merge.merge(secretariat, [r1.path, r2.path, other.path], workers=1)
        assert [e.outcome for e in summary.entries] == [
            Outcome.ACCEPTED,
            Outcome.ACCEPTED,
            Outcome.REJECTED,
        ]
        yield Round(
            secretariat, evaluator, first.credit_code, second.credit_code, tmp_path, other.path
        )


def _refused(action: object, code: ReceiptRefusal) -> UserError:
    assert callable(action)
    with pytest.raises(UserError) as caught:
        action()
    assert caught.value.code == code.value, caught.value
    return caught.value


def test_the_receipt_lists_every_file_received_and_its_outcome(merged: Round) -> None:
    path = merged.issue()
    assert path.name.startswith(f"{ROUND}_P01_") and path.suffix == ".qzreceipt"
    receipt = read_receipt(path.read_bytes(), identity.committee_root(merged.secretariat))
    assert (receipt.round_code, receipt.evaluator_code) == (ROUND, "P01")
    lines = [(line.credit_code, line.revision, line.outcome, line.reason) for line in receipt.lines]
    assert (merged.accepted, 1, ReceiptOutcome.SUPERSEDED, None) in lines
    assert (merged.accepted, 2, ReceiptOutcome.ACCEPTED, None) in lines
    assert (merged.refused, 1, ReceiptOutcome.REFUSED, "withdrawn") in lines
    digests = {s.file_sha256 for s in merged.secretariat.submissions(evaluator_code="P01")}
    assert digests <= {line.file_sha256 for line in receipt.lines}
    assert all(line.received_at for line in receipt.lines)


def test_import_marks_each_card_and_raises_the_floors(merged: Round) -> None:
    result = receipts.import_receipt(merged.evaluator, merged.issue())
    assert result.accepted == [merged.accepted]
    assert result.not_accepted == {merged.refused: "withdrawn"}
    assert sorted(result.changed) == sorted([merged.accepted, merged.refused])
    marks = receipts.receipt_marks(merged.evaluator, ROUND)
    accepted, refused = marks[merged.accepted], marks[merged.refused]
    assert (accepted.accepted, accepted.revision, accepted.outcome) == (
        True,
        2,
        ReceiptOutcome.ACCEPTED,
    )
    assert (refused.accepted, refused.reason) == (False, "withdrawn")
    # The floors rise to what the secretariat holds (the refused file is not held).
    assert result.revisions_raised == {merged.accepted: 2}
    assert merged.evaluator.revision_floor(ROUND, merged.accepted, "P01") == 2
    # The same receipt again changes nothing.
    again = receipts.import_receipt(merged.evaluator, _same(merged))
    assert again.already_imported and again.changed == []


def _same(merged: Round) -> Path:
    return next((merged.tmp / "receipts").glob("*.qzreceipt"))


def test_a_new_laptop_continues_after_the_receipts_revision(merged: Round, tmp_path: Path) -> None:
    path = merged.issue()
    with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code="P01") as new:
        _as_new_laptop(merged, new)
        assert new.revision_floor(ROUND, merged.accepted, "P01") == 0
        result = receipts.import_receipt(new, path)
        assert result.revisions_raised == {merged.accepted: 2}
        assert new.revision_floor(ROUND, merged.accepted, "P01") == 2


def _copy_root(merged: Round, new: Workspace) -> None:
    pem = merged.evaluator.certificate(identity.ROOT)
    assert pem is not None
    root = certificates.load_certificate(pem.encode())
    new.set_certificate(identity.ROOT, pem, certificates.fingerprint(root))


def _as_new_laptop(merged: Round, new: Workspace) -> None:
    """The committee's root and the round, as a restored backup and package bring them."""
    _copy_root(merged, new)
    new.upsert_round(merged.evaluator.round(ROUND))


def test_a_receipt_from_another_committee_is_refused(merged: Round, tmp_path: Path) -> None:
    foreign = demo.build_demo(tmp_path / "foreign.qzw", role=Role.SECRETARIAT)
    try:
        identity.create_committee_root(foreign, "另一个委员会")
        [path] = receipts.issue_receipts(foreign, tmp_path / "foreign", ROUND, ["P01"])
    finally:
        foreign.close()
    _refused(
        lambda: receipts.import_receipt(merged.evaluator, path), ReceiptRefusal.OTHER_COMMITTEE
    )
    assert merged.evaluator.latest_receipt(ROUND, "P01") is None


def test_a_receipt_for_another_evaluator_is_refused(merged: Round) -> None:
    path = merged.issue(evaluators=["P02"])
    _refused(
        lambda: receipts.import_receipt(merged.evaluator, path), ReceiptRefusal.OTHER_EVALUATOR
    )
    assert merged.evaluator.latest_receipt(ROUND, "P01") is None


def test_a_changed_byte_is_refused_and_changes_nothing(merged: Round) -> None:
    path = merged.issue()
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(RECEIPT)
    # A byte inside receipt.json's compressed data: the zip's own check fails.
    data[info.header_offset + 60] ^= 0x01
    damaged = path.with_name("damaged.qzreceipt")
    damaged.write_bytes(bytes(data))
    error = _refused(
        lambda: receipts.import_receipt(merged.evaluator, damaged), ReceiptRefusal.DAMAGED
    )
    assert "damaged.qzreceipt" in str(error)
    # Repacked whole with one changed line: the signed manifest's hash no longer matches.
    members = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    members[RECEIPT] = members[RECEIPT].replace(b'"withdrawn"', b'"accepted!"')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    tampered = path.with_name("tampered.qzreceipt")
    tampered.write_bytes(buffer.getvalue())
    _refused(lambda: receipts.import_receipt(merged.evaluator, tampered), ReceiptRefusal.TAMPERED)
    assert merged.evaluator.latest_receipt(ROUND, "P01") is None
    assert merged.evaluator.revision_floor(ROUND, merged.accepted, "P01") == 0


def test_an_older_receipt_is_refused(merged: Round) -> None:
    older = merged.issue("first")
    newer = merged.issue("second")
    receipts.import_receipt(merged.evaluator, newer)
    _refused(lambda: receipts.import_receipt(merged.evaluator, older), ReceiptRefusal.OLDER)


def test_a_receipt_from_another_secretariat_workspace_is_refused(merged: Round) -> None:
    path = merged.issue()
    merged.evaluator.set_meta(packages.ISSUED_BY_META.format(round_code=ROUND), "elsewhere")
    _refused(
        lambda: receipts.import_receipt(merged.evaluator, path), ReceiptRefusal.OTHER_WORKSPACE
    )


def test_a_receipt_for_a_round_unknown_here_is_refused(merged: Round, tmp_path: Path) -> None:
    path = merged.issue()
    with Workspace.create(tmp_path / "bare.qzw", Role.EVALUATOR, owner_code="P01") as bare:
        _copy_root(merged, bare)
        _refused(lambda: receipts.import_receipt(bare, path), ReceiptRefusal.UNKNOWN_ROUND)


def test_a_refused_file_merged_later_leaves_the_refusals(merged: Round) -> None:
    assert [r.credit_code for r in merged.secretariat.refusals(ROUND, "P01")] == [merged.refused]
    merged.secretariat.set_withdrawn(merged.refused, False)
    [entry] = merge.merge(merged.secretariat, [merged.refused_file], workers=1).entries
    assert entry.outcome is Outcome.ACCEPTED
    assert merged.secretariat.refusals(ROUND, "P01") == []
