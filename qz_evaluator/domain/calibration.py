"""Evaluator calibration: leniency and panel reliability (ICC, Kendall's W).

Diagnostic only: nothing here changes an official score, so plain floats are fine.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qz_evaluator.domain.consensus import PanelScorecard
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.statistics import t_critical_95
from qz_evaluator.domain.text import Bilingual

# A spread of deviations below this (in points) counts as no spread at all.
_NO_SPREAD = 1e-9

# ------------------------------------------------------------------------------- leniency


@dataclass(frozen=True, slots=True)
class Leniency:
    """How far an evaluator's totals sit above (+) or below (−) their panels' means.

    `z` places the evaluator's mean deviation among all evaluators' mean deviations.
    `margin` is the half width of a 95 % t interval around `mean_deviation`:
    t(0.975, panels − 1) · sd / √panels, with `deviation_sd` the sample standard deviation
    (n − 1) of the evaluator's deviations; both are None below 2 panels. The interval is
    a guide: an evaluator's own total is part of each panel mean it is measured from.
    """

    evaluator_code: str
    panels: int
    mean_deviation: float
    z: float
    deviation_sd: float | None = None
    margin: float | None = None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95 % interval (low, high) of the mean deviation; None below 2 panels."""
        if self.margin is None:
            return None
        return self.mean_deviation - self.margin, self.mean_deviation + self.margin


def leniency(panels: Mapping[str, Mapping[str, float]]) -> dict[str, Leniency]:
    """Leniency per evaluator from {candidate key → {evaluator code → total}}.

    An evaluator's deviation on a panel is their total minus that panel's mean total;
    `mean_deviation` averages it over the panels they scored. A panel with a single
    evaluator says nothing about leniency and is skipped (an evaluator seen only on such
    panels is listed with 0 panels, deviation 0 and z 0). The z-score is taken against the
    mean and population standard deviation of the mean deviations of the evaluators with
    at least one panel; it is 0 when fewer than 2 such evaluators or when they do not
    differ. Evaluators with 2 panels or more get a 95 % interval (see `Leniency`).
    """
    deviations: dict[str, list[float]] = {}
    for totals in panels.values():
        for code in totals:
            deviations.setdefault(code, [])
        if len(totals) < 2:
            continue
        values = [float(total) for total in totals.values()]
        if not all(math.isfinite(value) for value in values):
            raise ValueError("leniency needs finite totals")
        panel_mean = math.fsum(values) / len(values)
        for code, value in zip(totals, values, strict=True):
            deviations[code].append(value - panel_mean)
    means = {code: math.fsum(d) / len(d) for code, d in deviations.items() if d}
    centre = statistics.fmean(means.values()) if means else 0.0
    spread = statistics.pstdev(means.values()) if len(means) >= 2 else 0.0
    result: dict[str, Leniency] = {}
    for code, found in deviations.items():
        mean_deviation = means.get(code, 0.0)
        z = (mean_deviation - centre) / spread if found and spread > _NO_SPREAD else 0.0
        sd = margin = None
        if len(found) >= 2:
            sd = statistics.stdev(found)
            margin = t_critical_95(len(found) - 1) * sd / math.sqrt(len(found))
        result[code] = Leniency(
            evaluator_code=code,
            panels=len(found),
            mean_deviation=mean_deviation,
            z=z,
            deviation_sd=sd,
            margin=margin,
        )
    return result


# ---------------------------------------------------------------------------- reliability


def _check_matrix(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    rows = [[float(value) for value in row] for row in matrix]
    if len(rows) < 2:
        raise ValueError(f"agreement needs at least 2 rated subjects (rows), got {len(rows)}")
    width = len(rows[0])
    if width < 2:
        raise ValueError(f"agreement needs at least 2 raters (columns), got {width}")
    if any(len(row) != width for row in rows):
        raise ValueError("agreement needs a complete matrix: every subject rated by every rater")
    if not all(math.isfinite(value) for row in rows for value in row):
        raise ValueError("agreement needs finite ratings")
    return rows


def icc_2k(matrix: Sequence[Sequence[float]]) -> float:
    """ICC(2,k): two-way random effects, absolute agreement, mean of k raters.

    Shrout & Fleiss (1979) ICC(2,k), McGraw & Wong (1996) ICC(A,k):
    (MSR − MSE) / (MSR + (MSC − MSE) / n), rows = n subjects, columns = k raters.

    Degenerate data make the formula 0/0 or flip its sign, so: identical ratings
    everywhere return 1.0 (perfect agreement); otherwise a denominator ≤ 0 (no variation
    between subjects to agree on) returns 0.0. The value may be negative (poor agreement).
    """
    rows = _check_matrix(matrix)
    n, k = len(rows), len(rows[0])
    first = rows[0][0]
    if all(value == first for row in rows for value in row):
        return 1.0
    grand = math.fsum(value for row in rows for value in row) / (n * k)
    row_means = [math.fsum(row) / k for row in rows]
    col_means = [math.fsum(row[j] for row in rows) / n for j in range(k)]
    ss_total = math.fsum((value - grand) ** 2 for row in rows for value in row)
    ss_rows = k * math.fsum((m - grand) ** 2 for m in row_means)
    ss_cols = n * math.fsum((m - grand) ** 2 for m in col_means)
    ss_error = max(ss_total - ss_rows - ss_cols, 0.0)
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = ss_error / ((n - 1) * (k - 1))
    denominator = msr + (msc - mse) / n
    if denominator <= 1e-12 * max(msr, msc, mse):
        return 0.0
    return (msr - mse) / denominator


def _average_ranks(values: Sequence[float]) -> tuple[list[float], float]:
    """Ranks 1..n with ties sharing their average rank, and the tie term Σ(t³ − t)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = 0.0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        average = (start + end) / 2 + 1
        for position in range(start, end + 1):
            ranks[order[position]] = average
        t = end - start + 1
        ties += t**3 - t
        start = end + 1
    return ranks, ties


def kendalls_w(matrix: Sequence[Sequence[float]]) -> float:
    """Kendall's coefficient of concordance W with the correction for ties.

    Rows = n subjects, columns = m raters; each rater's column is ranked (tied values share
    their average rank). W = 12·S / (m²(n³ − n) − m·ΣT), S = Σ(Rᵢ − R̄)², T = Σ(t³ − t)
    per rater. When every rater ties all subjects the denominator is 0; the raters then
    rank identically (all tied) and W is 1.0.
    """
    rows = _check_matrix(matrix)
    n, m = len(rows), len(rows[0])
    rank_sums = [0.0] * n
    tie_total = 0.0
    for j in range(m):
        ranks, ties = _average_ranks([row[j] for row in rows])
        tie_total += ties
        for i, rank in enumerate(ranks):
            rank_sums[i] += rank
    mean_rank_sum = m * (n + 1) / 2
    s = math.fsum((r - mean_rank_sum) ** 2 for r in rank_sums)
    denominator = m * m * (n**3 - n) - m * tie_total
    if denominator <= 0:
        return 1.0
    return 12 * s / denominator


# ---------------------------------------------------------------------- interpretations

# Koo & Li (2016), "A guideline of selecting and reporting intraclass correlation
# coefficients for reliability research": < 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good,
# > 0.9 excellent. A conventional guide, not a rule of the award.
ICC_POOR = Bilingual("差", "poor")
ICC_MODERATE = Bilingual("中等", "moderate")
ICC_GOOD = Bilingual("良好", "good")
ICC_EXCELLENT = Bilingual("优秀", "excellent")

# Commonly used guide for Kendall's W (conventional, not a published standard of the
# award): < 0.3 weak, < 0.5 moderate, < 0.7 strong, ≥ 0.7 very strong.
W_WEAK = Bilingual("弱", "weak")
W_MODERATE = Bilingual("中等", "moderate")
W_STRONG = Bilingual("较强", "strong")
W_VERY_STRONG = Bilingual("很强", "very strong")


def interpret_icc(value: float) -> Bilingual:
    if math.isnan(value):
        raise ValueError("an ICC of NaN cannot be interpreted")
    if value < 0.5:
        return ICC_POOR
    if value < 0.75:
        return ICC_MODERATE
    if value <= 0.9:
        return ICC_GOOD
    return ICC_EXCELLENT


def interpret_w(value: float) -> Bilingual:
    if math.isnan(value):
        raise ValueError("a Kendall's W of NaN cannot be interpreted")
    if value < 0.3:
        return W_WEAK
    if value < 0.5:
        return W_MODERATE
    if value < 0.7:
        return W_STRONG
    return W_VERY_STRONG


# ------------------------------------------------------------------------ panel agreement


@dataclass(frozen=True, slots=True)
class PanelAgreement:
    icc: float
    kendall_w: float
    icc_label: Bilingual
    w_label: Bilingual
    raters: int
    items: int


def panel_agreement(
    cards: Sequence[PanelScorecard], criteria: CriteriaSet
) -> PanelAgreement | None:
    """ICC(2,k) and Kendall's W of a panel over the items of one candidate.

    Rows are the criteria's items, columns the evaluators, values the percentages (the
    evaluators' judgements on one 0–100 scale, so an item's weight in points does not
    dominate). Only items scored on every card enter the matrix. None when fewer than 2
    evaluators or fewer than 2 commonly scored items.
    """
    if len(cards) < 2:
        return None
    matrix: list[list[float]] = []
    for item in criteria.items:
        row = [card.percentages.get(item.code) for card in cards]
        if all(value is not None for value in row):
            matrix.append([float(value) for value in row if value is not None])
    if len(matrix) < 2:
        return None
    icc = icc_2k(matrix)
    w = kendalls_w(matrix)
    return PanelAgreement(
        icc=icc,
        kendall_w=w,
        icc_label=interpret_icc(icc),
        w_label=interpret_w(w),
        raters=len(cards),
        items=len(matrix),
    )
