"""Enrolment, export and verification through the CLI, against the real OS keychain.

The full signing round runs the installed `qzeval` program in subprocesses, as a person
would. scripts/test.sh runs the suite under dbus-run-session with an unlocked gnome-keyring
and sets QZ_TEST_REAL_KEYCHAIN; without it the keychain test is skipped (never faked). The
other tests run in-process with the in-memory keychain (tests/cli/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from qz_evaluator.services import identity
from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval
from tests.support.tools import tool

REAL_KEYCHAIN = bool(os.environ.get("QZ_TEST_REAL_KEYCHAIN"))
QZEVAL = Path(sys.executable).with_name("qzeval")


def run(
    *args: str | Path, env: dict[str, str] | None = None, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [QZEVAL, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        env=env,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def as_json(*args: str | Path) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.mark.e2e
@pytest.mark.keychain
@pytest.mark.skipif(not REAL_KEYCHAIN, reason="needs scripts/test.sh's gnome-keyring session")
def test_enrol_export_verify_with_the_real_keychain(tmp_path: Path, qzeval: Qzeval) -> None:
    assert "SecretService" in type(keyring.get_keyring()).__module__
    sec, ev = tmp_path / "sec.qzw", tmp_path / "ev.qzw"
    # Steps that never touch a key run in-process (`qzeval`); everything that creates,
    # reads or signs with one runs the installed program (`run`).
    qzeval("demo", sec, "--role", "secretariat")
    qzeval("demo", ev)
    # P01's key entry is this workspace's own: a previous run's key is under another name.
    with Workspace.open(ev) as opened:
        key_entry = identity.evaluator_key_name(opened, "P01")
    root = tmp_path / "root.pem"
    run("ca", "init", "-w", sec, "--out", root)
    request = tmp_path / "P01.csr.pem"
    run("identity", "create", "-w", ev, "--out", request)
    assert b"PRIVATE KEY" not in request.read_bytes()
    certificate = tmp_path / "P01.crt.pem"
    enrolled = as_json("enrol", request, "-w", sec, "--out", certificate)
    roster = {e["code"]: e for e in as_json("roster", "list", "-w", sec)}
    assert roster["P01"]["certificate"] == enrolled["fingerprint"]
    run("identity", "install", certificate, "-w", ev)
    # No private key ever lands in a file next to the workspaces.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix != ".qzw":
            assert b"PRIVATE KEY" not in path.read_bytes(), path

    panel = qzeval.json("panels", "list", "--evaluator", "P01", "-w", ev)["members"]
    candidate = panel[-1]["credit_code"]
    card = ["--round", "2026-site", "--candidate", candidate, "-w", ev]
    criteria = qzeval.json("criteria", "show")
    items = [i["code"] for c in criteria["categories"] for i in c["items"]]
    for index, item in enumerate(items):
        qzeval(
            "score",
            *card,
            "--item",
            item,
            "--percent",
            str(40 + 5 * (index % 5)),
            "--strengths",
            f"{item} 方法系统、展开充分",
            "--ofis",
            f"{item} 学习改进有待加强",
        )
    shown = as_json("finalize", *card, "--affirm-declaration")
    out = tmp_path / "out"
    exported = as_json("export", "-w", ev, "--out", out)
    assert len(exported) == 1 and exported[0]["revision"] == 1
    verified = as_json("verify", out, "-w", sec)
    assert verified[0]["valid"], verified
    assert verified[0]["total"] == shown["total"]
    assert verified[0]["signer"] == "P01"

    # The same file checked by poppler against the committee root in an NSS store.
    nss = tmp_path / "nss"
    nss.mkdir()
    certutil, pdfsig, pdftotext = tool("certutil"), tool("pdfsig"), tool("pdftotext")
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root)],
        check=True,
    )
    report = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nss}", exported[0]["file"]], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in report and "Certificate is Trusted." in report
    # …and its text is the scorecard that was finalised: the candidate and the total.
    text = subprocess.run(
        [pdftotext, exported[0]["file"], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert candidate in text and shown["total"] in text

    # A tampered copy is refused with its reason and exit code 1.
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(Path(exported[0]["file"]).read_bytes())
    data[len(data) // 3] ^= 0x20
    tampered.write_bytes(bytes(data))
    result = run("verify", tampered, "-w", sec, "--json", ok=False)
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["valid"] is False

    # The secretariat's side: a signed package for P01, imported into a fresh workspace on
    # "another laptop", then the scorecard merged (twice: the second time is a no-op).
    packages_dir = tmp_path / "packages"
    written = as_json(
        "package",
        "export",
        "--round",
        "2026-site",
        "--evaluator",
        "P01",
        "--out",
        packages_dir,
        "-w",
        sec,
    )
    assert len(written) == 1 and written[0].endswith(".qzpkg")
    laptop = tmp_path / "laptop.qzw"
    run("init", laptop, "--role", "evaluator", "--evaluator", "P01")
    # The key is each workspace's own: on another laptop it comes from the backup.
    laptop_env = {**os.environ, "QZ_BACKUP_PASSPHRASE": "衢州质量奖-备份口令"}
    run("identity", "backup", "-w", ev, "--out", tmp_path / "laptop.p12", env=laptop_env)
    run("identity", "restore", tmp_path / "laptop.p12", "-w", laptop, env=laptop_env)
    assert as_json("identity", "install", certificate, "-w", laptop)["fingerprint"]
    imported = as_json("package", "import", written[0], "-w", laptop)
    assert imported["scorecards_created"] == 6
    merged = as_json("merge", out, "-w", sec)
    assert merged["counts"]["accepted"] == 1
    assert {m["candidate"] for m in merged["missing"]} >= {candidate}
    assert as_json("merge", out, "-w", sec)["counts"]["duplicate"] == 1
    shown_results = as_json("results", "show", "-w", sec)
    mine = next(c for c in shown_results["candidates"] if c["credit_code"] == candidate)
    assert mine["n"] == 1 and mine["official"] == f"{float(shown['total']):.2f}"
    assert shown_results["settings"]["rule_id"] == "trimmed-mean/v1"
    table = tmp_path / "results.csv"
    run("results", "export", "--out", table, "-w", sec)
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")

    # Backup and restore of the key with a passphrase.
    backup = tmp_path / "P01.p12"
    env = {**os.environ, "QZ_BACKUP_PASSPHRASE": "衢州质量奖-备份口令"}
    run("identity", "backup", "-w", ev, "--out", backup, env=env)
    assert backup.stat().st_size > 500
    assert backup.stat().st_mode & 0o777 == 0o600  # the owner's alone
    keyring.delete_password("qz-evaluator", key_entry)
    wrong = run(
        "identity",
        "restore",
        backup,
        "-w",
        ev,
        env={**os.environ, "QZ_BACKUP_PASSPHRASE": "wrong-passphrase"},
        ok=False,
    )
    assert "Wrong passphrase" in wrong.stderr
    run("identity", "restore", backup, "-w", ev, env=env)
    assert keyring.get_password("qz-evaluator", key_entry)
    keyring.delete_password("qz-evaluator", key_entry)


def test_no_keychain_is_a_clear_error_and_writes_no_key(tmp_path: Path, qzeval: Qzeval) -> None:
    ev = tmp_path / "ev.qzw"
    qzeval("demo", ev)
    request = tmp_path / "P01.csr.pem"
    # No keychain at all; the in-memory one is put back after the test.
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    result = qzeval("identity", "create", "-w", ev, "--out", request, "--json", ok=False)
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"]["code"] == "no-keychain"
    assert "keychain" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert not request.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("ev.qzw")) == []


def test_verify_needs_no_keychain_and_rejects_a_non_pdf(tmp_path: Path, qzeval: Qzeval) -> None:
    sec = tmp_path / "sec.qzw"
    qzeval("demo", sec, "--role", "secretariat")
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf")
    root = tmp_path / "root.pem"
    from qz_evaluator.trust.certificates import certificate_pem
    from tests.support.trust import new_committee

    root.write_bytes(certificate_pem(new_committee().cert))
    # Verifying must not need a keychain at all.
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    result = qzeval("verify", junk, "--root", root, "--json", ok=False)
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["reason"] == "not-a-pdf"
    # poppler agrees that the file is no PDF (and must be installed to say so).
    assert subprocess.run([tool("pdfsig"), junk], capture_output=True).returncode != 0
