"""qzeval verify-paper: a printed page's code, typed or photographed, in the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Qzeval
from tests.support.paper import Printed, printed_scorecards


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    with printed_scorecards(tmp_path_factory.mktemp("paper-cli")) as scene:
        yield scene


def test_a_scanned_page_matches_and_its_typed_code_too(qzeval: Qzeval, printed: Printed) -> None:
    ws = printed.secretariat
    [answer] = qzeval.json("verify-paper", printed.pages[2], "-w", ws)
    assert answer["outcome"] == "matches"
    assert (answer["candidate"], answer["evaluator"], answer["page_revision"]) == (
        printed.credit_code,
        "P01",
        2,
    )
    typed = qzeval("verify-paper", answer["code"].lower(), "-w", ws)
    assert typed.stdout.startswith(f"MATCHES: {answer['code']}")


def test_an_older_page_fails_and_lists_what_changed(qzeval: Qzeval, printed: Printed) -> None:
    run = qzeval("verify-paper", printed.pages[1], "-w", printed.secretariat, ok=False)
    assert run.returncode == 1
    assert run.stdout.startswith("OLDER-REVISION:")
    assert "the record of" in run.stdout and "is now r2" in run.stdout
    assert f"  {printed.item}: {printed.percents[1]}% on this page → 90% now" in run.stdout


def test_a_mistyped_code_fails_with_the_reason(qzeval: Qzeval, printed: Printed) -> None:
    [answer] = qzeval.json("verify-paper", printed.pages[2], "-w", printed.secretariat)
    code: str = answer["code"]
    swapped = code[:1] + code[2] + code[1] + code[3:]
    if swapped == code:
        swapped = code[:1] + ("A" if code[1] != "A" else "B") + code[2:]
    run = qzeval("verify-paper", swapped, "-w", printed.secretariat, ok=False)
    assert run.returncode == 1
    assert run.stdout.startswith("MISTYPED:")
    assert "check character does not match" in run.stdout


def test_a_missing_image_is_a_clear_error(qzeval: Qzeval, printed: Printed, tmp_path: Path) -> None:
    run = qzeval("verify-paper", tmp_path / "nope.jpg", "-w", printed.secretariat, ok=False)
    assert run.returncode == 1
    assert "nope.jpg: the image cannot be read" in run.stderr
