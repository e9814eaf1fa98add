"""The machine-readable conflict-of-interest declaration (`declaration.json`) that travels
inside a small signed PDF from the evaluator's laptop to the secretariat.

An evaluator who finds a conflict on site (回避) declares it in the window; the signed
declaration is how the secretariat learns of it. This is the only module that reads or
writes declaration.json; reading checks format, version and every field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from qz_evaluator.domain.candidates import Candidate
from qz_evaluator.domain.errors import DomainError, Phrase
from qz_evaluator.domain.roster import Evaluator, Round
from qz_evaluator.domain.signed_json import (
    FieldReader,
    candidate_json,
    canonical_json,
    evaluator_json,
    round_json,
)
from qz_evaluator.domain.text import Bilingual, signed_text_problem

FORMAT = "qz-conflict-declaration"
VERSION = 1

CONFLICT_STATEMENT = Bilingual(
    "本人郑重声明：本人与上述被评价单位存在可能影响公正评价的利害关系，依照回避规定申请回避，"
    "不参与对该单位的评分。",
    "I declare that I have an interest in the candidate above that could affect a fair "
    "evaluation; under the conflict-of-interest rules I withdraw from scoring it.",
)


class DeclarationFormatError(DomainError):
    """A declaration.json this program cannot accept; the message says why."""

    default_code = "bad-declaration-data"


@dataclass(frozen=True, slots=True)
class ConflictDeclaration:
    """Who declared a conflict with whom, in which round, why and when."""

    workspace_id: str
    round: Round
    candidate: Candidate
    evaluator: Evaluator
    reason: str
    statement: Bilingual
    declared_at: str
    exported_at: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.round.code, self.candidate.credit_code, self.evaluator.code)


def to_bytes(declaration: ConflictDeclaration) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "workspace_id": declaration.workspace_id,
        "criteria_set": declaration.round.criteria_id,
        "round": round_json(declaration.round),
        "candidate": candidate_json(declaration.candidate),
        "evaluator": evaluator_json(declaration.evaluator),
        "reason": declaration.reason,
        "statement": {"zh": declaration.statement.zh, "en": declaration.statement.en},
        "declared_at": declaration.declared_at,
        "exported_at": declaration.exported_at,
    }
    return canonical_json(data)


_field = FieldReader("declaration.json", DeclarationFormatError)


def from_bytes(raw: bytes) -> ConflictDeclaration:
    """Read and check a declaration.json (refuses unknown formats, versions and fields)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DeclarationFormatError(
            "declaration.json is not valid JSON ({error})", error=error
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DeclarationFormatError("declaration.json: not a {format} document", format=FORMAT)
    if data.get("version") != VERSION:
        raise DeclarationFormatError(
            "declaration.json: format version {version!r} is unknown to this program (it"
            " reads version {known}); update qz-evaluator",
            version=data.get("version"),
            known=VERSION,
        )
    r, c, e = (_field(data, key, dict) for key in ("round", "candidate", "evaluator"))
    statement = _field(data, "statement", dict)
    reason: str = _field(data, "reason", str)
    if not reason.strip():
        raise DeclarationFormatError("declaration.json: the reason is empty")
    problem = signed_text_problem([(Phrase("the reason for the conflict declaration"), reason)])
    if problem is not None:
        raise DeclarationFormatError(
            "declaration.json: {problem}", error_code="bad-text", problem=problem
        )
    try:
        return ConflictDeclaration(
            workspace_id=_field(data, "workspace_id", str),
            round=_field.round(r, _field(data, "criteria_set", str)),
            candidate=_field.candidate(c),
            evaluator=_field.evaluator(e),
            reason=reason,
            statement=Bilingual(
                _field(statement, "zh", str, "statement "),
                _field(statement, "en", str, "statement "),
            ),
            declared_at=_field(data, "declared_at", str),
            exported_at=_field(data, "exported_at", str),
        )
    except ValueError as error:
        if isinstance(error, DeclarationFormatError):
            raise
        raise DeclarationFormatError(
            "declaration.json: unexpected value ({error})", error=error
        ) from None
