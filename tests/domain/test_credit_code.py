from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.domain.credit_code import (
    ALPHABET,
    CreditCodeError,
    check_character,
    is_valid,
    validate,
)


def test_published_sample_code_is_valid() -> None:
    assert validate("91350100M000100Y43") == "91350100M000100Y43"


def test_lower_case_and_blanks_are_normalised() -> None:
    assert validate(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "fault"),
    [
        ("91350100M000100Y4", "17 characters"),
        ("91350100M000100Y44", "should be '3'"),
        ("91350100M000100I43", "not allowed"),
    ],
)
def test_bad_codes_say_why(code: str, fault: str) -> None:
    with pytest.raises(CreditCodeError, match=fault):
        validate(code)


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_any_body_with_its_check_character_validates(body: str) -> None:
    assert is_valid(body + check_character(body))


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.sampled_from(ALPHABET))
def test_any_other_last_character_is_refused(body: str, last: str) -> None:
    if last != check_character(body):
        assert not is_valid(body + last)
