"""The one root of every error a person can act on, and the award's rule errors.

A `UserError` carries a stable `code` (for --json, logs and tests) and its message as an
English template with named fields, so that the window can translate the template and
fill in the fields, and the CLI can print it as it is. Anything that is not a
`UserError` is a bug: the window's crash handler and the CLI's traceback deal with it.
"""

from __future__ import annotations

from typing import ClassVar


class UserError(Exception):
    """A problem the person can act on; the message says what and where.

    `UserError("{evaluator} is not on the panel of {candidate}", evaluator="P01", …)`:
    the template's fields are keyword arguments; `str(error)` is the filled-in English
    text, and `template` with `fields` lets a front end translate it. `code` is the
    class's `default_code` unless `error_code=` names a more precise one.

    The template says what is wrong in words both front ends can use; what to do next,
    where that differs, goes in `cli_hint` (a command, printed by the CLI only) and
    `window_hint` (a step in the window, translated like the template, shown by the
    window only). Templates never name a command the window cannot run.
    """

    default_code: ClassVar[str] = "error"

    def __init__(
        self,
        template: str,
        /,
        *,
        error_code: str | None = None,
        cli_hint: str = "",
        window_hint: str = "",
        **fields: object,
    ) -> None:
        self.template = template
        self.fields = fields
        self.code = error_code or self.default_code
        self.cli_hint = cli_hint
        self.window_hint = window_hint
        super().__init__(template.format(**fields) if fields else template)

    @property
    def message(self) -> str:
        return str(self)


class Phrase:
    """A piece of a message with a template of its own, used as a field of a UserError
    (e.g. where an import stopped: "{path}, line {line}"). `str()` is the English text;
    the window translates the template (context "UserError") like the error's own, and
    scripts/build_translations.py collects it."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        self.fields = fields

    def __str__(self) -> str:
        return self.template.format(**self.fields) if self.fields else self.template

    def __repr__(self) -> str:
        return f"Phrase({str(self)!r})"


class DomainError(UserError, ValueError):
    """A rule of the award was broken (a bad percentage, an unknown tier, …)."""

    default_code = "rule"


class CriteriaError(DomainError):
    """A criteria-set document is malformed or inconsistent."""

    default_code = "criteria"


class ScoreError(DomainError):
    """A percentage or a scorecard change that the scoring rules forbid."""

    default_code = "score"


class ScorecardLocked(ScoreError):
    """The scorecard is final or declared in conflict and can no longer change."""

    default_code = "scorecard-locked"
