"""Criteria sets (GB/T 19580-2012 and others) as immutable trees parsed from JSON data.

The points, bands and dimension sets are data, never constants in code, so that a later
revision of the standard or another award's criteria loads without a code change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from qz_evaluator.domain.errors import CriteriaError
from qz_evaluator.domain.text import Bilingual

FORMAT = "qz-criteria"
SUPPORTED_VERSIONS = frozenset({1})


class ItemKind(StrEnum):
    """Process items are judged on ADLI, results items on LeTCI."""

    PROCESS = "process"
    RESULTS = "results"


DIMENSION_SET_FOR_KIND = {ItemKind.PROCESS: "ADLI", ItemKind.RESULTS: "LeTCI"}


@dataclass(frozen=True, slots=True)
class Dimension:
    code: str
    label: Bilingual


@dataclass(frozen=True, slots=True)
class Band:
    """A scoring band such as 30–45 %, with its descriptor."""

    low: int
    high: int
    descriptor: Bilingual

    def contains(self, percent: int) -> bool:
        return self.low <= percent <= self.high

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}%"

    def values(self, step: int) -> list[int]:
        return list(range(self.low, self.high + 1, step))


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: Bilingual
    points: int
    kind: ItemKind
    category_code: str


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: Bilingual
    points: int
    kind: ItemKind
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    id: str
    version: int
    name: Bilingual
    total_points: int
    step_percent: int
    categories: tuple[Category, ...]
    bands: Mapping[ItemKind, tuple[Band, ...]]
    dimension_sets: Mapping[str, tuple[Dimension, ...]]
    # Derived once: results look items up hundreds of thousands of times at a province.
    _items: tuple[Item, ...] = field(init=False, repr=False, compare=False)
    _by_code: Mapping[str, Item] = field(init=False, repr=False, compare=False)
    item_codes: frozenset[str] = field(init=False, repr=False, compare=False)
    valid_percents: frozenset[int | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple(item for category in self.categories for item in category.items)
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_by_code", {item.code: item for item in items})
        object.__setattr__(self, "item_codes", frozenset(item.code for item in items))
        # None is "not scored"; the rest are the steps from 0 to 100 %.
        steps = frozenset[int | None](range(0, 101, self.step_percent))
        object.__setattr__(self, "valid_percents", steps | {None})

    @property
    def items(self) -> tuple[Item, ...]:
        return self._items

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items)

    def item(self, code: str) -> Item:
        found = self._by_code.get(code)
        if found is None:
            raise CriteriaError("criteria set {id} has no item {code!r}", id=self.id, code=code)
        return found

    def has_item(self, code: str) -> bool:
        return code in self._by_code

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        raise CriteriaError("criteria set {id} has no category {code!r}", id=self.id, code=code)

    def bands_for(self, item: Item) -> tuple[Band, ...]:
        return self.bands[item.kind]

    def band_for(self, item: Item, percent: int) -> Band:
        for band in self.bands[item.kind]:
            if band.contains(percent):
                return band
        raise CriteriaError("no band of {id} contains {percent}%", id=self.id, percent=percent)

    def dimensions_for(self, item: Item) -> tuple[Dimension, ...]:
        return self.dimension_sets[DIMENSION_SET_FOR_KIND[item.kind]]

    def points_of_kind(self, kind: ItemKind) -> int:
        return sum(c.points for c in self.categories if c.kind is kind)

    def category_span(self, kind: ItemKind) -> str:
        """The categories of this kind as documents print them: "4.1–4.6", or "4.7" alone
        (listed one by one if other categories come between them)."""
        positions = [i for i, c in enumerate(self.categories) if c.kind is kind]
        codes = [self.categories[i].code for i in positions]
        if len(codes) <= 1:
            return "".join(codes)
        if positions[-1] - positions[0] == len(positions) - 1:
            return f"{codes[0]}–{codes[-1]}"
        return ", ".join(codes)


def _require(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise CriteriaError(
            "{where}: field {key!r} is missing or not a {name__}",
            where=where,
            key=key,
            name__=kind.__name__,
        )
    return value


def _bilingual(data: Mapping[str, Any], key: str, where: str) -> Bilingual:
    value = _require(data, key, dict, where)
    try:
        return Bilingual.from_mapping(value, f"{where} {key}")
    except ValueError as error:
        raise CriteriaError(str(error)) from None


def _parse_bands(raw: Any, kind: ItemKind, step: int, where: str) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise CriteriaError("{where}: bands for {kind} items are missing", where=where, kind=kind)
    bands: list[Band] = []
    expected_low = 0
    for index, entry in enumerate(raw):
        spot = f"{where}: {kind} band {index + 1}"
        if not isinstance(entry, dict):
            raise CriteriaError("{spot} is not an object", spot=spot)
        low, high = _require(entry, "low", int, spot), _require(entry, "high", int, spot)
        if low != expected_low or high < low or low % step or high % step:
            raise CriteriaError(
                "{spot} ({low}–{high}%) does not continue the bands in {step}% steps "
                "from {expected_low}%",
                spot=spot,
                low=low,
                high=high,
                step=step,
                expected_low=expected_low,
            )
        try:
            descriptor = Bilingual.from_mapping(entry, spot)
        except ValueError as error:
            raise CriteriaError(str(error)) from None
        bands.append(Band(low=low, high=high, descriptor=descriptor))
        expected_low = high + step
    if bands[-1].high != 100:
        raise CriteriaError(
            "{where}: {kind} bands end at {high}%, not at 100%",
            where=where,
            kind=kind,
            high=bands[-1].high,
        )
    return tuple(bands)


def parse_criteria(data: Any, source: str) -> CriteriaSet:
    """Build and validate a criteria set; `source` names the file in every error."""
    if not isinstance(data, dict):
        raise CriteriaError(
            "{source}: not a criteria document (expected a JSON object)", source=source
        )
    if data.get("format") != FORMAT:
        raise CriteriaError(
            "{source}: format is {get!r}, expected {FORMAT!r}",
            source=source,
            get=data.get("format"),
            FORMAT=FORMAT,
        )
    version = data.get("version")
    if version not in SUPPORTED_VERSIONS:
        raise CriteriaError(
            "{source}: criteria format version {version!r} is not supported by this "
            "program (supported: {join})",
            source=source,
            version=version,
            join=", ".join(map(str, sorted(SUPPORTED_VERSIONS))),
        )
    set_id = _require(data, "id", str, source)
    total = _require(data, "total_points", int, source)
    step = _require(data, "step_percent", int, source)
    if step <= 0 or 100 % step:
        raise CriteriaError(
            "{source}: step_percent {step} does not divide 100", source=source, step=step
        )
    name = _bilingual(data, "name", source)

    raw_dimensions = _require(data, "dimension_sets", dict, source)
    dimension_sets: dict[str, tuple[Dimension, ...]] = {}
    for set_name, entries in raw_dimensions.items():
        if not isinstance(entries, list) or not entries:
            raise CriteriaError(
                "{source}: dimension set {set_name!r} is empty", source=source, set_name=set_name
            )
        dims = []
        for entry in entries:
            spot = f"{source}: dimension set {set_name}"
            code = _require(entry, "code", str, spot) if isinstance(entry, dict) else None
            if code is None:
                raise CriteriaError("{spot}: entries must be objects", spot=spot)
            try:
                dims.append(Dimension(code=code, label=Bilingual.from_mapping(entry, spot)))
            except ValueError as error:
                raise CriteriaError(str(error)) from None
        dimension_sets[set_name] = tuple(dims)
    for kind, set_name in DIMENSION_SET_FOR_KIND.items():
        if set_name not in dimension_sets:
            raise CriteriaError(
                "{source}: dimension set {set_name} for {kind} items is missing",
                source=source,
                set_name=set_name,
                kind=kind,
            )

    raw_bands = _require(data, "bands", dict, source)
    bands = {kind: _parse_bands(raw_bands.get(kind.value), kind, step, source) for kind in ItemKind}

    raw_categories = _require(data, "categories", list, source)
    if not raw_categories:
        raise CriteriaError("{source}: no categories", source=source)
    seen: set[str] = set()
    categories: list[Category] = []
    for raw in raw_categories:
        if not isinstance(raw, dict):
            raise CriteriaError("{source}: a category is not an object", source=source)
        code = _require(raw, "code", str, f"{source}: category")
        where = f"{source}: category {code}"
        if code in seen:
            raise CriteriaError("{where}: code {code!r} is used twice", where=where, code=code)
        seen.add(code)
        try:
            kind = ItemKind(str(raw.get("kind")))
        except ValueError:
            raise CriteriaError(
                "{where}: kind must be 'process' or 'results'", where=where
            ) from None
        points = _require(raw, "points", int, where)
        items: list[Item] = []
        for raw_item in _require(raw, "items", list, where):
            if not isinstance(raw_item, dict):
                raise CriteriaError("{where}: an item is not an object", where=where)
            item_code = _require(raw_item, "code", str, where)
            item_where = f"{source}: item {item_code}"
            if item_code in seen:
                raise CriteriaError(
                    "{item_where}: code {item_code!r} is used twice",
                    item_where=item_where,
                    item_code=item_code,
                )
            seen.add(item_code)
            item_points = _require(raw_item, "points", int, item_where)
            if item_points <= 0:
                raise CriteriaError(
                    "{item_where}: points must be positive, got {item_points}",
                    item_where=item_where,
                    item_points=item_points,
                )
            items.append(
                Item(
                    code=item_code,
                    name=_bilingual(raw_item, "name", item_where),
                    points=item_points,
                    kind=kind,
                    category_code=code,
                )
            )
        if not items:
            raise CriteriaError("{where}: has no scored items", where=where)
        item_sum = sum(item.points for item in items)
        if item_sum != points:
            raise CriteriaError(
                "{where}: item points add up to {item_sum}, but the category declares {points}",
                where=where,
                item_sum=item_sum,
                points=points,
            )
        categories.append(
            Category(
                code=code,
                name=_bilingual(raw, "name", where),
                points=points,
                kind=kind,
                items=tuple(items),
            )
        )
    category_sum = sum(c.points for c in categories)
    if category_sum != total:
        raise CriteriaError(
            "{source}: category points add up to {category_sum}, but total_points is {total}",
            source=source,
            category_sum=category_sum,
            total=total,
        )
    return CriteriaSet(
        id=set_id,
        version=version,
        name=name,
        total_points=total,
        step_percent=step,
        categories=tuple(categories),
        bands=bands,
        dimension_sets=dimension_sets,
    )
