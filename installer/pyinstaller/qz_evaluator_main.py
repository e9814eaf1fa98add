"""Entry of the bundled `qz-evaluator` (the window). freeze_support() comes first, before
Qt or the services are imported: a worker process started with `spawn` (Windows, macOS)
runs this executable again and must become the worker, not a second window."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from qz_evaluator.ui.app import main

    sys.exit(main())
