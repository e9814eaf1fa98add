"""Hostile assignment packages (issue 11, points 2, 7, 8, 9): damaged, oversized, padded
with extras, replayed, written to a full disk. Each is refused with its PackageRefusal
code and leaves the evaluator's workspace as it was; the zips are built here, in code."""

from __future__ import annotations

import bz2
import errno
import functools
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import keyring
import pytest
from cryptography import x509
from hypothesis import given, settings
from hypothesis import strategies as st

from qz_evaluator.assets import get_asset
from qz_evaluator.domain.roster import PanelMember, PanelRole
from qz_evaluator.exchange.package import (
    MAX_PACKAGE_BYTES,
    Package,
    PackageError,
    PackageRefusal,
    build_package,
    read_package,
)
from qz_evaluator.services import demo, identity, packages
from qz_evaluator.services.errors import DiskFull, ServiceError
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates
from tests.cli.conftest import Qzeval
from tests.services.conftest import committee_and_p01
from tests.support.trust import MemoryKeyring, install_memory_keychain

ROUND = demo.SITE_ROUND
GiB = 1 << 30

# ----- a zip writer that writes whatever it is told ---------------------------------------


@dataclass(frozen=True)
class Entry:
    """One zip entry as written: `data` is the content; the other fields default to the
    truth and can be made to lie."""

    name: str
    data: bytes
    deflate: bool = True
    mode: int = 0o100644  # unix mode, external_attr >> 16
    file_size: int | None = None  # declared uncompressed size
    crc: int | None = None
    raw: bytes | None = None  # the compressed bytes, if not `data` deflated
    method: int | None = None  # the compression method written, if not deflate or stored
    flags: int = 0x800  # UTF-8 names


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def build_zip(entries: list[Entry]) -> bytes:
    out, central = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        raw = e.raw if e.raw is not None else deflated(e.data) if e.deflate else e.data
        method = e.method or (zipfile.ZIP_DEFLATED if e.deflate else zipfile.ZIP_STORED)
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        size = len(e.data) if e.file_size is None else e.file_size
        flags, date = e.flags, 0x21  # 1980-01-01
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            flags,
            method,
            0,
            date,
            crc,
            len(raw),
            size,
            len(name),
            0,
        )
        out += name + raw
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            (3 << 8) | 20,  # made on unix: the mode is meaningful
            20,
            flags,
            method,
            0,
            date,
            crc,
            len(raw),
            size,
            len(name),
            0,
            0,
            0,
            0,
            e.mode << 16,
            offset,
        )
        central += name
    start = len(out)
    out += central
    n = len(entries)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), start, 0)
    return bytes(out)


def entries_of(data: bytes) -> list[Entry]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [Entry(i.filename, archive.read(i)) for i in archive.infolist()]


@functools.cache
def zeros_deflated(size: int) -> bytes:
    """`size` zero bytes (whole MiB) deflated into about size/1000: one MiB compressed
    and fully flushed (which resets the compressor), repeated, then the final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * (size >> 20) + packer.flush()


# ----- the round -------------------------------------------------------------------------


@dataclass
class Setup:
    secretariat: Workspace
    evaluator: Workspace
    tmp: Path

    def package(self, code: str = "P01") -> Path:
        return packages.export_packages(self.secretariat, ROUND, self.tmp / "pkg", [code])[0]

    def hostile(self, data: bytes, name: str = "hostile.qzpkg") -> Path:
        path = self.tmp / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path


@pytest.fixture
def setup(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Setup]:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        yield Setup(secretariat, evaluator, tmp_path)


def state(setup: Setup) -> tuple[str, list[str]]:
    """The evaluator's workspace as a dump, and every file around it."""
    dump = "\n".join(setup.evaluator.db.conn.iterdump())
    files = sorted(str(p.relative_to(setup.tmp)) for p in setup.tmp.rglob("*"))
    return dump, files


def refused(
    setup: Setup, path: Path, code: PackageRefusal, match: str | None = None
) -> ServiceError:
    before = state(setup)
    with pytest.raises(ServiceError, match=match) as caught:
        packages.import_package(setup.evaluator, path)
    assert caught.value.code == code, caught.value
    assert state(setup) == before
    return caught.value


# ----- point 2: damaged and oversized -----------------------------------------------------


def test_a_flipped_byte_in_compressed_data_is_a_damaged_package(setup: Setup) -> None:
    data = bytearray(setup.package().read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("criteria.json")
    # The member's data follows its 30-byte local header, name and extra field.
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0x20
    refused(
        setup,
        setup.hostile(bytes(data)),
        PackageRefusal.DAMAGED,
        "criteria.json in the file is damaged",
    )


def test_a_member_larger_than_the_cap_is_refused_before_it_is_read(setup: Setup) -> None:
    entries = [
        Entry(e.name, b"", raw=zeros_deflated(100 << 20), file_size=100 << 20)
        if e.name == "criteria.json"
        else e
        for e in entries_of(setup.package().read_bytes())
    ]
    refused(
        setup,
        setup.hostile(build_zip(entries)),
        PackageRefusal.TOO_LARGE,
        "criteria.json in the file is implausibly large",
    )


def test_a_file_larger_than_any_package_is_not_read_whole(setup: Setup) -> None:
    path = setup.tmp / "in" / "huge.qzpkg"
    path.parent.mkdir()
    with path.open("wb") as sparse:  # 2 GiB on paper, nothing on disk
        sparse.truncate(2 * GiB)
    refused(setup, path, PackageRefusal.TOO_LARGE, f"at most {MAX_PACKAGE_BYTES} bytes")


def test_too_many_entries_are_refused_before_they_are_parsed(setup: Setup) -> None:
    entries = entries_of(setup.package().read_bytes())
    padding = [Entry(f"x{i}", b"") for i in range(1000)]
    refused(
        setup,
        setup.hostile(build_zip(entries + padding)),
        PackageRefusal.TOO_LARGE,
        "more entries than it can have",
    )


ATTACK = """
import sys
from pathlib import Path
from qz_evaluator.exchange.package import PackageError, read_package
from qz_evaluator.trust import certificates
root = certificates.load_certificate(Path(sys.argv[2]).read_bytes())
try:
    read_package(Path(sys.argv[1]).read_bytes(), root)
except PackageError as error:
    print(error.code, error)
"""

# Runs the attack as its own child, so that RUSAGE_CHILDREN is the attack's alone (not
# the largest of every child this test run has waited for).
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", *sys.argv[1:]], capture_output=True, text=True)
print(done.stdout.strip())
print(done.stderr.strip()[-2000:])
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_a_manifest_that_lies_about_its_size_costs_little_memory(setup: Setup) -> None:
    # 1 GiB of zeros in about 1 MB, its header saying 772 bytes: zipfile's own read()
    # unpacks all of it in one go (2.1 GB), then fails its CRC with BadZipFile.
    entries = [
        replace(e, raw=zeros_deflated(GiB), file_size=len(e.data))
        if e.name == "manifest.json"
        else e
        for e in entries_of(setup.package().read_bytes())
    ]
    bomb = setup.hostile(build_zip(entries))
    assert bomb.stat().st_size < 2 << 20
    root = setup.tmp / "root.pem"
    root.write_bytes(certificates.certificate_pem(identity.committee_root(setup.evaluator)))
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, ATTACK, str(bomb), str(root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    verdict, errors, status = done.stdout.rstrip("\n").rsplit("\n", 2)
    returncode, max_rss_kib = map(int, status.split())
    assert (returncode, errors) == (0, "")
    assert verdict == "package-damaged manifest.json in the file is damaged"
    assert max_rss_kib < 200 * 1024, f"{max_rss_kib} KiB"


# ----- point 9: nothing that the signed manifest does not list ----------------------------


def with_extra(extra: Entry) -> Callable[[list[Entry]], list[Entry]]:
    return lambda entries: [*entries, extra]


def replacing(name: str, by: Entry) -> Callable[[list[Entry]], list[Entry]]:
    return lambda entries: [by if e.name == name else e for e in entries]


def duplicate(name: str) -> Callable[[list[Entry]], list[Entry]]:
    return lambda entries: [*entries, *(e for e in entries if e.name == name)]


EXTRAS: dict[str, tuple[Callable[[list[Entry]], list[Entry]], PackageRefusal, str]] = {
    "extra file": (
        with_extra(Entry("readme.txt", b"hello")),
        PackageRefusal.UNLISTED_ENTRY,
        "holds 'readme.txt', which its signed manifest does not list",
    ),
    "honest 1 GiB extra": (
        lambda entries: [
            *entries,
            Entry("big.bin", b"", raw=zeros_deflated(GiB), file_size=GiB, crc=0),
        ],
        PackageRefusal.UNLISTED_ENTRY,
        "holds 'big.bin'",
    ),
    "parent path": (
        with_extra(Entry("../../x", b"#!/bin/sh\n")),
        PackageRefusal.UNSAFE_ENTRY,
        "entry '../../x' is a path outside the package",
    ),
    "absolute path": (
        with_extra(Entry("/tmp/x", b"x")),
        PackageRefusal.UNSAFE_ENTRY,
        "entry '/tmp/x' is an absolute path",
    ),
    "windows absolute path": (
        with_extra(Entry("C:\\x", b"x")),
        PackageRefusal.UNSAFE_ENTRY,
        "is an absolute path",
    ),
    "symlink entry": (
        with_extra(Entry("link", b"/etc/passwd", mode=0o120777)),
        PackageRefusal.UNSAFE_ENTRY,
        "entry 'link' is a symbolic link",
    ),
    "symlink in a member's place": (
        replacing("criteria.json", Entry("criteria.json", b"/etc/passwd", mode=0o120777)),
        PackageRefusal.UNSAFE_ENTRY,
        "entry 'criteria.json' is a symbolic link",
    ),
    "directory": (
        with_extra(Entry("extra/", b"", mode=0o040755)),
        PackageRefusal.UNSAFE_ENTRY,
        "entry 'extra/' is a directory",
    ),
    # bzip2 and lzma unpack without a bound on zipfile's reads: only what we write.
    "bzip2 member": (
        lambda entries: [
            replace(e, raw=bz2.compress(e.data), method=zipfile.ZIP_BZIP2)
            if e.name == "criteria.json"
            else e
            for e in entries
        ],
        PackageRefusal.DAMAGED,
        "'criteria.json' in the file is encrypted or compressed in a way",
    ),
    "encrypted member": (
        lambda entries: [
            replace(e, flags=0x801) if e.name == "assignment.json" else e for e in entries
        ],
        PackageRefusal.DAMAGED,
        "'assignment.json' in the file is encrypted",
    ),
    "duplicate name": (
        duplicate("assignment.json"),
        PackageRefusal.DUPLICATE_ENTRY,
        "holds 'assignment.json' more than once",
    ),
    "bidi name": (
        with_extra(Entry("x\u202egpj.exe", b"x")),
        PackageRefusal.UNLISTED_ENTRY,
        r"holds 'x\u202egpj.exe'",  # escaped, never shown as it would render
    ),
}


@pytest.mark.parametrize("attack", EXTRAS)
def test_anything_beside_the_signed_members_is_refused(setup: Setup, attack: str) -> None:
    change, code, message = EXTRAS[attack]
    entries = change(entries_of(setup.package().read_bytes()))
    error = refused(setup, setup.hostile(build_zip(entries)), code)
    assert message in str(error)


def test_a_genuine_package_rewritten_by_the_test_writer_still_imports(setup: Setup) -> None:
    # The writer above is faithful: the refusals are the attacks', not the writer's.
    rebuilt = setup.hostile(build_zip(entries_of(setup.package().read_bytes())))
    assert len(packages.import_package(setup.evaluator, rebuilt).candidates_added) == 6


def test_the_cli_names_the_refusal(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    entries = with_extra(Entry("../../x", b"x"))(entries_of(setup.package().read_bytes()))
    path = setup.hostile(build_zip(entries))
    before = state(setup)
    run = Qzeval(capsys)("package", "import", path, "-w", setup.evaluator.path, "--json", ok=False)
    assert run.returncode == 1
    error = json.loads(run.stdout)["error"]
    assert error["code"] == "package-unsafe-entry"
    assert "entry '../../x' is a path outside the package" in error["message"]
    assert "Traceback" not in run.stderr
    assert state(setup) == before


def test_the_cli_says_which_package_it_installed(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup.package()
    issued_at = read_package(path.read_bytes(), identity.committee_root(setup.evaluator)).issued_at
    qzeval = Qzeval(capsys)
    assert qzeval.json("package", "import", path, "-w", setup.evaluator.path)["issued_at"] == (
        issued_at
    )
    text = qzeval("package", "import", path, "-w", setup.evaluator.path).stdout
    assert text.startswith(f"round {ROUND} (package issued at {issued_at}): ")


# ----- point 8: replay ------------------------------------------------------------------


def move_p01(setup: Setup) -> str:
    """The secretariat puts P01 on one more panel; returns that candidate."""
    newcomer = next(
        c.credit_code
        for c in setup.secretariat.candidates()
        if not setup.secretariat.panel_members(credit_code=c.credit_code, evaluator_code="P01")
        and not setup.secretariat.conflicts(credit_code=c.credit_code, evaluator_code="P01")
    )
    setup.secretariat.add_panel_member(PanelMember(ROUND, newcomer, "P01", PanelRole.MEMBER))
    return newcomer


def keep(path: Path) -> Path:
    kept = path.with_name(f"old-{path.name}")
    path.rename(kept)
    return kept


def test_an_older_package_after_a_newer_one_is_refused(setup: Setup) -> None:
    older = keep(setup.package())
    packages.import_package(setup.evaluator, older)
    newcomer = move_p01(setup)
    newer = setup.package()
    assert newcomer in packages.import_package(setup.evaluator, newer).candidates_added
    error = refused(
        setup,
        older,
        PackageRefusal.OLDER,
        "before the one already imported for round 2026-site .*import the newest package",
    )
    assert str(
        read_package(older.read_bytes(), identity.committee_root(setup.evaluator)).issued_at
    ) in str(error)
    assert not setup.evaluator.candidate(newcomer).withdrawn
    # The newest one again is no replay: it imports (and changes nothing).
    assert packages.import_package(setup.evaluator, newer).withdrawn == []


def signed_package(setup: Setup, issued_at: str, secretariat_workspace_id: str) -> Path:
    """P01's assignment as the secretariat really signs it, at a chosen time and from a
    chosen secretariat workspace."""
    signer = identity.secretariat_identity(setup.secretariat)
    path = setup.tmp / "in" / f"{issued_at.replace(':', '')}.qzpkg"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(
        build_package(
            assignment=packages.assignment_for(setup.secretariat, ROUND, "P01"),
            criteria_bytes=get_asset("criteria", "gbt19580-2012.json").read_bytes(),
            evaluator_certificate=identity.issued_certificate(setup.secretariat, "P01"),
            root=signer.chain[0],
            secretariat_certificate=signer.cert,
            secretariat_key=signer.key,
            secretariat_workspace_id=secretariat_workspace_id,
            issued_at=issued_at,
        )
    )
    return path


def test_an_older_package_from_another_secretariat_workspace_is_refused(setup: Setup) -> None:
    packages.import_package(setup.evaluator, setup.package())
    older = signed_package(setup, "2026-06-01T08:00:00+00:00", "another-secretariat-laptop")
    refused(
        setup,
        older,
        PackageRefusal.OLDER,
        "comes from another secretariat workspace and was issued at 2026-06-01T08:00:00",
    )


def test_the_issue_time_is_stored_and_a_workspace_without_one_takes_the_first(
    setup: Setup,
) -> None:
    june = signed_package(setup, "2026-06-01T08:00:00+00:00", setup.secretariat.workspace_id)
    july = signed_package(setup, "2026-07-01T08:00:00+08:00", setup.secretariat.workspace_id)
    packages.import_package(setup.evaluator, july)
    stored = packages.ISSUED_AT_META.format(round_code=ROUND)
    assert setup.evaluator.meta(stored) == "2026-07-01T08:00:00+08:00"
    assert setup.evaluator.meta(packages.ISSUED_BY_META.format(round_code=ROUND)) == (
        setup.secretariat.workspace_id
    )
    refused(setup, june, PackageRefusal.OLDER, "issued at 2026-06-01T08:00:00")
    # A workspace that imported before issue times were kept has none: the next package
    # is taken, and its time kept from then on.
    setup.evaluator.db.execute("DELETE FROM meta WHERE key = ?", [stored])
    setup.evaluator.db.conn.commit()
    packages.import_package(setup.evaluator, june)
    assert setup.evaluator.meta(stored) == "2026-06-01T08:00:00+00:00"
    # Times compare as times, not as text: 00:30 at +00:00 is after 08:00 at +08:00.
    at = setup.secretariat.workspace_id
    later = signed_package(setup, "2026-06-02T00:30:00+00:00", at)
    earlier = signed_package(setup, "2026-06-02T08:00:00+08:00", at)
    packages.import_package(setup.evaluator, later)
    refused(setup, earlier, PackageRefusal.OLDER, "issued at 2026-06-02T08:00:00\\+08:00")


def test_an_older_package_of_another_round_is_no_replay(setup: Setup) -> None:
    site = packages.export_packages(setup.secretariat, ROUND, setup.tmp / "site", ["P01"])
    setup.secretariat.add_panel_member(
        PanelMember(demo.DOCUMENT_ROUND, move_p01(setup), "P01", PanelRole.MEMBER)
    )
    document = packages.export_packages(
        setup.secretariat, demo.DOCUMENT_ROUND, setup.tmp / "doc", ["P01"]
    )
    # Issue times are kept per round: the document round's package, issued later but
    # imported first, does not make the site round's look old.
    packages.import_package(setup.evaluator, document[0])
    assert packages.import_package(setup.evaluator, site[0]).round_code == ROUND


# ----- point 7: a full disk ---------------------------------------------------------------


class NoSpace(io.RawIOBase):
    """A file on a full disk: it opens (and so exists), every write fails."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self.real.fileno())

    def close(self) -> None:
        self.real.close()
        super().close()


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = io.open

    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return NoSpace(handle) if any(c in mode for c in "wax+") else handle

    # Path.write_bytes, open() through io and os.fdopen all go through io.open.
    monkeypatch.setattr(io, "open", opened)


@pytest.mark.parametrize("fails", ["write", "replace"])
def test_a_full_disk_leaves_no_package_behind(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    out = setup.tmp / "out"
    out.mkdir()
    if fails == "write":
        full_disk(monkeypatch)
    else:

        def no_space(*args: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(DiskFull, match="the disk is full; the package 2026-site_P01_") as caught:
        packages.export_packages(setup.secretariat, ROUND, out, ["P01"])
    monkeypatch.undo()
    assert caught.value.code == "disk-full"
    assert list(out.iterdir()) == []  # no 0-byte .qzpkg, no .part


# ----- property: any mutation is the same package or a PackageError ----------------------


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Package, x509.Certificate]:
    previous = keyring.get_keyring()
    install_memory_keychain()
    try:
        with committee_and_p01(tmp_path_factory.mktemp("genuine")) as (secretariat, _):
            path = packages.export_packages(secretariat, ROUND, secretariat.path.parent, ["P01"])
            root = identity.committee_root(secretariat)
            data = path[0].read_bytes()
    finally:
        keyring.set_keyring(previous)
    return data, read_package(data, root), root


Mutation = Callable[[bytes], bytes]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """One change to a package's bytes; positions wrap around whatever length it has."""
    spot = draw(st.integers(0, 1 << 16))
    kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "swap"]))
    if kind == "flip":
        bit = draw(st.integers(0, 7))
        return lambda d: flip(d, spot % len(d), bit)
    if kind == "set":
        value = draw(st.binary(min_size=1, max_size=8))
        return lambda d: d[: spot % len(d)] + value + d[spot % len(d) + len(value) :]
    if kind == "insert":
        value = draw(st.binary(min_size=1, max_size=64))
        return lambda d: d[: spot % len(d)] + value + d[spot % len(d) :]
    if kind == "delete":
        length = draw(st.integers(1, 64))
        return lambda d: d[: spot % len(d)] + d[spot % len(d) + length :]
    if kind == "truncate":
        return lambda d: d[: spot % len(d)]
    other = draw(st.integers(0, 1 << 16))
    return lambda d: swap(d, spot % len(d), other % len(d))


def flip(data: bytes, at: int, bit: int) -> bytes:
    return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]


def swap(data: bytes, a: int, b: int) -> bytes:
    changed = bytearray(data)
    changed[a], changed[b] = data[b], data[a]
    return bytes(changed)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_any_mutation_is_the_same_package_or_a_package_error(
    genuine: tuple[bytes, Package, x509.Certificate], data: st.DataObject
) -> None:
    original, package, root = genuine
    mutated = original
    for change in data.draw(st.lists(mutations(), min_size=1, max_size=3)):
        mutated = change(mutated) if mutated else mutated
    try:
        result = read_package(mutated, root)
    except PackageError as error:
        assert error.code in set(PackageRefusal), error.code
        return
    assert result == package  # a change zip ignores (a date, an attribute): the same
