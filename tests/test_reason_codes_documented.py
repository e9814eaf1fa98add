"""README's "What verification checks" lists every reason a file or input is refused,
read from the enums that define them: a code added in the program and not in the README
(or the other way round) fails here."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from qz_evaluator.domain.eligibility import Ineligible
from qz_evaluator.domain.scorecard_document import MergeConflict
from qz_evaluator.domain.text import TextRefusal
from qz_evaluator.exchange.package import PackageRefusal
from qz_evaluator.exchange.receipt import ReceiptRefusal
from qz_evaluator.services.merge import MergeRejection, Outcome
from qz_evaluator.services.paper import PaperOutcome
from qz_evaluator.services.scorecard_files import Rejection

README = Path(__file__).resolve().parents[1] / "README.md"
FAMILIES: tuple[type[StrEnum], ...] = (
    Rejection,
    MergeRejection,
    MergeConflict,
    Ineligible,
    Outcome,
    PackageRefusal,
    ReceiptRefusal,
    TextRefusal,
    PaperOutcome,
)


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## What verification checks")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


CODE = r"`([a-z0-9]+(?:-[a-z0-9]+)*)`"


def test_every_reason_code_is_in_the_readme() -> None:
    section = _section()
    # The tables' first column, and the sentence naming what merge records for a file.
    listed = set(re.findall(r"^\| " + CODE + r" \|", section, flags=re.MULTILINE))
    outcomes = section[section.index("and records each file as") :].split("\n\n")[0]
    listed |= set(re.findall(CODE, outcomes))
    codes = {member.value for family in FAMILIES for member in family}
    assert sorted(codes - listed) == []  # in the program, missing from the README
    assert sorted(listed - codes) == []  # in the README, unknown to the program
