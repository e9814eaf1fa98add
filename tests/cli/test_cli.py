"""The CLI as users run it, on a real workspace file: in-process through `cli.main`, with a
few smoke tests of the real program in a subprocess (marked `e2e`)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qz_evaluator.assets import get_asset
from qz_evaluator.cli import main
from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval

DEMO = get_asset("demo")
QZEVAL = Path(sys.executable).with_name("qzeval")


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Workspace.open(path) as ws:
        tables = (
            "candidates",
            "tier_history",
            "evaluators",
            "panel_members",
            "conflicts",
            "scorecards",
            "scorecard_items",
            "audit",
        )
        return {
            t: sorted(map(tuple, ws.db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables
        }


@pytest.fixture
def secretariat(tmp_path: Path, qzeval: Qzeval) -> Path:
    path = tmp_path / "sec.qzw"
    qzeval("init", path, "--role", "secretariat")
    qzeval("roster", "import", DEMO / "roster.csv", "-w", path)
    qzeval("candidates", "import", DEMO / "candidates.csv", "-w", path)
    qzeval("round", "add", "2026-site", "--kind", "site-visit", "--year", "2026", "-w", path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = ["credit_code", "name", "county", "industry", "contact_person", "contact_phone", "tier"]
GOOD = [
    "91350100M000100Y43",
    "衢州示例新材料有限公司",
    "柯城区",
    "新材料",
    "张三",
    "13900000000",
    "seed",
]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for command in (
        "init",
        "demo",
        "candidates",
        "roster",
        "panels",
        "tier",
        "score",
        "finalize",
        "show",
        "round",
    ):
        assert command in text


def test_imports_and_listing(secretariat: Path, qzeval: Qzeval) -> None:
    report = qzeval.json("panels", "import", DEMO / "panels.csv", "-w", secretariat)
    assert report["rows"] == 206
    assert all(not p["problems"] for p in report["panels"])
    listed = qzeval.json("candidates", "list", "-w", secretariat)
    assert len(listed) == 40
    seeds = qzeval.json("candidates", "list", "--tier", "种子", "-w", secretariat)
    assert {c["tier"] for c in seeds} == {"seed"} and len(seeds) == 18
    paper = qzeval.json("candidates", "list", "--search", "特种纸", "-w", secretariat)
    assert paper and all("特种纸" in c["name"] or c["industry"] == "特种纸" for c in paper)
    county = qzeval.json("candidates", "list", "--county", "开化县", "-w", secretariat)
    assert county and {c["county"] for c in county} == {"开化县"}


def test_excel_csv_with_bom_and_crlf(secretariat: Path, tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        ("\ufeff" + ",".join(HEADER) + "\r\n" + ",".join(GOOD) + "\r\n,,,,,,\r\n").encode("utf-8")
    )
    assert qzeval.json("candidates", "import", path, "-w", secretariat)["created"] == 1


def test_gb18030_csv_with_chinese_headers(
    secretariat: Path, tmp_path: Path, qzeval: Qzeval
) -> None:
    rows = [
        ["统一社会信用代码", "单位名称", "县（市、区）", "行业", "梯队"],
        [GOOD[0], GOOD[1], GOOD[2], GOOD[3], "潜力"],
    ]
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030")
    qzeval("candidates", "import", path, "-w", secretariat)
    found = qzeval.json("candidates", "list", "--search", "示例新材料", "-w", secretariat)
    assert [(c["name"], c["tier"]) for c in found] == [(GOOD[1], "potential")]


@pytest.mark.parametrize(
    ("bad_row", "line", "reason"),
    [
        (["91350100M000100Y44", *GOOD[1:]], 3, "fails the GB 32100 check"),
        ([GOOD[0], "", *GOOD[2:]], 3, "candidate name is empty"),
        ([*GOOD[:6], "gold"], 3, "unknown tier 'gold'"),
        (GOOD, 3, "already appears on line 2"),
    ],
)
def test_bad_candidate_row_stops_import_and_changes_nothing(
    secretariat: Path, tmp_path: Path, bad_row: list[str], line: int, reason: str, qzeval: Qzeval
) -> None:
    first = ["91330800MA28F1234P", "衢州第一行有限公司", "衢江区", "新能源", "", "", "seed"]
    path = write_csv(
        tmp_path / "bad.csv",
        [HEADER, GOOD if bad_row is GOOD else first, bad_row, first if bad_row is GOOD else GOOD],
    )
    before = snapshot(secretariat)
    result = qzeval("candidates", "import", path, "-w", secretariat, ok=False)
    assert result.returncode == 1
    assert f"{path}, line {line}: " in result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(secretariat) == before


def test_missing_column_names_line_1(secretariat: Path, tmp_path: Path, qzeval: Qzeval) -> None:
    path = write_csv(tmp_path / "cols.csv", [["credit_code", "name"], GOOD[:2]])
    result = qzeval("candidates", "import", path, "-w", secretariat, ok=False)
    assert "line 1: missing column(s) county, industry, tier" in result.stderr


def test_bad_roster_and_panel_rows(secretariat: Path, tmp_path: Path, qzeval: Qzeval) -> None:
    roster = write_csv(
        tmp_path / "r.csv",
        [["code", "name", "level"], ["X1", "李四", "市级"], ["X2", "王五", "county"]],
    )
    before = snapshot(secretariat)
    result = qzeval("roster", "import", roster, "-w", secretariat, ok=False)
    assert "line 3: unknown evaluator level 'county'" in result.stderr
    code = GOOD[0]
    qzeval("candidates", "import", write_csv(tmp_path / "c.csv", [HEADER, GOOD]), "-w", secretariat)
    before = snapshot(secretariat)
    panels = write_csv(
        tmp_path / "p.csv",
        [
            ["round", "credit_code", "evaluator_code", "role", "note"],
            ["2026-site", code, "P02", "conflict", "原工作单位"],
            ["2026-site", code, "P01", "leader", ""],
            ["2026-site", code, "P02", "member", ""],
        ],
    )
    result = qzeval("panels", "import", panels, "-w", secretariat, ok=False)
    assert "line 4: evaluator P02 has a recorded conflict of interest" in result.stderr
    assert snapshot(secretariat) == before
    unknown = write_csv(
        tmp_path / "u.csv",
        [["round", "credit_code", "evaluator_code", "role"], ["2027-site", code, "P01", "leader"]],
    )
    assert (
        "round '2027-site' does not exist"
        in qzeval("panels", "import", unknown, "-w", secretariat, ok=False).stderr
    )


def test_small_panel_is_reported(secretariat: Path, tmp_path: Path, qzeval: Qzeval) -> None:
    code = qzeval.json("candidates", "list", "-w", secretariat)[0]["credit_code"]
    panels = write_csv(
        tmp_path / "p.csv",
        [
            ["round", "credit_code", "evaluator_code", "role"],
            ["2026-site", code, "P01", "leader"],
            ["2026-site", code, "M01", "member"],
        ],
    )
    report = qzeval("panels", "import", panels, "-w", secretariat).stdout
    assert "panel has 2 evaluators, fewer than 5" in report


def test_score_show_and_finalize(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "demo.qzw"
    qzeval("demo", path)
    panel = qzeval.json("panels", "list", "--evaluator", "P01", "-w", path)["members"]
    # The demo has three partly scored cards; take one P01 has not touched.
    untouched = [m["credit_code"] for m in panel][-1]
    card = ["--round", "2026-site", "--candidate", untouched, "-w", path]
    scored = qzeval.json(
        "score",
        *card,
        "--item",
        "4.4.3",
        "--percent",
        "5%",
        "--strengths",
        "财务预算体系健全",
        "--ofis",
        "资金使用效率分析不足",
    )
    assert scored["item"]["score"] == "0.75"
    assert scored["item"]["band"] == "0–5%"
    qzeval("score", *card, "--item", "4.1.2", "--percent", "45")
    shown = qzeval.json("show", *card)
    assert shown["total"] == "23.25"
    assert shown["completeness"] == "2/23"
    assert shown["categories"][0]["score"] == "22.5"
    assert shown["items"][7 + 1]["strengths"] == "财务预算体系健全"  # 4.4.3 is the 9th item
    bad = qzeval("score", *card, "--item", "4.1.2", "--percent", "47", ok=False)
    assert "5% steps" in bad.stderr
    missing = qzeval("finalize", *card, ok=False)
    assert "21 of 23 items are not scored" in missing.stderr and "4.1.3" in missing.stderr
    for item in qzeval.json("criteria", "show")["categories"]:
        for entry in item["items"]:
            qzeval("score", *card, "--item", entry["code"], "--percent", "60")
    uncommented = qzeval("finalize", *card, "--affirm-declaration", ok=False)
    assert "22 scored items have neither a strength nor" in uncommented.stderr
    for item in qzeval.json("criteria", "show")["categories"]:
        for entry in item["items"]:
            qzeval("score", *card, "--item", entry["code"], "--ofis", "展开不足")
    unaffirmed = qzeval("finalize", *card, ok=False)
    assert "本人郑重声明" in unaffirmed.stderr and "--affirm-declaration" in unaffirmed.stderr
    final = qzeval.json("finalize", *card, "--affirm-declaration")
    assert final["status"] == "final" and final["total"] == "600"
    locked = qzeval("score", *card, "--item", "4.1.2", "--percent", "70", ok=False)
    assert "can no longer be changed" in locked.stderr


def test_conflicted_evaluator_cannot_score(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "demo.qzw"
    qzeval("demo", path)
    conflict = qzeval.json("panels", "list", "--evaluator", "P01", "-w", path)["conflicts"][0]
    before = snapshot(path)
    result = qzeval(
        "score",
        "--round",
        "2026-site",
        "--candidate",
        conflict["credit_code"],
        "--item",
        "4.1.2",
        "--percent",
        "50",
        "-w",
        path,
        ok=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("qzeval: error: evaluator P01 ")
    assert "has a recorded conflict of interest with" in result.stderr
    assert "not on the panel" not in result.stderr
    assert snapshot(path) == before


def test_tier_set_records_history(secretariat: Path, qzeval: Qzeval) -> None:
    code = qzeval.json("candidates", "list", "--tier", "seed", "-w", secretariat)[0]["credit_code"]
    change = qzeval.json(
        "tier",
        "set",
        code,
        "potential",
        "--reason",
        "2026年度现场评审 640 分",
        "--date",
        "2026-07-01",
        "-w",
        secretariat,
    )
    assert change["direction"] == "promoted"
    history = qzeval.json("candidates", "history", code, "-w", secretariat)
    assert [(h["from"], h["to"]) for h in history][-1] == ("seed", "potential")


def test_missing_workspace_is_a_clear_error(tmp_path: Path, qzeval: Qzeval) -> None:
    result = qzeval("info", "-w", tmp_path / "nope.qzw", ok=False)
    assert result.returncode == 1 and "no such workspace file" in result.stderr


# ---------------------------------------------------------------- the one error mapping


def test_a_user_error_is_one_line_on_stderr_and_exit_1(tmp_path: Path, qzeval: Qzeval) -> None:
    result = qzeval("info", "-w", tmp_path / "nope.qzw", ok=False)
    assert result.returncode == 1
    assert result.stderr.startswith("qzeval: error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_with_json_the_error_is_also_a_document_on_stdout(tmp_path: Path, qzeval: Qzeval) -> None:
    result = qzeval("info", "-w", tmp_path / "nope.qzw", "--json", ok=False)
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "not-found"
    assert "no such workspace file" in error["message"]
    assert result.stderr == f"qzeval: error: {error['message']}\n"


def test_the_error_code_names_the_rule_that_refused(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "demo.qzw"
    qzeval("demo", path)
    code = qzeval.json("panels", "list", "--evaluator", "P01", "-w", path)["members"][-1]
    card = ["--round", "2026-site", "--candidate", code["credit_code"], "-w", path]
    bad = qzeval("score", *card, "--item", "4.1.2", "--percent", "47", "--json", ok=False)
    assert json.loads(bad.stdout)["error"]["code"] == "score"
    no_workspace = qzeval("info", "--json", ok=False)
    assert json.loads(no_workspace.stdout)["error"] == {
        "code": "cannot",
        "message": "no workspace given: use -w PATH or set QZ_WORKSPACE",
    }


def test_a_usage_error_is_argparses_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["score", "--round", "2026-site"])
    assert exit_.value.code == 2
    assert "the following arguments are required: --candidate, --item" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["no-such-command"])
    assert exit_.value.code == 2


def test_json_is_compact_and_keeps_chinese(secretariat: Path, qzeval: Qzeval) -> None:
    result = qzeval("candidates", "list", "-w", secretariat, "--json")
    assert result.stdout.count("\n") == 1 and '", "' not in result.stdout
    assert "衢州" in result.stdout and "\\u" not in result.stdout
    assert len(json.loads(result.stdout)) == 40


# ---------------------------------------------------------------- start-up and smoke tests

HEAVY = ("pyhanko", "reportlab", "openpyxl", "cryptography", "aiohttp", "sqlite_utils", "keyring")


def loaded_after(*argv: str) -> set[str]:
    """The heavy modules a fresh interpreter has loaded after `main(argv)`."""
    probe = (
        "import sys\n"
        "from qz_evaluator import cli\n"
        "try:\n"
        f"    cli.main({list(argv)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", check=True
    )
    return {
        name
        for name in result.stderr.splitlines()
        if name.split(".")[0] in HEAVY or name.startswith("qz_evaluator.")
    }


@pytest.mark.e2e
def test_version_and_help_import_no_service() -> None:
    for argv in (["--version"], ["--help"], ["score", "--help"]):
        loaded = loaded_after(*argv)
        assert {m.split(".")[0] for m in loaded} & set(HEAVY) == set(), argv
        assert not any(m.startswith("qz_evaluator.services") for m in loaded), argv
        assert "qz_evaluator.store" not in loaded and "qz_evaluator.trust" not in loaded, argv


@pytest.mark.e2e
def test_show_and_score_load_only_the_scoring_path(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "demo.qzw"
    qzeval("demo", path)
    code = qzeval.json("panels", "list", "--evaluator", "P01", "-w", path)["members"][-1]
    card = ["--round", "2026-site", "--candidate", code["credit_code"], "-w", str(path)]
    for argv in (["show", *card], ["score", *card, "--item", "4.1.2", "--percent", "50"]):
        loaded = loaded_after(*argv)
        assert "qz_evaluator.services.scoring" in loaded, argv  # the probe really ran it
        for heavy in ("pyhanko", "reportlab", "openpyxl", "aiohttp", "cryptography", "keyring"):
            assert not any(m.split(".")[0] == heavy for m in loaded), (argv, heavy)
        for layer in ("documents", "exchange", "services.identity", "services.merge"):
            assert f"qz_evaluator.{layer}" not in loaded, argv
    assert qzeval.json("show", *card)["completeness"] == "1/23"


@pytest.mark.e2e
def test_pool_imports_load_no_signing_or_pdf_library(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "sec.qzw"
    qzeval("demo", path, "--role", "secretariat")
    sheet = tmp_path / "panels.csv"
    sheet.write_text("round,credit_code,evaluator_code,role\n", encoding="utf-8")
    loaded = loaded_after("panels", "import", str(sheet), "-w", str(path))
    assert "qz_evaluator.services.imports" in loaded  # the probe really ran it
    for heavy in ("pyhanko", "reportlab", "aiohttp", "keyring"):
        assert not any(m.split(".")[0] == heavy for m in loaded), heavy
    assert "qz_evaluator.services.demo" not in loaded


@pytest.mark.e2e
def test_results_show_loads_no_signing_pdf_or_spreadsheet_library(
    tmp_path: Path, qzeval: Qzeval
) -> None:
    path = tmp_path / "sec.qzw"
    qzeval("demo", path, "--role", "secretariat")
    loaded = loaded_after("results", "show", "-w", str(path))
    assert "qz_evaluator.services.results" in loaded
    for heavy in ("pyhanko", "reportlab", "openpyxl", "aiohttp", "cryptography", "keyring"):
        assert not any(m.split(".")[0] == heavy for m in loaded), heavy


@pytest.mark.e2e
def test_the_installed_program_runs() -> None:
    """The console script pip installed, in a real process: version, and an error's exit."""
    version = subprocess.run([QZEVAL, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("qzeval ")
    failed = subprocess.run(
        [QZEVAL, "info", "-w", "/nonexistent/nope.qzw"], capture_output=True, text=True
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("qzeval: error: ") and "Traceback" not in failed.stderr
    usage = subprocess.run([QZEVAL, "score"], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage: qzeval score" in usage.stderr


def test_every_command_names_a_handler_that_exists() -> None:
    """Handlers are looked up by name only when a command runs: check every name here."""
    import argparse

    from qz_evaluator.cli.common import handler_of
    from qz_evaluator.cli.parser import build_parser

    def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        found: list[argparse.ArgumentParser] = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    found += leaves(child) if child._subparsers else [child]
        return found

    commands = leaves(build_parser())
    assert len(commands) >= 38  # the walk reached every command
    for command in commands:
        handler = handler_of(argparse.Namespace(handler=command.get_default("handler")))
        assert callable(handler) and handler.__name__.startswith("cmd_"), command.prog
