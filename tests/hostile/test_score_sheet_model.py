"""Score-sheet import against a simple model (issue 11): any sheet, of any mix of good and
bad rows and texts, either imports exactly what the model says, or is refused with the
code of its first bad row and nothing written (the workspace's dump unchanged).

The model says the rules plainly: a known candidate of the evaluator's panel (any case),
a criteria item, once per candidate, a percentage on the 5 % grid; a text cell blank after
trimming leaves that text as it was; otherwise line breaks and tabs are kept (CR LF as
LF), a control or bidi character, or more than the round's comment limit, is refused.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.scorecard import ScorecardStatus
from qz_evaluator.services import demo, score_sheets
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace

LIMIT = 6  # the round's comment limit in this test: short texts reach it
ITEMS = ("4.1.2", "4.1.3", "9.9.9")  # the last is no item of the criteria set
PERCENTS = {"45": 45, "50%": 50, " 100 ": 100, "0": 0, "47": None, "abc": None, "": None}
# Letters, blanks that trim away, line breaks and tabs, and what is refused.
TEXT_ALPHABET = "方法ab \u3000\n\t\r\x85\u202e\u2066\x00\x1b"
REFUSED = set("\r\x85\u202e\u2066\x00\x1b")


def unknown_code() -> str:
    first17 = "91330800MA2X99999"
    return first17 + check_character(first17)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """P01's demo workspace, its comment limit LIMIT, and two of its draft scorecards."""
    path = tmp_path_factory.mktemp("sheet-model") / "p01.qzw"
    workspace = demo.build_demo(path)
    settings_ = workspace.round_settings(demo.SITE_ROUND)
    from dataclasses import replace

    workspace.set_round_settings(demo.SITE_ROUND, replace(settings_, comment_limit=LIMIT))
    cards = ScoringService(workspace).ensure_all(demo.SITE_ROUND)
    drafts = [c.credit_code for c in cards if c.status is ScorecardStatus.DRAFT][:2]
    assert len(drafts) == 2
    workspace.close()
    yield path, drafts


def dump(workspace: Workspace) -> str:
    return "\n".join(workspace.db.conn.iterdump())


Row = tuple[int, str, str, str, str, str]  # candidate index, item, percent, three texts

# Mostly good rows and plain texts (sampled_from repeats weigh the choices), so that
# sheets import as often as they are refused.
clean = st.text(alphabet="方法ab \u3000\n\t", max_size=LIMIT + 1)
hostile = st.text(alphabet=TEXT_ALPHABET, max_size=LIMIT + 2)
texts = st.one_of(clean, clean, clean, clean, st.just(""), st.just(""), hostile)
rows_strategy = st.lists(
    st.tuples(
        # two drafts, one in lower case, an unknown code, none
        st.sampled_from([0] * 8 + [1] * 8 + [2, 2, 3, 4]),
        st.sampled_from([*ITEMS[:2] * 8, *ITEMS]),
        st.sampled_from(["45", "50%", " 100 ", "0"] * 8 + list(PERCENTS)),
        texts,
        texts,
        texts,
    ),
    min_size=1,
    max_size=4,
    # A (candidate, item) twice is refused; mostly they differ (2 is 0 in lower case).
    unique_by=lambda row: ({2: 0}.get(row[0], row[0]), row[1]),
)


def candidate_text(index: int, drafts: list[str]) -> str:
    return [drafts[0], drafts[1], drafts[0].lower(), unknown_code(), ""][index]


Expected = dict[tuple[str, str], dict[str, object]]


def model(rows: list[Row], drafts: list[str], stored: Expected) -> Expected | str:
    """What the import gives: the changed (candidate, item) entries, or the first refusal."""
    result: Expected = {}
    any_row = False
    for index, item, percent_text, *cells in rows:
        raw = candidate_text(index, drafts)
        if not any(v.strip() for v in (raw, item, percent_text, *cells)):
            continue  # a blank row, as Excel leaves them
        any_row = True
        credit_code = raw.strip().upper()
        if credit_code not in drafts or item not in ITEMS[:2] or (credit_code, item) in result:
            return "import-failed"
        percent = PERCENTS[percent_text]
        if percent is None:
            return "import-failed"
        entry = dict(stored.get((credit_code, item), {}), percent=percent)
        for field, cell in zip(("strengths", "ofis", "evidence"), cells, strict=True):
            text = cell.strip()
            if not text:
                continue
            text = text.replace("\r\n", "\n")
            if set(text) & REFUSED:
                return "control-character"
            if len(text) > LIMIT:
                return "text-too-long"
            entry[field] = text
        result[(credit_code, item)] = entry
    return result if any_row else "import-failed"


def entries(workspace: Workspace, drafts: list[str]) -> Expected:
    found: Expected = {}
    for credit_code in drafts:
        card = workspace.find_scorecard(demo.SITE_ROUND, credit_code, "P01")
        assert card is not None
        for item in ITEMS[:2]:
            e = card.entry(item)
            found[(credit_code, item)] = {
                "percent": e.percent,
                "strengths": e.strengths,
                "ofis": e.ofis,
                "evidence": e.evidence,
            }
    return found


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_strategy, xlsx=st.booleans())
def test_a_sheet_imports_what_the_model_says_or_nothing(
    template: tuple[Path, list[str]], rows: list[Row], xlsx: bool
) -> None:
    path, drafts = template
    if xlsx:
        # An .xlsx (XML 1.0) cannot hold NUL or ESC: those cells are the CSV's to test.
        rows = [(i, it, p, xml(a), xml(b), xml(c)) for i, it, p, a, b, c in rows]
    table = [["credit_code", "item", "percent", "strengths", "ofis", "evidence"]]
    table += [[candidate_text(i, drafts), item, p, *cells] for i, item, p, *cells in rows]
    with tempfile.TemporaryDirectory(prefix="qz-sheet-") as folder:
        copy = Path(folder) / "p01.qzw"
        shutil.copy(path, copy)
        workspace = Workspace.open(copy)
        try:
            sheet = Path(folder) / ("sheet.xlsx" if xlsx else "sheet.csv")
            write(sheet, table)
            before, stored = dump(workspace), entries(workspace, drafts)
            expected = model(rows, drafts, stored)
            try:
                score_sheets.import_sheet(workspace, sheet, demo.SITE_ROUND)
            except ImportFailed as error:
                assert error.code == expected, (error, expected)
                assert dump(workspace) == before
                return
            assert isinstance(expected, dict), expected
            after = entries(workspace, drafts)
            assert after == stored | expected
        finally:
            workspace.close()


def xml(text: str) -> str:
    return text.replace("\x00", "").replace("\x1b", "")


def write(path: Path, table: list[list[str]]) -> None:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in table:
            sheet.append(row)
        book.save(path)
        return
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(table)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
