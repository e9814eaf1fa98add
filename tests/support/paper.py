"""Printed scorecards for the paper-code tests: a secretariat that merged P01's r1 and r2
of one scorecard, r3 exported but never sent, and page 1 of each rendered as a PNG by
pdftoppm, as a scanner or a phone would hand it over."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from qz_evaluator.domain.scorecard import Scorecard
from qz_evaluator.services import demo, merge, packages, scorecard_files
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from tests.support.tools import tool
from tests.support.trust import install_memory_keychain

ROUND = demo.SITE_ROUND


@dataclass
class Printed:
    secretariat: Path  # the secretariat's workspace file (closed)
    credit_code: str
    pdfs: dict[int, Path]  # revision → signed scorecard
    pages: dict[int, Path]  # revision → page 1 as a 150 dpi PNG
    item: str  # the item corrected in each revision
    percents: dict[int, int]  # revision → that item's percentage


def render_page(pdf: Path, out: Path, page: int = 1, dpi: int = 150) -> Path:
    """`pdftoppm -r DPI -png` of one page; the PNG's path."""
    prefix = out.with_suffix("")
    subprocess.run(
        [tool("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l",
         str(page), str(pdf), str(prefix)],
        check=True,
    )  # fmt: skip
    return prefix.with_suffix(".png")


def _correct(workspace: Workspace, card: Scorecard, item: str, percent: int) -> Scorecard:
    service = ScoringService(workspace)
    card = service.reopen(workspace.scorecard_by_id(card.id), "更正").card
    card = service.set_percent(card, item, percent).card
    return service.finalise(card, affirm_declaration=True).card


@contextmanager
def printed_scorecards(folder: Path) -> Iterator[Printed]:
    """Builds the scene with its own in-memory keychain (restored after)."""
    from tests.services.conftest import committee_and_p01, score_fully

    previous: KeyringBackend = keyring.get_keyring()
    install_memory_keychain()
    try:
        item = "4.1.2"
        pdfs: dict[int, Path] = {}
        sent: dict[int, Path] = {}
        with committee_and_p01(folder) as (secretariat, p01):
            package = packages.export_packages(secretariat, ROUND, folder / "pkg", ["P01"])[0]
            packages.import_package(p01, package)
            card = score_fully(p01, ScoringService(p01).ensure_all(ROUND)[0])
            percents = {1: card.entry(item).percent or 0, 2: 90, 3: 40}
            for revision, percent in percents.items():
                if revision > 1:
                    card = _correct(p01, card, item, percent)
                result = scorecard_files.export_scorecard(p01, card, folder / "out")
                assert result.revision == revision
                sent[revision] = result.path
                # What the evaluator prints is the readable copy: the file that travels
                # is the secretariat's envelope.
                pdfs[revision] = scorecard_files.readable_copy(
                    p01, card, folder / "print" / f"r{revision}"
                )
            merge.merge(secretariat, [sent[1], sent[2]], workers=1)
            credit_code = card.credit_code
            path = Path(secretariat.path)
        pages = {r: render_page(pdf, folder / f"page-r{r}.png") for r, pdf in pdfs.items()}
        yield Printed(path, credit_code, pdfs, pages, item, percents)
    finally:
        keyring.set_keyring(previous)
