"""qzeval scores import, reopen and conflict declare/export/withdraw, in-process."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from qz_evaluator.store.workspace import Workspace
from tests.cli.conftest import Qzeval

ROUND = "2026-site"


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Workspace.open(path) as ws:
        return {
            t: sorted(map(tuple, ws.db.execute(f"SELECT * FROM {t}").fetchall()))
            for t in ("scorecards", "scorecard_items", "audit", "conflicts")
        }


def panel(qzeval: Qzeval, ev: Path) -> list[str]:
    members = qzeval.json("panels", "list", "--evaluator", "P01", "--round", ROUND, "-w", ev)
    return [m["credit_code"] for m in members["members"] if m["role"] != "conflict"]


def write_sheet(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([["credit_code", "item", "percent", "ofis"], *rows])
    return path


def test_scores_import_and_its_refusals(tmp_path: Path, qzeval: Qzeval) -> None:
    ev = tmp_path / "ev.qzw"
    qzeval("demo", ev)
    code = panel(qzeval, ev)[-1]
    good = write_sheet(
        tmp_path / "sheet.csv",
        [[code, "4.1.2", "45", "战略沟通需加强"], [code, "4.1.3", "50", ""]],
        encoding="gb18030",
    )
    result = qzeval.json("scores", "import", good, "--round", ROUND, "-w", ev)
    assert result["rows"] == 2
    assert result["scorecards"] == [
        {"candidate": code, "scored": 2, "items": 23, "status": "in-progress"}
    ]
    shown = qzeval.json("show", "--round", ROUND, "--candidate", code, "-w", ev)
    item = next(i for i in shown["items"] if i["code"] == "4.1.2")
    assert (item["percent"], item["ofis"]) == (45, "战略沟通需加强")

    before = snapshot(ev)
    bad = write_sheet(tmp_path / "bad.csv", [[code, "4.1.4", "60", ""], [code, "4.2.2", "62", ""]])
    run = qzeval("scores", "import", bad, "--round", ROUND, "-w", ev, ok=False)
    assert run.returncode == 1
    assert f"{bad}, line 3:" in run.stderr and "5% steps" in run.stderr
    assert snapshot(ev) == before
    failed = qzeval("scores", "import", bad, "--round", ROUND, "-w", ev, "--json", ok=False)
    assert '"code":"import-failed"' in failed.stdout


def test_reopen_records_its_reason(tmp_path: Path, qzeval: Qzeval) -> None:
    ev = tmp_path / "ev.qzw"
    qzeval("demo", ev)
    code = panel(qzeval, ev)[0]  # the demo scores it fully
    card: list[str | Path] = ["--round", ROUND, "--candidate", code, "-w", ev]
    qzeval("finalize", *card, "--affirm-declaration")
    assert qzeval.json("reopen", *card, "--reason", "4.2.2 抄写错误")["status"] == "draft"
    with Workspace.open(ev) as ws:
        entries = ws.audit_entries(credit_code=None)
        assert any(e.field == "reason" and e.new == "4.2.2 抄写错误" for e in entries)
    again = qzeval("reopen", *card, "--reason", "again", ok=False)
    assert again.returncode == 1 and "only a final scorecard" in again.stderr


def test_conflict_declared_exported_and_merged(tmp_path: Path, qzeval: Qzeval) -> None:
    sec, ev = tmp_path / "sec.qzw", tmp_path / "ev.qzw"
    qzeval("demo", sec, "--role", "secretariat")
    qzeval("demo", ev)
    qzeval("ca", "init", "-w", sec)
    request, certificate = tmp_path / "P01.csr.pem", tmp_path / "P01.crt.pem"
    qzeval("identity", "create", "-w", ev, "--out", request)
    qzeval("enrol", request, "-w", sec, "--out", certificate)
    qzeval("identity", "install", certificate, "-w", ev)

    first, second = panel(qzeval, ev)[-2:]
    card: list[str | Path] = ["--round", ROUND, "--candidate", first, "-w", ev]
    qzeval("conflict", "declare", *card, "--reason", "曾为该单位提供咨询")
    # Withdrawn before export: a draft again, and declared anew.
    assert qzeval.json("conflict", "withdraw", *card)["status"] == "draft"
    qzeval("conflict", "declare", *card, "--reason", "曾为该单位提供咨询")
    out = tmp_path / "out"
    exported = qzeval.json("conflict", "export", *card, "--out", out)
    assert not exported["reused"]
    refused = qzeval("conflict", "withdraw", *card, ok=False)
    assert refused.returncode == 1 and "can no longer be withdrawn" in refused.stderr
    undeclared: list[str | Path] = ["--round", ROUND, "--candidate", second, "-w", ev]
    qzeval("show", *undeclared)
    nothing = qzeval("conflict", "export", *undeclared, "--out", out, ok=False)
    assert nothing.returncode == 1 and "no conflict of interest is declared" in nothing.stderr

    verified = qzeval("verify", out, "-w", sec)
    assert verified.stdout.startswith("VALID") and "conflict declaration" in verified.stdout
    (checked,) = qzeval.json("verify", out, "-w", sec)
    assert (checked["valid"], checked["kind"], checked["candidate"]) == (
        True,
        "conflict-declaration",
        first,
    )
    merged = qzeval.json("merge", out, "-w", sec, "--workers", "1")
    assert merged["counts"]["declared-conflict"] == 1
    (entry,) = merged["files"]
    assert (entry["outcome"], entry["candidate"], entry["evaluator"]) == (
        "declared-conflict",
        first,
        "P01",
    )
    listed = qzeval.json("panels", "list", "--candidate", first, "-w", sec)
    assert ("P01", "evaluator") in {(c["evaluator"], c["declared_by"]) for c in listed["conflicts"]}
    text = qzeval("merge", out, "-w", sec, "--workers", "1").stdout
    assert "duplicate" in text
