"""Descriptive statistics of a panel's scores, exact.

All arithmetic is exact: values are brought to integers over one common denominator
(every Decimal is a fraction whose denominator divides a power of ten), and a quotient is
rounded once, to 28 significant digits. The results equal those of Fraction arithmetic,
digit for digit, at a fraction of the cost (a province has tens of thousands of panels'
worth of statistics to compute). Rounding for display is the report's business.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Context, Decimal
from fractions import Fraction
from functools import lru_cache, partial
from operator import mul
from typing import Any, NamedTuple, cast

from qz_evaluator.domain.errors import DomainError

# One rounding per quotient, to 28 significant digits, whatever the caller's context.
_CONTEXT = Context(prec=28)
# The trimmed mean drops one highest and one lowest value from this many values on.
TRIM_FROM = 5


@lru_cache(maxsize=1 << 16)  # panels repeat the same subtotals and means again and again
def quotient(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator, rounded once to 28 significant digits."""
    return _CONTEXT.divide(Decimal(numerator), Decimal(denominator))


@lru_cache(maxsize=1 << 16)  # panels with the same spread share their deviation
def _root(numerator: int, denominator: int) -> Decimal:
    """√(numerator / denominator), the quotient rounded first as `quotient` rounds it."""
    return _CONTEXT.sqrt(quotient(numerator, denominator))


def decimal_of(value: Fraction) -> Decimal:
    return quotient(value.numerator, value.denominator)


def as_decimal(value: object) -> Decimal:
    """A Decimal from an int, a decimal string, a Decimal or a JSON float (by its repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TypeError(value)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


class Stats(NamedTuple):
    """Descriptive statistics of a panel's scores; exact Decimals, not rounded for display.

    A named tuple rather than a frozen dataclass: a province makes 100,000 of them for one
    `results show`, and a frozen dataclass's `__init__` costs six times as much.
    """

    n: int
    mean: Decimal
    trimmed_mean: Decimal
    trimmed: bool
    median: Decimal
    minimum: Decimal
    maximum: Decimal
    stdev: Decimal

    @property
    def spread(self) -> Decimal:
        return self.maximum - self.minimum


# `Stats(*fields)` of a tuple of its eight fields in order, without a named tuple's
# Python-level `__new__` (a province makes 100,000 of them).
_new_stats = cast(Callable[[tuple[Any, ...]], Stats], partial(tuple.__new__, Stats))


def describe(values: Sequence[Decimal]) -> Stats:
    """Mean, trimmed mean, median, range and sample standard deviation of `values`.

    The trimmed mean drops exactly one highest and one lowest value (one instance of each
    when they are tied) once there are at least 5 values; below that it is the plain mean
    and `trimmed` is False. The standard deviation uses n − 1 and is 0 for one value.
    """
    if not values:
        raise DomainError("no scores to describe: the panel has no valid scorecards")
    for value in values:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise DomainError("a score must be a finite Decimal, got {value!r}", value=value)
    ordered = sorted(values)
    ratios = [value.as_integer_ratio() for value in ordered]
    scale = math.lcm(*(denominator for _, denominator in ratios))
    # value i = exact[i] / scale, in whole numbers
    exact = [numerator * (scale // denominator) for numerator, denominator in ratios]
    return _describe(exact, scale, ordered[0], ordered[-1])


def describe_scaled(values: Sequence[int], scale: int) -> Stats:
    """`describe` of values[i] / scale: scores kept as whole hundredths of a point, say."""
    if not values:
        raise DomainError("no scores to describe: the panel has no valid scorecards")
    ordered = sorted(values)
    return _describe(ordered, scale, quotient(ordered[0], scale), quotient(ordered[-1], scale))


def describe_panel(columns: Sequence[Sequence[int]], scale: int) -> list[Stats]:
    """`describe_scaled` of each of `columns`, which all have the same number of values.

    A panel's totals and subtotals: what depends on the count alone is worked out once
    for them all (a province describes ten columns for each of its candidates).
    """
    if not columns:
        return []
    n = len(columns[0])
    if not n or any(len(column) != n for column in columns):
        return [describe_scaled(column, scale) for column in columns]  # its own errors
    by_n, by_trimmed, by_pair = scale * n, scale * (n - 2), 2 * scale
    trimmed, middle, odd = n >= TRIM_FROM, n // 2, n % 2
    by_variance = scale * scale * n * (n - 1)
    found = []
    for column in columns:
        exact = sorted(column)
        total = sum(exact)
        mean = quotient(total, by_n)
        found.append(
            _new_stats(
                (
                    n,
                    mean,
                    quotient(total - exact[0] - exact[-1], by_trimmed) if trimmed else mean,
                    trimmed,
                    quotient(exact[middle], scale)
                    if odd
                    else quotient(exact[middle - 1] + exact[middle], by_pair),
                    quotient(exact[0], scale),
                    quotient(exact[-1], scale),
                    # as in _describe
                    _root(n * sum(map(mul, exact, exact)) - total * total, by_variance)
                    if n > 1
                    else Decimal(0),
                )
            )
        )
    return found


def _describe(exact: Sequence[int], scale: int, minimum: Decimal, maximum: Decimal) -> Stats:
    """The statistics of exact[i] / scale; `exact` is sorted."""
    n = len(exact)
    total = sum(exact)
    mean = quotient(total, scale * n)
    trimmed = n >= TRIM_FROM
    trimmed_mean = quotient(total - exact[0] - exact[-1], scale * (n - 2)) if trimmed else mean
    middle = n // 2
    if n % 2:
        median = quotient(exact[middle], scale)
    else:
        median = quotient(exact[middle - 1] + exact[middle], 2 * scale)
    if n < 2:
        stdev = Decimal(0)
    else:
        # Σ(x − mean)² / (n − 1), with x = a/scale and mean = total/(scale·n), is
        # Σ(n·a − total)² / (scale²·n²·(n − 1)) = (n·Σa² − total²) / (scale²·n·(n − 1)):
        # the same rational number, so the same quotient, with Σa² summed in C.
        squares = n * sum(map(mul, exact, exact)) - total * total
        stdev = _root(squares, scale * scale * n * (n - 1))
    return Stats(
        n=n,
        mean=mean,
        trimmed_mean=trimmed_mean,
        trimmed=trimmed,
        median=median,
        minimum=minimum,
        maximum=maximum,
        stdev=stdev,
    )


# ------------------------------------------------------------------ Student's t, 95 %

# Two-sided 95 % critical values of Student's t (the 0.975 quantile) by degrees of
# freedom, from the standard tables; no scipy for one column of numbers. Between the
# rows above 30 the value is interpolated linearly in 1/df, which is how printed tables
# are meant to be read (the error stays below 1e-4 here).
_T975 = {
    1: 12.706205,
    2: 4.302653,
    3: 3.182446,
    4: 2.776445,
    5: 2.570582,
    6: 2.446912,
    7: 2.364624,
    8: 2.306004,
    9: 2.262157,
    10: 2.228139,
    11: 2.200985,
    12: 2.178813,
    13: 2.160369,
    14: 2.144787,
    15: 2.131450,
    16: 2.119905,
    17: 2.109816,
    18: 2.100922,
    19: 2.093024,
    20: 2.085963,
    21: 2.079614,
    22: 2.073873,
    23: 2.068658,
    24: 2.063899,
    25: 2.059539,
    26: 2.055529,
    27: 2.051831,
    28: 2.048407,
    29: 2.045230,
    30: 2.042272,
    40: 2.021075,
    50: 2.008559,
    60: 2.000298,
    80: 1.990063,
    100: 1.983972,
    120: 1.979930,
}
_T975_LIMIT = 1.959964  # the normal quantile: df → ∞


def t_critical_95(df: int) -> float:
    """The two-sided 95 % critical value of Student's t with `df` degrees of freedom."""
    if df < 1:
        raise ValueError(f"a t interval needs at least one degree of freedom, got {df}")
    found = _T975.get(df)
    if found is not None:
        return found
    # The table's rows around df, the last one paired with df → ∞ (1/df = 0).
    rows = sorted(_T975)
    low = max(row for row in rows if row < df)
    high = min((row for row in rows if row > df), default=None)
    low_value = _T975[low]
    high_value = _T975_LIMIT if high is None else _T975[high]
    high_inverse = 0.0 if high is None else 1 / high
    share = (1 / low - 1 / df) / (1 / low - high_inverse)
    return low_value + share * (high_value - low_value)
