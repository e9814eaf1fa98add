"""Issue 11, point 4: revisions keep rising for an evaluator and candidate across laptops.

A key backup carries the last revision per (round, candidate); the secretariat's package
carries the highest revision it merged; either raises the new workspace's floor, so a
correction made on a new laptop is accepted. A rival of the same number is a conflict
shown to the secretariat, never a silent win or loss."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from qz_evaluator.domain.scorecard import Scorecard
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.exchange import package as package_format
from qz_evaluator.services import demo, identity, merge, packages, results, scorecard_files
from qz_evaluator.services.errors import UserError
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from tests.services.conftest import committee_and_p01, score_fully
from tests.support.trust import MemoryKeyring

ROUND = demo.SITE_ROUND
PASSPHRASE = "松竹梅 winter 2026"


@dataclass
class Laptops:
    secretariat: Workspace
    old: Workspace  # P01's first laptop: exported r1 and r2, both merged
    credit_code: str
    first_package: Path  # issued before anything was merged: no revisions in it
    backup: bytes  # taken on the old laptop after r2
    tmp: Path

    def new_workspace(self, name: str = "new.qzw") -> Workspace:
        return Workspace.create(self.tmp / name, Role.EVALUATOR, owner_code="P01")

    def package(self) -> Path:
        out = self.tmp / f"pkg-{datetime.now(UTC).timestamp()}"
        return packages.export_packages(self.secretariat, ROUND, out, ["P01"])[0]


def _export(workspace: Workspace, card: Scorecard, out: Path) -> scorecard_files.ExportResult:
    return scorecard_files.export_scorecard(workspace, card, out)


def _correct(workspace: Workspace, card: Scorecard, percent: int) -> Scorecard:
    service = ScoringService(workspace)
    card = service.reopen(workspace.scorecard_by_id(card.id), "更正").card
    card = service.set_percent(card, "4.1.2", percent).card
    return service.finalise(card, affirm_declaration=True).card


def _accepted_total(secretariat: Workspace, credit_code: str) -> str:
    [accepted] = secretariat.submissions(
        round_code=ROUND,
        credit_code=credit_code,
        evaluator_code="P01",
        statuses=[SubmissionStatus.ACCEPTED],
    )
    return accepted.total


@pytest.fixture
def laptops(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Laptops]:
    with committee_and_p01(tmp_path) as (secretariat, old):
        first = packages.export_packages(secretariat, ROUND, tmp_path / "pkg0", ["P01"])[0]
        packages.import_package(old, first)
        card = ScoringService(old).ensure_all(ROUND)[0]
        card = score_fully(old, card)
        r1 = _export(old, card, tmp_path / "out")
        card = _correct(old, card, 90)
        r2 = _export(old, card, tmp_path / "out")
        assert (r1.revision, r2.revision) == (1, 2)
        summary = merge.merge(secretariat, [r1.path, r2.path], workers=1)
        assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED, Outcome.ACCEPTED]
        backup = identity.backup_identity(old, PASSPHRASE)
        yield Laptops(secretariat, old, card.credit_code, first, backup, tmp_path)


def _laptop_died(keyring: MemoryKeyring) -> None:
    """P01's keys leave this computer's keychain; the secretariat's stay."""
    for entry in [e for e in keyring.entries if any("evaluator:P01" in part for part in e)]:
        del keyring.entries[entry]


def _score_on(workspace: Workspace, credit_code: str, base: int) -> Scorecard:
    return score_fully(workspace, ScoringService(workspace).open(ROUND, credit_code), base)


def test_a_correction_from_a_new_laptop_is_accepted_and_counts(
    laptops: Laptops, memory_keyring: MemoryKeyring
) -> None:
    _laptop_died(memory_keyring)
    with laptops.new_workspace() as new:
        identity.restore_identity(new, laptops.backup, PASSPHRASE)
        imported = packages.import_package(new, laptops.package())
        assert imported.revisions_raised == {}  # the backup had already raised it to 2
        assert new.revision_floor(ROUND, laptops.credit_code, "P01") == 2
        card = _score_on(new, laptops.credit_code, base=30)
        r3 = _export(new, card, laptops.tmp / "new-out")
        expected_total = scorecard_files._document(new, card, 3, "x").total
    assert r3.revision == 3 and r3.path.name.endswith("_P01_r3.pdf.p7m")  # encrypted
    summary = merge.merge(laptops.secretariat, [r3.path], workers=1)
    [entry] = summary.entries
    assert (entry.outcome, entry.revision, entry.replaced) == (Outcome.ACCEPTED, 3, 2)
    assert _accepted_total(laptops.secretariat, laptops.credit_code) == str(expected_total)
    computed = results.compute(laptops.secretariat, ROUND, only=laptops.credit_code)
    [totals] = [
        t for t in computed.outcome(laptops.credit_code).scorecards if t.evaluator_code == "P01"
    ]
    assert totals.total == expected_total  # the new total is the one that counts


def test_the_backup_alone_continues_the_revisions(
    laptops: Laptops, memory_keyring: MemoryKeyring
) -> None:
    _laptop_died(memory_keyring)
    with laptops.new_workspace() as new:
        identity.restore_identity(new, laptops.backup, PASSPHRASE)
        # The package issued before anything was merged says nothing of revisions.
        assert packages.import_package(new, laptops.first_package).revisions_raised == {}
        r3 = _export(new, _score_on(new, laptops.credit_code, 30), laptops.tmp / "o")
    assert r3.revision == 3
    [entry] = merge.merge(laptops.secretariat, [r3.path], workers=1).entries
    assert entry.outcome is Outcome.ACCEPTED


def test_the_package_alone_continues_the_revisions_after_an_old_backup(
    laptops: Laptops, memory_keyring: MemoryKeyring
) -> None:
    # A backup of an earlier version: key and certificates, no revisions bag.
    signer = identity.evaluator_identity(laptops.old)
    old_backup = certificates.export_key_backup(
        signer.key, signer.cert, signer.chain, PASSPHRASE, friendly_name="P01"
    )
    assert certificates.backup_secret(old_backup) is None
    _laptop_died(memory_keyring)
    with laptops.new_workspace() as new:
        identity.restore_identity(new, old_backup, PASSPHRASE)
        assert new.revision_floor(ROUND, laptops.credit_code, "P01") == 0
        imported = packages.import_package(new, laptops.package())
        assert imported.revisions_raised == {laptops.credit_code: 2}
        assert imported.as_dict()["revisions_raised"] == {laptops.credit_code: 2}
        r3 = _export(new, _score_on(new, laptops.credit_code, 30), laptops.tmp / "o")
    assert r3.revision == 3
    [entry] = merge.merge(laptops.secretariat, [r3.path], workers=1).entries
    assert entry.outcome is Outcome.ACCEPTED


def test_an_unchanged_card_below_the_floor_is_signed_anew(laptops: Laptops) -> None:
    """Back on the old laptop after the secretariat merged r3 from elsewhere: the stored
    r2 is not handed out again, the same scores get r4."""
    laptops.old.raise_revision_floors("P01", [(ROUND, laptops.credit_code, 3)], "test")
    card = laptops.old.find_scorecard(ROUND, laptops.credit_code, "P01")
    assert card is not None
    again = _export(laptops.old, card, laptops.tmp / "again")
    assert (again.revision, again.reused) == (4, False)


def test_without_floors_an_older_revision_is_superseded_and_says_so(
    laptops: Laptops, memory_keyring: MemoryKeyring
) -> None:
    """The issue's failure, as it was: a new laptop with no floor exports r1, which merge
    keeps as history (never counts), and says plainly why."""
    before = _accepted_total(laptops.secretariat, laptops.credit_code)
    with laptops.new_workspace() as new:
        identity.restore_identity(new, laptops.backup, PASSPHRASE)
        new.db.execute("DELETE FROM revision_floors")  # as before floors existed
        packages.import_package(new, laptops.first_package)
        r1 = _export(new, _score_on(new, laptops.credit_code, 30), laptops.tmp / "o")
    assert r1.revision == 1
    [entry] = merge.merge(laptops.secretariat, [r1.path], workers=1).entries
    assert entry.outcome is Outcome.SUPERSEDED
    assert "older than revision 2" in entry.message and "does not count" in entry.message
    assert _accepted_total(laptops.secretariat, laptops.credit_code) == before


def test_a_same_number_rival_is_a_revision_conflict_and_the_accepted_score_stays(
    laptops: Laptops,
) -> None:
    before = _accepted_total(laptops.secretariat, laptops.credit_code)
    with laptops.new_workspace() as new:
        identity.restore_identity(new, laptops.backup, PASSPHRASE)
        new.db.execute("UPDATE revision_floors SET revision = 1")  # a floor one short
        packages.import_package(new, laptops.first_package)
        rival = _export(new, _score_on(new, laptops.credit_code, 30), laptops.tmp / "o")
    assert rival.revision == 2
    summary = merge.merge(laptops.secretariat, [rival.path], workers=1)
    [entry] = summary.entries
    assert (entry.outcome, entry.reason) == (Outcome.CONFLICT, "revision-conflict")
    assert entry.as_dict()["reason"] == "revision-conflict"
    rows = laptops.secretariat.submissions(credit_code=laptops.credit_code, evaluator_code="P01")
    assert [(s.revision, s.status) for s in rows] == [
        (1, SubmissionStatus.SUPERSEDED),
        (2, SubmissionStatus.ACCEPTED),
        (2, SubmissionStatus.CONFLICT),
    ]
    assert _accepted_total(laptops.secretariat, laptops.credit_code) == before
    # Results name the blocker; the next package tells the evaluator to go on from r2.
    outcome = results.compute(laptops.secretariat, ROUND, only=laptops.credit_code).outcome(
        laptops.credit_code
    )
    assert outcome.conflicts == ("P01",)
    assignment = packages.assignment_for(laptops.secretariat, ROUND, "P01")
    assert assignment.revisions == {laptops.credit_code: 2}


def test_the_same_scores_signed_again_under_the_same_number_are_a_duplicate(
    laptops: Laptops,
) -> None:
    card = laptops.old.find_scorecard(ROUND, laptops.credit_code, "P01")
    assert card is not None
    document = scorecard_files._document(
        laptops.old, card, 2, datetime.now(UTC).isoformat(timespec="seconds")
    )
    path = laptops.tmp / "resigned.pdf"
    path.write_bytes(
        scorecard_files.signed_scorecard_pdf(document, identity.evaluator_identity(laptops.old))
    )
    before = laptops.secretariat.submissions(credit_code=laptops.credit_code)
    [entry] = merge.merge(laptops.secretariat, [path], workers=1).entries
    assert entry.outcome is Outcome.DUPLICATE and "same scores as revision 2" in entry.message
    assert laptops.secretariat.submissions(credit_code=laptops.credit_code) == before


def test_a_version_1_package_still_imports(
    laptops: Laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = package_format.assignment_json

    def version_1(assignment: package_format.Assignment) -> dict[str, Any]:
        data = original(assignment)
        del data["revisions"]
        return data

    monkeypatch.setattr(package_format, "VERSION", 1)
    monkeypatch.setattr(package_format, "assignment_json", version_1)
    old_package = laptops.package()
    monkeypatch.undo()
    with laptops.new_workspace() as new:
        identity.restore_identity(new, laptops.backup, PASSPHRASE)
        imported = packages.import_package(new, old_package)
        assert imported.revisions_raised == {} and imported.candidates_added
        assert new.revision_floor(ROUND, laptops.credit_code, "P01") == 2  # the backup's


def test_a_package_with_an_impossible_revision_is_refused(laptops: Laptops) -> None:
    root = identity.committee_root(laptops.secretariat)
    read = package_format.read_package(laptops.package().read_bytes(), root)
    assert read.assignment.revisions == {laptops.credit_code: 2}
    bad = dataclasses.replace(read.assignment, revisions={laptops.credit_code: 0})
    with pytest.raises(package_format.PackageError) as refused:
        package_format._parse_assignment(package_format.assignment_json(bad))
    assert refused.value.code == "package-malformed"


def test_a_backup_with_a_damaged_revision_record_restores_nothing(
    laptops: Laptops, memory_keyring: MemoryKeyring
) -> None:
    signer = identity.evaluator_identity(laptops.old)
    odd = certificates.export_key_backup(
        signer.key, signer.cert, signer.chain, PASSPHRASE, "P01", secret=b'{"format": 1}'
    )
    _laptop_died(memory_keyring)
    with laptops.new_workspace() as new:
        with pytest.raises(UserError) as refused:
            identity.restore_identity(new, odd, PASSPHRASE)
        assert refused.value.code == identity.BAD_BACKUP_REVISIONS
        assert new.certificate(identity.OWN) is None
    assert not any("evaluator:P01" in part for e in memory_keyring.entries for part in e)
