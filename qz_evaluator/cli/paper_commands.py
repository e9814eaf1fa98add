"""qzeval verify-paper: a printed scorecard's code or picture against the merged records."""

from __future__ import annotations

import argparse
from pathlib import Path

from qz_evaluator.cli.common import EXIT_FAILED, EXIT_OK, _out, _workspace
from qz_evaluator.services import paper
from qz_evaluator.services.paper import PaperCheck, PaperOutcome


def _looks_like_file(text: str) -> bool:
    path = Path(text)
    return path.is_file() or path.suffix.lower() in {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def check_text(check: PaperCheck) -> str:
    lines = [f"{check.outcome.value.upper()}: {check.code}", str(check.message)]
    if check.record_file:
        lines.append(f"  record: r{check.record_revision} {check.record_file}")
    if check.page_total is not None and check.page_total != check.record_total:
        lines.append(f"  total: {check.page_total} on this page → {check.record_total} now")
    lines += [
        f"  {change.item_code}: {_percent(change.on_paper)} on this page → "
        f"{_percent(change.in_record)} now"
        for change in check.changes
    ]
    return "\n".join(lines)


def cmd_verify_paper(args: argparse.Namespace) -> int:
    given: str = args.code_or_image
    with _workspace(args) as workspace:
        if _looks_like_file(given):
            checks = paper.verify_image(workspace, Path(given))
        else:
            checks = [paper.verify_code(workspace, given)]
    # --json: a list, as `verify` prints (a photo may hold more than one page's code).
    _out(args, [c.as_dict() for c in checks], "\n\n".join(check_text(c) for c in checks))
    return EXIT_OK if all(c.outcome is PaperOutcome.MATCHES for c in checks) else EXIT_FAILED
