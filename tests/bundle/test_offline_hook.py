"""The bundle's runtime hook (installer/pyinstaller/rthook_offline.py), from source.

build.spec leaves aiohttp and pyHanko's network clients out of the bundle; the hook puts
stand-ins where pyHanko imports them by name. Here a fresh interpreter runs the hook,
makes every left-out module unimportable (as in the bundle), and signs and verifies a
throwaway scorecard: signing and verifying never needed them. The stand-ins refuse use.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "installer" / "pyinstaller" / "rthook_offline.py"

SCRIPT = f"""
import runpy, sys, tempfile
from pathlib import Path
runpy.run_path({str(HOOK)!r})
for name in ("aiohttp", "requests", "yarl", "multidict"):
    sys.modules[name] = None  # `import aiohttp` now raises ImportError, as in the bundle
from qz_evaluator.services.self_test import check_scorecard
with tempfile.TemporaryDirectory() as folder:
    print(check_scorecard(Path(folder)))
from pyhanko.sign.timestamps import HTTPTimeStamper
try:
    HTTPTimeStamper("http://127.0.0.1/tsa")
except RuntimeError as refused:
    print("refused:", refused)
assert "aiohttp" not in {{m.split(".")[0] for m, v in sys.modules.items() if v is not None}}
"""


def test_signing_and_verifying_need_no_network_client() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "rendered, signed and verified" in result.stdout
    assert "refused: qz-evaluator works offline" in result.stdout
