"""Merging a whole generated round, and every way a file is refused or set aside."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.eligibility import Ineligible
from qz_evaluator.domain.roster import Conflict
from qz_evaluator.domain.scorecard_document import SubmissionStatus
from qz_evaluator.services import identity, merge, scorecard_files
from qz_evaluator.services.merge import MergeRejection, Outcome
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates, keychain
from tests.services.conftest import Round


@pytest.fixture
def secretariat(scored_round: Round, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the round's secretariat workspace, so tests don't meet."""
    path = tmp_path / "sec.qzw"
    scored_round.secretariat.copy_to(path)
    workspace = Workspace.open(path)
    workspace.actor = "secretariat"
    yield workspace
    workspace.close()


def state(workspace: Workspace) -> list[tuple[object, ...]]:
    rows = workspace.db.execute(
        "SELECT file_sha256, status, revision, evaluator_code FROM submissions ORDER BY id"
    ).fetchall()
    log = workspace.db.execute("SELECT file_sha256, outcome FROM merge_log ORDER BY id").fetchall()
    return [*map(tuple, rows), ("log",), *map(tuple, log)]


def test_whole_round_merges_and_twice_changes_nothing(
    scored_round: Round, secretariat: Workspace
) -> None:
    summary = merge.merge(secretariat, [scored_round.outbox], workers=2)
    assert summary.count(Outcome.ACCEPTED) == 200
    assert summary.count(Outcome.REJECTED) == 0
    assert summary.missing == {}
    accepted = secretariat.submissions(statuses=[SubmissionStatus.ACCEPTED])
    assert len({(s.credit_code, s.evaluator_code) for s in accepted}) == 200
    # The narrow rows results read hold the same percentages, in criteria order.
    codes = [item.code for item in criteria_set().items]
    rows = {
        (credit_code, evaluator): dict(zip(codes, row, strict=True))
        for round_code in {s.round_code for s in accepted}
        for credit_code, evaluator, _, row in secretariat.iter_panel_rows(round_code=round_code)
    }
    for submission in accepted:
        document = secretariat.submission_document(submission.id)
        plan = scored_round.expected[(submission.credit_code, submission.evaluator_code)]
        assert document.percentages() == plan
        assert rows[(submission.credit_code, submission.evaluator_code)] == plan
        assert (merge.archive_dir(secretariat) / f"{submission.file_sha256}.pdf").exists()
    before = state(secretariat)
    again = merge.merge(secretariat, [scored_round.outbox, scored_round.outbox], workers=2)
    assert again.count(Outcome.DUPLICATE) == 400
    assert state(secretariat) == before


def test_missing_panel_members_are_listed(scored_round: Round, secretariat: Workspace) -> None:
    files = sorted(scored_round.outbox.glob("*_P01_r1.pdf"))
    summary = merge.merge(secretariat, files[:2], workers=1)
    assert summary.count(Outcome.ACCEPTED) == 2
    for credit_code in (
        secretariat.submission_document(s.id).candidate.credit_code
        for s in secretariat.submissions()
    ):
        missing = summary.missing[("2026-site", credit_code)]
        assert len(missing) == 4 and "P01" not in missing
    assert len(summary.missing) == 40


def _card(scored_round: Round, code: str) -> tuple[Workspace, object]:
    workspace = scored_round.evaluators[code]
    return workspace, workspace.scorecards(evaluator_code=code)[0]


def test_higher_revision_supersedes_and_history_is_kept(
    scored_round: Round, secretariat: Workspace
) -> None:
    merge.merge(secretariat, [scored_round.outbox], workers=2)
    workspace = Workspace.open(scored_round.evaluators["M05"].path)
    try:
        service = ScoringService(workspace)
        card = workspace.scorecards(evaluator_code="M05")[0]
        card = service.reopen(card).card
        card = service.set_percent(
            card, "4.7.2", 100 if card.entry("4.7.2").percent != 100 else 95
        ).card
        card = service.finalise(card, affirm_declaration=True).card
        result = scorecard_files.export_scorecard(workspace, card, secretariat.path.parent / "r2")
    finally:
        workspace.close()
    assert result.revision == 2
    summary = merge.merge(secretariat, [result.path], workers=1)
    assert [e.outcome for e in summary.entries] == [Outcome.ACCEPTED]
    history = secretariat.submissions(credit_code=card.credit_code, evaluator_code="M05")
    assert [(s.revision, s.status) for s in history] == [(1, "superseded"), (2, "accepted")]
    # The old file arriving late again is a no-op; a stale revision never wins.
    old = next(scored_round.outbox.glob(f"*_{card.credit_code[-6:]}_M05_r1.pdf"))
    assert [e.outcome for e in merge.merge(secretariat, [old]).entries] == [Outcome.DUPLICATE]


def _forged(
    scored_round: Round,
    code: str,
    *,
    change: int,
    revision: int = 1,
    credit_code: str | None = None,
) -> scd.ScorecardDocument:
    workspace = scored_round.evaluators[code]
    card = workspace.scorecards(evaluator_code=code)[0]
    entries = {**card.entries, "4.1.2": dataclasses.replace(card.entry("4.1.2"), percent=change)}
    card = dataclasses.replace(card, entries=entries)  # a final card, changed behind its back
    # Exported now: after the declaration was affirmed at finalise.
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    document = scorecard_files._document(workspace, card, revision, exported_at)
    candidate = (
        scored_round.secretariat.candidate(credit_code) if credit_code else document.candidate
    )
    return dataclasses.replace(document, candidate=candidate)


def _sign(
    scored_round: Round,
    document: scd.ScorecardDocument,
    path: Path,
    signer: identity.SigningIdentity | None = None,
) -> Path:
    signer = signer or identity.evaluator_identity(scored_round.evaluators[document.evaluator.code])
    path.write_bytes(scorecard_files.signed_scorecard_pdf(document, signer))
    return path


def test_same_revision_different_file_is_a_conflict(
    scored_round: Round, secretariat: Workspace, tmp_path: Path
) -> None:
    merge.merge(secretariat, [scored_round.outbox], workers=2)
    rival = _sign(scored_round, _forged(scored_round, "M07", change=100), tmp_path / "rival.pdf")
    summary = merge.merge(secretariat, [rival], workers=1)
    assert [(e.outcome, e.reason) for e in summary.entries] == [
        (Outcome.CONFLICT, "revision-conflict")
    ]
    credit_code = summary.entries[0].credit_code
    rows = secretariat.submissions(credit_code=credit_code, evaluator_code="M07")
    # The accepted score stays until the secretariat has a higher revision; the rival is
    # recorded, never counted, never silently dropped.
    assert [s.status for s in rows] == ["accepted", "conflict"]
    assert ("2026-site", str(credit_code)) not in summary.missing
    # A higher revision resolves it.
    fixed = _sign(
        scored_round, _forged(scored_round, "M07", change=95, revision=2), tmp_path / "fixed.pdf"
    )
    assert [e.outcome for e in merge.merge(secretariat, [fixed]).entries] == [Outcome.ACCEPTED]
    rows = secretariat.submissions(credit_code=credit_code, evaluator_code="M07")
    assert [s.status for s in rows] == ["superseded", "superseded", "accepted"]


def test_rejections_each_with_its_reason(
    scored_round: Round, secretariat: Workspace, tmp_path: Path
) -> None:
    good = sorted(scored_round.outbox.glob("*.pdf"))
    files: dict[str, Path] = {}
    data = bytearray(good[0].read_bytes())
    data[len(data) // 3] ^= 0x01
    files["tampered"] = tmp_path / "tampered.pdf"
    files["tampered"].write_bytes(bytes(data))
    files["text"] = tmp_path / "notes.pdf"
    files["text"].write_text("这不是评分表")
    files["truncated"] = tmp_path / "cut.pdf"
    files["truncated"].write_bytes(good[1].read_bytes()[:5000])
    # P01's own certificate, but not the one the roster records (e.g. a second enrolment).
    root_key = keychain.load_private_key(identity.root_key_name(scored_round.secretariat))
    root = identity.committee_root(scored_round.secretariat)
    key, csr = certificates.create_evaluator_request("P01", "罗思丽")
    other = certificates.issue_evaluator_certificate(csr, root_key, root, expected_code="P01")
    files["unrecorded"] = _sign(
        scored_round,
        _forged(scored_round, "P01", change=50),
        tmp_path / "unrecorded.pdf",
        identity.SigningIdentity(key, other, [root]),
    )
    outsider = next(
        c.credit_code
        for c in scored_round.secretariat.candidates()
        if not scored_round.secretariat.panel_members(
            credit_code=c.credit_code, evaluator_code="P02"
        )
    )
    files["panel"] = _sign(
        scored_round,
        _forged(scored_round, "P02", change=50, credit_code=outsider),
        tmp_path / "panel.pdf",
    )
    expected = {
        "tampered": "digest-mismatch",
        "text": "not-a-pdf",
        "unrecorded": MergeRejection.CERTIFICATE_NOT_RECORDED.value,
        "panel": Ineligible.NOT_ON_PANEL.value,
    }
    summary = merge.merge(secretariat, list(files.values()), workers=1)
    reasons = {Path(e.file).stem: e.reason for e in summary.entries}
    by_name = {name: reasons[path.stem] for name, path in files.items()}
    assert by_name["truncated"] in {"not-a-pdf", "damaged"}
    del by_name["truncated"]
    assert by_name == expected
    assert all(e.outcome is Outcome.REJECTED and e.message for e in summary.entries)
    assert secretariat.submissions() == []


def test_a_recorded_conflict_rejects_the_scorecard(
    scored_round: Round, secretariat: Workspace
) -> None:
    path = sorted(scored_round.outbox.glob("*_M11_r1.pdf"))[0]
    document = scorecard_files.check_scorecard_file(path, identity.committee_root(secretariat))
    assert document.document is not None
    code = document.document.candidate.credit_code
    secretariat.add_conflict(Conflict(code, "M11", "事后发现曾为该单位提供咨询"))
    summary = merge.merge(secretariat, [path], workers=1)
    assert summary.entries[0].reason == Ineligible.CONFLICT_OF_INTEREST.value


def test_a_crash_mid_merge_leaves_a_consistent_workspace(
    scored_round: Round, secretariat: Workspace
) -> None:
    path = secretariat.path
    secretariat.close()
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from qz_evaluator.services import merge
        from qz_evaluator.store.workspace import Workspace
        ws = Workspace.open(Path({str(path)!r}))
        def progress(done, total):
            if done == 57:
                os.kill(os.getpid(), 9)  # the power cut, in the middle of the batch
        merge.merge(ws, [Path({str(scored_round.outbox)!r})], workers=1, progress=progress)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    with Workspace.open(path) as reopened:
        kept = reopened.submissions()
        assert len(kept) == 57
        logged = {row["file_sha256"] for row in reopened.merge_log()}
        assert logged == {s.file_sha256 for s in kept}
        summary = merge.merge(reopened, [scored_round.outbox], workers=2)
        assert summary.count(Outcome.DUPLICATE) == 57
        assert summary.count(Outcome.ACCEPTED) == 143
        assert len(reopened.submissions(statuses=[SubmissionStatus.ACCEPTED])) == 200


def test_round_criteria_and_roster_rejections(
    scored_round: Round, secretariat: Workspace, tmp_path: Path
) -> None:
    root_key = keychain.load_private_key(identity.root_key_name(scored_round.secretariat))
    root = identity.committee_root(scored_round.secretariat)
    base = _forged(scored_round, "M02", change=50)
    later_round = dataclasses.replace(base.round, code="2027-site")
    unknown_round = _sign(
        scored_round, dataclasses.replace(base, round=later_round), tmp_path / "round.pdf"
    )
    key, csr = certificates.create_evaluator_request("X99", "名单外人员")
    outsider_cert = certificates.issue_evaluator_certificate(
        csr, root_key, root, expected_code="X99"
    )
    outsider = dataclasses.replace(base, evaluator=dataclasses.replace(base.evaluator, code="X99"))
    not_listed = _sign(
        scored_round,
        outsider,
        tmp_path / "roster.pdf",
        identity.SigningIdentity(key, outsider_cert, [root]),
    )
    summary = merge.merge(secretariat, [unknown_round, not_listed], workers=1)
    assert [e.reason for e in summary.entries] == [
        MergeRejection.UNKNOWN_ROUND.value,
        MergeRejection.NOT_IN_ROSTER.value,
    ]
    # The secretariat re-declares the round on another criteria set: the file no longer fits.
    round_ = secretariat.round("2026-site")
    secretariat.upsert_round(dataclasses.replace(round_, criteria_id="db31-t-1009"))
    good = sorted(scored_round.outbox.glob("*_M02_r1.pdf"))[0]
    summary = merge.merge(secretariat, [good], workers=1)
    assert summary.entries[0].reason == MergeRejection.CRITERIA_MISMATCH.value
    assert secretariat.submissions() == []
