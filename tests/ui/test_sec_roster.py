"""The secretariat's roster and keys: a request dropped on the page, the certificate
issued and saved, revoked with a reason typed in Chinese; the committee's keys backed up
(passphrase twice), restored into a new workspace, and one more evaluator enrolled there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from qz_evaluator.services import identity
from qz_evaluator.services.demo import SITE_ROUND
from qz_evaluator.services.session import Session, open_session
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates
from qz_evaluator.ui.identity_dialogs import PassphraseDialog
from qz_evaluator.ui.sec_roster import SecRosterView
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.trust import MemoryKeyring
from tests.ui.conftest import MessageBoxes
from tests.ui.test_identity_window import tr, type_into, when_dialog

PASSPHRASE = "衢州 committee keys 2026"


def _with_root(path: Path) -> Path:
    with Workspace.open(path) as workspace:
        identity.create_committee_root(workspace, "测试评审委员会根证书")
    return path


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.cancel_all()


@pytest.fixture
def session(pool_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Session]:
    with open_session(_with_root(pool_path)) as session:
        yield session


@pytest.fixture
def view(qtbot: QtBot, runner: TaskRunner, session: Session) -> SecRosterView:
    view = SecRosterView(runner)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_session(session)
    view.show()
    return view


def _state(view: SecRosterView, code: str) -> str:
    table = view.ui.roster_table
    for row in range(table.rowCount()):
        code_item, state_item = table.item(row, 0), table.item(row, 4)
        if code_item is not None and code_item.text() == code and state_item is not None:
            return state_item.text()
    raise AssertionError(code)


def _request(folder: Path, code: str, name: str) -> Path:
    _, csr = certificates.create_evaluator_request(code, name)
    path = folder / f"{code}.csr.pem"
    path.write_bytes(certificates.csr_pem(csr))
    return path


def _drop(view: SecRosterView, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(view.rect().center())
    event = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def test_roster_request_issue_and_revoke(
    qtbot: QtBot,
    view: SecRosterView,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    assert view.title() == tr("SecRosterView", "Roster and Keys")
    assert view.ui.roster_table.rowCount() == 35
    assert _state(view, "P01") == tr("SecRosterView", "No request")
    assert not view.ui.issue_button.isEnabled() and not view.ui.revoke_button.isEnabled()

    changes: list[None] = []
    view.changed.connect(lambda: changes.append(None))
    _drop(view, _request(tmp_path, "P01", "罗思丽"))
    assert view.selected_code() == "P01"
    assert _state(view, "P01") == tr("SecRosterView", "Request received")
    assert view.ui.issue_button.isEnabled()

    saved = tmp_path / "out" / "P01.crt.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    QTest.keyClick(view.ui.issue_button, Qt.Key.Key_Space)
    bundle = x509.load_pem_x509_certificates(saved.read_bytes())
    assert certificates.evaluator_code(bundle[0]) == "P01"
    assert bundle[1] == identity.committee_root(session.workspace)
    assert _state(view, "P01") == tr("SecRosterView", "Issued")
    fingerprint = session.workspace.evaluator("P01").certificate_fingerprint
    assert fingerprint == certificates.fingerprint(bundle[0])
    shown = view.ui.roster_table.item(view.ui.roster_table.currentRow(), 5)
    assert shown is not None and shown.toolTip() == fingerprint
    assert view.ui.revoke_button.isEnabled() and not view.ui.issue_button.isEnabled()

    view.grab().save(str(Path("/tmp/secroster") / "roster-issued.png"))

    def give_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        type_into(qtbot, edit, "笔记本电脑丢失")
        QTest.keyClick(edit, Qt.Key.Key_Return)

    when_dialog(qtbot, give_reason)
    QTest.keyClick(view.ui.revoke_button, Qt.Key.Key_Space)
    assert _state(view, "P01") == tr("SecRosterView", "Revoked")
    (revocation,) = session.workspace.revocations("P01")
    assert revocation.reason == "笔记本电脑丢失" and revocation.fingerprint == fingerprint
    assert "笔记本电脑丢失" in view.ui.detail_label.text()
    assert not view.ui.revoke_button.isEnabled()
    assert len(changes) == 3
    assert [kind for kind, _title, _text in message_boxes.shown] == ["information"] * 2

    # A request that names no one on the roster is refused with the reason, nothing kept.
    _drop(view, _request(tmp_path, "X99", "某人"))
    kind, _title, text = message_boxes.shown[-1]
    assert kind in {"warning", "critical"} and "X99" in text
    assert len(changes) == 3


def test_backup_then_restore_into_a_new_workspace_and_enrol_one_more(
    qtbot: QtBot,
    view: SecRosterView,
    runner: TaskRunner,
    session: Session,
    pool_template: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    root = identity.committee_root(session.workspace)
    backup = tmp_path / "committee-keys.qzkeys"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup), ""))
    seen: dict[str, bool] = {}

    def fill_twice(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        first = dialog.findChild(QLineEdit, "passphrase")
        again = dialog.findChild(QLineEdit, "passphrase_again")
        assert first is not None and again is not None
        type_into(qtbot, first, PASSPHRASE)
        type_into(qtbot, again, PASSPHRASE[:-1])
        seen["differ"] = dialog.ok_button.isEnabled()
        type_into(qtbot, again, PASSPHRASE)
        seen["same"] = dialog.ok_button.isEnabled()
        QTest.keyClick(again, Qt.Key.Key_Return)

    when_dialog(qtbot, fill_twice)
    QTest.keyClick(view.ui.backup_button, Qt.Key.Key_Space)
    assert backup.is_file() and seen == {"differ": False, "same": True}
    assert backup.stat().st_mode & 0o777 == 0o600  # the committee's keys stay private

    # A new laptop: an empty keychain, a new secretariat workspace with the roster.
    memory_keyring.entries.clear()
    fresh = tmp_path / "new-sec.qzw"
    fresh.write_bytes(pool_template.read_bytes())
    new_view = SecRosterView(runner)
    qtbot.addWidget(new_view)
    with open_session(fresh) as new_session:
        new_view.set_session(new_session)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))

        def fill_once(dialog: QDialog) -> None:
            edit = dialog.findChild(QLineEdit, "passphrase")
            assert edit is not None
            type_into(qtbot, edit, PASSPHRASE)
            QTest.keyClick(edit, Qt.Key.Key_Return)

        when_dialog(qtbot, fill_once)
        QTest.keyClick(new_view.ui.restore_button, Qt.Key.Key_Space)
        assert identity.committee_root(new_session.workspace) == root
        assert len(memory_keyring.entries) == 2

        # One more evaluator enrolled on the new laptop, under the same committee.
        saved = tmp_path / "M01.crt.pem"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
        _drop(new_view, _request(tmp_path, "M01", "新评审员"))
        assert new_view.selected_code() == "M01"
        QTest.keyClick(new_view.ui.issue_button, Qt.Key.Key_Space)
        issued = x509.load_pem_x509_certificates(saved.read_bytes())[0]
        assert certificates.is_issued_by(issued, root)
        assert _state(new_view, "M01") == tr("SecRosterView", "Issued")
        new_view.set_session(None)
    assert not [kind for kind, _t, _x in message_boxes.shown if kind != "information"]
    assert QApplication.activeModalWidget() is None


def test_chinese_labels_and_switching_back(
    qtbot: QtBot, view: SecRosterView, tmp_path: Path
) -> None:
    from qz_evaluator.ui.i18n import apply_language

    def header() -> str:
        item = view.ui.roster_table.horizontalHeaderItem(4)
        return item.text() if item is not None else ""

    _drop(view, _request(tmp_path, "P02", "赵杰楠"))
    try:
        apply_language("zh")
        qtbot.waitUntil(lambda: header() == "证书")  # LanguageChange is posted
        assert view.title() == "评审员与密钥"
        assert _state(view, "P01") == "未提交申请" and _state(view, "P02") == "已收到申请"
        assert view.ui.issue_button.text() == "签发证书(&I)…"
        view.grab().save(str(Path("/tmp/secroster") / "roster-zh.png"))
    finally:
        apply_language("en")
    qtbot.waitUntil(lambda: header() == "Certificate")
    assert _state(view, "P02") == "Request received"
    assert view.ui.issue_button.text() == "&Issue Certificate…"


def test_a_new_committee_is_created_in_the_window_then_signs_packages(
    qtbot: QtBot,
    runner: TaskRunner,
    pool_path: Path,
    memory_keyring: MemoryKeyring,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qz_evaluator.services.errors import ServiceError
    from qz_evaluator.services.packages import export_packages

    with open_session(pool_path) as session:
        view = SecRosterView(runner)
        qtbot.addWidget(view)
        view.set_session(session)
        # No committee yet: signing says which step makes one, and only that step is open.
        with pytest.raises(ServiceError) as refused:
            identity.secretariat_identity(session.workspace)
        assert refused.value.code == identity.NO_SECRETARIAT_KEY
        assert "Create Committee Root" in (refused.value.window_hint or "")
        assert view.ui.create_root_button.isEnabled()
        assert not view.ui.backup_button.isEnabled()
        asked: list[str] = []

        def name(parent: object, title: str, label: str, **kwargs: str) -> tuple[str, bool]:
            asked.append(kwargs.get("text", ""))
            return "衢州市测试评审委员会", True

        monkeypatch.setattr(QInputDialog, "getText", name)
        with qtbot.waitSignal(view.changed, timeout=10000):
            QTest.mouseClick(view.ui.create_root_button, Qt.MouseButton.LeftButton)
        assert asked == ["衢州市政府质量奖评审委员会根证书"]  # the default, as the CLI's
        root = identity.committee_root(session.workspace)
        assert certificates.subject_name(root) == "衢州市测试评审委员会"
        assert message_boxes.shown[-1][1] == "Committee root created"
        assert not view.ui.create_root_button.isEnabled()
        assert view.ui.backup_button.isEnabled()
        written = export_packages(session.workspace, SITE_ROUND, pool_path.parent / "out", ["P02"])
        assert written  # the new secretariat key signs the round's packages
        view.set_session(None)
