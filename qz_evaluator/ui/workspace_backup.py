"""File ▸ Back Up Workspace… in both windows: ask where, copy on the task runner (SQLite's
backup API through services.workspace_backup), say where the copy went."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from qz_evaluator.services.session import open_session
from qz_evaluator.services.workspace_backup import WorkspaceBackup, backup_workspace
from qz_evaluator.ui.errors import EXPECTED_ERRORS, show_error
from qz_evaluator.ui.tasks import Progress, TaskRunner


def back_up_workspace(
    parent: QWidget, runner: TaskRunner, workspace_path: Path
) -> WorkspaceBackup | None:
    """Ask for the copy's file (the dialog confirms replacing one), write it off the UI
    thread with progress, and tell where it is; None if cancelled or refused (shown)."""
    if runner.waiting:  # another use case is at work
        return None
    suggested = workspace_path.with_name(
        f"{workspace_path.stem}-backup-{date.today().isoformat()}{workspace_path.suffix}"
    )
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("WorkspaceBackup", "Back up the workspace to"),
        str(suggested),
        QCoreApplication.translate("WorkspaceBackup", "Workspaces (*.qzw);;All files (*)"),
    )
    if not chosen:
        return None
    target = Path(chosen)
    if not target.suffix:
        target = target.with_suffix(".qzw")

    def work(progress: Progress) -> WorkspaceBackup:
        # The worker's own connection: SQLite connections belong to their thread.
        with open_session(workspace_path) as own:
            return backup_workspace(own.workspace, target, overwrite=True, progress=progress.report)

    try:
        made = runner.call(
            work,
            parent=parent,
            label=QCoreApplication.translate("WorkspaceBackup", "Backing up the workspace…"),
        )
    except EXPECTED_ERRORS as error:
        show_error(
            parent, error, QCoreApplication.translate("WorkspaceBackup", "Workspace not backed up")
        )
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("WorkspaceBackup", "Workspace backed up"),
        QCoreApplication.translate(
            "WorkspaceBackup",
            "Saved as {path}. Copy a workspace only this way: a copy of the file made while"
            " the program runs, or synced by OneDrive or a network folder, can be damaged.",
        ).format(path=made.path),
    )
    return made
