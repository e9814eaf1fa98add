"""Issue 13, part 4: scorecards only the secretariat can read.

Export seals each signed scorecard in a CMS envelope addressed to the secretariat's
certificate (the one the package brought). On the "USB stick" it reveals no score;
`openssl cms -decrypt` with the secretariat's key gives back the exact signed PDF, which
pdfsig finds valid; merge and verify open it with the key from the keychain; a file for
another committee, a damaged envelope and a workspace without the key are refused, each
with its reason."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.services import demo, identity, merge, packages, results, scorecard_files
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scorecard_files import ExportResult, Rejection
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.services.session import open_workspace
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates, envelope, keychain
from tests.services.conftest import committee_and_p01
from tests.support.tools import tool
from tests.support.trust import MemoryKeyring

ROUND = demo.SITE_ROUND


@dataclass
class Committee:
    secretariat: Workspace
    evaluator: Workspace
    tmp: Path

    def package(self) -> None:
        [path] = packages.export_packages(self.secretariat, ROUND, self.tmp / "pkg", ["P01"])
        packages.import_package(self.evaluator, path)

    def final_cards(self, count: int = 1) -> list[Scorecard]:
        service = ScoringService(self.evaluator)
        cards = []
        for number, card in enumerate(service.ensure_all(ROUND)[:count]):
            for index, item in enumerate(service.criteria_for(ROUND).items):
                card = service.set_percent(card, item.code, 40 + 5 * ((index + number) % 9)).card
                card = service.set_text(card, item.code, TextField.STRENGTHS, "方法系统").card
            cards.append(service.finalise(card, affirm_declaration=True).card)
        return cards

    def export(self, card: Scorecard, out: str = "stick") -> ExportResult:
        return scorecard_files.export_scorecard(self.evaluator, card, self.tmp / out)

    def pem_files(self) -> tuple[Path, Path]:
        """The secretariat's certificate and key as openssl reads them."""
        signer = identity.secretariat_identity(self.secretariat)
        cert, key = self.tmp / "sec-cert.pem", self.tmp / "sec-key.pem"
        cert.write_bytes(certificates.certificate_pem(signer.cert))
        key.write_bytes(
            signer.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return cert, key


@pytest.fixture
def committee(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Committee]:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        committee = Committee(secretariat, evaluator, tmp_path)
        committee.package()
        yield committee


def openssl_decrypt(data: Path, cert: Path, key: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            tool("openssl"),
            *("cms", "-decrypt", "-inform", "DER", "-in", str(data)),
            *("-recip", str(cert), "-inkey", str(key), "-binary"),
        ],
        capture_output=True,
    )


def pdfsig_report(committee: Committee, pdf: Path) -> str:
    nss = committee.tmp / "nss"
    if not nss.exists():
        nss.mkdir()
        root = committee.tmp / "root.pem"
        root.write_bytes(
            certificates.certificate_pem(identity.committee_root(committee.secretariat))
        )
        certutil = tool("certutil")
        subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
        subprocess.run(
            [certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root)],
            check=True,
        )
    return subprocess.run(
        [tool("pdfsig"), "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True
    ).stdout


def test_the_file_on_the_stick_reveals_no_score_and_openssl_opens_it(committee: Committee) -> None:
    [card] = committee.final_cards()
    result = committee.export(card)
    assert result.encrypted and result.path.name.endswith("_P01_r1.pdf.p7m")
    sealed = result.path.read_bytes()
    kept = committee.evaluator.last_export(card.id)
    assert kept is not None  # the evaluator's readable copy, in the workspace
    candidate = committee.evaluator.candidate(card.credit_code)
    # Nothing readable on the stick: no PDF, no name, no credit code, no scorecard.json.
    for secret in (b"%PDF", candidate.name.encode(), card.credit_code.encode(), b"percent"):
        assert secret not in sealed
    assert candidate.name.encode("utf-16-be") not in sealed
    shown = subprocess.run(
        [tool("pdftotext"), str(result.path), "-"], capture_output=True, text=True
    )
    assert shown.returncode != 0 and candidate.name not in shown.stdout
    assert kept.pdf not in sealed and kept.pdf[1000:1100] not in sealed

    # Without the secretariat's key, openssl opens nothing: here a stranger's key.
    stranger = ec.generate_private_key(ec.SECP256R1())
    other_cert, other_key = committee.tmp / "other-cert.pem", committee.tmp / "other-key.pem"
    other_key.write_bytes(
        stranger.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    other_cert.write_bytes(
        certificates.certificate_pem(certificates.create_committee_root("陌生人")[1])
    )
    refused = openssl_decrypt(result.path, other_cert, other_key)
    assert refused.returncode != 0 and b"%PDF" not in refused.stdout

    # With it, openssl gives back the exact signed PDF, whose signature pdfsig finds valid.
    cert, key = committee.pem_files()
    opened = openssl_decrypt(result.path, cert, key)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout == kept.pdf
    assert result.file_sha256 == kept.file_sha256
    plain = committee.tmp / "opened.pdf"
    plain.write_bytes(opened.stdout)
    report = pdfsig_report(committee, plain)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report


def test_an_envelope_openssl_wrote_is_merged(committee: Committee) -> None:
    """The container is the standard one: what another tool seals, merge opens."""
    [card] = committee.final_cards()
    committee.export(card)
    kept = committee.evaluator.last_export(card.id)
    assert kept is not None
    cert, _key = committee.pem_files()
    plain, sealed = committee.tmp / "plain.pdf", committee.tmp / "by-openssl.pdf.p7m"
    plain.write_bytes(kept.pdf)
    subprocess.run(
        [
            tool("openssl"),
            *("cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", str(plain)),
            *("-outform", "DER", "-out", str(sealed), "-recip", str(cert)),
            *("-keyopt", "ecdh_kdf_md:sha256"),
        ],
        check=True,
        capture_output=True,
    )
    summary = merge.merge(committee.secretariat, [sealed], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED]


def test_merge_opens_envelopes_and_counts_them_as_the_plain_files(
    committee: Committee,
) -> None:
    cards = committee.final_cards(3)
    sealed = [committee.export(card) for card in cards]
    assert all(r.encrypted for r in sealed)
    # The same signed files, plain, merged into a copy of the secretariat's workspace.
    twin_path = committee.tmp / "twin.qzw"
    committee.secretariat.copy_to(twin_path)  # the WAL's pages too
    plain = [
        scorecard_files.readable_copy(committee.evaluator, card, committee.tmp / "readable")
        for card in cards
    ]
    assert all(p.suffix == ".pdf" for p in plain)

    summary = merge.merge(committee.secretariat, [committee.tmp / "stick"], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED] * 3
    with open_workspace(twin_path) as twin:
        twin_summary = merge.merge(twin, [committee.tmp / "readable"], workers=1)
        assert [e.outcome for e in twin_summary.entries] == [Outcome.ACCEPTED] * 3
        assert {e.sha256 for e in summary.entries} == {e.sha256 for e in twin_summary.entries}
        assert results.compute(twin, ROUND) == results.compute(committee.secretariat, ROUND)
    # The archive keeps the signed PDF itself, named by its digest.
    for entry in summary.entries:
        archived = merge.archive_dir(committee.secretariat) / f"{entry.sha256}.pdf"
        assert archived.read_bytes().startswith(b"%PDF")
    # The plain copy of a merged envelope is the same file: a duplicate, nothing changes.
    again = merge.merge(committee.secretariat, plain[:1], workers=1)
    assert [e.outcome for e in again.entries] == [Outcome.DUPLICATE]
    # An unchanged card exported again: a new envelope round the same signed PDF.
    repeat = committee.export(cards[0], "stick2")
    assert repeat.reused and repeat.encrypted
    assert repeat.path.read_bytes() != sealed[0].path.read_bytes()
    again = merge.merge(committee.secretariat, [repeat.path], workers=1)
    assert [e.outcome for e in again.entries] == [Outcome.DUPLICATE]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_merge_in_worker_processes_opens_envelopes(committee: Committee, method: str) -> None:
    """The secretariat's key reaches the verification processes, forked or spawned."""
    cards = committee.final_cards(2)
    for card in cards:
        committee.export(card)
    checks = list(
        merge._checked(
            sorted((committee.tmp / "stick").iterdir()),
            identity.committee_root(committee.secretariat),
            2,
            method=method,
            opener=merge.scorecard_opener(committee.secretariat),
        )
    )
    assert [c.valid for c in checks] == [True, True]


def test_another_committees_envelope_is_refused(tmp_path: Path, committee: Committee) -> None:
    (tmp_path / "other").mkdir()
    with committee_and_p01(tmp_path / "other") as (other_sec, other_ev):
        other = Committee(other_sec, other_ev, tmp_path / "other")
        other.package()
        [card] = other.final_cards()
        foreign = other.export(card).path
    summary = merge.merge(committee.secretariat, [foreign], workers=1)
    [entry] = summary.entries
    assert entry.outcome is Outcome.REJECTED
    assert entry.reason == "encrypted-for-another-committee"
    assert "not for this committee's secretariat" in entry.message
    assert committee.secretariat.submissions() == []


def test_a_damaged_envelope_has_its_own_reason(committee: Committee) -> None:
    [card] = committee.final_cards()
    sealed = committee.export(card).path.read_bytes()
    flipped = bytearray(sealed)
    flipped[len(flipped) // 2] ^= 0x01  # inside the encrypted content: the tag fails
    files = {
        "flipped": bytes(flipped),
        "cut": sealed[: len(sealed) // 2],
        "header-only": sealed[:40],
    }
    paths = []
    for name, data in files.items():
        path = committee.tmp / "bad" / f"{name}.pdf.p7m"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    summary = merge.merge(committee.secretariat, paths, workers=1)
    assert [e.reason for e in summary.entries] == [Rejection.DAMAGED_ENVELOPE] * 3
    assert [e.outcome for e in summary.entries] == [Outcome.REJECTED] * 3


def test_without_the_secretariats_key_an_envelope_is_refused_and_plain_files_merge(
    committee: Committee,
) -> None:
    first, second = committee.final_cards(2)
    sealed = committee.export(first).path
    committee.secretariat.set_round_settings(
        ROUND, replace(committee.secretariat.round_settings(ROUND), encrypt_scorecards=False)
    )
    committee.package()
    plain = committee.export(second).path
    assert plain.suffix == ".pdf"
    keychain.delete_private_key(identity.secretariat_key_name(committee.secretariat))
    summary = merge.merge(committee.secretariat, [sealed, plain], workers=1)
    assert [(e.outcome, e.reason) for e in summary.entries] == [
        (Outcome.REJECTED, Rejection.ENCRYPTED_NO_KEY),
        (Outcome.ACCEPTED, None),
    ]
    # The evaluator's workspace has no key to open it either.
    check = scorecard_files.check_scorecard_file(
        sealed, identity.committee_root(committee.evaluator)
    )
    assert check.rejection is Rejection.ENCRYPTED_NO_KEY and check.encrypted


def test_the_setting_off_gives_the_plain_pdf_as_before(committee: Committee) -> None:
    committee.secretariat.set_round_settings(
        ROUND, replace(committee.secretariat.round_settings(ROUND), encrypt_scorecards=False)
    )
    committee.package()
    assert not committee.evaluator.round_settings(ROUND).encrypt_scorecards
    [card] = committee.final_cards()
    result = committee.export(card)
    assert not result.encrypted and result.path.name.endswith("_P01_r1.pdf")
    kept = committee.evaluator.last_export(card.id)
    assert kept is not None and result.path.read_bytes() == kept.pdf


def test_a_package_from_an_older_program_means_plain_files(
    committee: Committee, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package whose settings do not mention encryption comes from a secretariat that
    reads plain files only: its scorecards travel plain."""
    as_json = RoundSettings.as_json

    def older(self: RoundSettings) -> dict[str, object]:
        data = as_json(self)
        del data["encrypt_scorecards"]
        return data

    monkeypatch.setattr(RoundSettings, "as_json", older)
    committee.package()
    monkeypatch.undo()
    assert not committee.evaluator.round_settings(ROUND).encrypt_scorecards
    [card] = committee.final_cards()
    assert not committee.export(card).encrypted


def test_an_evaluator_workspace_without_the_secretariats_certificate_exports_plain(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A round imported before this program kept the secretariat's certificate: on by
    the migration's default, yet plain, as the secretariat that issued it reads."""
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        committee = Committee(secretariat, evaluator, tmp_path)
        committee.package()
        evaluator.db.execute(
            "DELETE FROM certificates WHERE purpose = ?", [identity.SECRETARIAT_RECIPIENT]
        )
        assert evaluator.round_settings(ROUND).encrypt_scorecards
        [card] = committee.final_cards()
        assert not committee.export(card).encrypted


def test_verify_in_the_secretariats_workspace_opens_the_envelope(committee: Committee) -> None:
    from qz_evaluator.cli import main

    [card] = committee.final_cards()
    sealed = committee.export(card).path
    root = identity.committee_root(committee.secretariat)
    opener = merge.scorecard_opener(committee.secretariat)
    assert opener is not None
    check = scorecard_files.check_scorecard_file(sealed, root, opener)
    assert check.valid and check.encrypted and check.document is not None
    assert check.as_dict()["encrypted"] is True
    kept = committee.evaluator.last_export(card.id)
    assert kept is not None and check.file_sha256 == kept.file_sha256
    committee.secretariat.close()  # the CLI opens the workspace itself
    assert main(["verify", str(sealed), "-w", str(committee.secretariat.path)]) == 0
    root_pem = committee.tmp / "root.pem"
    root_pem.write_bytes(certificates.certificate_pem(root))
    # Without a workspace there is no key: said as such.
    assert main(["verify", str(sealed), "--root", str(root_pem)]) == 1


def test_an_envelope_and_the_certificate_it_names(committee: Committee) -> None:
    """The envelope names the secretariat's certificate by issuer and serial number."""
    [card] = committee.final_cards()
    sealed = committee.export(card).path.read_bytes()
    signer = identity.secretariat_identity(committee.secretariat)
    assert envelope.is_envelope(sealed)
    wrong: x509.Certificate = certificates.create_committee_root("另一委员会")[1]
    with pytest.raises(envelope.EnvelopeError) as refused:
        envelope.open_envelope(sealed, signer.key, wrong)
    assert refused.value.code == "encrypted-for-another-committee"
    assert envelope.open_envelope(sealed, signer.key, signer.cert).startswith(b"%PDF")
    assert committee.secretariat.round_settings(ROUND).as_json()["encrypt_scorecards"] is True
