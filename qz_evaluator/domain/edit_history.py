"""A scorecard's edit history: how its scores came to be, hash-chained (scorecard.json v3).

Each entry is one change of the evaluator's own workspace audit trail: when, which item,
which field, old → new. Status changes and the reasons given for reopening a final card
are entries too. Nothing else: no actor, machine or path, and no free text beyond the
evaluator's own comments and reasons.

Each entry holds the SHA-256 of the previous entry's canonical JSON (`prev`); the first
holds the SHA-256 of the scorecard's identity, so a history cannot be moved to another
card. The head (the last entry's digest) is stored beside the entries, inside the signed
scorecard.json. `check` recomputes the chain and replays the history: each change must
start from the value the one before left, and the values it ends with must be the
document's. `scorecard_document` reads and writes the history through this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from qz_evaluator.domain.scorecard import ItemEntry, ScorecardStatus
from qz_evaluator.domain.signed_json import canonical_json

Value = int | str | None


class HistoryField(StrEnum):
    """What one entry changed: an item's percentage or one of its texts, the card's
    status, or a reason given for reopening it (the audit trail's field names)."""

    PERCENT = "percent"
    STRENGTHS = "strengths"
    OFIS = "ofis"
    EVIDENCE = "evidence"
    STATUS = "status"
    REASON = "reason"


ITEM_FIELDS = (
    HistoryField.PERCENT,
    HistoryField.STRENGTHS,
    HistoryField.OFIS,
    HistoryField.EVIDENCE,
)
TEXT_FIELDS = frozenset({HistoryField.STRENGTHS, HistoryField.OFIS, HistoryField.EVIDENCE})


@dataclass(frozen=True, slots=True)
class Change:
    """One change before it is chained: what the workspace's audit trail recorded."""

    at: str
    field: HistoryField
    item: str | None
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: str
    field: HistoryField
    item: str | None
    old: Value
    new: Value
    prev: str  # SHA-256 of the previous entry's canonical JSON (or of the card's identity)

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "field": self.field.value,
            "item": self.item,
            "old": self.old,
            "new": self.new,
            "prev": self.prev,
        }

    @property
    def change(self) -> Change:
        return Change(self.at, self.field, self.item, self.old, self.new)


@dataclass(frozen=True, slots=True)
class EditHistory:
    entries: tuple[HistoryEntry, ...]
    head: str  # SHA-256 of the last entry (of the card's identity when there is none)

    def as_json(self) -> dict[str, Any]:
        return {"head": self.head, "entries": [entry.as_json() for entry in self.entries]}


def entry_digest(entry: HistoryEntry) -> str:
    return hashlib.sha256(canonical_json(entry.as_json())).hexdigest()


def genesis(round_code: str, credit_code: str, evaluator_code: str) -> str:
    """Where a card's chain starts: the digest of the card's identity."""
    identity = {
        "chain": "qz-scorecard-history",
        "round": round_code,
        "candidate": credit_code,
        "evaluator": evaluator_code,
    }
    return hashlib.sha256(canonical_json(identity)).hexdigest()


def chain(changes: Iterable[Change], start: str) -> EditHistory:
    entries: list[HistoryEntry] = []
    prev = start
    for change in changes:
        entry = HistoryEntry(change.at, change.field, change.item, change.old, change.new, prev)
        entries.append(entry)
        prev = entry_digest(entry)
    return EditHistory(tuple(entries), prev)


def compact(changes: Iterable[Change]) -> list[Change]:
    """One change per burst of typing: the window saves a text a quarter of a second after
    each pause, so the audit trail holds many saves of one field in a row. Adjacent
    changes of the same item's same text field become one (the first's old value, the
    last's new value and time); one that ends where it began is dropped. Percentages,
    status changes and reasons stay one entry each."""
    result: list[Change] = []
    for change in changes:
        last = result[-1] if result else None
        if (
            last is not None
            and change.field in TEXT_FIELDS
            and (last.field, last.item) == (change.field, change.item)
            and last.new == change.old
        ):
            result[-1] = Change(change.at, change.field, change.item, last.old, change.new)
            if last.old == change.new:
                result.pop()
            continue
        result.append(change)
    return result


def value_of(field: HistoryField, text: str | None) -> Value:
    """An audit trail value (stored as text) as the history holds it."""
    if text is None:
        return None if field in (HistoryField.PERCENT, HistoryField.REASON) else ""
    if field is HistoryField.PERCENT:
        return int(text)
    return text


def changes_stating(entries: Iterable[ItemEntry], status: ScorecardStatus, at: str) -> list[Change]:
    """A history for a card known without its audit trail: one change per value it holds,
    all at `at` (the card's status last). Export never uses this: it has the trail."""
    changes: list[Change] = []
    for entry in entries:
        for field in ITEM_FIELDS:
            value = _item_value(entry, field)
            if value != _default(field):
                changes.append(Change(at, field, entry.item_code, _default(field), value))
    if status is not ScorecardStatus.DRAFT:
        changes.append(Change(at, HistoryField.STATUS, None, "draft", status.value))
    return changes


def _default(field: HistoryField) -> Value:
    return None if field is HistoryField.PERCENT else ""


def _item_value(entry: ItemEntry, field: HistoryField) -> Value:
    if field is HistoryField.PERCENT:
        return entry.percent
    return str(getattr(entry, field.value))


# ----- reading and checking ------------------------------------------------------------


class HistoryProblem(ValueError):
    """Why a history does not hold together (English detail for the mismatch message)."""


def _value(raw: Any, field: HistoryField, where: str) -> Value:
    if field is HistoryField.PERCENT:
        if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
            return raw
        raise HistoryProblem(f"{where}: a percentage is not a number")
    if field is HistoryField.REASON and raw is None:
        return None
    if not isinstance(raw, str):
        raise HistoryProblem(f"{where}: a value is not text")
    return raw


def _digest_text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or len(raw) != 64 or any(c not in "0123456789abcdef" for c in raw):
        raise HistoryProblem(f"{where}: not a SHA-256 digest")
    return raw


def from_json(raw: Any) -> EditHistory:
    """The history as scorecard.json holds it, field types checked (not yet the chain)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise HistoryProblem("the history is missing or malformed")
    entries = []
    for number, item in enumerate(raw["entries"], start=1):
        where = f"entry {number}"
        if not isinstance(item, dict) or set(item) != {"at", "field", "item", "old", "new", "prev"}:
            raise HistoryProblem(f"{where}: not a history entry")
        try:
            field = HistoryField(item["field"])
        except ValueError:
            raise HistoryProblem(f"{where}: unknown field {item['field']!r}") from None
        code = item["item"]
        if not (isinstance(code, str) if field in ITEM_FIELDS else code is None):
            raise HistoryProblem(f"{where}: the item is missing or out of place")
        if not isinstance(item["at"], str):
            raise HistoryProblem(f"{where}: the time is not text")
        entries.append(
            HistoryEntry(
                at=item["at"],
                field=field,
                item=code,
                old=_value(item["old"], field, where),
                new=_value(item["new"], field, where),
                prev=_digest_text(item["prev"], where),
            )
        )
    return EditHistory(tuple(entries), _digest_text(raw.get("head"), "head"))


@dataclass(frozen=True, slots=True)
class Replay:
    """The values a history ends with."""

    items: Mapping[str, Mapping[HistoryField, Value]]
    status: str


def replay(history: EditHistory) -> Replay:
    """Play the changes in order; each must start from the value the one before left."""
    items: dict[str, dict[HistoryField, Value]] = {}
    status = ScorecardStatus.DRAFT.value
    for number, entry in enumerate(history.entries, start=1):
        if entry.field is HistoryField.REASON:
            continue
        if entry.field is HistoryField.STATUS:
            current: Value = status
        else:
            assert entry.item is not None  # from_json: item fields name their item
            current = items.get(entry.item, {}).get(entry.field, _default(entry.field))
        if entry.old != current:
            raise HistoryProblem(
                f"entry {number} changes {entry.item or 'the status'} {entry.field.value} "
                f"from {entry.old!r}, but the history before left {current!r}"
            )
        if entry.field is HistoryField.STATUS:
            if not isinstance(entry.new, str):
                raise HistoryProblem(f"entry {number}: the status is not text")
            status = entry.new
        else:
            assert entry.item is not None
            items.setdefault(entry.item, {})[entry.field] = entry.new
    return Replay(items, status)


def check(
    history: EditHistory,
    start: str,
    entries: Sequence[ItemEntry],
    status: ScorecardStatus,
) -> None:
    """Raise HistoryProblem unless the chain holds from `start` to its head and the
    history's final values are the document's (every item's percentage and texts, and
    its status)."""
    prev = start
    for number, link in enumerate(history.entries, start=1):
        if link.prev != prev:
            raise HistoryProblem(f"the chain is broken at entry {number}")
        prev = entry_digest(link)
    if history.head != prev:
        raise HistoryProblem("the chain's head is not its last entry")
    ended = replay(history)
    known = {entry.item_code for entry in entries}
    for code in ended.items:
        if code not in known:
            raise HistoryProblem(f"the history changes item {code}, which the scorecard lacks")
    for entry in entries:
        values = ended.items.get(entry.item_code, {})
        for field in ITEM_FIELDS:
            if values.get(field, _default(field)) != _item_value(entry, field):
                raise HistoryProblem(
                    f"item {entry.item_code}: the history's {field.value} is not the scorecard's"
                )
    if ended.status != status.value:
        raise HistoryProblem(
            f"the history ends with status {ended.status}, the scorecard is {status.value}"
        )


# ----- what a reader wants to know ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reopening:
    at: str
    reason: str


@dataclass(frozen=True, slots=True)
class HistorySummary:
    changes: int  # changes of items (percentages and texts), status and reasons apart
    first_final_at: str | None  # when the card was first finalised
    changed_after_final: tuple[str, ...]  # items changed after the first finalise, in order
    # item → (percentage at the first finalise, percentage now), where they differ
    score_changes: Mapping[str, tuple[int | None, int | None]]
    reopenings: tuple[Reopening, ...]


def summarise(history: EditHistory) -> HistorySummary:
    """The history's count of changes, what changed after the card was first finalised
    (and the scores at that time), and the reasons the card was reopened."""
    changes = 0
    first_final_at: str | None = None
    at_final: dict[str, int | None] = {}
    percent: dict[str, int | None] = {}
    changed_after: list[str] = []
    reopenings: list[Reopening] = []
    for index, entry in enumerate(history.entries):
        if entry.field in ITEM_FIELDS:
            changes += 1
            if entry.field is HistoryField.PERCENT:
                percent[entry.item or ""] = entry.new if isinstance(entry.new, int) else None
            if first_final_at is not None and entry.item not in changed_after:
                changed_after.append(entry.item or "")
        elif entry.field is HistoryField.STATUS:
            if entry.new == ScorecardStatus.FINAL.value and first_final_at is None:
                first_final_at = entry.at
                at_final = dict(percent)
            if entry.old == ScorecardStatus.FINAL.value and entry.new == "draft":
                reason = _reason_after(history.entries, index)
                reopenings.append(Reopening(entry.at, reason))
    score_changes = {
        code: (at_final.get(code), percent.get(code))
        for code in changed_after
        if at_final.get(code) != percent.get(code)
    }
    return HistorySummary(
        changes, first_final_at, tuple(changed_after), score_changes, tuple(reopenings)
    )


def _reason_after(entries: Sequence[HistoryEntry], index: int) -> str:
    """The reason recorded with a reopening (the audit trail writes it right after)."""
    following = entries[index + 1] if index + 1 < len(entries) else None
    if following is not None and following.field is HistoryField.REASON:
        return str(following.new or "")
    return ""
