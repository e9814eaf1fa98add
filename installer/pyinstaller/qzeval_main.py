"""Entry of the bundled `qzeval` (console). freeze_support() comes first, before any heavy
import: a merge worker started with `spawn` (Windows, macOS) runs this executable again,
and must become the worker instead of parsing qzeval's arguments."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from qz_evaluator.cli import main

    sys.exit(main())
