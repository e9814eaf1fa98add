"""The secretariat's side, as an independent round found it (issue 10): evaluator totals,
no scoring in the secretariat's workspace, merge's exit status, the standard deviation
named, exact spreadsheet values, ordinary file permissions, and a quiet broken pipe."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.services import demo, identity, packages, scorecard_files
from qz_evaluator.services.scoring import ScoringService, SecretariatCannotScore
from qz_evaluator.store.workspace import Role, Workspace
from tests.cli.conftest import Qzeval
from tests.cli.test_cli import snapshot
from tests.support.tools import tool

ROUND = demo.SITE_ROUND
CRITERIA = criteria_set()
QZEVAL = Path(sys.executable).with_name("qzeval")


def two(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def planned(evaluator_code: str, index: int) -> int:
    """Varied, deterministic percentages: each evaluator a little more or less lenient."""
    lenient = sum(map(ord, evaluator_code)) % 5 * 5
    return min(100, 30 + lenient + (index * 7 + len(evaluator_code)) % 4 * 5)


def total(plan: dict[str, int]) -> Fraction:
    """Points as fractions, computed here and not by the code under test."""
    return Fraction(sum(CRITERIA.item(code).points * p for code, p in plan.items()), 100)


def subtotal(plan: dict[str, int], category: str) -> Fraction:
    items = {item.code for item in CRITERIA.category(category).items}
    return total({code: p for code, p in plan.items() if code in items})


@dataclass
class Merged:
    secretariat: Path
    outbox: Path
    candidate: str
    plans: dict[str, dict[str, int]]  # evaluator → item → percent, as signed
    evaluators: dict[str, Path]


@pytest.fixture
def signed_panel(tmp_path: Path) -> Merged:
    """One candidate's whole panel of the demo scores it, signs and exports; not merged."""
    sec_path, outbox = tmp_path / "sec.qzw", tmp_path / "outbox"
    plans: dict[str, dict[str, int]] = {}
    evaluators: dict[str, Path] = {}
    with demo.build_demo(sec_path, role=Role.SECRETARIAT) as secretariat:
        identity.create_committee_root(secretariat, "测试评审委员会根证书")
        secretariat.set_round_settings(ROUND, RoundSettings(comments_required=False))
        candidate = sorted({m.credit_code for m in secretariat.panel_members(round_code=ROUND)})[0]
        panel = [m.evaluator_code for m in secretariat.panel_members(credit_code=candidate)]
        written = packages.export_packages(secretariat, ROUND, tmp_path / "packages", panel)
        for code in panel:
            path = tmp_path / f"{code}.qzw"
            with Workspace.create(path, Role.EVALUATOR, owner_code=code) as workspace:
                request = identity.create_identity(workspace, secretariat.evaluator(code).name)
                bundle, _, _ = identity.issue_certificate(secretariat, request)
                identity.install_certificate(workspace, bundle)
                packages.import_package(
                    workspace, next(p for p in written if f"_{code}_" in p.name)
                )
                service = ScoringService(workspace)
                card = service.open(ROUND, candidate)
                plan = {item.code: planned(code, i) for i, item in enumerate(CRITERIA.items)}
                for item_code, percent in plan.items():
                    card = service.set_percent(card, item_code, percent).card
                card = service.set_text(card, "4.1.2", TextField.OFIS, "战略沟通需加强").card
                service.finalise(card, affirm_declaration=True)
                scorecard_files.export_all(workspace, outbox)
            plans[code], evaluators[code] = plan, path
    return Merged(sec_path, outbox, candidate, plans, evaluators)


@pytest.fixture
def merged(signed_panel: Merged, qzeval: Qzeval) -> Merged:
    result = qzeval.json("merge", signed_panel.outbox, "-w", signed_panel.secretariat)
    assert result["counts"]["accepted"] == len(signed_panel.plans)
    return signed_panel


def pdf_text(path: Path) -> str:
    return subprocess.run(
        [tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# ----- 1. each evaluator's total and category subtotals -----------------------------------


def test_each_evaluators_total_and_subtotals_are_visible(
    merged: Merged, qzeval: Qzeval, tmp_path: Path
) -> None:
    sec, code = merged.secretariat, merged.candidate
    categories = [c.code for c in CRITERIA.categories]
    expected = {
        evaluator: (two(total(plan)), {c: two(subtotal(plan, c)) for c in categories})
        for evaluator, plan in merged.plans.items()
    }
    # --json: one entry per accepted scorecard, in panel order.
    shown = qzeval.json("results", "show", "-w", sec)
    mine = next(c for c in shown["candidates"] if c["credit_code"] == code)
    assert [s["evaluator"] for s in mine["scorecards"]] == list(merged.plans)
    for card in mine["scorecards"]:
        assert (card["total"], card["categories"]) == expected[card["evaluator"]]
        assert Decimal(card["process"]) + Decimal(card["results"]) == Decimal(card["total"])
    # The text output: a line per evaluator with total and subtotals.
    text = qzeval("results", "show", "-w", sec).stdout
    for evaluator, (points, subtotals) in expected.items():
        line = next(line for line in text.splitlines() if line.strip().startswith(evaluator))
        assert points in line and all(f"{c} {subtotals[c]}" in line for c in categories)
    # CSV: the candidate's row names each total; --by-evaluator has a row per scorecard.
    table = tmp_path / "results.csv"
    qzeval("results", "export", "--out", table, "-w", sec)
    row = next(
        r
        for r in csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig")))
        if r["统一社会信用代码"] == code
    )
    for evaluator, (points, _) in expected.items():
        assert f"{evaluator} {points}" in row["各评审员总分"]
    qzeval("results", "export", "--by-evaluator", "--out", table, "-w", sec)
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == len(expected)
    for r in rows:
        points, subtotals = expected[r["评审员"]]
        assert r["总分"] == points and r["统一社会信用代码"] == code
        for c in CRITERIA.categories:
            assert r[f"{c.code} {c.name.zh}（满分{c.points}）"] == subtotals[c.code]
    # XLSX: a second sheet, one row per scorecard.
    book = load_workbook(
        tmp_path
        / qzeval.json("results", "export", "--out", tmp_path / "results.xlsx", "-w", sec)["file"]
    )
    sheet = book["评审员评分"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.max_row == len(expected) + 1
    for values in sheet.iter_rows(min_row=2, values_only=True):
        found = dict(zip(header, values, strict=True))
        points, _ = expected[str(found["评审员"])]
        assert f"{found['总分']:.2f}" == points
    # The signed results report prints them.
    report = tmp_path / "results.pdf"
    qzeval("report", "results", "--out", report, "-w", sec)
    printed = pdf_text(report).replace(" ", "")
    for evaluator, (points, subtotals) in expected.items():
        assert f"{evaluator}{points}" + "".join(subtotals.values()) in printed.replace("\n", "")
    # `show --evaluator` on the secretariat's workspace: that evaluator's merged scorecard.
    evaluator = list(merged.plans)[-1]
    card = ["--round", ROUND, "--candidate", code, "--evaluator", evaluator, "-w", sec]
    found = qzeval.json("show", *card)
    assert (found["evaluator"], found["status"], found["merged"]) == (
        evaluator,
        "final",
        "accepted",
    )
    assert Decimal(found["total"]) == Decimal(expected[evaluator][0])
    assert {c["code"]: Decimal(c["score"]) for c in found["categories"]} == {
        c: Decimal(expected[evaluator][1][c]) for c in categories
    }
    assert "merged file accepted" in qzeval("show", *card).stdout


# ----- 2. no scoring in the secretariat's workspace ---------------------------------------


def test_the_secretariats_workspace_refuses_scoring(tmp_path: Path, qzeval: Qzeval) -> None:
    sec = tmp_path / "sec.qzw"
    qzeval("demo", sec, "--role", "secretariat")
    members = qzeval.json("panels", "list", "-w", sec)["members"]
    card = [
        "--round",
        ROUND,
        "--candidate",
        members[0]["credit_code"],
        "--evaluator",
        members[0]["evaluator"],
        "-w",
        sec,
    ]
    before = snapshot(sec)
    for command in (
        ["score", *card, "--item", "4.1.2", "--percent", "50"],
        ["finalize", *card, "--affirm-declaration"],
        ["conflict", "declare", *card, "--reason", "曾提供咨询"],
    ):
        refused = qzeval(*command, "--json", ok=False)
        assert refused.returncode == 1, command
        assert "secretariat's workspace" in refused.stderr
        assert '"code":"secretariat-cannot-score"' in refused.stdout
    # Every write of the scoring service refuses, with the same stable code.
    with Workspace.open(sec) as workspace:
        service = ScoringService(workspace)
        stray = Scorecard(ROUND, members[0]["credit_code"], members[0]["evaluator"], CRITERIA.id)
        for write in (
            lambda: service.ensure_all(ROUND, members[0]["evaluator"]),
            lambda: service.set_percent(stray, "4.1.2", 50),
            lambda: service.set_text(stray, "4.1.2", TextField.OFIS, "…"),
            lambda: service.finalise(stray, affirm_declaration=True),
            lambda: service.reopen(stray, "…"),
            lambda: service.declare_conflict(stray, "…"),
        ):
            with pytest.raises(SecretariatCannotScore) as caught:
                write()
            assert caught.value.code == "secretariat-cannot-score"
    assert snapshot(sec) == before  # no stray draft, no audit row


# ----- 3. merge's exit status and a higher revision ----------------------------------------


def test_merge_fails_on_a_rejected_file_and_says_what_a_revision_replaced(
    signed_panel: Merged, qzeval: Qzeval, tmp_path: Path
) -> None:
    sec = signed_panel.secretariat
    first = qzeval("merge", signed_panel.outbox, "-w", sec)
    assert first.returncode == 0 and "replaces" not in first.stdout
    # One evaluator corrects an item: revision 2 replaces revision 1. A copy of their
    # workspace on a second laptop makes another, different revision 2: a conflict.
    evaluator, path = next(iter(signed_panel.evaluators.items()))
    with Workspace.open(path) as workspace:
        workspace.copy_to(tmp_path / "second-laptop.qzw")
    revisions = []
    for copy, item in ((path, "4.1.2"), (tmp_path / "second-laptop.qzw", "4.1.3")):
        with Workspace.open(copy) as workspace:
            service = ScoringService(workspace)
            card = service.reopen(service.open(ROUND, signed_panel.candidate), "抄写错误").card
            percent = card.entry(item).percent
            assert percent is not None
            card = service.set_percent(card, item, 100 - percent).card
            service.finalise(card, affirm_declaration=True)
            out = tmp_path / f"r2-{item}"
            revisions += [r for r in scorecard_files.export_all(workspace, out) if r.revision == 2]
    corrected, rival = revisions
    replaced = qzeval("merge", corrected.path, "-w", sec)
    assert replaced.returncode == 0
    assert f"revision 2 of {evaluator} replaces revision 1 (now superseded)" in replaced.stdout
    # A tampered copy is rejected, and the run fails like `verify`.
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(corrected.path.read_bytes())
    data[len(data) // 3] ^= 0x20
    tampered.write_bytes(bytes(data))
    failed = qzeval("merge", tampered, "-w", sec, ok=False)
    assert failed.returncode == 1 and "rejected" in failed.stdout
    assert qzeval("merge", tampered, "-w", sec, "--json", ok=False).returncode == 1
    # So does a file in conflict with the merged one.
    conflicted = qzeval("merge", rival.path, "-w", sec, ok=False)
    assert conflicted.returncode == 1 and conflicted.stdout.startswith("conflict")


# ----- 4. which standard deviation -----------------------------------------------------------


def test_the_standard_deviation_is_named_sample(
    merged: Merged, qzeval: Qzeval, tmp_path: Path
) -> None:
    sec = merged.secretariat
    assert "sample sd (n−1)" in qzeval("results", "show", "-w", sec).stdout
    table = tmp_path / "results.csv"
    qzeval("results", "export", "--out", table, "-w", sec)
    header = next(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert "样本标准差（n−1）" in header and "标准差" not in header
    for language, words in (
        ("zh", ("样本标准差", "四舍五入", "n−1")),
        ("en", ("Sample\nSD", "sample standard deviation", "n−1")),
    ):
        report = tmp_path / f"results-{language}.pdf"
        qzeval("report", "results", "--out", report, "--lang", language, "-w", sec)
        printed = pdf_text(report)
        assert all(word in printed for word in words), language


# ----- 5. exact values in the spreadsheet, half-up rounding stated ------------------------------


def test_xlsx_keeps_exact_values_and_the_report_states_half_up(
    merged: Merged, qzeval: Qzeval, tmp_path: Path
) -> None:
    import statistics

    sec = merged.secretariat
    totals = [total(plan) for plan in merged.plans.values()]
    mean = sum(totals, Fraction(0)) / len(totals)
    sd = float(statistics.variance(totals)) ** 0.5
    book = load_workbook(
        qzeval.json("results", "export", "--out", tmp_path / "r.xlsx", "-w", sec)["file"]
    )
    sheet = book["评审结果"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == merged.candidate)
    cells = dict(zip(header, row, strict=True))
    assert cells["平均分"].value == pytest.approx(float(mean), abs=1e-9)
    assert cells["样本标准差（n−1）"].value == pytest.approx(sd, abs=1e-9)
    assert cells["样本标准差（n−1）"].value != round(sd, 2)  # not the rounded figure
    assert {cells[k].number_format for k in ("平均分", "样本标准差（n−1）", "最终得分")} == {"0.00"}
    assert "四舍五入" in str(book["说明"]["A1"].value)
    report = tmp_path / "results.pdf"
    qzeval("report", "results", "--out", report, "-w", sec)
    assert "四舍五入" in pdf_text(report).replace(" ", "")


# ----- 6. exported files get the usual permissions ---------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_exported_files_follow_the_umask(tmp_path: Path, qzeval: Qzeval, mask: int) -> None:
    sec = tmp_path / "sec.qzw"
    qzeval("demo", sec, "--role", "secretariat")
    qzeval("ca", "init", "-w", sec)
    previous = os.umask(mask)
    try:
        written = [tmp_path / "r.csv", tmp_path / "r.xlsx", tmp_path / "r.pdf"]
        qzeval("results", "export", "--out", written[0], "-w", sec)
        qzeval("results", "export", "--out", written[1], "-w", sec)
        qzeval("report", "results", "--out", written[2], "-w", sec)
    finally:
        os.umask(previous)
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path
    # A key backup stays the owner's alone.
    backup = tmp_path / "key.p12"
    scorecard_files.write_atomically(backup, b"encrypted", private=True)
    assert backup.stat().st_mode & 0o777 == 0o600


# ----- 7. a reader that stops early --------------------------------------------------------------


@pytest.mark.e2e
def test_a_listing_into_head_ends_quietly(tmp_path: Path, qzeval: Qzeval) -> None:
    sec = tmp_path / "sec.qzw"
    qzeval("demo", sec, "--role", "secretariat")
    for listing in (["roster", "list"], ["candidates", "list", "--json"], ["results", "show"]):
        # The reader is gone before qzeval writes (as `head` is, once it has its line).
        read, write = os.pipe()
        os.close(read)
        try:
            run = subprocess.run(
                [QZEVAL, *listing, "-w", str(sec)], stdout=write, stderr=subprocess.PIPE, timeout=60
            )
        finally:
            os.close(write)
        assert run.stderr == b"", (listing, run.stderr.decode())
        assert run.returncode == 141, listing  # SIGPIPE's status, as `yes | head` gives
        piped = subprocess.run(
            f"'{QZEVAL}' {' '.join(listing)} -w '{sec}' | head -1",
            shell=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert piped.stderr == "" and piped.stdout.count("\n") == 1, listing
