"""Make the README's screenshots, offscreen and reproducibly, from the demo.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang zh_CN en]
        [--window evaluator secretariat]

For each language, the program is started as `qz-evaluator --demo --lang …` would start it
(the demo workspace with this session's in-memory demo identity), at 1366×768 logical
pixels, and three pictures are taken: the scoring window, the finalise dialog with the
declaration over it, and the "saved as …" message over the window after the export.
Then the secretariat's window (`qz-evaluator --demo-secretariat`): its demo's signed
files dropped on the inbox, and a picture of each view of the round (`sec-<view>-…`).

Everything it writes besides the pictures (settings, the demo workspace, the exported
PDF) goes to a temporary folder that is removed at the end; fonts are only DejaVu and
the program's bundled CJK font, so the pictures do not depend on the machine's fonts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Qt reads the platform, scale and fonts of prepare_environment() when the application
# is created, and the data folder each time it is asked: importing it first is fine.
from PIL import Image  # reportlab's dependency, so always installed
from PySide6.QtCore import QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services.demo import SITE_ROUND
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.ui.app import build_parser, create_application, start, start_window
from qz_evaluator.ui.finalise_dialog import FinaliseDialog
from qz_evaluator.ui.locations import ensure_demo_workspace
from qz_evaluator.ui.main_window import MainWindow
from qz_evaluator.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1366, 768
ITEM_SHOWN = "4.3.3"  # the item the scoring window shows, with its notes
LANGUAGE_NAMES = {"zh_CN": "zh", "en": "en"}
OUTBOX = {"zh_CN": "评分表", "en": "scorecards"}  # the folder the export is saved to

# Varied, plausible percentages for the 22 items scored before the window opens; the
# last item is scored in the window, so the status bar shows when it was saved.
PERCENTS = [45, 60, 70, 55, 50, 65, 50, 40, 55, 45, 60, 45, 55, 70, 35, 60, 50, 65, 40, 55, 45, 50]
TYPED_IN_WINDOW = "55"
STRENGTHS = "建立了覆盖战略制定与部署的管理体系，各部门按季度评审目标达成情况，方法系统且展开充分。"
OFIS = "过程绩效指标的对比数据不足，改进成果向其他业务单元的分享尚未形成机制。"


def prepare_environment(sandbox: Path) -> None:
    """Before Qt starts: offscreen, at scale 1, with settings, data and fonts of our own."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_SCALE_FACTOR"] = "1"
    os.environ["XDG_CONFIG_HOME"] = str(sandbox / "config")
    os.environ["XDG_CACHE_HOME"] = str(sandbox / "cache")
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if sys.platform.startswith("linux") and dejavu.is_dir():
        fonts_conf = sandbox / "fonts.conf"
        fonts_conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig><dir>{dejavu}</dir>"
            f"<cachedir>{sandbox / 'fontconfig-cache'}</cachedir></fontconfig>\n",
            encoding="utf-8",
        )
        os.environ["FONTCONFIG_FILE"] = str(fonts_conf)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--lang", nargs="+", choices=sorted(LANGUAGE_NAMES), default=["zh_CN", "en"]
    )
    parser.add_argument(
        "--window",
        nargs="+",
        choices=["evaluator", "secretariat"],
        default=["evaluator", "secretariat"],
        help="whose window to picture (default both)",
    )
    args = parser.parse_args(argv)
    # A fixed name when free, so the "saved as …" picture shows the same path each time.
    sandbox = Path(tempfile.gettempdir()) / "qz-screenshots"
    try:
        sandbox.mkdir()
    except OSError:
        sandbox = Path(tempfile.mkdtemp(prefix="qz-screenshots-"))
    try:
        prepare_environment(sandbox)
        _app = create_application()  # kept until the end: the windows need it
        args.out.mkdir(parents=True, exist_ok=True)
        for language in args.lang:
            written: list[Path] = []
            if "evaluator" in args.window:
                shooter = Shooter(language, sandbox / ".data" / language, args.out)
                written += shooter.run(outbox=sandbox / OUTBOX[language])
            if "secretariat" in args.window:
                secretariat = SecretariatShooter(language, sandbox / ".sec" / language, args.out)
                written += secretariat.run(scratch=sandbox / "inbox" / language)
            for path in written:
                print(f"{path}  {path.stat().st_size // 1024} KB")
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    return 0


class Shooter:
    """One language's three pictures."""

    def __init__(self, language: str, home: Path, out: Path) -> None:
        self.language = language
        self.suffix = LANGUAGE_NAMES[language]
        self.home = home
        self.out = out
        self.written: list[Path] = []
        # The demo workspace of this run is built afresh under a data folder of its own.
        os.environ["XDG_DATA_HOME"] = str(home / "data")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings")
        )
        QSettings().clear()

    def run(self, outbox: Path) -> list[Path]:
        credit_code = self.prepare_demo()
        # The folder is asked for with the platform's dialog; here it is answered at once.
        QFileDialog.getExistingDirectory = staticmethod(  # type: ignore[method-assign]
            lambda *args, **kwargs: str(outbox)
        )
        window = start(build_parser().parse_args(["--demo", "--lang", self.language]))
        try:
            window.resize(WIDTH, HEIGHT)
            self.settle()
            # (a) Scoring: the last item typed in by keyboard, then the item with notes.
            assert window.select_candidate(credit_code), credit_code
            panel = window.panel
            window.activateWindow()
            window.ui.action_focus_criteria.trigger()
            unscored = [
                c for c in panel.item_codes() if panel.card and not panel.card.entry(c).percent
            ]
            panel.select_item(unscored[-1])
            tree = panel.ui.criteria_tree

            for char in TYPED_IN_WINDOW:
                QTest.keyClick(tree, Qt.Key(ord(char)))
            QTest.keyClick(tree, Qt.Key.Key_Return)
            panel.select_item(ITEM_SHOWN)
            tree.setFocus()
            self.settle()
            self.save(window.grab().toImage(), "scoring")

            # (b) Finalise: the declaration, ticked; (c) the export's "saved as …".
            modals = Modals(self)
            modals.expect("FinaliseDialog", lambda w: self.finalise(window, w))
            modals.expect("QMessageBox", lambda w: self.press_yes(w))  # export now?
            modals.expect("QMessageBox", lambda w: self.exported(window, w))
            window.ui.action_finalise.trigger()
            modals.wait_until_done()
        finally:
            window.close()
            window.deleteLater()
            self.settle()
        return self.written

    def prepare_demo(self) -> str:
        """The demo, with one untouched candidate scored but for one item, with notes."""
        path = ensure_demo_workspace()
        with Workspace.open(path) as workspace:
            service = ScoringService(workspace)
            card = next(c for c in service.ensure_all(SITE_ROUND) if not c.entries)
            items = service.criteria_for(SITE_ROUND).items
            for item, percent in zip(items, PERCENTS, strict=False):
                card = service.set_percent(card, item.code, percent).card
            for item in items:
                card = service.set_text(card, item.code, TextField.STRENGTHS, STRENGTHS).card
                card = service.set_text(card, item.code, TextField.OFIS, OFIS).card
            return card.credit_code

    # ----- the dialogs ------------------------------------------------------------------

    def finalise(self, window: MainWindow, dialog: QWidget) -> None:
        assert isinstance(dialog, FinaliseDialog)
        dialog.affirm.setChecked(True)  # ticked, as it is just before Finalise
        self.settle()
        self.save(over(window, dialog), "finalise")
        dialog.finalise_button.click()

    def press_yes(self, box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        button = box.button(QMessageBox.StandardButton.Yes)
        assert button is not None, box.text()
        button.click()

    def exported(self, window: MainWindow, box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        self.settle()
        self.save(over(window, box), "export")
        box.accept()

    # ----- pictures ---------------------------------------------------------------------

    def settle(self, seconds: float = 0.2) -> None:
        """Let layouts and deferred paints run, as the event loop would."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)

    def save(self, image: QImage, name: str) -> None:
        path = self.out / f"{name}-{self.suffix}.png"
        save_small_png(image, path)
        self.written.append(path)


class SecretariatShooter(Shooter):
    """One language's pictures of the secretariat's window, one per view."""

    def run(self, scratch: Path) -> list[Path]:
        from qz_evaluator.services.demo import prepare_secretariat_demo
        from qz_evaluator.ui.secretariat_window import SecretariatWindow, secretariat_demo_path

        # The demo as it is before its merge, so the inbox shows its files arriving.
        demo = secretariat_demo_path()
        demo.parent.mkdir(parents=True, exist_ok=True)
        workspace, inbox = prepare_secretariat_demo(demo, scratch)
        workspace.close()
        window = start_window(
            build_parser().parse_args(["--demo-secretariat", "--lang", self.language])
        )
        assert isinstance(window, SecretariatWindow)
        try:
            window.resize(WIDTH, HEIGHT)
            self.settle()
            tabs = window.ui.view_tabs
            views = {type(view).__name__: view for view in window.views}
            # The files arrive first, as in a round: every view then shows the merge.
            tabs.setCurrentWidget(views["SecInboxView"])
            self.drop(views["SecInboxView"], inbox)
            for name, shot in self.views().items():
                view = views[name]
                tabs.setCurrentWidget(view)
                self.settle()
                shot(view, inbox)
                self.settle(0.5)
                self.save(
                    window.grab().toImage(),
                    f"sec-{name.removeprefix('Sec').removesuffix('View').lower()}",
                )
            tabs.setCurrentWidget(views["SecInboxView"])
            self.paper_check(window, views["SecInboxView"])
        finally:
            window.close()
            window.deleteLater()
            self.settle()
        return self.written

    def paper_check(self, window: QWidget, view: QWidget) -> None:
        """Inbox ▸ Check Printed Scorecard…: a merged scorecard's code typed (a page of an
        older revision, or of the demo's rival file, so the changes show), and the answer."""
        from qz_evaluator.domain.paper_code import paper_code
        from qz_evaluator.domain.scorecard_document import SubmissionStatus
        from qz_evaluator.ui.sec_inbox import SecInboxView

        assert isinstance(view, SecInboxView) and view.session is not None
        workspace = view.session.workspace
        submissions = workspace.submissions(round_code=SITE_ROUND)
        older = [s for s in submissions if s.status is SubmissionStatus.SUPERSEDED]
        rivals = [s for s in submissions if s.status is SubmissionStatus.CONFLICT]
        shown = (older or rivals or submissions)[0]
        code = paper_code(workspace.submission_document(shown.id)).text
        dialog = view.check_paper()
        QTest.keyClicks(dialog.ui.code_edit, code)
        dialog.check()
        self.settle(0.3)
        self.save(over(window, dialog), "sec-paper-check")
        dialog.close()

    def views(self) -> dict[str, Callable[[QWidget, Path], None]]:
        """Each view pictured, in the window's order, with what is done before the picture."""
        return {
            "PoolView": self.pool,
            "SecRosterView": lambda view, inbox: None,
            "SecPanelsView": lambda view, inbox: None,
            "SecInboxView": lambda view, inbox: None,  # after the drop, made before
            "SecConsensusView": self.consensus,
            "SecResultsView": self.results,
            "SecReportsView": self.reports,
        }

    def pool(self, view: QWidget, inbox: Path) -> None:
        """A candidate with a tier history of a few moves, chosen."""
        from qz_evaluator.ui.sec_pool import PoolView
        from qz_evaluator.ui.secretariat_window import secretariat_demo_path

        assert isinstance(view, PoolView)
        self.wait_idle(view.runner)
        with Workspace.open(secretariat_demo_path()) as workspace:
            moved = max(view.shown_codes(), key=lambda code: len(workspace.tier_history(code)))
        view.select(moved)

    def consensus(self, view: QWidget, inbox: Path) -> None:
        """The candidate with items to agree, its first divergent item chosen: what a
        panel meets over."""
        from qz_evaluator.services.demo import DIVERGENT_ITEMS
        from qz_evaluator.ui.sec_consensus import SecConsensusView

        assert isinstance(view, SecConsensusView)
        view.reload()
        self.wait_idle(view.runner)
        view.choose(next(s for s in view.summaries if s.open).credit_code)
        self.wait_idle(view.runner)
        self.settle()
        view.select_item(DIVERGENT_ITEMS[0])

    def reports(self, view: QWidget, inbox: Path) -> None:
        """The workbook written, with the list of what was written and Open Folder."""
        from qz_evaluator.ui.sec_reports import ReportKind, SecReportsView

        assert isinstance(view, SecReportsView)
        folder = inbox.parent / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        view.write(ReportKind.XLSX, folder)
        self.wait_idle(view.runner)

    def results(self, view: QWidget, inbox: Path) -> None:
        from qz_evaluator.ui.sec_results import SecResultsView

        assert isinstance(view, SecResultsView)
        view.reload()
        self.wait_idle(view.runner)
        computed = view.current_results()
        assert computed is not None
        scored = [o for o in computed.outcomes if o.result is not None]
        # A candidate of the tier with the most panels scored: the strip plot has rows.
        tiers = [o.candidate.tier for o in scored]
        tier = max(set(tiers), key=tiers.count)
        view.select(next(o for o in scored if o.candidate.tier is tier).candidate.credit_code)

    def drop(self, view: QWidget, inbox: Path) -> None:
        from qz_evaluator.ui.sec_inbox import SecInboxView

        assert isinstance(view, SecInboxView)
        task = view.merge_paths([inbox])
        assert task is not None
        self.wait_idle(view.runner)

    def wait_idle(self, runner: TaskRunner) -> None:
        end = time.monotonic() + 120
        while runner.busy and time.monotonic() < end:
            self.settle(0.1)


class Modals:
    """Answers the modal dialogs the program opens, in the order expected."""

    def __init__(self, shooter: Shooter) -> None:
        self.shooter = shooter
        self.steps: list[tuple[str, Callable[[QWidget], None]]] = []
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def expect(self, class_name: str, answer: Callable[[QWidget], None]) -> None:
        self.steps.append((class_name, answer))

    def poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not self.steps or not widget.isVisible():
            return
        class_name, answer = self.steps[0]
        if widget.metaObject().className() == class_name or type(widget).__name__ == class_name:
            self.steps.pop(0)
            answer(widget)

    def wait_until_done(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while self.steps and time.monotonic() < end:
            self.shooter.settle(0.05)
        self.timer.stop()
        if self.steps:
            raise SystemExit(f"screenshots: no {self.steps[0][0]} appeared")


def over(window: QWidget, dialog: QWidget) -> QImage:
    """The window with the dialog over its middle, framed the way a desktop would."""
    image = window.grab().toImage()
    inner = dialog.grab().toImage()
    title_height = 28
    width, height = inner.width() + 2, inner.height() + title_height + 1
    left = (image.width() - width) // 2
    top = max(0, (image.height() - height) // 2)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 60))  # the window behind, dimmed
    painter.fillRect(QRect(left + 4, top + 4, width, height), QColor(0, 0, 0, 70))  # shadow
    painter.fillRect(QRect(left, top, width, height), QColor("#e8e8e8"))
    font = QFont(window.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#303030"))
    painter.drawText(
        QRect(left + 10, top, width - 20, title_height),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawImage(QPoint(left + 1, top + title_height), inner)
    painter.setPen(QColor("#8a8a8a"))
    painter.drawRect(QRect(left, top, width - 1, height - 1))
    painter.end()
    return image


def save_small_png(image: QImage, path: Path) -> None:
    """A PNG of about 100–200 KB: 256 colours are plenty for a window's flat colours."""
    if not image.convertToFormat(QImage.Format.Format_RGB32).save(str(path)):
        raise SystemExit(f"screenshots: cannot write {path}")
    with Image.open(path) as picture:
        small = picture.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, "PNG", optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
