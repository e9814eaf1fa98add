"""Interface language: Qt Linguist translations (ours and Qt's own), switchable at run time.

Source strings are English. Chinese (zh_CN) is the default: our compiled
resources/translations/qz_evaluator_zh_CN.qm plus Qt's qtbase_zh_CN.qm so that standard
buttons (OK, Cancel, Yes, …) are Chinese too. Installing translators makes Qt send a
LanguageChange event to every widget; widgets retranslate in changeEvent. Criteria
labels are bilingual in the criteria file and picked by `language` ("zh" / "en").
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from qz_evaluator.assets import get_asset

log = logging.getLogger(__name__)

# Short codes used with Bilingual.get ↔ Qt locale names used on the command line.
LOCALES = {"zh": "zh_CN", "en": "en"}
DEFAULT_LANGUAGE = "zh"
LANGUAGE_KEY = "ui/language"  # QSettings

_installed: list[QTranslator] = []


def short_code(language: str) -> str:
    """'zh_CN', 'zh', 'en_GB', 'en' → 'zh' or 'en' (Chinese for anything unknown)."""
    return "en" if language.lower().startswith("en") else "zh"


def our_translation_file(language: str) -> Path:
    return get_asset("translations", f"qz_evaluator_{LOCALES[short_code(language)]}.qm")


def qt_translation_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(language: str) -> str:
    """Install the translators for `language` application-wide; returns 'zh' or 'en'.

    English needs no translator (the sources are English). A missing .qm file is logged
    and the program carries on in English rather than failing.
    """
    app = QCoreApplication.instance()
    code = short_code(language)
    if app is None:
        return code
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if code == "zh":
        ours = QTranslator(app)
        if ours.load(str(our_translation_file(code))):
            _installed.append(ours)
        else:
            log.warning("translation not found: %s", our_translation_file(code))
        qt = QTranslator(app)
        chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if qt.load(chinese, "qtbase", "_", qt_translation_dir()):
            _installed.append(qt)
        for translator in _installed:
            QCoreApplication.installTranslator(translator)
    # Installing or removing a translator sends LanguageChange to every widget.
    QLocale.setDefault(QLocale(LOCALES[code]))
    return code
