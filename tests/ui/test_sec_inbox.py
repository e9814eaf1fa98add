"""The secretariat's inbox: a folder of signed scorecards made by the services (one
tampered, one duplicate, one higher revision, one signed by another evaluator, one from
an evaluator with a recorded conflict, one signed with a key after its revocation) and a
signed conflict declaration, dropped on the view, merged off the UI thread, every row
with its reason in Chinese, the missing panel members, a file's details and its PDF,
cancel."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import (
    conflict_declarations,
    demo,
    identity,
    merge,
    packages,
    scorecard_files,
)
from qz_evaluator.services.merge import MergeEntry, Outcome
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.services.session import Session, open_session
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.ui import i18n
from qz_evaluator.ui.sec_inbox import Column, DetailsDialog, SecInboxView, entry_text
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.trust import MemoryKeyring

from .conftest import MessageBoxes

ROUND = demo.SITE_ROUND


@dataclass
class Inbox:
    secretariat: Path
    folder: Path  # what the secretariat received
    files: dict[str, Path]
    candidate: str
    # The candidate's panel, sorted: A, B, C (recorded conflict), D (declares one), E (its
    # laptop lost: what its key signs after the revocation is refused, so E stays missing).
    members: list[str]
    fingerprints: dict[str, str]


def _score_and_export(workspace: Workspace, credit_code: str, out: Path, base: int) -> Path:
    service = ScoringService(workspace)
    [card] = [c for c in service.ensure_all(ROUND) if c.credit_code == credit_code]
    with workspace.transaction():
        for index, item in enumerate(criteria_set(card.criteria_id).items):
            card = service.set_percent(card, item.code, base + 5 * (index % 3)).card
    card = service.finalise(card, affirm_declaration=True).card
    return scorecard_files.export_scorecard(workspace, card, out).path


@pytest.fixture
def inbox(pool_path: Path, memory_keyring: MemoryKeyring, tmp_path: Path) -> Iterator[Inbox]:
    folder, outbox = tmp_path / "收件", tmp_path / "outbox"
    evaluators: dict[str, Workspace] = {}
    with Workspace.open(pool_path) as sec:
        identity.create_committee_root(sec, "测试评审委员会根证书")
        # Plain PDFs, which the tests take apart; envelopes: test_encrypted_inbox.py.
        sec.set_round_settings(
            ROUND, RoundSettings(comments_required=False, encrypt_scorecards=False)
        )
        candidate = sec.panel_members(round_code=ROUND)[0].credit_code
        members = sorted(
            m.evaluator_code for m in sec.panel_members(round_code=ROUND, credit_code=candidate)
        )
        assert len(members) == 5
        a, b, c, d, e = members
        for code in (a, b, c, d, e):
            workspace = Workspace.create(tmp_path / f"{code}.qzw", Role.EVALUATOR, owner_code=code)
            request = identity.create_identity(workspace, sec.evaluator(code).name)
            bundle, _, _ = identity.issue_certificate(sec, request)
            identity.install_certificate(workspace, bundle)
            [package] = packages.export_packages(sec, ROUND, tmp_path / "packages", [code])
            packages.import_package(workspace, package)
            evaluators[code] = workspace
        # Found out after the packages went out: C must not score this candidate.
        sec.add_conflict(Conflict(candidate, c, "曾为该单位提供咨询服务"))
        fingerprints = {
            code: str(sec.evaluator(code).certificate_fingerprint) for code in (a, b, c)
        }
    files: dict[str, Path] = {}
    files["a1"] = _score_and_export(evaluators[a], candidate, outbox, 50)
    # A corrects the scorecard: revision 2.
    service = ScoringService(evaluators[a])
    [card] = [c for c in evaluators[a].scorecards(evaluator_code=a) if c.credit_code == candidate]
    card = service.reopen(card).card
    card = service.set_percent(card, "4.1.2", 95).card
    card = service.finalise(card, affirm_declaration=True).card
    files["a2"] = scorecard_files.export_scorecard(evaluators[a], card, outbox).path
    files["b1"] = _score_and_export(evaluators[b], candidate, outbox, 60)
    files["c1"] = _score_and_export(evaluators[c], candidate, outbox, 70)
    # D finds a conflict on site and declares it, signed.
    scoring = ScoringService(evaluators[d])
    [card] = [x for x in scoring.ensure_all(ROUND) if x.credit_code == candidate]
    card = scoring.declare_conflict(card, "亲属在该单位任职").card
    files["d"] = conflict_declarations.export_declaration(evaluators[d], card, outbox).path
    # E scores, then reports the laptop lost: the secretariat revokes the certificate, and
    # the scorecard the key signs afterwards (by whoever holds the laptop) is refused.
    scoring = ScoringService(evaluators[e])
    [card] = [x for x in scoring.ensure_all(ROUND) if x.credit_code == candidate]
    with evaluators[e].transaction():
        for item in criteria_set(card.criteria_id).items:
            card = scoring.set_percent(card, item.code, 40).card
    card = scoring.finalise(card, affirm_declaration=True).card
    with Workspace.open(pool_path) as sec:
        sec.actor = "secretariat"
        identity.revoke_certificate(sec, e, "笔记本电脑丢失")  # from now on
    files["revoked"] = scorecard_files.export_scorecard(evaluators[e], card, outbox).path
    folder.mkdir()
    for key in ("a1", "a2", "b1", "c1", "d", "revoked"):
        files[key] = Path(shutil.copy(files[key], folder / files[key].name))
    # The same file twice (sorted after its original), one byte changed after signing,
    # and B's scorecard signed with A's key.
    files["copy"] = Path(shutil.copy(files["b1"], folder / "zz 再次发送.pdf"))
    data = bytearray(files["b1"].read_bytes())
    data[len(data) // 3] ^= 0x01
    files["tampered"] = folder / "篡改.pdf"
    files["tampered"].write_bytes(bytes(data))
    root = identity.committee_root(evaluators[b])
    check = scorecard_files.check_scorecard_file(files["b1"], root)
    assert check.document is not None
    files["signer"] = folder / "代签.pdf"
    files["signer"].write_bytes(
        scorecard_files.signed_scorecard_pdf(
            check.document, identity.evaluator_identity(evaluators[a])
        )
    )
    for workspace in evaluators.values():
        workspace.close()
    yield Inbox(pool_path, folder, files, candidate, members, fingerprints)


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.apply_language("zh_CN")
    yield
    i18n.apply_language("zh_CN")


@pytest.fixture
def view(qtbot: QtBot, inbox: Inbox, zh: None) -> Iterator[SecInboxView]:
    runner = TaskRunner()
    widget = SecInboxView(runner)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    session = open_session(inbox.secretariat)
    widget.set_session(session)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    runner.cancel_all()
    widget.set_session(None)
    session.close()


def drop(widget: SecInboxView, paths: list[Path]) -> None:
    """Files and folders dragged from the file manager and let go over the view."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(20, 20),  # the QPoint overload is deprecated
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QCoreApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QCoreApplication.sendEvent(widget, event)


def wait_merged(qtbot: QtBot, widget: SecInboxView, count: int) -> None:
    qtbot.waitUntil(
        lambda: widget.task is None and len(widget.model.entries) == count, timeout=60_000
    )


def rows(widget: SecInboxView) -> dict[str, tuple[str, str]]:
    model = widget.proxy
    shown: dict[str, tuple[str, str]] = {}
    for row in range(model.rowCount()):
        name = model.index(row, Column.FILE).data()
        shown[name] = (
            model.index(row, Column.OUTCOME).data(),
            model.index(row, Column.REASON).data(),
        )
    return shown


def test_a_dropped_folder_is_merged_with_every_reason_in_chinese(
    qtbot: QtBot, view: SecInboxView, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _barred, d, *missing = inbox.members  # C has a recorded conflict: owes none
    assert view.title() == "收件与合并"
    # Before any merge: every member of the candidate's panel is missing, but C (barred).
    [before] = [line for line in view.missing if line.credit_code == inbox.candidate]
    assert sorted(code for code, _ in before.missing) == [a, b, d, *missing]

    changed: list[bool] = []
    view.changed.connect(lambda: changed.append(True))
    drop(view, [inbox.folder])
    wait_merged(qtbot, view, 9)
    name = {key: path.name for key, path in inbox.files.items()}
    assert rows(view) == {
        name["a1"]: ("已接收", "第 1 版"),
        name["a2"]: ("已接收", "第 2 版，取代第 1 版"),
        name["b1"]: ("已接收", "第 1 版"),
        name["copy"]: ("重复", "该文件此前已合并，未作任何更改"),
        name["tampered"]: ("已拒收", "签名后文件被修改"),
        name["signer"]: ("已拒收", "签名人不是该评审员"),
        name["c1"]: ("已拒收", "该评审员与参评单位存在回避关系"),
        name["d"]: ("回避声明", "评审员声明回避：亲属在该单位任职"),
        name["revoked"]: ("已拒收", "签名所用证书已被吊销（在吊销之后签名）"),
    }
    assert changed
    assert "共 9 个文件：已接收 3 · 重复 1 · 已拒收 4 · 回避声明 1" in view.ui.counts_label.text()
    [revoked] = [x for x in view.model.entries if x.file == str(inbox.files["revoked"])]
    assert revoked.reason == merge.MergeRejection.REVOKED_CERTIFICATE.value
    assert revoked.evaluator_code == missing[0] and "笔记本电脑丢失" in revoked.message

    # The workspace holds what the rows say.
    session = view.session
    assert isinstance(session, Session)
    history = session.workspace.submissions(credit_code=inbox.candidate)
    assert sorted((s.evaluator_code, s.revision, s.status) for s in history) == [
        (a, 1, SubmissionStatus.SUPERSEDED),
        (a, 2, SubmissionStatus.ACCEPTED),
        (b, 1, SubmissionStatus.ACCEPTED),
    ]

    # Only E, whose one scorecard was refused, is missing now (C and D owe none).
    [after] = [line for line in view.missing if line.credit_code == inbox.candidate]
    assert sorted(code for code, _ in after.missing) == missing
    table = view.ui.missing_table

    def cell(row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    [row] = [r for r in range(table.rowCount()) if inbox.candidate in cell(r, 1)]
    # The evaluator whose declaration was merged has left the panel: one of four missing.
    assert cell(row, 2) == "1/4"
    assert all(code in cell(row, 3) for code in missing)

    # Double-click on A's revision 2: its verification, and the PDF opened.
    target = next(
        r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == name["a2"]
    )
    table_view = view.ui.files_table
    rect = table_view.visualRect(view.proxy.index(target, Column.REASON))
    # A real double-click: press, release, then the double-click event (Qt 6 wants the
    # press on the same row first).
    QTest.mouseClick(table_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.details is not None and view.details.isVisible())
    details = view.details
    assert isinstance(details, DetailsDialog)
    assert details.fields["revision"].text() == "2"
    assert details.fields["fingerprint"].text() == inbox.fingerprints[a]
    assert details.fields["reason"].text() == "第 2 版，取代第 1 版"
    assert details.fields["evaluator"].text().startswith(a)
    assert details.fields["signer"].text()  # the certificate's name
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    QTest.mouseClick(details.open_button, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened] == [inbox.files["a2"].resolve()]
    details.reject()

    # By keyboard: Enter on the tampered file's row gives its details too.
    tampered = next(
        r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == name["tampered"]
    )
    table_view.setFocus()
    table_view.setCurrentIndex(view.proxy.index(tampered, 0))
    QTest.keyClick(table_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.details is not details and view.details is not None)
    assert view.details is not None
    assert view.details.fields["reason"].text() == "签名后文件被修改"
    assert view.details.fields["outcome"].text() == "已拒收"
    view.details.reject()

    # A second drop of A's r1 changes nothing.
    drop(view, [inbox.files["a1"]])
    wait_merged(qtbot, view, 10)
    last = view.model.entries[-1]
    assert last.outcome is Outcome.DUPLICATE

    # English from the Language menu: the rows' words change with it.
    i18n.apply_language("en")
    qtbot.waitUntil(lambda: view.ui.add_files_button.text() == "Add &Files…")
    assert view.title() == "Inbox"
    assert rows(view)[name["tampered"]] == ("Rejected", "The file was changed after it was signed")
    assert view.proxy.headerData(Column.OUTCOME, Qt.Orientation.Horizontal) == "Outcome"


def test_cancel_stops_between_files_and_keeps_what_is_merged(
    qtbot: QtBot, view: SecInboxView, inbox: Inbox
) -> None:
    # Enough files for the verification to run in worker processes.
    for index in range(9):
        shutil.copy(inbox.files["b1"], inbox.folder / f"zz 副本 {index}.pdf")
    files = len(list(inbox.folder.glob("*.pdf")))
    assert files == 18
    view.workers = 2
    merged: list[merge.MergeSummary] = []
    view.merged.connect(merged.append)
    task = view.merge_paths([inbox.folder])
    assert task is not None and view.ui.cancel_button.isVisible()
    assert not view.ui.add_files_button.isEnabled()
    drop(view, [inbox.files["a1"]])  # while it runs: merged next
    QTest.mouseClick(view.ui.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.task is None and len(merged) == 2, timeout=60_000)
    stopped, queued = merged
    assert stopped.cancelled and len(stopped.entries) < files
    assert not queued.cancelled and len(queued.entries) == 1
    assert len(view.model.entries) == len(stopped.entries) + 1
    # Whatever was merged is whole; the rest merges on the next drop.
    drop(view, [inbox.folder])
    wait_merged(qtbot, view, len(stopped.entries) + 1 + files)
    assert view.ui.add_files_button.isEnabled() and not view.ui.cancel_button.isVisible()
    session = view.session
    assert session is not None
    history = session.workspace.submissions(credit_code=inbox.candidate)
    a, b = inbox.members[:2]
    assert sorted((s.evaluator_code, s.revision, s.status) for s in history) == [
        (a, 1, SubmissionStatus.SUPERSEDED),
        (a, 2, SubmissionStatus.ACCEPTED),
        (b, 1, SubmissionStatus.ACCEPTED),
    ]


def test_merge_cancelled_between_files_keeps_the_files_before(
    inbox: Inbox, memory_keyring: MemoryKeyring
) -> None:
    seen: list[MergeEntry] = []
    with Workspace.open(inbox.secretariat) as sec:
        summary = merge.merge(
            sec,
            [inbox.folder],
            workers=1,
            on_entry=seen.append,
            cancelled=lambda: len(seen) >= 2,
        )
        assert summary.cancelled and summary.entries == seen
        # A's two revisions come first in the folder: both merged, nothing after them.
        assert [(e.outcome, e.revision) for e in seen] == [
            (Outcome.ACCEPTED, 1),
            (Outcome.ACCEPTED, 2),
        ]
        assert len(sec.merge_log()) == 2
        assert len(sec.submissions()) == 2


def test_every_outcome_has_its_words(zh: None) -> None:
    def entry(outcome: Outcome, **fields: object) -> MergeEntry:
        return MergeEntry("f.pdf", outcome, None, "english", **fields)  # type: ignore[arg-type]

    assert entry_text(entry(Outcome.SUPERSEDED, revision=1, top_before=2)) == (
        "第 1 版早于此前已合并的第 2 版：仅作历史保留，不计分"
    )
    assert entry_text(entry(Outcome.CONFLICT, revision=1)).startswith(
        "版本冲突：此前已合并另一份同为第 1 版但评分不同的文件"
    )
    assert entry_text(entry(Outcome.DUPLICATE, revision=2)).startswith(
        "与此前已合并的第 2 版评分完全相同"
    )
    assert entry_text(entry(Outcome.DUPLICATE)) == "该文件此前已合并，未作任何更改"
    declared = entry(Outcome.DECLARED_CONFLICT, declared_reason="亲属任职", top_before=1)
    assert entry_text(declared) == "评审员声明回避：亲属任职；其已合并的第 1 版评分表不再计分"
    unknown = MergeEntry("f.pdf", Outcome.REJECTED, "revoked-later", "signed after revocation")
    assert entry_text(unknown) == "signed after revocation"  # a code not known yet: its message


def test_a_workspace_without_its_committee_root_says_so(
    qtbot: QtBot,
    pool_path: Path,
    tmp_path: Path,
    zh: None,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = TaskRunner()
    widget = SecInboxView(runner)
    qtbot.addWidget(widget)
    with open_session(pool_path) as session:
        widget.set_session(session)
        stray = tmp_path / "评分表.pdf"
        stray.write_bytes(b"%PDF-1.7\n")
        # Chosen with the button this time.
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(stray)], ""))
        QTest.mouseClick(widget.ui.add_files_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: widget.task is None and bool(message_boxes.shown))
        [(kind, title, _text)] = message_boxes.shown
        assert (kind, title) == ("warning", "合并失败")
        assert widget.model.entries == [] and widget.ui.add_files_button.isEnabled()
        widget.set_session(None)


def test_a_thousand_files_move_the_window_in_a_few_batches(
    qtbot: QtBot, pool_path: Path, zh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge's rows and progress are taken in batches: one queued call per file
    made the UI thread wait for the GIL and repaint the progress bar a thousand times,
    stalls over 100 ms in benchmarks/bench_inbox.py."""
    count = 1000

    def quick_merge(
        workspace: Workspace,
        names: list[str],
        *,
        progress: Callable[[int, int], None],
        on_entry: Callable[[MergeEntry], None],
        **_: object,
    ) -> merge.MergeSummary:
        summary = merge.MergeSummary()
        for number in range(count):
            entry = MergeEntry(f"{number:04d}.pdf", Outcome.REJECTED, "not-a-pdf", "not a PDF")
            summary.entries.append(entry)
            on_entry(entry)
            progress(number + 1, count)
        return summary

    monkeypatch.setattr(merge, "merge", quick_merge)
    runner = TaskRunner()
    widget = SecInboxView(runner)
    qtbot.addWidget(widget)
    moves: list[int] = []
    widget.ui.progress_bar.valueChanged.connect(lambda value: moves.append(value))
    insertions: list[int] = []
    widget.model.rowsInserted.connect(lambda _parent, first, _last: insertions.append(first))
    with open_session(pool_path) as session:
        widget.set_session(session)
        task = widget.merge_paths([pool_path.parent])
        assert task is not None
        qtbot.waitUntil(lambda: task.done and not runner.running, timeout=60_000)
        assert len(widget.model.entries) == count
        # A few batches, however quickly the files come: not one per file.
        assert 1 <= len(insertions) < 20 and len(moves) < 20
        assert widget.ui.progress_bar.value() == count
        assert "共 1000 个文件：已拒收 1000" in widget.ui.counts_label.text()
        widget.set_session(None)


def test_every_verdict_code_has_its_words_in_the_inbox(app: object) -> None:
    """A code added to verify or merge (bad-text, …) is explained in the inbox too, not
    shown as its English message."""
    from qz_evaluator.services.merge import MergeRejection
    from qz_evaluator.services.scorecard_files import Rejection
    from qz_evaluator.ui.merge_texts import reason_texts

    texts = reason_texts()
    assert [r.value for r in (*Rejection, *MergeRejection) if r.value not in texts] == []
