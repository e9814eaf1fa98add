"""Key backup and restore: everything is checked before the keychain is touched, and
each refusal has its own code for the window to explain; the passphrase's strength."""

from __future__ import annotations

from pathlib import Path

import pytest

from qz_evaluator.services import identity
from qz_evaluator.services.errors import UserError
from qz_evaluator.store.workspace import Role, Workspace
from tests.services.conftest import committee_and_p01
from tests.support.trust import MemoryKeyring

PASSPHRASE = "松竹梅 winter 2026"


def _fresh_p01(path: Path) -> Workspace:
    return Workspace.create(path, Role.EVALUATOR, owner_code="P01")


def test_restore_on_a_new_laptop(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with committee_and_p01(tmp_path) as (_secretariat, evaluator):
        backup = identity.backup_identity(evaluator, PASSPHRASE)
        fingerprint = evaluator.certificate(identity.OWN)
    memory_keyring.entries.clear()  # the laptop died
    with _fresh_p01(tmp_path / "new.qzw") as new:
        restored = identity.restore_identity(new, backup, PASSPHRASE)
        assert identity.signing_readiness(new) is identity.Readiness.READY
        assert identity.evaluator_identity(new).cert.public_key() is not None
    assert fingerprint is not None and restored
    assert len(memory_keyring.entries) == 1


@pytest.mark.parametrize("problem", ["wrong passphrase", "other evaluator", "other committee"])
def test_a_refused_restore_leaves_keychain_and_workspace_alone(
    tmp_path: Path, memory_keyring: MemoryKeyring, problem: str
) -> None:
    with committee_and_p01(tmp_path) as (_secretariat, evaluator):
        backup = identity.backup_identity(evaluator, PASSPHRASE)
    memory_keyring.entries.clear()
    owner = "P02" if problem == "other evaluator" else "P01"
    with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code=owner) as new:
        if problem == "other committee":
            (tmp_path / "other").mkdir()
            with committee_and_p01(tmp_path / "other") as (other_secretariat, _):
                root = identity.committee_root(other_secretariat)
                new.set_certificate(
                    identity.ROOT,
                    identity.certificate_pem(root).decode(),
                    identity.certificate_fingerprint(root),
                )
            memory_keyring.entries.clear()
        before = {p: new.certificate(p) for p in (identity.ROOT, identity.OWN)}
        passphrase = "not the passphrase" if problem == "wrong passphrase" else PASSPHRASE
        with pytest.raises(UserError) as raised:
            identity.restore_identity(new, backup, passphrase)
        assert (
            raised.value.code
            == {
                "wrong passphrase": identity.WRONG_PASSPHRASE,
                "other evaluator": identity.BACKUP_OTHER_EVALUATOR,
                "other committee": identity.OTHER_COMMITTEE,
            }[problem]
        )
        assert memory_keyring.entries == {}
        assert {p: new.certificate(p) for p in (identity.ROOT, identity.OWN)} == before


@pytest.mark.parametrize(
    ("passphrase", "strength"),
    [
        ("", identity.PassphraseStrength.TOO_SHORT),
        ("abc1234", identity.PassphraseStrength.TOO_SHORT),
        ("aaaaaaaaaaaa", identity.PassphraseStrength.WEAK),
        ("password", identity.PassphraseStrength.WEAK),
        ("Tr0ub4dor", identity.PassphraseStrength.FAIR),
        ("correct horse battery staple", identity.PassphraseStrength.STRONG),
        (PASSPHRASE, identity.PassphraseStrength.STRONG),
    ],
)
def test_passphrase_strength(passphrase: str, strength: identity.PassphraseStrength) -> None:
    assert identity.passphrase_strength(passphrase) is strength
