"""The edit history a signed scorecard carries (issue 13, part 2): exported with edits and
a reopen it is in scorecard.json and chained, the PDF's last page summarises it, and an
insider who rewrites it and signs again with a valid evaluator key is refused as
`history-mismatch` by verify and merge, leaving the secretariat's workspace unchanged.
Files of the format before the history still verify and merge."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.cli import main
from qz_evaluator.domain import edit_history
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.services import consensus, identity, merge, results, scorecard_files
from qz_evaluator.services.merge import Outcome
from qz_evaluator.services.scorecard_files import Rejection
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust.pdf_attachments import extract_embedded_file
from tests.support.history import CHANGED, FIRST, REOPEN_REASON, Reopened, reopened_committee
from tests.support.tools import tool
from tests.support.trust import MemoryKeyring


@pytest.fixture
def committee(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Reopened]:
    with reopened_committee(tmp_path) as reopened:
        yield reopened


def scorecard_bytes(pdf: bytes) -> bytes:
    raw = extract_embedded_file(pdf, scorecard_files.ATTACHMENT)
    assert raw is not None
    return raw


def scorecard_json(pdf: bytes) -> dict[str, object]:
    data: dict[str, object] = json.loads(scorecard_bytes(pdf))
    return data


def read(path: Path) -> scd.ScorecardDocument:
    return scd.from_bytes(scorecard_bytes(path.read_bytes()), criteria_set)


def pages_text(path: Path) -> list[str]:
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def dump(workspace: Workspace) -> list[str]:
    return list(workspace.db.iterdump())


def test_an_export_after_a_reopen_carries_its_chained_history(committee: Reopened) -> None:
    data = scorecard_json(committee.r2.path.read_bytes())
    assert data["version"] == 3
    history = data["history"]
    assert isinstance(history, dict)
    entries = history["entries"]
    fields = [(e["field"], e["item"], e["old"], e["new"]) for e in entries]
    # every score and comment, the finalise, the reopen with its reason, the changes after
    assert ("percent", committee.item, FIRST, CHANGED) in fields
    assert ("status", None, "final", "draft") in fields
    assert ("reason", None, None, REOPEN_REASON) in fields
    assert fields.count(("status", None, "draft", "final")) == 2
    assert len([f for f in fields if f[0] in ("percent", "strengths", "ofis")]) == 23 * 3 + 2
    # each entry holds the previous one's SHA-256; the head is the last one's, signed
    document = read(committee.r2.path)
    assert document.history is not None
    assert document.history.head == history["head"]
    previous = document.history_start
    for entry in document.history.entries:
        assert entry.prev == previous
        previous = edit_history.entry_digest(entry)
    assert previous == history["head"]
    # privacy: no login name, machine name or path, only the evaluator's own words
    text = json.dumps(history, ensure_ascii=False)
    assert committee.evaluator.actor not in text
    assert str(committee.evaluator.path.parent) not in text
    assert set(entries[0]) == {"at", "field", "item", "old", "new", "prev"}
    # r1, exported before the reopen, holds the history up to its own finalise
    first = scorecard_json(committee.r1.path.read_bytes())["history"]
    assert isinstance(first, dict)
    assert first["entries"] == entries[: len(first["entries"])]


def test_the_pdfs_last_page_summarises_the_history(committee: Reopened) -> None:
    last = pages_text(committee.r2.path)[-1]
    assert "修改记录" in last
    assert "共有 71 处修改" in last and "退回修改 1 次" in last
    assert f"{FIRST}%" in last and f"{CHANGED}%" in last and committee.item in last
    assert "仅修改评语" in last  # the second item: only its comment changed
    assert REOPEN_REASON in last
    assert "修改记录" not in "".join(pages_text(committee.r2.path)[:-1])


def tampered(committee: Reopened) -> dict[str, scd.ScorecardDocument]:
    """P01's r2 rewritten in ways an insider might try, each to be signed again."""
    document = dataclasses.replace(read(committee.r2.path), revision=3)
    history = document.history
    assert history is not None
    entries = list(history.entries)
    start = document.history_start
    [at] = [
        i
        for i, e in enumerate(entries)
        if e.field is edit_history.HistoryField.PERCENT
        and e.item == committee.item
        and e.new == CHANGED
    ]

    def rechained(changes: list[edit_history.Change]) -> edit_history.EditHistory:
        return edit_history.chain(changes, start)

    changes = [e.change for e in entries]
    # 1. an old score edited in place: the next entry no longer holds its digest
    edited = entries.copy()
    edited[3] = dataclasses.replace(edited[3], new=100)
    # 2. the change after the reopen said to start from another score, chain recomputed
    softened = changes.copy()
    softened[at] = dataclasses.replace(softened[at], old=50)
    # 3. the reopen and what followed cut off, chain recomputed: the scores say otherwise
    [reopen] = [i for i, e in enumerate(entries) if e.old == "final" and e.new == "draft"]
    cut = changes[:reopen]
    # 4. a history that ends with other scores than the document's
    other = changes.copy()
    other[at] = dataclasses.replace(other[at], new=CHANGED + 5)
    return {
        "edited-in-place": dataclasses.replace(
            document, history=edit_history.EditHistory(tuple(edited), history.head)
        ),
        "other-start": dataclasses.replace(document, history=rechained(softened)),
        "reopen-cut-off": dataclasses.replace(document, history=rechained(cut)),
        "other-ending": dataclasses.replace(document, history=rechained(other)),
        "other-head": dataclasses.replace(
            document, history=dataclasses.replace(history, head="0" * 64)
        ),
        "no-entries": dataclasses.replace(document, history=rechained([])),
    }


def test_a_rewritten_history_signed_again_is_refused_in_verify_and_merge(
    committee: Reopened, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = committee.outbox.parent / "insider"
    folder.mkdir()
    signer = identity.evaluator_identity(committee.evaluator)
    forged = tampered(committee)
    for name, document in forged.items():
        (folder / f"{name}.pdf").write_bytes(scorecard_files.signed_scorecard_pdf(document, signer))
    checks = scorecard_files.check_files(merge.scorecard_paths([folder]), committee.root)
    assert {Path(c.source).stem: c.rejection for c in checks} == dict.fromkeys(
        forged, Rejection.HISTORY_MISMATCH
    )
    assert all("edit history does not lead to the scores" in c.message for c in checks)

    capsys.readouterr()
    code = main(["verify", str(folder), "--workspace", str(committee.secretariat.path), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert {e["reason"] for e in json.loads(out)} == {"history-mismatch"}

    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    assert [e.reason for e in summary.entries] == ["history-mismatch"] * len(checks)
    assert dump(committee.secretariat) == before
    assert not merge.archive_dir(committee.secretariat).exists()


def test_the_consensus_shows_a_score_changed_after_a_reopen(committee: Reopened) -> None:
    summary = merge.merge(committee.secretariat, [committee.outbox], workers=1)
    assert {e.outcome for e in summary.entries} <= {Outcome.ACCEPTED, Outcome.SUPERSEDED}
    computed = results.compute(committee.secretariat, committee.card.round_code)
    shown = consensus.candidate_consensus(
        committee.secretariat, computed, committee.card.credit_code
    )
    [p01] = [i for i, m in enumerate(shown.members) if m.evaluator_code == "P01"]
    assert shown.item(committee.item).reopened[p01] == (FIRST, CHANGED)
    assert shown.item(shown.items[1].code).reopened[p01] is None  # only its comment changed


def test_files_of_the_format_before_the_history_still_verify_and_merge(
    committee: Reopened,
) -> None:
    old = dataclasses.replace(read(committee.r2.path), history=None, revision=3)
    assert scd.to_json(old)["version"] == 2 and "history" not in scd.to_json(old)
    path = committee.outbox.parent / "old" / "v2.pdf"
    path.parent.mkdir()
    path.write_bytes(
        scorecard_files.signed_scorecard_pdf(old, identity.evaluator_identity(committee.evaluator))
    )
    assert "修改记录" not in "".join(pages_text(path))
    check = scorecard_files.check_scorecard_file(path, committee.root)
    assert check.valid and check.document is not None and check.document.history is None
    summary = merge.merge(committee.secretariat, [path.parent], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED]
    computed = results.compute(committee.secretariat, committee.card.round_code)
    shown = consensus.candidate_consensus(
        committee.secretariat, computed, committee.card.credit_code
    )
    assert all(change is None for row in shown.items for change in row.reopened)
