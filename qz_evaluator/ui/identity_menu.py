"""Identity ▸ Back Up Signing Key… and Restore Key Backup…: two menu entries of the
evaluator's window, apart from the identity dialogs so that the window's first paint
does not load those (the dialogs come with the first use)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget


class IdentityActions(QObject):
    """The two actions, added to the menu after the form's own; the window calls
    `retranslate()` when its language changes."""

    def __init__(
        self,
        window: QWidget,
        menu: QMenu,
        backup: Callable[[], object],
        restore: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.backup = QAction(window)
        self.backup.setObjectName("action_backup_key")
        self.restore = QAction(window)
        self.restore.setObjectName("action_restore_key")
        self.backup.triggered.connect(backup)
        self.restore.triggered.connect(restore)
        menu.addSeparator()
        menu.addAction(self.backup)
        menu.addAction(self.restore)
        self.retranslate()

    def retranslate(self) -> None:
        self.backup.setText(QCoreApplication.translate("IdentityDialogs", "&Back Up Signing Key…"))
        self.backup.setStatusTip(
            QCoreApplication.translate(
                "IdentityDialogs",
                "Save your signing key and certificate in a passphrase-protected file",
            )
        )
        self.restore.setText(QCoreApplication.translate("IdentityDialogs", "&Restore Key Backup…"))
        self.restore.setStatusTip(
            QCoreApplication.translate(
                "IdentityDialogs",
                "Put your signing key from a backup file into this computer's keychain",
            )
        )
