"""`qz-evaluator --self-test`: the installation's checks (`services.self_test`) with the
window's own: Qt loads the bundled translation (and Qt's own Chinese), registers the
bundled font, and has an input-method plugin for the desktop's input method.

The report goes to stdout; a windowed program on Windows has none, so there it is
written to `self-test.txt` in the program's data folder. The exit code says it all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator, qVersion
from PySide6.QtWidgets import QApplication

from qz_evaluator.services.self_test import (
    CheckFailed,
    CheckWarning,
    format_report,
    passed,
    run_self_test,
)
from qz_evaluator.ui import i18n
from qz_evaluator.ui.fonts import CJK_FAMILY, install_cjk_font
from qz_evaluator.ui.input_methods import available_plugins, input_method_advice
from qz_evaluator.ui.locations import app_data_dir

REPORT_FILE_NAME = "self-test.txt"


def check_qt_translations() -> str:
    """QTranslator loads our Chinese .qm, and Qt's own qtbase_zh_CN (standard buttons)."""
    app = QCoreApplication.instance()
    ours = QTranslator(app)
    path = i18n.our_translation_file("zh")  # the window's own rule for it, as it loads it
    if not ours.load(str(path)):
        raise CheckFailed(f"Qt cannot load {path}")
    if ours.language() != "zh_CN":
        raise CheckFailed(f"{path.name} declares language {ours.language()!r}, not zh_CN")
    sample = ours.translate("App", "Opening {name}…")
    qt = QTranslator(app)
    folder = i18n.qt_translation_dir()
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if not qt.load(chinese, "qtbase", "_", folder):
        raise CheckWarning(
            f"{path.name} loads, but Qt's qtbase_zh_CN.qm is missing from {folder}: "
            "standard buttons will be in English"
        )
    shown = f" ('Opening…' → {sample!r})" if sample else ""
    return f"{path.name} and qtbase_zh_CN.qm load{shown}"


def check_window_font() -> str:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise CheckFailed("no QApplication")
    family = install_cjk_font(app)
    if family is None:
        raise CheckFailed("the bundled CJK font cannot be registered with Qt")
    if family != CJK_FAMILY:
        raise CheckWarning(f"registered as {family!r}, expected {CJK_FAMILY!r}")
    return f"{family} registered with Qt"


def check_input_methods() -> str:
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        *QCoreApplication.libraryPaths(),
    ]
    plugins = available_plugins(Path(folder) for folder in folders)
    advice = input_method_advice(os.environ, plugins, qt_version=qVersion())
    if advice is not None:
        raise CheckWarning(advice)
    return f"plugins: {', '.join(sorted(plugins)) or 'none'}"


def run(app: QApplication) -> int:
    """Run the checks, print (or file) the report; 0 when none failed, else 1."""
    results = run_self_test(
        replace={"translations": check_qt_translations},
        extra=[("window font", check_window_font), ("input method", check_input_methods)],
    )
    report = format_report(
        results, "qz-evaluator", f"Qt {qVersion()}, platform {app.platformName()}"
    )
    if sys.stdout is not None:
        print(report, flush=True)
    else:  # a windowed program on Windows has no console
        folder = app_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / REPORT_FILE_NAME).write_text(report + "\n", encoding="utf-8")
    return 0 if passed(results) else 1
