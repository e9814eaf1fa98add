"""The whole evaluator journey in the window, as a person would walk it (issue 9):
a new workspace with the evaluator code typed, the signing identity and the certificate
the secretariat issues, the assignment package, every item scored by keyboard with a
Chinese note from the input method, the declaration ticked, the signed PDF exported,
then checked by `qzeval verify`, poppler and the secretariat's merge."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.cli import main as qzeval
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION
from qz_evaluator.services import demo, identity, merge, packages, scorecard_files
from qz_evaluator.services.evaluator_session import CandidateStatus
from qz_evaluator.services.merge import Outcome
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.identity_dialogs import EvaluatorCodeDialog
from qz_evaluator.ui.main_window import MainWindow
from tests.support.tools import tool
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes
from .finalising import answer_finalise

ROUND = demo.SITE_ROUND
OWNER = "P01"
# Percentages typed for the 23 items in criteria order: all 5 % steps, and varied.
TYPED = [45, 60, 70, 55, 30, 65, 50, 40, 75, 35, 60, 45, 55, 70, 25, 80, 50, 65, 40, 100, 0, 55]


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def secretariat(pool_path: Path, memory_keyring: MemoryKeyring) -> Path:
    """The secretariat's workspace (roster, candidates, panels of the demo pool) with a
    committee root; opened only for each of its steps, as its own program would."""
    with Workspace.open(pool_path) as workspace:
        identity.create_committee_root(workspace, "测试评审委员会根证书")
    return pool_path


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifiers)


def type_digits(widget: QWidget, digits: str) -> None:
    for char in digits:
        press(widget, Qt.Key(ord(char)))  # Key_0 … Key_9 are the digits' codes


def commit_text(edit: QPlainTextEdit, text: str) -> None:
    """Chinese as an input method commits it (not as key presses)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def answer_evaluator_code(code: str, tries: int = 500) -> list[str]:
    """Queue typing `code` into the next evaluator code dialog, then Enter."""
    hints: list[str] = []

    def respond(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EvaluatorCodeDialog):
            if left > 0:
                QTimer.singleShot(10, lambda: respond(left - 1))
            return
        dialog.code_edit.setFocus()
        QTest.keyClicks(dialog.code_edit, code)
        hints.append(dialog.hint.text())
        QTest.keyClick(dialog.code_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: respond(tries))
    return hints


def note_for(item: str) -> str:
    return f"{item} 方法系统、展开充分，学习改进有待加强"


def test_the_whole_evaluator_journey(
    qtbot: QtBot,
    window: MainWindow,
    secretariat: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The file dialogs are answered with these paths, one by one as the window asks.
    saves: list[Path] = []
    opens: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saves.pop(0)), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(opens.pop(0)), ""))
    outbox = tmp_path / "outbox"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(outbox))

    # 1. A new evaluator workspace, the evaluator code typed (lower case is fine).
    workspace_path = tmp_path / "我的评分.qzw"
    saves.append(workspace_path)
    hints = answer_evaluator_code("p01")
    window.ui.action_new_workspace.trigger()
    assert hints, "the evaluator code dialog was not shown"
    assert window.workspace is not None and window.workspace.owner_code == OWNER
    assert workspace_path.exists()

    # 2. The signing identity: the request goes to the secretariat…
    request_path = tmp_path / "P01-request.pem"
    saves.append(request_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王建国", True))
    window.ui.action_create_identity.trigger()
    assert message_boxes.shown[-1][1] == "签名身份已创建", message_boxes.shown[-1]
    assert request_path.read_bytes().startswith(b"-----BEGIN CERTIFICATE REQUEST")
    # …which issues the certificate, installed from the Identity menu.
    with Workspace.open(secretariat) as sec:
        bundle, _, _ = identity.issue_certificate(sec, request_path.read_bytes())
        root_pem = identity.committee_root(sec).public_bytes(Encoding.PEM)
        [package] = packages.export_packages(sec, ROUND, tmp_path / "packages", [OWNER])
    certificate = tmp_path / "P01.pem"
    certificate.write_bytes(bundle)
    opens.append(certificate)
    window.ui.action_install_certificate.trigger()
    assert message_boxes.shown[-1][1] == "证书已安装", message_boxes.shown[-1]

    # 3. The assignment package of the site visit.
    opens.append(package)
    window.ui.action_import_package.trigger()
    assert message_boxes.shown[-1][1] == "任务包已导入", message_boxes.shown[-1]
    assert window.model.round_code == ROUND
    with Workspace.open(workspace_path) as own:  # the round, as the package set it
        assert own.round_settings(ROUND).comments_required
    assert [kind for kind, _, _ in message_boxes.shown].count("critical") == 0

    # 4. A candidate, every item scored by keyboard, a Chinese note for each.
    code = window.model.shown_codes()[0]
    row = window.model.progress(code)
    assert row is not None and row.status is CandidateStatus.NOT_STARTED
    assert window.select_candidate(code)
    panel, tree = window.panel, window.panel.ui.criteria_tree
    window.activateWindow()  # the window again, after the dialogs of the steps above
    qtbot.waitUntil(window.isActiveWindow)
    window.ui.action_focus_criteria.trigger()
    assert tree.hasFocus()
    items = panel.item_codes()
    assert len(items) == 23 and len(TYPED) == len(items) - 1
    typed: dict[str, int] = {}
    for index, item in enumerate(items):
        assert panel.current_item_code == item
        if index < len(TYPED):
            type_digits(tree, str(TYPED[index]))
            press(tree, Qt.Key.Key_Return)  # typed digits, then Enter: that percentage
        else:
            press(tree, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # a band: Alt+4
        assert panel.card is not None
        percent = panel.card.entry(item).percent
        assert percent is not None
        typed[item] = percent
        press(tree, Qt.Key.Key_Return)  # nothing typed: on to the strengths box
        assert panel.ui.strengths_edit.hasFocus(), (index, QApplication.focusWidget())
        commit_text(panel.ui.strengths_edit, note_for(item))
        press(panel.ui.strengths_edit, Qt.Key.Key_Escape)  # back to the criteria
        assert tree.hasFocus()
        if index < len(items) - 1:
            press(tree, Qt.Key.Key_Down)
    assert list(typed.values())[: len(TYPED)] == TYPED
    assert 50 <= typed[items[-1]] <= 70  # Alt+4: the fourth band
    assert panel.ui.completeness_value.text() == "23/23"

    # 5. Finalise with the declaration read and ticked; "export now?" — yes.
    affirmed = answer_finalise()
    press(
        tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert affirmed.declaration == [NO_CONFLICT_DECLARATION.zh]
    assert panel.locked
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=30_000)
    [result] = window.workflows.last_export
    assert result.path.parent == outbox
    assert message_boxes.shown[-1][:2] == ("information", "导出完成"), message_boxes.shown[-1]
    with Workspace.open(workspace_path) as own:
        card = own.scorecard(ROUND, code, OWNER)
        assert card.status is ScorecardStatus.FINAL
        assert {c: e.percent for c, e in card.entries.items()} == typed

    # 6. The file that travels is the secretariat's envelope (issue 13, on by default):
    # the committee root alone does not open it…
    assert result.encrypted and result.path.name.endswith(".pdf.p7m")
    assert "只有秘书处能打开" in message_boxes.shown[-1][2]
    root = tmp_path / "root.pem"
    root.write_bytes(root_pem)
    capsys.readouterr()
    assert qzeval(["verify", str(result.path), "--root", str(root), "--json"]) == 1
    [sealed] = json.loads(capsys.readouterr().out)
    assert sealed["reason"] == "encrypted-no-key" and sealed["encrypted"], sealed
    # …the evaluator's readable copy, kept in the workspace, verifies against it.
    with Workspace.open(workspace_path) as own:
        card = own.scorecard(ROUND, code, OWNER)
        readable = scorecard_files.readable_copy(own, card, tmp_path / "readable")
    capsys.readouterr()
    assert qzeval(["verify", str(readable), "--root", str(root), "--json"]) == 0
    [verified] = json.loads(capsys.readouterr().out)
    assert verified["valid"] and verified["signer"] == OWNER, verified
    assert verified["sha256"] == result.file_sha256

    # …poppler finds the signature valid and trusted, the notes and the declaration in it…
    nss = tmp_path / "nss"
    nss.mkdir()
    certutil, pdfsig, pdftotext = tool("certutil"), tool("pdfsig"), tool("pdftotext")
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root)],
        check=True,
    )
    report = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nss}", str(readable)], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in report and "Certificate is Trusted." in report, report
    text = subprocess.run(
        [pdftotext, str(readable), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())  # pdftotext breaks long lines where the box does
    for item in items:
        assert "".join(note_for(item).split()) in flat, item
    assert "".join(NO_CONFLICT_DECLARATION.zh.split()) in flat

    # …and the secretariat's merge opens the envelope and records exactly the percentages
    # typed.
    with Workspace.open(secretariat) as sec:
        summary = merge.merge(sec, [outbox], workers=1)
        assert summary.count(Outcome.ACCEPTED) == 1, summary.as_dict()
        [submission] = [
            s for s in sec.submissions() if s.credit_code == code and s.evaluator_code == OWNER
        ]
        document = sec.submission_document(submission.id)
        assert document.percentages() == typed
        # The declaration signed is the one shown and ticked, with when it was ticked.
        assert document.declaration.zh == NO_CONFLICT_DECLARATION.zh
        assert document.declaration_affirmed_at is not None
