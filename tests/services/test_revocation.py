"""Revoking an evaluator's certificate: merge refuses what the key signed from the
revocation on, keeps accepting what it signed before, also once a new certificate is on
record; the roster's certificate states."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from qz_evaluator.services import demo, identity, merge, scorecard_files
from qz_evaluator.services.errors import UserError
from qz_evaluator.services.merge import MergeRejection, Outcome
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from tests.services.conftest import Enrolled, Round
from tests.support.trust import MemoryKeyring

CODE = "M05"


@pytest.fixture
def secretariat(scored_round: Round, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the round's secretariat workspace, nothing merged yet."""
    path = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(path)
    workspace = Workspace.open(path)
    workspace.actor = "secretariat"
    yield workspace
    workspace.close()


def _signed(
    scored_round: Round,
    folder: Path,
    *,
    revision: int,
    exported_at: datetime,
    signer: identity.SigningIdentity | None = None,
) -> Path:
    """M05's first final scorecard as revision ``revision``, stating ``exported_at``."""
    workspace = scored_round.evaluators[CODE]
    card = workspace.scorecards(evaluator_code=CODE)[0]
    document = scorecard_files._document(
        workspace, card, revision, exported_at.isoformat(timespec="seconds")
    )
    signer = signer or identity.evaluator_identity(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / scorecard_files.file_name(document)
    path.write_bytes(scorecard_files.signed_scorecard_pdf(document, signer))
    return path


def _moments(scored_round: Round) -> tuple[datetime, datetime, datetime]:
    """Signed before the revocation (after the declaration was affirmed), the revocation,
    and now (signed after it)."""
    workspace = scored_round.evaluators[CODE]
    card = workspace.scorecards(evaluator_code=CODE)[0]
    affirmed = workspace.declaration_affirmed_at(card.id)
    assert affirmed is not None
    start = datetime.fromisoformat(affirmed).replace(microsecond=0)
    before, revoked_at = start + timedelta(seconds=1), start + timedelta(seconds=2)
    wait = (revoked_at - datetime.now(UTC)).total_seconds()
    if wait > 0:
        time.sleep(wait)  # the revocation is never in the future
    return before, revoked_at, datetime.now(UTC)


def test_revoked_key_counts_before_the_revocation_and_not_after(
    scored_round: Round, secretariat: Workspace, tmp_path: Path
) -> None:
    signed_before, revoked_at, now = _moments(scored_round)
    before = _signed(scored_round, tmp_path / "a", revision=1, exported_at=signed_before)
    after = _signed(scored_round, tmp_path / "b", revision=2, exported_at=now)
    revocation = identity.revoke_certificate(secretariat, CODE, "笔记本电脑丢失", revoked_at)
    assert revocation.evaluator_code == CODE
    assert revocation.revoked_at == revoked_at.isoformat(timespec="seconds")

    summary = merge.merge(secretariat, [before, after], workers=1)
    first, second = summary.entries
    assert first.outcome is Outcome.ACCEPTED and first.revision == 1
    assert second.outcome is Outcome.REJECTED
    assert second.reason == MergeRejection.REVOKED_CERTIFICATE.value == "revoked-certificate"
    assert "笔记本电脑丢失" in second.message and revocation.revoked_at in second.message
    accepted = secretariat.submissions(evaluator_code=CODE)
    assert [(s.revision, s.status) for s in accepted] == [(1, "accepted")]


def test_signed_before_still_counts_after_a_new_certificate(
    scored_round: Round, secretariat: Workspace, tmp_path: Path
) -> None:
    signed_before, revoked_at, now = _moments(scored_round)
    old_identity = identity.evaluator_identity(scored_round.evaluators[CODE])
    before = _signed(scored_round, tmp_path / "a", revision=1, exported_at=signed_before)
    after = _signed(scored_round, tmp_path / "b", revision=2, exported_at=now)
    identity.revoke_certificate(secretariat, CODE, "lost laptop", revoked_at)

    # The evaluator's new laptop: a new key, a new certificate on the roster.
    key, csr = certificates.create_evaluator_request(CODE, "新笔记本")
    bundle, code, fingerprint = identity.issue_certificate(secretariat, certificates.csr_pem(csr))
    assert code == CODE and secretariat.evaluator(CODE).certificate_fingerprint == fingerprint
    new_cert = x509.load_pem_x509_certificates(bundle)[0]
    new_identity = identity.SigningIdentity(key, new_cert, old_identity.chain)
    newer = _signed(scored_round, tmp_path / "c", revision=3, exported_at=now, signer=new_identity)

    outcomes = [
        (e.outcome, e.reason) for e in merge.merge(secretariat, [before, after, newer]).entries
    ]
    assert outcomes == [
        (Outcome.ACCEPTED, None),
        (Outcome.REJECTED, "revoked-certificate"),
        (Outcome.ACCEPTED, None),
    ]


def test_revoking_is_refused_when_it_cannot_mean_anything(
    scored_round: Round, secretariat: Workspace
) -> None:
    with pytest.raises(UserError, match="reason"):
        identity.revoke_certificate(secretariat, CODE, "  ")
    with pytest.raises(UserError, match="roster"):
        identity.revoke_certificate(secretariat, "X99", "lost laptop")
    with pytest.raises(UserError, match="time already past"):
        identity.revoke_certificate(
            secretariat, CODE, "lost laptop", datetime.now(UTC) + timedelta(days=1)
        )
    identity.revoke_certificate(secretariat, CODE, "lost laptop")
    with pytest.raises(UserError) as raised:
        identity.revoke_certificate(secretariat, CODE, "lost again")
    assert raised.value.code == identity.ALREADY_REVOKED
    assert len(secretariat.revocations(CODE)) == 1
    # The revoked key's own request is not issued again: that key is to be thrown away.
    old = identity.evaluator_identity(scored_round.evaluators[CODE])
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(old.cert.subject)
        .sign(old.key, hashes.SHA256())
    )
    with pytest.raises(UserError) as raised:
        identity.issue_certificate(secretariat, certificates.csr_pem(csr))
    assert raised.value.code == identity.REVOKED_KEY_REQUEST


def test_roster_states_from_no_request_to_revoked(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT) as secretariat:
        identity.create_committee_root(secretariat, "评审委员会根证书")
        rows = identity.roster_certificates(secretariat)
        assert len(rows) == 35
        assert {r.state for r in rows} == {identity.CertificateState.NO_REQUEST}

        def state(code: str) -> identity.RosterCertificate:
            return next(r for r in identity.roster_certificates(secretariat) if r.code == code)

        _, csr = certificates.create_evaluator_request("P01", "罗思丽")
        assert identity.receive_request(secretariat, certificates.csr_pem(csr)) == "P01"
        assert state("P01").state is identity.CertificateState.REQUEST_RECEIVED
        bundle, _, fingerprint = identity.issue_received(secretariat, "P01")
        issued = state("P01")
        assert issued.state is identity.CertificateState.ISSUED
        assert issued.fingerprint == fingerprint
        cert = x509.load_pem_x509_certificates(bundle)[0]
        assert issued.expires_at == cert.not_valid_after_utc
        identity.revoke_certificate(secretariat, "P01", "lost laptop")
        revoked = state("P01")
        assert revoked.state is identity.CertificateState.REVOKED
        assert revoked.revocation is not None and revoked.revocation.reason == "lost laptop"
        # A request for a new key after the revocation is waiting to be issued.
        _, csr = certificates.create_evaluator_request("P01", "罗思丽")
        identity.receive_request(secretariat, certificates.csr_pem(csr))
        assert state("P01").state is identity.CertificateState.REQUEST_RECEIVED
        identity.issue_received(secretariat, "P01")
        assert state("P01").state is identity.CertificateState.ISSUED
        with pytest.raises(UserError, match="not in the roster"):
            _, csr = certificates.create_evaluator_request("X99", "某人")
            identity.receive_request(secretariat, certificates.csr_pem(csr))


def test_revocation_is_audited(secretariat: Workspace) -> None:
    identity.revoke_certificate(secretariat, CODE, "lost laptop")
    rows = secretariat.db.execute(
        "SELECT action, evaluator_code, new FROM audit WHERE action = 'certificate-revoked'"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("certificate-revoked", CODE, "lost laptop")]


@pytest.mark.parametrize("revoked", ["before the declaration", "after the declaration"])
def test_a_conflict_declaration_counts_only_if_signed_before_the_revocation(
    enrolled: Enrolled, revoked: str
) -> None:
    from qz_evaluator.services import conflict_declarations
    from tests.services.test_conflict_declarations import conflicts_of, declared

    started = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    card = declared(enrolled)
    result = conflict_declarations.export_declaration(
        enrolled.evaluator, card, enrolled.tmp / "outbox"
    )
    if revoked == "before the declaration":
        identity.revoke_certificate(enrolled.secretariat, "P01", "lost laptop", started)
    else:
        time.sleep(1.1)  # whole seconds: the declaration's time is before this one
        identity.revoke_certificate(enrolled.secretariat, "P01", "lost laptop")
    (entry,) = merge.merge(enrolled.secretariat, [result.path], workers=1).entries
    if revoked == "before the declaration":
        assert (entry.outcome, entry.reason) == (Outcome.REJECTED, "revoked-certificate")
        assert conflicts_of(enrolled, card.credit_code) == []
    else:
        assert entry.outcome is Outcome.DECLARED_CONFLICT
        assert len(conflicts_of(enrolled, card.credit_code)) == 1
