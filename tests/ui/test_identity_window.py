"""Signing identities in the window, driven by keys as a person would: the demo does the
whole job (and real workspaces refuse what it signed), key backup and restore with the
passphrase typed twice, a new workspace's code checked against the roster's rule, and
identity steps that cannot work yet saying what to do first."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from qz_evaluator.cli import main as qzeval
from qz_evaluator.services import demo, identity
from qz_evaluator.services.scorecard_files import Rejection, check_scorecard_file
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.ui.app import build_parser, start
from qz_evaluator.ui.candidate_model import Column
from qz_evaluator.ui.identity_dialogs import (
    EvaluatorCodeDialog,
    PassphraseDialog,
    advice_before_signing,
    readiness_advice,
)
from qz_evaluator.ui.main_window import MainWindow
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes
from .finalising import answer_finalise

STRONG = "松竹梅 winter 2026"


@pytest.fixture(autouse=True)
def no_demo_keys_left() -> Iterator[None]:
    yield
    identity.forget_demo_identities()


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def secretariat(pool_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Workspace]:
    with Workspace.open(pool_path) as workspace:
        identity.create_committee_root(workspace, "测试评审委员会根证书")
        yield workspace


def when_dialog(qtbot: QtBot, act: Callable[[QDialog], None]) -> None:
    """Act on the next modal dialog once it is shown (its exec() blocks the test)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace the field's text: ASCII by keys, Chinese as the input method commits it."""
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            QTest.keyClicks(edit, run)
        else:
            commit_chinese(edit, run)


def commit_chinese(edit: QLineEdit, text: str) -> None:
    """Text as an input method commits it (pinyin → 汉字)."""
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# ----- the demo does the whole job ---------------------------------------------------------


def test_demo_scores_finalises_and_exports_and_real_workspaces_refuse_it(
    qtbot: QtBot,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    memory_keyring: MemoryKeyring,
    secretariat: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    memory_keyring.entries.clear()  # only the demo from here on
    window = start(build_parser().parse_args(["--demo"]))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20000)
    workspace = window.workspace
    assert workspace is not None and identity.is_demo_workspace(workspace)
    # The demo's first scorecard has every item scored: score one again, by keyboard.
    [card] = [c for c in workspace.scorecards(round_code=demo.SITE_ROUND) if len(c.entries) == 23]
    assert window.select_candidate(card.credit_code)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the criteria
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # band 4
    # Finalise (Ctrl+Shift+F), not exporting yet; then Ctrl+E exports.
    message_boxes.answers[tr("Workflows", "Scorecard final")] = message_boxes.answer.No
    affirmed = answer_finalise()  # read the declaration, tick it, finalise
    QTest.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_card() is not None and window.current_card().locked  # type: ignore[union-attr]
    assert affirmed.declaration, "the finalise dialog showed the declaration"
    out = tmp_path / "exported"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    window.activateWindow()  # back from the modal dialogs: shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20000)
    [pdf] = list(out.glob("*.pdf"))
    row = window.model.index_of(card.credit_code)  # the list says it was exported, r1
    progress = window.model.index(row.row(), Column.PROGRESS, row.parent())
    assert "23/23 · 第1版" in progress.data()
    assert not [kind for kind, _, _ in message_boxes.shown if kind in ("critical", "warning")]
    assert memory_keyring.entries == {}  # the demo never touches the keychain
    # In the demo it verifies, as a demo file.
    check = check_scorecard_file(pdf, identity.committee_root(workspace))
    assert check.valid and check.demo
    # A real workspace refuses it by name: `qzeval verify` and `merge` alike.
    capsys.readouterr()
    code = qzeval(["verify", "-w", str(secretariat.path), "--json", str(pdf)])
    [verdict] = json.loads(capsys.readouterr().out)
    assert code == 1 and verdict["reason"] == Rejection.DEMO_SIGNATURE.value == "demo-signature"
    code = qzeval(["merge", "-w", str(secretariat.path), "--json", str(pdf)])
    assert "demo-signature" in capsys.readouterr().out
    window.close()


# ----- key backup and restore -----------------------------------------------------------------


def _enrolled_p01(path: Path, secretariat: Workspace) -> Path:
    with Workspace.create(path, Role.EVALUATOR, owner_code="P01") as workspace:
        request = identity.create_identity(workspace, "罗思丽")
        bundle, _, _ = identity.issue_certificate(secretariat, request)
        identity.install_certificate(workspace, bundle)
    return path


def test_back_up_and_restore_the_key_in_the_window(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    secretariat: Workspace,
    memory_keyring: MemoryKeyring,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(_enrolled_p01(tmp_path / "old.qzw", secretariat))
    backup = tmp_path / "P01-key-backup.p12"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup), ""))
    seen: dict[str, Any] = {}

    def fill_twice(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        first = dialog.findChild(QLineEdit, "passphrase")
        again = dialog.findChild(QLineEdit, "passphrase_again")
        strength = dialog.findChild(QLabel, "strength_label")
        assert first is not None and again is not None and strength is not None
        type_into(qtbot, first, "short")
        seen["short"] = (strength.text(), dialog.ok_button.isEnabled())
        type_into(qtbot, first, "password")
        seen["weak"] = strength.text()
        type_into(qtbot, first, STRONG)
        type_into(qtbot, again, STRONG[:-1])
        seen["differ"] = (strength.text(), dialog.ok_button.isEnabled())
        type_into(qtbot, again, STRONG)
        seen["strong"] = (strength.text(), dialog.ok_button.isEnabled())
        QTest.keyClick(again, Qt.Key.Key_Return)

    when_dialog(qtbot, fill_twice)
    action = window.identity_actions.backup
    assert action.isEnabled()
    action.trigger()
    assert backup.is_file()
    too_short, ok = seen["short"]
    assert "8" in too_short and not ok
    assert str(seen["weak"]).startswith(
        tr(
            "IdentityDialogs",
            "Weak: easy to guess. A few unrelated words make a strong passphrase.",
        )
    )
    differ, ok = seen["differ"]
    assert tr("IdentityDialogs", "The two passphrases are not the same yet.") in differ and not ok
    strong, ok = seen["strong"]
    assert strong == tr("IdentityDialogs", "Strong") and ok

    # The laptop died: a new one, an empty keychain, a new workspace for P01.
    memory_keyring.entries.clear()
    fresh = tmp_path / "new.qzw"
    Workspace.create(fresh, Role.EVALUATOR, owner_code="P01").close()
    assert window.open_workspace(fresh)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    attempts = ["not my passphrase", STRONG]  # a typo first: asked again

    def fill_once(dialog: QDialog) -> None:
        edit = dialog.findChild(QLineEdit, "passphrase")
        assert edit is not None
        type_into(qtbot, edit, attempts.pop(0))
        QTest.keyClick(edit, Qt.Key.Key_Return)
        if attempts:
            when_dialog(qtbot, fill_once)

    shown_before = len(message_boxes.shown)
    when_dialog(qtbot, fill_once)
    window.identity_actions.restore.trigger()
    refusals = message_boxes.shown[shown_before:]
    assert refusals[0][2] == tr(
        "IdentityDialogs",
        "The passphrase is wrong, or the file is not a key backup (or is damaged)."
        " Nothing was changed.",
    )
    assert refusals[-1][1] == tr("Workflows", "Key restored")
    assert window.workspace is not None
    assert identity.signing_readiness(window.workspace) is identity.Readiness.READY
    assert len(memory_keyring.entries) == 1


# ----- bug 11: a new workspace ---------------------------------------------------------------


def test_new_workspace_takes_only_roster_codes_and_asks_once_about_an_existing_file(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = tmp_path / "我的评分.qzw"
    Workspace.create(existing, Role.EVALUATOR, owner_code="P09").close()
    chosen = iter([existing, tmp_path / "评分2026"])  # the second without its .qzw
    options: list[object] = []

    def save_dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        options.append(kwargs.get("options"))
        return str(next(chosen)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    message_boxes.answer = message_boxes.answer.No  # not open it: another name
    seen: dict[str, Any] = {}

    def fill_code(dialog: QDialog) -> None:
        assert isinstance(dialog, EvaluatorCodeDialog)
        edit = dialog.findChild(QLineEdit, "evaluator_code")
        hint = dialog.findChild(QLabel, "code_hint")
        assert edit is not None and hint is not None
        commit_chinese(edit, "张三")
        seen["name"] = (edit.text(), dialog.ok_button.isEnabled(), hint.text())
        type_into(qtbot, edit, "p01")
        seen["code"] = (dialog.ok_button.isEnabled(), hint.text())
        QTest.keyClick(edit, Qt.Key.Key_Return)

    when_dialog(qtbot, fill_code)
    window.ui.welcome_new_button.click()
    # Qt's own overwrite question is off; ours was asked once, about the real file name.
    assert options == [QFileDialog.Option.DontConfirmOverwrite] * 2
    questions = [text for kind, _, text in message_boxes.shown if kind == "question"]
    assert len(questions) == 1 and existing.name in questions[0]
    typed, ok, hint = seen["name"]
    assert typed == "张三" and not ok and hint
    assert seen["code"] == (True, "")
    assert window.workspace is not None
    assert window.workspace.owner_code == "P01"
    assert window.workspace.path == tmp_path / "评分2026.qzw"
    assert not [kind for kind, _, _ in message_boxes.shown if kind != "question"]
    assert Workspace.open(existing).owner_code == "P09"  # untouched


def test_an_existing_file_can_be_opened_instead(
    window: MainWindow,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = tmp_path / "mine.qzw"
    Workspace.create(existing, Role.EVALUATOR, owner_code="P09").close()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(existing), ""))
    window.ui.action_new_workspace.trigger()  # the question's answer is Yes: open it
    assert window.workspace is not None and window.workspace.owner_code == "P09"


# ----- first run: steps that cannot work yet say what to do first ------------------------


def test_identity_steps_say_what_to_do_first(
    window: MainWindow,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_file_dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        raise AssertionError("no file is asked for before the step can work")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_file_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_file_dialog)
    actions = window.identity_actions
    ui = window.ui
    steps = [
        ui.welcome_identity_button.click,
        ui.action_create_identity.trigger,
        ui.action_install_certificate.trigger,
        actions.backup.trigger,
        actions.restore.trigger,
    ]
    for step in steps:  # no workspace yet
        step()
    assert all(
        ui.action_create_identity.isEnabled() and action.isEnabled()
        for action in (ui.action_install_certificate, actions.backup, actions.restore)
    )
    first_steps = message_boxes.texts()
    assert len(first_steps) == len(steps)
    assert all(text == first_steps[0] for text in first_steps)
    assert tr("Workflows", "Evaluator workspace needed") in [t for _, t, _ in message_boxes.shown]
    # A new workspace without an identity: backing up or installing needs one first.
    fresh = tmp_path / "new.qzw"
    Workspace.create(fresh, Role.EVALUATOR, owner_code="P01").close()
    assert window.open_workspace(fresh)
    message_boxes.shown.clear()
    actions.backup.trigger()
    ui.action_install_certificate.trigger()
    advice = readiness_advice(identity.Readiness.NO_IDENTITY)
    assert advice is not None and "qzeval" not in advice
    assert message_boxes.texts() == [advice, advice]
    assert window.workspace is not None
    assert advice_before_signing(window.workspace) == advice  # for the export's check


def test_identity_steps_in_the_demo_explain_the_demo_identity(
    qtbot: QtBot,
    window: MainWindow,
    message_boxes: MessageBoxes,
    memory_keyring: MemoryKeyring,
) -> None:
    assert window.open_demo()
    window.ui.action_create_identity.trigger()
    window.identity_actions.backup.trigger()
    window.identity_actions.restore.trigger()
    assert len(message_boxes.shown) == 3
    assert len({text for _, _, text in message_boxes.shown}) == 1
    assert memory_keyring.entries == {}


def test_the_demo_reopened_by_its_path_in_a_later_session_can_sign(
    window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    assert window.open_demo()
    path = window.workspace.path if window.workspace is not None else None
    assert path is not None
    window.close_workspace()
    identity.forget_demo_identities()  # the program ended; the last session reopens it
    assert window.open_workspace(path)
    assert window.workspace is not None
    assert identity.signing_readiness(window.workspace) is identity.Readiness.DEMO
    assert memory_keyring.entries == {}


def test_identity_refusals_anywhere_in_the_window_name_the_window_step() -> None:
    from qz_evaluator.services.errors import ServiceError
    from qz_evaluator.ui.errors import explain

    error = ServiceError("no certificate", error_code=identity.NO_CERTIFICATE)
    explanation = explain(error)  # e.g. an export tried before the certificate is in
    assert explanation.text == readiness_advice(identity.Readiness.NO_IDENTITY)
    assert "qzeval" not in explanation.text
