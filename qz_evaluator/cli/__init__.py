"""`qzeval`: the headless front end. Same use cases as the window; never imports Qt.

The arguments are parsed first; only then is the command's module imported (see `parser`),
so that `qzeval --version` and `qzeval show` start in a fraction of the full import time.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from qz_evaluator.cli.common import run
from qz_evaluator.cli.parser import build_parser

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code. Errors a person can act on are printed
    and give 1; argparse's usage errors, --help and --version raise `SystemExit` as usual."""
    # In a frozen bundle a merge's verification worker is this executable started again:
    # freeze_support() runs the worker there and exits, before any argument is parsed.
    # (Only a bundle needs it; from source it would cost the start ~10 ms of imports.)
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
