"""The machine-readable scorecard (`scorecard.json`) that travels inside the signed PDF.

This is the only module that reads or writes scorecard.json. Building a document computes
its totals once; reading one checks format, version, fields, that the items are the
criteria set's and that the stated totals agree with the items, so a secretariat never
trusts a number it did not recompute.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from qz_evaluator.domain import edit_history
from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError, Phrase
from qz_evaluator.domain.roster import Evaluator, Round
from qz_evaluator.domain.scorecard import (
    ItemEntry,
    Scorecard,
    ScorecardStatus,
    TextField,
    field_phrase,
)

# The merged files' statuses, named with the document they are about (defined in
# domain.scorecard, which the store reads without this module).
from qz_evaluator.domain.scorecard import MergeConflict as MergeConflict
from qz_evaluator.domain.scorecard import SubmissionStatus as SubmissionStatus
from qz_evaluator.domain.scoring import ScoreSummary, format_points, summarise
from qz_evaluator.domain.signed_json import (
    FieldReader,
    candidate_json,
    canonical_json,
    evaluator_json,
    round_json,
)
from qz_evaluator.domain.text import (
    ROUND_NAME_LIMIT,
    Bilingual,
    signed_name_problem,
    signed_text_problem,
)

FORMAT = "qz-scorecard"
# Version 2 adds the scorecard's language and, in `declaration`, when the evaluator
# affirmed it at finalise (`affirmed_at`). Version 1 documents stay readable: they have
# neither (language None, affirmed_at None).
# Version 3 adds the edit history (`history`, domain/edit_history.py): every change of the
# card from the evaluator's audit trail, hash-chained, its head signed with the rest.
# Version 2 documents (no history) still verify and merge; they are written back as
# version 2, so the secretariat's stored copy reads as it arrived.
VERSION = 3
SUPPORTED_VERSIONS = frozenset({1, 2, VERSION})

NO_CONFLICT_DECLARATION = Bilingual(
    "本人郑重声明：本人与被评价单位不存在任职、咨询、培训、亲属关系或其他可能影响公正评价的"
    "利害关系；本人已遵守回避规定，独立、客观、公正地完成本评分表，并对评分结果负责。",
    "I declare that I have no employment, consulting, training, family or other interest in "
    "the candidate that could affect a fair evaluation; I have observed the conflict-of-"
    "interest rules and completed this scorecard independently, objectively and fairly, and I "
    "am responsible for its scores.",
)
# The declarations this program has ever shown at finalise; a signed document must carry
# one of them, word for word, as the evaluator saw it.
KNOWN_DECLARATIONS = frozenset({NO_CONFLICT_DECLARATION})


class ScorecardFormatError(DomainError):
    """A scorecard.json that this program cannot accept; the message says why.

    `evaluator_code` is the evaluator the document names, when it was read that far, so a
    verifier can still tell a file signed by someone else from one with bad data.
    """

    evaluator_code: str | None = None


# Revisions count an evaluator's exports of one scorecard from 1: far beyond any real
# count, a revision is a forgery meant to win against every later correction.
MAX_REVISION = 10_000


def is_revision(value: object) -> bool:
    """A possible revision number in a file: a whole number (not a bool) in 1…MAX_REVISION."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_REVISION


class RevisionOutOfRange(ScorecardFormatError):
    """A revision outside 1…MAX_REVISION (0, negative, or absurdly large)."""

    default_code = "revision-out-of-range"


class HistoryMismatch(ScorecardFormatError):
    """A version 3 scorecard whose edit history is broken (its chain does not hold) or
    does not lead to its scores: the signed history and the signed scores disagree."""

    default_code = "history-mismatch"


class BadScorecardText(ScorecardFormatError):
    """A comment or the round's name with a control or bidi character, or over its length
    (the rules of `domain.text`): this program never writes one, so a file holding one was
    made by hand."""

    default_code = "bad-text"


class UnknownFormatVersion(ScorecardFormatError):
    """A scorecard.json of a format version this program does not read (update it)."""

    default_code = "bad-scorecard-data"


@dataclass(frozen=True, slots=True)
class ScorecardDocument:
    """Everything scorecard.json carries, totals included (computed once, on building)."""

    workspace_id: str
    criteria_id: str
    round: Round
    candidate: Candidate
    evaluator: Evaluator
    status: ScorecardStatus
    revision: int
    entries: tuple[ItemEntry, ...]
    conflict_note: str
    declaration: Bilingual
    created_at: str
    updated_at: str
    exported_at: str
    item_points: Mapping[str, int]  # item code → the criteria set's points
    summary: ScoreSummary
    language: str | None = None  # the round's scorecard language (None: a version 1 file)
    declaration_affirmed_at: str | None = None  # ticked at finalise (None: version 1, conflict)
    history: edit_history.EditHistory | None = None  # None: a version 1 or 2 file

    @property
    def history_start(self) -> str:
        """Where this card's history chain starts (the digest of who scored whom when)."""
        return edit_history.genesis(*self.key)

    def entry(self, code: str) -> ItemEntry:
        for entry in self.entries:
            if entry.item_code == code:
                return entry
        return ItemEntry(code)

    def percentages(self) -> dict[str, int | None]:
        return {e.item_code: e.percent for e in self.entries}

    @property
    def total(self) -> Decimal:
        return self.summary.total

    @property
    def key(self) -> tuple[str, str, str]:
        """Who scored whom in which round: one scorecard per key, revisions supersede."""
        return (self.round.code, self.candidate.credit_code, self.evaluator.code)


def build_document(
    card: Scorecard,
    *,
    candidate: Candidate,
    evaluator: Evaluator,
    round_: Round,
    criteria: CriteriaSet,
    workspace_id: str,
    revision: int,
    created_at: str,
    updated_at: str,
    exported_at: str,
    language: str = "zh",
    declaration_affirmed_at: str | None = None,
    changes: Sequence[edit_history.Change] | None = None,
) -> ScorecardDocument:
    """The document of a card; `changes` are the card's audit trail, oldest first (None:
    a history that states the card's values at `updated_at`, for a card known without
    its trail)."""
    if card.criteria_id != criteria.id or round_.criteria_id != criteria.id:
        raise DomainError(
            "scorecard uses {criteria_id}, round uses {criteria_id_2}",
            criteria_id=card.criteria_id,
            criteria_id_2=round_.criteria_id,
        )
    entries = tuple(card.entry(item.code) for item in criteria.items)
    if changes is None:
        changes = edit_history.changes_stating(entries, card.status, updated_at)
    history = edit_history.chain(
        changes, edit_history.genesis(round_.code, candidate.credit_code, evaluator.code)
    )
    return ScorecardDocument(
        workspace_id=workspace_id,
        criteria_id=criteria.id,
        round=round_,
        candidate=candidate,
        evaluator=evaluator,
        status=card.status,
        revision=revision,
        entries=entries,
        conflict_note=card.conflict_note,
        declaration=NO_CONFLICT_DECLARATION,
        created_at=created_at,
        updated_at=updated_at,
        exported_at=exported_at,
        item_points={item.code: item.points for item in criteria.items},
        summary=summarise(criteria, {e.item_code: e.percent for e in entries}),
        language=language,
        declaration_affirmed_at=declaration_affirmed_at,
        history=history,
    )


def to_json(document: ScorecardDocument) -> dict[str, Any]:
    """The document as the JSON object scorecard.json holds."""
    summary = document.summary
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION if document.history is not None else 2,
        "criteria_set": document.criteria_id,
        "workspace_id": document.workspace_id,
        "round": round_json(document.round),
        "candidate": candidate_json(document.candidate),
        "evaluator": evaluator_json(document.evaluator),
        "status": document.status.value,
        "revision": document.revision,
        "items": [
            {
                "code": entry.item_code,
                "points": document.item_points[entry.item_code],
                "percent": entry.percent,
                "score": format_points(summary.item_scores[entry.item_code])
                if entry.item_code in summary.item_scores
                else None,
                "strengths": entry.strengths,
                "ofis": entry.ofis,
                "evidence": entry.evidence,
            }
            for entry in document.entries
        ],
        "categories": [
            {"code": c.code, "points": c.points, "score": format_points(c.score)}
            for c in summary.categories
        ],
        "process": format_points(summary.process),
        "results": format_points(summary.results),
        "total": format_points(summary.total),
        "conflict_note": document.conflict_note,
        "declaration": {
            "zh": document.declaration.zh,
            "en": document.declaration.en,
            "affirmed_at": document.declaration_affirmed_at,
        },
        "language": document.language,
        "created_at": document.created_at,
        "updated_at": document.updated_at,
        "exported_at": document.exported_at,
    }
    if document.history is not None:
        data["history"] = document.history.as_json()
    return data


def to_bytes(document: ScorecardDocument) -> bytes:
    """scorecard.json as attached to the signed PDF and kept by the secretariat's store."""
    return canonical_json(to_json(document))


def content_digest(document: ScorecardDocument) -> str:
    """Digest of what was scored, not when it was exported: unchanged content, same digest.

    Stored digests of earlier exports were taken over this exact serialisation (indented,
    sorted keys); it must not change within a format version, or a re-export of unchanged
    scores would no longer hand out the same file.
    """
    stable = {k: v for k, v in to_json(document).items() if k not in {"exported_at", "revision"}}
    text = json.dumps(stable, ensure_ascii=False, indent=2, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def percent_row_text(percentages: Mapping[str, int | None], criteria: CriteriaSet) -> str:
    """A scorecard's item percentages (`ScorecardDocument.percentages()`) as a list in
    criteria order ("[45,50,null,…]"): what results read for every accepted scorecard,
    with no item codes to decode again and again."""
    return json.dumps(
        [percentages.get(item.code) for item in criteria.items], separators=(",", ":")
    )


def percent_row_from_text(text: str) -> list[int | None]:
    """Inverse of `percent_row_text` (written by this program, so trusted)."""
    value = _DECODER.raw_decode(text)[0]
    if not isinstance(value, list):
        raise ScorecardFormatError("stored item percentages are not a list")
    return value


_DECODER = json.JSONDecoder()


_field = FieldReader("scorecard.json", ScorecardFormatError)


def _object(raw: bytes | bytearray | str) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        # ValueError: also an integer of more digits than Python converts; RecursionError:
        # arrays nested thousands deep.
        raise ScorecardFormatError(
            "scorecard.json is not valid JSON ({error})", error=error
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScorecardFormatError("scorecard.json: not a {FORMAT} document", FORMAT=FORMAT)
    version = data.get("version")
    if version not in SUPPORTED_VERSIONS:
        raise UnknownFormatVersion(
            "scorecard.json: format version {version!r} is unknown to this program "
            "(it reads version {join}); update qz-evaluator",
            version=version,
            join=", ".join(map(str, sorted(SUPPORTED_VERSIONS))),
        )
    return data


def _entries(data: Mapping[str, Any]) -> tuple[ItemEntry, ...]:
    entries = []
    for raw_item in _field(data, "items", list):
        if not isinstance(raw_item, dict):
            raise ScorecardFormatError("scorecard.json: an item is not an object")
        percent = raw_item.get("percent")
        if percent is not None and (isinstance(percent, bool) or not isinstance(percent, int)):
            raise ScorecardFormatError("scorecard.json: an item percentage is not a number")
        entries.append(
            ItemEntry(
                item_code=_field(raw_item, "code", str, "item "),
                percent=percent,
                strengths=_field(raw_item, "strengths", str, "item "),
                ofis=_field(raw_item, "ofis", str, "item "),
                evidence=_field(raw_item, "evidence", str, "item "),
            )
        )
    return tuple(entries)


def _summary(
    entries: tuple[ItemEntry, ...], data: Mapping[str, Any], criteria: CriteriaSet
) -> ScoreSummary:
    """Every item of the criteria set once, valid percentages, totals that add up."""
    codes = [e.item_code for e in entries]
    expected = [item.code for item in criteria.items]
    if sorted(codes) != sorted(expected):
        raise ScorecardFormatError(
            "scorecard.json: items do not match criteria set {id}", id=criteria.id
        )
    try:
        summary = summarise(criteria, {e.item_code: e.percent for e in entries})
    except DomainError as error:
        raise ScorecardFormatError("scorecard.json: {error}", error=error) from None
    try:
        stated = Decimal(str(data.get("total")))
    except InvalidOperation:
        raise ScorecardFormatError("scorecard.json: total is not a number") from None
    if stated != summary.total:
        raise ScorecardFormatError(
            "scorecard.json: stated total {stated} does not equal the items' sum {format_points}",
            stated=stated,
            format_points=format_points(summary.total),
        )
    return summary


def _affirmation(
    data: Mapping[str, Any],
    declaration: Mapping[str, Any],
    status: ScorecardStatus,
    text: Bilingual,
) -> tuple[str | None, str | None]:
    """Version 2: the scorecard language, and for a final scorecard the declaration the
    evaluator affirmed (one this program shows, word for word) and when, before export."""
    if data["version"] < 2:
        return None, None
    language = _field(data, "language", str)
    if language not in ("zh", "en"):
        raise ScorecardFormatError(f"scorecard.json: unknown language {language!r}")
    affirmed_at = declaration.get("affirmed_at")
    if status is not ScorecardStatus.FINAL:
        if affirmed_at is not None and not isinstance(affirmed_at, str):
            raise ScorecardFormatError("scorecard.json: declaration affirmed_at is malformed")
        return language, affirmed_at
    if not isinstance(affirmed_at, str):
        raise ScorecardFormatError(
            "scorecard.json: the final scorecard does not record that the evaluator affirmed "
            "the no-conflict declaration"
        )
    if text not in KNOWN_DECLARATIONS:
        raise ScorecardFormatError(
            "scorecard.json: the declaration is not the text shown to the evaluator"
        )
    try:
        affirmed = datetime.fromisoformat(affirmed_at)
        exported = datetime.fromisoformat(_field(data, "exported_at", str))
    except ValueError:
        raise ScorecardFormatError(
            "scorecard.json: a declaration or export time is malformed"
        ) from None
    if affirmed.tzinfo is None or exported.tzinfo is None or affirmed > exported:
        raise ScorecardFormatError(
            "scorecard.json: the declaration was not affirmed before the export"
        )
    return language, affirmed_at


def _history(
    data: Mapping[str, Any],
    round_: Round,
    candidate: Candidate,
    evaluator: Evaluator,
    entries: tuple[ItemEntry, ...],
    status: ScorecardStatus,
) -> edit_history.EditHistory | None:
    """Version 3: the edit history, its chain recomputed and replayed to the scores."""
    if data["version"] < 3:
        return None
    try:
        history = edit_history.from_json(data.get("history"))
        start = edit_history.genesis(round_.code, candidate.credit_code, evaluator.code)
        edit_history.check(history, start, entries, status)
    except edit_history.HistoryProblem as problem:
        raise HistoryMismatch(
            "scorecard.json: the edit history does not lead to the scores ({problem})",
            problem=str(problem),
        ) from None
    return history


def _text_problem(
    round_: Round, entries: tuple[ItemEntry, ...], conflict_note: str
) -> Phrase | None:
    """What breaks the text rules among the round's name and the comments, or None."""
    comments: list[tuple[Phrase, str]] = [
        (field_phrase(which, entry.item_code), entry.text(which))
        for entry in entries
        for which in TextField
    ]
    comments.append((Phrase("the reason for the conflict declaration"), conflict_note))
    return signed_text_problem(comments) or signed_name_problem(
        Phrase("the name of round {round}", round=round_.code), round_.name, ROUND_NAME_LIMIT
    )


def from_bytes(
    raw: bytes | bytearray | str, criteria_of: Callable[[str], CriteriaSet]
) -> ScorecardDocument:
    """Read and check a scorecard.json; `criteria_of` gives the criteria set by its id.

    Refuses unknown formats and versions (`UnknownFormatVersion`), missing or malformed
    fields, items that are not the criteria set's, and totals that do not add up, each
    with a clear message (`ScorecardFormatError`).
    """
    data = _object(raw)
    try:
        r = _field(data, "round", dict)
        c = _field(data, "candidate", dict)
        e = _field(data, "evaluator", dict)
        declaration = _field(data, "declaration", dict)
        entries = _entries(data)
        criteria_id = _field(data, "criteria_set", str)
        round_ = _field.round(r, criteria_id)
        candidate = _field.candidate(c)
        evaluator = _field.evaluator(e)
        workspace_id: str = _field(data, "workspace_id", str)
        status = ScorecardStatus(_field(data, "status", str))
        revision: int = _field(data, "revision", int)
        conflict_note: str = _field(data, "conflict_note", str)
        signed_declaration = Bilingual(
            _field(declaration, "zh", str, "declaration "),
            _field(declaration, "en", str, "declaration "),
        )
        created_at: str = _field(data, "created_at", str)
        updated_at: str = _field(data, "updated_at", str)
        exported_at: str = _field(data, "exported_at", str)
        language, affirmed_at = _affirmation(data, declaration, status, signed_declaration)
    except ValueError as error:
        if isinstance(error, ScorecardFormatError):
            raise
        raise ScorecardFormatError(
            "scorecard.json: unexpected value ({error})", error=error
        ) from None
    try:
        if not 1 <= revision <= MAX_REVISION:
            raise RevisionOutOfRange(
                "scorecard.json: revision {revision} is outside 1…{MAX_REVISION}",
                revision=revision if abs(revision) < 10**30 else "(too large)",
                MAX_REVISION=MAX_REVISION,
            )
        problem = _text_problem(round_, entries, conflict_note)
        if problem is not None:
            raise BadScorecardText("scorecard.json: {problem}", problem=problem)
        try:
            criteria = criteria_of(criteria_id)
        except DomainError as error:
            raise ScorecardFormatError(str(error)) from None
        summary = _summary(entries, data, criteria)
        history = _history(data, round_, candidate, evaluator, entries, status)
    except ScorecardFormatError as error:
        error.evaluator_code = evaluator.code
        raise
    return ScorecardDocument(
        criteria_id=criteria_id,
        round=round_,
        candidate=candidate,
        evaluator=evaluator,
        entries=entries,
        item_points={item.code: item.points for item in criteria.items},
        summary=summary,
        workspace_id=workspace_id,
        status=status,
        revision=revision,
        conflict_note=conflict_note,
        declaration=signed_declaration,
        created_at=created_at,
        updated_at=updated_at,
        exported_at=exported_at,
        language=language,
        declaration_affirmed_at=affirmed_at,
        history=history,
    )
