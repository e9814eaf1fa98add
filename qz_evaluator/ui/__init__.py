"""The desktop window: the only package that imports PySide6 (see docs/ARCHITECTURE.md).

Importing it first turns off PySide's per-module source probe (ui.pyside_fixes), so
that nothing imported after it, in the window or below, pays for a feature the
program does not use.
"""

from qz_evaluator.ui.pyside_fixes import skip_feature_probe

skip_feature_probe()
