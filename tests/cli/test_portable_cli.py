"""qzeval on Windows and macOS as on Linux: output on a GBK console or redirect, passphrase
files written by Notepad, freeze_support in a frozen bundle, `qzeval backup`."""

from __future__ import annotations

import codecs
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qz_evaluator.cli import main
from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.services.passphrase_files import (
    PassphraseFileError,
    decode_passphrase,
    read_passphrase_file,
)
from qz_evaluator.store.workspace import Role, Workspace
from tests.cli.conftest import Qzeval
from tests.cli.test_ca_cli import _secretariat
from tests.support.trust import MemoryKeyring

NAME = "衢州𠮷䶮精密机械有限公司"  # 𠮷 and 䶮 are outside GBK: a Chinese console's code page


def _credit_code() -> str:
    body = "91330802MA2B3C4D5"
    return body + check_character(body)


def _pool_with_rare_name(path: Path) -> Path:
    with Workspace.create(path, Role.SECRETARIAT) as workspace:
        workspace.upsert_candidate(Candidate(_credit_code(), NAME, "柯城区", "装备制造", Tier.SEED))
    return path


def _qzeval_process(*args: str | Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run(
        [sys.executable, "-m", "qz_evaluator", *map(str, args)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.e2e
def test_text_output_on_a_gbk_console_replaces_what_it_cannot_show(tmp_path: Path) -> None:
    workspace = _pool_with_rare_name(tmp_path / "pool.qzw")
    run = _qzeval_process("candidates", "list", "-w", workspace, encoding="gbk")
    assert run.returncode == 0, run.stderr.decode("gbk", "replace")
    text = run.stdout.decode("gbk")  # what the console shows: GBK throughout
    assert "衢州??精密机械有限公司" in text
    assert "1 candidates" in text
    assert b"Traceback" not in run.stderr


@pytest.mark.e2e
def test_json_output_is_utf8_whatever_the_console(tmp_path: Path) -> None:
    workspace = _pool_with_rare_name(tmp_path / "pool.qzw")
    run = _qzeval_process("candidates", "list", "-w", workspace, "--json", encoding="gbk")
    assert run.returncode == 0, run.stderr.decode("gbk", "replace")
    [candidate] = json.loads(run.stdout.decode("utf-8"))
    assert candidate["name"] == NAME
    # An error as JSON too: UTF-8, the message names the (rare) path.
    missing = tmp_path / "𠮷.qzw"
    failed = _qzeval_process("candidates", "list", "-w", missing, "--json", encoding="gbk")
    assert failed.returncode == 1
    assert "𠮷.qzw" in json.loads(failed.stdout.decode("utf-8"))["error"]["message"]
    assert b"Traceback" not in failed.stderr


def test_json_goes_to_the_binary_buffer_of_a_non_utf8_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    workspace = _pool_with_rare_name(tmp_path / "pool.qzw")
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["candidates", "list", "-w", str(workspace)]) == 0
    assert main(["candidates", "list", "-w", str(workspace), "--json"]) == 0
    stream.flush()
    text, document = raw.getvalue().split(b"1 candidates\n")
    assert "衢州??精密" in text.decode("gbk")
    assert json.loads(document.decode("utf-8"))[0]["name"] == NAME


# ----- passphrase files as Notepad writes them -------------------------------------------

PASSPHRASE = "衢州 committee 2026!"


@pytest.mark.parametrize(
    "data",
    [
        PASSPHRASE.encode("utf-8") + b"\r\n",
        codecs.BOM_UTF8 + PASSPHRASE.encode("utf-8") + b"\r\n",  # Notepad's "UTF-8 with BOM"
        codecs.BOM_UTF8 + PASSPHRASE.encode("utf-8"),
        PASSPHRASE.encode("utf-16"),  # Notepad's "Unicode" (UTF-16 LE with its mark)
        codecs.BOM_UTF16_BE + (PASSPHRASE + "\r\n").encode("utf-16-be"),
        PASSPHRASE.encode("gbk") + b"\r\n",  # "ANSI" on a Chinese Windows
        "𠮷 committee".encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom-crlf", "utf8-bom", "utf16le", "utf16be", "gbk", "gb18030"],
)
def test_passphrase_files_as_notepad_writes_them(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "pass.txt"
    path.write_bytes(data)
    expected = "𠮷 committee" if "𠮷".encode("gb18030") in data else PASSPHRASE
    assert read_passphrase_file(path) == expected


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00\xd8", b"\x80\xff secret", "no mark".encode("utf-16-le")],
    ids=["broken-utf16", "binary", "utf16-without-mark"],
)
def test_a_passphrase_file_that_is_not_text_is_refused(data: bytes) -> None:
    with pytest.raises(PassphraseFileError) as caught:
        decode_passphrase(data, "pass.txt")
    assert caught.value.code == "passphrase-file"
    assert "pass.txt" in str(caught.value) and caught.value.window_hint


def test_ca_backup_with_a_bom_passphrase_restores_with_the_plain_one(
    tmp_path: Path, qzeval: Qzeval, memory_keyring: MemoryKeyring
) -> None:
    sec = _secretariat(qzeval, tmp_path / "sec.qzw")
    with_bom, ansi = tmp_path / "bom.txt", tmp_path / "ansi.txt"
    with_bom.write_bytes(codecs.BOM_UTF8 + PASSPHRASE.encode("utf-8") + b"\r\n")
    ansi.write_bytes(PASSPHRASE.encode("gbk"))
    backup = tmp_path / "committee.qzkeys"
    qzeval("ca", "backup", "--out", backup, "--passphrase-file", with_bom, "-w", sec)
    memory_keyring.entries.clear()
    new = tmp_path / "new.qzw"
    qzeval("init", new, "--role", "secretariat")
    qzeval("ca", "restore", backup, "--passphrase-file", ansi, "-w", new)
    assert len(memory_keyring.entries) == 2
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x80\xff")
    refused = qzeval("ca", "restore", backup, "--passphrase-file", binary, "-w", new, ok=False)
    assert refused.returncode == 1
    assert "not text in UTF-8, UTF-16 or GB18030" in refused.stderr
    assert "Traceback" not in refused.stderr


# ----- freeze_support: a frozen bundle's worker processes --------------------------------


def test_a_frozen_qzeval_calls_freeze_support_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("called"))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert calls == ["called"]


# ----- qzeval backup, and where WAL is not used ------------------------------------------


def test_qzeval_backup_writes_a_copy_that_opens_with_the_same_data(
    tmp_path: Path, qzeval: Qzeval
) -> None:
    workspace = _pool_with_rare_name(tmp_path / "pool.qzw")
    out = tmp_path / "备份.qzw"
    made = qzeval.json("backup", out, "-w", workspace)
    assert made == {"file": str(out), "bytes": out.stat().st_size}
    original, copy = qzeval.json("info", "-w", workspace), qzeval.json("info", "-w", out)
    assert {k: v for k, v in copy.items() if k != "path"} == {
        k: v for k, v in original.items() if k != "path"
    }
    assert qzeval.json("candidates", "list", "-w", out)[0]["name"] == NAME
    again = qzeval("backup", out, "-w", workspace, ok=False)
    assert again.returncode == 1 and "already exists" in again.stderr and "--force" in again.stderr
    qzeval("backup", out, "-w", workspace, "--force")


def test_qzeval_info_says_which_journal(
    tmp_path: Path, qzeval: Qzeval, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _pool_with_rare_name(tmp_path / "pool.qzw")
    info = qzeval.json("info", "-w", workspace)
    assert (info["journal"], info["network_folder"]) == ("wal", None)
    monkeypatch.setenv("QZ_NO_WAL", "1")
    info = qzeval.json("info", "-w", workspace)
    assert (info["journal"], info["network_folder"]) == ("delete", "QZ_NO_WAL")
