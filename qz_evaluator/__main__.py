"""`python -m qz_evaluator`: the CLI. Guarded: a process the `spawn` start method starts
(merge's verification workers on Windows and macOS) imports this module as `__mp_main__`
and must not run a command again."""

import sys

from qz_evaluator.cli import main

if __name__ == "__main__":
    sys.exit(main())
