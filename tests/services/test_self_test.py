"""The installation's self-test (services.self_test), from the source tree."""

from __future__ import annotations

import struct
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from qz_evaluator.services import self_test
from qz_evaluator.services.self_test import (
    CheckFailed,
    CheckWarning,
    Outcome,
    format_report,
    parse_qm,
    passed,
    run_check,
    run_self_test,
)
from tests.support.trust import MemoryKeyring


def names(results: list[self_test.CheckResult]) -> list[str]:
    return [r.name for r in results]


def test_every_check_passes_here(memory_keyring: MemoryKeyring) -> None:
    results = run_self_test()
    assert names(results) == [
        "translations",
        "fonts",
        "criteria",
        "sqlite",
        "keychain",
        "scorecard",
        "workspace",
    ]
    assert passed(results), format_report(results, "test")
    details = {r.name: r.detail for r in results}
    assert "zh_CN" in details["translations"]
    assert "signed and verified" in details["scorecard"]
    # The throwaway key never reached the keychain.
    assert memory_keyring.entries == {}


def test_no_keychain_fails_with_what_to_install(memory_keyring: MemoryKeyring) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    results = run_self_test()
    failed = [r for r in results if not r.ok]
    assert names(failed) == ["keychain"]
    assert "gnome-keyring" in failed[0].detail  # the platform's advice (Linux here)
    # Signing the throwaway scorecard needs no keychain: its key stays in memory.
    assert next(r for r in results if r.name == "scorecard").ok
    report = format_report(results, "qzeval")
    assert report.splitlines()[-1] == "FAILED: 1 of 7 checks (keychain)"
    assert "[FAIL] keychain" in report


def test_a_check_that_breaks_is_a_failure_not_a_traceback() -> None:
    def broken() -> str:
        raise ImportError("libtiff.so.6: cannot open shared object file")

    def warns() -> str:
        raise CheckWarning("works, but")

    def fails() -> str:
        raise CheckFailed("does not work")

    assert run_check("b", broken).outcome is Outcome.FAILED
    assert (
        run_check("b", broken).detail == "ImportError: libtiff.so.6: cannot open shared object file"
    )
    assert run_check("w", warns).outcome is Outcome.WARNING and run_check("w", warns).ok
    assert run_check("f", fails).detail == "does not work"


def test_front_ends_replace_and_add_checks(memory_keyring: MemoryKeyring) -> None:
    results = run_self_test(
        replace={"translations": lambda: "Qt loaded it"},
        extra=[("input method", lambda: "ibus")],
    )
    assert results[0].detail == "Qt loaded it"
    assert names(results)[-1] == "input method"


def test_a_missing_or_damaged_translation_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "none.qm"
    monkeypatch.setattr(self_test, "translation_file", lambda language="zh_CN": missing)
    result = run_check("translations", self_test.check_translation_file)
    assert not result.ok and "cannot read" in result.detail and str(missing) in result.detail
    missing.write_bytes(b"<TS>not compiled</TS>")
    result = run_check("translations", self_test.check_translation_file)
    assert not result.ok and "not a Qt translation" in result.detail


def qm(*sections: tuple[int, bytes]) -> bytes:
    return self_test.QM_MAGIC + b"".join(
        bytes([tag]) + struct.pack(">I", len(body)) + body for tag, body in sections
    )


def test_parse_qm() -> None:
    assert parse_qm(qm((0xA7, b"zh_CN"), (0x69, b"x" * 10))) == ("zh_CN", 10)
    with pytest.raises(ValueError, match="no messages"):
        parse_qm(qm((0xA7, b"zh_CN")))
    with pytest.raises(ValueError, match="runs past the end"):
        parse_qm(qm((0x69, b"xyz"))[:-1])
    with pytest.raises(ValueError, match="unknown section"):
        parse_qm(qm((0x01, b"")))
    bundled = self_test.translation_file().read_bytes()
    assert parse_qm(bundled)[0] == "zh_CN"
