"""Assignment packages (.qzpkg): what one evaluator needs for one round, signed by the
secretariat.

A zip with `manifest.json` (format, version, addressee, SHA-256 of every other member),
its detached signature `manifest.sig`, and the members: the criteria set, the
assignment (candidates, panels, roster excerpt, conflicts) and the certificates.
Reading checks everything before anything is returned; nothing here touches a workspace.

A package is hostile until proven otherwise: it is read as the secretariat's signed
container (`exchange/signed_container.py`: exactly those seven plain files, every size
capped before and while it is read, whatever the zip's own headers say), and every way
it can fail ends in a `PackageError` whose code is one of `PackageRefusal`, never in
zipfile's or zlib's own exceptions.
"""

from __future__ import annotations

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
from qz_evaluator.exchange import signed_container as sc
from qz_evaluator.exchange.signed_container import ROOT_CERT, SECRETARIAT_CERT, dumps
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import CertificateError

FORMAT = "qz-package"
# Version 2 adds, in assignment.json, `revisions`: per candidate, the highest revision of
# the evaluator's scorecard the secretariat has merged, where a new laptop continues.
# Version 1 packages still import (no revisions: nothing is raised).
VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, VERSION})
ASSIGNMENT_FORMAT = "qz-assignment"
SUFFIX = ".qzpkg"

CRITERIA, ASSIGNMENT, EVALUATOR_CERT = "criteria.json", "assignment.json", "evaluator.pem"
MEMBERS = (CRITERIA, ASSIGNMENT, EVALUATOR_CERT, ROOT_CERT, SECRETARIAT_CERT)
# A package holds a few dozen candidates (the demo's six make 8 KB); anything far bigger
# is not ours. The caps bound what reading one can cost, whatever its zip headers claim.
MAX_PACKAGE_BYTES = 16 * 1024 * 1024
MAX_MEMBER_BYTES = 8 * 1024 * 1024  # criteria.json and assignment.json
# The secretariat's signed container (exchange/signed_container.py), as a receipt is.
KIND = sc.ContainerKind(
    format=FORMAT,
    version=VERSION,
    members=MEMBERS,
    max_bytes=MAX_PACKAGE_BYTES,
    limits={CRITERIA: MAX_MEMBER_BYTES, ASSIGNMENT: MAX_MEMBER_BYTES},
    older_versions=SUPPORTED_VERSIONS - {VERSION},
)


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


_BY_FAILURE = sc.refusals_by_failure(PackageRefusal, PackageRefusal.NOT_A_PACKAGE)


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
    return sc.build_container(
        KIND,
        {
            "issued_at": issued_at,
            "evaluator": assignment.evaluator.code,
            "round": assignment.round.code,
            "secretariat_workspace_id": secretariat_workspace_id,
        },
        {
            CRITERIA: criteria_bytes,
            ASSIGNMENT: dumps(assignment_json(assignment)),
            EVALUATOR_CERT: certificates.certificate_pem(evaluator_certificate)
            if evaluator_certificate is not None
            else b"",
        },
        root=root,
        secretariat_certificate=secretariat_certificate,
        secretariat_key=secretariat_key,
    )


def read_package(data: bytes, trusted_root: x509.Certificate) -> Package:
    """Open and check a package: its entries, committee, signature, hashes, versions.
    Raises PackageError (with a `PackageRefusal` code) and nothing else for any bytes."""
    try:
        container = sc.read_container(KIND, data, trusted_root)
        manifest, members = container.manifest, container.members
        issued_at = sc.issued_at(manifest)
        criteria_json = sc.json_member(members[CRITERIA], CRITERIA)
        assignment_data = sc.json_member(members[ASSIGNMENT], ASSIGNMENT)
    except sc.ContainerError as error:
        # The container's own words (the import names the package's path before them);
        # its fields are its template's, never this constructor's keywords.
        fields: dict[str, Any] = dict(error.fields)
        raise PackageError(
            error.template, error_code=_BY_FAILURE[error.failure].value, **fields
        ) from None
    try:
        criteria = parse_criteria(criteria_json, CRITERIA)
        evaluator_cert = (
            certificates.load_certificate(members[EVALUATOR_CERT])
            if members[EVALUATOR_CERT]
            else None
        )
        assignment = _parse_assignment(assignment_data)
    except (CriteriaError, CertificateError) as error:
        raise PackageError(
            "the package content is damaged: {error}",
            error_code=PackageRefusal.MALFORMED,
            error=error,
        ) from None
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
        root=trusted_root,  # the container's root member is the trusted one
        secretariat=container.secretariat,
        manifest_sha256=container.manifest_sha256,
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
