"""Picture the scorecard's last page, 修改记录 (issue 13), for the README.

    .venv/bin/python scripts/history_page.py [--out docs/screenshots/scorecard-history-zh.png]

In a scratch copy of the demo: P01 scores a candidate, finalises, reopens it with a
reason, changes a score and a comment, and finalises again. The scorecard is rendered as
export renders it (unsigned: no keychain needed), and poppler's `pdftoppm` draws the top
of its last page.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents.scorecard_pdf import render_scorecard
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services import demo, scorecard_files
from qz_evaluator.services.scoring import ScoringService

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs/screenshots/scorecard-history-zh.png"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        workspace = demo.build_demo(Path(scratch) / "demo.qzw")
        service = ScoringService(workspace)
        card = service.ensure_all(demo.SITE_ROUND)[-1]
        items = criteria_set(card.criteria_id).items
        for index, item in enumerate(items):
            card = service.set_percent(card, item.code, 55 + 5 * (index % 4)).card
            card = service.set_text(card, item.code, TextField.STRENGTHS, f"{item.code} 强项").card
            card = service.set_text(card, item.code, TextField.OFIS, f"{item.code} 改进机会").card
        card = service.finalise(card, affirm_declaration=True).card
        card = service.reopen(card, "现场复核：4.2 的数据口径更正").card
        card = service.set_percent(card, items[0].code, 40).card
        card = service.set_text(card, items[1].code, TextField.OFIS, "补充：数据未分解").card
        card = service.finalise(card, affirm_declaration=True).card
        document = scorecard_files._document(workspace, card, 2, "2026-12-01T08:00:00+00:00")
        workspace.close()
        pdf = Path(scratch) / "card.pdf"
        pdf.write_bytes(render_scorecard(document, criteria_set(card.criteria_id), "zh"))
        pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
        last = next(
            line.split()[-1] for line in pages.stdout.splitlines() if line.startswith("Pages:")
        )
        stem = args.out.with_suffix("")
        subprocess.run(
            [
                "pdftoppm",
                "-f",
                last,
                "-l",
                last,
                "-r",
                "110",
                "-x",
                "0",
                "-y",
                "40",
                "-W",
                "909",
                "-H",
                "440",
                "-png",
                "-singlefile",
                pdf,
                stem,
            ],
            check=True,
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
