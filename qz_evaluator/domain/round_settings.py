"""A round's settings, set by the secretariat and carried in the assignment package.

They decide what finalising asks of an evaluator (a strength or an OFI for every scored
item, as examiners write in Baldrige practice), the language of the signed scorecard
(never the interface's language by accident) and how long a comment may grow. The
secretariat's planning figure, the days an evaluator spends on each candidate, lives
here too: one place for a round's settings.

`encrypt_scorecards` (issue 13): export puts each signed scorecard in an envelope only
the secretariat opens. On for a new round; a package that does not say (one issued by
an older program, whose secretariat could not open the envelope) means plain files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.roster import RoundKind
from qz_evaluator.domain.scorecard import Scorecard

SCORECARD_LANGUAGES = ("zh", "en")
# Days an evaluator spends per candidate when the round does not say: a site visit takes
# a day on site, a document review about half a day at the desk.
DEFAULT_VISIT_DAYS = {RoundKind.SITE_VISIT: 1.0, RoundKind.DOCUMENT_REVIEW: 0.5}
# Quarter days, so that loads add up exactly (and read as people plan: ½ day, 1¼ days).
VISIT_DAYS_STEP = 0.25
MAX_VISIT_DAYS = 10.0


@dataclass(frozen=True, slots=True)
class RoundSettings:
    comments_required: bool = True  # each scored item needs a strength or an OFI
    scorecard_language: str = "zh"  # the signed PDF's language
    comment_limit: int | None = None  # characters per comment box; None: no limit
    visit_days: float | None = None  # days per candidate; None: the round kind's default
    encrypt_scorecards: bool = True  # exported scorecards readable by the secretariat only

    def __post_init__(self) -> None:
        if self.scorecard_language not in SCORECARD_LANGUAGES:
            raise DomainError(
                "unknown scorecard language {language!r} (zh or en)",
                language=self.scorecard_language,
            )
        if self.comment_limit is not None and self.comment_limit <= 0:
            raise DomainError("a comment limit must be a positive number of characters")
        if self.visit_days is not None:
            check_visit_days(self.visit_days)

    def days_per_candidate(self, kind: RoundKind) -> float:
        """The days an evaluator spends on each candidate in a round of this kind."""
        return self.visit_days if self.visit_days is not None else DEFAULT_VISIT_DAYS[kind]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "comments_required": self.comments_required,
            "scorecard_language": self.scorecard_language,
            "comment_limit": self.comment_limit,
            "encrypt_scorecards": self.encrypt_scorecards,
        }
        # Only when chosen: a round on its kind's default carries what it always did.
        if self.visit_days is not None:
            data["visit_days"] = self.visit_days
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> RoundSettings:
        """Settings as a package carries them; a package without them gets the defaults."""
        if data is None:
            return cls(encrypt_scorecards=False)
        if not isinstance(data, Mapping):
            raise DomainError("round settings are not an object")
        required = data.get("comments_required", True)
        language = data.get("scorecard_language", "zh")
        limit = data.get("comment_limit")
        days = data.get("visit_days")
        # Absent: the package comes from a program that writes (and reads) plain files.
        encrypt = data.get("encrypt_scorecards", False)
        if (
            not isinstance(required, bool)
            or not isinstance(language, str)
            or not isinstance(encrypt, bool)
        ):
            raise DomainError("round settings are malformed")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise DomainError("round settings: the comment limit is not a number")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int | float)):
            raise DomainError("round settings: the days per candidate are not a number")
        return cls(required, language, limit, None if days is None else float(days), encrypt)


def check_visit_days(days: float) -> float:
    """Days per candidate: more than none, at most MAX_VISIT_DAYS, in quarter days."""
    if not 0 < days <= MAX_VISIT_DAYS or (days / VISIT_DAYS_STEP) % 1:
        raise DomainError(
            "days per candidate must be a number of quarter days between 0.25 and {most}"
            " (not {days})",
            most=f"{MAX_VISIT_DAYS:g}",
            days=f"{days:g}",
        )
    return days


def parse_visit_days(text: str) -> float:
    """Days per candidate as typed ("1", "0.5", "1,5"), checked."""
    try:
        days = float(text.strip().replace(",", "."))
    except ValueError:
        raise DomainError("days per candidate {text!r} is not a number", text=text) from None
    return check_visit_days(days)  # NaN and infinity fail its range check


def items_missing_comments(card: Scorecard, criteria: CriteriaSet) -> list[str]:
    """Codes of the scored items with neither a strength nor an OFI, in criteria order."""
    missing = []
    for item in criteria.items:
        entry = card.entry(item.code)
        if entry.percent is not None and not (entry.strengths.strip() or entry.ofis.strip()):
            missing.append(item.code)
    return missing
