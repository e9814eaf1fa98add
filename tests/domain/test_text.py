from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.domain.errors import Phrase
from qz_evaluator.domain.text import (
    COMMENT_LIMIT,
    TextRefusal,
    TextRejected,
    check_comment,
    check_name,
    comment_fault,
    normalised_comment,
    safe_file_name,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("衢州示例新材料有限公司", "衢州示例新材料有限公司"),
        ('A/B:C*D?"E"<F>|G', "A_B_C_D_E_F_G"),
        ("  罗 思丽\t", "罗_思丽"),
        ("..隐藏.", "隐藏"),
        ("a\\b", "a_b"),
    ],
)
def test_one_rule_for_names_in_file_names(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


# ----- the comment rule: strengths, OFIs, evidence, notes and reasons -----------------------


@pytest.mark.parametrize(
    ("text", "refusal", "character", "position"),
    [
        ("方法\u202e系统", TextRefusal.CONTROL_CHARACTER, "\u202e", 3),
        ("\u2066x", TextRefusal.CONTROL_CHARACTER, "\u2066", 1),
        ("ab\x00", TextRefusal.CONTROL_CHARACTER, "\x00", 3),
        ("a\x1b[31m", TextRefusal.CONTROL_CHARACTER, "\x1b", 2),
        ("a\x85b", TextRefusal.CONTROL_CHARACTER, "\x85", 2),  # C1: NEXT LINE
        ("a\rb", TextRefusal.CONTROL_CHARACTER, "\r", 2),  # a lone CR is no line break
        ("a\ud800b", TextRefusal.CONTROL_CHARACTER, "\ud800", 2),  # half a surrogate pair
        ("衢" * (COMMENT_LIMIT + 1), TextRefusal.TOO_LONG, "", 0),
    ],
    ids=["rlo", "lri", "nul", "esc", "c1", "cr", "surrogate", "long"],
)
def test_comments_refuse_controls_bidi_surrogates_and_length(
    text: str, refusal: TextRefusal, character: str, position: int
) -> None:
    fault = comment_fault(text)
    assert fault is not None
    assert (fault.refusal, fault.character, fault.position) == (refusal, character, position)


def test_comments_keep_line_breaks_and_tabs() -> None:
    text = "一、领导重视\n\t二、方法系统\r\n三、\u200d👨\u200d👩\u200d👧 \u200f"
    assert (
        normalised_comment(text)
        == "一、领导重视\n\t二、方法系统\n三、\u200d👨\u200d👩\u200d👧 \u200f"
    )
    assert comment_fault(normalised_comment(text)) is None
    assert comment_fault("衢" * COMMENT_LIMIT) is None


def test_the_rounds_limit_caps_comments_never_above_the_absolute_cap() -> None:
    assert comment_fault("衢" * 10, 10) is None
    fault = comment_fault("衢" * 11, 10)
    assert fault is not None and (fault.refusal, fault.length) == (TextRefusal.TOO_LONG, 11)
    assert comment_fault("衢" * (COMMENT_LIMIT + 1), COMMENT_LIMIT * 2) is not None


def test_a_refused_comment_says_which_text_and_which_character() -> None:
    with pytest.raises(TextRejected) as caught:
        check_comment("方法系统\u202eexe", Phrase("the strengths of item {item}", item="4.1.2"))
    assert caught.value.code == "control-character"
    assert str(caught.value) == (
        "the strengths of item 4.1.2: the invisible or control character"
        " U+202E RIGHT-TO-LEFT OVERRIDE at character 5 is not allowed"
    )
    with pytest.raises(TextRejected) as caught:
        check_comment("衢" * 31, Phrase("the consensus note"), 30)
    assert caught.value.code == "text-too-long"
    assert str(caught.value) == (
        "the consensus note: it has 31 characters, more than the 30 allowed"
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("\u200b\u3164", "no-visible-text"),
        ("2026\u202e年现场评审", "control-character"),
        ("2026\n现场评审", "control-character"),
        ("衢" * 201, "text-too-long"),
    ],
)
def test_names_follow_the_name_rule(name: str, code: str) -> None:
    with pytest.raises(TextRejected) as caught:
        check_name(name, Phrase("the name of round {round}", round="2026-site"))
    assert caught.value.code == code
    assert str(caught.value).startswith("the name of round 2026-site: ")
    assert check_name("  2026年度现场评审 ", Phrase("x")) == "2026年度现场评审"


@given(st.text())
def test_a_comment_passes_exactly_when_it_holds_no_refused_character(text: str) -> None:
    refused = {c for c in text if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cs")}
    refused |= set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    fault = comment_fault(text)
    if refused:
        assert fault is not None and fault.character in refused
        assert text[fault.position - 1] == fault.character
    else:
        assert fault is None  # st.text() stays far below the cap
