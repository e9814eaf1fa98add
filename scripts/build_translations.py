"""Update the Qt Linguist sources and compile them (resources/translations/).

    python scripts/build_translations.py           # lupdate the .ts, then lrelease the .qm
    python scripts/build_translations.py --check   # exit 1 if the .ts misses strings of
                                                   # the sources, a string is untranslated
                                                   # or the committed .qm is stale

Source strings are English (tr() / QCoreApplication.translate() in qz_evaluator/ui and
the forms/*.ui), plus every `UserError` message of the whole package (context
"UserError"): the template (first argument) and `window_hint=` of each call of a
UserError class with a literal string, and the `*_TEMPLATES` tables of reasons (see
`user_error_texts`), written to a scratch source that lupdate reads. Translate new
strings in Qt Linguist (`pyside6-linguist FILE.ts`), then run this script again. The
compiled .qm files are committed, so neither the source tree nor the PyInstaller bundle
needs the Linguist tools at run time. Qt's own
qtbase_zh_CN.qm comes with PySide6 and is loaded from there (`ui.i18n`).
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "qz_evaluator"
UI_DIR = PACKAGE_DIR / "ui"
FORMS_DIR = ROOT / "forms"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LOCALES = ("zh_CN",)


class BuildError(Exception):
    """A Linguist tool is missing or failed."""


def ts_path(locale: str) -> Path:
    return TRANSLATIONS_DIR / f"qz_evaluator_{locale}.ts"


def qm_path(locale: str) -> Path:
    return ts_path(locale).with_suffix(".qm")


def sources() -> list[Path]:
    """Python modules with translatable strings (not the generated ones) and the forms."""
    python = sorted(p for p in UI_DIR.glob("*.py") if p.name != "__init__.py")
    return [*python, *sorted(FORMS_DIR.glob("*.ui"))]


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """Names of UserError and every class that derives from it, across the package."""
    found = {"UserError", "Phrase"}  # a Phrase is a translated piece of a message
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in found:
                    bases = {
                        b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                        for b in node.bases
                    }
                    if bases & found:
                        found.add(node.name)
                        grew = True
    return found


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def user_error_texts() -> list[str]:
    """Every UserError template and window hint the package spells out, in order, once."""
    # Not the CLI's own errors (usage mistakes the window never makes) nor generated code.
    paths = sorted(p for p in PACKAGE_DIR.rglob("*.py") if not {"generated", "cli"} & set(p.parts))
    trees = [ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in paths]
    classes = _error_classes(trees)
    texts: dict[str, None] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                # super().__init__("template", …) in an error class's own __init__
                own_init = name == "__init__" and isinstance(getattr(func, "value", None), ast.Call)
                if name not in classes and not own_init:
                    continue
                literals = [_literal(node.args[0]) if node.args else None]
                literals += [_literal(k.value) for k in node.keywords if k.arg == "window_hint"]
                texts.update((text, None) for text in literals if text)
            elif (  # (ErrorClass, "template") pairs, as in store/base.ERRORS
                isinstance(node, ast.Tuple)
                and len(node.elts) == 2
                and isinstance(node.elts[0], ast.Name)
                and node.elts[0].id in classes
            ):
                text = _literal(node.elts[1])
                if text:
                    texts[text] = None
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Dict)
                and any(
                    isinstance(t, ast.Name) and t.id.endswith("_TEMPLATES") for t in node.targets
                )
            ):
                # Tables of templates; NotEligible puts its reasons after a "{context}".
                reasons = any(
                    isinstance(t, ast.Name) and t.id == "REASON_TEMPLATES" for t in node.targets
                )
                for value in node.value.values:
                    text = _literal(value)
                    if text:
                        texts["{context}" + text if reasons else text] = None
    return list(texts)


def write_error_source(folder: Path) -> Path:
    """A scratch Python source holding user_error_texts() as translate() calls for lupdate."""
    path = folder / "user_errors.py"
    lines = [
        f'QCoreApplication.translate("UserError", {json.dumps(text, ensure_ascii=False)})\n'
        for text in user_error_texts()
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def tool(name: str) -> list[str]:
    """pyside6-<name> from the running interpreter's environment, else PATH."""
    scripts_dir = Path(sys.executable).parent
    found = shutil.which(f"pyside6-{name}", path=str(scripts_dir)) or shutil.which(
        f"pyside6-{name}"
    )
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())",
    ]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise BuildError(f"{' '.join(command[:1])} failed: {(result.stderr or result.stdout)}")


def lupdate(ts: Path) -> None:
    """Merge the current source strings into `ts` (keeping translations, dropping vanished)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qz-errors-") as scratch:
        errors = write_error_source(Path(scratch))
        _run(
            [
                *tool("lupdate"),
                "-silent",
                "-locations",
                "none",
                "-no-obsolete",
                *(str(p.relative_to(ROOT)) for p in sources()),
                str(errors),
                "-ts",
                str(ts),
            ]
        )


def lrelease(ts: Path, qm: Path) -> None:
    _run([*tool("lrelease"), "-silent", str(ts), "-qm", str(qm)])


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation, or None where unfinished/empty."""
    found: dict[tuple[str, str], str | None] = {}
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            unfinished = translation is not None and translation.get("type") in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            found[(name, source)] = None if unfinished or not text else text
    return found


def problems(locale: str) -> list[str]:
    """What --check reports for one locale."""
    ts, qm = ts_path(locale), qm_path(locale)
    if not ts.exists():
        return [f"{ts.relative_to(ROOT)} is missing"]
    found: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qz-ts-") as scratch:
        fresh_ts = Path(scratch) / ts.name
        shutil.copyfile(ts, fresh_ts)
        lupdate(fresh_ts)
        committed, fresh = messages(ts), messages(fresh_ts)
        new = sorted(set(fresh) - set(committed))
        gone = sorted(set(committed) - set(fresh))
        found += [f"not in {ts.name} yet: [{c}] {s!r}" for c, s in new]
        found += [f"no longer in the sources: [{c}] {s!r}" for c, s in gone]
        found += [
            f"untranslated in {ts.name}: [{c}] {s!r}"
            for (c, s), text in sorted(committed.items())
            if text is None
        ]
        fresh_qm = Path(scratch) / qm.name
        lrelease(ts, fresh_qm)
        if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
            found.append(f"{qm.relative_to(ROOT)} is stale; run scripts/build_translations.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 listing what is out of date"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            found = [problem for locale in LOCALES for problem in problems(locale)]
            for problem in found:
                print(problem)
            if not found:
                print("translations are up to date")
            return 1 if found else 0
        for locale in LOCALES:
            ts, qm = ts_path(locale), qm_path(locale)
            lupdate(ts)
            lrelease(ts, qm)
            untranslated = [key for key, text in messages(ts).items() if text is None]
            print(f"wrote {qm.relative_to(ROOT)} ({len(untranslated)} untranslated)")
        return 0
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
