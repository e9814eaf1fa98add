"""Dialogs and words of the signing identity: the backup passphrase (typed twice, its
strength shown as it is typed), the evaluator code of a new workspace (checked against
the roster's rule as it is typed), the Identity menu's backup and restore actions, and
the window's own explanation of each identity refusal, naming the step in the window
that helps (never a command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qz_evaluator.domain.errors import UserError
from qz_evaluator.domain.roster import is_valid_code

if TYPE_CHECKING:
    from qz_evaluator.services.identity import PassphraseStrength, Readiness
    from qz_evaluator.services.session import Workspace

# The identity service (cryptography: a third of a second to import) is imported where it
# is used: the window builds the Identity menu at start-up.

# ----- what to do next ----------------------------------------------------------------


def readiness_advice(readiness: Readiness) -> str | None:
    """What to do before signing can work, or None when it can (ask before a folder)."""
    from qz_evaluator.services.identity import Readiness

    if readiness is Readiness.NO_IDENTITY:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "You have no signing identity in this workspace yet. Create it with Identity ▸"
            " Create Signing Identity…, send the request file to the secretariat, then"
            " install the certificate they send back with Identity ▸ Install Certificate….\n\n"
            "If you made a key backup on another computer, restore it with Identity ▸"
            " Restore Key Backup… instead.",
        )
    if readiness is Readiness.AWAITING_CERTIFICATE:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "Your certificate is not installed yet. Install the certificate file the"
            " secretariat sent you with Identity ▸ Install Certificate….",
        )
    if readiness is Readiness.DEMO_MISSING:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "The demo signs with a demo identity that is made when the demo is opened."
            " Open it with File ▸ Open Demo Workspace, then try again.",
        )
    return None


def demo_workspace_text() -> str:
    """Why the demo has no identity steps (it signs with its session identity)."""
    return QCoreApplication.translate(
        "IdentityDialogs",
        "The demo signs with a demo identity made for this session only, so there is"
        " nothing to create, install, back up or restore here. Do that in your own evaluator"
        " workspace (File ▸ New Evaluator Workspace…).",
    )


def advice_before_signing(workspace: Workspace) -> str | None:
    """What the evaluator must do before anything can be signed in `workspace`, or None:
    asked before a folder is chosen, so no one picks a folder for a refusal."""
    from qz_evaluator.services.identity import signing_readiness

    return readiness_advice(signing_readiness(workspace))


def identity_error_text(error: BaseException) -> str | None:
    """The window's words for an identity refusal it knows by code; None for others."""
    from qz_evaluator.services import identity
    from qz_evaluator.services.identity import Readiness

    if not isinstance(error, UserError):
        return None
    code = error.code
    if code == identity.WRONG_PASSPHRASE:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "The passphrase is wrong, or the file is not a key backup (or is damaged)."
            " Nothing was changed.",
        )
    if code == identity.BACKUP_OTHER_EVALUATOR:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "This backup holds the key of evaluator {backup}, but this workspace is {code}'s."
            " Nothing was changed. Choose your own backup, or open your own workspace.",
        ).format(backup=error.fields.get("backup", "?"), code=error.fields.get("code", "?"))
    if code == identity.OTHER_COMMITTEE:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "This key or certificate comes from a different committee than the one this"
            " workspace trusts. Nothing was changed. Choose the file made for this award's"
            " committee.",
        )
    if code == identity.IDENTITY_EXISTS:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "This computer's keychain already holds a signing key for {code}. Restore your"
            " key backup with Identity ▸ Restore Key Backup… instead of creating a second"
            " identity.",
        ).format(code=error.fields.get("code", "?"))
    if code == identity.DEMO_WORKSPACE:
        return demo_workspace_text()
    if code == identity.DEMO_IDENTITY_MISSING:
        return readiness_advice(Readiness.DEMO_MISSING)
    if code == identity.NO_CERTIFICATE:
        return readiness_advice(Readiness.NO_IDENTITY)
    return None


# ----- the passphrase -------------------------------------------------------------------


def strength_text(strength: PassphraseStrength) -> str:
    from qz_evaluator.services import identity
    from qz_evaluator.services.identity import PassphraseStrength

    if strength is PassphraseStrength.TOO_SHORT:
        return QCoreApplication.translate(
            "IdentityDialogs", "Too short: at least {count} characters"
        ).format(count=identity.MIN_PASSPHRASE_LENGTH)
    if strength is PassphraseStrength.WEAK:
        return QCoreApplication.translate(
            "IdentityDialogs",
            "Weak: easy to guess. A few unrelated words make a strong passphrase.",
        )
    if strength is PassphraseStrength.FAIR:
        return QCoreApplication.translate(
            "IdentityDialogs", "Fair: a few more characters or words would make it strong."
        )
    return QCoreApplication.translate("IdentityDialogs", "Strong")


class PassphraseDialog(QDialog):
    """Asks for a key backup's passphrase: twice, with its strength, for a new backup;
    once for a restore."""

    def __init__(self, parent: QWidget | None, *, confirm: bool, title: str, text: str) -> None:
        from qz_evaluator.services.identity import PassphraseStrength

        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setWindowTitle(title)
        self.confirm = confirm
        layout = QVBoxLayout(self)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit(self)
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("IdentityDialogs", "&Passphrase:"), self.first)
        self.second = QLineEdit(self)
        self.second.setObjectName("passphrase_again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, len(PassphraseStrength) - 1)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(8)
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("strength_label")
        self.strength_label.setWordWrap(True)
        if confirm:
            form.addRow(QCoreApplication.translate("IdentityDialogs", "&Again:"), self.second)
            form.addRow(
                QCoreApplication.translate("IdentityDialogs", "Strength:"), self.strength_bar
            )
            form.addRow("", self.strength_label)
        else:
            for widget in (self.second, self.strength_bar, self.strength_label):
                widget.hide()
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.setMinimumWidth(420)
        self._update()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        from qz_evaluator.services import identity
        from qz_evaluator.services.identity import PassphraseStrength

        first = self.first.text()
        if not self.confirm:
            self.ok_button.setEnabled(bool(first))
            return
        strength = identity.passphrase_strength(first)
        self.strength_bar.setValue(int(strength))
        # Red, amber, green: the bar says at a glance what the words below explain.
        colour = ("#c0392b", "#c0392b", "#d68910", "#1e8449")[int(strength)]
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        text = strength_text(strength)
        if strength is not PassphraseStrength.TOO_SHORT and self.second.text() != first:
            text = (
                text
                + "\n"
                + QCoreApplication.translate(
                    "IdentityDialogs", "The two passphrases are not the same yet."
                )
            )
        self.strength_label.setText(text)
        self.ok_button.setEnabled(
            strength is not PassphraseStrength.TOO_SHORT and self.second.text() == first
        )


def ask_passphrase(parent: QWidget | None, *, confirm: bool) -> str | None:
    """The passphrase for a new backup (confirm) or for a restore; None if cancelled."""
    if confirm:
        dialog = PassphraseDialog(
            parent,
            confirm=True,
            title=QCoreApplication.translate("IdentityDialogs", "Back up signing key"),
            text=QCoreApplication.translate(
                "IdentityDialogs",
                "Choose a passphrase for the backup file. Without it the backup cannot be"
                " restored, and no one can recover it for you: write it down and keep it"
                " apart from the file.",
            ),
        )
    else:
        dialog = PassphraseDialog(
            parent,
            confirm=False,
            title=QCoreApplication.translate("IdentityDialogs", "Restore key backup"),
            text=QCoreApplication.translate(
                "IdentityDialogs", "The passphrase you chose when you made this backup:"
            ),
        )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()
    finally:
        dialog.deleteLater()


# ----- the evaluator code of a new workspace ---------------------------------------------


class EvaluatorCodeDialog(QDialog):
    """Asks for the evaluator code, accepting only what the roster's rule allows."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluator_code_dialog")
        self.setWindowTitle(
            QCoreApplication.translate("IdentityDialogs", "New evaluator workspace")
        )
        layout = QVBoxLayout(self)
        label = QLabel(
            QCoreApplication.translate(
                "IdentityDialogs", "Your evaluator code, as on the roster (e.g. P01 or M12):"
            ),
            self,
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("evaluator_code")
        self.code_edit.setMaxLength(32)
        label.setBuddy(self.code_edit)
        layout.addWidget(self.code_edit)
        self.hint = QLabel(self)
        self.hint.setObjectName("code_hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.code_edit.textChanged.connect(self._update)
        self.setMinimumWidth(380)
        self._update()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def code(self) -> str:
        return self.code_edit.text().strip().upper()

    def _update(self) -> None:
        code = self.code()
        valid = is_valid_code(code)
        self.ok_button.setEnabled(valid)
        if code and not valid:
            self.hint.setText(
                QCoreApplication.translate(
                    "IdentityDialogs",
                    "An evaluator code has only the letters A–Z, digits, '-' or '_' (for"
                    " example P01), as printed on the roster; it is not your name.",
                )
            )
        else:
            self.hint.setText("")


def ask_evaluator_code(parent: QWidget | None) -> str | None:
    dialog = EvaluatorCodeDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.code()
    finally:
        dialog.deleteLater()
