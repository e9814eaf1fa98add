"""The paper code: round trip, its alphabet and grouping, and a check character that
catches every single changed character and every swap of two neighbours."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qz_evaluator.domain import paper_code as pc
from qz_evaluator.domain.paper_code import ALPHABET, LENGTH, PaperCode, PaperCodeError

codes = st.builds(
    PaperCode,
    key=st.integers(0, 2**pc.KEY_BITS - 1),
    revision=st.integers(1, 10_000),
    digest=st.integers(0, 2**pc.DIGEST_BITS - 1),
)


def test_the_alphabet_has_32_characters_and_none_of_0_o_1_i() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("0O1I") & set(ALPHABET)


def test_the_quasigroup_is_totally_anti_symmetric() -> None:
    """What Damm's check rests on, for every triple: rows and columns are permutations,
    and (c∘x)∘y = (c∘y)∘x only when x = y."""
    values = range(32)
    for x in values:
        assert sorted(pc._step(x, y) for y in values) == list(values)
        assert sorted(pc._step(y, x) for y in values) == list(values)
    for c, x, y in itertools.product(values, values, values):
        if x != y:
            assert pc._step(pc._step(c, x), y) != pc._step(pc._step(c, y), x)


@given(codes)
def test_a_code_reads_back_as_it_was_written(code: PaperCode) -> None:
    text = code.text
    assert len(text) == LENGTH + 3 and text.count("-") == 3
    assert pc.parse(text) == code
    assert pc.parse(text.lower().replace("-", " ")) == code  # as a person may type it


@given(codes, st.data())
def test_every_single_changed_character_is_caught(code: PaperCode, data: st.DataObject) -> None:
    compact = code.compact
    position = data.draw(st.integers(0, LENGTH - 1))
    other = data.draw(st.sampled_from([c for c in ALPHABET if c != compact[position]]))
    typed = compact[:position] + other + compact[position + 1 :]
    with pytest.raises(PaperCodeError, match="mistyped"):
        pc.parse(typed)


@given(codes, st.integers(0, LENGTH - 2))
def test_every_swap_of_two_neighbours_is_caught(code: PaperCode, position: int) -> None:
    compact = code.compact
    a, b = compact[position], compact[position + 1]
    if a == b:
        return  # nothing changes
    typed = compact[:position] + b + a + compact[position + 2 :]
    with pytest.raises(PaperCodeError, match="mistyped"):
        pc.parse(typed)


def test_every_change_of_one_code_is_caught_exhaustively() -> None:
    compact = PaperCode(key=12345678, revision=3, digest=987654).compact
    for position, char in itertools.product(range(LENGTH), ALPHABET):
        typed = compact[:position] + char + compact[position + 1 :]
        assert pc.check_passes(typed) == (typed == compact)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ABCD-EFGH", "16 characters; 8 were given"),
        ("ABCD-EFGH-JKLM-NPQ0", "character 16 of the paper code, 0, is never used"),
        ("ABCD-EFGH-JKLM-NPQ!", "character 16 of the paper code, !, is not used"),
        ("", "16 characters; 0 were given"),
    ],
)
def test_a_malformed_code_says_what_is_wrong(typed: str, expected: str) -> None:
    with pytest.raises(PaperCodeError, match=expected) as caught:
        pc.parse(typed)
    assert caught.value.code == "paper-code-mistyped"


def test_the_key_hash_tells_keys_apart() -> None:
    a = pc.key_hash("R1", "91330800MA2DXXXX1A", "P01")
    assert a == pc.key_hash("R1", "91330800MA2DXXXX1A", "P01")
    assert a != pc.key_hash("R1", "91330800MA2DXXXX1A", "P02")
    assert a != pc.key_hash("R2", "91330800MA2DXXXX1A", "P01")
    assert 0 <= a < 2**pc.KEY_BITS
