"""Trust helpers for tests and benchmarks: an in-memory keychain and throwaway
identities. Not part of the program, which never names them."""

from __future__ import annotations

from dataclasses import dataclass

import keyring
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from qz_evaluator.trust import keychain
from qz_evaluator.trust.certificates import (
    create_committee_root,
    create_evaluator_request,
    create_secretariat_request,
    issue_evaluator_certificate,
    issue_signing_certificate,
)


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict. The keychain refuses it as a class (it is no OS
    keychain); only an object installed by :func:`install_memory_keychain` is allowed."""

    # Below every real backend (and below keyring's fail backend), so keyring never
    # picks it by itself, even though defining the class registers it.
    priority = -1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base is untyped
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such password") from None


@dataclass(frozen=True)
class Identity:
    """A private key with its certificate."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


def new_committee(name: str = "测试评审委员会") -> Identity:
    key, cert = create_committee_root(name)
    return Identity(key, cert)


def new_evaluator(committee: Identity, code: str, name: str) -> Identity:
    key, csr = create_evaluator_request(code, name)
    cert = issue_evaluator_certificate(csr, committee.key, committee.cert, expected_code=code)
    return Identity(key, cert)


def new_secretariat(committee: Identity) -> Identity:
    key, csr = create_secretariat_request()
    return Identity(key, issue_signing_certificate(csr, committee.key, committee.cert))


def install_memory_keychain() -> MemoryKeyring:
    """A fresh in-memory keychain, in use until another is set (tests, benchmarks). The
    program allows this object because code of this process installed it; naming the
    class in PYTHON_KEYRING_BACKEND is refused."""
    backend = MemoryKeyring()
    keychain.allow_in_process_backend(backend)
    keyring.set_keyring(backend)
    return backend
