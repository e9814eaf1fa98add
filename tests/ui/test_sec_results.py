"""The secretariat's results: the demo after its panels' consensus, the ranked table per
tier with the figures `services.results` computes, a tier recommendation accepted (final
results only) and seen in the tier history, and the calibration marked as diagnostic."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from qz_evaluator.domain.candidates import Tier
from qz_evaluator.services import demo, results
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.results import shown
from qz_evaluator.services.session import Session, open_session, open_workspace
from qz_evaluator.ui import i18n
from qz_evaluator.ui.sec_results import Column, SecResultsView, tier_outcomes
from qz_evaluator.ui.tasks import TaskRunner

from .conftest import MessageBoxes

ROUND = demo.SITE_ROUND
AGREED = 60  # the percentage a panel agrees on for a divergent item


def build_agreed_demo(folder: Path) -> Path:
    """The secretariat demo after its panels met: a consensus note on every divergent
    item, and every result final that may be (not those in a revision conflict or with a
    member's scorecard still missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo-secretariat.qzw"
    workspace, _ = demo.build_secretariat_demo(path, folder / "scratch")
    shutil.rmtree(folder / "scratch")
    with workspace:
        computed = results.compute(workspace, ROUND)
        leaders = {
            m.credit_code: m.evaluator_code
            for m in workspace.panel_members(round_code=ROUND)
            if m.role.value == "leader"
        }
        for outcome in computed.outcomes:
            code = outcome.candidate.credit_code
            for item in outcome.unresolved:
                results.add_consensus_note(
                    workspace, ROUND, code, item, leaders[code], "组内合议后一致同意", AGREED
                )
            if outcome.result is not None:
                try:
                    results.finalise(workspace, ROUND, code)
                except ServiceError:
                    assert outcome.conflicts or outcome.missing  # these stay open
    return path


@pytest.fixture(scope="module")
def agreed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_agreed_demo(tmp_path_factory.mktemp("agreed") / "demo")


@pytest.fixture
def agreed_path(agreed_template: Path, tmp_path: Path) -> Path:
    # The merged files beside the workspace are not needed by results: the file alone.
    path = tmp_path / agreed_template.name
    shutil.copyfile(agreed_template, path)
    return path


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.apply_language("zh_CN")
    yield
    i18n.apply_language("zh_CN")


@pytest.fixture
def session(agreed_path: Path) -> Iterator[Session]:
    opened = open_session(agreed_path)
    yield opened
    opened.close()


def shown_view(qtbot: QtBot, session: Session) -> SecResultsView:
    runner = TaskRunner()
    view = SecResultsView(runner)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.set_session(session)
    return view


def text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def cell(view: SecResultsView, row: int, column: int) -> str:
    return text(view.ui.results_table, row, column)


def test_the_ranked_table_shows_what_results_compute(
    qtbot: QtBot, session: Session, zh: None
) -> None:
    view = shown_view(qtbot, session)
    computed = results.compute(session.workspace, ROUND)
    header = view.ui.results_table.horizontalHeaderItem(Column.STDEV)
    assert header is not None and header.text() == "样本标准差 (n−1)"
    official = view.ui.results_table.horizontalHeaderItem(Column.OFFICIAL)
    assert official is not None and computed.settings.rule.id in official.text()
    assert computed.settings.rule.id in view.ui.rule_label.text()
    assert "四舍五入" in view.ui.rule_label.text()
    for tier in (Tier.ADVANTAGE, Tier.POTENTIAL, Tier.SEED):
        view.ui.tier_combo.setCurrentIndex(view.ui.tier_combo.findData(tier.value))
        expected = tier_outcomes(computed, tier)
        assert view.shown_codes() == [o.candidate.credit_code for o in expected]
        for row, outcome in enumerate(expected):
            r = outcome.result
            assert cell(view, row, Column.CANDIDATE) == outcome.candidate.name
            if r is None:
                assert cell(view, row, Column.N) == "0"
                assert cell(view, row, Column.OFFICIAL) == ""
                assert "尚无有效评分表" in cell(view, row, Column.FLAGS)
                continue
            assert cell(view, row, Column.RANK) == str(outcome.rank)
            assert cell(view, row, Column.N) == str(r.n)
            assert cell(view, row, Column.MEAN) == shown(r.totals.mean)
            assert cell(view, row, Column.TRIMMED_MEAN) == shown(r.totals.trimmed_mean)
            assert cell(view, row, Column.MEDIAN) == shown(r.totals.median)
            assert cell(view, row, Column.RANGE) == (
                f"{shown(r.totals.minimum)}–{shown(r.totals.maximum)}"
            )
            assert cell(view, row, Column.STDEV) == shown(r.totals.stdev)
            assert outcome.official is not None
            assert cell(view, row, Column.OFFICIAL) == shown(outcome.official)
            assert cell(view, row, Column.FINAL) == ("已确认" if outcome.final else "未确认")
            assert outcome.recommended is not None
            assert cell(view, row, Column.TIER) == (
                f"{tier.label.zh} → {outcome.recommended.label.zh}"
            )
            flags = cell(view, row, Column.FLAGS)
            assert ("评审组不完整" in flags) is r.incomplete
            assert ("修订版本冲突" in flags) is bool(outcome.conflicts)
    # The consensus closed every divergence: none is open any more.
    assert all(not o.unresolved for o in computed.outcomes)
    assert view.current_results() is not None


def test_the_selection_is_announced_for_the_charts(
    qtbot: QtBot, session: Session, zh: None
) -> None:
    view = shown_view(qtbot, session)
    holder = view.findChild(QWidget, "chartHolder")
    layout = holder.layout() if holder is not None else None
    assert isinstance(layout, QVBoxLayout)
    item = layout.itemAt(0)
    assert item is not None and item.widget() is view.charts  # the pictures, below the table
    computed = view.current_results()
    assert computed is not None
    scored = [o for o in computed.outcomes if o.result is not None]
    target = scored[-1].candidate
    with qtbot.waitSignal(view.candidate_selected, timeout=2000) as signal:
        assert view.select(target.credit_code)
    assert signal.args == [target.credit_code] and view.selected_code() == target.credit_code
    # The charts follow: the candidate's tier, one dot per accepted scorecard of each panel
    # shown, and its seven categories against their maximum.
    assert view.charts.credit_code == target.credit_code
    assert view.charts.tier_combo.currentData() == target.tier.value
    dots = [kind for kind, _ in view.charts.totals.mark_positions() if kind == "total"]
    in_tier = [o for o in scored if o.candidate.tier is target.tier]
    assert len(dots) == sum(len(o.scorecards) for o in in_tier)
    bars = [kind for kind, _ in view.charts.profile.mark_positions() if kind == "mean"]
    assert len(bars) == len(computed.criteria.categories)


def test_accepting_a_recommendation_records_the_tier_history(
    qtbot: QtBot, session: Session, zh: None, message_boxes: MessageBoxes
) -> None:
    view = shown_view(qtbot, session)
    computed = view.current_results()
    assert computed is not None
    movable = [
        o
        for o in computed.outcomes
        if o.final and o.recommended is not None and o.recommended is not o.candidate.tier
    ]
    assert movable, "the agreed demo has a final result recommending another tier"
    outcome = movable[0]
    code, before = outcome.candidate.credit_code, outcome.candidate.tier
    assert outcome.recommended is not None
    after = outcome.recommended
    history = len(session.workspace.tier_history(code))
    assert view.select(code)
    assert view.ui.accept_button.isEnabled()
    assert f"{before.label.zh} → {after.label.zh}" in view.ui.recommendation_label.text()
    with (
        qtbot.waitSignal(view.changed, timeout=20000),
        qtbot.waitSignal(view.loaded, timeout=20000),
    ):
        view.ui.accept_button.click()
    changes = session.workspace.tier_history(code)
    assert len(changes) == history + 1
    assert (changes[-1].from_tier, changes[-1].to_tier) == (before, after)
    assert computed.settings.rule.id in changes[-1].reason
    # Now in its new tier, as recommended: nothing more to accept.
    assert view.select(code) and view.tier() is after
    assert not view.ui.accept_button.isEnabled()
    assert "已在建议的梯队" in view.ui.recommendation_label.text()
    assert not message_boxes.shown


def test_a_result_not_final_says_why_it_cannot_be_accepted(
    qtbot: QtBot, session: Session, zh: None, message_boxes: MessageBoxes
) -> None:
    view = shown_view(qtbot, session)
    computed = view.current_results()
    assert computed is not None
    open_ones = [o for o in computed.outcomes if o.result is not None and not o.final]
    # The demo's revision conflict and its missing scorecards keep these open: the
    # refusal says which and names the Inbox tab, where they are merged.
    assert open_ones and all(o.conflicts or o.missing for o in open_ones)
    open_one = open_ones[0]
    assert view.select(open_one.candidate.credit_code)
    assert not view.ui.accept_button.isEnabled()
    shown_text = view.ui.recommendation_label.text()
    assert "收件与合并" in shown_text and open_one.missing[0] in shown_text
    assert view.accept_selected() is None
    assert message_boxes.texts() and "收件与合并" in message_boxes.texts()[-1]
    with open_workspace(session.path) as workspace:  # nothing was written
        assert len(workspace.tier_history(open_one.candidate.credit_code)) == len(
            session.workspace.tier_history(open_one.candidate.credit_code)
        )


def test_a_result_ready_but_not_final_points_to_make_final(
    qtbot: QtBot, tmp_path: Path, zh: None
) -> None:
    # The demo as merged, before anyone met: one candidate has nothing left to agree.
    path = tmp_path / "demo-secretariat.qzw"
    workspace, _ = demo.build_secretariat_demo(path, tmp_path / "scratch")
    workspace.close()
    with open_session(path) as opened:
        view = shown_view(qtbot, opened)
        computed = view.current_results()
        assert computed is not None
        ready = [
            o
            for o in computed.outcomes
            if o.result is not None and o.final is None and not results.blocking(o)
        ]
        assert ready and ready[0].recommended is not ready[0].candidate.tier
        assert view.select(ready[0].candidate.credit_code)
        text = view.ui.recommendation_label.text()
        assert "已可定稿" in text and "结果定稿" in text and "（）" not in text
        view.set_session(None)


def test_calibration_is_shown_and_marked_diagnostic(
    qtbot: QtBot, session: Session, zh: None
) -> None:
    view = shown_view(qtbot, session)
    tabs = view.ui.results_tabs
    assert "诊断" in tabs.tabText(1)
    assert "仅供诊断" in view.ui.calibration_note.text()
    assert "不会改变" in view.ui.calibration_note.text()
    found = results.calibrate(session.workspace, ROUND)
    leniency = view.ui.leniency_table
    assert leniency.rowCount() == len(found.leniency)
    shown_codes = {text(leniency, row, 0).split()[0] for row in range(leniency.rowCount())}
    assert shown_codes == set(found.leniency)
    for row in range(leniency.rowCount()):
        code = text(leniency, row, 0).split()[0]
        value = found.leniency[code]
        assert text(leniency, row, 2) == (f"{value.mean_deviation:+.2f}")
        assert text(leniency, row, 3) == f"{value.z:+.2f}"
    agreement = view.ui.agreement_table
    measured = [a for a in found.agreement.values() if a is not None]
    assert measured and agreement.rowCount() == len(found.agreement)
    texts = [text(agreement, row, 2) for row in range(agreement.rowCount())]
    for panel in measured:
        assert f"{panel.icc:.2f} ({panel.icc_label.zh})" in texts
    # Diagnostic: the official scores are those of the results, untouched.
    shown_results = view.current_results()
    assert shown_results is not None
    officials = {o.candidate.credit_code: o.official for o in shown_results.outcomes}
    computed = results.compute(session.workspace, ROUND)
    assert officials == {o.candidate.credit_code: o.official for o in computed.outcomes}


def test_in_the_window_an_accepted_tier_shows_in_the_pools_history(
    qtbot: QtBot, agreed_path: Path, zh: None
) -> None:
    """Plugged into the secretariat's window as the integrator will: the Pool view reads
    the workspace again after the results view's `changed`, and shows the new history."""
    from qz_evaluator.ui.sec_pool import PoolView
    from qz_evaluator.ui.sec_reports import SecReportsView
    from qz_evaluator.ui.secretariat_window import SecretariatWindow

    window = SecretariatWindow(language="zh_CN", open_session=open_session)
    qtbot.addWidget(window)
    pool = PoolView(window.runner)
    view = SecResultsView(window.runner)
    window.add_view(pool)
    window.add_view(view)
    window.add_view(SecReportsView(window.runner))
    tabs = window.ui.view_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "参评单位库",
        "评审结果",
        "报告与导出",
    ]
    with qtbot.waitSignal(view.loaded, timeout=20000):
        assert window.open_workspace(agreed_path)
    computed = view.current_results()
    assert computed is not None
    outcome = next(
        o
        for o in computed.outcomes
        if o.final and o.recommended is not None and o.recommended is not o.candidate.tier
    )
    code, recommended = outcome.candidate.credit_code, outcome.recommended
    assert recommended is not None
    assert view.select(code)
    with qtbot.waitSignal(pool.loaded, timeout=20000):
        assert view.accept_selected() is not None
    assert pool.select(code)
    table = pool.ui.history_table
    last = table.item(table.rowCount() - 1, 1)
    assert last is not None and last.text().endswith(recommended.label.zh)
    window.close()


def test_compute_again_runs_on_the_runner_and_can_be_cancelled(
    qtbot: QtBot, session: Session, zh: None
) -> None:
    view = shown_view(qtbot, session)
    rows = view.shown_codes()
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.ui.refresh_button.click()
    assert view.shown_codes() == rows
    # Cancelled: the answer is dropped, the results shown before stay.
    view.ui.refresh_button.click()
    [task] = view.runner.running
    task.cancel()
    with qtbot.assertNotEmitted(view.loaded, wait=200):
        qtbot.waitUntil(lambda: not view.runner.running, timeout=20000)
    assert view.shown_codes() == rows
    assert "2026年度现场评审" in view.ui.round_label.text()
