"""Candidate imports and lists at scale (issue 11, point 13): the import streams its file
and writes in batches yet stays all-or-nothing; the list pages; memory stays bounded.

Batches and read chunks are made small here (monkeypatch) so that a few hundred rows
cross many batch and chunk boundaries; the memory test runs a real import of 150,000
rows in a child process and reads its peak RSS.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qz_evaluator.cli import main
from qz_evaluator.domain.candidates import Tier
from qz_evaluator.domain.credit_code import check_character
from qz_evaluator.services import csv_files, imports
from qz_evaluator.services.csv_files import TextRefused
from qz_evaluator.services.errors import ImportFailed
from qz_evaluator.services.imports import check_candidates, import_candidates
from qz_evaluator.store.workspace import Role, Workspace

HEADER = ["credit_code", "name", "county", "industry", "tier"]
TIERS = ("seed", "potential", "advantage")


def code(index: int) -> str:
    first17 = f"91330800MA3Y{index:05d}"
    return first17 + check_character(first17)


def rows(count: int, start: int = 0) -> list[list[str]]:
    return [
        [code(i), f"衢州市流式测试{i:05d}有限公司", "柯城区", "新材料", TIERS[i % 3]]
        for i in range(start, start + count)
    ]


def write_csv(path: Path, body: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([HEADER, *body])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def dump(workspace: Workspace) -> str:
    return "\n".join(workspace.conn.iterdump())


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "BATCH", 50)
    monkeypatch.setattr(csv_files, "CHUNK", 64)


@pytest.mark.usefixtures("small_batches")
def test_batches_land_together_in_file_order(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", rows(333))
    report = import_candidates(workspace, path)
    assert (report.rows, report.created, report.updated) == (333, 333, 0)
    assert workspace.counts()["candidates"] == 333
    assert workspace.counts()["tier_history"] == 333
    history = workspace.tier_history(code(200))
    assert [(h.from_tier, h.to_tier) for h in history] == [(None, Tier(TIERS[200 % 3]))]
    # Row ids follow the file's order, across batches.
    ids = [r[0] for r in workspace.conn.execute("SELECT credit_code FROM candidates ORDER BY id")]
    assert ids == [code(i) for i in range(333)]
    # Found by the full-text search, as a single-row import's candidates are.
    found = workspace.candidates(search="流式测试00200")
    assert [c.credit_code for c in found] == [code(200)]
    # The temporary table of lines is gone with the import.
    assert not workspace.conn.execute(
        "SELECT name FROM temp.sqlite_master WHERE name = 'import_lines'"
    ).fetchall()


@pytest.mark.usefixtures("small_batches")
def test_importing_again_updates_and_records_only_changed_tiers(
    workspace: Workspace, tmp_path: Path
) -> None:
    import_candidates(workspace, write_csv(tmp_path / "a.csv", rows(120)))
    changed = rows(130)
    changed[70][4] = "advantage" if changed[70][4] != "advantage" else "seed"
    changed[71][1] = "衢州市改名后的有限公司"
    report = import_candidates(workspace, write_csv(tmp_path / "b.csv", changed))
    assert (report.rows, report.created, report.updated) == (130, 10, 120)
    assert workspace.candidate(code(70)).tier is Tier(changed[70][4])
    assert len(workspace.tier_history(code(70))) == 2
    assert workspace.candidate(code(71)).name == "衢州市改名后的有限公司"
    assert len(workspace.tier_history(code(71))) == 1
    assert workspace.counts()["tier_history"] == 131


@pytest.mark.usefixtures("small_batches")
def test_a_bad_row_near_the_end_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    import_candidates(workspace, write_csv(tmp_path / "first.csv", rows(10)))
    before = dump(workspace)
    body = rows(300)
    body[296][4] = "gold"  # line 298: header is line 1, so row i is line i + 2
    path = write_csv(tmp_path / "late.csv", body)
    with pytest.raises(ImportFailed) as caught:
        import_candidates(workspace, path)
    assert caught.value.line == 298
    assert str(path) in str(caught.value) and "298" in str(caught.value)
    assert dump(workspace) == before  # the earlier batches were rolled back too


@pytest.mark.usefixtures("small_batches")
def test_a_code_repeated_batches_later_names_both_lines(
    workspace: Workspace, tmp_path: Path
) -> None:
    body = rows(200)
    body[180][0] = body[3][0]  # line 182 repeats line 5, three batches on
    body[190][4] = "gold"  # a later error in the same batch: the repeat is the first
    with pytest.raises(ImportFailed) as caught:
        import_candidates(workspace, write_csv(tmp_path / "twice.csv", body))
    assert caught.value.line == 182
    assert "already appears on line 5" in str(caught.value)
    assert workspace.counts()["candidates"] == 0


@pytest.mark.usefixtures("small_batches")
def test_a_malformed_row_after_a_repeat_reports_the_repeat(
    workspace: Workspace, tmp_path: Path
) -> None:
    body = rows(120)
    body[110][0] = body[2][0]  # line 112 repeats line 4
    path = write_csv(tmp_path / "c.csv", body)
    path.write_bytes(path.read_bytes() + b'"' + code(999).encode() + b',"unclosed\n')
    with pytest.raises(ImportFailed) as caught:
        import_candidates(workspace, path)
    assert caught.value.line == 112
    assert "already appears on line 4" in str(caught.value)


@pytest.mark.usefixtures("small_batches")
def test_the_rehearsal_counts_every_batch_and_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    import_candidates(workspace, write_csv(tmp_path / "a.csv", rows(60)))
    before = dump(workspace)
    report = check_candidates(workspace, write_csv(tmp_path / "b.csv", rows(180)))
    assert (report.rows, report.created, report.updated) == (180, 120, 60)
    assert dump(workspace) == before


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_read_in_chunks_that_split_characters(
    workspace: Workspace, tmp_path: Path, encoding: str
) -> None:
    # 64-byte chunks split the three-byte UTF-8 and two-byte GB18030 characters.
    body = rows(90)
    body[45][1] = "衢州市喆宇新材料有限公司"  # a character outside GB2312, still Chinese
    path = write_csv(tmp_path / f"{encoding}.csv", body, encoding)
    assert import_candidates(workspace, path).created == 90
    assert workspace.candidate(code(45)).name == "衢州市喆宇新材料有限公司"


@pytest.mark.usefixtures("small_batches")
def test_a_big5_file_is_refused_with_its_line_across_chunks(
    workspace: Workspace, tmp_path: Path
) -> None:
    body = [[c, "Plain Name Co", "Kecheng", "Paper", t] for c, _, _, _, t in rows(40)]
    body[30][1] = "衢州市臺灣紙業股份有限公司"
    path = write_csv(tmp_path / "big5.csv", body[:30], "utf-8")
    with path.open("ab") as handle:
        tail = io.StringIO(newline="")
        csv.writer(tail).writerows(body[30:])
        handle.write(tail.getvalue().encode("big5"))
    with pytest.raises(TextRefused) as caught:
        import_candidates(workspace, path)
    assert (caught.value.code, caught.value.line) == ("undecodable-text", 32)
    assert workspace.counts()["candidates"] == 0


# ----- listing ------------------------------------------------------------------------------


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    path = tmp_path / "list.qzw"
    Workspace.create(path, Role.SECRETARIAT).close()
    assert (
        main(
            ["candidates", "import", str(write_csv(tmp_path / "c.csv", rows(30))), "-w", str(path)]
        )
        == 0
    )
    return path


def listing(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> list[str]:
    capsys.readouterr()
    assert main(["candidates", "list", "--json", "-w", str(path), *options]) == 0
    return [c["credit_code"] for c in json.loads(capsys.readouterr().out)]


def test_list_pages_with_limit_and_offset(listed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    everything = listing(capsys, listed)
    assert len(everything) == 30
    assert listing(capsys, listed, "--limit", "7") == everything[:7]
    assert listing(capsys, listed, "--limit", "7", "--offset", "7") == everything[7:14]
    assert listing(capsys, listed, "--offset", "25") == everything[25:]
    assert listing(capsys, listed, "--offset", "99") == []
    assert listing(capsys, listed, "--limit", "0") == []
    pages = [listing(capsys, listed, "--limit", "4", "--offset", str(o)) for o in range(0, 30, 4)]
    assert [c for page in pages for c in page] == everything  # pages neither skip nor repeat
    seeds = listing(capsys, listed, "--tier", "seed", "--limit", "3", "--offset", "2")
    assert seeds == listing(capsys, listed, "--tier", "seed")[2:5]


def test_the_text_list_counts_what_it_printed(
    listed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["candidates", "list", "-w", str(listed), "--limit", "5", "--offset", "28"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[-1] == "2 candidates"


@pytest.mark.parametrize("value", ["-1", "ten", "1.5"])
def test_a_bad_page_option_is_a_usage_error(
    listed: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["candidates", "list", "-w", str(listed), "--limit", value])
    assert exit_.value.code == 2
    assert "--limit" in capsys.readouterr().err


# ----- memory --------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import csv, resource, sys
    from pathlib import Path
    from qz_evaluator.domain.credit_code import check_character
    from qz_evaluator.services.imports import import_candidates
    from qz_evaluator.store.workspace import Role, Workspace

    folder, count = Path(sys.argv[1]), int(sys.argv[2])
    source = folder / "big.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["credit_code", "name", "county", "industry", "tier", "contact_person"])
        for i in range(count):
            body = "91330800MA" + format(i, "07d")
            out.writerow([body + check_character(body), "衢州市内存测试" + str(i) + "有限公司",
                          "柯城区", "新材料", ("seed", "potential", "advantage")[i % 3], "王芳"])
    def peak_kib():
        # Linux keeps ru_maxrss across exec, so a child of a large pytest would start at
        # the parent's peak; VmHWM belongs to this process image alone.
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    before = peak_kib()
    workspace = Workspace.create(folder / "big.qzw", Role.SECRETARIAT)
    report = import_candidates(workspace, source)
    assert report.created == count, report.created
    peak = peak_kib()
    print(before // 1024, peak // 1024, source.stat().st_size // 2**20)
    """
)


def test_a_large_import_runs_in_bounded_memory(tmp_path: Path) -> None:
    # 150,000 rows (13 MiB): read whole, as the import used to, they added 145 MiB (165 MiB
    # peak); streamed, 38 MiB (58 MiB peak).
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), "150000"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    before, peak, size = map(int, run.stdout.split())
    assert size >= 12
    assert peak - before < 60, (before, peak)  # MiB the import itself added
    assert peak < 150, (before, peak)
