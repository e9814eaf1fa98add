"""The evaluator's journey with keys and files: first run, identity, package, finalise,
preview and signed export on a worker thread (with cancel), keychain problems as dialogs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.domain.scorecard_document import NO_CONFLICT_DECLARATION
from qz_evaluator.services import demo, identity, packages
from qz_evaluator.services.scorecard_files import check_scorecard_file
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui import tasks
from qz_evaluator.ui.identity_dialogs import EvaluatorCodeDialog
from qz_evaluator.ui.main_window import MainWindow
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes
from .finalising import answer_finalise

ROUND = demo.SITE_ROUND


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


@pytest.fixture
def enrolled_demo(demo_path: Path, secretariat: Workspace) -> Path:
    """The demo evaluator (P01) with a signing key and its certificate installed."""
    with Workspace.open(demo_path) as workspace:
        request = identity.create_identity(workspace)
        bundle, _, _ = identity.issue_certificate(secretariat, request)
        identity.install_certificate(workspace, bundle)
        service = ScoringService(workspace)
        untouched = [card for card in service.ensure_all(ROUND) if not card.entries]
        for card in untouched[:2]:  # two final scorecards, ready to export
            for item in service.criteria_for(ROUND).items:
                card = service.set_percent(card, item.code, 60).card
                card = service.set_text(card, item.code, TextField.OFIS, "展开不足").card
            service.finalise(card, affirm_declaration=True)
    return demo_path


def choose_files(
    monkeypatch: pytest.MonkeyPatch,
    *,
    save: Path | None = None,
    open_: Path | None = None,
    folder: Path | None = None,
) -> None:
    if save is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save), ""))
    if open_ is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(open_), ""))
    if folder is not None:
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def test_first_run_to_an_imported_package(
    qtbot: QtBot,
    window: MainWindow,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.ui.details_stack.currentWidget() is window.ui.welcome_page
    # 1. A workspace of my own.
    choose_files(monkeypatch, save=tmp_path / "我的评分.qzw")

    def type_code(dialog: EvaluatorCodeDialog) -> QDialog.DialogCode:
        dialog.code_edit.setText("p01")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EvaluatorCodeDialog, "exec", type_code)
    window.ui.welcome_new_button.click()
    assert window.workspace is not None and window.workspace.owner_code == "P01"
    assert "任务包" in window.ui.round_label.text()  # nothing assigned yet
    # 2. My signing identity: the request goes to the secretariat...
    request_path = tmp_path / "P01-request.pem"
    choose_files(monkeypatch, save=request_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王建国", True))
    window.ui.welcome_identity_button.click()
    assert request_path.read_bytes().startswith(b"-----BEGIN CERTIFICATE REQUEST")
    # ...which issues the certificate that I install.
    bundle, _, _ = identity.issue_certificate(secretariat, request_path.read_bytes())
    certificate = tmp_path / "P01.pem"
    certificate.write_bytes(bundle)
    choose_files(monkeypatch, open_=certificate)
    window.ui.action_install_certificate.trigger()
    assert message_boxes.shown[-1][1] == "证书已安装"
    # 3. The assignment package of the site visit.
    [package] = packages.export_packages(secretariat, ROUND, tmp_path / "out", ["P01"])
    choose_files(monkeypatch, open_=package)
    window.ui.action_import_package.trigger()
    assert message_boxes.shown[-1][1] == "任务包已导入", message_boxes.shown[-1]
    assert len(window.model.shown_codes()) == 6  # the panels of P01 (not the conflict)
    assert window.model.round_code == ROUND
    assert [kind for kind, _, _ in message_boxes.shown].count("critical") == 0


def test_missing_keychain_is_a_dialog_not_a_traceback(
    window: MainWindow,
    demo_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    created_on: list[int] = []
    real = identity.create_identity

    def spy(workspace: Workspace, name: str | None = None) -> bytes:
        created_on.append(threading.get_ident())  # the keychain may prompt: not the UI thread
        return real(workspace, name)

    monkeypatch.setattr(identity, "create_identity", spy)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        assert window.open_workspace(demo_path)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("王建国", True))
        window.ui.action_create_identity.trigger()
    finally:
        keyring.set_keyring(previous)
    assert created_on and threading.get_ident() not in created_on
    [(kind, title, text)] = message_boxes.shown
    assert kind == "critical" and title == "签名身份未创建"
    assert "系统密钥库" in text and "gnome-keyring" in text and "Traceback" not in text


def test_finalise_preview_and_export_a_signed_pdf(
    qtbot: QtBot,
    window: MainWindow,
    enrolled_demo: Path,
    secretariat: Workspace,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_workspace(enrolled_demo)
    code = next(
        c
        for c in window.model.shown_codes()
        if (row := window.model.progress(c)) and row.scored == 23
    )
    window.select_candidate(code)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    preview = window.workflows.preview()
    assert preview is not None and preview.read_bytes().startswith(b"%PDF")
    assert opened and opened[0].toLocalFile() == str(preview)

    out = tmp_path / "signed"
    out.mkdir()
    choose_files(monkeypatch, folder=out)
    affirmed = answer_finalise()
    window.ui.action_finalise.trigger()  # affirm the declaration, then "export now?" — yes
    assert affirmed.declaration == [NO_CONFLICT_DECLARATION.zh]
    assert window.panel.locked
    task = window.workflows.export_task
    assert task is not None and not task.done  # the window is back while the worker signs
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    [result] = window.workflows.last_export
    assert result.path.parent == out
    check = check_scorecard_file(result.path, identity.committee_root(secretariat))
    assert check.valid, check.message
    assert check.document is not None and check.document.candidate.credit_code == code
    assert message_boxes.shown[-1][1] == "导出完成"


def test_export_all_runs_off_the_ui_thread_and_can_be_cancelled(
    qtbot: QtBot,
    window: MainWindow,
    enrolled_demo: Path,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qz_evaluator.services import scorecard_files
    from qz_evaluator.trust.pdf_signing import sign_pdf

    def slow_sign(*args: object, **kwargs: object) -> bytes:
        time.sleep(0.4)  # a slow laptop: Cancel comes while the first file is being signed
        return sign_pdf(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scorecard_files, "sign_pdf", slow_sign)
    assert window.open_workspace(enrolled_demo)
    out = tmp_path / "all"
    choose_files(monkeypatch, folder=out)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)  # the dialog at once
    window.ui.action_export_all.trigger()
    task = window.workflows.export_task
    assert task is not None and not task.done
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=5000)
    progress = task.dialog
    assert progress is not None
    progress.canceled.emit()  # the Cancel button, while the first of two is being signed
    qtbot.waitUntil(lambda: window.workflows.export_task is None, timeout=20_000)
    assert task.cancelled
    assert len(window.workflows.last_export) < 2
    assert len(list(out.glob("*.pdf"))) == len(window.workflows.last_export)
    assert "导出已取消" in message_boxes.shown[-1][2]
