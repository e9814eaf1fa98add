"""The consensus view marks a member's percentage that changed after the scorecard was
reopened, with a tooltip saying from what, read from the signed edit history (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from qz_evaluator.services import demo, merge
from qz_evaluator.services.session import open_session
from qz_evaluator.ui import i18n
from qz_evaluator.ui.sec_consensus import REOPENED_MARK, SecConsensusView
from qz_evaluator.ui.tasks import TaskRunner
from tests.support.history import CHANGED, FIRST, Reopened, reopened_committee
from tests.support.trust import MemoryKeyring


@pytest.fixture
def merged(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Reopened]:
    with reopened_committee(tmp_path) as committee:
        merge.merge(committee.secretariat, [committee.outbox], workers=1)
        yield committee


@pytest.mark.parametrize(("language", "words"), [("zh_CN", "退回修改后"), ("en", "after reopen")])
def test_a_score_changed_after_a_reopen_is_marked_with_its_old_value(
    qtbot: QtBot, merged: Reopened, language: str, words: str
) -> None:
    i18n.apply_language(language)
    runner = TaskRunner()
    view = SecConsensusView(runner)
    qtbot.addWidget(view)
    session = open_session(merged.secretariat.path)
    try:
        with qtbot.waitSignal(view.loaded, timeout=15000):
            view.set_round(demo.SITE_ROUND)
            view.set_session(session)
        if view.consensus is None or view.consensus.candidate.credit_code != (
            merged.card.credit_code
        ):
            with qtbot.waitSignal(view.loaded, timeout=15000):
                view.choose(merged.card.credit_code)
        shown = view.consensus
        assert shown is not None
        [column] = [2 + i for i, m in enumerate(shown.members) if m.evaluator_code == "P01"]
        table = view.ui.matrix_table
        changed = table.item(view.item_row(merged.item), column)
        assert changed is not None
        assert changed.text() == f"{CHANGED} {REOPENED_MARK}"
        tip = changed.toolTip()
        assert f"{FIRST}%→{CHANGED}%" in tip and words in tip
        # An item whose comment alone changed after the reopen carries no mark.
        other = table.item(view.item_row(shown.items[1].code), column)
        assert other is not None and REOPENED_MARK not in other.text()
        assert other.toolTip() == ""
    finally:
        runner.cancel_all()
        view.set_session(None)
        session.close()
        i18n.apply_language("zh_CN")
