"""The machine-readable scorecard (`scorecard.json`) that travels inside the signed PDF.

Building it is pure data work; reading it checks format, version and that the totals
agree with the items, so a secretariat never trusts a number it did not recompute.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import Evaluator, Level, Round, RoundKind
from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
from qz_evaluator.domain.scoring import format_points, summarise
from qz_evaluator.domain.text import Bilingual

FORMAT = "qz-scorecard"
VERSION = 1
SUPPORTED_VERSIONS = frozenset({VERSION})

NO_CONFLICT_DECLARATION = Bilingual(
    "本人郑重声明：本人与被评价单位不存在任职、咨询、培训、亲属关系或其他可能影响公正评价的"
    "利害关系；本人已遵守回避规定，独立、客观、公正地完成本评分表，并对评分结果负责。",
    "I declare that I have no employment, consulting, training, family or other interest in "
    "the candidate that could affect a fair evaluation; I have observed the conflict-of-"
    "interest rules and completed this scorecard independently, objectively and fairly, and I "
    "am responsible for its scores.",
)


class ScorecardFormatError(DomainError):
    """A scorecard.json that this program cannot accept; the message says why."""

    default_code = "bad-scorecard-data"


@dataclass(frozen=True, slots=True)
class ScorecardDocument:
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

    def entry(self, code: str) -> ItemEntry:
        for entry in self.entries:
            if entry.item_code == code:
                return entry
        return ItemEntry(code)

    def percentages(self) -> dict[str, int | None]:
        return {e.item_code: e.percent for e in self.entries}

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
) -> ScorecardDocument:
    if card.criteria_id != criteria.id or round_.criteria_id != criteria.id:
        raise DomainError(f"scorecard uses {card.criteria_id}, round uses {round_.criteria_id}")
    return ScorecardDocument(
        workspace_id=workspace_id,
        criteria_id=criteria.id,
        round=round_,
        candidate=candidate,
        evaluator=evaluator,
        status=card.status,
        revision=revision,
        entries=tuple(card.entry(item.code) for item in criteria.items),
        conflict_note=card.conflict_note,
        declaration=NO_CONFLICT_DECLARATION,
        created_at=created_at,
        updated_at=updated_at,
        exported_at=exported_at,
    )


def to_json(document: ScorecardDocument, criteria: CriteriaSet) -> dict[str, Any]:
    summary = summarise(criteria, document.percentages())
    return {
        "format": FORMAT,
        "version": VERSION,
        "criteria_set": document.criteria_id,
        "workspace_id": document.workspace_id,
        "round": {
            "code": document.round.code,
            "name": document.round.name,
            "kind": document.round.kind.value,
            "year": document.round.year,
        },
        "candidate": {
            "credit_code": document.candidate.credit_code,
            "name": document.candidate.name,
            "county": document.candidate.county,
            "industry": document.candidate.industry,
            "tier": document.candidate.tier.value,
        },
        "evaluator": {
            "code": document.evaluator.code,
            "name": document.evaluator.name,
            "level": document.evaluator.level.value,
            "organisation": document.evaluator.organisation,
        },
        "status": document.status.value,
        "revision": document.revision,
        "items": [
            {
                "code": entry.item_code,
                "points": criteria.item(entry.item_code).points,
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
        "declaration": {"zh": document.declaration.zh, "en": document.declaration.en},
        "created_at": document.created_at,
        "updated_at": document.updated_at,
        "exported_at": document.exported_at,
    }


def dumps(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def content_digest(data: Mapping[str, Any]) -> str:
    """Digest of what was scored, not when it was exported: unchanged content, same digest."""
    stable = {k: v for k, v in data.items() if k not in {"exported_at", "revision"}}
    return hashlib.sha256(dumps(stable)).hexdigest()


def _field(data: Mapping[str, Any], key: str, kind: type, where: str = "") -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ScorecardFormatError(f"scorecard.json: {where}{key} is missing or malformed")
    return value


def parse(raw: bytes | Mapping[str, Any]) -> tuple[ScorecardDocument, dict[str, Any]]:
    """Read a scorecard.json; refuses unknown formats and versions with a clear message."""
    if isinstance(raw, bytes | bytearray):
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ScorecardFormatError(f"scorecard.json is not valid JSON ({error})") from None
    else:
        data = dict(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScorecardFormatError(f"scorecard.json: not a {FORMAT} document")
    version = data.get("version")
    if version not in SUPPORTED_VERSIONS:
        raise ScorecardFormatError(
            f"scorecard.json: format version {version!r} is unknown to this program "
            f"(it reads version {', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}); "
            "update qz-evaluator"
        )
    try:
        r = _field(data, "round", dict)
        c = _field(data, "candidate", dict)
        e = _field(data, "evaluator", dict)
        declaration = _field(data, "declaration", dict)
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
        document = ScorecardDocument(
            workspace_id=_field(data, "workspace_id", str),
            criteria_id=_field(data, "criteria_set", str),
            round=Round(
                code=_field(r, "code", str, "round "),
                name=_field(r, "name", str, "round "),
                kind=RoundKind(_field(r, "kind", str, "round ")),
                year=_field(r, "year", int, "round "),
                criteria_id=_field(data, "criteria_set", str),
            ),
            candidate=Candidate(
                credit_code=_field(c, "credit_code", str, "candidate "),
                name=_field(c, "name", str, "candidate "),
                county=_field(c, "county", str, "candidate "),
                industry=_field(c, "industry", str, "candidate "),
                tier=Tier(_field(c, "tier", str, "candidate ")),
            ),
            evaluator=Evaluator(
                code=_field(e, "code", str, "evaluator "),
                name=_field(e, "name", str, "evaluator "),
                level=Level(_field(e, "level", str, "evaluator ")),
                organisation=_field(e, "organisation", str, "evaluator "),
            ),
            status=ScorecardStatus(_field(data, "status", str)),
            revision=_field(data, "revision", int),
            entries=tuple(entries),
            conflict_note=_field(data, "conflict_note", str),
            declaration=Bilingual(
                _field(declaration, "zh", str, "declaration "),
                _field(declaration, "en", str, "declaration "),
            ),
            created_at=_field(data, "created_at", str),
            updated_at=_field(data, "updated_at", str),
            exported_at=_field(data, "exported_at", str),
        )
    except ValueError as error:
        if isinstance(error, ScorecardFormatError):
            raise
        raise ScorecardFormatError(f"scorecard.json: unexpected value ({error})") from None
    return document, data


def check_against_criteria(
    document: ScorecardDocument, data: Mapping[str, Any], criteria: CriteriaSet
) -> None:
    """Every item of the criteria set once, valid percentages, totals that add up."""
    codes = [e.item_code for e in document.entries]
    expected = [item.code for item in criteria.items]
    if sorted(codes) != sorted(expected):
        raise ScorecardFormatError(f"scorecard.json: items do not match criteria set {criteria.id}")
    try:
        summary = summarise(criteria, document.percentages())
    except DomainError as error:
        raise ScorecardFormatError(f"scorecard.json: {error}") from None
    try:
        stated = Decimal(str(data.get("total")))
    except InvalidOperation:
        raise ScorecardFormatError("scorecard.json: total is not a number") from None
    if stated != summary.total:
        raise ScorecardFormatError(
            f"scorecard.json: stated total {stated} does not equal the items' sum "
            f"{format_points(summary.total)}"
        )
