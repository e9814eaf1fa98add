"""Size and reading cost of a scorecard's edit history (issue 13, part 2).

    .venv/bin/python benchmarks/bench_history.py [--saves 60] [--chars 400]

A heavy card, in memory: every one of the 23 items typed in three text fields of
`--chars` Chinese characters, saved `--saves` times each while typing (the window saves
a quarter of a second after each pause), its percentage moved three times, finalised,
reopened with a reason, changed and finalised again. Prints the history's entries and
the size of scorecard.json with the raw autosaves and with a burst of typing as one
change (what export writes), against the 2 MiB attachment limit, and the time to read
and check the document (`scorecard_document.from_bytes`, chain and replay included).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import edit_history as eh
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.services import demo
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.pdf_attachments import MAX_ATTACHMENT_BYTES

F = eh.HistoryField
TEXT = "方法系统展开学习整合结果趋势对比" * 100


def heavy_changes(saves: int, chars: int) -> tuple[list[eh.Change], dict[str, ItemEntry]]:
    criteria = criteria_set()
    changes: list[eh.Change] = []
    entries: dict[str, ItemEntry] = {}
    for n, item in enumerate(criteria.items):
        at = f"2026-11-30T01:{n:02d}:00+00:00"
        for percent, old in ((50, None), (55, 50), (60, 55)):
            changes.append(eh.Change(at, F.PERCENT, item.code, old, percent))
        texts = {}
        for field in (F.STRENGTHS, F.OFIS, F.EVIDENCE):
            previous = ""
            for save in range(1, saves + 1):
                text = TEXT[: chars * save // saves]
                changes.append(eh.Change(at, field, item.code, previous, text))
                previous = text
            texts[field] = previous
        entries[item.code] = ItemEntry(
            item.code, 60, texts[F.STRENGTHS], texts[F.OFIS], texts[F.EVIDENCE]
        )
    last = criteria.items[0].code
    changes += [
        eh.Change("2026-11-30T02:00:00+00:00", F.STATUS, None, "draft", "final"),
        eh.Change("2026-11-30T03:00:00+00:00", F.STATUS, None, "final", "draft"),
        eh.Change("2026-11-30T03:00:00+00:00", F.REASON, None, None, "现场复核"),
        eh.Change("2026-11-30T03:01:00+00:00", F.PERCENT, last, 60, 55),
        eh.Change("2026-11-30T03:02:00+00:00", F.STATUS, None, "draft", "final"),
    ]
    entries[last] = ItemEntry(
        last, 55, entries[last].strengths, entries[last].ofis, entries[last].evidence
    )
    return changes, entries


def document(
    workspace: Workspace, changes: list[eh.Change], entries: dict[str, ItemEntry]
) -> scd.ScorecardDocument:
    criteria = criteria_set()
    round_ = workspace.round(demo.SITE_ROUND)
    candidate = workspace.candidates()[0]
    card = Scorecard(
        round_.code, candidate.credit_code, "P01", criteria.id, ScorecardStatus.FINAL, 0, entries
    )
    return scd.build_document(
        card,
        candidate=candidate,
        evaluator=workspace.evaluator("P01"),
        round_=round_,
        criteria=criteria,
        workspace_id="w",
        revision=1,
        created_at="2026-11-30T00:00:00+00:00",
        updated_at="2026-11-30T03:02:00+00:00",
        exported_at="2026-11-30T04:00:00+00:00",
        declaration_affirmed_at="2026-11-30T03:02:00+00:00",
        changes=changes,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--chars", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    changes, entries = heavy_changes(args.saves, args.chars)
    limit = MAX_ATTACHMENT_BYTES
    with tempfile.TemporaryDirectory() as folder:
        workspace = demo.build_demo(Path(folder) / "demo.qzw")
        documents = {
            name: document(workspace, used, entries)
            for name, used in (("raw autosaves", changes), ("bursts as one", eh.compact(changes)))
        }
        workspace.close()
    for name, built in documents.items():
        used = built.history.entries if built.history else ()
        raw = scd.to_bytes(built)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            scd.from_bytes(raw, criteria_set)
            times.append(time.perf_counter() - start)
        print(
            f"{name:14} {len(used):6} entries  scorecard.json {len(raw) / 1024:8.0f} KiB "
            f"({len(raw) / limit:5.0%} of the attachment limit)  "
            f"read+check median {statistics.median(times) * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main()
