"""Work-arounds for bugs of the PySide6 release we ship (6.12.0).

Reference counts of None, True and False: shiboken6 6.12.0 drops a reference to these
singletons when it converts them for Python in some paths — an invalid QVariant or a
null pointer becoming None (`item.data(role)`, `currentItem()`, `activeWindow()`), a
bool signal argument reaching a Python slot (every `QAction.triggered`). On Python 3.11
they are ordinary objects with counts of a few thousand, so an hour of work — or one
test run — takes one to zero and the interpreter aborts ("none_dealloc: deallocating
None", "bool_dealloc"). Python 3.12 made them immortal, which hides the bug there.
`protect_singletons()` gives them the same immortality on 3.11 by raising their counts
far out of reach. Remove this module when `tests/ui/test_pyside_fixes.py` says the bug
is gone.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # ≈ 10¹² lost references before anything could go wrong


def protect_singletons() -> None:
    """Make the reference counts of None, True and False unreachable for the leak."""
    if sys.version_info >= (3, 12):
        return  # immortal objects: reference counting leaves them alone
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _HEADROOM:
            count.value += _HEADROOM


def skip_feature_probe() -> None:
    """Stop PySide reading the source of every module imported after it.

    PySide replaces `__import__` to support `from __feature__ import snake_case`, and
    decides whether each newly imported module may use such features by reading its
    whole source (`inspect.getsource`): about a hundred files, ~20 ms, on the way to
    the window's first paint. The program uses no `__feature__`, so every module can be
    told "no features" without reading it. Private to shiboken, hence looked up, not
    assumed: a release without the probe leaves nothing to skip.
    """
    import PySide6  # noqa: F401  # installs the import hook and its feature module

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_features  # type: ignore[attr-defined]


def _uses_no_features(module: object) -> bool:
    return False
