"""The committee's keys (root and the secretariat's signing key) backed up to a
passphrase-encrypted file and restored on a new laptop, where one more evaluator is
enrolled under the same committee; a refused restore changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509

from qz_evaluator.domain.roster import Evaluator, Level
from qz_evaluator.services import demo, identity
from qz_evaluator.services.errors import UserError
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates
from tests.services.conftest import committee_and_p01
from tests.support.trust import MemoryKeyring

PASSPHRASE = "衢州 committee 2026!"


def test_backup_restore_on_a_new_laptop_then_enrol_one_more(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        backup = identity.backup_committee(secretariat, PASSPHRASE)
        root = identity.committee_root(secretariat)
        signing = identity.secretariat_identity(secretariat).cert
        p01 = identity.evaluator_identity(evaluator).cert
    assert PASSPHRASE.encode() not in backup and b"PRIVATE KEY" not in backup
    memory_keyring.entries.clear()  # the secretariat's laptop is lost

    with Workspace.create(tmp_path / "new-sec.qzw", Role.SECRETARIAT) as new:
        restored = identity.restore_committee(new, backup, PASSPHRASE)
        assert restored.root_fingerprint == certificates.fingerprint(root)
        assert restored.committee == "评审委员会根证书"
        assert identity.committee_root(new) == root
        assert identity.secretariat_identity(new).cert == signing
        assert len(memory_keyring.entries) == 2
        # P01's certificate, issued before the loss, still chains to the restored root.
        assert certificates.is_issued_by(p01, identity.committee_root(new))

        new.upsert_evaluator(Evaluator("M29", "新评审员", Level.MUNICIPAL, "衢州学院"))
        with Workspace.create(tmp_path / "m29.qzw", Role.EVALUATOR, owner_code="M29") as m29:
            request = identity.create_identity(m29, "新评审员")
            bundle, code, fingerprint = identity.issue_certificate(new, request)
            assert identity.install_certificate(m29, bundle) == fingerprint
        issued = x509.load_pem_x509_certificates(bundle)[0]
        assert code == "M29" and certificates.is_issued_by(issued, root)
        assert new.evaluator("M29").certificate_fingerprint == fingerprint


def _tampered(backup: bytes) -> bytes:
    document = json.loads(backup)
    document["secretariat"], document["root"] = document["root"], document["secretariat"]
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("problem", "code"),
    [
        ("wrong passphrase", identity.WRONG_PASSPHRASE),
        ("not a backup", identity.NOT_A_COMMITTEE_BACKUP),
        ("parts swapped", identity.NOT_A_COMMITTEE_BACKUP),
        ("other committee", identity.OTHER_COMMITTEE),
        ("evaluator workspace", None),
    ],
)
def test_a_refused_restore_leaves_keychain_and_workspace_alone(
    tmp_path: Path, memory_keyring: MemoryKeyring, problem: str, code: str | None
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, _):
        backup = identity.backup_committee(secretariat, PASSPHRASE)
    memory_keyring.entries.clear()
    role = Role.EVALUATOR if problem == "evaluator workspace" else Role.SECRETARIAT
    owner = "P01" if role is Role.EVALUATOR else None
    with Workspace.create(tmp_path / "new.qzw", role, owner_code=owner) as new:
        if problem == "other committee":
            identity.create_committee_root(new, "另一个评审委员会")
        keys_before = dict(memory_keyring.entries)
        certs_before = {
            p: new.certificate(p) for p in (identity.ROOT, identity.SECRETARIAT_SIGNING)
        }
        data = {
            "not a backup": b"-----BEGIN CERTIFICATE-----\n",
            "parts swapped": _tampered(backup),
        }.get(problem, backup)
        passphrase = "not the passphrase" if problem == "wrong passphrase" else PASSPHRASE
        with pytest.raises(UserError) as raised:
            identity.restore_committee(new, data, passphrase)
        if code is not None:
            assert raised.value.code == code
        assert memory_keyring.entries == keys_before
        assert {
            p: new.certificate(p) for p in (identity.ROOT, identity.SECRETARIAT_SIGNING)
        } == certs_before


def test_backup_needs_a_passphrase_of_eight_characters(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT) as secretariat:
        identity.create_committee_root(secretariat, "评审委员会根证书")
        with pytest.raises(UserError, match="at least"):
            identity.backup_committee(secretariat, "short")


def test_restoring_the_same_committee_again_puts_the_keys_back(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The workspace file survived (a copy), the keychain did not."""
    with committee_and_p01(tmp_path) as (secretariat, _):
        backup = identity.backup_committee(secretariat, PASSPHRASE)
        memory_keyring.entries.clear()
        with pytest.raises(UserError):
            identity.secretariat_identity(secretariat)
        identity.restore_committee(secretariat, backup, PASSPHRASE)
        assert identity.secretariat_identity(secretariat).key is not None


def test_identity_backup_in_a_secretariat_workspace_points_to_the_committee_keys(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, _):
        for attempt in (
            lambda: identity.backup_identity(secretariat, PASSPHRASE),
            lambda: identity.restore_identity(secretariat, b"", PASSPHRASE),
        ):
            with pytest.raises(UserError) as raised:
                attempt()
            assert raised.value.code == identity.SECRETARIAT_KEYS
            assert "qzeval ca backup" in str(raised.value.cli_hint)
