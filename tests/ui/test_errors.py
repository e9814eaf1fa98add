"""The window's one error mapping: UserError by class and code, its template translated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from qz_evaluator.services.errors import (
    DiskFull,
    KeychainUnavailable,
    NotFound,
    ScorecardLocked,
    ServiceError,
    UserError,
    WorkspaceBusy,
)
from qz_evaluator.ui.errors import EXPECTED_ERRORS, Severity, explain, message

TEMPLATE = "evaluator {evaluator} is not on the panel of {candidate}"


class _Translator(QTranslator):
    """One translated template, the way a .qm would give it."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == "UserError" and source == TEMPLATE:
            return "评审员 {evaluator} 不在 {candidate} 的评审组中"
        return ""


@pytest.fixture
def translated(app: QApplication) -> Iterator[None]:
    translator = _Translator()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_translated_template_is_filled_with_the_fields(translated: None) -> None:
    error = ServiceError(TEMPLATE, evaluator="P01", candidate="衢州某公司")
    assert message(error) == "评审员 P01 不在 衢州某公司 的评审组中"
    assert "评审员 P01" in explain(error).text


def test_an_untranslated_template_stays_english(translated: None) -> None:
    error = ServiceError("{path}: no such workspace file", path="a.qzw")
    assert message(error) == "a.qzw: no such workspace file" == str(error)


@pytest.mark.parametrize(
    ("error", "severity", "code"),
    [
        (WorkspaceBusy("busy"), Severity.WARNING, "workspace-busy"),
        (DiskFull("full"), Severity.CRITICAL, "disk-full"),
        (KeychainUnavailable("none"), Severity.CRITICAL, "no-keychain"),
        (ScorecardLocked("locked"), Severity.INFORMATION, "scorecard-locked"),
        (NotFound("gone"), Severity.CRITICAL, "not-found"),
        (ServiceError("cannot"), Severity.WARNING, "cannot"),
    ],
)
def test_each_kind_of_problem_has_its_severity(
    app: QApplication, error: UserError, severity: Severity, code: str
) -> None:
    assert error.code == code
    assert isinstance(error, EXPECTED_ERRORS)
    explanation = explain(error)
    assert explanation.severity is severity
    # The error's own text, in the interface language (a keychain's advice is translated).
    assert explanation.title and message(error) in explanation.text


def test_bugs_are_not_expected() -> None:
    assert not isinstance(RuntimeError("bug"), EXPECTED_ERRORS)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("not-on-panel", "Not on this panel"),
        ("conflict-of-interest", "Conflict of interest"),
        ("withdrawn", "Candidate withdrawn"),
    ],
)
def test_the_eligibility_refusals_are_titled_by_their_code(
    app: QApplication, code: str, title: str
) -> None:
    error = ServiceError("P01 may not score {candidate}", error_code=code, candidate="某公司")
    explanation = explain(error)
    translated = QCoreApplication.translate("Errors", title)  # in the language shown
    assert (explanation.severity, explanation.title) == (Severity.WARNING, translated)
    assert explanation.text == "P01 may not score 某公司"
