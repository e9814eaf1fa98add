"""The secretariat's Pool view, driven as a person would: search (Chinese, pinyin
initials, credit code), tiers, moving a candidate with a reason, importing a list."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.services.session import Session, open_session
from qz_evaluator.ui.i18n import apply_language
from qz_evaluator.ui.sec_pool import ImportPreviewDialog, MoveDialog, PoolView
from qz_evaluator.ui.tasks import TaskRunner

from .conftest import MessageBoxes

BOTAO = "衢州博韬信息科技有限公司"  # not in the demo: imported below


def code(body: str) -> str:
    """A valid credit code from its first 17 characters."""
    return body + check_character(body)


@pytest.fixture
def session(pool_path: Path) -> Iterator[Session]:
    with open_session(pool_path) as opened:
        yield opened


@pytest.fixture
def view(qtbot: QtBot, session: Session) -> PoolView:
    apply_language("zh")  # as the window does before it builds its views (zh_CN default)
    runner = TaskRunner()
    shown = PoolView(runner)
    runner.setParent(shown)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    with qtbot.waitSignal(shown.loaded, timeout=10000):
        shown.set_session(session)
    return shown


def wait_loaded(qtbot: QtBot, view: PoolView, act: Callable[[], None]) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10000):
        act()


def names(view: PoolView) -> list[str]:
    return [view._candidates[c].name for c in view.shown_codes()]


def type_chinese(view: PoolView, text: str) -> None:
    edit = view.ui.search_edit
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def on_dialog(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of `kind` once it is open (it blocks in exec())."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def test_candidates_by_tier_with_county_and_industry(view: PoolView) -> None:
    tree = view.ui.candidate_tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    headings = [group.text(0) for group in groups if group is not None]
    assert headings[0].startswith("优势单位") and headings[-1].startswith("种子单位")
    assert len(view.shown_codes()) == 40
    assert view.ui.count_label.text() == "40 家参评单位"
    top = groups[0]
    first = top.child(0) if top is not None else None
    assert first is not None
    candidate = view._candidates[view.shown_codes()[0]]
    assert (first.text(1), first.text(2)) == (candidate.county, candidate.industry)
    assert first.text(3) == ""  # no round has results in this workspace yet


def test_search_by_chinese_name_initials_and_credit_code(qtbot: QtBot, view: PoolView) -> None:
    wait_loaded(qtbot, view, lambda: type_chinese(view, "康禾"))
    assert names(view) == ["衢州市康禾药业有限公司"]
    view.ui.search_edit.clear()
    wait_loaded(qtbot, view, lambda: QTest.keyClicks(view.ui.search_edit, "qzskh"))
    assert names(view) == ["衢州市康禾药业有限公司"]
    view.ui.search_edit.clear()
    wait_loaded(qtbot, view, lambda: QTest.keyClicks(view.ui.search_edit, "9AEX02"))
    assert view.shown_codes() == ["91330802MA1T9AEX02"]
    view.ui.search_edit.clear()
    wait_loaded(qtbot, view, lambda: QTest.keyClicks(view.ui.search_edit, "zzzz"))
    assert view.shown_codes() == []
    assert "zzzz" in view.ui.count_label.text()  # "no candidates match" says what was typed


def test_tier_filter(qtbot: QtBot, view: PoolView) -> None:
    combo = view.ui.tier_filter
    wait_loaded(qtbot, view, lambda: combo.setCurrentIndex(combo.findData(Tier.SEED.value)))
    assert view.shown_codes() and all(
        view._candidates[c].tier is Tier.SEED for c in view.shown_codes()
    )


def test_move_a_candidate_between_tiers_with_a_reason(
    qtbot: QtBot, view: PoolView, session: Session
) -> None:
    credit_code = "91330802MA1T9AEX02"
    assert view.select(credit_code)
    before = view._candidates[credit_code].tier
    history_rows = view.ui.history_table.rowCount()
    changed: list[bool] = []
    view.changed.connect(lambda: changed.append(True))
    seen: dict[str, bool] = {}

    def move(dialog: QWidget) -> None:
        assert isinstance(dialog, MoveDialog)
        seen["ok_without_reason"] = dialog.ok_button.isEnabled()
        dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData(Tier.SEED.value))
        dialog.reason_edit.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("2026年度现场评审未达标，降级培育")
        QCoreApplication.sendEvent(dialog.reason_edit, event)
        seen["ok_with_reason"] = dialog.ok_button.isEnabled()
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    on_dialog(MoveDialog, move)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.ui.move_button.click()
    assert seen == {"ok_without_reason": False, "ok_with_reason": True}
    assert before is not Tier.SEED and changed == [True]
    assert session.workspace.candidate(credit_code).tier is Tier.SEED
    assert view._candidates[credit_code].tier is Tier.SEED
    assert view.selected_code() == credit_code  # still selected, now under 种子单位
    table = view.ui.history_table
    assert table.rowCount() == history_rows + 1
    last = table.rowCount() - 1
    assert table.item(last, 1).text().endswith("→ 种子单位")  # type: ignore[union-attr]
    assert table.item(last, 2).text() == "2026年度现场评审未达标，降级培育"  # type: ignore[union-attr]


def test_a_move_is_cancelled_with_escape(qtbot: QtBot, view: PoolView, session: Session) -> None:
    credit_code = view.shown_codes()[0]
    view.select(credit_code)
    before = session.workspace.tier_history(credit_code)
    on_dialog(MoveDialog, lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    view.ui.move_button.click()
    assert session.workspace.tier_history(credit_code) == before


def write_csv(path: Path, rows: list[str]) -> Path:
    header = "credit_code,name,county,industry,tier"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_preview_shows_the_first_error_and_writes_nothing(
    qtbot: QtBot, view: PoolView, session: Session, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "new.csv",
        [
            f"{code('91330802MA2B7TA80')},{BOTAO},衢江区,信息技术,seed",
            "91330802MA2B7TA81X,衢州示例有限公司,衢江区,信息技术,seed",  # bad check character
        ],
    )
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreviewDialog)
        seen["rows"] = dialog.table.rowCount()
        header = dialog.table.verticalHeaderItem(1)
        seen["line"] = header.text() if header is not None else ""
        seen["text"] = dialog.outcome_label.text()
        seen["import"] = dialog.import_button.isEnabled()
        dialog.reject()

    on_dialog(ImportPreviewDialog, look)
    assert view.import_file(source) is None
    assert seen["rows"] == 2  # the preview shows the rows it read
    assert seen["line"] == "3"  # numbered by their lines in the file, as the error is
    text = str(seen["text"])
    assert "new.csv" in text and "3" in text  # the file and the line of the first error
    assert "未写入" in text  # and that nothing was written
    assert seen["import"] is False
    assert len(session.workspace.candidates()) == 40
    assert session.workspace.candidates(search="博韬") == []


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_after_the_preview(
    qtbot: QtBot,
    view: PoolView,
    session: Session,
    tmp_path: Path,
    suffix: str,
    message_boxes: MessageBoxes,
) -> None:
    rows = [
        [code("91330802MA2B7TA80"), BOTAO, "衢江区", "信息技术", "seed"],
        ["91330802MA1T9AEX02", "衢州市康禾药业有限公司", "柯城区", "生物医药", "advantage"],
    ]
    if suffix == "csv":
        source = write_csv(tmp_path / "list.csv", [",".join(row) for row in rows])
    else:
        source = tmp_path / "list.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["统一社会信用代码", "单位名称", "县（市、区）", "行业", "梯队"])
        for row in rows:
            sheet.append(row)
        book.save(source)
    seen: dict[str, str] = {}

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreviewDialog)
        seen["text"] = dialog.outcome_label.text()
        assert dialog.table.rowCount() == 2
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    on_dialog(ImportPreviewDialog, accept)
    report = view.import_file(source)
    assert report is not None and (report.created, report.updated) == (1, 1)
    assert "1 家" in seen["text"]  # the preview said what the import would do
    qtbot.waitUntil(lambda: len(view.shown_codes()) == 41, timeout=10000)
    assert BOTAO in names(view)
    assert message_boxes.texts("information")[-1] == "新增 1 家参评单位，更新 1 家。"
    wait_loaded(qtbot, view, lambda: QTest.keyClicks(view.ui.search_edit, "qzbt"))
    assert names(view) == [BOTAO]


def test_screenshot(qtbot: QtBot, view: PoolView, tmp_path: Path) -> None:
    view.select("91330802MA1T9AEX02")
    image = view.grab()
    assert image.width() == 1366
    image.save(str(tmp_path / "sec_pool.png"))


def test_a_large_pool_is_read_a_page_per_tier(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list holds a page of each tier, never the whole pool (a million rows would not
    fit in widgets); a "show more" row reads the next page, and a search starts again."""
    from qz_evaluator.ui import sec_pool

    monkeypatch.setattr(sec_pool, "PAGE", 4)
    apply_language("zh")
    runner = TaskRunner()
    view = PoolView(runner)
    runner.setParent(view)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.set_session(session)
    counts = {t: len(session.workspace.candidates(tier=t)) for t in Tier}
    assert sum(counts.values()) == 40 and all(n > 4 for n in counts.values())
    assert len(view.shown_codes()) == 12  # 4 of each tier
    assert view.ui.count_label.text() == "40 家参评单位"  # the pool's count, not the page's
    tree = view.ui.candidate_tree
    top = tree.topLevelItem(0)
    assert top is not None
    top_tier = Tier.ADVANTAGE
    assert top.text(0).endswith(f"（{counts[top_tier]}）")
    more = top.child(top.childCount() - 1)
    assert more is not None
    assert more.text(0).startswith(f"已显示 {counts[top_tier]} 家中的 4 家")
    first_page = view.shown_codes()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        tree.itemActivated.emit(more, 0)
    shown_top = [c for c in view.shown_codes() if view._candidates[c].tier is top_tier]
    assert len(shown_top) == min(8, counts[top_tier])
    assert shown_top[:4] == first_page[:4]  # the next page follows the first
    # A search reads first pages again.
    wait_loaded(qtbot, view, lambda: view.ui.search_edit.setText("衢州"))
    assert all(
        len([c for c in view.shown_codes() if view._candidates[c].tier is t]) <= 4 for t in Tier
    )
