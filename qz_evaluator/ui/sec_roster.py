"""The secretariat's roster and keys: the evaluators with the state of their signing
certificates; receive a request (dropped on the page or chosen), issue the certificate,
revoke one with a reason; back up and restore the committee's keys.

Keys and files go through the task runner, each task on its own workspace connection
(SQLite connections belong to their thread); the list itself is read on the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from qz_evaluator.domain.roster import Level
from qz_evaluator.services.session import Role, Session, open_session
from qz_evaluator.ui.errors import EXPECTED_ERRORS, show_error
from qz_evaluator.ui.generated.ui_sec_roster import Ui_SecRosterView
from qz_evaluator.ui.identity_dialogs import PassphraseDialog
from qz_evaluator.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.identity import (
        CertificateState,
        CommitteeRestore,
        Revocation,
        RosterCertificate,
    )

KEYS_DIR_KEY = "secretariat/keys_dir"
CODE_COLUMN, STATE_COLUMN = 0, 4


def _last_dir() -> str:
    value = QSettings().value(KEYS_DIR_KEY, "")
    if isinstance(value, str) and value:
        return value
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _remember_dir(path: Path) -> None:
    QSettings().setValue(KEYS_DIR_KEY, str(path.parent))


def state_text(state: CertificateState) -> str:
    from qz_evaluator.services.identity import CertificateState

    return {
        CertificateState.NO_REQUEST: QCoreApplication.translate("SecRosterView", "No request"),
        CertificateState.REQUEST_RECEIVED: QCoreApplication.translate(
            "SecRosterView", "Request received"
        ),
        CertificateState.ISSUED: QCoreApplication.translate("SecRosterView", "Issued"),
        CertificateState.REVOKED: QCoreApplication.translate("SecRosterView", "Revoked"),
    }[state]


def level_text(level: Level) -> str:
    if level is Level.PROVINCIAL:
        return QCoreApplication.translate("SecRosterView", "Provincial")
    return QCoreApplication.translate("SecRosterView", "Municipal")


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four: enough to compare by eye on the phone."""
    head = fingerprint[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4)) + " …"


class SecRosterView(QWidget):
    """Roster and keys (评审员与密钥)."""

    changed = Signal()  # after it wrote to the workspace (or the keychain)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session: Session | None = None
        self.rows: list[RosterCertificate] = []
        self.ui = Ui_SecRosterView()
        self.ui.setupUi(self)
        table = self.ui.roster_table
        table.horizontalHeader().setMinimumSectionSize(60)
        table.horizontalHeader().setStretchLastSection(False)  # the organisation stretches
        table.itemSelectionChanged.connect(self._update_buttons)
        table.itemDoubleClicked.connect(lambda _item: self._act_on_selected())
        self.ui.receive_button.clicked.connect(self.choose_request)
        self.ui.issue_button.clicked.connect(self.issue_selected)
        self.ui.revoke_button.clicked.connect(self.revoke_selected)
        self.ui.create_root_button.clicked.connect(self.create_root)
        self.ui.backup_button.clicked.connect(self.backup_keys)
        self.ui.restore_button.clicked.connect(self.restore_keys)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Roster and Keys")

    # ----- the session and the list -------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        from qz_evaluator.services.identity import roster_certificates

        selected = self.selected_code()
        session = self.session
        if session is None or session.role is not Role.SECRETARIAT:
            self.rows = []
        else:
            self.rows = roster_certificates(session.workspace)
        self._fill()
        if selected is not None:
            self.select_code(selected)
        self._update_buttons()

    def _fill(self) -> None:
        from qz_evaluator.services.identity import CertificateState

        table = self.ui.roster_table
        table.setRowCount(len(self.rows))
        colours = {
            CertificateState.NO_REQUEST: QColor("#7f8c8d"),
            CertificateState.REQUEST_RECEIVED: QColor("#b9770e"),
            CertificateState.ISSUED: QColor("#1e8449"),
            CertificateState.REVOKED: QColor("#c0392b"),
        }
        for index, row in enumerate(self.rows):
            expires = row.expires_at.astimezone().strftime("%Y-%m-%d") if row.expires_at else ""
            fingerprint = short_fingerprint(row.fingerprint) if row.fingerprint else ""
            cells = [
                row.code,
                row.name,
                level_text(row.level),
                row.organisation,
                state_text(row.state),
                fingerprint,
                expires,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == STATE_COLUMN:
                    item.setForeground(QBrush(colours[row.state]))
                    item.setToolTip(self._state_detail(row))
                elif column == 5 and row.fingerprint:
                    item.setToolTip(row.fingerprint)
                table.setItem(index, column, item)
        table.resizeColumnsToContents()
        # The organisation takes what is left: the page is read at a glance, not scrolled.
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _state_detail(self, row: RosterCertificate) -> str:
        revocation: Revocation | None = row.revocation
        if revocation is not None:
            return self.tr("Revoked from {time} by {actor}: {reason}").format(
                time=revocation.revoked_at, actor=revocation.actor, reason=revocation.reason
            )
        return state_text(row.state)

    def selected_code(self) -> str | None:
        row = self._selected()
        return row.code if row is not None else None

    def _selected(self) -> RosterCertificate | None:
        indexes = self.ui.roster_table.selectionModel().selectedRows()
        if not indexes or indexes[0].row() >= len(self.rows):
            return None
        return self.rows[indexes[0].row()]

    def select_code(self, code: str) -> None:
        for index, row in enumerate(self.rows):
            if row.code == code:
                self.ui.roster_table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        from qz_evaluator.services.identity import CertificateState

        row = self._selected()
        open_ = bool(self.rows)
        self.ui.receive_button.setEnabled(open_)
        from qz_evaluator.services.identity import has_committee_root

        has_root = self.session is not None and has_committee_root(self.session.workspace)
        self.ui.create_root_button.setEnabled(open_ and not has_root)
        self.ui.backup_button.setEnabled(open_ and has_root)
        self.ui.restore_button.setEnabled(open_)
        self.ui.issue_button.setEnabled(
            row is not None and row.state is CertificateState.REQUEST_RECEIVED
        )
        self.ui.revoke_button.setEnabled(row is not None and row.state is CertificateState.ISSUED)
        self.ui.detail_label.setText(self._detail(row) if row is not None else "")

    def _detail(self, row: RosterCertificate) -> str:
        text = f"{row.code} {row.name} · {state_text(row.state)}"
        if row.fingerprint:
            text += " · " + self.tr("fingerprint {fingerprint}").format(fingerprint=row.fingerprint)
        if row.revocation is not None:
            text += "\n" + self._state_detail(row)
        return text

    def _act_on_selected(self) -> None:
        if self.ui.issue_button.isEnabled():
            self.issue_selected()

    # ----- requests and certificates ------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if self.rows and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        for path in paths:
            if not self.receive_request(path):
                break

    def choose_request(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Receive certificate request"),
            _last_dir(),
            self.tr("Certificate requests (*.csr.pem *.pem *.csr);;All files (*)"),
        )
        if chosen:
            self.receive_request(Path(chosen))

    def receive_request(self, path: Path) -> bool:
        """Keep the request in the workspace and select its evaluator; False if refused."""
        session = self.session
        if session is None or self.runner.waiting:
            return False
        workspace_path = session.path

        def receive(progress: Progress) -> str:
            from qz_evaluator.services import identity

            data = path.read_bytes()  # an OSError is shown as what it is
            with open_session(workspace_path) as own:
                return identity.receive_request(own.workspace, data)

        try:
            code = self.runner.call(
                receive, parent=self, label=self.tr("Reading the certificate request…")
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Request not received"))
            return False
        _remember_dir(path)
        self.refresh()
        self.select_code(code)
        self.changed.emit()
        return True

    def issue_selected(self) -> bool:
        """Issue the certificate from the selected evaluator's request and save the file
        to send back (certificate and committee root)."""
        row = self._selected()
        session = self.session
        if row is None or session is None or self.runner.waiting:
            return False
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the certificate for {code}").format(code=row.code),
            str(Path(_last_dir()) / f"{row.code}.crt.pem"),
            self.tr("Certificates (*.crt.pem *.pem)"),
        )
        if not chosen:
            return False
        out, workspace_path, code = Path(chosen), session.path, row.code

        def issue(progress: Progress) -> str:
            from qz_evaluator.services import identity
            from qz_evaluator.services.scorecard_files import write_atomically

            with open_session(workspace_path) as own:
                bundle, _code, fingerprint = identity.issue_received(own.workspace, code)
            write_atomically(out, bundle)
            return fingerprint

        try:
            fingerprint = self.runner.call(
                issue, parent=self, label=self.tr("Issuing the certificate…")
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Certificate not issued"))
            return False
        _remember_dir(out)
        self.refresh()
        self.changed.emit()
        QMessageBox.information(
            self,
            self.tr("Certificate issued"),
            self.tr(
                "The certificate for {code} is saved as {path}. Send it to the evaluator;"
                " they compare its fingerprint {fingerprint} when they install it."
            ).format(code=code, path=out, fingerprint=short_fingerprint(fingerprint)),
        )
        return True

    def revoke_selected(self) -> bool:
        """Revoke the selected evaluator's certificate from now, with a reason."""
        row = self._selected()
        session = self.session
        if row is None or session is None or self.runner.waiting:
            return False
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Revoke certificate"),
            self.tr(
                "Why is the certificate of {code} {name} revoked (for example, a lost laptop)?"
                " From now on, scorecards signed with it are refused; those signed before"
                " still count."
            ).format(code=row.code, name=row.name),
            QLineEdit.EchoMode.Normal,
        )
        if not ok or not reason.strip():
            return False
        workspace_path, code = session.path, row.code

        def revoke(progress: Progress) -> Revocation:
            from qz_evaluator.services import identity

            with open_session(workspace_path) as own:
                return identity.revoke_certificate(own.workspace, code, reason)

        try:
            revocation = self.runner.call(
                revoke, parent=self, label=self.tr("Revoking the certificate…")
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Certificate not revoked"))
            return False
        self.refresh()
        self.changed.emit()
        QMessageBox.information(
            self,
            self.tr("Certificate revoked"),
            self.tr(
                "The certificate of {code} is revoked from {time}. Issue a new one when the"
                " evaluator sends a request made with a new signing identity."
            ).format(code=code, time=revocation.revoked_at),
        )
        return True

    # ----- the committee's keys -----------------------------------------------------

    def _passphrase(self, *, confirm: bool) -> str | None:
        if confirm:
            dialog = PassphraseDialog(
                self,
                confirm=True,
                title=self.tr("Back up committee keys"),
                text=self.tr(
                    "The backup holds the committee root's and the secretariat's signing keys:"
                    " with it a new laptop issues and checks certificates for the same"
                    " committee. Choose a passphrase; without it the backup cannot be"
                    " restored. Keep the file and the passphrase apart."
                ),
            )
        else:
            dialog = PassphraseDialog(
                self,
                confirm=False,
                title=self.tr("Restore committee keys"),
                text=self.tr("The passphrase you chose when you made this backup:"),
            )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.passphrase()
        finally:
            dialog.deleteLater()

    def create_root(self) -> bool:
        """Create the committee's root and the secretariat's signing key (once)."""
        from qz_evaluator.domain.roster import DEFAULT_COMMITTEE_NAME

        session = self.session
        if session is None or self.runner.waiting:
            return False
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Create committee root"),
            self.tr(
                "The committee's name, printed in every certificate it issues. Back up its"
                " keys afterwards: without them no evaluator can be enrolled again."
            ),
            text=DEFAULT_COMMITTEE_NAME,
        )
        if not accepted or not name.strip():
            return False
        workspace_path = session.path

        def create(progress: Progress) -> str:
            from qz_evaluator.services import identity

            with open_session(workspace_path) as own:
                root = identity.create_committee_root(own.workspace, name.strip())
                return identity.certificate_fingerprint(root)

        try:
            fingerprint = self.runner.call(
                create, parent=self, label=self.tr("Creating the committee root…")
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Committee root not created"))
            return False
        self.refresh()
        self.changed.emit()
        QMessageBox.information(
            self,
            self.tr("Committee root created"),
            self.tr(
                "Root fingerprint {fingerprint}. Back up the committee keys now (Back Up"
                " Committee Keys…) and keep the file apart from its passphrase."
            ).format(fingerprint=short_fingerprint(fingerprint)),
        )
        return True

    def backup_keys(self) -> bool:
        session = self.session
        if session is None or self.runner.waiting:
            return False
        passphrase = self._passphrase(confirm=True)
        if passphrase is None:
            return False
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the backup of the committee keys"),
            str(Path(_last_dir()) / "committee-keys.qzkeys"),
            self.tr("Committee key backups (*.qzkeys);;All files (*)"),
        )
        if not chosen:
            return False
        out, workspace_path = Path(chosen), session.path

        def backup(progress: Progress) -> None:
            from qz_evaluator.services import identity

            with open_session(workspace_path) as own:
                data = identity.backup_committee(own.workspace, passphrase)
            identity.write_backup(out, data)  # the committee's keys

        try:
            self.runner.call(backup, parent=self, label=self.tr("Backing up the committee keys…"))
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Keys not backed up"))
            return False
        _remember_dir(out)
        QMessageBox.information(
            self,
            self.tr("Committee keys backed up"),
            self.tr(
                "Saved as {path}. Keep it on a stick in a locked drawer, apart from the passphrase."
            ).format(path=out),
        )
        return True

    def restore_keys(self) -> bool:
        session = self.session
        if session is None or self.runner.waiting:
            return False
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore committee keys"),
            _last_dir(),
            self.tr("Committee key backups (*.qzkeys);;All files (*)"),
        )
        if not chosen:
            return False
        passphrase = self._passphrase(confirm=False)
        if passphrase is None:
            return False
        source, workspace_path = Path(chosen), session.path

        def restore(progress: Progress) -> CommitteeRestore:
            from qz_evaluator.services import identity

            data = source.read_bytes()  # an OSError is shown as what it is
            with open_session(workspace_path) as own:
                return identity.restore_committee(own.workspace, data, passphrase)

        try:
            restored = self.runner.call(
                restore, parent=self, label=self.tr("Restoring the committee keys…")
            )
        except EXPECTED_ERRORS as error:
            show_error(self, error, self.tr("Keys not restored"))
            return False
        self.refresh()
        self.changed.emit()
        QMessageBox.information(
            self,
            self.tr("Committee keys restored"),
            self.tr(
                "The keys of {committee} are in this computer's keychain (root fingerprint"
                " {fingerprint}). Certificates issued here chain to the same committee."
            ).format(
                committee=restored.committee,
                fingerprint=short_fingerprint(restored.root_fingerprint),
            ),
        )
        return True

    # ----- language -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill()
            self._update_buttons()
        super().changeEvent(event)
