"""A round's settings, set by the secretariat and carried in the assignment package.

They decide what finalising asks of an evaluator (a strength or an OFI for every scored
item, as examiners write in Baldrige practice), the language of the signed scorecard
(never the interface's language by accident) and how long a comment may grow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.scorecard import Scorecard

SCORECARD_LANGUAGES = ("zh", "en")


@dataclass(frozen=True, slots=True)
class RoundSettings:
    comments_required: bool = True  # each scored item needs a strength or an OFI
    scorecard_language: str = "zh"  # the signed PDF's language
    comment_limit: int | None = None  # characters per comment box; None: no limit

    def __post_init__(self) -> None:
        if self.scorecard_language not in SCORECARD_LANGUAGES:
            raise DomainError(
                "unknown scorecard language {language!r} (zh or en)",
                language=self.scorecard_language,
            )
        if self.comment_limit is not None and self.comment_limit <= 0:
            raise DomainError("a comment limit must be a positive number of characters")

    def as_json(self) -> dict[str, Any]:
        return {
            "comments_required": self.comments_required,
            "scorecard_language": self.scorecard_language,
            "comment_limit": self.comment_limit,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> RoundSettings:
        """Settings as a package carries them; a package without them gets the defaults."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise DomainError("round settings are not an object")
        required = data.get("comments_required", True)
        language = data.get("scorecard_language", "zh")
        limit = data.get("comment_limit")
        if not isinstance(required, bool) or not isinstance(language, str):
            raise DomainError("round settings are malformed")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise DomainError("round settings: the comment limit is not a number")
        return cls(required, language, limit)


def items_missing_comments(card: Scorecard, criteria: CriteriaSet) -> list[str]:
    """Codes of the scored items with neither a strength nor an OFI, in criteria order."""
    missing = []
    for item in criteria.items:
        entry = card.entry(item.code)
        if entry.percent is not None and not (entry.strengths.strip() or entry.ofis.strip()):
            missing.append(item.code)
    return missing
