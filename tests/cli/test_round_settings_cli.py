"""`qzeval round settings`: the secretariat shows and changes what packages carry."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Qzeval


def test_show_and_change_round_settings(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "sec.qzw"
    qzeval("init", path, "--role", "secretariat")
    qzeval("round", "add", "2026-site", "--kind", "site-visit", "--year", "2026", "-w", path)
    shown = qzeval.json("round", "settings", "2026-site", "-w", path)
    assert shown == {
        "comments_required": True,
        "scorecard_language": "zh",
        "comment_limit": None,
        "encrypt_scorecards": True,  # issue 13: on for a new round
        "visit_days": 1.0,  # a site visit's default
    }
    changed = qzeval.json(
        "round",
        "settings",
        "2026-site",
        "--comments-required",
        "no",
        "--scorecard-language",
        "en",
        "--comment-limit",
        "3000",
        "-w",
        path,
    )
    assert changed == {
        "comments_required": False,
        "scorecard_language": "en",
        "comment_limit": 3000,
        "encrypt_scorecards": True,
        "visit_days": 1.0,
    }
    assert qzeval.json("round", "settings", "2026-site", "-w", path) == changed
    cleared = qzeval.json("round", "settings", "2026-site", "--comment-limit", "none", "-w", path)
    assert cleared["comment_limit"] is None
    bad = qzeval("round", "settings", "2026-site", "--comment-limit", "lots", "-w", path, ok=False)
    assert "--comment-limit takes a number" in bad.stderr
    zero = qzeval("round", "settings", "2026-site", "--comment-limit", "0", "-w", path, ok=False)
    assert "positive number of characters" in zero.stderr
    unknown = qzeval("round", "settings", "2027-site", "-w", path, ok=False)
    assert "no round '2027-site'" in unknown.stderr


def test_days_per_candidate_are_a_round_setting(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "sec.qzw"
    qzeval("init", path, "--role", "secretariat")
    qzeval("round", "add", "2026-site", "--kind", "site-visit", "--year", "2026", "-w", path)
    qzeval("round", "add", "2026-doc", "--kind", "document-review", "--year", "2026", "-w", path)
    assert qzeval.json("round", "settings", "2026-doc", "-w", path)["visit_days"] == 0.5
    changed = qzeval.json("round", "settings", "2026-site", "--visit-days", "1.5", "-w", path)
    assert changed["visit_days"] == 1.5
    assert qzeval.json("round", "settings", "2026-site", "-w", path)["visit_days"] == 1.5
    assert qzeval.json("round", "settings", "2026-doc", "-w", path)["visit_days"] == 0.5
    back = qzeval.json("round", "settings", "2026-site", "--visit-days", "default", "-w", path)
    assert back["visit_days"] == 1.0
    text = qzeval("round", "settings", "2026-site", "--visit-days", "0.3", "-w", path, ok=False)
    assert "quarter days" in text.stderr
    text = qzeval("round", "settings", "2026-site", "--visit-days", "lots", "-w", path, ok=False)
    assert "is not a number" in text.stderr


def test_encrypting_scorecards_is_a_round_setting(tmp_path: Path, qzeval: Qzeval) -> None:
    path = tmp_path / "sec.qzw"
    qzeval("init", path, "--role", "secretariat")
    qzeval("round", "add", "2026-site", "--kind", "site-visit", "--year", "2026", "-w", path)
    off = qzeval.json("round", "settings", "2026-site", "--no-encrypt-scorecards", "-w", path)
    assert off["encrypt_scorecards"] is False
    assert qzeval.json("round", "settings", "2026-site", "-w", path)["encrypt_scorecards"] is False
    on = qzeval.json("round", "settings", "2026-site", "--encrypt-scorecards", "-w", path)
    assert on["encrypt_scorecards"] is True
