"""`qzeval self-test`, in-process."""

from __future__ import annotations

import json

import keyring
from keyring.backends import fail

from tests.cli.conftest import Qzeval


def test_self_test_passes_and_prints_a_report(qzeval: Qzeval) -> None:
    result = qzeval("self-test")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("qzeval ") and "self-test (source" in lines[0]
    assert any("[ok  ] scorecard" in line for line in lines)
    assert lines[-1] == "passed: 7 checks"


def test_self_test_fails_without_a_keychain(qzeval: Qzeval) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    result = qzeval("self-test", ok=False)
    assert result.returncode == 1
    assert "[FAIL] keychain" in result.stdout and "Traceback" not in result.stderr
    report = json.loads(qzeval("self-test", "--json", ok=False).stdout)
    assert report["ok"] is False
    assert [c["name"] for c in report["checks"] if not c["ok"]] == ["keychain"]
