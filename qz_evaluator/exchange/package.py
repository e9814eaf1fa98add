"""Assignment packages (.qzpkg): what one evaluator needs for one round, signed by the
secretariat.

A zip with `manifest.json` (format, version, addressee, SHA-256 of every other member),
its detached signature `manifest.sig`, and the members: the criteria set, the
assignment (candidates, panels, roster excerpt, conflicts) and the certificates.
Reading checks everything before anything is returned; nothing here touches a workspace.

A package is hostile until proven otherwise: it holds exactly those seven plain files,
every size is capped before and while it is read (a zip's own sizes are whatever its
author wrote), and every way it can fail ends in a `PackageError` whose code is one of
`PackageRefusal`, never in zipfile's or zlib's own exceptions.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography import x509

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.criteria import CriteriaSet, parse_criteria
from qz_evaluator.domain.errors import CriteriaError, DomainError, Phrase, UserError
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
from qz_evaluator.domain.scorecard_document import is_revision
from qz_evaluator.domain.text import ROUND_NAME_LIMIT, check_comment, check_name
from qz_evaluator.exchange.signed_container import (
    CENTRAL_ENTRY,
    CHUNK,
    MANIFEST,
    MAX_ENTRIES,
    SIGNATURE,
    SMALL_MEMBER_BYTES,
    ZIP_FAILURES,
    dumps,
    shown_name,
    unsafe_entry,
)
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import CertificateError, SignatureInvalid
from qz_evaluator.trust.signed_bytes import sign_bytes, verify_bytes

FORMAT = "qz-package"
# Version 2 adds, in assignment.json, `revisions`: per candidate, the highest revision of
# the evaluator's scorecard the secretariat has merged, where a new laptop continues.
# Version 1 packages still import (no revisions: nothing is raised).
VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, VERSION})
ASSIGNMENT_FORMAT = "qz-assignment"
SUFFIX = ".qzpkg"

CRITERIA, ASSIGNMENT = "criteria.json", "assignment.json"
EVALUATOR_CERT, ROOT_CERT, SECRETARIAT_CERT = (
    "evaluator.pem",
    "committee-root.pem",
    "secretariat.pem",
)
MEMBERS = (CRITERIA, ASSIGNMENT, EVALUATOR_CERT, ROOT_CERT, SECRETARIAT_CERT)
ENTRIES = frozenset({MANIFEST, SIGNATURE, *MEMBERS})
# A package holds a few dozen candidates (the demo's six make 8 KB); anything far bigger
# is not ours. The caps bound what reading one can cost, whatever its zip headers claim.
MAX_PACKAGE_BYTES = 16 * 1024 * 1024
MAX_MEMBER_BYTES = 8 * 1024 * 1024  # criteria.json and assignment.json
_LIMITS = {CRITERIA: MAX_MEMBER_BYTES, ASSIGNMENT: MAX_MEMBER_BYTES}


class PackageRefusal(StrEnum):
    """Why a package is refused: the `code` of its PackageError (and of the import's
    refusal), stable for --json and tests. The one list of them."""

    NOT_A_PACKAGE = "package-not-a-package"  # not a zip, or not our manifest format
    TOO_LARGE = "package-too-large"  # the file, an entry, or the number of entries
    DAMAGED = "package-damaged"  # bad CRC or compressed data, encrypted, exotic method
    UNSAFE_ENTRY = "package-unsafe-entry"  # ../ or absolute path, symlink, directory
    DUPLICATE_ENTRY = "package-duplicate-entry"
    UNLISTED_ENTRY = "package-unlisted-entry"  # a file the signed manifest does not list
    MISSING_MEMBER = "package-missing-member"
    NEWER_FORMAT = "package-newer-format"
    BAD_SIGNATURE = "package-bad-signature"
    NOT_SECRETARIAT = "package-not-secretariat"  # signed, but not by a secretariat
    TAMPERED = "package-tampered"  # a member's hash differs from the signed manifest's
    MALFORMED = "package-malformed"  # signed, but its content does not make sense
    OTHER_COMMITTEE = "package-other-committee"
    # Refused by the import (services.packages), not by reading:
    OTHER_EVALUATOR = "package-other-evaluator"
    UNKNOWN_CRITERIA = "package-unknown-criteria"
    OLDER = "package-older"  # replay: issued before the package already installed


class PackageError(UserError):
    """A package that must not be imported; the message says why, `code` is one of
    `PackageRefusal`."""

    default_code = PackageRefusal.MALFORMED.value


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
    # Version 2: credit code → the highest revision of the evaluator's scorecard merged.
    revisions: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Package:
    issued_at: str  # as the manifest says it (ISO 8601 with a UTC offset)
    secretariat_workspace_id: str
    criteria: CriteriaSet
    criteria_bytes: bytes
    assignment: Assignment
    evaluator_certificate: x509.Certificate | None
    root: x509.Certificate
    secretariat: x509.Certificate
    manifest_sha256: str

    @property
    def issued(self) -> datetime:
        """When the secretariat issued it (checked by `read_package`: always aware)."""
        return datetime.fromisoformat(self.issued_at)


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
        "revisions": dict(sorted(a.revisions.items())),
    }


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
        ASSIGNMENT: dumps(assignment_json(assignment)),
        EVALUATOR_CERT: certificates.certificate_pem(evaluator_certificate)
        if evaluator_certificate is not None
        else b"",
        ROOT_CERT: certificates.certificate_pem(root),
        SECRETARIAT_CERT: certificates.certificate_pem(secretariat_certificate),
    }
    manifest = dumps(
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


def _open(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(
            "the package is larger than an assignment package can be (at most {limit} bytes)",
            error_code=PackageRefusal.TOO_LARGE,
            limit=MAX_PACKAGE_BYTES,
        )
    if data.count(CENTRAL_ENTRY) > MAX_ENTRIES:
        raise PackageError(
            "the package holds more entries than an assignment package has",
            error_code=PackageRefusal.TOO_LARGE,
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except ZIP_FAILURES:
        raise PackageError(
            "not an assignment package (not a zip file)", error_code=PackageRefusal.NOT_A_PACKAGE
        ) from None


def _entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by name, once each checked to be a plain file, stored or
    deflated, unencrypted, under a plain name and not repeated."""
    infos = archive.infolist()
    for name, count in Counter(info.filename for info in infos).items():
        if count > 1:
            raise PackageError(
                "the package holds {name} more than once",
                error_code=PackageRefusal.DUPLICATE_ENTRY,
                name=shown_name(name),
            )
    for info in infos:
        what = unsafe_entry(info)
        if what is not None:
            raise PackageError(
                "the package's entry {name} is {what}; a package holds only plain files",
                error_code=PackageRefusal.UNSAFE_ENTRY,
                name=shown_name(info.filename),
                what=what,
            )
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            # Other methods (bzip2, lzma) unpack without a bound on zipfile's reads.
            raise PackageError(
                "{name} in the package is encrypted or compressed in a way this program "
                "does not write",
                error_code=PackageRefusal.DAMAGED,
                name=shown_name(info.filename),
            )
    return {info.filename: info for info in infos}


def _member(archive: zipfile.ZipFile, entries: Mapping[str, zipfile.ZipInfo], name: str) -> bytes:
    """One member's bytes, streamed in chunks and capped: a header that lies about the
    size costs at most the cap, and damage ends in PackageError."""
    info = entries.get(name)
    if info is None:
        raise PackageError(
            "the package has no {name}", error_code=PackageRefusal.MISSING_MEMBER, name=name
        )
    limit = _LIMITS.get(name, SMALL_MEMBER_BYTES)
    too_large = PackageError(
        "{name} in the package is implausibly large", error_code=PackageRefusal.TOO_LARGE, name=name
    )
    if info.file_size > limit:
        raise too_large
    content = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                content += chunk
                if len(content) > limit:
                    raise too_large
    except ZIP_FAILURES:
        raise PackageError(
            "{name} in the package is damaged", error_code=PackageRefusal.DAMAGED, name=name
        ) from None
    if len(content) != info.file_size:
        raise PackageError(
            "{name} in the package is damaged", error_code=PackageRefusal.DAMAGED, name=name
        )
    return bytes(content)


def _json(data: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise PackageError(
            "{name} is not valid JSON ({error})",
            error_code=PackageRefusal.MALFORMED,
            name=name,
            error=error,
        ) from None
    if not isinstance(value, dict):
        raise PackageError(
            "{name} is not a JSON object", error_code=PackageRefusal.MALFORMED, name=name
        )
    return value


def _issued_at(manifest: Mapping[str, Any]) -> str:
    value = manifest.get("issued_at")
    try:
        if isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None:
            return value
    except ValueError:
        pass
    raise PackageError(
        "the package's manifest has no valid time of issue", error_code=PackageRefusal.MALFORMED
    )


def read_package(data: bytes, trusted_root: x509.Certificate) -> Package:
    """Open and check a package: its entries, signature, hashes, versions. Raises
    PackageError (with a `PackageRefusal` code) and nothing else for any bytes."""
    with _open(data) as archive:
        entries = _entries(archive)
        manifest_bytes = _member(archive, entries, MANIFEST)
        manifest = _json(manifest_bytes, MANIFEST)
        if manifest.get("format") != FORMAT:
            raise PackageError(
                "not an assignment package (unknown manifest format)",
                error_code=PackageRefusal.NOT_A_PACKAGE,
            )
        if manifest.get("version") not in SUPPORTED_VERSIONS:
            raise PackageError(
                "package format version {get!r} is newer than this program understands "
                "(it reads version {VERSION}); update qz-evaluator",
                error_code=PackageRefusal.NEWER_FORMAT,
                get=manifest.get("version"),
                VERSION=VERSION,
            )
        # Nothing beyond what the signed manifest lists (checked against it below).
        unlisted = sorted(set(entries) - ENTRIES)
        if unlisted:
            raise PackageError(
                "the package holds {name}, which its signed manifest does not list",
                error_code=PackageRefusal.UNLISTED_ENTRY,
                name=shown_name(unlisted[0]),
            )
        try:
            secretariat = certificates.load_certificate(_member(archive, entries, SECRETARIAT_CERT))
            verify_bytes(
                manifest_bytes, _member(archive, entries, SIGNATURE), secretariat, trusted_root
            )
        except (CertificateError, SignatureInvalid) as error:
            raise PackageError(
                "the package's signature is not valid: {error}",
                error_code=PackageRefusal.BAD_SIGNATURE,
                error=error,
            ) from None
        if certificates.certificate_role(secretariat) != certificates.ROLE_SECRETARIAT:
            raise PackageError(
                "the package was not signed by the secretariat",
                error_code=PackageRefusal.NOT_SECRETARIAT,
            )
        files = manifest.get("files")
        if not isinstance(files, dict) or set(files) != set(MEMBERS):
            raise PackageError(
                "the package's manifest does not list the expected files",
                error_code=PackageRefusal.MALFORMED,
            )
        issued_at = _issued_at(manifest)
        members = {}
        for name in MEMBERS:
            content = _member(archive, entries, name)
            if hashlib.sha256(content).hexdigest() != files[name]:
                raise PackageError(
                    "{name} was changed after the package was signed",
                    error_code=PackageRefusal.TAMPERED,
                    name=name,
                )
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
        raise PackageError(
            "the package content is damaged: {error}",
            error_code=PackageRefusal.MALFORMED,
            error=error,
        ) from None
    if root != trusted_root:
        raise PackageError(
            "the package names a different committee root than this workspace's",
            error_code=PackageRefusal.OTHER_COMMITTEE,
        )
    if assignment.evaluator.code != manifest.get("evaluator"):
        raise PackageError(
            "the package's manifest and assignment name different evaluators",
            error_code=PackageRefusal.MALFORMED,
        )
    if assignment.round.criteria_id != criteria.id:
        raise PackageError(
            "the package's round uses a different criteria set than it carries",
            error_code=PackageRefusal.MALFORMED,
        )
    return Package(
        issued_at=issued_at,
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
        raise PackageError(
            "assignment.json has an unknown format or version", error_code=PackageRefusal.MALFORMED
        )
    try:
        r = data["round"]
        evaluator = _evaluator(data["evaluator"])
        return Assignment(
            round=Round(
                code=str(r["code"]),
                # The name rule, as where rounds are added: what the evaluator's scorecards
                # will carry and sign.
                name=check_name(
                    str(r["name"]),
                    Phrase("the name of round {round}", round=str(r["code"])),
                    ROUND_NAME_LIMIT,
                ),
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
                Conflict(
                    str(c["credit_code"]),
                    str(c["evaluator_code"]),
                    check_comment(str(c["reason"]), Phrase("the reason for a conflict")),
                )
                for c in data["conflicts"]
            ),
            settings=RoundSettings.from_json(r.get("settings")),
            revisions=_revisions(data.get("revisions", {})),
        )
    except (KeyError, TypeError, ValueError, DomainError) as error:
        raise PackageError(
            "assignment.json is malformed ({error})",
            error_code=PackageRefusal.MALFORMED,
            error=error,
        ) from None


def _revisions(value: object) -> dict[str, int]:
    """Version 2's merged revisions, each a credit code and a revision in 1…MAX_REVISION."""
    if not isinstance(value, dict):
        raise ValueError("revisions is not an object")
    revisions: dict[str, int] = {}
    for credit_code, revision in value.items():
        if not is_revision(revision):
            raise ValueError(f"revision {revision!r} of {credit_code!r} is not a possible one")
        revisions[str(credit_code)] = revision
    return revisions


def _evaluator(e: Mapping[str, Any]) -> Evaluator:
    return Evaluator(
        code=str(e["code"]),
        name=str(e["name"]),
        level=Level(e["level"]),
        organisation=str(e.get("organisation", "")),
    )
