"""Hostile inputs to the keys: backups from elsewhere, home-made keychains, a full disk.

Issue 11, points 3, 6, 7 (.p12), 13 (the backup's MAC) and 2 (keyrings.alt without its
dependencies). Every refusal names its code, and leaves the keychain and the workspace
(its `.dump`) as they were.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from keyring.backends import SecretService

from qz_evaluator.services import identity
from qz_evaluator.services.errors import UserError
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.errors import BackupError, KeychainUnavailable
from tests.cli.conftest import Qzeval
from tests.services.conftest import committee_and_p01
from tests.support.trust import Identity, MemoryKeyring, new_committee, new_evaluator

PASSPHRASE = "松竹梅 winter 2026"


@pytest.fixture
def qzeval(capsys: pytest.CaptureFixture[str]) -> Qzeval:
    return Qzeval(capsys)


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())


def backup_of(holder: Identity, root: Identity) -> bytes:
    return certificates.export_key_backup(
        holder.key, holder.cert, [root.cert], PASSPHRASE, friendly_name="P01"
    )


def committee_of(secretariat: Workspace) -> Identity:
    """The committee root of a secretariat workspace, key and certificate."""
    key = keychain.load_private_key(identity.root_key_name(secretariat))
    return Identity(key, identity.committee_root(secretariat))


# ----- point 3: a restore never destroys a working key -------------------------------------


def test_a_backup_of_another_committee_never_replaces_a_working_key(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    other_committee = new_committee("另一个评审委员会")
    other = backup_of(new_evaluator(other_committee, "P01", "罗思丽"), other_committee)
    with committee_and_p01(tmp_path) as (_secretariat, p01):
        working = identity.evaluator_identity(p01)
        keys, before = dict(memory_keyring.entries), dump(p01.path)
        with pytest.raises(UserError) as refused:
            identity.restore_identity(p01, other, PASSPHRASE)
        assert refused.value.code == identity.OTHER_COMMITTEE
        assert memory_keyring.entries == keys
        assert dump(p01.path) == before
        # The same backup restored into a new workspace on this computer (the attack run's
        # case) is that workspace's own key: the first workspace still signs with its own.
        with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code="P01") as new:
            identity.restore_identity(new, other, PASSPHRASE)
            restored = identity.evaluator_identity(new)
            assert restored.chain == [other_committee.cert]
        still = identity.evaluator_identity(p01)
        assert still.key.private_numbers() == working.key.private_numbers()
        assert still.key.public_key() == still.cert.public_key()
        assert len(memory_keyring.entries) == len(keys) + 1


def test_restoring_another_key_over_a_working_one_is_refused(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, p01):
        committee = committee_of(secretariat)
        # A second, older identity of P01 from the same committee (say, a lost laptop's).
        older = backup_of(new_evaluator(committee, "P01", "罗思丽"), committee)
        working = identity.evaluator_identity(p01)
        keys, before = dict(memory_keyring.entries), dump(p01.path)
        with pytest.raises(UserError) as refused:
            identity.restore_identity(p01, older, PASSPHRASE)
        assert refused.value.code == identity.OTHER_KEY_IN_USE
        assert memory_keyring.entries == keys
        assert dump(p01.path) == before
        # Its own backup restores as before (nothing to replace).
        own = identity.backup_identity(p01, PASSPHRASE)
        identity.restore_identity(p01, own, PASSPHRASE)
        assert memory_keyring.entries == keys
        assert identity.evaluator_identity(p01).key.private_numbers() == (
            working.key.private_numbers()
        )


@pytest.mark.parametrize("problem", ["wrong passphrase", "other evaluator", "not a backup"])
def test_a_refused_restore_writes_nothing(
    tmp_path: Path, memory_keyring: MemoryKeyring, problem: str
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, p01):
        committee = committee_of(secretariat)
        data = {
            "wrong passphrase": backup_of(new_evaluator(committee, "P01", "罗思丽"), committee),
            "other evaluator": backup_of(new_evaluator(committee, "P02", "王五"), committee),
            "not a backup": b"\x30\x03\x02\x01\x03" + b"\0" * 100,
        }[problem]
        keys, before = dict(memory_keyring.entries), dump(p01.path)
        passphrase = "not the passphrase" if problem == "wrong passphrase" else PASSPHRASE
        with pytest.raises(UserError) as refused:
            identity.restore_identity(p01, data, passphrase)
        assert (
            refused.value.code
            == {
                "wrong passphrase": identity.WRONG_PASSPHRASE,
                "other evaluator": identity.BACKUP_OTHER_EVALUATOR,
                "not a backup": identity.WRONG_PASSPHRASE,
            }[problem]
        )
        assert memory_keyring.entries == keys
        assert dump(p01.path) == before


def test_keys_stored_under_the_old_name_keep_signing(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with committee_and_p01(tmp_path) as (_secretariat, p01):
        entry = (keychain.KEYRING_SERVICE, identity.evaluator_key_name(p01, "P01"))
        legacy = (keychain.KEYRING_SERVICE, identity.legacy_evaluator_key_name("P01"))
        assert entry[1] != legacy[1] and p01.workspace_id in entry[1]
        # An installation of an earlier version: the key under the evaluator's code only.
        memory_keyring.entries[legacy] = memory_keyring.entries.pop(entry)
        signing = identity.evaluator_identity(p01)
        assert signing.key.public_key() == signing.cert.public_key()
        # Copied to this workspace's own entry on first use; the old one stays for any
        # other workspace of this computer that still signs with it.
        assert memory_keyring.entries[entry] == memory_keyring.entries[legacy]
        # A new workspace of P01 does not take that key for its own: it is not its key.
        with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code="P01") as new:
            assert identity.signing_readiness(new) is identity.Readiness.NO_IDENTITY
            identity.create_identity(new, "罗思丽")
            created = memory_keyring.entries[
                (keychain.KEYRING_SERVICE, identity.evaluator_key_name(new, "P01"))
            ]
            assert created != memory_keyring.entries[legacy]


# ----- point 6 and point 2: only the OS keychains, and a clear error ------------------------

VAULT = '''
import json, os
from keyring.backend import KeyringBackend
from keyring.backends import SecretService

VAULT_FILE = os.environ["QZ_TEST_VAULT_FILE"]


class JsonVault(KeyringBackend):
    """A home-made backend: secrets in a JSON file."""

    priority = -1  # keyring never picks it by itself; PYTHON_KEYRING_BACKEND does

    def _read(self):
        try:
            with open(VAULT_FILE) as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def get_password(self, service, username):
        return self._read().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._read()
        data[f"{service}/{username}"] = password
        with open(VAULT_FILE, "w") as f:
            json.dump(data, f)

    def delete_password(self, service, username):
        pass


class Keyring(JsonVault):
    """Named like keyring's own Secret Service backend."""


class SecretServiceLookAlike(SecretService.Keyring):
    """A real subclass of the Secret Service backend, from another module."""

    priority = -1

    def set_password(self, service, username, password):
        JsonVault.set_password(self, service, username, password)

    def get_password(self, service, username):
        return JsonVault.get_password(self, service, username)

    _read = JsonVault._read
'''

# keyrings.alt's EncryptedKeyring without pycryptodome: its priority raises RuntimeError,
# which keyring's load_keyring lets through.
KEYRINGS_ALT_FILE = """
from jaraco.classes import properties
from keyring.backend import KeyringBackend


class EncryptedKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls):
        raise RuntimeError("pycryptodomex required")

    def get_password(self, service, username):
        raise AssertionError("never used")

    def set_password(self, service, username, password):
        raise AssertionError("never used")
"""


@pytest.fixture
def configured_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, Any]]:
    """Lets a test select a backend as a user would, through PYTHON_KEYRING_BACKEND: the
    modules live in a folder on sys.path, keyring detects its backend again, and both are
    undone afterwards."""
    modules = tmp_path / "site"
    (modules / "keyrings" / "alt").mkdir(parents=True)
    (modules / "vault.py").write_text(VAULT, "utf-8")
    (modules / "keyrings" / "alt" / "__init__.py").write_text("", "utf-8")
    (modules / "keyrings" / "alt" / "file.py").write_text(KEYRINGS_ALT_FILE, "utf-8")
    vault_file = tmp_path / "myvault.json"
    monkeypatch.setenv("QZ_TEST_VAULT_FILE", str(vault_file))
    monkeypatch.syspath_prepend(str(modules))
    loaded = set(sys.modules)
    previous = keyring.get_keyring()

    def select(name: str) -> None:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
        keyring.core._keyring_backend = None  # detect again, as a new process would

    try:
        yield vault_file, select
    finally:
        keyring.set_keyring(previous)
        for name in set(sys.modules) - loaded:
            if name == "vault" or name.startswith("keyrings"):
                del sys.modules[name]


@pytest.mark.parametrize(
    ("backend", "says"),
    [
        ("vault.JsonVault", "is not an OS keychain"),
        ("vault.Keyring", "is not an OS keychain"),
        ("vault.SecretServiceLookAlike", "is not an OS keychain"),
        ("tests.support.trust.MemoryKeyring", "is not an OS keychain"),
        ("keyrings.alt.file.EncryptedKeyring", "cannot be used (RuntimeError: pycryptodomex"),
        ("keyrings.alt.nothing.Here", "cannot be used (ModuleNotFoundError"),
    ],
)
def test_only_an_os_keychain_may_hold_a_key(
    tmp_path: Path,
    qzeval: Qzeval,
    configured_backend: tuple[Path, Any],
    backend: str,
    says: str,
) -> None:
    vault_file, select = configured_backend
    ev = tmp_path / "ev.qzw"
    Workspace.create(ev, Role.EVALUATOR, owner_code="P01").close()
    before = dump(ev)
    request = tmp_path / "P01.csr.pem"
    select(backend)
    result = qzeval(
        "identity", "create", "-w", ev, "--name", "罗思丽", "--out", request, "--json", ok=False
    )
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "no-keychain"
    assert says in result.stderr and backend in result.stderr
    assert "Traceback" not in result.stderr
    assert "stored in the OS keychain" not in result.stdout + result.stderr
    assert not vault_file.exists()  # no private key landed in a file
    assert not request.exists()
    assert dump(ev) == before


def test_the_keychain_goes_by_module_and_class() -> None:
    """An object of the real Secret Service class passes; the same class name elsewhere,
    a subclass, or the tests' keychain not installed by code of this process do not."""

    class Keyring(SecretService.Keyring):
        priority = -1

    real = SecretService.Keyring()  # type: ignore[no-untyped-call]  # keyring is untyped
    look_alike = Keyring()  # type: ignore[no-untyped-call]
    not_installed = MemoryKeyring()  # made, but not installed by install_memory_keychain
    previous = keyring.get_keyring()
    try:
        for refused in (look_alike, not_installed):
            keyring.set_keyring(refused)
            with pytest.raises(KeychainUnavailable, match="is not an OS keychain"):
                keychain.require_keychain()
        keyring.set_keyring(real)
        try:
            keychain.require_keychain()
        except KeychainUnavailable as exc:  # pragma: no cover - depends on the session
            assert "is not an OS keychain" not in str(exc)
    finally:
        keyring.set_keyring(previous)
    assert ("keyring.backends.SecretService", "Keyring") in keychain.OS_KEYCHAINS


# ----- point 7 and point 13: the backup file ----------------------------------------------


class FullDisk:
    """A file whose writes fail as on a full disk (what os.fdopen returns under the patch)."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def fileno(self) -> int:
        return int(self.real.fileno())

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        self.real.flush()

    def close(self) -> None:
        self.real.close()


@pytest.mark.parametrize("command", ["identity", "ca"])
def test_a_full_disk_leaves_no_empty_backup(
    tmp_path: Path,
    qzeval: Qzeval,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    with committee_and_p01(tmp_path) as (secretariat, p01):
        workspace = (p01 if command == "identity" else secretariat).path
    monkeypatch.setenv("QZ_BACKUP_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "backups"
    out.mkdir()
    earlier = out / "earlier.p12"
    qzeval(command, "backup", "-w", workspace, "--out", earlier)
    kept = earlier.read_bytes()
    fresh = out / "P01.p12"
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))
    for target in (fresh, earlier):
        result = qzeval(command, "backup", "-w", workspace, "--out", target, "--json", ok=False)
        assert result.returncode == 1
        assert json.loads(result.stdout)["error"]["code"] == "disk-full"
        assert "the key backup was not written" in result.stderr
        assert "Traceback" not in result.stderr
    monkeypatch.undo()
    assert not fresh.exists()
    assert earlier.read_bytes() == kept  # the earlier backup is whole
    assert sorted(p.name for p in out.iterdir()) == ["earlier.p12"]  # no .part left


def test_a_backup_is_the_owners_alone_whatever_was_there(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    target = tmp_path / "P01.p12"
    target.write_bytes(b"an older file")
    target.chmod(0o644)
    mask = os.umask(0)
    try:
        with committee_and_p01(tmp_path) as (_secretariat, p01):
            identity.write_backup(target, identity.backup_identity(p01, PASSPHRASE))
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_backup_mac_has_as_many_rounds_as_the_encryption(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with committee_and_p01(tmp_path) as (_secretariat, p01):
        data = identity.backup_identity(p01, PASSPHRASE)
    # Read by an independent parser: the MAC's rounds, hash and salt.
    mac = asn1_pkcs12.Pfx.load(data)["mac_data"]
    assert mac["iterations"].native == 600_000 == certificates.BACKUP_MAC_ROUNDS
    assert mac["mac"]["digest_algorithm"]["algorithm"].native == "sha256"
    assert len(mac["mac_salt"].native) >= 16
    assert certificates.backup_mac_rounds(data) == 600_000
    key, cert, _ = certificates.import_key_backup(data, PASSPHRASE)
    assert key.public_key() == cert.public_key()
    with pytest.raises(BackupError) as wrong:
        certificates.import_key_backup(data, PASSPHRASE + "!")
    assert wrong.value.code == identity.WRONG_PASSPHRASE


def test_a_backup_of_an_earlier_version_still_restores(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    committee = new_committee()
    holder = new_evaluator(committee, "P01", "罗思丽")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(600_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(PASSPHRASE.encode())
    )
    earlier = pkcs12.serialize_key_and_certificates(
        b"P01", holder.key, holder.cert, [committee.cert], encryption
    )
    assert certificates.backup_mac_rounds(earlier) == 2048
    with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code="P01") as new:
        identity.restore_identity(new, earlier, PASSPHRASE)
        assert identity.evaluator_identity(new).cert == holder.cert


@pytest.mark.parametrize("attack", ["2^31-1 MAC rounds", "oversized", "truncated"])
def test_a_hostile_backup_is_refused_quickly_and_writes_nothing(
    tmp_path: Path, memory_keyring: MemoryKeyring, attack: str
) -> None:
    committee = new_committee()
    good = backup_of(new_evaluator(committee, "P01", "罗思丽"), committee)
    if attack == "2^31-1 MAC rounds":
        pfx = asn1_pkcs12.Pfx.load(good)
        pfx["mac_data"]["iterations"] = 2**31 - 1
        data = pfx.dump(force=True)
        assert certificates.backup_mac_rounds(data) == 2**31 - 1
    elif attack == "oversized":
        data = good + b"\0" * (1 << 20)
    else:
        data = good[: len(good) // 2]
    with Workspace.create(tmp_path / "new.qzw", Role.EVALUATOR, owner_code="P01") as new:
        before = dump(new.path)
        started = time.monotonic()
        with pytest.raises(BackupError) as refused:
            identity.restore_identity(new, data, PASSPHRASE)
        assert time.monotonic() - started < 5
        assert dump(new.path) == before
    assert memory_keyring.entries == {}
    message = str(refused.value)
    assert {
        "2^31-1 MAC rounds": "rounds",
        "oversized": "too large",
        "truncated": "damaged",
    }[attack] in message
