"""Errors of the award's rules. Each message names what is wrong in the user's terms."""

from __future__ import annotations


class DomainError(ValueError):
    """A rule of the award was broken (a bad percentage, an unknown tier, …)."""


class CriteriaError(DomainError):
    """A criteria-set document is malformed or inconsistent."""


class ScoreError(DomainError):
    """A percentage or a scorecard change that the scoring rules forbid."""


class ScorecardLocked(ScoreError):
    """The scorecard is final or declared in conflict and can no longer change."""
