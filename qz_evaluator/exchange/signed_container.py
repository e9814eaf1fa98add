"""The secretariat's signed container: a zip holding `manifest.json` (format, version,
SHA-256 of every other member), its detached signature `manifest.sig` (the secretariat's
key, `trust.signed_bytes`) and a fixed set of plain members.

The layout of the assignment package (exchange/package.py), for files that travel from
the secretariat to one evaluator: a receipt (exchange/receipt.py) is one. The file is
hostile until proven otherwise: it holds exactly the members its kind names, every size
is capped before and while it is read, and every way it can fail ends in a
`ContainerError` whose `failure` is one of `ContainerFailure` (the caller turns it into
its own refusal code), never in zipfile's or zlib's own exceptions.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from qz_evaluator.domain.errors import Phrase, UserError
from qz_evaluator.trust import certificates
from qz_evaluator.trust.errors import CertificateError, SignatureInvalid
from qz_evaluator.trust.signed_bytes import sign_bytes, verify_bytes

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
ROOT_CERT, SECRETARIAT_CERT = "committee-root.pem", "secretariat.pem"
SMALL_MEMBER_BYTES = 64 * 1024  # the manifest, its signature, each certificate
CHUNK = 64 * 1024
# Every central-directory entry starts with this signature, so counting it bounds the
# entries zipfile would parse before it parses any.
CENTRAL_ENTRY = b"PK\x01\x02"
MAX_ENTRIES = 64
ZIP_FAILURES = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    IndexError,
    OverflowError,
)


class ContainerFailure(StrEnum):
    """What is wrong with a container; each kind of file names its own code for each."""

    NOT_A_CONTAINER = "not-a-container"  # not a zip, or not the manifest format asked for
    TOO_LARGE = "too-large"
    DAMAGED = "damaged"
    UNSAFE_ENTRY = "unsafe-entry"
    DUPLICATE_ENTRY = "duplicate-entry"
    UNLISTED_ENTRY = "unlisted-entry"
    MISSING_MEMBER = "missing-member"
    NEWER_FORMAT = "newer-format"
    OTHER_COMMITTEE = "other-committee"
    BAD_SIGNATURE = "bad-signature"
    NOT_SECRETARIAT = "not-secretariat"
    TAMPERED = "tampered"
    MALFORMED = "malformed"


_Refusal = TypeVar("_Refusal", bound=StrEnum)


def refusals_by_failure(
    refusals: type[_Refusal], not_a_container: _Refusal
) -> dict[ContainerFailure, _Refusal]:
    """Each failure's refusal of one kind of file: the member of the same name (a kind
    that lacks one fails at import), and the kind's own word for "not a container"."""
    return {
        failure: not_a_container
        if failure is ContainerFailure.NOT_A_CONTAINER
        else refusals[failure.name]
        for failure in ContainerFailure
    }


class ContainerError(UserError):
    """A container that must not be read further; `failure` says which way it failed."""

    default_code = "container"

    @property
    def failure(self) -> ContainerFailure:
        return ContainerFailure(self.code)


@dataclass(frozen=True)
class ContainerKind:
    """One kind of container: its manifest format, versions, members and caps."""

    format: str
    version: int
    members: tuple[str, ...]  # besides the manifest and its signature; certificates included
    max_bytes: int
    limits: Mapping[str, int] = field(default_factory=dict)  # per member (default 64 KiB)
    older_versions: frozenset[int] = frozenset()

    @property
    def entries(self) -> frozenset[str]:
        return frozenset({MANIFEST, SIGNATURE, *self.members})


@dataclass(frozen=True)
class Container:
    manifest: Mapping[str, Any]  # checked against the signature
    members: Mapping[str, bytes]  # each checked against the manifest's hash
    secretariat: x509.Certificate
    manifest_sha256: str


def dumps(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def build_container(
    kind: ContainerKind,
    header: Mapping[str, Any],
    members: Mapping[str, bytes],
    *,
    root: x509.Certificate,
    secretariat_certificate: x509.Certificate,
    secretariat_key: ec.EllipticCurvePrivateKey,
) -> bytes:
    """The container's bytes: `header` goes into the signed manifest beside the format,
    the version and the members' hashes; the two certificates are added as members."""
    members = {
        **members,
        ROOT_CERT: certificates.certificate_pem(root),
        SECRETARIAT_CERT: certificates.certificate_pem(secretariat_certificate),
    }
    if set(members) != set(kind.members):
        raise ValueError(f"a {kind.format} holds {sorted(kind.members)}, not {sorted(members)}")
    manifest = dumps(
        {
            **header,
            "format": kind.format,
            "version": kind.version,
            "secretariat_certificate": certificates.fingerprint(secretariat_certificate),
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
        }
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        archive.writestr(SIGNATURE, sign_bytes(manifest, secretariat_key))
        for name in kind.members:
            archive.writestr(name, members[name])
    return buffer.getvalue()


def shown_name(name: str) -> str:
    # An entry's name is the author's: quoted, escaped and cut short.
    return repr(name[:80])


def _open(kind: ContainerKind, data: bytes) -> zipfile.ZipFile:
    if len(data) > kind.max_bytes:
        raise ContainerError(
            "the file is larger than it can be (at most {limit} bytes)",
            error_code=ContainerFailure.TOO_LARGE,
            limit=kind.max_bytes,
        )
    if data.count(CENTRAL_ENTRY) > MAX_ENTRIES:
        raise ContainerError(
            "the file holds more entries than it can have", error_code=ContainerFailure.TOO_LARGE
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except ZIP_FAILURES:
        raise ContainerError(
            "the file is not a zip file", error_code=ContainerFailure.NOT_A_CONTAINER
        ) from None


def unsafe_entry(info: zipfile.ZipInfo) -> Phrase | None:
    name = info.filename
    mode = info.external_attr >> 16
    if name.endswith(("/", "\\")) or info.external_attr & 0x10 or stat.S_ISDIR(mode):
        return Phrase("a directory")
    if stat.S_ISLNK(mode):
        return Phrase("a symbolic link")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return Phrase("a special file")
    if name.startswith(("/", "\\")) or name[1:2] == ":":
        return Phrase("an absolute path")
    if ".." in name.replace("\\", "/").split("/"):
        return Phrase("a path outside the package")
    return None


def _entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    for name, count in Counter(info.filename for info in infos).items():
        if count > 1:
            raise ContainerError(
                "the file holds {name} more than once",
                error_code=ContainerFailure.DUPLICATE_ENTRY,
                name=shown_name(name),
            )
    for info in infos:
        what = unsafe_entry(info)
        if what is not None:
            raise ContainerError(
                "the file's entry {name} is {what}; it may hold only plain files",
                error_code=ContainerFailure.UNSAFE_ENTRY,
                name=shown_name(info.filename),
                what=what,
            )
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise ContainerError(
                "{name} in the file is encrypted or compressed in a way this program "
                "does not write",
                error_code=ContainerFailure.DAMAGED,
                name=shown_name(info.filename),
            )
    return {info.filename: info for info in infos}


def _member(
    kind: ContainerKind,
    archive: zipfile.ZipFile,
    entries: Mapping[str, zipfile.ZipInfo],
    name: str,
) -> bytes:
    """One member's bytes, streamed in chunks and capped."""
    info = entries.get(name)
    if info is None:
        raise ContainerError(
            "the file has no {name}", error_code=ContainerFailure.MISSING_MEMBER, name=name
        )
    limit = kind.limits.get(name, SMALL_MEMBER_BYTES)
    too_large = ContainerError(
        "{name} in the file is implausibly large", error_code=ContainerFailure.TOO_LARGE, name=name
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
        raise ContainerError(
            "{name} in the file is damaged", error_code=ContainerFailure.DAMAGED, name=name
        ) from None
    if len(content) != info.file_size:
        raise ContainerError(
            "{name} in the file is damaged", error_code=ContainerFailure.DAMAGED, name=name
        )
    return bytes(content)


def json_member(data: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ContainerError(
            "{name} is not valid JSON ({error})",
            error_code=ContainerFailure.MALFORMED,
            name=name,
            error=error,
        ) from None
    if not isinstance(value, dict):
        raise ContainerError(
            "{name} is not a JSON object", error_code=ContainerFailure.MALFORMED, name=name
        )
    return value


def issued_at(manifest: Mapping[str, Any]) -> str:
    """The manifest's time of issue: ISO 8601 with a UTC offset."""
    value = manifest.get("issued_at")
    try:
        if isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None:
            return value
    except ValueError:
        pass
    raise ContainerError(
        "the file's manifest has no valid time of issue", error_code=ContainerFailure.MALFORMED
    )


def read_container(kind: ContainerKind, data: bytes, trusted_root: x509.Certificate) -> Container:
    """Open and check a container: entries, committee, signature, signer, hashes. Raises
    ContainerError and nothing else for any bytes."""
    with _open(kind, data) as archive:
        entries = _entries(archive)
        manifest_bytes = _member(kind, archive, entries, MANIFEST)
        manifest = json_member(manifest_bytes, MANIFEST)
        if manifest.get("format") != kind.format:
            raise ContainerError(
                "the file is not a {format} (unknown manifest format)",
                error_code=ContainerFailure.NOT_A_CONTAINER,
                format=kind.format,
            )
        version = manifest.get("version")
        if version != kind.version and version not in kind.older_versions:
            raise ContainerError(
                "format version {get!r} is newer than this program understands (it reads "
                "version {version}); update qz-evaluator",
                error_code=ContainerFailure.NEWER_FORMAT,
                get=version,
                version=kind.version,
            )
        unlisted = sorted(set(entries) - kind.entries)
        if unlisted:
            raise ContainerError(
                "the file holds {name}, which its signed manifest does not list",
                error_code=ContainerFailure.UNLISTED_ENTRY,
                name=shown_name(unlisted[0]),
            )
        try:
            root = certificates.load_certificate(_member(kind, archive, entries, ROOT_CERT))
            secretariat = certificates.load_certificate(
                _member(kind, archive, entries, SECRETARIAT_CERT)
            )
        except CertificateError as error:
            raise ContainerError(
                "the file's certificates are damaged: {error}",
                error_code=ContainerFailure.MALFORMED,
                error=error,
            ) from None
        if root != trusted_root:
            # Said before the signature: a foreign committee's file fails that too, but
            # this is what the person needs to hear.
            raise ContainerError(
                "the file comes from another committee: its root certificate is not this "
                "workspace's",
                error_code=ContainerFailure.OTHER_COMMITTEE,
            )
        try:
            verify_bytes(
                manifest_bytes, _member(kind, archive, entries, SIGNATURE), secretariat, root
            )
        except (CertificateError, SignatureInvalid) as error:
            raise ContainerError(
                "the file's signature is not valid: {error}",
                error_code=ContainerFailure.BAD_SIGNATURE,
                error=error,
            ) from None
        if certificates.certificate_role(secretariat) != certificates.ROLE_SECRETARIAT:
            raise ContainerError(
                "the file was not signed by the secretariat",
                error_code=ContainerFailure.NOT_SECRETARIAT,
            )
        files = manifest.get("files")
        if not isinstance(files, dict) or set(files) != set(kind.members):
            raise ContainerError(
                "the file's manifest does not list the expected members",
                error_code=ContainerFailure.MALFORMED,
            )
        members = {}
        for name in kind.members:
            content = _member(kind, archive, entries, name)
            if hashlib.sha256(content).hexdigest() != files[name]:
                raise ContainerError(
                    "{name} was changed after the file was signed",
                    error_code=ContainerFailure.TAMPERED,
                    name=name,
                )
            members[name] = content
    return Container(
        manifest=manifest,
        members=members,
        secretariat=secretariat,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
    )
