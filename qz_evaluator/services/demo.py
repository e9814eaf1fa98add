"""The bundled demo workspace: ~40 fictitious candidates of Quzhou's pool, 35 evaluators,
site-visit panels with a few conflicts, and some of P01's scorecards partly scored.

Each session of the program that opens the demo gives it a demo committee and a demo
identity for P01 (`start_demo_identity`), so a newcomer can finalise, sign and export.
Their keys live in this process's memory only (never the keychain, never a file), the
files they sign carry a "演示 · 非正式评分" watermark, and every real workspace refuses
them by name (`services.scorecard_files.Rejection.DEMO_SIGNATURE`).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qz_evaluator.assets import DEFAULT_CRITERIA_ID, criteria_set, get_asset
from qz_evaluator.domain.candidates import Tier, TierChange
from qz_evaluator.domain.roster import RoundKind
from qz_evaluator.domain.scorecard import TextField
from qz_evaluator.services import identity
from qz_evaluator.services.errors import ServiceError
from qz_evaluator.services.imports import import_candidates, import_panels, import_roster
from qz_evaluator.services.pool import add_round
from qz_evaluator.services.scorecard_files import write_atomically
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust import certificates

if TYPE_CHECKING:  # merging imports the PDF side; the evaluator's demo does not need it
    from qz_evaluator.services.merge import MergeSummary

DEMO_OWNER = "P01"
SITE_ROUND = "2026-site"
DOCUMENT_ROUND = "2026-document"
# How many of the owner's scorecards get how many items scored, so the demo shows every state.
SCORED_PATTERN = (23, 12, 5)
DEMO_NAME = "衢州市政府质量奖 2026 演示工作区"
DEMO_COMMITTEE = "演示评审委员会根证书"


def demo_dir() -> Path:
    return get_asset("demo")


def _comments() -> dict[str, Any]:
    data = json.loads((demo_dir() / "comments.json").read_text(encoding="utf-8"))
    items: dict[str, Any] = data["items"]
    return items


def _history(workspace: Workspace) -> None:
    """Give the pool a believable past: candidates climbed one tier a year."""
    for candidate in workspace.candidates():
        climb = candidate.tier.rank
        first_year = 2025 - climb
        changes = [
            TierChange(
                candidate.credit_code,
                None,
                Tier.SEED,
                date(first_year, 4, 15),
                "首次入库（申报材料审核通过）",
            )
        ]
        for step in range(1, climb + 1):
            changes.append(
                TierChange(
                    candidate.credit_code,
                    list(Tier)[step - 1],
                    list(Tier)[step],
                    date(first_year + step, 6, 30),
                    f"{first_year + step}年度现场评审结果晋级",
                )
            )
        workspace.replace_tier_history(candidate.credit_code, changes)


def build_demo(path: Path, *, role: Role = Role.EVALUATOR) -> Workspace:
    """Write the demo workspace to `path` (which must not exist) and return it open.

    It is marked as the demo (no keychain, a session identity) by `start_demo_identity`.
    """
    source = demo_dir()
    workspace = Workspace.create(
        path,
        role,
        owner_code=DEMO_OWNER if role is Role.EVALUATOR else None,
        name=DEMO_NAME,
    )
    with workspace.transaction():
        import_roster(workspace, source / "roster.csv")
        import_candidates(workspace, source / "candidates.csv", entered_on=date(2025, 6, 30))
        _history(workspace)
        add_round(
            workspace,
            DOCUMENT_ROUND,
            "2026年度资料评审",
            RoundKind.DOCUMENT_REVIEW,
            2026,
            DEFAULT_CRITERIA_ID,
        )
        add_round(
            workspace,
            SITE_ROUND,
            "2026年度现场评审",
            RoundKind.SITE_VISIT,
            2026,
            DEFAULT_CRITERIA_ID,
        )
        import_panels(workspace, source / "panels.csv")
    if role is Role.EVALUATOR:
        _score_some(workspace)
    return workspace


def _score_some(workspace: Workspace) -> None:
    rng = random.Random(19580)
    comments = _comments()
    criteria = criteria_set(DEFAULT_CRITERIA_ID)
    service = ScoringService(workspace)
    cards = service.ensure_all(SITE_ROUND, DEMO_OWNER)
    for card, count in zip(cards, SCORED_PATTERN, strict=False):
        maturity = rng.choice((35, 45, 55, 60))
        with workspace.transaction():
            for item in criteria.items[:count]:
                percent = max(0, min(100, maturity + rng.choice((-10, -5, 0, 5, 10))))
                card = service.set_percent(card, item.code, percent).card
                texts = comments.get(item.code, {})
                for field, key in (
                    (TextField.STRENGTHS, "strengths"),
                    (TextField.OFIS, "ofis"),
                    (TextField.EVIDENCE, "evidence"),
                ):
                    options = texts.get(key) or []
                    if options:
                        card = service.set_text(card, item.code, field, rng.choice(options)).card


def start_demo_identity(workspace: Workspace) -> identity.SigningIdentity:
    """The demo committee and P01's demo identity for this session of the program.

    Made anew in each session (a second call in the same session returns the same one):
    the root's key is dropped once P01's certificate is issued, P01's key stays in
    memory (`services.identity`), and the workspace keeps only the two certificates.
    """
    if not identity.is_demo_workspace(workspace):
        # Marked here, when the window first opens it as the demo: `build_demo` alone
        # makes an ordinary evaluator workspace with the demo's data (tests enrol in it).
        if workspace.meta("name") != DEMO_NAME or workspace.owner_code != DEMO_OWNER:
            raise ServiceError("this is not the demo workspace", error_code="not-demo")
        workspace.set_meta(identity.DEMO_META, "1")
    existing = identity.demo_identity(workspace)
    if existing is not None:
        return existing
    evaluator = workspace.evaluator(DEMO_OWNER)
    root_key, root = certificates.create_committee_root(
        DEMO_COMMITTEE, valid_years=1, organisation=certificates.DEMO_ORGANISATION
    )
    key, request = certificates.create_evaluator_request(DEMO_OWNER, evaluator.name)
    cert = certificates.issue_evaluator_certificate(
        request, root_key, root, expected_code=DEMO_OWNER, valid_days=30
    )
    with workspace.transaction():
        for purpose, certificate in ((identity.ROOT, root), (identity.OWN, cert)):
            workspace.set_certificate(
                purpose,
                certificates.certificate_pem(certificate).decode("ascii"),
                certificates.fingerprint(certificate),
            )
    session_identity = identity.SigningIdentity(key, cert, [root], demo=True)
    identity.register_demo_identity(workspace, session_identity)
    return session_identity


# ----- the secretariat's demo: a merged round, with what a real one has left to do ---------

# How many of the site round's candidates have scorecards in the secretariat's demo.
SECRETARIAT_DEMO_CANDIDATES = 4
SECRETARIAT_DEMO_NAME = "衢州市政府质量奖 2026 演示工作区（秘书处）"
# Items one panel member scores far from the others, so the consensus has work to do.
DIVERGENT_ITEMS = ("4.1.2", "4.3.2", "4.7.2")


def build_secretariat_demo(path: Path, scratch: Path) -> tuple[Workspace, MergeSummary]:
    """The secretariat's demo workspace at `path` (which must not exist), returned open
    with the summary of its merge: a demo committee, signed scorecards for the first
    candidates' panels merged through `services.merge`, a few files still missing,
    divergent items to agree on, and one merge conflict (two different files of the
    same revision). The signed files are written under `scratch` (a folder the caller
    removes); merging keeps its own copies beside the workspace.
    """
    from qz_evaluator.services.merge import merge

    workspace, inbox = prepare_secretariat_demo(path, scratch)
    return workspace, merge(workspace, [inbox], workers=1)


def secretariat_demo_key_path(workspace_path: Path) -> Path:
    return workspace_path.with_name(workspace_path.stem + ".signing-key.pem")


def start_secretariat_demo_identity(workspace: Workspace) -> identity.SigningIdentity:
    """The secretariat demo's signing identity for this session, read from beside the
    demo workspace (see `prepare_secretariat_demo`) and kept in memory."""
    existing = identity.demo_identity(workspace)
    if existing is not None:
        return existing
    if not identity.is_demo_workspace(workspace) or workspace.role is not Role.SECRETARIAT:
        raise ServiceError("this is not the secretariat's demo workspace", error_code="not-demo")
    pem = workspace.certificate(identity.SECRETARIAT_SIGNING)
    if pem is None:
        raise ServiceError("the secretariat demo has no signing certificate", error_code="not-demo")
    cert = certificates.load_certificate(pem.encode("ascii"))
    key_path = secretariat_demo_key_path(workspace.path)
    try:
        key = certificates.load_demo_key(key_path.read_bytes(), cert)
    except OSError as error:
        raise ServiceError(
            "the secretariat demo's signing key {path} cannot be read: {reason}",
            path=str(key_path),
            reason=error.strerror or str(error),
        ) from error
    signer = identity.SigningIdentity(key, cert, [identity.committee_root(workspace)], demo=True)
    identity.register_demo_identity(workspace, signer)
    return signer


def prepare_secretariat_demo(path: Path, scratch: Path) -> tuple[Workspace, Path]:
    """The secretariat's demo before its merge: the workspace and the folder of signed
    files (under `scratch`) that `build_secretariat_demo` merges. The screenshots drop
    that folder on the window's inbox, as a secretariat would.

    The committee's and evaluators' keys live only while this runs: the demo signs
    nothing later, and its files carry the demo watermark.
    """
    from qz_evaluator.domain.roster import PanelRole
    from qz_evaluator.domain.scorecard import ItemEntry, Scorecard, ScorecardStatus
    from qz_evaluator.domain.scorecard_document import build_document
    from qz_evaluator.services.scorecard_files import file_name, signed_scorecard_pdf

    workspace = build_demo(path, role=Role.SECRETARIAT)
    workspace.set_meta("name", SECRETARIAT_DEMO_NAME)
    workspace.set_meta(identity.DEMO_META, "1")
    root_key, root = certificates.create_committee_root(
        DEMO_COMMITTEE, valid_years=1, organisation=certificates.DEMO_ORGANISATION
    )
    signing_key, request = certificates.create_secretariat_request()
    signing = certificates.issue_signing_certificate(request, root_key, root)
    # The demo's committee is trusted by nothing but this demo, so its signing key may
    # live beside it (a real secretariat's is in the keychain): packages and reports
    # can be signed in the demo in any session.
    write_atomically(
        secretariat_demo_key_path(path),
        certificates.demo_key_pem(signing_key, signing),
        private=True,
    )
    with workspace.transaction():
        for purpose, certificate in (
            (identity.ROOT, root),
            (identity.SECRETARIAT_SIGNING, signing),
        ):
            workspace.set_certificate(
                purpose,
                certificates.certificate_pem(certificate).decode("ascii"),
                certificates.fingerprint(certificate),
            )
    criteria = criteria_set(DEFAULT_CRITERIA_ID)
    round_ = workspace.round(SITE_ROUND)
    # Leaders first: the panel's leader sends a file in every case.
    members = sorted(
        workspace.panel_members(round_code=SITE_ROUND),
        key=lambda m: (m.role is not PanelRole.LEADER, m.evaluator_code),
    )
    chosen = sorted({m.credit_code for m in members})[:SECRETARIAT_DEMO_CANDIDATES]
    comments = _comments()
    rng = random.Random(19581)
    signers: dict[str, identity.SigningIdentity] = {}
    inbox = scratch / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    stamp = "2026-06-20T10:00:00+00:00"
    for index, credit_code in enumerate(chosen):
        panel = [m for m in members if m.credit_code == credit_code]
        maturity = rng.choice((40, 50, 55, 60))
        # The last panel member of every other candidate has not sent a file yet.
        sending = panel[:-1] if index % 2 else panel
        for position, member in enumerate(sending):
            code = member.evaluator_code
            signer = signers.get(code)
            if signer is None:
                evaluator = workspace.evaluator(code)
                key, request = certificates.create_evaluator_request(code, evaluator.name)
                cert = certificates.issue_evaluator_certificate(
                    request, root_key, root, expected_code=code, valid_days=30
                )
                workspace.set_certificate_fingerprint(code, certificates.fingerprint(cert))
                signer = signers[code] = identity.SigningIdentity(key, cert, [root], demo=True)
            entries: dict[str, ItemEntry] = {}
            for item in criteria.items:
                percent = maturity + rng.choice((-5, 0, 0, 5))
                if index == 0 and position == 1 and item.code in DIVERGENT_ITEMS:
                    percent += 30  # one lenient reading of a few items: flagged
                texts = comments.get(item.code, {})
                entries[item.code] = ItemEntry(
                    item.code,
                    max(0, min(100, percent)),
                    strengths=rng.choice(texts.get("strengths") or [""]),
                    ofis=rng.choice(texts.get("ofis") or [""]),
                )
            card = Scorecard(
                SITE_ROUND,
                credit_code,
                code,
                criteria.id,
                status=ScorecardStatus.FINAL,
                revision=1,
                entries=entries,
            )
            versions = [card]
            if index == 1 and position == 0:
                # A second, different file of the same revision: a merge conflict.
                first = entries[criteria.items[0].code]
                changed = {**entries, first.item_code: replace(first, percent=100)}
                versions.append(replace(card, entries=changed))
            for number, version in enumerate(versions):
                document = build_document(
                    version,
                    candidate=workspace.candidate(credit_code),
                    evaluator=workspace.evaluator(code),
                    round_=round_,
                    criteria=criteria,
                    workspace_id=f"demo-{code}",
                    revision=1,
                    created_at=stamp,
                    updated_at=stamp,
                    exported_at=stamp,
                    declaration_affirmed_at=stamp,
                )
                name = file_name(document)
                if number:
                    name = name.replace(".pdf", f"_copy{number}.pdf")
                (inbox / name).write_bytes(signed_scorecard_pdf(document, signer))
    return workspace, inbox
