"""Round settings travel in the assignment package and decide finalise and export; the
declaration affirmed at finalise is signed; exports leave markers for the list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.errors import DomainError, ScoreError
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.exchange import package as pkg
from qz_evaluator.services import demo, packages, scorecard_files
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from tests.services.conftest import committee_and_p01
from tests.support.trust import MemoryKeyring

ROUND = demo.SITE_ROUND


@dataclass
class Setup:
    secretariat: Workspace
    evaluator: Workspace
    tmp: Path

    def imported(self) -> ScoringService:
        [path] = packages.export_packages(self.secretariat, ROUND, self.tmp / "pkg", ["P01"])
        packages.import_package(self.evaluator, path)
        return ScoringService(self.evaluator)


@pytest.fixture
def setup(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Setup]:
    with committee_and_p01(tmp_path) as (secretariat, evaluator):
        yield Setup(secretariat, evaluator, tmp_path)


def scored(service: ScoringService, *, comment_every: int = 1) -> Scorecard:
    card = service.ensure_all(ROUND)[0]
    for index, item in enumerate(service.criteria_for(ROUND).items):
        card = service.set_percent(card, item.code, 60).card
        if index % comment_every == 0:
            card = service.set_text(card, item.code, TextField.STRENGTHS, "方法系统").card
    return card


def test_defaults_are_the_baldrige_practice(setup: Setup) -> None:
    service = setup.imported()
    settings = service.round_settings(ROUND)
    assert settings == RoundSettings(True, "zh", None)


def test_the_package_carries_the_round_settings(setup: Setup) -> None:
    chosen = RoundSettings(comments_required=False, scorecard_language="en", comment_limit=2000)
    setup.secretariat.set_round_settings(ROUND, chosen)
    assignment = packages.assignment_for(setup.secretariat, ROUND, "P01")
    assert pkg.assignment_json(assignment)["round"]["settings"] == chosen.as_json()
    service = setup.imported()
    assert service.round_settings(ROUND) == chosen
    audit = [e for e in setup.secretariat.audit_entries() if e.action == "round-settings"]
    assert len(audit) == 1 and json.loads(audit[0].new or "") == chosen.as_json()
    # A later package changes them again.
    setup.secretariat.set_round_settings(ROUND, RoundSettings())
    setup.imported()
    assert service.round_settings(ROUND) == RoundSettings()


def test_a_package_without_settings_gets_the_defaults() -> None:
    # Except encryption: a package that does not ask for it comes from a secretariat whose
    # program reads plain files only (issue 13).
    assert RoundSettings.from_json(None) == RoundSettings(encrypt_scorecards=False)
    with pytest.raises(DomainError):
        RoundSettings.from_json({"scorecard_language": "fr"})
    with pytest.raises(DomainError):
        RoundSettings.from_json({"comment_limit": "many"})
    data = {"comments_required": False, "scorecard_language": "en", "comment_limit": 500}
    assert RoundSettings.from_json(data).as_json() == {**data, "encrypt_scorecards": False}
    assert RoundSettings.from_json({**data, "encrypt_scorecards": True}).encrypt_scorecards
    with pytest.raises(DomainError):
        RoundSettings.from_json({"encrypt_scorecards": "yes"})


def test_finalise_needs_comments_when_the_round_says_so(setup: Setup) -> None:
    service = setup.imported()
    card = scored(service, comment_every=2)  # items 1, 3, 5, … have no comment
    missing = service.missing_comments(card)
    assert len(missing) == 11 and missing[0] == "4.1.3"
    with pytest.raises(ScoreError, match="11 scored items have neither") as refused:
        service.finalise(card, affirm_declaration=True)
    assert refused.value.code == "comments-missing"
    setup.evaluator.set_round_settings(ROUND, RoundSettings(comments_required=False))
    assert service.missing_comments(card) == []
    service.finalise(card, affirm_declaration=True)


def test_finalise_needs_the_declaration_and_signs_when(setup: Setup) -> None:
    service = setup.imported()
    card = scored(service)
    with pytest.raises(ScoreError) as refused:
        service.finalise(card, affirm_declaration=False)
    assert refused.value.code == "declaration-not-affirmed"
    final = service.finalise(card, affirm_declaration=True).card
    affirmed_at = service.declaration_affirmed_at(final)
    assert affirmed_at is not None
    result = scorecard_files.export_scorecard(setup.evaluator, final, setup.tmp / "out")
    raw = scd.to_bytes(
        scorecard_files._document(
            setup.evaluator, final, result.revision, "2099-01-01T00:00:00+00:00"
        )
    )
    document = scd.from_bytes(raw, criteria_set)
    assert document.declaration_affirmed_at == affirmed_at and document.language == "zh"
    # Reopening withdraws the affirmation: finalising again asks for it again.
    reopened = service.reopen(final).card
    assert service.declaration_affirmed_at(reopened) is None


def test_a_card_finalised_without_the_declaration_is_not_exported(setup: Setup) -> None:
    service = setup.imported()
    final = service.finalise(scored(service), affirm_declaration=True).card
    setup.evaluator.set_declaration_affirmed(final.id, None)  # as an older version left it
    with pytest.raises(ServiceError, match="reopen it") as refused:
        scorecard_files.export_scorecard(setup.evaluator, final, setup.tmp / "out")
    assert refused.value.code == "declaration-not-affirmed"


def test_export_markers_for_the_list(setup: Setup) -> None:
    service = setup.imported()
    assert service.last_exports(ROUND) == {}
    final = service.finalise(scored(service), affirm_declaration=True).card
    assert service.last_export(ROUND, final.credit_code) is None
    first = scorecard_files.export_scorecard(setup.evaluator, final, setup.tmp / "out")
    marker = service.last_export(ROUND, final.credit_code)
    assert marker is not None and marker.revision == first.revision == 1
    # A language change is a new revision, and the marker follows it.
    setup.evaluator.set_round_settings(ROUND, RoundSettings(scorecard_language="en"))
    second = scorecard_files.export_scorecard(setup.evaluator, final, setup.tmp / "out")
    assert not second.reused and second.revision == 2
    markers = service.last_exports(ROUND)
    assert list(markers) == [final.credit_code] and markers[final.credit_code].revision == 2
    assert markers[final.credit_code].exported_at.endswith("+00:00")


# ----- scorecard.json version 2 ---------------------------------------------------------


def _json(setup: Setup) -> dict[str, object]:
    service = setup.imported()
    final = service.finalise(scored(service), affirm_declaration=True).card
    document = scorecard_files._document(setup.evaluator, final, 1, "2099-01-01T00:00:00+00:00")
    data: dict[str, object] = json.loads(scd.to_bytes(document))
    assert data["version"] == scd.VERSION  # 3 since the edit history
    return data


def read(data: dict[str, object]) -> scd.ScorecardDocument:
    return scd.from_bytes(json.dumps(data, ensure_ascii=False), criteria_set)


def test_version_1_documents_stay_readable(setup: Setup) -> None:
    data = _json(setup)
    data["version"] = 1
    del data["language"]
    declaration = data["declaration"]
    assert isinstance(declaration, dict)
    del declaration["affirmed_at"]
    document = read(data)
    assert document.language is None and document.declaration_affirmed_at is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["declaration"].update(affirmed_at=None), "does not record"),
        (lambda d: d["declaration"].update(zh="本人声明：无"), "not the text shown"),
        (
            lambda d: d["declaration"].update(affirmed_at="2100-01-01T00:00:00+00:00"),
            "not affirmed before the export",
        ),
        (lambda d: d.update(language="fr"), "unknown language"),
        (lambda d: d.pop("language"), "language is missing"),
    ],
)
def test_version_2_checks_the_affirmation(setup: Setup, change: object, words: str) -> None:
    data = _json(setup)
    change(data)  # type: ignore[operator]
    with pytest.raises(scd.ScorecardFormatError, match=words):
        read(data)
