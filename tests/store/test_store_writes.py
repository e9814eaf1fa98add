"""The store's write discipline: immediate transactions, error classes, audit rows, queries."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.roster import Evaluator, PanelMember, PanelRole, Round, RoundKind
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, TextField
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.store import schema
from qz_evaluator.store.base import translate_error
from qz_evaluator.store.errors import (
    CannotOpen,
    DiskFull,
    NotAWorkspace,
    StoreError,
    WorkspaceBusy,
    WorkspaceReadOnly,
)
from qz_evaluator.store.scorecards import ExportRecord
from qz_evaluator.store.workspace import Role, Workspace

ROUND = "2026-site"
CRITERIA = "gbt19580-2012"


def code(n: int) -> str:
    body = f"91330800MA{n:07d}"
    return body + check_character(body)


def fill(ws: Workspace, candidates: int = 1) -> list[int]:
    """Candidates 1…n on P01's panel, each with P01's scorecard; the cards' ids."""
    ws.upsert_evaluator(Evaluator.create(code="P01", name="陈立", level="provincial"))
    ws.upsert_round(Round(ROUND, "现场评审", RoundKind.SITE_VISIT, 2026, CRITERIA))
    ids = []
    for n in range(1, candidates + 1):
        ws.upsert_candidate(
            Candidate.create(
                credit_code_text=code(n),
                name=f"衢州第{n}家有限公司",
                county="柯城区",
                industry="新材料",
                tier="seed",
            )
        )
        ws.add_panel_member(PanelMember(ROUND, code(n), "P01", PanelRole.LEADER))
        ids.append(ws.ensure_scorecard(ROUND, code(n), "P01", CRITERIA).id)
    return ids


def document(ws: Workspace, credit_code: str, revision: int = 1) -> scd.ScorecardDocument:
    """P01's (unscored) scorecard document for a candidate, as a merge would store it."""
    criteria = criteria_set(CRITERIA)
    card = Scorecard(ROUND, credit_code, "P01", CRITERIA, ScorecardStatus.FINAL)
    return scd.build_document(
        card,
        candidate=ws.candidate(credit_code),
        evaluator=ws.evaluator("P01"),
        round_=ws.round(ROUND),
        criteria=criteria,
        workspace_id="w",
        revision=revision,
        created_at="c",
        updated_at="u",
        exported_at="2026-11-26T10:00:00+00:00",
        declaration_affirmed_at="2026-11-26T09:00:00+00:00",
    )


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "ws.qzw"
    with Workspace.create(target, Role.EVALUATOR, owner_code="P01") as ws:
        fill(ws)
    yield target


# ----- BEGIN IMMEDIATE ------------------------------------------------------------------


def test_a_second_writer_waits_for_the_lock_instead_of_failing(path: Path) -> None:
    """Autosave while another connection writes: B waits out busy_timeout and succeeds."""
    locked, done = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold_the_write_lock() -> None:
        try:
            other = sqlite3.connect(str(path), isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("UPDATE meta SET value = value WHERE key = 'name'")
                locked.set()
                time.sleep(0.5)
                other.execute("UPDATE meta SET value = 'held' WHERE key = 'name'")
                other.execute("COMMIT")
            finally:
                other.close()
        except BaseException as error:  # reported to the test below
            failures.append(error)
            locked.set()
        finally:
            done.set()

    with Workspace.open(path) as ws:
        card_id = ws.scorecards()[0].id
        ws.scorecard_by_id(card_id)  # B has read before A takes the lock
        thread = threading.Thread(target=hold_the_write_lock)
        thread.start()
        assert locked.wait(5)
        assert ws.set_item_percent(card_id, "4.1.2", 45)
        thread.join()
        assert failures == []
        assert done.is_set()
    with Workspace.open(path) as ws:
        assert ws.scorecard_by_id(card_id).entry("4.1.2").percent == 45
        assert ws.meta("name") == "held"
        assert [a.new for a in ws.audit_entries(card_id) if a.action == "score"] == ["45"]


def test_a_write_transaction_takes_the_lock_at_once(path: Path) -> None:
    with Workspace.open(path) as ws, ws.transaction():
        other = sqlite3.connect(str(path), timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError) as caught:
                other.execute("BEGIN IMMEDIATE")
            assert caught.value.sqlite_errorname == "SQLITE_BUSY"
        finally:
            other.close()


def test_nested_transactions_are_savepoints(path: Path) -> None:
    with Workspace.open(path) as ws:
        card_id = ws.scorecards()[0].id
        with ws.transaction():
            ws.set_item_percent(card_id, "4.1.1", 10)
            with pytest.raises(RuntimeError), ws.transaction():
                ws.set_item_percent(card_id, "4.1.2", 20)
                raise RuntimeError("inner part refused")
            ws.set_item_percent(card_id, "4.1.3", 30)
        assert not ws.db.conn.in_transaction
    with Workspace.open(path) as ws:
        card = ws.scorecard_by_id(card_id)
        assert [card.entry(c).percent for c in ("4.1.1", "4.1.2", "4.1.3")] == [10, None, 30]


# ----- errors by result code --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("SQLITE_BUSY", WorkspaceBusy),
        ("SQLITE_BUSY_SNAPSHOT", WorkspaceBusy),
        ("SQLITE_LOCKED", WorkspaceBusy),
        ("SQLITE_LOCKED_SHAREDCACHE", WorkspaceBusy),
        ("SQLITE_FULL", DiskFull),
        ("SQLITE_NOTADB", NotAWorkspace),
        ("SQLITE_CORRUPT", NotAWorkspace),
        ("SQLITE_CORRUPT_INDEX", NotAWorkspace),
        ("SQLITE_READONLY", WorkspaceReadOnly),
        ("SQLITE_READONLY_DBMOVED", WorkspaceReadOnly),
        ("SQLITE_CANTOPEN", CannotOpen),
        ("SQLITE_CANTOPEN_ISDIR", CannotOpen),
    ],
)
def test_errors_are_classified_by_result_code(name: str, kind: type[StoreError]) -> None:
    # The message says nothing the old text search looked for.
    error = sqlite3.OperationalError("something went wrong")
    error.sqlite_errorname = name
    translated = translate_error(error, Path("ws.qzw"))
    assert type(translated) is kind
    assert str(translated).startswith("ws.qzw: ")


def test_the_message_text_no_longer_decides() -> None:
    error = sqlite3.OperationalError("database is locked, disk full, not a database")
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"
    translated = translate_error(error, Path("ws.qzw"))
    assert type(translated) is StoreError
    assert "database is locked" in str(translated)
    assert type(translate_error(sqlite3.ProgrammingError("closed"), Path("x"))) is StoreError


def test_real_busy_full_readonly_and_cantopen(path: Path, tmp_path: Path) -> None:
    with Workspace.open(path) as ws:
        card_id = ws.scorecards()[0].id
        other = sqlite3.connect(str(path), isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            ws.db.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(WorkspaceBusy):
                ws.set_item_percent(card_id, "4.1.2", 45)
            other.execute("ROLLBACK")
        finally:
            other.close()
        pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
        ws.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull):
            ws.set_meta("big", "x" * 100_000)
        ws.db.execute("PRAGMA query_only = ON")
        with pytest.raises(WorkspaceReadOnly):
            ws.set_item_percent(card_id, "4.1.2", 45)
    with pytest.raises(CannotOpen):
        Workspace.create(tmp_path / "no such folder" / "ws.qzw", Role.SECRETARIAT)
    text = tmp_path / "notes.qzw"
    text.write_text("not sqlite at all " * 100)
    with pytest.raises(NotAWorkspace):
        Workspace.open(text)


# ----- audit rows -------------------------------------------------------------------------


def test_audit_rows_name_their_scorecard_and_candidate(workspace: Workspace) -> None:
    workspace.actor = "SEC"
    (card_id,) = fill(workspace)
    candidate = code(1)
    workspace.set_item_text(card_id, "4.1.2", TextField.OFIS, "战略部署展开不足")
    workspace.set_scorecard_status(card_id, ScorecardStatus.CONFLICT, "亲属在该单位任职")
    workspace.record_export(
        ExportRecord(card_id, 1, "c" * 64, "f" * 64, "card.pdf", b"%PDF", "2026-06-01")
    )
    rows = [
        (a.action, a.scorecard_id, a.item_code, a.field, a.old, a.new)
        for a in workspace.audit_entries(card_id)
    ]
    assert rows == [
        ("scorecard-created", card_id, None, None, None, None),
        ("note", card_id, "4.1.2", "ofis", "", "战略部署展开不足"),
        ("status", card_id, None, "status", "draft", "declared-conflict"),
        ("status", card_id, None, "conflict_note", "", "亲属在该单位任职"),
        ("export", card_id, None, "revision", "0", "1"),
    ]
    created = workspace.audit_entries(card_id)[0]
    assert (created.round_code, created.credit_code, created.evaluator_code) == (
        ROUND,
        candidate,
        "P01",
    )

    submission_id = workspace.add_submission(
        document=document(workspace, candidate),
        file_sha256="a" * 64,
        file_name="card.pdf",
        status=SubmissionStatus.ACCEPTED,
        signer_fingerprint="ab",
    )
    workspace.set_submission_status(submission_id, SubmissionStatus.SUPERSEDED)
    workspace.set_consensus_note(ROUND, candidate, "4.1.2", "SEC", "一致意见", 50)
    workspace.set_consensus_note(ROUND, candidate, "4.1.2", "SEC", "一致意见", 55)
    workspace.set_result_final(ROUND, candidate, "potential", "trimmed-mean/v1")
    workspace.clear_result_final(ROUND, candidate)
    workspace.clear_result_final(ROUND, candidate)  # nothing left: no row
    about = [
        (a.action, a.submission_id, a.round_code, a.item_code, a.field, a.old, a.new)
        for a in workspace.audit_entries(credit_code=candidate)
        if a.scorecard_id is None
    ]
    assert about == [
        ("submission", submission_id, ROUND, None, "status", None, "accepted"),
        ("submission", submission_id, ROUND, None, "status", "accepted", "superseded"),
        ("consensus", None, ROUND, "4.1.2", "text", None, "一致意见"),
        ("consensus", None, ROUND, "4.1.2", "agreed_percent", None, "50"),
        ("consensus", None, ROUND, "4.1.2", "agreed_percent", "50", "55"),
        ("result-final", None, ROUND, None, "official", None, "potential"),
        ("result-cleared", None, ROUND, None, "official", "potential", None),
    ]
    assert {a.evaluator_code for a in workspace.audit_entries() if a.submission_id} == {"P01"}
    assert {a.actor for a in workspace.audit_entries()} == {"SEC"}
    assert all(a.field != candidate for a in workspace.audit_entries())

    workspace.set_certificate("root", "PEM1", "11")
    workspace.set_certificate("root", "PEM2", "22")
    certificates = [
        (a.field, a.old, a.new) for a in workspace.audit_entries() if a.action == "certificate"
    ]
    assert certificates == [("root", None, "11"), ("root", "11", "22")]


def test_old_audit_rows_are_moved_to_the_candidate_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 0004 moves the credit code that older versions wrote into `field`."""
    path = tmp_path / "old.qzw"
    first_three = Migrations(schema.MIGRATION_SET)
    for name, function in schema.MIGRATIONS[:3]:
        first_three(name=name)(function)
    with monkeypatch.context() as patch:
        patch.setattr(schema, "migration_set", lambda: first_three)
        patch.setattr(schema, "KNOWN_MIGRATIONS", schema.KNOWN_MIGRATIONS[:3])
        patch.setattr(schema, "SCHEMA_VERSION", 3)
        with Workspace.create(path, Role.SECRETARIAT) as ws:
            for action, new in (("consensus", "一致意见"), ("result-final", "potential")):
                ws.db.execute(
                    "INSERT INTO audit (at, actor, action, item_code, field, new)"
                    " VALUES ('t', 'SEC', ?, NULL, ?, ?)",
                    [action, code(1), new],
                )
            ws.db.conn.commit()
            assert ws.schema_version == 3
    with Workspace.open(path) as ws:
        assert ws.schema_version == schema.SCHEMA_VERSION
        rows = [(a.action, a.credit_code, a.field, a.new) for a in ws.audit_entries()]
    assert rows == [
        ("consensus", code(1), "text", "一致意见"),
        ("result-final", code(1), "official", "potential"),
    ]
    assert len(list(tmp_path.glob("old.schema3-*.backup.qzw"))) == 1


# ----- queries at scale -------------------------------------------------------------------


def selects(ws: Workspace) -> list[str]:
    statements: list[str] = []
    ws.db.conn.set_trace_callback(
        lambda sql: statements.append(sql) if sql.lstrip().upper().startswith("SELECT") else None
    )
    return statements


def test_scorecards_load_their_items_in_one_query(workspace: Workspace) -> None:
    ids = fill(workspace, candidates=6)
    for n, card_id in enumerate(ids):
        workspace.set_item_percent(card_id, "4.1.1", 10 * n)
        workspace.set_item_text(card_id, "4.1.2", TextField.STRENGTHS, f"优势{n}")
    statements = selects(workspace)
    cards = workspace.scorecards(round_code=ROUND)
    whole_round = len(statements)
    statements.clear()
    one = workspace.scorecards(credit_code=code(1))
    assert len(statements) == whole_round == 2
    workspace.db.conn.set_trace_callback(None)
    assert len(cards) == 6 and len(one) == 1
    by_id = {card.id: card for card in cards}
    for n, card_id in enumerate(ids):
        card = by_id[card_id]
        assert card.entry("4.1.1").percent == 10 * n
        assert card.entry("4.1.2").strengths == f"优势{n}"
        assert sorted(card.entries) == ["4.1.1", "4.1.2"]
    assert workspace.scorecards(round_code="no such round") == []


def test_accepted_keys_do_not_read_the_scorecard_data(workspace: Workspace) -> None:
    fill(workspace, candidates=3)
    for n, status in (
        (1, SubmissionStatus.ACCEPTED),
        (2, SubmissionStatus.SUPERSEDED),
        (3, SubmissionStatus.ACCEPTED),
    ):
        workspace.add_submission(
            document=document(workspace, code(n)),
            file_sha256=f"{n}" * 64,
            file_name=f"{n}.pdf",
            status=status,
            signer_fingerprint="ab",
        )

    def no_data(action: int, table: str | None, column: str | None, *_: object) -> int:
        if (table, column) == ("submissions", "data"):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    workspace.db.conn.set_authorizer(no_data)
    try:
        assert workspace.accepted_keys() == {(ROUND, code(1), "P01"), (ROUND, code(3), "P01")}
        assert workspace.accepted_keys(ROUND) == workspace.accepted_keys()
        assert workspace.accepted_keys("2025-site") == set()
        assert len(workspace.submissions()) == 3  # the list reads the narrow columns only
        with pytest.raises(StoreError):  # the guard works: reading `data` is refused
            workspace.submission_document(workspace.submissions()[0].id)
    finally:
        workspace.db.conn.set_authorizer(None)


def test_candidates_by_many_codes_is_one_query(workspace: Workspace) -> None:
    fill(workspace, candidates=3)
    wanted = [code(3), code(1), *(code(n) for n in range(100, 40_100))]  # > 32,766 parameters
    statements = selects(workspace)
    found = workspace.candidates(codes=wanted)
    workspace.db.conn.set_trace_callback(None)
    assert sorted(c.credit_code for c in found) == [code(1), code(3)]
    assert len(statements) == 1
    assert workspace.candidates(codes=[]) == []
