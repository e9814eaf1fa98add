"""The layer rule, checked on the source: who may import whom, Qt only in ui/, the domain on
the standard library alone. Every package is covered, and relative imports are resolved."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qz_evaluator"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# The project's own top-level modules anyone above the domain may use.
TOP = {"__init__", "assets"}
# Each layer may import itself and what is listed; the front ends see only the services and
# the domain's value types, never the store, trust, documents or exchange layers.
ALLOWED = {
    "domain": {"domain"},
    "store": {"store", "domain"},
    "trust": {"trust", "domain"},
    "documents": {"documents", "domain", "trust"},
    "exchange": {"exchange", "domain", "store", "trust", "documents"},
    "services": {"services", "exchange", "documents", "trust", "store", "domain"},
    "cli": {"cli", "services", "domain"},
    "ui": {"ui", "services", "domain"},
    "__main__": {"cli"},
    "assets": {"domain"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, source: str | None = None) -> list[str]:
    """Every module `path` imports, with relative imports made absolute."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
                # `from . import x` may name a submodule: check each name as one.
                if node.module is None:
                    names += [f"{module}.{alias.name}" for alias in node.names]
                    continue
                names.append(module)
            elif node.module:
                names.append(node.module)
    return names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def offenders(paths: list[Path], source: str | None = None) -> list[str]:
    """What `paths` import against the rule (`source`: the text of a single path)."""
    found = []
    for path in paths:
        layer = layer_of(path)
        if layer == "__init__":
            continue
        allowed = ALLOWED[layer] | (TOP if layer != "domain" else set())
        for name in imports(path, source):
            parts = name.split(".")
            if parts[0] == "qz_evaluator":
                target = parts[1] if len(parts) > 1 else "__init__"
                if target not in allowed and not (target == "__init__" and layer != "domain"):
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif parts[0] in QT and layer != "ui":
                found.append(f"{path.relative_to(PACKAGE)} imports {name} (Qt outside ui/)")
            elif layer == "domain" and parts[0] not in sys.stdlib_module_names:
                found.append(f"{path.relative_to(PACKAGE)} imports {name} (not stdlib)")
    return found


def test_every_module_belongs_to_a_known_layer() -> None:
    unknown = {layer_of(p) for p in modules()} - set(ALLOWED) - {"__init__"}
    assert unknown == set()


def test_layers_import_downwards_only() -> None:
    assert offenders(modules()) == []


@pytest.mark.parametrize(
    ("layer", "line"),
    [
        ("ui", "from qz_evaluator.store.workspace import Workspace"),
        ("ui", "from ..store import errors"),
        ("cli", "from qz_evaluator.store import schema"),
        ("cli", "import qz_evaluator.trust.certificates"),
        ("services", "from PySide6.QtCore import QObject"),
        ("domain", "from qz_evaluator.services import scoring"),
        ("domain", "import sqlite_utils"),
        ("store", "from ..services.errors import ServiceError"),
    ],
)
def test_the_check_catches_a_deliberate_breach(layer: str, line: str) -> None:
    """The rule is not vacuous: a wrong import, absolute or relative, is reported."""
    probe = PACKAGE / layer / "probe.py"
    found = offenders([probe], source=f"{line}\n")
    assert len(found) == 1
    assert found[0].startswith(f"{layer}/probe.py imports ")


def test_the_front_ends_are_checked_on_main() -> None:
    """ui/ and cli/ are not skipped: each has modules, and each is held to its rule."""
    for layer in ("ui", "cli"):
        assert [p for p in modules() if layer_of(p) == layer]
        assert ALLOWED[layer] == {layer, "services", "domain"}
