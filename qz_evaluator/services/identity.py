"""Keys and certificates of a workspace: the committee root (secretariat), the
evaluator's own signing identity, enrolment and encrypted key backups.

Private keys live only in the OS keychain; the workspace keeps certificates (public).
The one exception is the demo workspace: its identity is made for one session of the
program (`services.demo.start_demo_identity`), its key held in this process's memory
only, and it signs nothing but that workspace's scorecards.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum, StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from qz_evaluator.domain.roster import Level
from qz_evaluator.domain.scorecard_document import is_revision
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.file_modes import set_mode
from qz_evaluator.store.errors import DiskFull
from qz_evaluator.store.revocations import Revocation
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.certificates import (
    MIN_PASSPHRASE_LENGTH,
    WRONG_PASSPHRASE,
    PassphraseStrength,
    passphrase_strength,
)
from qz_evaluator.trust.errors import CertificateError, KeyNotFound

__all__ = [  # re-exported for the front ends, which do not import the trust layer
    "MIN_PASSPHRASE_LENGTH",
    "WRONG_PASSPHRASE",
    "PassphraseStrength",
    "Revocation",
    "passphrase_strength",
]

ROOT = "committee-root"
OWN = "own"
OWN_REQUEST = "own-request"
SECRETARIAT_SIGNING = "secretariat-signing"
# Evaluator side (issue 13): the secretariat's certificate from the last package, to
# which export encrypts the signed scorecards of a round that asks for it.
SECRETARIAT_RECIPIENT = "secretariat-recipient"
DEMO_META = "demo"  # workspace meta key: "1" in the demo workspace

# Stable error codes of the evaluator's identity, which the window explains in its words.
DEMO_WORKSPACE = "demo-workspace"
DEMO_IDENTITY_MISSING = "demo-identity-missing"
NO_SECRETARIAT_KEY = "no-secretariat-key"
IDENTITY_EXISTS = "identity-exists"
NO_CERTIFICATE = "no-certificate"
BACKUP_OTHER_EVALUATOR = "backup-other-evaluator"
OTHER_KEY_IN_USE = "other-key-in-use"  # a restore would replace the key this workspace signs with
OTHER_COMMITTEE = "other-committee"
# Stable error codes of the secretariat's keys.
NOT_A_COMMITTEE_BACKUP = "not-a-committee-backup"
ALREADY_REVOKED = "already-revoked"
REVOKED_KEY_REQUEST = "revoked-key-request"
SECRETARIAT_KEYS = "secretariat-keys"  # an evaluator's backup asked of the secretariat


def issued_purpose(code: str) -> str:
    return f"issued:{code}"


def issued_certificate(workspace: Workspace, code: str) -> x509.Certificate | None:
    pem = workspace.certificate(issued_purpose(code))
    return certificates.load_certificate(pem.encode("ascii")) if pem else None


def evaluator_key_name(workspace: Workspace, code: str) -> str:
    """The keychain entry of this workspace's evaluator key. One per workspace (which
    trusts one committee root, never replaced), so a key created or restored for another
    workspace or committee on this computer never overwrites it."""
    return f"evaluator:{code}:{workspace.workspace_id}"


def legacy_evaluator_key_name(code: str) -> str:
    """The entry of earlier versions, one per evaluator code on a computer: still read
    (see `_own_key`), never written."""
    return f"evaluator:{code}"


def root_key_name(workspace: Workspace) -> str:
    return f"committee-root:{workspace.workspace_id}"


def secretariat_key_name(workspace: Workspace) -> str:
    return f"secretariat:{workspace.workspace_id}"


@dataclass(frozen=True)
class SigningIdentity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate]
    demo: bool = False  # the demo's session identity: its files are watermarked


# The demo's session identities by workspace id: in this process's memory only.
_demo_identities: dict[str, SigningIdentity] = {}
_demo_lock = threading.Lock()


def is_demo_workspace(workspace: Workspace) -> bool:
    return workspace.meta(DEMO_META) == "1"


def register_demo_identity(workspace: Workspace, identity: SigningIdentity) -> None:
    """Keep the demo's session identity for this demo workspace, in memory only."""
    if not is_demo_workspace(workspace) or not identity.demo:
        raise ServiceError("only the demo workspace has a demo identity")
    with _demo_lock:
        _demo_identities[workspace.workspace_id] = identity


def demo_identity(workspace: Workspace) -> SigningIdentity | None:
    """The demo identity of this session, if this is the demo workspace and one was made."""
    if not is_demo_workspace(workspace):
        return None
    with _demo_lock:
        found = _demo_identities.get(workspace.workspace_id)
    own = workspace.certificate(SECRETARIAT_SIGNING if workspace.role is Role.SECRETARIAT else OWN)
    # The workspace must still name this session's certificate (not an older session's).
    if found is None or own is None or certificates.load_certificate(own.encode()) != found.cert:
        return None
    return found


def forget_demo_identities() -> None:
    """Drop every demo key held in memory (tests; the process's end does the same)."""
    with _demo_lock:
        _demo_identities.clear()


def _refuse_in_demo(workspace: Workspace) -> None:
    if is_demo_workspace(workspace):
        raise ServiceError(
            "the demo workspace signs with a demo identity made for this session only; "
            "keys are created, backed up and restored in your own evaluator workspace",
            error_code=DEMO_WORKSPACE,
        )


def _require_role(workspace: Workspace, role: Role, action: str) -> None:
    if workspace.role is not role:
        raise ServiceError(
            "{action} is done in a {value} workspace; this one is {value_2}",
            action=action,
            value=role.value,
            value_2=workspace.role.value,
        )


def _cert(workspace: Workspace, purpose: str, missing: ServiceError) -> x509.Certificate:
    pem = workspace.certificate(purpose)
    if pem is None:
        raise missing
    return certificates.load_certificate(pem.encode("ascii"))


def has_committee_root(workspace: Workspace) -> bool:
    return workspace.certificate(ROOT) is not None


def committee_root(workspace: Workspace) -> x509.Certificate:
    return _cert(
        workspace,
        ROOT,
        ServiceError(
            "this workspace has no committee root certificate yet: the secretariat "
            "creates it, evaluators receive it when they install their certificate",
            cli_hint="secretariat: `qzeval ca init`; evaluators: `qzeval identity install`",
            window_hint="Install the certificate the secretariat issued to you: Identity ▸ "
            "Install Certificate.",
        ),
    )


def load_pem_bundle(data: bytes) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        raise CertificateError("not a PEM certificate file") from None


# ----- scorecards only the secretariat reads (issue 13) -----------------------------------


def scorecard_recipient(workspace: Workspace, round_code: str) -> x509.Certificate | None:
    """The certificate export encrypts a round's scorecards to, or None for plain files:
    the round asks for it and a package brought the secretariat's certificate (one
    imported before this program encrypted did not keep it: plain, as the secretariat
    that issued it reads)."""
    if not workspace.round_settings(round_code).encrypt_scorecards:
        return None
    pem = workspace.certificate(SECRETARIAT_RECIPIENT)
    return certificates.load_certificate(pem.encode("ascii")) if pem is not None else None


def keep_secretariat_recipient(workspace: Workspace, cert: x509.Certificate) -> None:
    """Keep the secretariat's certificate a package carried (checked by reading it)."""
    fingerprint = certificates.fingerprint(cert)
    pem = workspace.certificate(SECRETARIAT_RECIPIENT)
    if (
        pem is not None
        and certificates.fingerprint(certificates.load_certificate(pem.encode("ascii")))
        == fingerprint
    ):
        return
    workspace.set_certificate(
        SECRETARIAT_RECIPIENT, certificates.certificate_pem(cert).decode(), fingerprint
    )


# ----- secretariat -----------------------------------------------------------------------


def create_committee_root(workspace: Workspace, name: str) -> x509.Certificate:
    _require_role(workspace, Role.SECRETARIAT, "creating the committee root")
    if workspace.certificate(ROOT) is not None:
        raise ServiceError("this workspace already has a committee root; it is not replaced")
    keychain.require_keychain()
    key, cert = certificates.create_committee_root(name)
    signing_key, csr = certificates.create_secretariat_request()
    signing = certificates.issue_signing_certificate(csr, key, cert)
    # Keys first: a workspace must never name a root whose key was not kept.
    keychain.store_private_key(root_key_name(workspace), key)
    keychain.store_private_key(secretariat_key_name(workspace), signing_key)
    with workspace.transaction():
        workspace.set_certificate(
            ROOT, certificates.certificate_pem(cert).decode(), certificates.fingerprint(cert)
        )
        workspace.set_certificate(
            SECRETARIAT_SIGNING,
            certificates.certificate_pem(signing).decode(),
            certificates.fingerprint(signing),
        )
    return cert


def secretariat_identity(workspace: Workspace) -> SigningIdentity:
    """The secretariat's signing key (for packages and reports) with its chain."""
    _require_role(workspace, Role.SECRETARIAT, "signing as the secretariat")
    if is_demo_workspace(workspace):
        demo = demo_identity(workspace)
        if demo is None:
            raise ServiceError(
                "the secretariat demo's signing key is used only while the demo is open "
                "in the window (File ▸ Open the Secretariat Demo)",
                error_code=DEMO_IDENTITY_MISSING,
            )
        return demo
    cert = _cert(
        workspace,
        SECRETARIAT_SIGNING,
        ServiceError(
            "this workspace has no secretariat signing key, which signs packages and reports",
            error_code=NO_SECRETARIAT_KEY,
            cli_hint="`qzeval ca init` for a new committee, or `qzeval ca restore BACKUP` "
            "on a new laptop",
            window_hint="Roster and Keys ▸ Create Committee Root… for a new committee, or "
            "Restore Committee Keys… from the backup on a new laptop.",
        ),
    )
    root = committee_root(workspace)
    try:
        key = keychain.load_private_key(secretariat_key_name(workspace))
    except KeyNotFound:
        raise ServiceError(
            "the secretariat's signing key is not in this computer's keychain",
            error_code=NO_SECRETARIAT_KEY,
            cli_hint="`qzeval ca restore BACKUP`",
            window_hint="Roster and Keys ▸ Restore Committee Keys… from the backup.",
        ) from None
    return SigningIdentity(key, cert, [root])


def _request_code(workspace: Workspace, csr: x509.CertificateSigningRequest) -> str:
    """The roster code a request names; refused if the code is not in the roster or the
    request reuses the key of a revoked certificate (that key is to be thrown away)."""
    codes = csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if not codes:
        raise ServiceError("the certificate request does not name an evaluator code")
    code = str(codes[0].value)
    evaluator = workspace.find_evaluator(code)
    if evaluator is None:
        raise ServiceError(
            "the request is for evaluator {code}, who is not in the roster", code=code
        )
    current = issued_certificate(workspace, code)
    if (
        current is not None
        and workspace.revocation(certificates.fingerprint(current)) is not None
        and current.public_key() == csr.public_key()
    ):
        raise ServiceError(
            "this request is for the key of {code}'s revoked certificate: the evaluator "
            "creates a new signing identity and sends its request",
            error_code=REVOKED_KEY_REQUEST,
            code=code,
        )
    return code


def issue_certificate(workspace: Workspace, request_pem: bytes) -> tuple[bytes, str, str]:
    """Issue an evaluator certificate from a request file.

    Returns the PEM bundle to hand back (certificate, then committee root), the
    evaluator code and the fingerprint recorded in the roster.
    """
    _require_role(workspace, Role.SECRETARIAT, "issuing certificates")
    csr = certificates.load_csr(request_pem)
    code = _request_code(workspace, csr)
    root = committee_root(workspace)
    root_key = keychain.load_private_key(root_key_name(workspace))
    cert = certificates.issue_evaluator_certificate(csr, root_key, root, expected_code=code)
    fingerprint = certificates.fingerprint(cert)
    with workspace.transaction():
        workspace.set_certificate_fingerprint(code, fingerprint)
        # Kept so the evaluator's assignment package can carry it.
        workspace.set_certificate(
            issued_purpose(code), certificates.certificate_pem(cert).decode(), fingerprint
        )
    bundle = certificates.certificate_pem(cert) + certificates.certificate_pem(root)
    return bundle, code, fingerprint


def request_purpose(code: str) -> str:
    return f"request:{code}"


def receive_request(workspace: Workspace, request_pem: bytes) -> str:
    """Keep an evaluator's certificate request (dropped on the roster) until the
    secretariat issues it; returns the evaluator's code."""
    _require_role(workspace, Role.SECRETARIAT, "receiving certificate requests")
    csr = certificates.load_csr(request_pem)
    if not csr.is_signature_valid:
        raise ServiceError(
            "the certificate request is damaged: its signature does not match its content"
        )
    code = _request_code(workspace, csr)
    pem = certificates.csr_pem(csr)
    workspace.set_certificate(request_purpose(code), pem.decode("ascii"), "request")
    return code


def issue_received(workspace: Workspace, code: str) -> tuple[bytes, str, str]:
    """Issue the certificate from the request received for ``code`` (see issue_certificate)."""
    pem = workspace.certificate(request_purpose(code))
    if pem is None:
        raise ServiceError("no certificate request from {code} has been received", code=code)
    return issue_certificate(workspace, pem.encode("ascii"))


class CertificateState(StrEnum):
    NO_REQUEST = "no-request"
    REQUEST_RECEIVED = "request-received"
    ISSUED = "issued"
    REVOKED = "revoked"


@dataclass(frozen=True)
class RosterCertificate:
    """One evaluator of the roster with the state of their signing certificate."""

    code: str
    name: str
    level: Level
    organisation: str
    state: CertificateState
    fingerprint: str | None = None  # of the issued (or revoked) certificate
    expires_at: datetime | None = None
    revocation: Revocation | None = None


def roster_certificates(workspace: Workspace) -> list[RosterCertificate]:
    """Every evaluator with their certificate state, in the roster's order."""
    _require_role(workspace, Role.SECRETARIAT, "the roster's certificates")
    rows = []
    for evaluator in workspace.evaluators():
        code = evaluator.code
        cert = issued_certificate(workspace, code)
        fingerprint = evaluator.certificate_fingerprint
        revocation = workspace.revocation(fingerprint) if fingerprint else None
        request_pem = workspace.certificate(request_purpose(code))
        request = certificates.load_csr(request_pem.encode("ascii")) if request_pem else None
        # A request not yet issued: its key is not the one of the certificate on record.
        pending = request is not None and (
            cert is None or request.public_key() != cert.public_key()
        )
        if fingerprint and revocation is None:
            state = CertificateState.ISSUED
        elif pending:
            state = CertificateState.REQUEST_RECEIVED
        elif revocation is not None:
            state = CertificateState.REVOKED
        else:
            state = CertificateState.NO_REQUEST
        rows.append(
            RosterCertificate(
                code=code,
                name=evaluator.name,
                level=evaluator.level,
                organisation=evaluator.organisation,
                state=state,
                fingerprint=fingerprint,
                expires_at=cert.not_valid_after_utc if cert is not None else None,
                revocation=revocation,
            )
        )
    return rows


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def revoke_certificate(
    workspace: Workspace, code: str, reason: str, revoked_at: datetime | None = None
) -> Revocation:
    """Revoke the certificate the roster records for ``code`` from ``revoked_at`` (default
    now; earlier for, say, a laptop lost yesterday). Merge refuses what the key signs
    from then on and keeps accepting what it signed before."""
    _require_role(workspace, Role.SECRETARIAT, "revoking certificates")
    reason = reason.strip()
    if not reason:
        raise ServiceError("give the reason for revoking the certificate, e.g. a lost laptop")
    evaluator = workspace.find_evaluator(code)
    if evaluator is None:
        raise ServiceError("no evaluator with code {code} in the roster", code=code)
    fingerprint = evaluator.certificate_fingerprint
    if not fingerprint:
        raise ServiceError("no certificate has been issued to {code}", code=code)
    if workspace.revocation(fingerprint) is not None:
        raise ServiceError(
            "{code}'s certificate is already revoked", error_code=ALREADY_REVOKED, code=code
        )
    now = datetime.now(UTC)
    moment = now if revoked_at is None else revoked_at
    if moment.tzinfo is None:
        raise ServiceError("the revocation time needs a time zone")
    if moment > now:
        raise ServiceError("a certificate is revoked from now or from a time already past")
    workspace.record_revocation(
        fingerprint, code, reason, moment.astimezone(UTC).isoformat(timespec="seconds")
    )
    found = workspace.revocation(fingerprint)
    assert found is not None
    return found


def revocation_at(
    workspace: Workspace, evaluator_code: str, fingerprint: str | None, signed_at: str
) -> tuple[Revocation | None, bool]:
    """The revocation of the certificate that signed (if any), and whether the file was
    signed at or after it. The time is the one the signed file states: without a time
    stamp authority that is the signer's own clock."""
    if not fingerprint:
        return None, False
    revocation = workspace.revocation(fingerprint)
    if revocation is None or revocation.evaluator_code != evaluator_code:
        return None, False
    try:
        after = _utc(signed_at) >= _utc(revocation.revoked_at)
    except ValueError:
        after = True  # an unreadable time is not "before"
    return revocation, after


# ----- secretariat: backup of the committee's keys -----------------------------------------

_COMMITTEE_BACKUP_FORMAT = "qz-evaluator/committee-keys"
_COMMITTEE_BACKUP_VERSION = 1


@dataclass(frozen=True)
class CommitteeRestore:
    root_fingerprint: str
    committee: str  # the root's common name


def backup_committee(workspace: Workspace, passphrase: str) -> bytes:
    """The committee root's and the secretariat's signing keys with their certificates,
    encrypted with the passphrase (two PKCS#12 parts, each as an evaluator's backup)."""
    _require_role(workspace, Role.SECRETARIAT, "backing up the committee's keys")
    root = committee_root(workspace)
    root_key = keychain.load_private_key(root_key_name(workspace))
    signing = secretariat_identity(workspace)
    root_part = certificates.export_key_backup(
        root_key, root, [], passphrase, friendly_name="committee-root"
    )
    signing_part = certificates.export_key_backup(
        signing.key, signing.cert, [root], passphrase, friendly_name="secretariat"
    )
    document = {
        "format": _COMMITTEE_BACKUP_FORMAT,
        "version": _COMMITTEE_BACKUP_VERSION,
        "committee": certificates.subject_name(root),
        "root_fingerprint": certificates.fingerprint(root),
        "root": base64.b64encode(root_part).decode("ascii"),
        "secretariat": base64.b64encode(signing_part).decode("ascii"),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _backup_parts(data: bytes) -> tuple[bytes, bytes]:
    not_backup = ServiceError(
        "this file is not a backup of the committee's keys", error_code=NOT_A_COMMITTEE_BACKUP
    )
    try:
        document = json.loads(data.decode("utf-8"))
        if (
            not isinstance(document, dict)
            or document.get("format") != _COMMITTEE_BACKUP_FORMAT
            or document.get("version") != _COMMITTEE_BACKUP_VERSION
        ):
            raise not_backup
        return (
            base64.b64decode(document["root"], validate=True),
            base64.b64decode(document["secretariat"], validate=True),
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        raise not_backup from None


def restore_committee(workspace: Workspace, data: bytes, passphrase: str) -> CommitteeRestore:
    """Put the committee's keys from a backup into this computer's keychain and install
    their certificates in this secretariat workspace (a new one on a new laptop).

    Everything is checked first (format, passphrase, that the root issued the signing
    certificate, the committee this workspace already trusts, the keychain): a refused
    backup leaves the keychain and the workspace as they were.
    """
    _require_role(workspace, Role.SECRETARIAT, "restoring the committee's keys")
    root_part, signing_part = _backup_parts(data)
    root_key, root, _ = certificates.import_key_backup(root_part, passphrase)
    signing_key, signing, _ = certificates.import_key_backup(signing_part, passphrase)
    damaged = ServiceError(
        "the backup is damaged: its certificates do not belong together",
        error_code=NOT_A_COMMITTEE_BACKUP,
    )
    if not certificates.is_issued_by(root, root) or certificates.certificate_role(root):
        raise damaged
    if certificates.certificate_role(signing) != certificates.ROLE_SECRETARIAT:
        raise damaged
    if not certificates.is_issued_by(signing, root):
        raise damaged
    if certificates.is_demo_certificate(root):
        raise ServiceError("this backup belongs to the demo, not to a committee")
    installed = workspace.certificate(ROOT)
    if installed is not None and certificates.load_certificate(installed.encode("ascii")) != root:
        raise ServiceError(
            "the backup holds a different committee root than the one this workspace already has",
            error_code=OTHER_COMMITTEE,
        )
    keychain.require_keychain()
    # Keys first: a workspace must never name a root whose key was not kept.
    keychain.store_private_key(root_key_name(workspace), root_key)
    keychain.store_private_key(secretariat_key_name(workspace), signing_key)
    with workspace.transaction():
        workspace.set_certificate(
            ROOT, certificates.certificate_pem(root).decode(), certificates.fingerprint(root)
        )
        workspace.set_certificate(
            SECRETARIAT_SIGNING,
            certificates.certificate_pem(signing).decode(),
            certificates.fingerprint(signing),
        )
    return CommitteeRestore(certificates.fingerprint(root), certificates.subject_name(root))


# ----- evaluator -------------------------------------------------------------------------


def _owner(workspace: Workspace) -> str:
    _require_role(workspace, Role.EVALUATOR, "an evaluator identity")
    code = workspace.owner_code
    if not code:
        raise ServiceError("this evaluator workspace has no owner code")
    return code


def _own_public_keys(workspace: Workspace) -> list[ec.EllipticCurvePublicKey]:
    """The public keys this workspace's certificate and pending request name."""
    found: list[ec.EllipticCurvePublicKey] = []
    own = workspace.certificate(OWN)
    if own is not None:
        key = certificates.load_certificate(own.encode("ascii")).public_key()
        if isinstance(key, ec.EllipticCurvePublicKey):
            found.append(key)
    request = workspace.certificate(OWN_REQUEST)
    if request is not None:
        key = certificates.load_csr(request.encode("ascii")).public_key()
        if isinstance(key, ec.EllipticCurvePublicKey):
            found.append(key)
    return found


def _own_key(workspace: Workspace, code: str) -> ec.EllipticCurvePrivateKey:
    """This workspace's evaluator key; :class:`KeyNotFound` if the keychain has none.

    An installation from before per-workspace names keeps its key under the evaluator's
    code: it is used when it matches this workspace's certificate or request, and copied
    to this workspace's name on that first use. The old entry is left in place, since
    another workspace on this computer may still sign with it."""
    name = evaluator_key_name(workspace, code)
    if keychain.has_private_key(name):
        return keychain.load_private_key(name)
    legacy = legacy_evaluator_key_name(code)
    if keychain.has_private_key(legacy):
        key = keychain.load_private_key(legacy)
        if key.public_key() in _own_public_keys(workspace):
            keychain.store_private_key(name, key)
            return key
    raise KeyNotFound(
        "The keychain holds no signing key named {name!r}.",
        name=name,
        cli_hint="this workspace's key comes from `qzeval identity restore BACKUP` "
        "(or a new one from `qzeval identity create`)",
    )


def _has_own_key(workspace: Workspace, code: str) -> bool:
    try:
        _own_key(workspace, code)
    except KeyNotFound:
        return False
    return True


def holds_own_key(workspace: Workspace, cert: x509.Certificate) -> bool:
    """Whether this computer's keychain holds the evaluator key ``cert`` certifies for
    this workspace (an assignment package may bring the certificate)."""
    try:
        key = _own_key(workspace, _owner(workspace))
    except KeyNotFound:
        return False
    return key.public_key() == cert.public_key()


def create_identity(workspace: Workspace, name: str | None = None) -> bytes:
    """Create the evaluator's key in the keychain; return the certificate request (PEM).

    Running it again returns the same request while the certificate is not yet installed.
    """
    code = _owner(workspace)
    _refuse_in_demo(workspace)
    keychain.require_keychain()
    existing = workspace.certificate(OWN_REQUEST)
    if _has_own_key(workspace, code):
        if existing is not None and workspace.certificate(OWN) is None:
            return existing.encode("ascii")
        raise ServiceError(
            "a signing key for {code} is already in this computer's keychain; "
            "restore your key backup rather than creating a second identity",
            error_code=IDENTITY_EXISTS,
            code=code,
            cli_hint="`qzeval identity restore`",
            window_hint="Identity ▸ Restore Key Backup…",
        )
    evaluator = workspace.find_evaluator(code)
    full_name = name or (evaluator.name if evaluator else None)
    if not full_name:
        raise ServiceError(
            "the evaluator's name is needed: {code} is not in this workspace's roster yet",
            code=code,
            cli_hint="give it with --name",
            window_hint="Import your assignment package first (File ▸ Import Assignment "
            "Package), which brings your name with it.",
        )
    key, csr = certificates.create_evaluator_request(code, full_name)
    keychain.store_private_key(evaluator_key_name(workspace, code), key)
    pem = certificates.csr_pem(csr)
    workspace.set_certificate(OWN_REQUEST, pem.decode("ascii"), "request")
    return pem


def _checked_bundle(
    workspace: Workspace, code: str, certs: list[x509.Certificate]
) -> tuple[x509.Certificate, x509.Certificate]:
    """The committee root and the evaluator's certificate, checked against this
    workspace (its owner, the root it already trusts); nothing is changed."""
    roots = [c for c in certs if c.issuer == c.subject]
    own = [c for c in certs if c.issuer != c.subject]
    if len(roots) != 1 or len(own) != 1:
        raise ServiceError(
            "the certificate file must hold your certificate and the committee root certificate"
        )
    root, cert = roots[0], own[0]
    if certificates.evaluator_code(cert) != code:
        raise ServiceError(
            "this certificate is for {evaluator_code}, not for {code}",
            evaluator_code=certificates.evaluator_code(cert),
            code=code,
        )
    if certificates.is_demo_certificate(root):
        raise ServiceError("this certificate belongs to the demo, not to a committee")
    if not certificates.is_issued_by(cert, root):
        raise ServiceError("the certificate was not issued by the enclosed committee root")
    installed_root = workspace.certificate(ROOT)
    if (
        installed_root is not None
        and certificates.load_certificate(installed_root.encode("ascii")) != root
    ):
        raise ServiceError(
            "the certificate comes from a different committee root than the "
            "one this workspace already trusts",
            error_code=OTHER_COMMITTEE,
        )
    return root, cert


def _install(workspace: Workspace, root: x509.Certificate, cert: x509.Certificate) -> str:
    with workspace.transaction():
        workspace.set_certificate(
            ROOT, certificates.certificate_pem(root).decode(), certificates.fingerprint(root)
        )
        workspace.set_certificate(
            OWN, certificates.certificate_pem(cert).decode(), certificates.fingerprint(cert)
        )
    return certificates.fingerprint(cert)


def install_certificate(workspace: Workspace, bundle: bytes) -> str:
    """Install the certificate the secretariat issued (with the committee root)."""
    code = _owner(workspace)
    _refuse_in_demo(workspace)
    root, cert = _checked_bundle(workspace, code, load_pem_bundle(bundle))
    key = _own_key(workspace, code)
    if key.public_key() != cert.public_key():
        raise ServiceError("this certificate does not match the signing key in your keychain")
    return _install(workspace, root, cert)


class Readiness(Enum):
    """How far the evaluator's signing identity is, so a front end can say what to do
    next before asking for a folder."""

    READY = "ready"
    DEMO = "demo"  # the demo's session identity signs
    DEMO_MISSING = "demo-missing"  # the demo workspace, opened without its session identity
    NO_IDENTITY = "no-identity"  # create the identity
    AWAITING_CERTIFICATE = "awaiting-certificate"  # install the certificate


def signing_readiness(workspace: Workspace) -> Readiness:
    """From the workspace alone (no keychain): whether signing can be tried."""
    _owner(workspace)
    if is_demo_workspace(workspace):
        return Readiness.DEMO if demo_identity(workspace) else Readiness.DEMO_MISSING
    if workspace.certificate(OWN) is not None:
        return Readiness.READY
    if workspace.certificate(OWN_REQUEST) is not None:
        return Readiness.AWAITING_CERTIFICATE
    return Readiness.NO_IDENTITY


def evaluator_identity(workspace: Workspace) -> SigningIdentity:
    code = _owner(workspace)
    if is_demo_workspace(workspace):
        # Never the keychain: the demo's key exists in this session's memory or not at all.
        found = demo_identity(workspace)
        if found is None:
            raise ServiceError(
                "the demo's signing identity exists only while the demo is open in the "
                "window (File ▸ Open Demo Workspace); demo scorecards are signed nowhere else",
                error_code=DEMO_IDENTITY_MISSING,
            )
        return found
    cert = _cert(
        workspace,
        OWN,
        ServiceError(
            "no evaluator certificate installed yet: create your signing identity and "
            "install the certificate the secretariat issues",
            error_code=NO_CERTIFICATE,
            cli_hint="`qzeval identity create`, then `qzeval identity install`",
            window_hint="Identity ▸ Create Signing Identity…, then Identity ▸ Install "
            "Certificate… once the secretariat has sent it.",
        ),
    )
    root = committee_root(workspace)
    key = _own_key(workspace, code)
    return SigningIdentity(key, cert, [root])


def _committee_keys_instead(workspace: Workspace) -> None:
    if workspace.role is Role.SECRETARIAT:
        raise ServiceError(
            "the secretariat has no evaluator identity: its keys are backed up and "
            "restored as the committee's keys",
            error_code=SECRETARIAT_KEYS,
            cli_hint="`qzeval ca backup` and `qzeval ca restore`",
            window_hint="Roster and Keys ▸ Back Up Committee Keys… / Restore Committee Keys…",
        )


# The program's own data in an evaluator's key backup (a PKCS#12 secretBag, see
# trust.certificates._with_secret_bag): the last revision per (round, candidate), so that
# a restore on a new laptop continues the revisions instead of starting again at r1.
REVISIONS_FORMAT = "qz-revisions"
REVISIONS_VERSION = 1
BAD_BACKUP_REVISIONS = "bad-backup-revisions"


def _revisions_secret(workspace: Workspace, code: str) -> bytes:
    revisions = workspace.last_revisions(code)
    document = {
        "format": REVISIONS_FORMAT,
        "version": REVISIONS_VERSION,
        "evaluator": code,
        "revisions": [
            {"round": round_code, "credit_code": credit_code, "revision": revision}
            for (round_code, credit_code), revision in sorted(revisions.items())
        ],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _backup_revisions(secret: bytes | None, code: str) -> list[tuple[str, str, int]]:
    """(round, credit code, revision) from a backup's revisions bag; none from a backup
    of an earlier version, which has no bag. The bag is covered by the backup's MAC,
    so anything odd in it is damage (or another program's doing), never ignored."""
    if secret is None:
        return []
    damaged = ServiceError(
        "the key backup's revision record cannot be read; nothing was restored",
        error_code=BAD_BACKUP_REVISIONS,
    )
    try:
        document = json.loads(secret.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != REVISIONS_FORMAT:
            raise damaged
        if document.get("version") != REVISIONS_VERSION:
            raise ServiceError(
                "the key backup was made by a newer version of qz-evaluator; update it "
                "before restoring",
                error_code=BAD_BACKUP_REVISIONS,
            )
        if document.get("evaluator") != code:
            raise damaged
        found = []
        for entry in document["revisions"]:
            revision = entry["revision"]
            if (
                not is_revision(revision)
                or not isinstance(entry["round"], str)
                or not isinstance(entry["credit_code"], str)
            ):
                raise damaged
            found.append((entry["round"], entry["credit_code"], revision))
        return found
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise damaged from None


def backup_identity(workspace: Workspace, passphrase: str) -> bytes:
    """The evaluator's key and certificates, encrypted with the passphrase, and the last
    revision exported (or known) per round and candidate, for a new laptop to go on from."""
    _committee_keys_instead(workspace)
    _refuse_in_demo(workspace)
    identity = evaluator_identity(workspace)
    code = _owner(workspace)
    return certificates.export_key_backup(
        identity.key,
        identity.cert,
        identity.chain,
        passphrase,
        friendly_name=code,
        secret=_revisions_secret(workspace, code),
    )


def restore_identity(workspace: Workspace, data: bytes, passphrase: str) -> str:
    """Put a backed-up key into this computer's keychain and install its certificates.

    Everything is checked first (passphrase, owner, committee, the key this workspace
    already signs with, keychain): a refused backup leaves the keychain and the
    workspace as they were. The key is stored under this workspace's own entry, so no
    other workspace's key is ever replaced.
    """
    _committee_keys_instead(workspace)
    code = _owner(workspace)
    _refuse_in_demo(workspace)
    key, cert, chain = certificates.import_key_backup(data, passphrase)
    backup_code = certificates.evaluator_code(cert)
    if backup_code != code:
        raise ServiceError(
            "this backup is {backup}'s, not {code}'s",
            error_code=BACKUP_OTHER_EVALUATOR,
            backup=backup_code,
            code=code,
        )
    root, cert = _checked_bundle(
        workspace, code, [cert, *(c for c in chain if c.issuer == c.subject)]
    )
    revisions = _backup_revisions(certificates.backup_secret(data), code)
    keychain.require_keychain()
    _refuse_replacing_working_key(workspace, code, key)
    keychain.store_private_key(evaluator_key_name(workspace, code), key)
    with workspace.transaction():
        fingerprint = _install(workspace, root, cert)
        # Exports here continue above the revisions the backed-up workspace reached.
        workspace.raise_revision_floors(code, revisions, source="key backup")
    return fingerprint


def _refuse_replacing_working_key(
    workspace: Workspace, code: str, key: ec.EllipticCurvePrivateKey
) -> None:
    """A workspace that signs with a certified key keeps it: restoring another key over
    it would lose the key its certificate names (a pending request's key may go)."""
    own = workspace.certificate(OWN)
    if own is None:
        return
    try:
        current = _own_key(workspace, code)
    except KeyNotFound:
        return  # the key was lost: restoring it is what the backup is for
    installed = certificates.load_certificate(own.encode("ascii")).public_key()
    if current.public_key() == installed and current.public_key() != key.public_key():
        raise ServiceError(
            "this workspace already signs with another key for {code}, which the backup "
            "would replace; restore the backup into a new workspace instead",
            error_code=OTHER_KEY_IN_USE,
            code=code,
            cli_hint=f"`qzeval init NEW.qzw --role evaluator --evaluator {code}`, then "
            "`qzeval identity restore BACKUP -w NEW.qzw`",
            window_hint="Create a new evaluator workspace and restore the backup there.",
        )


def write_backup(path: Path, data: bytes) -> None:
    """Write a key backup (an evaluator's or the committee's) readable by the owner
    alone (0600), through a temporary file and a rename: a full disk or a crash leaves
    the earlier file, or none, never an empty or partial backup."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".qz-", suffix=".part")
    except OSError as error:
        raise ServiceError(
            "{path}: cannot write the key backup ({strerror})",
            path=path,
            strerror=error.strerror,
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            set_mode(out.fileno(), temp, 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if error.errno == errno.ENOSPC:
            raise DiskFull(
                "{parent}: the disk is full; the key backup was not written. Free some "
                "space and back up again",
                parent=path.parent,
            ) from None
        raise ServiceError(
            "{path}: cannot write the key backup ({strerror})",
            path=path,
            strerror=error.strerror,
        ) from None


# ----- certificates as the front ends hand them on ----------------------------------------


def certificate_pem(cert: x509.Certificate) -> bytes:
    """The certificate as the bytes of a PEM file (what `qzeval ca export` writes)."""
    return certificates.certificate_pem(cert)


def certificate_fingerprint(cert: x509.Certificate) -> str:
    """The SHA-256 fingerprint the roster records and people compare by eye."""
    return certificates.fingerprint(cert)


def certificate_subject(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def load_root_certificate(data: bytes) -> x509.Certificate:
    """A committee root certificate from a PEM or DER file, e.g. `qzeval verify --root`."""
    return certificates.load_certificate(data)
