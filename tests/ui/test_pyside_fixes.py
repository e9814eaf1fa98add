"""The PySide6 work-arounds are needed (and work); when a check here fails, drop the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QStandardItem
{protect}

class Sender(QObject):
    flag = Signal(bool)

app = QCoreApplication([])
item, sender = QStandardItem(), Sender()
sender.flag.connect(lambda value: None)
nones, trues = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(200):
    item.data(1000)  # an invalid QVariant comes back as None
    sender.flag.emit(True)  # a bool signal argument reaches a Python slot
print(nones - sys.getrefcount(None), trues - sys.getrefcount(True))
"""


def lost_references(protect: bool) -> tuple[int, int]:
    code = PROBE.format(
        protect="from qz_evaluator.ui.pyside_fixes import protect_singletons\nprotect_singletons()"
        if protect
        else ""
    )
    # Unprotected, the probe may abort at exit (None deallocated): its answer is printed first.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    nones, trues = result.stdout.split()
    return int(nones), int(trues)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons from Python 3.12")
def test_shiboken_still_drops_references_to_none_and_true() -> None:
    # If this fails, PySide6 fixed the leak: remove ui/pyside_fixes.py and its callers.
    assert lost_references(protect=False) >= (200, 200)


def test_protected_singletons_survive_a_long_session() -> None:
    from PySide6.QtGui import QStandardItem

    from qz_evaluator.ui.pyside_fixes import protect_singletons

    protect_singletons()
    item = QStandardItem()
    for _ in range(50_000):  # more than None's natural reference count
        item.data(1000)
    assert min(sys.getrefcount(x) for x in (None, True, False)) > 1 << 39
    assert lost_references(protect=True) >= (200, 200)  # still lost, but harmless now


SOURCE_PROBE = """
import inspect, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
{skip}
read = []
getsource = inspect.getsource
inspect.getsource = lambda obj, *args: read.append(obj.__name__) or getsource(obj, *args)
import fresh_module
print(read.count("fresh_module"))
"""


def sources_read(tmp_path: Path, skip: bool) -> int:
    (tmp_path / "fresh_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    code = SOURCE_PROBE.format(
        skip="from qz_evaluator.ui.pyside_fixes import skip_feature_probe\nskip_feature_probe()"
        if skip
        else ""
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    return int(result.stdout)


def test_pyside_still_reads_the_source_of_every_imported_module(tmp_path: Path) -> None:
    # If this fails, PySide6 stopped probing sources: remove skip_feature_probe().
    assert sources_read(tmp_path, skip=False) == 1


def test_the_window_package_turns_the_source_probe_off(tmp_path: Path) -> None:
    assert sources_read(tmp_path, skip=True) == 0
    # and importing qz_evaluator.ui is what does it, before any view module is loaded
    code = (
        "import qz_evaluator.ui, sys\n"
        "print(sys.modules['shibokensupport.feature']._mod_uses_pyside.__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "_uses_no_features"
