"""`qzeval ca revoke`, `ca backup` and `ca restore`."""

from __future__ import annotations

from pathlib import Path

from qz_evaluator.assets import get_asset
from qz_evaluator.trust import certificates
from tests.cli.conftest import Qzeval
from tests.support.trust import MemoryKeyring

DEMO = get_asset("demo")


def _secretariat(qzeval: Qzeval, path: Path) -> Path:
    qzeval("init", path, "--role", "secretariat")
    qzeval("roster", "import", DEMO / "roster.csv", "-w", path)
    qzeval("ca", "init", "-w", path)
    return path


def test_revoke_records_the_reason_and_time(tmp_path: Path, qzeval: Qzeval) -> None:
    sec = _secretariat(qzeval, tmp_path / "sec.qzw")
    _, csr = certificates.create_evaluator_request("P01", "罗思丽")
    request = tmp_path / "P01.csr.pem"
    request.write_bytes(certificates.csr_pem(csr))
    enrolled = qzeval.json("enrol", request, "--out", tmp_path / "P01.crt.pem", "-w", sec)
    revoked = qzeval.json(
        "ca", "revoke", "P01", "--reason", "笔记本电脑丢失", "--at", "2020-01-01T08:00+08:00",
        "-w", sec,
    )  # fmt: skip
    assert revoked == {
        "evaluator": "P01",
        "fingerprint": enrolled["fingerprint"],
        "revoked_at": "2020-01-01T00:00:00+00:00",
        "reason": "笔记本电脑丢失",
    }
    again = qzeval("ca", "revoke", "P01", "--reason", "again", "-w", sec, ok=False)
    assert again.returncode != 0 and "already revoked" in again.stderr
    bad = qzeval("ca", "revoke", "P02", "--reason", "x", "--at", "yesterday", "-w", sec, ok=False)
    assert bad.returncode != 0 and "--at" in bad.stderr


def test_backup_and_restore_into_a_new_workspace(
    tmp_path: Path, qzeval: Qzeval, memory_keyring: MemoryKeyring
) -> None:
    sec = _secretariat(qzeval, tmp_path / "sec.qzw")
    root = qzeval.json("ca", "export", "--out", tmp_path / "root.pem", "-w", sec)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("衢州 committee 2026!\n", encoding="utf-8")
    backup = tmp_path / "committee.qzkeys"
    qzeval("ca", "backup", "--out", backup, "--passphrase-file", passphrase, "-w", sec)
    assert backup.stat().st_mode & 0o777 == 0o600  # the committee's keys: the owner's only
    memory_keyring.entries.clear()
    new = tmp_path / "new.qzw"
    qzeval("init", new, "--role", "secretariat")
    restored = qzeval.json("ca", "restore", backup, "--passphrase-file", passphrase, "-w", new)
    assert restored["fingerprint"] == root["fingerprint"]
    assert len(memory_keyring.entries) == 2
