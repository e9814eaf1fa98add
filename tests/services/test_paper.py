"""Issue 13, part 1: a printed scorecard checked against the merged record, from its code
or from a picture of the page (pdftoppm → PNG → zxing-cpp → the store)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PIL import Image, ImageFilter

from qz_evaluator.domain import paper_code as pc
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import demo, merge, paper
from qz_evaluator.services.paper import PaperOutcome
from qz_evaluator.services.session import open_workspace
from qz_evaluator.store.workspace import Workspace
from tests.support.paper import Printed, printed_scorecards, render_page

T = TypeVar("T")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    with printed_scorecards(tmp_path_factory.mktemp("paper")) as scene:
        yield scene


@pytest.fixture
def secretariat(printed: Printed) -> Iterator[Workspace]:
    with open_workspace(printed.secretariat) as workspace:
        yield workspace


def _only(found: list[T]) -> T:
    [one] = found
    return one


def test_a_page_of_the_merged_record_matches(printed: Printed, secretariat: Workspace) -> None:
    check = _only(paper.verify_image(secretariat, printed.pages[2]))
    assert check.outcome is PaperOutcome.MATCHES
    assert (check.credit_code, check.evaluator_code, check.round_code) == (
        printed.credit_code,
        "P01",
        "2026-site",
    )
    assert (check.page_revision, check.record_revision) == (2, 2)
    assert str(check.message).startswith("Matches the merged record")
    assert check.changes == ()


def test_every_page_carries_the_same_code(printed: Printed, tmp_path: Path) -> None:
    last = render_page(printed.pdfs[2], tmp_path / "last.png", page=4)
    assert paper.codes_in_image(last) == paper.codes_in_image(printed.pages[2])


def test_a_page_of_r1_after_r2_was_merged_is_older_and_says_what_changed(
    printed: Printed, secretariat: Workspace
) -> None:
    check = _only(paper.verify_image(secretariat, printed.pages[1]))
    assert check.outcome is PaperOutcome.OLDER_REVISION
    assert (check.page_revision, check.record_revision) == (1, 2)
    assert check.changes == (paper.ItemChange(printed.item, printed.percents[1], 90),)
    assert check.page_total is not None and check.record_total is not None
    assert check.page_total != check.record_total
    assert "this page is r1" in str(check.message) and "now r2" in str(check.message)


def test_a_page_of_a_revision_never_sent_is_not_received(
    printed: Printed, secretariat: Workspace
) -> None:
    check = _only(paper.verify_image(secretariat, printed.pages[3]))
    assert check.outcome is PaperOutcome.NOT_RECEIVED
    assert (check.page_revision, check.record_revision) == (3, 2)
    assert "ask the evaluator for the signed file of r3" in str(check.message)


def test_a_code_with_one_character_changed_is_mistyped(
    printed: Printed, secretariat: Workspace
) -> None:
    code = _only(paper.codes_in_image(printed.pages[2]))
    assert paper.verify_code(secretariat, code).outcome is PaperOutcome.MATCHES
    # Typed as a person would: lower case, spaces for dashes.
    typed = code.lower().replace("-", " ")
    assert paper.verify_code(secretariat, typed).outcome is PaperOutcome.MATCHES
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    check = paper.verify_code(secretariat, wrong)
    assert check.outcome is PaperOutcome.MISTYPED
    assert "check character does not match" in str(check.message)
    letter_o = code[:5] + "O" + code[6:]
    check = paper.verify_code(secretariat, letter_o)
    assert check.outcome is PaperOutcome.MISTYPED
    assert "never used in codes" in str(check.message)


def test_a_code_of_another_scorecard_is_unknown(secretariat: Workspace) -> None:
    code = pc.PaperCode(key=pc.key_hash("2026-site", "X", "P99"), revision=1, digest=7).text
    check = paper.verify_code(secretariat, code)
    assert check.outcome is PaperOutcome.UNKNOWN
    assert code in str(check.message)
    assert check.as_dict()["outcome"] == "unknown"


def test_a_phone_photo_of_the_page_still_reads(printed: Printed, tmp_path: Path) -> None:
    """Tilted, a little blurred, smaller and JPEG-compressed."""
    with Image.open(printed.pages[2]) as page:
        photo = (
            page.convert("L")
            .rotate(8, expand=True, fillcolor=180)
            .resize((page.width * 2 // 3, page.height * 2 // 3))
            .filter(ImageFilter.GaussianBlur(0.7))
        )
    path = tmp_path / "photo.jpg"
    photo.save(path, quality=60)
    assert paper.codes_in_image(path) == paper.codes_in_image(printed.pages[2])


def test_an_image_without_a_code_says_so(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(blank)
    with pytest.raises(paper.NoPaperCode, match="no QR code found"):
        paper.codes_in_image(blank)
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    with pytest.raises(paper.NoPaperCode, match="cannot be read") as caught:
        paper.codes_in_image(text)
    assert caught.value.code == "unreadable-image"


def test_without_the_decoder_typing_still_works(
    printed: Printed, secretariat: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _only(paper.codes_in_image(printed.pages[2]))
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # as if it were not installed
    with pytest.raises(paper.QrDecoderMissing, match="code printed under the QR code") as caught:
        paper.codes_in_image(printed.pages[2])
    assert caught.value.code == "no-qr-decoder"
    assert paper.verify_code(secretariat, code).outcome is PaperOutcome.MATCHES


def test_a_merge_after_a_check_is_seen_by_the_next_check(printed: Printed, tmp_path: Path) -> None:
    """The key index is kept between checks, and made again once a file is merged."""
    copy = tmp_path / "sec.qzw"
    copy.write_bytes(printed.secretariat.read_bytes())
    with open_workspace(copy) as workspace:
        r3 = _only(paper.codes_in_image(printed.pages[3]))
        assert paper.verify_code(workspace, r3).outcome is PaperOutcome.NOT_RECEIVED
        merge.merge(workspace, [printed.pdfs[3]], workers=1)
        assert paper.verify_code(workspace, r3).outcome is PaperOutcome.MATCHES
        r2 = paper.verify_image(workspace, printed.pages[2])
        assert [(c.outcome, c.record_revision) for c in r2] == [(PaperOutcome.OLDER_REVISION, 3)]


def test_an_evaluator_workspace_is_told_to_use_the_secretariat(printed: Printed) -> None:
    evaluator = printed.secretariat.parent / "p01.qzw"
    with (
        open_workspace(evaluator) as workspace,
        pytest.raises(paper.NotTheSecretariat, match="is an evaluator's"),
    ):
        paper.verify_code(workspace, "RTNZ-4H32-25VM-VSBG")


def test_a_page_of_a_rival_file_says_it_does_not_count(tmp_path: Path) -> None:
    """The secretariat's demo merges two different files of one revision: a page of the
    rival is neither the record nor unknown, and the items it differs in are listed."""
    workspace, _ = demo.build_secretariat_demo(tmp_path / "sec.qzw", tmp_path / "files")
    with workspace:
        [rival] = workspace.submissions(statuses=[SubmissionStatus.CONFLICT])
        code = pc.paper_code(workspace.submission_document(rival.id)).text
        check = paper.verify_code(workspace, code)
        assert check.outcome is PaperOutcome.RIVAL
        assert (check.page_revision, check.record_revision) == (rival.revision, rival.revision)
        assert check.changes and check.page_total == rival.total != check.record_total
        assert "merged as a revision conflict" in str(check.message)
