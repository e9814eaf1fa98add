import sys

from qz_evaluator.cli import main

sys.exit(main())
