"""`qz-evaluator --self-test` (offscreen) and the input-method advice."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication

from qz_evaluator.ui.app import main
from qz_evaluator.ui.input_methods import available_plugins, input_method_advice, plugin_key
from tests.support.trust import MemoryKeyring


def test_window_self_test_passes_offscreen(
    app: QApplication,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("QT_IM_MODULE", "QT_IM_MODULES", "XMODIFIERS", "GTK_IM_MODULE"):
        monkeypatch.delenv(variable, raising=False)
    assert main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "platform offscreen" in lines[0]
    checks = {line.split()[2]: line for line in lines[1:-1]}
    assert "qtbase_zh_CN.qm load" in checks["translations"]
    assert "[ok  ] window" in checks["window"]
    assert "ibus" in checks["input"]
    assert lines[-1] == "passed: 9 checks"


def test_window_self_test_warns_of_fcitx_and_fails_without_a_keychain(
    app: QApplication,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QT_IM_MODULE", raising=False)
    monkeypatch.delenv("QT_IM_MODULES", raising=False)
    monkeypatch.setenv("XMODIFIERS", "@im=fcitx")
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "[WARN] input method" in out and "QT_IM_MODULE=ibus" in out
    assert "[FAIL] keychain" in out
    assert out.splitlines()[-1] == "FAILED: 1 of 9 checks (keychain)"


PYSIDE_PLUGINS = {"ibus", "compose"}


@pytest.mark.parametrize(
    ("env", "advised"),
    [
        ({}, False),
        ({"XMODIFIERS": "@im=ibus", "GTK_IM_MODULE": "ibus"}, False),
        ({"XMODIFIERS": "@im=fcitx"}, True),  # fcitx 4 and fcitx5 both say so
        ({"GTK_IM_MODULE": "fcitx"}, True),
        ({"INPUT_METHOD": "fcitx5"}, True),
        ({"QT_IM_MODULE": "fcitx"}, True),
        ({"QT_IM_MODULE": "fcitx5", "XMODIFIERS": "@im=fcitx"}, True),
        ({"QT_IM_MODULES": "fcitx;ibus"}, True),  # Qt ≥ 6.8 asks for the first
        ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}, False),  # the advice taken
        ({"QT_IM_MODULE": "wayland", "GTK_IM_MODULE": "fcitx"}, False),
        ({"QT_IM_MODULE": "uim"}, True),  # a plugin this Qt does not have
    ],
)
def test_input_method_advice(env: dict[str, str], advised: bool) -> None:
    advice = input_method_advice(env, PYSIDE_PLUGINS, qt_version="6.12.0")
    assert (advice is not None) is advised, advice
    if advice and "fcitx" in str(env.values()):
        assert "QT_IM_MODULE=ibus" in advice and "Qt 6.12.0" in advice
        assert "compose, ibus" in advice  # what this Qt has


def test_no_advice_when_a_fcitx_plugin_is_there() -> None:
    assert input_method_advice({"XMODIFIERS": "@im=fcitx"}, {"ibus", "fcitx5"}) is None
    assert input_method_advice({"QT_IM_MODULE": "fcitx"}, {"ibus", "fcitx"}) is None


def test_plugin_keys_and_folders(tmp_path: Path) -> None:
    assert plugin_key("libfcitx5platforminputcontextplugin.so") == "fcitx5"
    assert plugin_key("libibusplatforminputcontextplugin.so") == "ibus"
    assert plugin_key("composeplatforminputcontextplugin.dll") == "compose"
    assert plugin_key("libqtvirtualkeyboardplugin.so") == "qtvirtualkeyboard"
    contexts = tmp_path / "plugins" / "platforminputcontexts"
    contexts.mkdir(parents=True)
    (contexts / "libibusplatforminputcontextplugin.so").touch()
    (contexts / "README").touch()
    assert available_plugins([tmp_path / "plugins", tmp_path / "nowhere"]) == {"ibus"}
