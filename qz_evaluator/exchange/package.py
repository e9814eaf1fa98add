"""Assignment packages (.qzpkg): what one evaluator needs for one round, signed by the
secretariat.

A zip with `manifest.json` (format, version, addressee, SHA-256 of every other member),
its detached signature `manifest.sig`, and the members: the criteria set, the
assignment (candidates, panels, roster excerpt, conflicts) and the certificates.
Reading checks everything before anything is returned; nothing here touches a workspace.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.criteria import CriteriaSet, parse_criteria
from qz_evaluator.domain.errors import CriteriaError, DomainError, UserError
from qz_evaluator.domain.roster import (
    Conflict,
    Evaluator,
    Level,
    PanelMember,
    PanelRole,
    Round,
    RoundKind,
)
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import CertificateError, SignatureInvalid
from qz_evaluator.trust.signed_bytes import sign_bytes, verify_bytes

FORMAT = "qz-package"
VERSION = 1
SUPPORTED_VERSIONS = frozenset({VERSION})
ASSIGNMENT_FORMAT = "qz-assignment"
SUFFIX = ".qzpkg"

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
CRITERIA, ASSIGNMENT = "criteria.json", "assignment.json"
EVALUATOR_CERT, ROOT_CERT, SECRETARIAT_CERT = (
    "evaluator.pem",
    "committee-root.pem",
    "secretariat.pem",
)
MEMBERS = (CRITERIA, ASSIGNMENT, EVALUATOR_CERT, ROOT_CERT, SECRETARIAT_CERT)
# A package holds a few dozen candidates; anything far bigger is not ours.
MAX_MEMBER_BYTES = 20 * 1024 * 1024


class PackageError(UserError):
    """A package that must not be imported; the message says why."""

    default_code = "bad-package"


@dataclass(frozen=True)
class Assignment:
    round: Round
    evaluator: Evaluator
    candidates: tuple[Candidate, ...]
    panels: tuple[PanelMember, ...]
    evaluators: tuple[Evaluator, ...]
    conflicts: tuple[Conflict, ...]
    # Optional in version 1 packages: older packages get the defaults.
    settings: RoundSettings = field(default_factory=RoundSettings)


@dataclass(frozen=True)
class Package:
    issued_at: str
    secretariat_workspace_id: str
    criteria: CriteriaSet
    criteria_bytes: bytes
    assignment: Assignment
    evaluator_certificate: x509.Certificate | None
    root: x509.Certificate
    secretariat: x509.Certificate
    manifest_sha256: str


def _candidate_json(c: Candidate) -> dict[str, Any]:
    return {
        "credit_code": c.credit_code,
        "name": c.name,
        "county": c.county,
        "industry": c.industry,
        "tier": c.tier.value,
        "contact_person": c.contact_person,
        "contact_phone": c.contact_phone,
    }


def _evaluator_json(e: Evaluator) -> dict[str, Any]:
    return {"code": e.code, "name": e.name, "level": e.level.value, "organisation": e.organisation}


def assignment_json(a: Assignment) -> dict[str, Any]:
    return {
        "format": ASSIGNMENT_FORMAT,
        "version": VERSION,
        "round": {
            "code": a.round.code,
            "name": a.round.name,
            "kind": a.round.kind.value,
            "year": a.round.year,
            "criteria_set": a.round.criteria_id,
            "settings": a.settings.as_json(),
        },
        "evaluator": _evaluator_json(a.evaluator),
        "candidates": [_candidate_json(c) for c in a.candidates],
        "panels": [
            {"credit_code": m.credit_code, "evaluator_code": m.evaluator_code, "role": m.role.value}
            for m in a.panels
        ],
        "evaluators": [_evaluator_json(e) for e in a.evaluators],
        "conflicts": [
            {"credit_code": c.credit_code, "evaluator_code": c.evaluator_code, "reason": c.reason}
            for c in a.conflicts
        ],
    }


def _dumps(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def build_package(
    *,
    assignment: Assignment,
    criteria_bytes: bytes,
    evaluator_certificate: x509.Certificate | None,
    root: x509.Certificate,
    secretariat_certificate: x509.Certificate,
    secretariat_key: Any,
    secretariat_workspace_id: str,
    issued_at: str,
) -> bytes:
    members = {
        CRITERIA: criteria_bytes,
        ASSIGNMENT: _dumps(assignment_json(assignment)),
        EVALUATOR_CERT: certificates.certificate_pem(evaluator_certificate)
        if evaluator_certificate is not None
        else b"",
        ROOT_CERT: certificates.certificate_pem(root),
        SECRETARIAT_CERT: certificates.certificate_pem(secretariat_certificate),
    }
    manifest = _dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "issued_at": issued_at,
            "evaluator": assignment.evaluator.code,
            "round": assignment.round.code,
            "secretariat_workspace_id": secretariat_workspace_id,
            "secretariat_certificate": certificates.fingerprint(secretariat_certificate),
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
        }
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        archive.writestr(SIGNATURE, sign_bytes(manifest, secretariat_key))
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise PackageError("the package has no {name}", name=name) from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise PackageError("{name} in the package is implausibly large", name=name)
    return archive.read(info)


def _json(data: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError("{name} is not valid JSON ({error})", name=name, error=error) from None
    if not isinstance(value, dict):
        raise PackageError("{name} is not a JSON object", name=name)
    return value


def read_package(data: bytes, trusted_root: x509.Certificate) -> Package:
    """Open and check a package: signature, hashes, versions. Raises PackageError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError("not an assignment package (not a zip file)") from None
    with archive:
        manifest_bytes = _member(archive, MANIFEST)
        manifest = _json(manifest_bytes, MANIFEST)
        if manifest.get("format") != FORMAT:
            raise PackageError("not an assignment package (unknown manifest format)")
        if manifest.get("version") not in SUPPORTED_VERSIONS:
            raise PackageError(
                "package format version {get!r} is newer than this program understands "
                "(it reads version {VERSION}); update qz-evaluator",
                get=manifest.get("version"),
                VERSION=VERSION,
            )
        try:
            secretariat = certificates.load_certificate(_member(archive, SECRETARIAT_CERT))
            verify_bytes(manifest_bytes, _member(archive, SIGNATURE), secretariat, trusted_root)
        except (CertificateError, SignatureInvalid) as error:
            raise PackageError(
                "the package's signature is not valid: {error}", error=error
            ) from None
        if certificates.certificate_role(secretariat) != certificates.ROLE_SECRETARIAT:
            raise PackageError("the package was not signed by the secretariat")
        files = manifest.get("files")
        if not isinstance(files, dict) or set(files) != set(MEMBERS):
            raise PackageError("the package's manifest does not list the expected files")
        members = {}
        for name in MEMBERS:
            content = _member(archive, name)
            if hashlib.sha256(content).hexdigest() != files[name]:
                raise PackageError("{name} was changed after the package was signed", name=name)
            members[name] = content
    try:
        criteria = parse_criteria(_json(members[CRITERIA], CRITERIA), CRITERIA)
        root = certificates.load_certificate(members[ROOT_CERT])
        evaluator_cert = (
            certificates.load_certificate(members[EVALUATOR_CERT])
            if members[EVALUATOR_CERT]
            else None
        )
        assignment = _parse_assignment(_json(members[ASSIGNMENT], ASSIGNMENT))
    except (CriteriaError, CertificateError) as error:
        raise PackageError("the package content is damaged: {error}", error=error) from None
    if root != trusted_root:
        raise PackageError("the package names a different committee root than this workspace's")
    if assignment.evaluator.code != manifest.get("evaluator"):
        raise PackageError("the package's manifest and assignment name different evaluators")
    if assignment.round.criteria_id != criteria.id:
        raise PackageError("the package's round uses a different criteria set than it carries")
    return Package(
        issued_at=str(manifest.get("issued_at", "")),
        secretariat_workspace_id=str(manifest.get("secretariat_workspace_id", "")),
        criteria=criteria,
        criteria_bytes=members[CRITERIA],
        assignment=assignment,
        evaluator_certificate=evaluator_cert,
        root=root,
        secretariat=secretariat,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
    )


def _parse_assignment(data: dict[str, Any]) -> Assignment:
    if data.get("format") != ASSIGNMENT_FORMAT or data.get("version") not in SUPPORTED_VERSIONS:
        raise PackageError("assignment.json has an unknown format or version")
    try:
        r = data["round"]
        evaluator = _evaluator(data["evaluator"])
        return Assignment(
            round=Round(
                code=str(r["code"]),
                name=str(r["name"]),
                kind=RoundKind(r["kind"]),
                year=int(r["year"]),
                criteria_id=str(r["criteria_set"]),
            ),
            evaluator=evaluator,
            candidates=tuple(
                Candidate.create(
                    credit_code_text=c["credit_code"],
                    name=c["name"],
                    county=c["county"],
                    industry=c["industry"],
                    tier=Tier(c["tier"]),
                    contact_person=c.get("contact_person", ""),
                    contact_phone=c.get("contact_phone", ""),
                )
                for c in data["candidates"]
            ),
            panels=tuple(
                PanelMember(
                    str(r["code"]),
                    str(m["credit_code"]),
                    str(m["evaluator_code"]),
                    PanelRole(m["role"]),
                )
                for m in data["panels"]
            ),
            evaluators=tuple(_evaluator(e) for e in data["evaluators"]),
            conflicts=tuple(
                Conflict(str(c["credit_code"]), str(c["evaluator_code"]), str(c["reason"]))
                for c in data["conflicts"]
            ),
            settings=RoundSettings.from_json(r.get("settings")),
        )
    except (KeyError, TypeError, ValueError, DomainError) as error:
        raise PackageError("assignment.json is malformed ({error})", error=error) from None


def _evaluator(e: Mapping[str, Any]) -> Evaluator:
    return Evaluator(
        code=str(e["code"]),
        name=str(e["name"]),
        level=Level(e["level"]),
        organisation=str(e.get("organisation", "")),
    )
