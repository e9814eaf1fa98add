"""One label table for every printed document, and no award constants in it."""

from __future__ import annotations

from pathlib import Path

from qz_evaluator.assets import criteria_set
from qz_evaluator.documents import labels, report_common
from qz_evaluator.domain.criteria import ItemKind


def test_reports_and_scorecards_read_the_same_table() -> None:
    assert report_common.label is labels.label
    assert not hasattr(report_common, "L")
    assert labels.label("overview", "en", c=3, f=15) == "3 candidates, 15 merged scorecards."
    assert labels.label("card_revision", "zh") == "修订版次"
    assert labels.label("revision", "en") == "Rev."


def test_category_groups_are_printed_from_the_criteria_set() -> None:
    criteria = criteria_set("gbt19580-2012")
    process = criteria.category_span(ItemKind.PROCESS)
    results = criteria.category_span(ItemKind.RESULTS)
    assert labels.label("process", "zh", categories=process) == "过程类得分（4.1–4.6）"
    assert labels.label("results", "en", categories=results) == "Results items (4.7)"
    source = Path(labels.__file__).read_text("utf-8")
    assert "4.1" not in source and "4.7" not in source
