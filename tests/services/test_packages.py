"""Assignment packages: signed by the secretariat, addressed to one evaluator, and
imported without ever losing a score."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qz_evaluator.domain.roster import PanelMember, PanelRole
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services import demo, identity, packages
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from qz_evaluator.trust.signed_bytes import sign_bytes
from tests.services.conftest import committee_and_p01
from tests.support.trust import MemoryKeyring, new_committee, new_secretariat

ROUND = demo.SITE_ROUND


@dataclass
class Setup:
    secretariat: Workspace
    evaluator: Workspace
    tmp: Path

    def package(self, code: str = "P01") -> Path:
        return packages.export_packages(self.secretariat, ROUND, self.tmp / "pkg", [code])[0]


@pytest.fixture
def setup(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Setup]:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        yield Setup(secretariat, evaluator, tmp_path)


def snapshot(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    tables = (
        "candidates",
        "panel_members",
        "conflicts",
        "scorecards",
        "scorecard_items",
        "evaluators",
        "rounds",
    )
    return {
        t: sorted(map(tuple, workspace.db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables
    }


def test_import_creates_the_assignment(setup: Setup) -> None:
    result = packages.import_package(setup.evaluator, setup.package())
    mine = {
        m.credit_code
        for m in setup.secretariat.panel_members(round_code=ROUND, evaluator_code="P01")
    }
    assert set(result.candidates_added) == mine and len(mine) == 6
    assert result.scorecards_created == 6
    assert {c.credit_code for c in setup.evaluator.candidates()} == mine
    assert len(setup.evaluator.panel_members(round_code=ROUND)) == 30  # whole panels
    assert setup.evaluator.round(ROUND).criteria_id == "gbt19580-2012"
    before = snapshot(setup.evaluator)
    again = packages.import_package(setup.evaluator, setup.package())
    assert again.scorecards_created == 0 and again.withdrawn == []
    assert snapshot(setup.evaluator) == before


def test_reissued_package_keeps_scores_and_marks_withdrawn(setup: Setup) -> None:
    packages.import_package(setup.evaluator, setup.package())
    service = ScoringService(setup.evaluator)
    cards = service.ensure_all(ROUND)
    for card in cards[:2]:
        card = service.set_percent(card, "4.1.2", 65).card
        service.set_text(card, "4.1.2", TextField.STRENGTHS, "已录入的强项")
    dropped, kept = cards[0].credit_code, cards[1].credit_code
    # The secretariat moves P01 off one panel and onto another.
    setup.secretariat.remove_panel_member(ROUND, dropped, "P01")
    newcomer = next(
        c.credit_code
        for c in setup.secretariat.candidates()
        if not setup.secretariat.panel_members(credit_code=c.credit_code, evaluator_code="P01")
        and not setup.secretariat.conflicts(credit_code=c.credit_code, evaluator_code="P01")
    )
    setup.secretariat.add_panel_member(PanelMember(ROUND, newcomer, "P01", PanelRole.MEMBER))
    result = packages.import_package(setup.evaluator, setup.package())
    assert result.withdrawn == [dropped]
    assert result.candidates_added == [newcomer]
    assert result.scorecards_created == 1 and result.scorecards_kept == 6
    for code in (dropped, kept):
        entry = setup.evaluator.scorecard(ROUND, code, "P01").entry("4.1.2")
        assert (entry.percent, entry.strengths) == (65, "已录入的强项")
    assert setup.evaluator.candidate(dropped).withdrawn
    assert packages.withdrawn_scorecards(setup.evaluator, ROUND) == [dropped]


def refused(setup: Setup, path: Path, match: str) -> None:
    before = snapshot(setup.evaluator)
    with pytest.raises(ServiceError, match=match):
        packages.import_package(setup.evaluator, path)
    assert snapshot(setup.evaluator) == before


def test_a_package_for_another_evaluator(setup: Setup) -> None:
    refused(setup, setup.package("M03"), "this package is for evaluator M03, not for P01")


def rewrite(path: Path, change: dict[str, bytes], target: Path) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, change.get(info.filename, source.read(info)))
    return target


def test_a_tampered_package(setup: Setup) -> None:
    path = setup.package()
    with zipfile.ZipFile(path) as archive:
        assignment = json.loads(archive.read("assignment.json"))
    assignment["candidates"][0]["name"] = "篡改后的单位名称"
    forged = rewrite(
        path, {"assignment.json": json.dumps(assignment).encode()}, setup.tmp / "forged.qzpkg"
    )
    refused(setup, forged, "assignment.json was changed after the file was signed")


def test_a_package_from_another_committee(setup: Setup) -> None:
    path = setup.package()
    other = new_committee("别的委员会")
    impostor = new_secretariat(other)
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read("manifest.json")
    forged = rewrite(
        path,
        {
            "manifest.sig": sign_bytes(manifest, impostor.key),
            "secretariat.pem": certificates.certificate_pem(impostor.cert),
        },
        setup.tmp / "foreign.qzpkg",
    )
    refused(setup, forged, "signature is not valid")


def test_a_whole_package_of_another_committee_says_so(setup: Setup) -> None:
    """Its own root, its own secretariat, signed and consistent: refused as another
    committee's before its signature is looked at (the container's order)."""
    from qz_evaluator.exchange.package import PackageRefusal, build_package, read_package

    genuine = read_package(setup.package().read_bytes(), identity.committee_root(setup.evaluator))
    other = new_committee("别的委员会")
    impostor = new_secretariat(other)
    foreign = setup.tmp / "foreign-committee.qzpkg"
    foreign.write_bytes(
        build_package(
            assignment=genuine.assignment,
            criteria_bytes=genuine.criteria_bytes,
            evaluator_certificate=genuine.evaluator_certificate,
            root=other.cert,
            secretariat_certificate=impostor.cert,
            secretariat_key=impostor.key,
            secretariat_workspace_id="another",
            issued_at=genuine.issued_at,
        )
    )
    before = snapshot(setup.evaluator)
    with pytest.raises(ServiceError, match="from another committee") as caught:
        packages.import_package(setup.evaluator, foreign)
    assert caught.value.code == PackageRefusal.OTHER_COMMITTEE
    assert snapshot(setup.evaluator) == before


def test_a_newer_package_format(setup: Setup) -> None:
    path = setup.package()
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["version"] = 3
    data = json.dumps(manifest).encode()
    signer = identity.secretariat_identity(setup.secretariat)
    newer = rewrite(
        path,
        {"manifest.json": data, "manifest.sig": sign_bytes(data, signer.key)},
        setup.tmp / "newer.qzpkg",
    )
    refused(setup, newer, "version 3 is newer than this program understands")


def test_not_a_package(setup: Setup) -> None:
    junk = setup.tmp / "junk.qzpkg"
    junk.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    refused(setup, junk, "not a zip file")


def test_packages_come_from_the_secretariat_only(setup: Setup) -> None:
    with pytest.raises(ServiceError, match="secretariat"):
        packages.export_packages(setup.evaluator, ROUND, setup.tmp / "x")


def test_first_package_installs_the_issued_certificate(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    secretariat = demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT)
    identity.create_committee_root(secretariat, "根证书")
    evaluator = Workspace.create(tmp_path / "m02.qzw", Role.EVALUATOR, owner_code="M02")
    request = identity.create_identity(evaluator, "某评审员")
    bundle, _, _ = identity.issue_certificate(secretariat, request)
    identity.install_certificate(evaluator, bundle)
    evaluator.db.execute("DELETE FROM certificates WHERE purpose = 'own'")
    evaluator.db.conn.commit()
    path = packages.export_packages(secretariat, ROUND, tmp_path / "pkg", ["M02"])[0]
    assert packages.import_package(evaluator, path).certificate_installed
    assert identity.evaluator_identity(evaluator).cert == identity.issued_certificate(
        secretariat, "M02"
    )
