"""Unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-symbol alphabet (no I, O, S, V, Z); the last one is a
check character computed from the first seventeen with fixed weights.
"""

from __future__ import annotations

import operator

from qz_evaluator.domain.errors import DomainError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
LENGTH = 18


class CreditCodeError(DomainError):
    """A credit code that is not a valid GB 32100 code; the message says why."""

    default_code = "bad-credit-code"


def check_character(first17: str) -> str:
    """The check character for the first seventeen characters of a code."""
    if len(first17) != LENGTH - 1:
        raise CreditCodeError(
            "need 17 characters to compute a check character, got {len}", len=len(first17)
        )
    try:
        total = sum(map(operator.mul, map(_VALUES.__getitem__, first17), WEIGHTS))
    except KeyError:
        pass
    else:
        return ALPHABET[(31 - total % 31) % 31]
    # A character outside the alphabet: find it, to name it and its position.
    position, char = next((i, c) for i, c in enumerate(first17, start=1) if c not in _VALUES)
    raise CreditCodeError(
        "character {char!r} at position {position} is not allowed",
        char=char,
        position=position,
    )


def normalise(code: str) -> str:
    """Trim blanks and upper-case, the way people type codes from paper forms."""
    return code.strip().upper()


def validate(code: str) -> str:
    """Return the normalised code, or raise CreditCodeError naming the fault."""
    code = normalise(code)
    if len(code) != LENGTH:
        raise CreditCodeError(
            "credit code {code!r} has {len} characters, expected 18", code=code, len=len(code)
        )
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise CreditCodeError(
            "credit code {code!r} fails the GB 32100 check: last character should be {expected!r}",
            code=code,
            expected=expected,
        )
    return code


def is_valid(code: str) -> bool:
    try:
        validate(code)
    except CreditCodeError:
        return False
    return True
