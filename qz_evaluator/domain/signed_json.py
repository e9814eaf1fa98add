"""What every signed JSON attachment says the same way: the round, the candidate and the
evaluator it is about, and the strict reading of its fields.

A scorecard (`scorecard_document`) and a conflict declaration (`conflict_declaration`)
name the same three parties; here is the one shape they have in a file and the one way
they are read back, so that a change to what a signed file says about its parties is
made once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from qz_evaluator.domain.candidates import Candidate, Tier
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import Evaluator, Level, Round, RoundKind


def canonical_json(data: Mapping[str, Any]) -> bytes:
    """The bytes a signed or hashed JSON document is made of: UTF-8, keys sorted, compact
    separators (which keep the C encoder; indent= falls back to the pure-Python one)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def round_json(round_: Round) -> dict[str, Any]:
    """The round without its criteria set (a document names that at its top level)."""
    return {
        "code": round_.code,
        "name": round_.name,
        "kind": round_.kind.value,
        "year": round_.year,
    }


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "credit_code": candidate.credit_code,
        "name": candidate.name,
        "county": candidate.county,
        "industry": candidate.industry,
        "tier": candidate.tier.value,
    }


def evaluator_json(evaluator: Evaluator) -> dict[str, Any]:
    return {
        "code": evaluator.code,
        "name": evaluator.name,
        "level": evaluator.level.value,
        "organisation": evaluator.organisation,
    }


# A table, so that scripts/build_translations.py collects it (raised as `self.error`).
FIELD_TEMPLATES = {"malformed": "{file}: {where}{key} is missing or malformed"}


class FieldReader:
    """Reads one attachment's fields strictly; a missing or malformed one raises `error`
    naming the file and the field (e.g. "scorecard.json: round year is missing…")."""

    def __init__(self, file_name: str, error: type[DomainError]) -> None:
        self.file_name = file_name
        self.error = error

    def __call__(self, data: object, key: str, kind: type, where: str = "") -> Any:
        value = data.get(key) if isinstance(data, Mapping) else None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(
                FIELD_TEMPLATES["malformed"],
                file=self.file_name,
                where=where,
                key=key,
            )
        return value

    def round(self, data: object, criteria_id: str) -> Round:
        return Round(
            code=self(data, "code", str, "round "),
            name=self(data, "name", str, "round "),
            kind=RoundKind(self(data, "kind", str, "round ")),
            year=self(data, "year", int, "round "),
            criteria_id=criteria_id,
        )

    def candidate(self, data: object) -> Candidate:
        return Candidate(
            credit_code=self(data, "credit_code", str, "candidate "),
            name=self(data, "name", str, "candidate "),
            county=self(data, "county", str, "candidate "),
            industry=self(data, "industry", str, "candidate "),
            tier=Tier(self(data, "tier", str, "candidate ")),
        )

    def evaluator(self, data: object) -> Evaluator:
        return Evaluator(
            code=self(data, "code", str, "evaluator "),
            name=self(data, "name", str, "evaluator "),
            level=Level(self(data, "level", str, "evaluator ")),
            organisation=self(data, "organisation", str, "evaluator "),
        )
