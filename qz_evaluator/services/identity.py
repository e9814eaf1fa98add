"""Keys and certificates of a workspace: the committee root (secretariat), the
evaluator's own signing identity, enrolment and encrypted key backups.

Private keys live only in the OS keychain; the workspace keeps certificates (public).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.errors import CertificateError

ROOT = "committee-root"
OWN = "own"
OWN_REQUEST = "own-request"
SECRETARIAT_SIGNING = "secretariat-signing"


def issued_purpose(code: str) -> str:
    return f"issued:{code}"


def issued_certificate(workspace: Workspace, code: str) -> x509.Certificate | None:
    pem = workspace.certificate(issued_purpose(code))
    return certificates.load_certificate(pem.encode("ascii")) if pem else None


def evaluator_key_name(code: str) -> str:
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
    root = committee_root(workspace)
    cert = _cert(workspace, SECRETARIAT_SIGNING, ServiceError("no secretariat signing certificate"))
    key = keychain.load_private_key(secretariat_key_name(workspace))
    return SigningIdentity(key, cert, [root])


def issue_certificate(workspace: Workspace, request_pem: bytes) -> tuple[bytes, str, str]:
    """Issue an evaluator certificate from a request file.

    Returns the PEM bundle to hand back (certificate, then committee root), the
    evaluator code and the fingerprint recorded in the roster.
    """
    _require_role(workspace, Role.SECRETARIAT, "issuing certificates")
    csr = certificates.load_csr(request_pem)
    codes = csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if not codes:
        raise ServiceError("the certificate request does not name an evaluator code")
    code = str(codes[0].value)
    evaluator = workspace.find_evaluator(code)
    if evaluator is None:
        raise ServiceError(
            "the request is for evaluator {code}, who is not in the roster", code=code
        )
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


# ----- evaluator -------------------------------------------------------------------------


def _owner(workspace: Workspace) -> str:
    _require_role(workspace, Role.EVALUATOR, "an evaluator identity")
    code = workspace.owner_code
    if not code:
        raise ServiceError("this evaluator workspace has no owner code")
    return code


def create_identity(workspace: Workspace, name: str | None = None) -> bytes:
    """Create the evaluator's key in the keychain; return the certificate request (PEM).

    Running it again returns the same request while the certificate is not yet installed.
    """
    code = _owner(workspace)
    keychain.require_keychain()
    existing = workspace.certificate(OWN_REQUEST)
    if keychain.has_private_key(evaluator_key_name(code)):
        if existing is not None and workspace.certificate(OWN) is None:
            return existing.encode("ascii")
        raise ServiceError(
            "a signing key for {code} is already in this computer's keychain; "
            "restore your key backup rather than creating a second identity",
            code=code,
            cli_hint="`qzeval identity restore`",
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
    keychain.store_private_key(evaluator_key_name(code), key)
    pem = certificates.csr_pem(csr)
    workspace.set_certificate(OWN_REQUEST, pem.decode("ascii"), "request")
    return pem


def install_certificate(workspace: Workspace, bundle: bytes) -> str:
    """Install the certificate the secretariat issued (with the committee root)."""
    code = _owner(workspace)
    certs = load_pem_bundle(bundle)
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
    if not certificates.is_issued_by(cert, root):
        raise ServiceError("the certificate was not issued by the enclosed committee root")
    installed_root = workspace.certificate(ROOT)
    if (
        installed_root is not None
        and certificates.load_certificate(installed_root.encode("ascii")) != root
    ):
        raise ServiceError(
            "the certificate comes from a different committee root than the "
            "one this workspace already trusts"
        )
    key = keychain.load_private_key(evaluator_key_name(code))
    if key.public_key() != cert.public_key():
        raise ServiceError("this certificate does not match the signing key in your keychain")
    with workspace.transaction():
        workspace.set_certificate(
            ROOT, certificates.certificate_pem(root).decode(), certificates.fingerprint(root)
        )
        workspace.set_certificate(
            OWN, certificates.certificate_pem(cert).decode(), certificates.fingerprint(cert)
        )
    return certificates.fingerprint(cert)


def evaluator_identity(workspace: Workspace) -> SigningIdentity:
    code = _owner(workspace)
    cert = _cert(
        workspace,
        OWN,
        ServiceError(
            "no evaluator certificate installed yet: create your signing identity and "
            "install the certificate the secretariat issues",
            cli_hint="`qzeval identity create`, then `qzeval identity install`",
            window_hint="Identity ▸ Create Signing Identity, then Identity ▸ Install "
            "Certificate once the secretariat has sent it.",
        ),
    )
    root = committee_root(workspace)
    key = keychain.load_private_key(evaluator_key_name(code))
    return SigningIdentity(key, cert, [root])


def backup_identity(workspace: Workspace, passphrase: str) -> bytes:
    identity = evaluator_identity(workspace)
    return certificates.export_key_backup(
        identity.key, identity.cert, identity.chain, passphrase, friendly_name=_owner(workspace)
    )


def restore_identity(workspace: Workspace, data: bytes, passphrase: str) -> str:
    """Put a backed-up key into this computer's keychain and install its certificates."""
    code = _owner(workspace)
    key, cert, chain = certificates.import_key_backup(data, passphrase)
    if certificates.evaluator_code(cert) != code:
        raise ServiceError(
            "this backup is {evaluator_code}'s, not {code}'s",
            evaluator_code=certificates.evaluator_code(cert),
            code=code,
        )
    keychain.require_keychain()
    keychain.store_private_key(evaluator_key_name(code), key)
    roots = [c for c in chain if c.issuer == c.subject]
    bundle = certificates.certificate_pem(cert) + b"".join(
        certificates.certificate_pem(r) for r in roots
    )
    return install_certificate(workspace, bundle)


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
