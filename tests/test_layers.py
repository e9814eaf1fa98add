"""The layer rule, checked on the source: Qt only in ui/, domain on the standard library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qz_evaluator"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# Layers may import only themselves and what lies below them.
BELOW = {
    "domain": {"domain"},
    "store": {"store", "domain"},
    "trust": {"trust", "domain"},
    "documents": {"documents", "domain", "trust"},
    "exchange": {"exchange", "domain", "store", "trust", "documents"},
    "services": {"services", "exchange", "documents", "trust", "store", "domain"},
}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_qt_only_in_ui() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules()
        if "ui" not in path.relative_to(PACKAGE).parts
        for name in imports(path)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_layers_import_downwards_only() -> None:
    offenders = []
    for path in modules():
        layer = path.relative_to(PACKAGE).parts[0]
        if layer not in BELOW:
            continue
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "qz_evaluator" and len(parts) > 1:
                target = parts[1]
                allowed = BELOW[layer] | ({"assets"} if layer != "domain" else set())
                if target not in allowed:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif layer == "domain" and parts[0] not in sys.stdlib_module_names:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name} (not stdlib)")
    assert offenders == []
