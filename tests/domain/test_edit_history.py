"""The edit history's chain, replay and summary, without a workspace."""

from __future__ import annotations

import pytest

from qz_evaluator.domain import edit_history as eh
from qz_evaluator.domain.scorecard import ItemEntry, ScorecardStatus

F = eh.HistoryField
START = eh.genesis("R1", "91330800MA2XXXXXX1", "P01")
CHANGES = [
    eh.Change("2026-11-30T01:00:00+00:00", F.PERCENT, "1.1", None, 70),
    eh.Change("2026-11-30T01:01:00+00:00", F.STRENGTHS, "1.1", "", "方法系统"),
    eh.Change("2026-11-30T01:02:00+00:00", F.PERCENT, "1.2", None, 50),
    eh.Change("2026-11-30T02:00:00+00:00", F.STATUS, None, "draft", "final"),
    eh.Change("2026-11-30T03:00:00+00:00", F.STATUS, None, "final", "draft"),
    eh.Change("2026-11-30T03:00:00+00:00", F.REASON, None, None, "现场复核"),
    eh.Change("2026-11-30T03:05:00+00:00", F.PERCENT, "1.1", 70, 60),
    eh.Change("2026-11-30T03:06:00+00:00", F.OFIS, "1.2", "", "展开不足"),
    eh.Change("2026-11-30T03:10:00+00:00", F.STATUS, None, "draft", "final"),
]
ENTRIES = (ItemEntry("1.1", 60, "方法系统"), ItemEntry("1.2", 50, "", "展开不足"))


def test_a_history_chains_replays_to_the_scores_and_reads_back() -> None:
    history = eh.chain(CHANGES, START)
    eh.check(history, START, ENTRIES, ScorecardStatus.FINAL)
    assert eh.from_json(history.as_json()) == history
    assert history.entries[0].prev == START
    assert history.head == eh.entry_digest(history.entries[-1])


def test_a_history_belongs_to_its_card() -> None:
    history = eh.chain(CHANGES, START)
    elsewhere = eh.genesis("R1", "91330800MA2XXXXXX1", "P02")
    with pytest.raises(eh.HistoryProblem, match="broken at entry 1"):
        eh.check(history, elsewhere, ENTRIES, ScorecardStatus.FINAL)


@pytest.mark.parametrize(
    ("changes", "entries", "status", "problem"),
    [
        (CHANGES[:-1], ENTRIES, ScorecardStatus.FINAL, "ends with status draft"),
        (
            CHANGES,
            (ItemEntry("1.1", 65, "方法系统"), ENTRIES[1]),
            ScorecardStatus.FINAL,
            "item 1.1: the history's percent",
        ),
        (
            [*CHANGES[:6], eh.Change("x", F.PERCENT, "1.1", 75, 60), *CHANGES[7:]],
            ENTRIES,
            ScorecardStatus.FINAL,
            "from 75, but the history before left 70",
        ),
        (
            [*CHANGES, eh.Change("x", F.PERCENT, "9.9", None, 5)],
            ENTRIES,
            ScorecardStatus.FINAL,
            "which the scorecard lacks",
        ),
    ],
)
def test_a_history_that_does_not_lead_to_the_scores_is_named(
    changes: list[eh.Change],
    entries: tuple[ItemEntry, ...],
    status: ScorecardStatus,
    problem: str,
) -> None:
    with pytest.raises(eh.HistoryProblem, match=problem):
        eh.check(eh.chain(changes, START), START, entries, status)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"field": "owner"}, "unknown field"),
        ({"item": None}, "item is missing"),
        ({"new": True}, "not a number"),
        ({"prev": "x" * 64}, "not a SHA-256"),
        ({"actor": "zhang"}, "not a history entry"),
    ],
)
def test_malformed_entries_are_refused(change: dict[str, object], problem: str) -> None:
    data = eh.chain(CHANGES, START).as_json()
    data["entries"][0].update(change)
    with pytest.raises(eh.HistoryProblem, match=problem):
        eh.from_json(data)


def test_the_summary_says_what_changed_after_the_first_finalise_and_why() -> None:
    summary = eh.summarise(eh.chain(CHANGES, START))
    assert summary.changes == 5
    assert summary.first_final_at == "2026-11-30T02:00:00+00:00"
    assert summary.changed_after_final == ("1.1", "1.2")
    assert summary.score_changes == {"1.1": (70, 60)}
    assert summary.reopenings == (eh.Reopening("2026-11-30T03:00:00+00:00", "现场复核"),)


def test_a_card_known_without_its_trail_states_its_values() -> None:
    changes = eh.changes_stating(ENTRIES, ScorecardStatus.FINAL, "2026-11-30T04:00:00+00:00")
    eh.check(eh.chain(changes, START), START, ENTRIES, ScorecardStatus.FINAL)
    assert len(changes) == 5  # two percentages, a strength, an OFI, the status


def test_a_burst_of_typing_is_one_change() -> None:
    saves = [
        eh.Change("t1", F.STRENGTHS, "1.1", "", "方"),
        eh.Change("t2", F.STRENGTHS, "1.1", "方", "方法"),
        eh.Change("t3", F.STRENGTHS, "1.1", "方法", "方法系统"),
        eh.Change("t4", F.PERCENT, "1.1", None, 70),
        eh.Change("t5", F.PERCENT, "1.1", 70, 65),
        eh.Change("t6", F.OFIS, "1.1", "", "x"),
        eh.Change("t7", F.OFIS, "1.1", "x", ""),
        eh.Change("t8", F.STRENGTHS, "1.1", "方法系统", "方法系统完整"),
    ]
    assert eh.compact(saves) == [
        eh.Change("t3", F.STRENGTHS, "1.1", "", "方法系统"),
        saves[3],
        saves[4],  # percentages stay one entry each
        eh.Change("t8", F.STRENGTHS, "1.1", "方法系统", "方法系统完整"),
    ]
    entries = (ItemEntry("1.1", 65, "方法系统完整"),)
    eh.check(eh.chain(eh.compact(saves), START), START, entries, ScorecardStatus.DRAFT)
