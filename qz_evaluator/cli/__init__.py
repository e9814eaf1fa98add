"""`qzeval`: the headless front end. Same use cases as the window; never imports Qt."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from qz_evaluator import __version__
from qz_evaluator.cli import pool_commands, round_commands, scoring_commands
from qz_evaluator.cli.common import EXIT_FAILED, USER_ERRORS, Handler


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", help="workspace file (or set QZ_WORKSPACE)")
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of criteria labels (default zh)",
    )

    parser = argparse.ArgumentParser(
        prog="qzeval",
        description="qz-evaluator headless commands: workspaces, the three-tier pool, roster, "
        "panels, scorecards, signing, assignment packages, merging, results and reports.",
    )
    parser.add_argument("--version", action="version", version=f"qzeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Handler, help_text: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        p.set_defaults(handler=handler)
        return p

    for commands in (pool_commands, scoring_commands, round_commands):
        commands.register(sub, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except USER_ERRORS as error:
        print(f"qzeval: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
