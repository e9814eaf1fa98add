"""The secretariat's reports: each button asks for a folder and writes its files off the
UI thread (the signed results report and feedback reports verify against the committee
root, the CSV parses, the XLSX opens), "Open Folder" opens where they went, and the
problems a person can fix (no secretariat key, no final result) say which step fixes
them."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from qz_evaluator.services import demo, identity, results
from qz_evaluator.services.session import Session, open_session
from qz_evaluator.trust import certificates, keychain
from qz_evaluator.trust.pdf_signing import verify_pdf
from qz_evaluator.ui import i18n
from qz_evaluator.ui.sec_reports import ReportKind, SecReportsView, Written
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.trust import MemoryKeyring, new_committee, new_secretariat

from .conftest import MessageBoxes
from .test_sec_results import build_agreed_demo

ROUND = demo.SITE_ROUND


@pytest.fixture(scope="module")
def agreed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_agreed_demo(tmp_path_factory.mktemp("agreed") / "demo")


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.apply_language("zh_CN")
    yield
    i18n.apply_language("zh_CN")


def _open(template: Path, tmp_path: Path) -> Session:
    """A copy of the agreed demo as a real secretariat's workspace: signing goes through
    the keychain, not the demo's own key (tests/services/test_demo_identity has that)."""
    path = tmp_path / template.name
    shutil.copyfile(template, path)
    session = open_session(path)
    session.workspace.set_meta(identity.DEMO_META, "0")
    return session


@pytest.fixture
def keyless(agreed_template: Path, tmp_path: Path) -> Iterator[Session]:
    """The agreed demo as it is: its committee's keys were never kept."""
    session = _open(agreed_template, tmp_path)
    yield session
    session.close()


@pytest.fixture
def session(
    agreed_template: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Session]:
    """The agreed demo with a secretariat signing key in the keychain (as `ca init` or a
    restored backup leaves it)."""
    opened = _open(agreed_template, tmp_path)
    workspace = opened.workspace
    committee = new_committee()
    signing = new_secretariat(committee)
    keychain.store_private_key(identity.secretariat_key_name(workspace), signing.key)
    for purpose, cert in (
        (identity.ROOT, committee.cert),
        (identity.SECRETARIAT_SIGNING, signing.cert),
    ):
        workspace.set_certificate(
            purpose,
            certificates.certificate_pem(cert).decode("ascii"),
            certificates.fingerprint(cert),
        )
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the person chooses in the folder dialog."""
    chosen = tmp_path / "报告"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(chosen))
    return chosen


def shown_view(qtbot: QtBot, session: Session) -> SecReportsView:
    view = SecReportsView(TaskRunner())
    qtbot.addWidget(view)
    view.set_session(session)
    return view


def click_and_wait(qtbot: QtBot, view: SecReportsView, button: QPushButton) -> Written:
    with qtbot.waitSignal(view.written, timeout=60000) as signal:
        button.click()
    written = signal.args[0] if signal.args else None
    assert isinstance(written, Written)
    return written


def test_the_signed_results_report_is_written_and_the_folder_opened(
    qtbot: QtBot,
    session: Session,
    folder: Path,
    zh: None,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    view = shown_view(qtbot, session)
    assert "2026年度现场评审" in view.ui.round_label.text()
    assert not view.ui.open_folder_button.isEnabled()
    written = click_and_wait(qtbot, view, view.ui.results_report_button)
    [path] = written.files
    assert path.parent == folder and path.name == f"{ROUND}_results_report_zh.pdf"
    check = verify_pdf(path.read_bytes(), identity.committee_root(session.workspace))
    assert check.valid, check.message
    assert not [p for p in folder.iterdir() if p.name.startswith(".qz-")]  # atomically
    assert view.ui.written_list.count() == 1
    item = view.ui.written_list.item(0)
    assert item is not None and item.text() == path.name
    # The demo's conflicted candidate is not final: the report marks it, the view says so.
    assert "合议" in view.ui.written_label.text()
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    assert view.ui.open_folder_button.isEnabled()
    view.ui.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(folder.resolve())]
    assert not message_boxes.shown


def test_feedback_reports_one_per_candidate_with_progress(
    qtbot: QtBot, session: Session, folder: Path, zh: None
) -> None:
    view = shown_view(qtbot, session)
    view.ui.language_combo.setCurrentIndex(view.ui.language_combo.findData("en"))
    scored = [
        o.candidate.credit_code
        for o in results.compute(session.workspace, ROUND).outcomes
        if o.result is not None
    ]
    written = click_and_wait(qtbot, view, view.ui.feedback_button)
    assert not written.cancelled
    assert [p.name for p in written.files] == [f"{ROUND}_{code}_feedback_en.pdf" for code in scored]
    root = identity.committee_root(session.workspace)
    for path in written.files:
        assert verify_pdf(path.read_bytes(), root).valid
    assert view.ui.written_list.count() == len(scored)
    assert view.ui.progress_bar.isHidden()
    assert view.ui.progress_bar.maximum() == len(scored)  # per candidate
    assert view.ui.progress_bar.value() == len(scored)


def test_cancel_stops_between_feedback_reports(
    qtbot: QtBot, session: Session, folder: Path, zh: None
) -> None:
    view = shown_view(qtbot, session)
    with qtbot.waitSignal(view.written, timeout=60000) as signal:
        task = view.write(ReportKind.FEEDBACK, folder)
        assert task is not None and not view.ui.cancel_button.isHidden()
        view.ui.cancel_button.click()
    written = signal.args[0]
    assert isinstance(written, Written) and written.cancelled
    assert len(written.files) < 4
    assert sorted(folder.iterdir()) == sorted(written.files)  # whole files only
    assert "已停止" in view.ui.written_label.text()


def test_csv_and_xlsx_tables(qtbot: QtBot, session: Session, folder: Path, zh: None) -> None:
    view = shown_view(qtbot, session)
    computed = results.compute(session.workspace, ROUND)
    [table] = click_and_wait(qtbot, view, view.ui.csv_button).files
    assert table.name == f"{ROUND}_results.csv"
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert "样本标准差（n−1）" in rows[0]
    assert len(rows) == 1 + len(computed.outcomes)
    assert (table.stat().st_mode & 0o077) != 0  # the usual permissions, not 0600
    [by_evaluator] = click_and_wait(qtbot, view, view.ui.evaluator_csv_button).files
    assert by_evaluator.name == f"{ROUND}_results_by_evaluator.csv"
    cards = list(csv.reader(io.StringIO(by_evaluator.read_text(encoding="utf-8-sig"))))
    assert len(cards) == 1 + sum(len(o.scorecards) for o in computed.outcomes)
    [workbook] = click_and_wait(qtbot, view, view.ui.xlsx_button).files
    assert workbook.name == f"{ROUND}_results.xlsx"
    book = load_workbook(workbook)
    assert book.sheetnames[:2] == ["评审结果", "评审员评分"]
    assert book["评审结果"].max_row == 1 + len(computed.outcomes)
    assert view.ui.written_list.count() == 1  # what the last run wrote


def test_no_secretariat_key_names_the_step_that_fixes_it(
    qtbot: QtBot,
    keyless: Session,
    folder: Path,
    zh: None,
    message_boxes: MessageBoxes,
    memory_keyring: MemoryKeyring,
) -> None:
    view = shown_view(qtbot, keyless)
    for button in (view.ui.results_report_button, view.ui.feedback_button):
        message_boxes.shown.clear()
        button.click()
        qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=20000)
        text = message_boxes.texts()[-1]
        assert "钥匙串中没有秘书处的签名密钥" in text
        assert "评审员与密钥 ▸ 恢复评审委员会密钥" in text  # the step in the window
        qtbot.waitUntil(lambda: view.task is None, timeout=5000)
    assert not list(folder.iterdir())


def test_a_round_without_a_final_result_is_not_reported_as_signed_results(
    qtbot: QtBot, session: Session, folder: Path, zh: None, message_boxes: MessageBoxes
) -> None:
    workspace = session.workspace
    for outcome in results.compute(workspace, ROUND).outcomes:
        workspace.clear_result_final(ROUND, outcome.candidate.credit_code)
    view = shown_view(qtbot, session)
    view.ui.results_report_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=20000)
    text = message_boxes.texts()[-1]
    assert "尚无已确认的结果" in text and "合议" in text
    qtbot.waitUntil(lambda: view.task is None, timeout=5000)
    assert not list(folder.iterdir())
