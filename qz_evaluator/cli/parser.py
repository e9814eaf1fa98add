"""Every qzeval command and its arguments, declared without importing what runs them.

Each command names its handler as "module:function" inside `qz_evaluator.cli`; `common.run`
imports that module only after the arguments are parsed, so `qzeval --version` and `--help`
load neither the services nor pyHanko, reportlab or openpyxl, and `qzeval show` loads only
the scoring path. Only the domain's light enums and the standard library are imported here.
"""

from __future__ import annotations

import argparse
from typing import Any

from qz_evaluator import __version__
from qz_evaluator.assets import DEFAULT_CRITERIA_ID
from qz_evaluator.cli.common import PASSPHRASE_ENV
from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.roster import DEFAULT_COMMITTEE_NAME, RoundKind

# The command modules: each imports what its commands need, and only when one of them runs.
POOL = "pool_commands"
SCORING = "scoring_commands"
SIGNING = "signing_commands"
ROUND = "round_commands"
SELF_TEST = "self_test_commands"
PAPER = "paper_commands"


class _Commands:
    """Adds a command with the options every command shares and its lazy handler."""

    def __init__(self) -> None:
        self.common = argparse.ArgumentParser(add_help=False)
        self.common.add_argument("-w", "--workspace", help="workspace file (or set QZ_WORKSPACE)")
        self.common.add_argument("--json", action="store_true", help="print machine-readable JSON")
        self.common.add_argument(
            "--lang",
            choices=("zh", "en"),
            default="zh",
            help="language of criteria labels (default zh)",
        )

    def add(
        self, parent: Any, name: str, module: str, function: str, help_text: str, **defaults: Any
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(
            name, parents=[self.common], help=help_text, description=help_text
        )
        p.set_defaults(handler=f"{module}:{function}", **defaults)
        return p


def _group(sub: Any, name: str, help_text: str) -> Any:
    group = sub.add_parser(name, help=help_text)
    return group.add_subparsers(dest="action", required=True, metavar="ACTION")


def _card_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--round", required=True)
    p.add_argument("--candidate", required=True, help="credit code")
    p.add_argument("--evaluator", help="evaluator code (default: the workspace's owner)")


def _count(text: str) -> int:
    """A --limit or --offset: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is below 0")
    return value


def _page_args(p: argparse.ArgumentParser) -> None:
    """--limit and --offset: one page of a long list (the list is streamed either way)."""
    p.add_argument("--limit", type=_count, help="print at most this many rows")
    p.add_argument("--offset", type=_count, default=0, help="skip this many rows first")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qzeval",
        description="qz-evaluator headless commands: workspaces, the three-tier pool, roster, "
        "panels, scorecards, signing, assignment packages, merging, results and reports.",
    )
    parser.add_argument("--version", action="version", version=f"qzeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = _Commands()
    _pool(sub, commands)
    _scoring(sub, commands)
    _signing(sub, commands)
    _round(sub, commands)
    commands.add(
        sub,
        "self-test",
        SELF_TEST,
        "cmd_self_test",
        "check this installation: translations, fonts, criteria, SQLite, the keychain, and "
        "a throwaway scorecard signed and verified (exit 1 on any failure)",
    )
    return parser


def _pool(sub: Any, c: _Commands) -> None:
    roles = [r.value for r in Role]
    p = c.add(sub, "init", POOL, "cmd_init", "create a new workspace file")
    p.add_argument("path")
    p.add_argument("--role", choices=roles, required=True)
    p.add_argument("--evaluator", help="the evaluator's code (evaluator workspaces)")
    p.add_argument("--name", help="a name for the workspace")

    p = c.add(sub, "demo", POOL, "cmd_demo", "write the bundled demo workspace to PATH")
    p.add_argument("path")
    p.add_argument("--role", choices=roles, default=Role.EVALUATOR.value)

    c.add(sub, "info", POOL, "cmd_info", "show what a workspace holds")

    p = c.add(
        sub,
        "backup",
        POOL,
        "cmd_backup",
        "write a consistent single-file copy of the workspace (the safe way to copy one)",
    )
    p.add_argument("out", help="the copy's file, e.g. backup.qzw")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")

    gsub = _group(sub, "candidates", "candidates of the three-tier pool")
    p = c.add(
        gsub,
        "import",
        POOL,
        "cmd_import",
        "import candidates from a CSV file "
        "(credit_code,name,county,industry,tier[,contact_person,contact_phone])",
        kind="candidates",
    )
    p.add_argument("csv")
    p = c.add(gsub, "list", POOL, "cmd_candidates_list", "list candidates")
    p.add_argument("--tier", help="seed/potential/advantage or 种子/潜力/优势")
    p.add_argument("--county")
    p.add_argument("--industry")
    p.add_argument("--search", help="substring of name, county or industry (Chinese works)")
    _page_args(p)
    p = c.add(gsub, "history", POOL, "cmd_candidates_history", "a candidate's tier history")
    p.add_argument("credit_code")

    gsub = _group(sub, "tier", "move a candidate between tiers")
    p = c.add(gsub, "set", POOL, "cmd_tier_set", "set a candidate's tier (recorded in its history)")
    p.add_argument("credit_code")
    p.add_argument("tier")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default today)")
    p = c.add(
        gsub,
        "accept",
        ROUND,
        "cmd_tier_accept",
        "accept the tier recommended by a final result (recorded in the tier history)",
    )
    p.add_argument("credit_code")
    p.add_argument("--round")

    gsub = _group(sub, "roster", "the evaluators")
    p = c.add(
        gsub,
        "import",
        POOL,
        "cmd_import",
        "import evaluators from a CSV file (code,name,level[,organisation])",
        kind="roster",
    )
    p.add_argument("csv")
    c.add(gsub, "list", POOL, "cmd_roster_list", "list evaluators")

    gsub = _group(sub, "round", "scoring rounds")
    p = c.add(gsub, "add", POOL, "cmd_round_add", "add or update a round")
    p.add_argument("code")
    p.add_argument("--kind", choices=[k.value for k in RoundKind], required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--name")
    p.add_argument("--criteria", default=DEFAULT_CRITERIA_ID)
    c.add(gsub, "list", POOL, "cmd_round_list", "list rounds")
    p = c.add(
        gsub,
        "settings",
        POOL,
        "cmd_round_settings",
        "show or change a round's settings (carried in its assignment packages)",
    )
    p.add_argument("code")
    p.add_argument(
        "--comments-required",
        choices=["yes", "no"],
        help="each scored item needs a strength or an OFI to finalise (default yes)",
    )
    p.add_argument("--scorecard-language", choices=["zh", "en"], help="the signed PDF's language")
    p.add_argument("--comment-limit", help="characters per comment box, or 'none'")
    p.add_argument(
        "--visit-days",
        help="days an evaluator spends per candidate (quarter days, e.g. 0.5), or 'default'"
        " (site visit 1, document review 0.5)",
    )
    p.add_argument(
        "--encrypt-scorecards",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="exported scorecards in an envelope only the secretariat opens (default on)",
    )

    gsub = _group(sub, "panels", "panels and conflicts of interest")
    p = c.add(
        gsub,
        "import",
        POOL,
        "cmd_import",
        "import panels from a CSV file "
        "(round,credit_code,evaluator_code,role[,note]); role leader, member or conflict",
        kind="panels",
    )
    p.add_argument("csv")
    p = c.add(gsub, "list", POOL, "cmd_panels_list", "list panel members and conflicts")
    p.add_argument("--round")
    p.add_argument("--candidate")
    p.add_argument("--evaluator")

    gsub = _group(sub, "criteria", "criteria sets")
    p = c.add(gsub, "show", POOL, "cmd_criteria_show", "show a bundled criteria set")
    p.add_argument("criteria_id", nargs="?", default=DEFAULT_CRITERIA_ID)


def _scoring(sub: Any, c: _Commands) -> None:
    p = c.add(
        sub, "score", SCORING, "cmd_score", "set an item's percentage and/or texts on a scorecard"
    )
    _card_args(p)
    p.add_argument("--item", required=True, help="item code, e.g. 4.1.2")
    p.add_argument("--percent", help="0–100 in 5%% steps")
    p.add_argument("--clear", action="store_true", help="remove the item's percentage")
    p.add_argument("--strengths")
    p.add_argument("--ofis", help="opportunities for improvement")
    p.add_argument("--evidence", help="evidence notes (documents seen, people interviewed)")

    p = c.add(
        sub, "finalize", SCORING, "cmd_finalize", "finalise a scorecard (all items must be scored)"
    )
    _card_args(p)
    p.add_argument(
        "--affirm-declaration",
        action="store_true",
        help="affirm the no-conflict declaration printed on the scorecard (required)",
    )
    p = c.add(sub, "show", SCORING, "cmd_show", "show a scorecard with subtotals and total")
    _card_args(p)
    p = c.add(
        sub,
        "reopen",
        SCORING,
        "cmd_reopen",
        "reopen a final scorecard for a correction (the next export is a new revision)",
    )
    _card_args(p)
    p.add_argument("--reason", required=True, help="why (kept in the audit trail)")

    gsub = _group(sub, "scores", "scores entered in bulk")
    p = c.add(
        gsub,
        "import",
        SCORING,
        "cmd_scores_import",
        "import a score sheet written on paper: CSV (UTF-8 or GB18030) or .xlsx with columns "
        "credit_code,item,percent[,strengths,ofis,evidence]; all rows or none",
    )
    p.add_argument("sheet")
    p.add_argument("--round", required=True)
    p.add_argument("--evaluator", help="evaluator code (default: the workspace's owner)")

    gsub = _group(sub, "conflict", "conflicts of interest declared on site (evaluator)")
    p = c.add(
        gsub,
        "declare",
        SCORING,
        "cmd_conflict_declare",
        "declare a conflict of interest with a candidate; locks the scorecard",
    )
    _card_args(p)
    p.add_argument("--reason", required=True)
    p = c.add(
        gsub,
        "withdraw",
        SCORING,
        "cmd_conflict_withdraw",
        "withdraw a declaration made in error (only before it is exported)",
    )
    _card_args(p)
    p = c.add(
        gsub,
        "export",
        SCORING,
        "cmd_conflict_export",
        "sign the declaration and write it for the secretariat's merge",
    )
    _card_args(p)
    p.add_argument("--out", required=True, help="folder for the PDF file")


def _signing(sub: Any, c: _Commands) -> None:
    gsub = _group(sub, "ca", "the committee root certificate (secretariat)")
    p = c.add(
        gsub,
        "init",
        SIGNING,
        "cmd_ca_init",
        "create the committee root CA; its key goes to the keychain",
    )
    p.add_argument("--name", default=DEFAULT_COMMITTEE_NAME)
    p.add_argument("--out", help="also write the root certificate (PEM) here")
    p = c.add(
        gsub, "export", SIGNING, "cmd_ca_export", "write the committee root certificate (PEM)"
    )
    p.add_argument("--out", required=True)
    p = c.add(
        gsub,
        "revoke",
        SIGNING,
        "cmd_ca_revoke",
        "revoke an evaluator's certificate (e.g. a lost laptop): merge refuses what the key "
        "signs from then on",
    )
    p.add_argument("code", help="the evaluator's code")
    p.add_argument("--reason", required=True, help="why (kept with the revocation)")
    p.add_argument(
        "--at",
        help="revoked from this ISO time, e.g. 2026-05-12T14:00+08:00 (default: now)",
    )
    for name, function, text in (
        (
            "backup",
            "cmd_ca_backup",
            "write an encrypted backup of the committee root's and the secretariat's keys",
        ),
        ("restore", "cmd_ca_restore", "restore the committee's keys from a backup"),
    ):
        p = c.add(gsub, name, SIGNING, function, text)
        if name == "backup":
            p.add_argument("--out", required=True)
        else:
            p.add_argument("backup")
        p.add_argument(
            "--passphrase-file", help=f"read the passphrase from a file (or set {PASSPHRASE_ENV})"
        )

    p = c.add(
        sub,
        "enrol",
        SIGNING,
        "cmd_enrol",
        "issue an evaluator certificate from a request file "
        "(secretariat); records its fingerprint in the roster",
    )
    p.add_argument("request", help="the evaluator's .csr.pem")
    p.add_argument("--out", help="where to write the certificate (default CODE.crt.pem)")

    gsub = _group(sub, "identity", "the evaluator's signing identity")
    p = c.add(
        gsub,
        "create",
        SIGNING,
        "cmd_identity_create",
        "create the signing key (kept in the OS keychain) "
        "and a certificate request for the secretariat",
    )
    p.add_argument("--name", help="your name, if the roster does not have it yet")
    p.add_argument("--out", help="request file (default CODE.csr.pem)")
    p = c.add(
        gsub,
        "install",
        SIGNING,
        "cmd_identity_install",
        "install the certificate the secretariat issued",
    )
    p.add_argument("certificate")
    for name, function, text in (
        ("backup", "cmd_identity_backup", "write an encrypted backup (PKCS#12) of your key"),
        ("restore", "cmd_identity_restore", "restore your key from a backup on a new computer"),
    ):
        p = c.add(gsub, name, SIGNING, function, text)
        if name == "backup":
            p.add_argument("--out", required=True)
        else:
            p.add_argument("backup")
        p.add_argument(
            "--passphrase-file", help=f"read the passphrase from a file (or set {PASSPHRASE_ENV})"
        )

    p = c.add(sub, "export", SIGNING, "cmd_export", "export final scorecards as signed PDFs")
    p.add_argument("--out", required=True, help="folder for the PDF files")
    p.add_argument("--round")
    p.add_argument("--candidate", help="only this candidate (needs --round)")

    p = c.add(
        sub,
        "verify",
        SIGNING,
        "cmd_verify",
        "verify signed scorecard PDFs (files or folders); exit 1 if any is invalid",
    )
    p.add_argument("files", nargs="+")
    p.add_argument("--root", help="committee root certificate (default: the workspace's)")

    p = c.add(
        sub,
        "verify-paper",
        PAPER,
        "cmd_verify_paper",
        "check a printed scorecard page against the merged records (secretariat): its paper "
        "code as typed, or a photo or scan (PNG, JPEG) of its QR code; exit 1 unless it "
        "matches",
    )
    p.add_argument("code_or_image", metavar="CODE-OR-IMAGE")


def _round(sub: Any, c: _Commands) -> None:
    gsub = _group(sub, "package", "assignment packages (.qzpkg)")
    p = c.add(
        gsub,
        "export",
        ROUND,
        "cmd_package_export",
        "write a signed package per evaluator of a round (secretariat)",
    )
    p.add_argument("--round", required=True)
    p.add_argument("--out", required=True, help="folder for the .qzpkg files")
    p.add_argument("--evaluator", action="append", help="only this evaluator (repeatable)")
    p = c.add(
        gsub,
        "import",
        ROUND,
        "cmd_package_import",
        "import an assignment package (evaluator); scores already entered are never discarded",
    )
    p.add_argument("package")

    p = c.add(
        sub,
        "receipt",
        ROUND,
        "cmd_receipt",
        "write a signed receipt per evaluator: what the secretariat received and merged "
        "(secretariat)",
    )
    p.add_argument("--out", required=True, help="folder for the .qzreceipt files")
    p.add_argument("--round", help="round code (default: the latest round)")
    p.add_argument("--evaluator", action="append", help="only this evaluator (repeatable)")
    p = c.add(
        sub,
        "import-receipt",
        ROUND,
        "cmd_import_receipt",
        "import the secretariat's receipt (evaluator): each card then shows what was received",
    )
    p.add_argument("receipt")

    p = c.add(
        sub,
        "merge",
        ROUND,
        "cmd_merge",
        "merge signed scorecards (files or folders) into the secretariat's workspace",
    )
    p.add_argument("paths", nargs="+")
    p.add_argument("--workers", type=int, help="verification processes (default: all cores)")

    gsub = _group(sub, "results", "round results (secretariat)")
    p = c.add(
        gsub,
        "show",
        ROUND,
        "cmd_results_show",
        "statistics, rankings per tier and recommendations",
    )
    p.add_argument("--round", help="default: the latest round")
    p = c.add(
        gsub,
        "export",
        ROUND,
        "cmd_results_export",
        "write results as .csv (UTF-8 with BOM) or .xlsx",
    )
    p.add_argument("--round")
    p.add_argument("--out", required=True)
    p.add_argument(
        "--by-evaluator",
        action="store_true",
        help="CSV: one row per evaluator's scorecard (total and category subtotals); "
        "the .xlsx always has them on a second sheet",
    )
    p = c.add(
        gsub, "note", ROUND, "cmd_results_note", "record the panel's consensus on a divergent item"
    )
    p.add_argument("--round")
    p.add_argument("--candidate", required=True)
    p.add_argument("--item", required=True)
    p.add_argument("--author", required=True, help="who records it (e.g. the panel leader)")
    p.add_argument("--text", required=True)
    p.add_argument("--percent", help="the agreed percentage")
    p.add_argument("--keep", action="store_true", help="keep the individual scores")
    p = c.add(gsub, "finalize", ROUND, "cmd_results_finalize", "mark a candidate's result final")
    p.add_argument("--round")
    p.add_argument("--candidate", required=True)
    p = c.add(
        gsub,
        "settings",
        ROUND,
        "cmd_results_settings",
        "show or change the aggregation rule, the divergence threshold and the tier thresholds",
    )
    p.add_argument("--rule", choices=["trimmed-mean", "mean", "median", "weighted"])
    p.add_argument("--provincial-weight")
    p.add_argument("--municipal-weight")
    p.add_argument("--divergence", type=int, help="points of percentage (default 20)")
    p.add_argument("--potential", help="score for the potential tier")
    p.add_argument("--advantage", help="score for the advantage tier")
    p = c.add(
        gsub,
        "calibration",
        ROUND,
        "cmd_results_calibration",
        "evaluator leniency and panel agreement (diagnostic only)",
    )
    p.add_argument("--round")

    gsub = _group(sub, "report", "signed PDF reports (secretariat)")
    p = c.add(gsub, "results", ROUND, "cmd_report_results", "the round's results report, signed")
    p.add_argument("--round")
    p.add_argument("--out", required=True)
    p = c.add(
        gsub,
        "feedback",
        ROUND,
        "cmd_report_feedback",
        "feedback reports: consolidated strengths and OFIs per item, without evaluator names",
    )
    p.add_argument("--round")
    p.add_argument("--candidate", help="one candidate (default: every candidate of the round)")
    p.add_argument("--out", required=True, help="a .pdf for one candidate, else a folder")
