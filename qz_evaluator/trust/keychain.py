"""Private keys in the OS keychain, and nowhere else.

Keys are stored as PKCS#8 PEM text under service :data:`KEYRING_SERVICE`; the
keychain itself provides the encryption at rest. Only the OS keychains keyring itself
ships are used (:data:`OS_KEYCHAINS`, checked by module and class): any other backend,
however it was selected (``PYTHON_KEYRING_BACKEND``, keyringrc.cfg, a plugin), is
refused rather than used as a fallback, since it may keep secrets in a file or in
memory only.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.errors
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from .errors import KeychainUnavailable, KeyNotFound

KEYRING_SERVICE = "qz-evaluator"

# The keychains of the operating systems, as keyring ships them: (module, class). Both
# must match exactly: a subclass or a look-alike class elsewhere is not one of them.
OS_KEYCHAINS = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),  # GNOME Keyring, KeePassXC …
        ("keyring.backends.libsecret", "Keyring"),  # the same, through libsecret
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.Windows", "WinVaultKeyring"),  # Windows Credential Manager
    }
)

# Backend objects put in place by Python code of this process (the tests' and the
# benchmarks' in-memory keychain). They are allowed as objects, not as a class, so
# naming their class in PYTHON_KEYRING_BACKEND (which makes a new object) is refused.
# Compared by identity (a backend need not be hashable).
_in_process: list[weakref.ref[KeyringBackend]] = []

_T = TypeVar("_T")


def allow_in_process_backend(backend: KeyringBackend) -> None:
    """Let this very backend object hold keys in this process (tests and benchmarks,
    which install an in-memory keychain from code). No configuration reaches it."""
    _in_process[:] = [ref for ref in _in_process if ref() is not None]
    _in_process.append(weakref.ref(backend))


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _refusal(backend: KeyringBackend) -> KeychainUnavailable | None:
    """Why this backend must not hold keys, or None if it may."""
    cls = type(backend)
    if (cls.__module__, cls.__qualname__) in OS_KEYCHAINS:
        return None
    if any(ref() is backend for ref in _in_process):
        return None
    if isinstance(backend, fail.Keyring):
        return KeychainUnavailable("No OS keychain was found.")
    if isinstance(backend, null.Keyring):
        return KeychainUnavailable(
            "The keychain is switched off (keyring's null backend is configured)."
        )
    # keyrings.alt's file backends and the like: say so, it is the common mistake.
    module, last_part = cls.__module__, cls.__module__.rsplit(".", 1)[-1].lower()
    if (
        "plaintext" in cls.__name__.lower()
        or module.startswith("keyrings.alt.file")
        or last_part in {"file", "file_base", "cryptfile"}
    ):
        return KeychainUnavailable(
            "The configured keyring backend ({backend}) stores secrets in a file.",
            backend=_backend_name(backend),
        )
    return KeychainUnavailable(
        "The configured keyring backend ({backend}) is not an OS keychain; keys are kept "
        "only in Secret Service (GNOME Keyring), KWallet, the macOS Keychain or the "
        "Windows Credential Manager.",
        backend=_backend_name(backend),
    )


def _configured() -> KeyringBackend:
    """keyring's backend; a configured backend that cannot even load (keyrings.alt
    without its dependencies, a misspelt name) is a clear error, not a traceback."""
    try:
        return keyring.get_keyring()
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailable("The OS keychain could not be opened ({exc}).", exc=exc) from exc
    except Exception as exc:  # keyring lets a backend's own errors through
        raise KeychainUnavailable(
            "The configured keyring backend ({backend}) cannot be used ({exc}).",
            backend=os.environ.get("PYTHON_KEYRING_BACKEND") or "keyringrc.cfg",
            exc=f"{type(exc).__name__}: {exc}",
        ) from exc


def _usable_backend() -> KeyringBackend:
    backend = _configured()
    if isinstance(backend, chainer.ChainerBackend):
        # Use only the chained backends that are OS keychains, so any other backend
        # in the chain can neither receive nor supply a key.
        chained: list[KeyringBackend] = list(backend.backends)
        usable = [b for b in chained if _refusal(b) is None]
        if not usable:
            first = _refusal(chained[0]) if chained else None
            raise first or KeychainUnavailable("No OS keychain was found.")
        return usable[0]
    refused = _refusal(backend)
    if refused is not None:
        raise refused
    return backend


def require_keychain() -> None:
    """Raise :class:`KeychainUnavailable` unless a real OS keychain is in use."""
    _usable_backend()


def _call(action: Callable[[], _T]) -> _T:
    """Run a keyring call, turning its errors into KeychainUnavailable."""
    try:
        return action()
    except keyring.errors.KeyringLocked as exc:
        raise KeychainUnavailable(
            "The keychain is locked: unlock your keychain and try again."
        ) from exc
    except keyring.errors.NoKeyringError as exc:
        raise KeychainUnavailable("No OS keychain was found.") from exc
    except keyring.errors.InitError as exc:
        raise KeychainUnavailable("The OS keychain could not be opened ({exc}).", exc=exc) from exc
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailable(
            "The OS keychain refused the operation ({exc}).", exc=exc
        ) from exc


def _check_name(name: str) -> None:
    if not name or name != name.strip():
        raise ValueError(f"invalid key name {name!r}")


def store_private_key(name: str, key: ec.EllipticCurvePrivateKey) -> None:
    """Store (or replace) the key under ``name`` in the OS keychain."""
    _check_name(name)
    backend = _usable_backend()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    _call(lambda: backend.set_password(KEYRING_SERVICE, name, pem))


def has_private_key(name: str) -> bool:
    """Whether the keychain holds an entry under ``name``."""
    _check_name(name)
    backend = _usable_backend()
    return _call(lambda: backend.get_password(KEYRING_SERVICE, name)) is not None


def load_private_key(name: str) -> ec.EllipticCurvePrivateKey:
    """The EC private key stored under ``name``; :class:`KeyNotFound` if absent."""
    _check_name(name)
    backend = _usable_backend()
    pem = _call(lambda: backend.get_password(KEYRING_SERVICE, name))
    if pem is None:
        raise KeyNotFound("The keychain holds no signing key named {name!r}.", name=name)
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise KeyNotFound(
            "The keychain entry {name!r} does not hold a readable signing key.", name=name
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise KeyNotFound(
            "The keychain entry {name!r} is not an elliptic-curve signing key.", name=name
        )
    return key


def delete_private_key(name: str) -> None:
    """Remove the key under ``name``; :class:`KeyNotFound` if there is none."""
    _check_name(name)
    backend = _usable_backend()
    if _call(lambda: backend.get_password(KEYRING_SERVICE, name)) is None:
        raise KeyNotFound("The keychain holds no signing key named {name!r}.", name=name)
    _call(lambda: backend.delete_password(KEYRING_SERVICE, name))
