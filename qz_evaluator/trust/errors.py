"""Errors of the trust layer. Every message is meant to be shown to a person."""

from __future__ import annotations

import sys
from typing import Any

from qz_evaluator.domain.errors import UserError


class TrustError(UserError):
    """Base of every error raised by :mod:`qz_evaluator.trust`."""

    default_code = "trust"


class KeychainUnavailable(TrustError):
    """No usable OS keychain: the program refuses to keep keys anywhere else."""

    default_code = "no-keychain"

    def __init__(self, problem: str, /, **fields: Any) -> None:
        # The problem is the template; the platform's advice follows it in str() (the
        # CLI) and is the window's hint, both translated.
        advice = keychain_advice()
        super().__init__(problem, window_hint=advice, **fields)
        self.problem = str(self)
        self.args = (f"{self.problem} {advice}",)


class KeyNotFound(TrustError):
    """The keychain holds no key under the requested name."""

    default_code = "key-not-found"


class CertificateError(TrustError):
    """A certificate or request is unreadable, malformed or not acceptable."""

    default_code = "bad-certificate"


class BackupError(TrustError):
    """A key backup cannot be made or read (weak or wrong passphrase, damaged file)."""

    default_code = "backup"


class SignatureInvalid(TrustError):
    """A detached signature does not verify or its signer is not trusted."""

    default_code = "signature-invalid"


# What the user can do to get a keychain, per platform (translated like the templates:
# scripts/build_translations.py collects every *_TEMPLATES table).
KEYCHAIN_ADVICE_TEMPLATES = {
    "win": (
        "Windows Credential Manager is built in; sign in to your own Windows "
        "account (not a restricted service account) and try again."
    ),
    "darwin": (
        "The macOS Keychain is built in; unlock your login keychain in "
        "Keychain Access and try again."
    ),
    "other": (
        "Install and unlock a Secret Service keychain (GNOME Keyring or KWallet), "
        "for example `sudo apt install gnome-keyring`, log in to a desktop session "
        "and try again. Keys are never stored in a plain file instead."
    ),
}


def keychain_advice(platform: str | None = None) -> str:
    """What the user can do to get a keychain on this platform."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return KEYCHAIN_ADVICE_TEMPLATES["win"]
    if platform == "darwin":
        return KEYCHAIN_ADVICE_TEMPLATES["darwin"]
    return KEYCHAIN_ADVICE_TEMPLATES["other"]


class PdfDocumentError(TrustError):
    """A PDF cannot be read, changed or signed (e.g. damaged, encrypted, already signed)."""

    default_code = "bad-pdf"
