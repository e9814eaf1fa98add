from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from qz_evaluator.trust import keychain
from qz_evaluator.trust.errors import KeychainUnavailable, KeyNotFound, keychain_advice
from qz_evaluator.trust.keychain import (
    KEYRING_SERVICE,
    delete_private_key,
    has_private_key,
    load_private_key,
    require_keychain,
    store_private_key,
)
from tests.support.trust import MemoryKeyring


class PlaintextKeyring(KeyringBackend):
    """Stands in for keyrings.alt's PlaintextKeyring (a file in the home directory)."""

    priority = -1
    written: dict[tuple[str, str], str] = {}  # noqa: RUF012 - shared on purpose

    def get_password(self, service: str, username: str) -> str | None:
        return self.written.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.written[(service, username)] = password


class FileKeyring(PlaintextKeyring):
    """A backend from keyrings.alt.file, whatever its class name."""


FileKeyring.__module__ = "keyrings.alt.file"


class RaisingKeyring(MemoryKeyring):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error


def make_backend(cls: type[KeyringBackend]) -> KeyringBackend:
    return cls()


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def test_store_load_delete(memory_keyring: MemoryKeyring) -> None:
    key = new_key()
    assert not has_private_key("evaluator:P01")
    store_private_key("evaluator:P01", key)
    assert has_private_key("evaluator:P01")
    stored = memory_keyring.entries[(KEYRING_SERVICE, "evaluator:P01")]
    assert stored.startswith("-----BEGIN PRIVATE KEY-----")
    loaded = load_private_key("evaluator:P01")
    assert loaded.private_numbers() == key.private_numbers()
    delete_private_key("evaluator:P01")
    assert not has_private_key("evaluator:P01")
    assert memory_keyring.entries == {}


def test_missing_key(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(KeyNotFound, match="evaluator:P99"):
        load_private_key("evaluator:P99")
    with pytest.raises(KeyNotFound):
        delete_private_key("evaluator:P99")


def test_unreadable_entry_is_reported(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries[(KEYRING_SERVICE, "evaluator:P02")] = "not a key"
    with pytest.raises(KeyNotFound, match="does not hold a readable signing key"):
        load_private_key("evaluator:P02")


def test_replacing_a_key(memory_keyring: MemoryKeyring) -> None:
    store_private_key("committee-root:ws1", new_key())
    second = new_key()
    store_private_key("committee-root:ws1", second)
    assert load_private_key("committee-root:ws1").private_numbers() == second.private_numbers()


def test_memory_keyring_is_never_chosen_by_keyring_itself() -> None:
    assert MemoryKeyring.priority < fail.Keyring.priority


class SelfApprovingPlaintextKeyring(PlaintextKeyring):
    """A plaintext backend that claims the old test-only exemption."""

    qz_allow_for_tests = True


def test_no_class_attribute_can_exempt_a_backend(restore_keyring: None) -> None:
    keyring.set_keyring(make_backend(SelfApprovingPlaintextKeyring))
    with pytest.raises(KeychainUnavailable, match="stores secrets in a file"):
        store_private_key("evaluator:P01", new_key())
    assert PlaintextKeyring.written == {}


def test_the_program_names_no_test_helper() -> None:
    package = Path(keychain.__file__).parent.parent
    assert package.name == "qz_evaluator"
    for source in package.rglob("*.py"):
        text = source.read_text("utf-8")
        assert "MemoryKeyring" not in text and "qz_allow_for_tests" not in text, source
        assert "trust.testing" not in text and "tests.support" not in text, source


@pytest.mark.parametrize(
    "backend",
    [make_backend(cls) for cls in (fail.Keyring, null.Keyring, PlaintextKeyring, FileKeyring)],
    ids=["fail", "null", "plaintext", "keyrings.alt.file"],
)
def test_refused_backends(restore_keyring: None, backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    with pytest.raises(KeychainUnavailable) as caught:
        require_keychain()
    message = str(caught.value)
    assert keychain_advice() in message
    with pytest.raises(KeychainUnavailable):
        store_private_key("evaluator:P01", new_key())
    assert PlaintextKeyring.written == {}


def test_empty_chainer_is_refused(restore_keyring: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.backend, "get_all_keyring", list)
    assert list(chainer.ChainerBackend.backends) == []
    keyring.set_keyring(make_backend(chainer.ChainerBackend))
    with pytest.raises(KeychainUnavailable, match="No OS keychain"):
        require_keychain()


def test_chainer_uses_only_real_keychains(
    restore_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = MemoryKeyring()
    keychain.allow_in_process_backend(memory)
    plaintext = make_backend(PlaintextKeyring)
    # The chainer only lists backends with a positive priority.
    monkeypatch.setattr(PlaintextKeyring, "priority", 2)
    monkeypatch.setattr(MemoryKeyring, "priority", 1)
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [plaintext, memory])
    keyring.set_keyring(make_backend(chainer.ChainerBackend))
    key = new_key()
    store_private_key("evaluator:P03", key)
    assert PlaintextKeyring.written == {}
    assert (KEYRING_SERVICE, "evaluator:P03") in memory.entries
    # A key planted in the plaintext backend is never read.
    PlaintextKeyring.written[(KEYRING_SERVICE, "evaluator:P04")] = "planted"
    try:
        assert not has_private_key("evaluator:P04")
    finally:
        PlaintextKeyring.written.clear()

    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [plaintext])
    keyring.set_keyring(make_backend(chainer.ChainerBackend))
    with pytest.raises(KeychainUnavailable, match="stores secrets in a file"):
        require_keychain()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (keyring.errors.KeyringLocked("locked"), "unlock your keychain"),
        (keyring.errors.NoKeyringError("none"), "No OS keychain"),
        (keyring.errors.InitError("no dbus"), "could not be opened"),
        (keyring.errors.PasswordSetError("denied"), "refused"),
    ],
)
def test_keyring_errors_become_keychain_unavailable(
    restore_keyring: None, error: Exception, expected: str
) -> None:
    backend = RaisingKeyring(error)
    keychain.allow_in_process_backend(backend)
    keyring.set_keyring(backend)
    with pytest.raises(KeychainUnavailable, match=expected):
        store_private_key("evaluator:P01", new_key())
    with pytest.raises(KeychainUnavailable, match=expected):
        load_private_key("evaluator:P01")


def test_advice_per_platform() -> None:
    linux = keychain_advice("linux")
    assert "GNOME Keyring" in linux and "KWallet" in linux and "Secret Service" in linux
    assert "Credential Manager" in keychain_advice("win32")
    assert "Keychain" in keychain_advice("darwin")
    for platform in ("linux", "win32", "darwin"):
        advice = keychain_advice(platform).lower()
        assert "keyrings.alt" not in advice
        assert "plaintext" not in advice


@pytest.mark.keychain
def test_real_keychain_round_trip() -> None:
    """Runs against the session's Secret Service (see STYLE.md for the dbus recipe)."""
    try:
        require_keychain()
    except KeychainUnavailable as exc:
        pytest.skip(f"no real keychain in this session: {exc.problem}")
    name = "qz-evaluator-test:round-trip"
    key = new_key()
    store_private_key(name, key)
    try:
        assert load_private_key(name).private_numbers() == key.private_numbers()
    finally:
        delete_private_key(name)
    assert not has_private_key(name)
