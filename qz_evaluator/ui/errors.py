"""The window's one error mapping: expected problems as dialogs that say what happened
and what to do.

Every problem a person can act on is a `UserError` (or an `OSError` from a file they
chose). Environment problems (a locked workspace, a full disk, no keychain) are told
apart from mistakes (a bad file, a rule of the award) by the error's class and stable
`code`; bugs never get here: those go to the crash handler (`ui.crash`), which logs
them and says so.

The error's own text is its English template, translated through
`QCoreApplication.translate("UserError", template)` and filled with its fields, then
its `window_hint` (the step to take in the window) likewise. scripts/build_translations.py
collects every template and hint of the code base into the .ts, and a test checks that
each has its Chinese.
"""

from __future__ import annotations

import logging
import sys
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from qz_evaluator.domain.eligibility import Ineligible
from qz_evaluator.domain.text import Bilingual
from qz_evaluator.services.errors import (
    ChangedElsewhere,
    DiskFull,
    DomainError,
    KeychainUnavailable,
    KeyNotFound,
    Phrase,
    ScorecardLocked,
    StoreError,
    TrustError,
    UserError,
    WorkspaceBusy,
)
from qz_evaluator.ui.i18n import short_code

log = logging.getLogger(__name__)

# What the window catches and explains; anything else is a bug.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (UserError, OSError)


class Severity(Enum):
    CRITICAL = "critical"
    WARNING = "warning"
    INFORMATION = "information"


class Explanation(NamedTuple):
    severity: Severity
    title: str
    text: str


def message(error: BaseException) -> str:
    """The error's own text in the interface language (English where not translated)."""
    if not isinstance(error, UserError):
        return str(error)
    # A field that is itself a UserError (the reason a package was refused) is shown in
    # the interface language too.
    fields = _shown_fields(error.fields)
    text = _filled(error.template, fields) or str(error)
    if error.window_hint:  # what to do next, as a step in the window
        text = f"{text}\n\n{_filled(error.window_hint, fields) or error.window_hint}"
    return text


def phrase_text(value: object) -> str:
    """A piece of a message (a Phrase, an error, a state, text) in the interface language."""
    return str(_shown_fields({"value": value})["value"])


def _shown_fields(fields: dict[str, object]) -> dict[str, object]:
    """Fields as the window shows them: a Phrase or a UserError among them translated."""
    shown: dict[str, object] = {}
    for name, value in fields.items():
        if isinstance(value, UserError):
            value = message(value)
        elif isinstance(value, Phrase):
            value = _filled(value.template, _shown_fields(value.fields)) or str(value)
        elif isinstance(label := getattr(value, "label", None), Bilingual):
            # A state or a tier: its word in the interface language (one word per state).
            value = label.get(short_code(QLocale().name()))
        shown[name] = value
    return shown


def _filled(template: str, fields: dict[str, object]) -> str | None:
    """`template` translated (context "UserError") and filled; None if they do not fit."""
    # An empty translation counts as none: the English template is better than nothing.
    translated = QCoreApplication.translate("UserError", template) or template
    try:
        return translated.format(**fields) if fields else translated
    except (KeyError, IndexError, ValueError):  # a translation that names other fields
        log.warning("translation of %r does not fit its fields", template)
        return None


def _title_for_code(code: str) -> str | None:
    """Titles of the refusals of the eligibility rule, by their stable code."""
    if code == Ineligible.NOT_ON_PANEL:
        return QCoreApplication.translate("Errors", "Not on this panel")
    if code == Ineligible.CONFLICT_OF_INTEREST:
        return QCoreApplication.translate("Errors", "Conflict of interest")
    if code == Ineligible.WITHDRAWN:
        return QCoreApplication.translate("Errors", "Candidate withdrawn")
    return None


def _identity_text(error: UserError) -> str | None:
    """The signing identity's refusals in the window's words (a step in the window)."""
    # Only the identity service raises them: not loaded yet, not one of them (and the
    # window does not import it, with cryptography, for every error).
    if "qz_evaluator.services.identity" not in sys.modules:
        return None
    from qz_evaluator.ui.identity_dialogs import identity_error_text

    return identity_error_text(error)


def explain(error: BaseException) -> Explanation:
    """Title and text for a person, in the interface language."""
    detail = message(error)
    by_code = _title_for_code(error.code) if isinstance(error, UserError) else None
    if by_code is not None:
        return Explanation(Severity.WARNING, by_code, detail)
    identity_text = _identity_text(error) if isinstance(error, UserError) else None
    if identity_text is not None:
        return Explanation(
            Severity.WARNING,
            QCoreApplication.translate("Errors", "Signing identity"),
            identity_text,
        )
    if isinstance(error, WorkspaceBusy):
        return Explanation(
            Severity.WARNING,
            QCoreApplication.translate("Errors", "The workspace is busy"),
            QCoreApplication.translate(
                "Errors",
                "Another program (or another qz-evaluator window) is writing to this"
                " workspace, so the last change was not saved. Close the other program and"
                " try again; everything shown as saved is safe.\n\n{detail}",
            ).format(detail=detail),
        )
    if isinstance(error, DiskFull):
        return Explanation(
            Severity.CRITICAL,
            QCoreApplication.translate("Errors", "The disk is full"),
            QCoreApplication.translate(
                "Errors",
                "The last change could not be saved because the disk is full. Free some"
                " space (empty the recycle bin, move large files to a USB stick), then"
                " make the change again. Everything shown as saved is safe.\n\n{detail}",
            ).format(detail=detail),
        )
    if isinstance(error, KeychainUnavailable):
        return Explanation(
            Severity.CRITICAL,
            QCoreApplication.translate("Errors", "No keychain available"),
            QCoreApplication.translate(
                "Errors",
                "Your signing key is kept only in the system keychain, and none is available"
                " on this computer. Nothing was signed.\n\n{detail}",
            ).format(detail=detail),
        )
    if isinstance(error, KeyNotFound):
        return Explanation(
            Severity.WARNING,
            QCoreApplication.translate("Errors", "Signing key not found"),
            QCoreApplication.translate(
                "Errors",
                "This computer's keychain holds no signing key for you. Create your"
                " identity (Identity ▸ Create Signing Identity…) or restore your key backup"
                " (Identity ▸ Restore Key Backup…), then try again.\n\n{detail}",
            ).format(detail=detail),
        )
    if isinstance(error, ChangedElsewhere):
        return Explanation(
            Severity.INFORMATION,
            QCoreApplication.translate("Errors", "Changed in another window"),
            detail,
        )
    if isinstance(error, ScorecardLocked):
        return Explanation(
            Severity.INFORMATION,
            QCoreApplication.translate("Errors", "The scorecard is locked"),
            QCoreApplication.translate(
                "Errors",
                "This scorecard is final or in conflict and can no longer be changed.\n\n{detail}",
            ).format(detail=detail),
        )
    if isinstance(error, DomainError):
        return Explanation(
            Severity.WARNING, QCoreApplication.translate("Errors", "Not allowed"), detail
        )
    if isinstance(error, TrustError):
        return Explanation(
            Severity.WARNING, QCoreApplication.translate("Errors", "Signing problem"), detail
        )
    if isinstance(error, StoreError):
        return Explanation(
            Severity.CRITICAL, QCoreApplication.translate("Errors", "Workspace problem"), detail
        )
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return Explanation(
            Severity.WARNING,
            QCoreApplication.translate("Errors", "File problem"),
            f"{where}{error.strerror or detail}",
        )
    return Explanation(
        Severity.WARNING, QCoreApplication.translate("Errors", "Cannot do that"), detail
    )


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """Tell the person about an expected problem (never a traceback)."""
    from PySide6.QtWidgets import QMessageBox  # its type is built when first shown

    explanation = explain(error)
    log.info("%s: %s", explanation.title, error)
    show = {
        Severity.CRITICAL: QMessageBox.critical,
        Severity.WARNING: QMessageBox.warning,
        Severity.INFORMATION: QMessageBox.information,
    }[explanation.severity]
    show(parent, title or explanation.title, explanation.text)


def report_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """An expected problem as a dialog; anything else (a bug) to the crash handler."""
    if isinstance(error, EXPECTED_ERRORS):
        show_error(parent, error, title)
    else:
        sys.excepthook(type(error), error, error.__traceback__)
