"""The demo's session identity: signs the demo's scorecards with a watermark, lives in
memory only, and every real workspace refuses what it signed, by name."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from qz_evaluator.domain.scorecard import Scorecard
from qz_evaluator.services import demo, identity, merge
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scorecard_files import (
    Rejection,
    check_scorecard_file,
    export_all,
    export_scorecard,
)
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import CertificateError
from tests.services.conftest import committee_and_p01, score_fully
from tests.support.tools import tool
from tests.support.trust import MemoryKeyring


@pytest.fixture(autouse=True)
def no_demo_keys_left() -> Iterator[None]:
    yield
    identity.forget_demo_identities()


@pytest.fixture
def demo_session(evaluator: Workspace, memory_keyring: MemoryKeyring) -> Workspace:
    """The demo opened as the window opens it: marked, with this session's identity."""
    demo.start_demo_identity(evaluator)
    return evaluator


def _final_card(workspace: Workspace) -> Scorecard:
    service = ScoringService(workspace)
    card = next(c for c in service.ensure_all(demo.SITE_ROUND) if not c.entries)
    return score_fully(workspace, card)


def test_demo_identity_signs_with_a_watermark_and_never_touches_the_keychain(
    demo_session: Workspace, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    card = _final_card(demo_session)
    [result] = export_all(demo_session, tmp_path / "out")
    assert memory_keyring.entries == {}  # the key lives in memory, not the keychain
    text = subprocess.run(
        [tool("pdftotext"), str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    # Every page carries the watermark (pdftotext may drop the blanks in CJK runs).
    assert all("非正式评分" in page.replace(" ", "") for page in pages)
    # It verifies against the demo's own committee, as a demo file.
    check = check_scorecard_file(result.path, identity.committee_root(demo_session))
    assert check.valid and check.demo
    assert "demo" in check.message
    assert card is not None


def test_a_real_workspace_refuses_demo_files_by_name(
    demo_session: Workspace, tmp_path: Path
) -> None:
    _final_card(demo_session)
    [result] = export_all(demo_session, tmp_path / "out")
    with committee_and_p01(tmp_path) as (secretariat, _evaluator):
        check = check_scorecard_file(result.path, identity.committee_root(secretariat))
        assert not check.valid
        assert check.rejection is Rejection.DEMO_SIGNATURE
        assert check.as_dict()["reason"] == "demo-signature"
        summary = merge.merge(secretariat, [result.path], workers=1)
        [entry] = summary.entries
        assert entry.reason == "demo-signature"


def test_the_demo_identity_is_of_this_session_only(demo_session: Workspace, tmp_path: Path) -> None:
    card = _final_card(demo_session)
    first = identity.evaluator_identity(demo_session)
    assert first.demo and certificates.is_demo_certificate(first.cert)
    assert demo.start_demo_identity(demo_session) is first  # the same session: the same key
    identity.forget_demo_identities()  # the program ended
    with pytest.raises(ServiceError) as raised:
        export_scorecard(demo_session, card, tmp_path)
    assert raised.value.code == identity.DEMO_IDENTITY_MISSING
    assert identity.signing_readiness(demo_session) is identity.Readiness.DEMO_MISSING
    second = demo.start_demo_identity(demo_session)  # the next session: a new committee
    assert second.cert != first.cert
    assert identity.signing_readiness(demo_session) is identity.Readiness.DEMO


def test_the_demo_key_signs_nothing_else(demo_session: Workspace, tmp_path: Path) -> None:
    with committee_and_p01(tmp_path) as (_secretariat, real):
        own = identity.evaluator_identity(real)
        assert not own.demo  # the real P01 signs with the keychain's key
        with pytest.raises(ServiceError):
            identity.register_demo_identity(real, identity.evaluator_identity(demo_session))
        with pytest.raises(ServiceError) as raised:
            demo.start_demo_identity(real)  # not the demo
        assert raised.value.code == "not-demo"


def test_identity_steps_are_refused_in_the_demo(
    demo_session: Workspace, memory_keyring: MemoryKeyring
) -> None:
    for step in (
        lambda: identity.create_identity(demo_session),
        lambda: identity.backup_identity(demo_session, "correct horse battery"),
        lambda: identity.restore_identity(demo_session, b"", "correct horse battery"),
        lambda: identity.install_certificate(demo_session, b""),
    ):
        with pytest.raises(ServiceError) as raised:
            step()
        assert raised.value.code == identity.DEMO_WORKSPACE
    assert memory_keyring.entries == {}
    assert keyring.get_keyring() is memory_keyring


def test_demo_certificates_are_not_installed_in_a_real_workspace(
    demo_session: Workspace, tmp_path: Path
) -> None:
    demo_identity = identity.evaluator_identity(demo_session)
    bundle = identity.certificate_pem(demo_identity.cert) + identity.certificate_pem(
        demo_identity.chain[0]
    )
    with Workspace.create(tmp_path / "p01.qzw", Role.EVALUATOR, owner_code="P01") as real:
        with pytest.raises(ServiceError, match="demo"):
            identity.install_certificate(real, bundle)
        assert real.certificate(identity.ROOT) is None


def test_a_file_of_an_earlier_demo_session_is_named_as_demo(
    demo_session: Workspace, tmp_path: Path
) -> None:
    _final_card(demo_session)
    [result] = export_all(demo_session, tmp_path / "out")
    identity.forget_demo_identities()  # the next session: a new demo committee
    demo.start_demo_identity(demo_session)
    check = check_scorecard_file(result.path, identity.committee_root(demo_session))
    assert check.rejection is Rejection.DEMO_SIGNATURE


# ----- the secretariat's demo ----------------------------------------------------------


@pytest.fixture(scope="module")
def secretariat_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sec-demo")
    workspace, _ = demo.build_secretariat_demo(folder / "sec.qzw", folder / "scratch")
    workspace.close()
    return folder / "sec.qzw"


def test_the_secretariat_demo_signs_packages_in_its_session_only(
    secretariat_demo: Path, tmp_path: Path
) -> None:
    from qz_evaluator.exchange.package import read_package
    from qz_evaluator.services.packages import export_packages

    with Workspace.open(secretariat_demo) as workspace:
        # Not opened as the window opens it: no key in this session, and it says where.
        with pytest.raises(ServiceError) as refused:
            identity.secretariat_identity(workspace)
        assert refused.value.code == identity.DEMO_IDENTITY_MISSING
        signer = demo.start_secretariat_demo_identity(workspace)
        assert signer.demo and identity.secretariat_identity(workspace) is signer
        written = export_packages(workspace, demo.SITE_ROUND, tmp_path, ["P01"])
        root = identity.committee_root(workspace)
    assert [p.name for p in written] == [p.name for p in tmp_path.iterdir()]
    package = read_package(written[0].read_bytes(), root)
    assert package.assignment.evaluator.code == "P01"
    assert certificates.is_demo_certificate(package.secretariat)


def test_the_secretariat_demo_key_must_match_its_certificate(
    secretariat_demo: Path, tmp_path: Path
) -> None:
    with Workspace.open(secretariat_demo) as workspace:
        cert = certificates.load_certificate(
            (workspace.certificate(identity.SECRETARIAT_SIGNING) or "").encode("ascii")
        )
    other_key, _ = certificates.create_secretariat_request()
    with pytest.raises(CertificateError):
        certificates.demo_key_pem(other_key, cert)
    # A real (non-demo) certificate never gets its key written out.
    root_key, root = certificates.create_committee_root("真实评审委员会")
    with pytest.raises(CertificateError):
        certificates.demo_key_pem(root_key, root)
    key_file = demo.secretariat_demo_key_path(secretariat_demo)
    with pytest.raises(CertificateError):
        certificates.load_demo_key(key_file.read_bytes(), root)
