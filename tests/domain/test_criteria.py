from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from qz_evaluator.assets import get_asset, load_criteria_file
from qz_evaluator.domain.criteria import CriteriaSet, ItemKind, parse_criteria
from qz_evaluator.domain.errors import CriteriaError

EXPECTED_POINTS = {
    "4.1.2": 50,
    "4.1.3": 30,
    "4.1.4": 30,
    "4.2.2": 40,
    "4.2.3": 50,
    "4.3.2": 40,
    "4.3.3": 50,
    "4.4.2": 60,
    "4.4.3": 15,
    "4.4.4": 20,
    "4.4.5": 15,
    "4.4.6": 10,
    "4.4.7": 10,
    "4.5.2": 50,
    "4.5.3": 50,
    "4.6.2": 40,
    "4.6.3": 40,
    "4.7.2": 80,
    "4.7.3": 80,
    "4.7.4": 80,
    "4.7.5": 60,
    "4.7.6": 50,
    "4.7.7": 50,
}


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        get_asset("criteria", "gbt19580-2012.json").read_text(encoding="utf-8")
    )
    return data


def test_gbt19580_has_the_published_point_table(criteria: CriteriaSet) -> None:
    assert {item.code: item.points for item in criteria.items} == EXPECTED_POINTS
    assert len(criteria.items) == 23
    assert criteria.total_points == 1000
    assert criteria.points_of_kind(ItemKind.PROCESS) == 600
    assert criteria.points_of_kind(ItemKind.RESULTS) == 400
    assert [c.points for c in criteria.categories] == [110, 90, 90, 130, 100, 80, 400]


def test_bands_and_dimensions(criteria: CriteriaSet) -> None:
    for kind in ItemKind:
        bands = criteria.bands[kind]
        assert [(b.low, b.high) for b in bands] == [
            (0, 5),
            (10, 25),
            (30, 45),
            (50, 65),
            (70, 85),
            (90, 100),
        ]
        assert all(b.descriptor.zh and b.descriptor.en for b in bands)
    leadership = criteria.item("4.1.2")
    results = criteria.item("4.7.2")
    assert [d.label.zh for d in criteria.dimensions_for(leadership)] == [
        "方法",
        "展开",
        "学习",
        "整合",
    ]
    assert [d.label.en for d in criteria.dimensions_for(results)] == [
        "Levels",
        "Trends",
        "Comparisons",
        "Integration",
    ]
    assert criteria.band_for(results, 35).label == "30–45%"


def _broken(tmp_path: Path, change: Any) -> Path:
    data = copy.deepcopy(raw())
    change(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set_points(data: dict[str, Any]) -> None:
    data["categories"][0]["items"][0]["points"] = 55


def _dup_code(data: dict[str, Any]) -> None:
    data["categories"][1]["items"][0]["code"] = "4.1.2"


def _total(data: dict[str, Any]) -> None:
    data["total_points"] = 900


def _version(data: dict[str, Any]) -> None:
    data["version"] = 99


def _band_gap(data: dict[str, Any]) -> None:
    data["bands"]["process"][2]["low"] = 35


def _no_name(data: dict[str, Any]) -> None:
    del data["categories"][0]["items"][1]["name"]["en"]


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        (_set_points, "category 4.1: item points add up to 115, but the category declares 110"),
        (_dup_code, "code '4.1.2' is used twice"),
        (_total, "category points add up to 1000, but total_points is 900"),
        (_version, "version 99 is not supported"),
        (_band_gap, "does not continue the bands"),
        (_no_name, "item 4.1.3 name: needs non-empty 'zh' and 'en'"),
    ],
)
def test_broken_files_are_refused_naming_file_and_fault(
    tmp_path: Path, change: Any, fault: str
) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(CriteriaError) as caught:
        load_criteria_file(path)
    assert str(path) in str(caught.value)
    assert fault in str(caught.value)


def test_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "qz-criteria",\n "version": }', encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"bad\.json: not valid JSON \(line 2"):
        load_criteria_file(path)


def test_another_criteria_set_loads_without_code_change() -> None:
    data = raw()
    data["id"] = "mini"
    data["total_points"] = 100
    data["categories"] = [
        {
            "code": "1",
            "name": {"zh": "领导", "en": "Leadership"},
            "points": 60,
            "kind": "process",
            "items": [{"code": "1.1", "name": {"zh": "甲", "en": "A"}, "points": 60}],
        },
        {
            "code": "2",
            "name": {"zh": "结果", "en": "Results"},
            "points": 40,
            "kind": "results",
            "items": [{"code": "2.1", "name": {"zh": "乙", "en": "B"}, "points": 40}],
        },
    ]
    mini = parse_criteria(data, "mini.json")
    assert [i.code for i in mini.items] == ["1.1", "2.1"]


def test_category_spans_come_from_the_criteria_set(criteria: CriteriaSet) -> None:
    assert criteria.category_span(ItemKind.PROCESS) == "4.1–4.6"
    assert criteria.category_span(ItemKind.RESULTS) == "4.7"
    data = raw()
    data["categories"].insert(0, data["categories"].pop())  # results first, then process
    data["categories"][3]["kind"] = "results"  # 4.3 becomes a results category
    changed = parse_criteria(data, "changed.json")
    assert changed.category_span(ItemKind.RESULTS) == "4.7, 4.3"
    assert changed.category_span(ItemKind.PROCESS) == "4.1, 4.2, 4.4, 4.5, 4.6"
