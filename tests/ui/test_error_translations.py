"""Bug 8 (issue 9): every message the window shows is translated and names a step in the
window, never a command. The UserError templates of all layers are collected into the
.ts by scripts/build_translations.py; this checks each has its Chinese, that none tells
the window's user to run a command, and that Qt's own dialogs are Chinese too."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from qz_evaluator.services.errors import ServiceError, StoreError, UserError
from qz_evaluator.ui import i18n
from qz_evaluator.ui.errors import explain, message

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "scripts" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_translations", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def chinese(app: QApplication) -> None:
    i18n.apply_language("zh")


def _all_subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_user_error_template_has_chinese(build: ModuleType) -> None:
    texts = build.user_error_texts()
    assert len(texts) > 150  # all layers, not only a few
    translated = build.messages(build.ts_path("zh_CN"))
    missing = [t for t in texts if not translated.get(("UserError", t))]
    assert missing == []
    # Each translation keeps the template's fields, so it can be filled in.
    field = re.compile(r"\{(\w+)")
    for text in texts:
        chinese = translated[("UserError", text)]
        assert set(field.findall(chinese)) == set(field.findall(text)), text


def test_every_user_error_class_is_seen_by_the_collector(build: ModuleType) -> None:
    # Importing the layers registers their classes; the collector finds them by name.
    import qz_evaluator.exchange.package
    import qz_evaluator.services.errors  # noqa: F401

    trees = [
        __import__("ast").parse(p.read_text(encoding="utf-8"))
        for p in (ROOT / "qz_evaluator").rglob("*.py")
    ]
    names = build._error_classes(trees)
    assert {c.__name__ for c in _all_subclasses(UserError)} <= names


def test_no_template_sends_the_window_user_to_the_command_line(build: ModuleType) -> None:
    offenders = [
        text
        for text in build.user_error_texts()
        if "qzeval" in text or re.search(r"(^|\s|\()--[a-z]", text)
    ]
    assert offenders == []


def test_window_shows_a_translated_message_with_its_window_step(chinese: None) -> None:
    error = ServiceError(
        "no evaluator certificate installed yet: create your signing identity and "
        "install the certificate the secretariat issues",
        cli_hint="`qzeval identity create`, then `qzeval identity install`",
        window_hint="Identity ▸ Create Signing Identity…, then Identity ▸ Install "
        "Certificate… once the secretariat has sent it.",
    )
    text = message(error)
    assert "尚未安装评审员证书" in text and "身份 ▸ 创建签名身份" in text
    assert "qzeval" not in text
    assert "qzeval identity create" not in str(error)  # the CLI adds its hint itself
    store = StoreError("{path}: not a qz-evaluator workspace or the file is damaged", path="x")
    assert explain(store).text == "x：不是 qz-evaluator 工作区，或文件已损坏"


def test_qt_own_dialogs_are_chinese(chinese: None) -> None:
    # QFileDialog's "Look in:" and "Files of type:" come from Qt's qtbase_zh_CN.qm.
    look_in = QCoreApplication.translate("QFileDialog", "Look in:")
    assert look_in != "Look in:" and look_in
    assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"


def test_a_reason_inside_a_message_is_translated_too(chinese: None) -> None:
    from qz_evaluator.exchange.package import PackageError

    reason = PackageError("the file is not a zip file")  # the container's words
    error = ServiceError("{path}: refused: {error}", path="a.qzpkg", error=reason)
    assert message(error) == "a.qzpkg：已拒绝：该文件不是 zip 文件"
    assert str(error) == "a.qzpkg: refused: the file is not a zip file"


def test_where_an_import_stopped_and_a_refusals_context_are_translated(chinese: None) -> None:
    from qz_evaluator.domain.eligibility import Ineligible, NotEligible
    from qz_evaluator.services.errors import ImportFailed, Phrase

    stopped = ImportFailed("sheet.csv", 7, Phrase("no round {code!r} in this workspace", code="R"))
    assert message(stopped) == "sheet.csv 第 7 行：本工作区中没有轮次 'R'"
    assert str(stopped) == "sheet.csv, line 7: no round 'R' in this workspace"
    refused = NotEligible(
        Ineligible.NOT_ON_PANEL,
        "2026-site",
        "91330800X",
        "P01",
        context=Phrase("{path}: refused: ", path="a.qzpkg"),
    )
    assert message(refused).startswith("a.qzpkg：已拒绝：评审员 P01 不在")
    assert str(refused).startswith("a.qzpkg: refused: evaluator P01 is not on the panel")


def test_a_state_in_a_message_is_its_one_word(chinese: None) -> None:
    from qz_evaluator.domain.scorecard import Scorecard, ScorecardStatus, check_editable
    from qz_evaluator.services.errors import ScorecardLocked

    card = Scorecard("2026-site", "91330800X", "P01", "gbt19580-2012", ScorecardStatus.CONFLICT)
    with pytest.raises(ScorecardLocked) as caught:
        check_editable(card)
    assert "状态为“回避”" in message(caught.value)  # the list's word, not declared-conflict
    assert "is declared-conflict and can no longer be changed" in str(caught.value)  # CLI


def test_a_sheet_that_cannot_be_read_is_explained_in_chinese(chinese: None, tmp_path: Path) -> None:
    from qz_evaluator.services.csv_files import read_rows
    from qz_evaluator.services.errors import ImportFailed

    sheet = tmp_path / "评分表.csv"
    sheet.write_bytes("credit_code,item\n".encode("utf-16"))  # neither UTF-8 nor GB18030
    with pytest.raises(ImportFailed) as caught:
        list(read_rows(sheet, ("credit_code", "item", "percent")))
    assert "既不是 UTF-8 也不是 GB18030" in message(caught.value)
    sheet.write_text("credit_code,item\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        list(read_rows(sheet, ("credit_code", "item", "percent")))
    text = message(caught.value)
    assert "第 1 行" in text and "缺少列 percent" in text
