"""`qzeval self-test`: the installation's checks (`services.self_test`), as a report."""

from __future__ import annotations

import argparse

from qz_evaluator.cli.common import EXIT_FAILED, EXIT_OK, _out
from qz_evaluator.services.self_test import format_report, passed, run_self_test


def cmd_self_test(args: argparse.Namespace) -> int:
    results = run_self_test()
    ok = passed(results)
    _out(
        args,
        {"ok": ok, "checks": [result.as_dict() for result in results]},
        format_report(results, "qzeval"),
    )
    return EXIT_OK if ok else EXIT_FAILED
