from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qz_evaluator.domain.candidates import Candidate, Tier, TierChange
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.roster import Evaluator, PanelMember, PanelRole, Round, RoundKind
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.store import schema
from qz_evaluator.store.errors import Duplicate, NotAWorkspace, WorkspaceTooNew
from qz_evaluator.store.workspace import Role, Workspace

CODE = "91350100M000100Y43"


def fill(ws: Workspace) -> int:
    ws.upsert_candidate(
        Candidate.create(
            credit_code_text=CODE,
            name="衢州恒远新材料有限公司",
            county="柯城区",
            industry="新材料",
            tier="seed",
        )
    )
    ws.upsert_evaluator(Evaluator.create(code="P01", name="陈立", level="provincial"))
    ws.upsert_round(Round("2026-site", "现场评审", RoundKind.SITE_VISIT, 2026, "gbt19580-2012"))
    ws.add_panel_member(PanelMember("2026-site", CODE, "P01", PanelRole.LEADER))
    card = ws.ensure_scorecard("2026-site", CODE, "P01", "gbt19580-2012")
    return card.id


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_workspace_is_wal_with_foreign_keys(workspace: Workspace) -> None:
    assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert workspace.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert workspace.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert workspace.role is Role.SECRETARIAT
    assert len(workspace.workspace_id) == 36


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.qzw"
    path.write_text("keep me")
    with pytest.raises(Duplicate):
        Workspace.create(path, Role.SECRETARIAT)
    assert path.read_text() == "keep me"


def test_migrations_apply_once_and_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "ws.qzw"
    Workspace.create(path, Role.EVALUATOR, owner_code="P01").close()
    for _ in range(2):
        with Workspace.open(path) as ws:
            assert ws.applied_migrations() == list(schema.KNOWN_MIGRATIONS)
            assert ws.schema_version == schema.SCHEMA_VERSION
            assert ws.owner_code == "P01"
    assert not list(tmp_path.glob("*.backup*"))


def test_current_workspace_opens_and_reads_without_sqlite_utils(tmp_path: Path) -> None:
    """The window's start: opening a current workspace and reading it stay in plain SQL;
    sqlite-utils loads on the first write, and that write lands."""
    path = tmp_path / "ws.qzw"
    with Workspace.create(path, Role.EVALUATOR, owner_code="P01") as ws:
        card_id = fill(ws)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from qz_evaluator.store.workspace import Workspace
        ws = Workspace.open(Path({str(path)!r}))
        assert ws.owner_code == "P01" and ws.applied_migrations()
        assert ws.scorecard_by_id({card_id}).entry("4.1.2").percent is None
        assert [m.credit_code for m in ws.panel_members(evaluator_code="P01")]
        assert "sqlite_utils" not in sys.modules, "read path imported sqlite-utils"
        ws.set_meta("name", "renamed")
        assert "sqlite_utils" in sys.modules
        ws.close()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with Workspace.open(path) as ws:
        assert ws.meta("name") == "renamed"
        assert ws.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ws.qzw"
    with Workspace.create(path, Role.SECRETARIAT) as ws:
        ws.db.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(path)
    with pytest.raises(WorkspaceTooNew, match="newer version"):
        Workspace.open(path)
    assert digest(path) == before


def test_unknown_applied_migration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ws.qzw"
    with Workspace.create(path, Role.SECRETARIAT) as ws:
        ws.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES (?, '0099_future', 'later')",
            [schema.MIGRATION_SET],
        )
        ws.db.conn.commit()
    with pytest.raises(WorkspaceTooNew, match="0099_future"):
        Workspace.open(path)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    Database(path).table("x").insert({"a": 1})
    before = digest(path)
    with pytest.raises(NotAWorkspace):
        Workspace.open(path)
    assert digest(path) == before
    text = tmp_path / "notes.qzw"
    text.write_text("not sqlite at all, just some text " * 100)
    with pytest.raises(NotAWorkspace):
        Workspace.open(text)


def test_pending_migration_takes_a_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.qzw"
    with Workspace.create(path, Role.SECRETARIAT) as ws:
        fill(ws)
    later = Migrations(schema.MIGRATION_SET)
    for name, function in schema.MIGRATIONS:
        later(name=name)(function)

    @later(name="9999_test_column")
    def _add(db: Database) -> None:
        db.execute("ALTER TABLE candidates ADD COLUMN website TEXT")

    monkeypatch.setattr(schema, "migration_set", lambda: later)
    monkeypatch.setattr(schema, "KNOWN_MIGRATIONS", (*schema.KNOWN_MIGRATIONS, "9999_test_column"))
    version = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version + 1)
    with Workspace.open(path) as ws:
        assert "website" in ws.db.table("candidates").columns_dict
        assert ws.schema_version == version + 1
    backups = list(tmp_path.glob(f"ws.schema{version}-*.backup.qzw"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert "website" not in [r[1] for r in old.execute("PRAGMA table_info(candidates)")]
    assert old.execute("SELECT COUNT(*) FROM candidates").fetchone()[0] == 1
    old.close()


def test_every_change_is_audited(workspace: Workspace) -> None:
    workspace.actor = "P01"
    card_id = fill(workspace)
    assert workspace.set_item_percent(card_id, "4.1.2", 45)
    assert workspace.set_item_percent(card_id, "4.1.2", 50)
    assert not workspace.set_item_percent(card_id, "4.1.2", 50)  # unchanged: no audit row
    workspace.set_item_text(card_id, "4.1.2", TextField.STRENGTHS, "高层领导亲自推动")
    rows = [
        (a.action, a.item_code, a.field, a.old, a.new) for a in workspace.audit_entries(card_id)
    ]
    assert rows == [
        ("scorecard-created", None, None, None, None),
        ("score", "4.1.2", "percent", None, "45"),
        ("score", "4.1.2", "percent", "45", "50"),
        ("note", "4.1.2", "strengths", "", "高层领导亲自推动"),
    ]
    assert {a.actor for a in workspace.audit_entries(card_id)} == {"P01"}


def test_chinese_substring_search(workspace: Workspace) -> None:
    fill(workspace)
    other = "91330803MA2DHB8X0"
    workspace.upsert_candidate(
        Candidate.create(
            credit_code_text=other[:17] + check_character(other[:17]),
            name="开化绿源茶业有限公司",
            county="开化县",
            industry="茶叶",
            tier="potential",
        )
    )

    def names(text: str) -> list[str]:
        return [c.name for c in workspace.candidates(search=text)]

    assert names("恒远") == ["衢州恒远新材料有限公司"]  # two characters: LIKE
    assert names("绿源茶") == ["开化绿源茶业有限公司"]  # three or more: trigram FTS
    assert names("有限公司") == ["开化绿源茶业有限公司", "衢州恒远新材料有限公司"]
    assert names("茶叶") == ["开化绿源茶业有限公司"]  # industry matches too
    assert names('"') == []
    assert [c.name for c in workspace.candidates(tier=Tier.SEED)] == ["衢州恒远新材料有限公司"]


def test_tier_history_is_kept(workspace: Workspace) -> None:
    fill(workspace)
    workspace.record_tier_change(
        TierChange(CODE, Tier.SEED, Tier.POTENTIAL, date(2026, 6, 30), "2026年度现场评审")
    )
    history = workspace.tier_history(CODE)
    assert [(h.from_tier, h.to_tier) for h in history] == [
        (None, Tier.SEED),
        (Tier.SEED, Tier.POTENTIAL),
    ]
    assert workspace.candidate(CODE).tier is Tier.POTENTIAL


def test_failed_transaction_leaves_nothing(workspace: Workspace) -> None:
    card_id = fill(workspace)
    with pytest.raises(RuntimeError), workspace.transaction():
        workspace.set_item_percent(card_id, "4.1.2", 45)
        raise RuntimeError("power cut")
    assert workspace.scorecard_by_id(card_id).entry("4.1.2").percent is None
    assert [a.action for a in workspace.audit_entries(card_id)] == ["scorecard-created"]


def test_autosave_survives_a_killed_process(tmp_path: Path) -> None:
    """Each write commits at once: a process killed without closing loses nothing."""
    path = tmp_path / "ws.qzw"
    with Workspace.create(path, Role.EVALUATOR, owner_code="P01") as ws:
        card_id = fill(ws)
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from qz_evaluator.domain.scorecard import TextField
        from qz_evaluator.store.workspace import Workspace
        ws = Workspace.open(Path({str(path)!r}))
        ws.set_item_percent({card_id}, "4.1.2", 65)
        ws.set_item_text({card_id}, "4.1.2", TextField.OFIS, "战略部署展开不足")
        print("saved", flush=True)
        os.kill(os.getpid(), 9)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -9
    assert "saved" in result.stdout
    with Workspace.open(path) as ws:
        entry = ws.scorecard_by_id(card_id).entry("4.1.2")
        assert (entry.percent, entry.ofis) == (65, "战略部署展开不足")


def test_panel_members_written_together_or_not_at_all(workspace: Workspace) -> None:
    from qz_evaluator.store.errors import NotFound

    fill(workspace)
    workspace.upsert_evaluator(Evaluator.create(code="M01", name="王芳", level="municipal"))
    before = workspace.panel_members()
    unknown = "91330800MA0000000X"
    with pytest.raises(NotFound, match=unknown):
        workspace.add_panel_members(
            [
                PanelMember("2026-site", CODE, "M01", PanelRole.MEMBER),
                PanelMember("2026-site", unknown, "M01", PanelRole.MEMBER),
            ]
        )
    assert workspace.panel_members() == before  # nothing of the batch was written
    # The same as one by one: a new seat added, a known one takes its new role.
    workspace.add_panel_members(
        [
            PanelMember("2026-site", CODE, "M01", PanelRole.MEMBER),
            PanelMember("2026-site", CODE, "P01", PanelRole.MEMBER),
        ]
    )
    assert workspace.panel_role("2026-site", CODE, "M01") is PanelRole.MEMBER
    assert workspace.panel_role("2026-site", CODE, "P01") is PanelRole.MEMBER
    assert len(workspace.panel_members()) == 2
