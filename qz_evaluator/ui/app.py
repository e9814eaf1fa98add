"""The desktop program's composition root:
`qz-evaluator [--demo | --demo-secretariat] [--lang zh_CN|en] [FILE]`.

Creates the application, registers the bundled CJK font, installs the crash handler,
builds the one task runner and the way sessions are opened (`SessionOpener`: the
workspace through `services.session`; a current one opened at once, an older one
migrated off the UI thread first), hands them to the window, and opens what the
command line (or the last session) asks for.
The window fits the workspace's role: an evaluator's workspace opens in `MainWindow`,
the secretariat's in `SecretariatWindow` (the role is read from the file before either
is built, without opening it for work).
The window hands its views narrow collaborators in turn (`ui.workflows.WorkflowContext`
and signals), never itself. Nothing else in `qz_evaluator.ui` has side effects at
import time.

Start-up is timed against a bare PySide6 window (benchmarks/bench_ui.py): `main()`
paints the window's frame first and builds the rest of it — list, scoring panel, and
the services and store they import — right after, then opens the workspace (on a
worker while the window paints, if it must be migrated); the scoring panel itself is
built once the candidate list has been painted, and sqlite-utils (which only writes
need) is loaded on a thread after that. Keep what this module imports before the first
paint (see `MainWindow`) that small.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from qz_evaluator import __version__
from qz_evaluator.domain.roles import Role
from qz_evaluator.ui.crash import install_excepthook
from qz_evaluator.ui.fonts import install_cjk_font
from qz_evaluator.ui.icons import icon
from qz_evaluator.ui.locations import demo_workspace_path, ensure_demo_workspace, log_file_path
from qz_evaluator.ui.main_window import LAST_WORKSPACE_KEY, MainWindow, after_next_paint
from qz_evaluator.ui.pyside_fixes import protect_singletons
from qz_evaluator.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from qz_evaluator.services.session import Session
    from qz_evaluator.ui.secretariat_window import SecretariatWindow

APP_NAME = "qz-evaluator"  # QSettings and AppDataLocation are filed under this
LANGUAGES = ("zh_CN", "en")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Quzhou government quality award: evaluator and secretariat desktop client.",
    )
    opened = parser.add_mutually_exclusive_group()
    opened.add_argument(
        "workspace",
        nargs="?",
        type=Path,
        help="workspace file to open (default: the one open last time)",
    )
    opened.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workspace, creating it on first use",
    )
    opened.add_argument(
        "--demo-secretariat",
        action="store_true",
        help="open the secretariat's demo: a merged round with files missing, items to "
        "agree on and one conflict (created on first use)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="interface language (default: the one chosen last time, else zh_CN)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (translations, fonts, keychain, a throwaway signed "
        "scorecard, input methods), print a report and exit (1 on any failure)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def create_application() -> QApplication:
    """The QApplication (the running one if any), named and with the CJK font installed."""
    protect_singletons()  # before Qt hands the first None to Python (see ui.pyside_fixes)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt 6 scales for high DPI by itself; pass fractional factors (150 %) through
        # unrounded so text and layouts stay crisp on Windows laptops.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    install_cjk_font(app)
    return app


class SessionOpener:
    """Opens the session of a workspace file, for the window.

    A file of this program's schema opens on the UI thread at once. An older one is
    migrated (after a backup copy), which can take a while on a big workspace: that
    runs on a worker while the window keeps painting, and the session the window then
    works in is opened again on the UI thread, quick now that the file is current:
    SQLite connections belong to the thread that made them, so the worker's is closed,
    not handed over. The demo is always made sure of on the worker.
    """

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        self.runner = runner
        self.parent = parent

    def __call__(self, path: Path) -> Session:
        """The session of `path`; raises the UserError that says why not."""
        from qz_evaluator.services.session import (
            open_current_session,
            open_session,
            open_workspace,
        )

        path = Path(path)
        demo = _same_file(path, demo_workspace_path())
        if not demo:
            # A current file opens here at once: no worker, no second opening (~6 ms of
            # the list's first paint; benchmarks/bench_ui.py). Only a migration needs one.
            session = open_current_session(path)
            if session is not None:
                return session

        def check(progress: Progress) -> None:
            if demo:
                # However it is reached (the last session, File ▸ Open, a recent file),
                # the demo opens with this session's demo identity, so it can sign.
                ensure_demo_workspace()
            else:
                open_workspace(path).close()

        self.runner.call(
            check,
            parent=self.parent,
            label=QCoreApplication.translate("App", "Opening {name}…").format(name=path.name),
        )
        return open_session(path)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def start_window(
    args: argparse.Namespace, *, open_later: bool = False
) -> MainWindow | SecretariatWindow:
    """The window for the requested workspace's role (`start` or `start_secretariat`):
    the secretariat's for its workspace or `--demo-secretariat`, else the evaluator's."""
    requested = _requested_workspace(args)
    if args.demo_secretariat or (
        requested is not None and not args.demo and _is_secretariat(requested)
    ):
        return start_secretariat(args, requested, open_later=open_later)
    return start(args, open_later=open_later)


def start(args: argparse.Namespace, *, open_later: bool = False) -> MainWindow:
    """Show the evaluator's window and open what was asked for; failures are shown,
    not raised.

    With `open_later` the window shows its frame at once and is completed, and the
    workspace opened, right after its first paint (what `main()` does).
    """
    requested = _requested_workspace(args)
    runner = TaskRunner()
    opener = SessionOpener(runner)
    # language None: the one chosen last time
    window = MainWindow(language=args.lang, deferred=open_later, runner=runner, open_session=opener)
    runner.setParent(window)
    opener.parent = window  # dialogs of opening belong to the window
    if open_later and requested is not None:
        window.show_opening(requested)  # until complete(), which shows the welcome page
    window.show()

    def open_requested() -> None:
        window.complete()
        if args.demo:
            window.open_demo()
        elif requested is not None:
            window.open_workspace(requested)

    if open_later:
        after_next_paint(window, open_requested)
    else:
        open_requested()
    return window


def _is_secretariat(path: Path) -> bool:
    from qz_evaluator.services.workspace_role import workspace_role

    return workspace_role(path) is Role.SECRETARIAT


def start_secretariat(
    args: argparse.Namespace, requested: Path | None, *, open_later: bool = False
) -> SecretariatWindow:
    """The secretariat's window with its views, opening `requested` (or the demo)."""
    from qz_evaluator.ui.sec_consensus import SecConsensusView
    from qz_evaluator.ui.sec_inbox import SecInboxView
    from qz_evaluator.ui.sec_panels import SecPanelsView
    from qz_evaluator.ui.sec_pool import PoolView
    from qz_evaluator.ui.sec_reports import SecReportsView
    from qz_evaluator.ui.sec_results import SecResultsView
    from qz_evaluator.ui.sec_roster import SecRosterView
    from qz_evaluator.ui.secretariat_window import SecretariatWindow

    runner = TaskRunner()
    opener = SessionOpener(runner)
    window = SecretariatWindow(language=args.lang, runner=runner, open_session=opener)
    runner.setParent(window)
    opener.parent = window
    # In the order of a round's work: the pool, who evaluates, what came back, what it
    # adds up to, what is sent out.
    for view in (
        PoolView,
        SecRosterView,
        SecPanelsView,
        SecInboxView,
        SecConsensusView,
        SecResultsView,
        SecReportsView,
    ):
        window.add_view(view(runner, window))
    window.show()

    def open_requested() -> None:
        if args.demo_secretariat:
            window.open_demo()
        elif requested is not None:
            window.open_workspace(requested)

    if open_later:
        after_next_paint(window, open_requested)
    else:
        open_requested()
    return window


def _requested_workspace(args: argparse.Namespace) -> Path | None:
    """The workspace the command line, or else the last session, asks to open."""
    if args.demo_secretariat:
        return None  # its path is known once the demo has been built
    if args.demo:
        return demo_workspace_path()
    if args.workspace is not None:
        return Path(args.workspace)
    last = QSettings().value(LAST_WORKSPACE_KEY, "")
    if isinstance(last, str) and last and Path(last).is_file():
        return Path(last)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    # In a frozen bundle a merge's verification worker is this executable started again:
    # freeze_support() runs the worker there and exits, before any argument is parsed.
    # (Only a bundle needs it; from source it would cost the start ~10 ms of imports.)
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    # The command line is ours alone; Qt is configured through its environment variables
    # (QT_QPA_PLATFORM, QT_SCALE_FACTOR, …), which behave the same on every platform.
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # --help, --version or a usage error, already printed
        return stop.code if isinstance(stop.code, int) else 2
    app = create_application()
    if args.self_test:
        from qz_evaluator.ui import self_test

        return self_test.run(app)
    uninstall_excepthook = install_excepthook(log_file_path())
    try:
        window = start_window(args, open_later=True)
        try:
            return app.exec()
        finally:
            window.close_workspace()
    finally:
        uninstall_excepthook()


if __name__ == "__main__":
    sys.exit(main())
