"""Numbered schema migrations, applied on open through sqlite-utils' Migrations.

sqlite-utils (with click, dateutil, pluggy) is imported only when a migration is pending
or the first write needs its table API: a current workspace opens and reads without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "qz-evaluator"
MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = []


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(function: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATIONS.append((name, function))
        return function

    return register


@_migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY,
            credit_code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            county TEXT NOT NULL,
            industry TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            contact_phone TEXT NOT NULL DEFAULT '',
            tier TEXT NOT NULL CHECK (tier IN ('seed', 'potential', 'advantage')),
            withdrawn INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX candidates_tier ON candidates (tier);

        CREATE TABLE tier_history (
            id INTEGER PRIMARY KEY,
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            from_tier TEXT,
            to_tier TEXT NOT NULL,
            changed_on TEXT NOT NULL,
            reason TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE INDEX tier_history_candidate ON tier_history (candidate_id);

        CREATE TABLE evaluators (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('provincial', 'municipal')),
            organisation TEXT NOT NULL DEFAULT '',
            certificate_fingerprint TEXT
        );

        CREATE TABLE rounds (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('document-review', 'site-visit')),
            year INTEGER NOT NULL,
            criteria_id TEXT NOT NULL
        );

        CREATE TABLE panel_members (
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            role TEXT NOT NULL CHECK (role IN ('leader', 'member')),
            PRIMARY KEY (round_code, candidate_id, evaluator_code)
        );
        CREATE INDEX panel_members_evaluator ON panel_members (evaluator_code);

        CREATE TABLE conflicts (
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            reason TEXT NOT NULL,
            declared_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (candidate_id, evaluator_code)
        );

        CREATE TABLE scorecards (
            id INTEGER PRIMARY KEY,
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            criteria_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'final', 'declared-conflict')),
            revision INTEGER NOT NULL DEFAULT 0,
            conflict_note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (round_code, candidate_id, evaluator_code)
        );

        CREATE TABLE scorecard_items (
            scorecard_id INTEGER NOT NULL REFERENCES scorecards (id) ON DELETE CASCADE,
            item_code TEXT NOT NULL,
            percent INTEGER CHECK (percent IS NULL OR (percent BETWEEN 0 AND 100)),
            strengths TEXT NOT NULL DEFAULT '',
            ofis TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (scorecard_id, item_code)
        );

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            scorecard_id INTEGER REFERENCES scorecards (id),
            item_code TEXT,
            field TEXT,
            old TEXT,
            new TEXT
        );
        CREATE INDEX audit_scorecard ON audit (scorecard_id);
        """
    )
    # Trigram FTS finds Chinese substrings that the default tokenizer cannot split.
    db.table("candidates").enable_fts(
        ["name", "county", "industry"], tokenize="trigram", create_triggers=True
    )


@_migration("0002_identity_and_exports")
def _identity_and_exports(db: Database) -> None:
    db.executescript(
        """
        -- Every signed scorecard the evaluator exported, kept byte for byte: a re-export of
        -- unchanged scores hands out the same file instead of a rival with the same revision.
        CREATE TABLE exports (
            id INTEGER PRIMARY KEY,
            scorecard_id INTEGER NOT NULL REFERENCES scorecards (id),
            revision INTEGER NOT NULL,
            content_sha256 TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            pdf BLOB NOT NULL,
            exported_at TEXT NOT NULL,
            UNIQUE (scorecard_id, revision)
        );

        -- Certificates are public; private keys never enter this file (OS keychain only).
        CREATE TABLE certificates (
            purpose TEXT PRIMARY KEY,
            pem TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            installed_at TEXT NOT NULL
        );
        """
    )


@_migration("0003_merge_and_results")
def _merge_and_results(db: Database) -> None:
    db.executescript(
        """
        -- Signed scorecards the secretariat accepted. The file itself is archived beside
        -- the workspace under its SHA-256; `data` is its scorecard.json, verbatim.
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            file_sha256 TEXT NOT NULL UNIQUE,
            file_name TEXT NOT NULL,
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            revision INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'superseded', 'conflict')),
            total TEXT NOT NULL,
            signer_fingerprint TEXT NOT NULL,
            data TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX submissions_key ON submissions (round_code, candidate_id, evaluator_code);

        CREATE TABLE merge_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            outcome TEXT NOT NULL,
            message TEXT NOT NULL
        );

        CREATE TABLE consensus_notes (
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            item_code TEXT NOT NULL,
            author TEXT NOT NULL,
            text TEXT NOT NULL,
            agreed_percent INTEGER,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (round_code, candidate_id, item_code)
        );

        CREATE TABLE result_status (
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            official TEXT NOT NULL,
            rule TEXT NOT NULL,
            finalised_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            PRIMARY KEY (round_code, candidate_id)
        );
        """
    )


@_migration("0004_audit_subjects")
def _audit_subjects(db: Database) -> None:
    db.executescript(
        """
        -- Audit rows name what they concern in columns of their own; `field` keeps the
        -- changed field's name and old/new its values.
        ALTER TABLE audit ADD COLUMN submission_id INTEGER REFERENCES submissions (id);
        ALTER TABLE audit ADD COLUMN round_code TEXT;
        ALTER TABLE audit ADD COLUMN credit_code TEXT;
        ALTER TABLE audit ADD COLUMN evaluator_code TEXT;
        CREATE INDEX audit_candidate ON audit (credit_code);

        -- Earlier versions wrote the credit code into `field` for these two actions.
        UPDATE audit SET credit_code = field, field = 'text'
            WHERE action = 'consensus' AND credit_code IS NULL;
        UPDATE audit SET credit_code = field, field = 'official'
            WHERE action = 'result-final' AND credit_code IS NULL;
        """
    )


@_migration("0005_submission_percent_rows")
def _submission_percent_rows(db: Database) -> None:
    # Results read every accepted scorecard's item percentages and nothing else: a narrow
    # column holds them as a list in criteria order ("[45,50,null,…]"), written at merge
    # through scorecard_document, so results never decode a scorecard.json. A covering
    # index spares SQLite walking past each row's JSON (0.3 s → 0.1 s at 50,000 rows).
    from qz_evaluator.assets import criteria_set
    from qz_evaluator.domain import scorecard_document as scd

    db.execute("ALTER TABLE submissions ADD COLUMN percent_row TEXT NOT NULL DEFAULT '[]'")
    updates = []
    for id_, data in db.execute("SELECT id, data FROM submissions").fetchall():
        document = scd.from_bytes(data, criteria_set)
        row = scd.percent_row_text(document.percentages(), criteria_set(document.criteria_id))
        updates.append((row, id_))
    # one statement for a province's 50,000 rows
    db.conn.executemany("UPDATE submissions SET percent_row = ? WHERE id = ?", updates)
    db.execute(
        "CREATE INDEX submissions_percent_rows ON submissions"
        " (round_code, candidate_id, evaluator_code, revision, id, status, percent_row)"
    )


@_migration("0006_round_settings")
def _round_settings(db: Database) -> None:
    db.executescript(
        """
        -- The secretariat's settings for a round, carried in the assignment package.
        ALTER TABLE rounds ADD COLUMN comments_required INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE rounds ADD COLUMN scorecard_language TEXT NOT NULL DEFAULT 'zh'
            CHECK (scorecard_language IN ('zh', 'en'));
        ALTER TABLE rounds ADD COLUMN comment_limit INTEGER;

        -- When the evaluator ticked the no-conflict declaration at finalise; it goes into
        -- the signed scorecard, so a card finalised without it is finalised again.
        ALTER TABLE scorecards ADD COLUMN declaration_affirmed_at TEXT;
        """
    )


@_migration("0007_conflict_declarations")
def _conflict_declarations(db: Database) -> None:
    db.executescript(
        """
        -- Evaluator side: the signed declaration of an on-site conflict, once exported.
        -- Kept so that exporting again hands out the same file, and so that a declaration
        -- that may already have reached the secretariat is no longer withdrawn.
        CREATE TABLE declaration_exports (
            scorecard_id INTEGER PRIMARY KEY REFERENCES scorecards (id),
            reason TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            exported_at TEXT NOT NULL
        );

        -- Secretariat side: declarations merged; the conflict itself is in `conflicts`.
        CREATE TABLE received_declarations (
            id INTEGER PRIMARY KEY,
            file_sha256 TEXT NOT NULL UNIQUE,
            file_name TEXT NOT NULL,
            round_code TEXT NOT NULL REFERENCES rounds (code),
            candidate_id INTEGER NOT NULL REFERENCES candidates (id),
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            reason TEXT NOT NULL,
            declared_at TEXT NOT NULL,
            signer_fingerprint TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        """
    )


@_migration("0008_certificate_revocations")
def _certificate_revocations(db: Database) -> None:
    db.executescript(
        """
        -- Secretariat side: evaluator certificates withdrawn (a lost laptop, a leaked key).
        -- What the key signed before `revoked_at` still counts; after it, merge refuses it.
        CREATE TABLE certificate_revocations (
            fingerprint TEXT PRIMARY KEY,
            evaluator_code TEXT NOT NULL REFERENCES evaluators (code),
            reason TEXT NOT NULL,
            revoked_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE INDEX certificate_revocations_evaluator
            ON certificate_revocations (evaluator_code);
        """
    )


@_migration("0009_round_visit_days")
def _round_visit_days(db: Database) -> None:
    db.executescript(
        """
        -- Days an evaluator spends on each candidate of the round (the panels' load);
        -- NULL: the round kind's default (domain.round_settings.DEFAULT_VISIT_DAYS).
        ALTER TABLE rounds ADD COLUMN visit_days REAL CHECK (visit_days > 0);
        """
    )


@_migration("0010_revision_floors")
def _revision_floors(db: Database) -> None:
    db.executescript(
        """
        -- Evaluator side: the revision an evaluator's scorecard has already reached
        -- elsewhere (another laptop, as a key backup or the secretariat's package says).
        -- Export's next revision is above both this floor and the exports kept here, so a
        -- correction from a new laptop never restarts at r1. Keyed by codes, not ids: a
        -- backup is restored before the package brings the round and its candidates.
        CREATE TABLE revision_floors (
            round_code TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            evaluator_code TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision BETWEEN 1 AND 10000),
            source TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (round_code, credit_code, evaluator_code)
        );
        """
    )


@_migration("0011_receipts")
def _receipts(db: Database) -> None:
    db.executescript(
        """
        -- Secretariat side: validly signed scorecards merge refused (not on the panel, not
        -- final, …), with the evaluator they name, so that the evaluator's receipt can say
        -- why. A file merged later after all loses its row here.
        CREATE TABLE merge_refusals (
            file_sha256 TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            round_code TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            candidate_name TEXT NOT NULL DEFAULT '',
            evaluator_code TEXT NOT NULL,
            revision INTEGER NOT NULL,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX merge_refusals_key ON merge_refusals (round_code, evaluator_code);

        -- Evaluator side: the secretariat's signed receipts imported, and their lines
        -- (what became of each scorecard file sent). The newest receipt of a round says
        -- where each card stands; the older ones stay as history.
        CREATE TABLE received_receipts (
            id INTEGER PRIMARY KEY,
            manifest_sha256 TEXT NOT NULL UNIQUE,
            round_code TEXT NOT NULL,
            evaluator_code TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            secretariat_workspace_id TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX received_receipts_key ON received_receipts (round_code, evaluator_code);
        CREATE TABLE receipt_lines (
            receipt_id INTEGER NOT NULL REFERENCES received_receipts (id),
            credit_code TEXT NOT NULL,
            revision INTEGER NOT NULL,
            file_sha256 TEXT NOT NULL,
            received_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT,
            message TEXT NOT NULL
        );
        CREATE INDEX receipt_lines_receipt ON receipt_lines (receipt_id);
        """
    )


@_migration("0012_round_encrypt_scorecards")
def _round_encrypt_scorecards(db: Database) -> None:
    db.executescript(
        """
        -- Issue 13: export writes each signed scorecard in an envelope only the
        -- secretariat opens (domain.round_settings.RoundSettings.encrypt_scorecards).
        -- On for every round: an evaluator's round takes the package's word at its next
        -- import, and without the secretariat's certificate (packages imported before)
        -- export writes plain files.
        ALTER TABLE rounds ADD COLUMN encrypt_scorecards INTEGER NOT NULL DEFAULT 1
            CHECK (encrypt_scorecards IN (0, 1));
        """
    )


KNOWN_MIGRATIONS = tuple(name for name, _ in MIGRATIONS)
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)


@cache
def migration_set() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, function in MIGRATIONS:
        migrations(name=name)(function)
    return migrations
