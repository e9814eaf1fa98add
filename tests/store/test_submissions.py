"""The secretariat's merged scorecards: stored through scorecard_document, read back typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.roster import Evaluator, PanelMember, PanelRole, Round, RoundKind
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.domain.scoring import format_points
from qz_evaluator.store import schema
from qz_evaluator.store.errors import NotFound
from qz_evaluator.store.workspace import Role, Workspace

CODE = "91350100M000100Y43"
ROUND = "2026-site"


def _document(ws: Workspace, evaluator_code: str) -> scd.ScorecardDocument:
    criteria = criteria_set()
    entries = {
        item.code: ItemEntry(item.code, (index * 5) % 105, f"强项{index}", "", "")
        for index, item in enumerate(criteria.items)
    }
    card = Scorecard(ROUND, CODE, evaluator_code, criteria.id, ScorecardStatus.FINAL, 0, entries)
    return scd.build_document(
        card,
        candidate=ws.candidate(CODE),
        evaluator=ws.evaluator(evaluator_code),
        round_=ws.round(ROUND),
        criteria=criteria,
        workspace_id="w",
        revision=1,
        created_at="c",
        updated_at="u",
        exported_at="2026-11-26T10:00:00+00:00",
        declaration_affirmed_at="2026-11-26T09:00:00+00:00",
    )


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Workspace, scd.ScorecardDocument]:
    ws = Workspace.create(tmp_path / "sec.qzw", Role.SECRETARIAT)
    ws.upsert_candidate(
        Candidate.create(
            credit_code_text=CODE, name="衢州恒远", county="柯城区", industry="新材料", tier="seed"
        )
    )
    for code in ("P01", "P02"):
        ws.upsert_evaluator(Evaluator.create(code=code, name=code, level="provincial"))
    ws.upsert_round(Round(ROUND, "现场评审", RoundKind.SITE_VISIT, 2026, "gbt19580-2012"))
    document = _document(ws, "P01")
    ws.add_submission(
        document=document,
        file_sha256="a" * 64,
        file_name="a.pdf",
        status=SubmissionStatus.ACCEPTED,
        signer_fingerprint="f",
    )
    ws.add_submission(
        document=_document(ws, "P02"),
        file_sha256="b" * 64,
        file_name="b.pdf",
        status=SubmissionStatus.CONFLICT,
        signer_fingerprint="f",
    )
    return ws, document


def test_submissions_come_back_typed(stored: tuple[Workspace, scd.ScorecardDocument]) -> None:
    ws, document = stored
    first, second = ws.submissions()
    assert (first.status, second.status) == (SubmissionStatus.ACCEPTED, SubmissionStatus.CONFLICT)
    assert first.total == format_points(document.total)
    assert scd.to_bytes(ws.submission_document(first.id)) == scd.to_bytes(document)
    # The narrow rows hold each stored document's percentages, in criteria order.
    codes = [item.code for item in criteria_set().items]
    assert [
        (credit_code, evaluator, status, dict(zip(codes, row, strict=True)))
        for credit_code, evaluator, status, row in ws.iter_panel_rows(round_code=ROUND)
    ] == [
        (s.credit_code, s.evaluator_code, s.status, ws.submission_document(s.id).percentages())
        for s in ws.submissions()
    ]
    assert dict(zip(codes, next(ws.iter_panel_rows(round_code=ROUND))[3], strict=True)) == (
        document.percentages()
    )
    assert ws.accepted_keys() == {(ROUND, CODE, "P01")}
    assert ws.submissions(statuses=[SubmissionStatus.CONFLICT]) == [second]
    with pytest.raises(NotFound):
        ws.submission_document(999)
    ws.close()


def test_migration_fills_the_percent_rows_of_earlier_submissions(
    stored: tuple[Workspace, scd.ScorecardDocument],
) -> None:
    """0005 writes each stored scorecard's percentages as a row in criteria order, even when
    the stored scorecard.json lists its items in another order."""
    ws, document = stored
    ws.db.execute("DROP INDEX submissions_percent_rows")  # as before 0005
    ws.db.execute("ALTER TABLE submissions DROP COLUMN percent_row")
    for id_, data in ws.db.execute("SELECT id, data FROM submissions").fetchall():
        shuffled = json.loads(data)
        shuffled["items"].reverse()
        ws.db.execute("UPDATE submissions SET data = ? WHERE id = ?", [json.dumps(shuffled), id_])
    schema._submission_percent_rows(ws.db)
    expected = [document.percentages()[item.code] for item in criteria_set().items]
    assert next(row for *_, row in ws.iter_panel_rows(round_code=ROUND)) == expected
    assert (
        scd.percent_row_from_text(scd.percent_row_text(document.percentages(), criteria_set()))
        == expected
    )
    indexes = {row[1] for row in ws.db.execute("PRAGMA index_list(submissions)").fetchall()}
    assert "submissions_percent_rows" in indexes
    ws.close()


def test_panel_codes_are_the_panel_members_codes(
    stored: tuple[Workspace, scd.ScorecardDocument],
) -> None:
    ws, _ = stored
    for code, role in (("P02", PanelRole.MEMBER), ("P01", PanelRole.LEADER)):
        ws.add_panel_member(PanelMember(ROUND, CODE, code, role))
    assert ws.panel_codes(ROUND) == [
        (m.credit_code, m.evaluator_code) for m in ws.panel_members(round_code=ROUND)
    ]
    assert ws.panel_codes("another-round") == []
    ws.close()


def test_panel_candidates_are_the_evaluators_panel_members_codes(
    stored: tuple[Workspace, scd.ScorecardDocument],
) -> None:
    ws, _ = stored
    for code, role in (("P02", PanelRole.MEMBER), ("P01", PanelRole.LEADER)):
        ws.add_panel_member(PanelMember(ROUND, CODE, code, role))
    for evaluator in ("P01", "P02", "P03"):
        assert ws.panel_candidates(ROUND, evaluator) == {
            m.credit_code for m in ws.panel_members(round_code=ROUND, evaluator_code=evaluator)
        }
    assert ws.panel_candidates(ROUND, "P01") == {CODE}
    assert ws.panel_candidates("another-round", "P01") == set()
    ws.close()
