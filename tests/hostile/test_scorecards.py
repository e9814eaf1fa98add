"""Hostile scorecard files: bad certificates, insider PDFs, absurd revisions, Flate bombs.

Every file gets its own verdict (a stable reason code) in `verify` and in `merge`, never a
traceback, and a refused file changes nothing in the secretariat's workspace.
"""

from __future__ import annotations

import dataclasses
import io
import json
import random
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from qz_evaluator.assets import criteria_set
from qz_evaluator.cli import main
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import Scorecard
from qz_evaluator.services import demo, identity, merge, scorecard_files
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scorecard_files import Rejection
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.pdf_attachments import embed_file
from qz_evaluator.trust.pdf_signing import sign_pdf
from tests.services.conftest import enrol, score_fully
from tests.support.trust import MemoryKeyring

NOW = datetime.now(UTC)


@dataclass
class Committee:
    secretariat: Workspace
    evaluator: Workspace  # P01, enrolled
    card: Scorecard  # P01's final scorecard
    root: x509.Certificate
    root_key: ec.EllipticCurvePrivateKey
    tmp: Path


@pytest.fixture
def committee(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Committee]:
    secretariat = demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT)
    secretariat.actor = "secretariat"
    evaluator = demo.build_demo(tmp_path / "ev.qzw")
    identity.create_committee_root(secretariat, "测试评审委员会根证书")
    enrol(secretariat, evaluator, "罗思丽")
    card = score_fully(evaluator, ScoringService(evaluator).ensure_all(demo.SITE_ROUND)[-1])
    root_key = keychain.load_private_key(identity.root_key_name(secretariat))
    yield Committee(
        secretariat, evaluator, card, identity.committee_root(secretariat), root_key, tmp_path
    )
    secretariat.close()
    evaluator.close()


# ----- generators -----------------------------------------------------------------------


def document(committee: Committee, revision: int = 1) -> scd.ScorecardDocument:
    """P01's final scorecard as scorecard.json says it, exported now."""
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    return scorecard_files._document(committee.evaluator, committee.card, revision, exported_at)


def certificate(
    subject_key: ec.EllipticCurvePrivateKey,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    name: str = "罗思丽",
    code: str | None = "P01",
    issuer: x509.Name | None = None,
    ca: bool = False,
    not_before: datetime = NOW - timedelta(days=1),
    not_after: datetime = NOW + timedelta(days=365),
) -> x509.Certificate:
    """A certificate as a forger would make it: any name, issuer, validity and role."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if code is not None:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, code))
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "evaluator"))
    subject = x509.Name(attributes)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer or subject)
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


def signed(
    committee: Committee,
    key: ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    doc: scd.ScorecardDocument | None = None,
    *,
    when: datetime | None = None,
) -> bytes:
    """P01's scorecard signed by `cert` (at `when`, within its validity)."""
    doc = doc or document(committee)
    pdf = render_scorecard(doc, criteria_set(doc.criteria_id), "zh")
    pdf = embed_file(pdf, scorecard_files.ATTACHMENT, scd.to_bytes(doc))
    return sign_pdf(pdf, key, cert, chain, signing_time=when)


def hostile_certificates(committee: Committee) -> dict[str, tuple[bytes, str]]:
    """File name → (PDF bytes, the verdict expected for it)."""
    root, root_key = committee.root, committee.root_key
    files: dict[str, tuple[bytes, str]] = {}
    key = ec.generate_private_key(ec.SECP256R1())
    no_serial = certificate(key, key, code=None)
    files["self-signed-no-serial"] = (signed(committee, key, no_serial, []), "unknown-signer")
    files["self-signed"] = (
        signed(committee, key, certificate(key, key), []),
        "unknown-signer",
    )
    files["root-key"] = (signed(committee, root_key, root, [root]), "unknown-signer")
    # The committee issued it, but it names no evaluator: only the secretariat could.
    unnamed = certificate(key, root_key, code=None, issuer=root.subject)
    files["issued-no-serial"] = (
        signed(committee, key, unnamed, [root]),
        "not-an-evaluator-certificate",
    )
    expired = certificate(
        key,
        root_key,
        issuer=root.subject,
        not_before=NOW - timedelta(days=30),
        not_after=NOW - timedelta(days=2),
    )
    files["expired"] = (
        signed(committee, key, expired, [root], when=NOW - timedelta(days=10)),
        "unknown-signer",
    )
    future = certificate(
        key,
        root_key,
        issuer=root.subject,
        not_before=NOW + timedelta(days=2),
        not_after=NOW + timedelta(days=30),
    )
    files["not-yet-valid"] = (
        signed(committee, key, future, [root], when=NOW + timedelta(days=3)),
        "unknown-signer",
    )
    look_alike_key = ec.generate_private_key(ec.SECP256R1())
    look_alike = certificate(look_alike_key, look_alike_key, name="x", code=None, ca=True)
    look_alike = x509.CertificateBuilder(
        issuer_name=root.subject,
        subject_name=root.subject,
        public_key=look_alike_key.public_key(),
        serial_number=root.serial_number,
        not_valid_before=root.not_valid_before_utc,
        not_valid_after=root.not_valid_after_utc,
        extensions=list(root.extensions),
    ).sign(look_alike_key, hashes.SHA256())
    forged = certificate(key, look_alike_key, issuer=look_alike.subject)
    files["look-alike-root"] = (signed(committee, key, forged, [look_alike]), "unknown-signer")
    # An intermediate CA under the root (which allows none): neither it nor what it
    # issues signs a scorecard.
    ca_key = ec.generate_private_key(ec.SECP256R1())
    intermediate = certificate(
        ca_key, root_key, name="分支机构", code=None, issuer=root.subject, ca=True
    )
    files["intermediate-ca"] = (
        signed(committee, ca_key, intermediate, [root]),
        "unknown-signer",
    )
    below = certificate(key, ca_key, issuer=intermediate.subject)
    files["below-intermediate"] = (
        signed(committee, key, below, [intermediate, root]),
        "unknown-signer",
    )
    return files


def dump(workspace: Workspace) -> list[str]:
    return list(workspace.db.iterdump())


# ----- point 1: every file its own verdict, whatever its certificate -----------------------


def test_every_certificate_gets_its_own_verdict_in_verify_and_merge(
    committee: Committee, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = committee.tmp / "inbox"
    folder.mkdir()
    good = scorecard_files.export_scorecard(committee.evaluator, committee.card, folder)
    expected: dict[str, str | None] = {good.path.name: None}
    for name, (pdf, reason) in hostile_certificates(committee).items():
        (folder / f"{name}.pdf").write_bytes(pdf)
        expected[f"{name}.pdf"] = reason

    checks = scorecard_files.check_files(merge.scorecard_paths([folder]), committee.root)
    found = {Path(c.source).name: c.as_dict()["reason"] for c in checks}
    assert found == expected

    # The CLI: one line and one JSON entry per file, rc 1 as some are refused.
    capsys.readouterr()
    code = main(["verify", str(folder), "--workspace", str(committee.secretariat.path), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""  # no traceback, no pyHanko log
    entries = json.loads(out)
    assert {Path(e["file"]).name: e["reason"] for e in entries} == expected
    # verify names the certificate's holder, not the name inside scorecard.json.
    valid = next(e for e in entries if e["valid"])
    assert valid["signer"] == "P01"

    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    reasons = {Path(e.file).name: e.reason for e in summary.entries}
    assert reasons == expected
    assert summary.count(Outcome.ACCEPTED) == 1
    after = dump(committee.secretariat)
    assert len(after) > len(before)  # the good one only
    archive = sorted(p.name for p in merge.archive_dir(committee.secretariat).iterdir())
    assert archive == [f"{good.file_sha256}.pdf"]


@pytest.mark.e2e
def test_untrusted_and_expired_signers_print_no_traceback(committee: Committee) -> None:
    """The real program, as pyHanko's warnings reach stderr only outside pytest."""
    files = hostile_certificates(committee)
    folder = committee.tmp / "noisy"
    folder.mkdir()
    for name in ("expired", "self-signed", "not-yet-valid"):
        (folder / f"{name}.pdf").write_bytes(files[name][0])
    root = committee.tmp / "root.pem"
    root.write_bytes(certificates.certificate_pem(committee.root))
    qzeval = Path(sys.executable).with_name("qzeval")
    result = subprocess.run(
        [qzeval, "verify", folder, "--root", root, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert [e["reason"] for e in json.loads(result.stdout)] == ["unknown-signer"] * 3


def test_verify_names_the_certificate_holder(
    committee: Committee, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(committee)
    renamed = dataclasses.replace(doc, evaluator=dataclasses.replace(doc.evaluator, name="冒名者"))
    signer = identity.evaluator_identity(committee.evaluator)
    path = committee.tmp / "renamed.pdf"
    path.write_bytes(scorecard_files.signed_scorecard_pdf(renamed, signer))
    capsys.readouterr()
    code = main(["verify", str(path), "--workspace", str(committee.secretariat.path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "罗思丽 (P01)" in out and "冒名者" not in out


# ----- point 2 and 10: revisions 1…MAX_REVISION, nothing else ------------------------------


def p01_signed(committee: Committee, doc: scd.ScorecardDocument, path: Path) -> Path:
    """Signed by P01 with the enrolled key: an insider's file."""
    signer = identity.evaluator_identity(committee.evaluator)
    path.write_bytes(scorecard_files.signed_scorecard_pdf(doc, signer))
    return path


def test_revisions_outside_the_range_are_refused_and_leave_nothing(committee: Committee) -> None:
    folder = committee.tmp / "revisions"
    folder.mkdir()
    doc = document(committee)
    for revision in (10**20, 2**63 - 1, scd.MAX_REVISION + 1, 0, -5):
        p01_signed(
            committee, dataclasses.replace(doc, revision=revision), folder / f"r{revision}.pdf"
        )
    checks = scorecard_files.check_files(sorted(folder.iterdir()), committee.root)
    assert {c.rejection for c in checks} == {Rejection.REVISION_OUT_OF_RANGE}
    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    assert [e.reason for e in summary.entries] == ["revision-out-of-range"] * 5
    assert dump(committee.secretariat) == before
    assert not merge.archive_dir(committee.secretariat).exists()  # no orphan archive file
    # The highest revision allowed is an ordinary one.
    top = p01_signed(
        committee, dataclasses.replace(doc, revision=scd.MAX_REVISION), folder / "top.pdf"
    )
    assert scorecard_files.check_scorecard_file(top, committee.root).valid


# ----- point 10: a scorecard PDF holds the program's own structure, nothing more ---------


def _name(text: str) -> generic.NameObject:
    return generic.pdf_name(text)


def _dict(entries: dict[str, object]) -> generic.DictionaryObject:
    return generic.DictionaryObject({_name(k): v for k, v in entries.items()})  # type: ignore[no-untyped-call]


def _javascript() -> generic.DictionaryObject:
    return _dict({"/S": _name("/JavaScript"), "/JS": generic.pdf_string("app.alert(1)")})


def _updated(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _open_action(writer: IncrementalPdfFileWriter) -> None:
    writer.root["/OpenAction"] = writer.add_object(_javascript())
    writer.update_root()  # type: ignore[no-untyped-call]


def _page(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    page: generic.DictionaryObject = writer.root["/Pages"]["/Kids"][0].get_object()
    return page


def _launch_link(writer: IncrementalPdfFileWriter) -> None:
    launch = _dict({"/S": _name("/Launch"), "/F": generic.pdf_string("calc.exe")})
    annotation = _dict(
        {
            "/Type": _name("/Annot"),
            "/Subtype": _name("/Link"),
            "/Rect": generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 600, 800)]),  # type: ignore[no-untyped-call]
            "/A": launch,
        }
    )
    page = _page(writer)
    page["/Annots"] = generic.ArrayObject([writer.add_object(annotation)])
    writer.update_container(page)


def _page_open_script(writer: IncrementalPdfFileWriter) -> None:
    page = _page(writer)
    page["/AA"] = _dict({"/O": _javascript()})
    writer.update_container(page)


def _document_script(writer: IncrementalPdfFileWriter) -> None:
    names = writer.root["/Names"]
    tree = _dict({"/Names": generic.ArrayObject([generic.pdf_string("x"), _javascript()])})
    names["/JavaScript"] = writer.add_object(tree)
    writer.update_container(names)


def _attach(
    writer: IncrementalPdfFileWriter, name: str, encoded: bytes, *, flate: bool = True
) -> None:
    """An attachment as a forger writes it: any bytes, pre-encoded (a Flate bomb stays
    small here)."""
    entries: dict[str, object] = {"/Type": _name("/EmbeddedFile")}
    if flate:
        entries["/Filter"] = _name("/FlateDecode")
    stream = generic.StreamObject({_name(k): v for k, v in entries.items()}, encoded_data=encoded)
    spec = _dict(
        {
            "/Type": _name("/Filespec"),
            "/F": generic.pdf_string(name),
            "/UF": generic.pdf_string(name),
            "/EF": _dict({"/F": writer.add_object(stream)}),
        }
    )
    if "/Names" in writer.root:  # beside the attachment already there
        tree = writer.root["/Names"]["/EmbeddedFiles"]
        tree["/Names"].extend([generic.pdf_string(name), writer.add_object(spec)])
        writer.update_container(tree["/Names"])
        return
    names = generic.ArrayObject([generic.pdf_string(name), writer.add_object(spec)])
    tree = _dict({"/Names": names})
    writer.root["/Names"] = writer.add_object(_dict({"/EmbeddedFiles": writer.add_object(tree)}))
    writer.update_root()  # type: ignore[no-untyped-call]


def insider_pdf(
    committee: Committee,
    change: Callable[[IncrementalPdfFileWriter], None] | None = None,
    *,
    attachment: Callable[[IncrementalPdfFileWriter], None] | None = None,
) -> bytes:
    """P01's real scorecard, changed before P01 signs it with the enrolled key."""
    doc = document(committee)
    pdf = render_scorecard(doc, criteria_set(doc.criteria_id), "zh")
    if attachment is None:
        pdf = embed_file(pdf, scorecard_files.ATTACHMENT, scd.to_bytes(doc))
    else:
        pdf = _updated(pdf, attachment)
    if change is not None:
        pdf = _updated(pdf, change)
    return sign_p01(committee, pdf)


def sign_p01(committee: Committee, pdf: bytes) -> bytes:
    signer = identity.evaluator_identity(committee.evaluator)
    return sign_pdf(pdf, signer.key, signer.cert, signer.chain)


def test_insider_pdfs_with_more_than_a_scorecard_are_refused(committee: Committee) -> None:
    folder = committee.tmp / "insider"
    folder.mkdir()
    noise = random.Random(11).randbytes(3 * 1024 * 1024)  # incompressible: 3 MiB as it is
    files = {
        "open-action": (insider_pdf(committee, _open_action), "active-content"),
        "launch": (insider_pdf(committee, _launch_link), "active-content"),
        "page-script": (insider_pdf(committee, _page_open_script), "active-content"),
        "document-script": (insider_pdf(committee, _document_script), "active-content"),
        "two-attachments": (
            insider_pdf(committee, lambda w: _attach(w, "notes.txt", zlib.compress(b"more"))),
            "unexpected-attachment",
        ),
        "large-attachment": (
            insider_pdf(
                committee,
                attachment=lambda w: _attach(w, scorecard_files.ATTACHMENT, noise, flate=False),
            ),
            "attachment-too-large",
        ),
    }
    for name, (pdf, _) in files.items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    # Over the file cap: refused before it is read or parsed.
    (folder / "huge.pdf").write_bytes(b"%PDF-1.7\n" + bytes(scorecard_files.MAX_FILE_BYTES))
    expected = {f"{name}.pdf": reason for name, (_, reason) in files.items()}
    expected["huge.pdf"] = "file-too-large"

    checks = scorecard_files.check_files(merge.scorecard_paths([folder]), committee.root)
    assert {Path(c.source).name: c.as_dict()["reason"] for c in checks} == expected
    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    assert {Path(e.file).name: e.reason for e in summary.entries} == expected
    assert dump(committee.secretariat) == before
    assert not merge.archive_dir(committee.secretariat).exists()


def flate_bomb(size: int) -> bytes:
    """`size` zero bytes as one valid zlib stream of about size/1000 bytes: a block of
    1 MiB after a full flush deflates to the same bytes each time, so it is repeated
    rather than compressed again (1 GiB in a second, not fifteen)."""
    chunk = bytes(1024 * 1024)
    packer = zlib.compressobj(9)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()[:-4]  # the final block, without the checksum of 2 MiB
    count = size // len(chunk)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    return b"".join([head, block * (count - 1), tail, checksum.to_bytes(4, "big")])


# What checking the bomb may take beyond checking a genuine scorecard in the same kind of
# process (~165-270 MB: Python, pyHanko, reportlab); inflating it would take 1 GiB more.
MEMORY_MARGIN_KB = 64 * 1024


def _peak_check(path: Path, root: Path) -> tuple[str, int]:
    """Check one file in a fresh process: its verdict, and the process's own peak memory
    (this process's RUSAGE_CHILDREN also counts every subprocess the suite ran before)."""
    script = textwrap.dedent(f"""
        import resource
        from pathlib import Path
        from qz_evaluator.services import scorecard_files
        from qz_evaluator.trust import certificates
        root = certificates.load_certificate(Path({str(root)!r}).read_bytes())
        check = scorecard_files.check_scorecard_file(Path({str(path)!r}), root)
        print(check.as_dict()["reason"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
    reason, peak_kb = result.stdout.split()
    return reason, int(peak_kb)


def test_a_flate_bomb_as_scorecard_json_is_refused_in_bounded_memory(
    committee: Committee,
) -> None:
    bomb = flate_bomb(1024**3)
    pdf = insider_pdf(committee, attachment=lambda w: _attach(w, scorecard_files.ATTACHMENT, bomb))
    path = committee.tmp / "bomb.pdf"
    path.write_bytes(pdf)
    root = committee.tmp / "root.pem"
    root.write_bytes(certificates.certificate_pem(committee.root))
    good = scorecard_files.export_scorecard(committee.evaluator, committee.card, committee.tmp)
    verdict, baseline = _peak_check(good.path, root)
    assert verdict == "None"  # valid
    reason, peak = _peak_check(path, root)
    assert reason == "attachment-too-large"
    assert peak < baseline + MEMORY_MARGIN_KB, (peak, baseline)


def test_a_killed_merge_leaves_no_debris_after_the_next_run(committee: Committee) -> None:
    good = scorecard_files.export_scorecard(committee.evaluator, committee.card, committee.tmp)
    path = committee.secretariat.path
    committee.secretariat.close()
    # Killed while the signed original is written to the archive, before its rename.
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from qz_evaluator.services import merge, scorecard_files
        from qz_evaluator.store.workspace import Workspace
        def killed(*args, **kwargs):
            os.kill(os.getpid(), 9)
        scorecard_files.os.replace = killed
        ws = Workspace.open(Path({str(path)!r}))
        merge.merge(ws, [Path({str(good.path)!r})], workers=1)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    archive = merge.archive_dir(committee.secretariat)
    assert [p.name for p in archive.glob(".qz-*.part")] != []
    with Workspace.open(path) as workspace:
        workspace.actor = "secretariat"
        summary = merge.merge(workspace, [good.path], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED]
    assert sorted(p.name for p in archive.iterdir()) == [f"{good.file_sha256}.pdf"]


# ----- point 13: merge fails when nothing it was given could be merged --------------------


def test_merge_fails_when_every_file_is_rejected(
    committee: Committee, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = committee.tmp / "rejected"
    folder.mkdir()
    for name, (pdf, _) in list(hostile_certificates(committee).items())[:3]:
        (folder / f"{name}.pdf").write_bytes(pdf)
    workspace = str(committee.secretariat.path)
    capsys.readouterr()
    assert main(["merge", str(folder), "--workspace", workspace, "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    assert "3 rejected" in out and err == ""
    # A folder without a single PDF (say, scorecards renamed .bin) merged nothing: a failure.
    other = committee.tmp / "renamed"
    other.mkdir()
    (other / "scorecard.bin").write_bytes((folder / "self-signed.pdf").read_bytes())
    assert main(["merge", str(other), "--workspace", workspace, "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    assert "no scorecard files (*.pdf)" in out and err == ""
