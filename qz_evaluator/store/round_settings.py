"""A round's settings, the declaration affirmed at finalise, and the exports' markers."""

from __future__ import annotations

import json
from typing import NamedTuple

from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.store.base import StoreBase
from qz_evaluator.store.errors import NotFound


class ExportMarker(NamedTuple):
    """The last signed file of a scorecard: "exported r2 at 14:05" in the list."""

    revision: int
    exported_at: str  # ISO 8601, UTC


class RoundSettingsStore(StoreBase):
    def round_settings(self, round_code: str) -> RoundSettings:
        row = self._first(
            "rounds",
            "code = ?",
            [round_code],
            select=(
                "comments_required, scorecard_language, comment_limit, visit_days,"
                " encrypt_scorecards"
            ),
        )
        if row is None:
            raise NotFound(f"no round {round_code!r} in this workspace")
        return RoundSettings(
            comments_required=bool(row["comments_required"]),
            scorecard_language=str(row["scorecard_language"]),
            comment_limit=row["comment_limit"],
            visit_days=row["visit_days"],
            encrypt_scorecards=bool(row["encrypt_scorecards"]),
        )

    def set_round_settings(self, round_code: str, settings: RoundSettings) -> None:
        with self.transaction():
            old = self.round_settings(round_code)
            if old == settings:
                return
            self._update_rows(
                "rounds",
                {
                    "comments_required": int(settings.comments_required),
                    "scorecard_language": settings.scorecard_language,
                    "comment_limit": settings.comment_limit,
                    "visit_days": settings.visit_days,
                    "encrypt_scorecards": int(settings.encrypt_scorecards),
                },
                "code = ?",
                [round_code],
            )
            self._audit(
                "round-settings",
                round_code=round_code,
                field="settings",
                old=json.dumps(old.as_json(), sort_keys=True),
                new=json.dumps(settings.as_json(), sort_keys=True),
            )

    def set_declaration_affirmed(self, scorecard_id: int, at: str | None) -> None:
        """When the evaluator ticked the declaration (None: not affirmed, e.g. reopened)."""
        with self.transaction():
            old = self.declaration_affirmed_at(scorecard_id)
            self._update_rows(
                "scorecards", {"declaration_affirmed_at": at}, "id = ?", [scorecard_id]
            )
            self._audit(
                "declaration",
                scorecard_id=scorecard_id,
                field="declaration_affirmed_at",
                old=old,
                new=at,
            )

    def declaration_affirmed_at(self, scorecard_id: int) -> str | None:
        row = self._first("scorecards", "id = ?", [scorecard_id], select="declaration_affirmed_at")
        if row is None:
            raise NotFound(f"no scorecard with id {scorecard_id}")
        value = row["declaration_affirmed_at"]
        return str(value) if value is not None else None

    def finals_not_affirmed(self, round_code: str | None, evaluator_code: str) -> list[str]:
        """Credit codes of final scorecards (of a round, or all) finalised before the
        declaration was asked for (an older version): they are reopened and finalised
        again before an export."""
        sql = (
            "SELECT c.credit_code FROM scorecards s JOIN candidates c ON c.id = s.candidate_id"
            " WHERE s.evaluator_code = ? AND s.status = 'final'"
            " AND s.declaration_affirmed_at IS NULL"
        )
        args: list[object] = [evaluator_code]
        if round_code is not None:
            sql += " AND s.round_code = ?"
            args.append(round_code)
        rows = self._rows(sql + " ORDER BY c.credit_code", args)
        return [str(row["credit_code"]) for row in rows]

    def export_markers(
        self, round_code: str, evaluator_code: str, credit_code: str | None = None
    ) -> dict[str, ExportMarker]:
        """The last export of each of the evaluator's scorecards in a round, by credit code
        (one query for the whole list; scorecards never exported are absent)."""
        sql = (
            "SELECT c.credit_code, e.revision, e.exported_at FROM exports e"
            " JOIN scorecards s ON s.id = e.scorecard_id"
            " JOIN candidates c ON c.id = s.candidate_id"
            " WHERE s.round_code = ? AND s.evaluator_code = ?"
            " AND e.revision = (SELECT MAX(revision) FROM exports WHERE scorecard_id = s.id)"
        )
        args: list[object] = [round_code, evaluator_code]
        if credit_code is not None:
            sql += " AND c.credit_code = ?"
            args.append(credit_code)
        return {
            row["credit_code"]: ExportMarker(int(row["revision"]), str(row["exported_at"]))
            for row in self._rows(sql, args)
        }
