"""Checking a printed scorecard against the secretariat's merged records.

Every page of a scorecard PDF carries its paper code (`domain.paper_code`), as a QR code
and as text under it. Typed, or read from a photo or scan of the page, the code answers
one of `PaperOutcome`: the page matches the merged record; it is an older revision (and
what changed since); it is a revision or content this workspace never received; it is a
rival file of the record's revision, kept as a revision conflict; the code is unknown
here; or it is mistyped (its check character says so).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from qz_evaluator.domain import paper_code as pc
from qz_evaluator.domain.errors import Phrase
from qz_evaluator.domain.roles import Role
from qz_evaluator.domain.scorecard_document import (
    ScorecardDocument,
    SubmissionStatus,
    content_digest,
)
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.store.submissions import Submission
from qz_evaluator.store.workspace import Workspace


class PaperOutcome(StrEnum):
    MATCHES = "matches"  # the page is the merged record that counts
    OLDER_REVISION = "older-revision"  # a record of a higher revision counts now
    NOT_RECEIVED = "not-received"  # the scorecard is here, but not this page's content
    RIVAL = "rival"  # a file of the record's revision with other scores: a revision conflict
    UNKNOWN = "unknown"  # no merged scorecard of this workspace has the code
    MISTYPED = "mistyped"  # the check character (or the length, a character) is wrong


# What each answer says, in English; the window translates the template (context
# "UserError", collected by scripts/build_translations.py) and fills in the fields.
PAPER_TEMPLATES = {
    "matches": "Matches the merged record: {candidate}, evaluator {evaluator}, "
    "round {round}, revision {revision}.",
    "older-revision": "An older revision: this page is r{page_revision}; the record of "
    "{candidate}, evaluator {evaluator}, is now r{record_revision}.",
    "older-revision-unseen": "An older revision: this page is r{page_revision}; the record "
    "of {candidate}, evaluator {evaluator}, is now r{record_revision}. Revision "
    "{page_revision} was never merged here, so what changed is not known.",
    "newer-revision": "Not received: this page is r{page_revision} of {candidate}, "
    "evaluator {evaluator}, but the merged record is r{record_revision}; ask the evaluator "
    "for the signed file of r{page_revision}.",
    "other-content": "Not received: this page is r{page_revision} of {candidate}, "
    "evaluator {evaluator}, with other scores than any file merged here; the record is "
    "r{record_revision}.",
    "rival": "A rival file: this page is r{page_revision} of {candidate}, evaluator "
    "{evaluator}, merged as a revision conflict; the record that counts is "
    "r{record_revision}.",
    "unknown": "Unknown to this workspace: no merged scorecard has the code {code}. "
    "The scorecard may not be merged yet, or the page is from another committee.",
}


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An item whose percentage differs between the page and the record."""

    item_code: str
    on_paper: int | None
    in_record: int | None


@dataclass(frozen=True, slots=True)
class PaperCheck:
    outcome: PaperOutcome
    code: str  # as printed (grouped), or as typed when it is mistyped
    message: Phrase  # the answer in words; str() is English
    round_code: str | None = None
    credit_code: str | None = None
    candidate_name: str | None = None
    evaluator_code: str | None = None
    evaluator_name: str | None = None
    page_revision: int | None = None
    record_revision: int | None = None
    record_file: str | None = None
    page_total: str | None = None  # when this workspace holds the page's revision
    record_total: str | None = None
    changes: tuple[ItemChange, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        """Whether what changed since the page is known (an older revision merged here)."""
        return self.page_total is not None and self.outcome is PaperOutcome.OLDER_REVISION

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "code": self.code,
            "message": str(self.message),
            "round": self.round_code,
            "candidate": self.credit_code,
            "candidate_name": self.candidate_name,
            "evaluator": self.evaluator_code,
            "evaluator_name": self.evaluator_name,
            "page_revision": self.page_revision,
            "record_revision": self.record_revision,
            "record_file": self.record_file,
            "page_total": self.page_total,
            "record_total": self.record_total,
            "changes": [
                {"item": c.item_code, "on_paper": c.on_paper, "in_record": c.in_record}
                for c in self.changes
            ],
        }


def _phrase(key: str, **fields: object) -> Phrase:
    return Phrase(PAPER_TEMPLATES[key], **fields)


class NotTheSecretariat(ServiceError):
    default_code = "not-secretariat"


def _require_secretariat(workspace: Workspace) -> None:
    """Only the secretariat's workspace holds the merged records a code is checked against."""
    if workspace.role is not Role.SECRETARIAT:
        raise NotTheSecretariat(
            "a printed scorecard is checked against the merged records of the secretariat's "
            "workspace; {path} is an evaluator's",
            path=str(workspace.path),
            cli_hint="qzeval verify-paper CODE -w SECRETARIAT.qzw",
            window_hint="Open the secretariat's workspace (File ▸ Open Workspace).",
        )


def verify_code(workspace: Workspace, text: str) -> PaperCheck:
    """The answer for a typed or scanned code."""
    _require_secretariat(workspace)
    try:
        code = pc.parse(text)
    except pc.PaperCodeError as error:
        return PaperCheck(
            PaperOutcome.MISTYPED, text.strip(), Phrase(error.template, **error.fields)
        )
    keys = _key_index(workspace).get(code.key, [])
    checks = [_check_key(workspace, code, key) for key in keys]
    if not checks:
        return PaperCheck(PaperOutcome.UNKNOWN, code.text, _phrase("unknown", code=code.text))
    # Two keys with one 35-bit hash are all but impossible; if they meet, the one whose
    # content the page carries answers.
    order = list(PaperOutcome)
    return min(checks, key=lambda check: (check.page_total is None, order.index(check.outcome)))


Key = tuple[str, str, str]
_index_lock = threading.Lock()
_indexes: dict[str, tuple[tuple[int, int], dict[int, list[Key]]]] = {}


def _key_index(workspace: Workspace) -> dict[int, list[Key]]:
    """Key hash → the merged keys (round, credit code, evaluator) with it. Hashing a
    province's 50,000 keys takes a quarter of a second: the index is kept per workspace
    file until a file is merged (or removed), so a pile of pages is checked quickly."""
    path = str(workspace.path)
    stamp = workspace.submissions_stamp()
    with _index_lock:
        kept = _indexes.get(path)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    index: dict[int, list[Key]] = {}
    for key in workspace.submission_keys():
        index.setdefault(pc.key_hash(*key), []).append(key)
    with _index_lock:
        _indexes[path] = (stamp, index)
    return index


def _page_submission(
    workspace: Workspace, code: pc.PaperCode, submissions: list[Submission]
) -> tuple[Submission, ScorecardDocument] | None:
    """The merged file whose revision and content the page carries, with its document."""
    for submission in submissions:
        if submission.revision != code.revision:
            continue
        document = workspace.submission_document(submission.id)
        if pc.digest_bits(content_digest(document)) == code.digest:
            return submission, document
    return None


def _check_key(workspace: Workspace, code: pc.PaperCode, key: tuple[str, str, str]) -> PaperCheck:
    round_code, credit_code, evaluator_code = key
    submissions = workspace.submissions(
        round_code=round_code, credit_code=credit_code, evaluator_code=evaluator_code
    )
    accepted = [s for s in submissions if s.status is SubmissionStatus.ACCEPTED]
    record = accepted[-1] if accepted else max(submissions, key=lambda s: (s.revision, s.id))
    candidate = workspace.find_candidate(credit_code)
    evaluator = workspace.find_evaluator(evaluator_code)
    candidate_name = candidate.name if candidate else credit_code
    fields: dict[str, Any] = {
        "outcome": PaperOutcome.UNKNOWN,
        "code": code.text,
        "round_code": round_code,
        "credit_code": credit_code,
        "candidate_name": candidate_name,
        "evaluator_code": evaluator_code,
        "evaluator_name": evaluator.name if evaluator else None,
        "page_revision": code.revision,
        "record_revision": record.revision,
        "record_file": record.file_name,
        "record_total": record.total,
    }
    words = {
        "candidate": f"{candidate_name} ({credit_code})",
        "evaluator": evaluator_code,
        "page_revision": code.revision,
        "record_revision": record.revision,
    }
    page = _page_submission(workspace, code, submissions)
    if page is not None and page[0].id == record.id:
        return PaperCheck(
            **fields
            | {
                "outcome": PaperOutcome.MATCHES,
                "page_total": record.total,
                "message": _phrase(
                    "matches",
                    candidate=words["candidate"],
                    evaluator=evaluator_code,
                    round=round_code,
                    revision=record.revision,
                ),
            }
        )
    if code.revision < record.revision:
        if page is None:
            return PaperCheck(
                **fields
                | {
                    "outcome": PaperOutcome.OLDER_REVISION,
                    "message": _phrase("older-revision-unseen", **words),
                }
            )
        submission, document = page
        return PaperCheck(
            **fields
            | {
                "outcome": PaperOutcome.OLDER_REVISION,
                "page_total": submission.total,
                "changes": _changes(document, workspace.submission_document(record.id)),
                "message": _phrase("older-revision", **words),
            }
        )
    if page is not None:  # the same revision, other scores: a rival in conflict
        return PaperCheck(
            **fields
            | {
                "outcome": PaperOutcome.RIVAL,
                "page_total": page[0].total,
                "changes": _changes(page[1], workspace.submission_document(record.id)),
                "message": _phrase("rival", **words),
            }
        )
    template = "newer-revision" if code.revision > record.revision else "other-content"
    return PaperCheck(
        **fields | {"outcome": PaperOutcome.NOT_RECEIVED, "message": _phrase(template, **words)}
    )


def _changes(page: ScorecardDocument, record: ScorecardDocument) -> tuple[ItemChange, ...]:
    before, after = page.percentages(), record.percentages()
    return tuple(
        ItemChange(code, before.get(code), after.get(code))
        for code in after
        if before.get(code) != after.get(code)
    )


# ----- codes in a photo or scan of a page ---------------------------------------------------


class QrDecoderMissing(ServiceError):
    default_code = "no-qr-decoder"


class NoPaperCode(ServiceError):
    default_code = "no-paper-code"


def codes_in_image(path: Path) -> list[str]:
    """The paper codes in the QR codes of a photo or scan (PNG, JPEG, …), once each, in
    the order the decoder finds them. Needs zxing-cpp (and Pillow), imported only here."""
    try:
        import zxingcpp
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:
        raise QrDecoderMissing(
            "reading codes from images needs the zxing-cpp package, which is not installed; "
            "the code printed under the QR code can still be typed",
            cli_hint="qzeval verify-paper CODE -w WORKSPACE",
            window_hint="Type the code printed under the QR code into the field.",
        ) from None
    try:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as error:
        raise NoPaperCode(
            "{path}: the image cannot be read ({error})",
            error_code="unreadable-image",
            path=str(path),
            error=getattr(error, "strerror", None) or error,
            cli_hint="give a PNG or JPEG photo or scan of the page, or type the code",
            window_hint="Choose a PNG or JPEG photo or scan of the page, or type the code.",
        ) from None
    found = [
        result.text
        for result in zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
    ]
    codes = list(dict.fromkeys(text for text in found if _looks_like_code(text)))
    if found and not codes:
        raise NoPaperCode(
            "{path}: the QR codes in the image are not scorecard paper codes",
            path=str(path),
            cli_hint="photograph the QR code at the foot of a scorecard page, or type the "
            "code printed under it",
            window_hint="Photograph the QR code at the foot of a scorecard page, or type the "
            "code printed under it.",
        )
    if not codes:
        raise NoPaperCode(
            "{path}: no QR code found in the image",
            path=str(path),
            cli_hint="take a sharper photo of the QR code at the foot of the page, or type "
            "the code printed under it",
            window_hint="Take a sharper photo of the QR code at the foot of the page, or type "
            "the code printed under it.",
        )
    return codes


def _looks_like_code(text: str) -> bool:
    compact = pc.normalise(text)
    return len(compact) == pc.LENGTH and all(c in pc.ALPHABET for c in compact)


def verify_image(workspace: Workspace, path: Path) -> list[PaperCheck]:
    """The answer for every paper code in a photo or scan (usually one page, one code)."""
    _require_secretariat(workspace)
    return [verify_code(workspace, code) for code in codes_in_image(path)]
