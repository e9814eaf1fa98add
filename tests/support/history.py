"""A committee where P01 scored a candidate, exported r1, reopened the card with a reason,
changed a score and a comment, and exported r2: the edit history's tests share it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain import edit_history
from qz_evaluator.domain import scorecard_document as scd
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.services import demo, identity, scorecard_files
from qz_evaluator.services.scorecard_files import ExportResult
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace

REOPEN_REASON = "现场复核：4.2 的数据口径更正"
FIRST, CHANGED = 55, 40  # the first item's percentage at the first finalise, and after


def restated(document: scd.ScorecardDocument) -> scd.ScorecardDocument:
    """The document with a history that simply states its values, chained to its own
    identity: what a forger signing other scores or another card writes, so that a test
    of another refusal is not stopped earlier by `history-mismatch`."""
    changes = edit_history.changes_stating(document.entries, document.status, document.updated_at)
    return dataclasses.replace(
        document, history=edit_history.chain(changes, document.history_start)
    )


@dataclass
class Reopened:
    secretariat: Workspace
    evaluator: Workspace  # P01, enrolled
    card: Scorecard  # final again, after the reopen
    item: str  # the item whose score changed after the reopen
    r1: ExportResult
    r2: ExportResult
    outbox: Path
    root: x509.Certificate  # the committee's root


def _enrol(secretariat: Workspace, evaluator: Workspace) -> None:
    request = identity.create_identity(evaluator, "罗思丽")
    bundle, _, _ = identity.issue_certificate(secretariat, request)
    identity.install_certificate(evaluator, bundle)


@contextmanager
def reopened_committee(folder: Path) -> Iterator[Reopened]:
    """Needs a keychain (the memory one in unit tests)."""
    secretariat = demo.build_demo(folder / "sec.qzw", role=Role.SECRETARIAT)
    evaluator = demo.build_demo(folder / "ev.qzw")
    identity.create_committee_root(secretariat, "测试评审委员会根证书")
    _enrol(secretariat, evaluator)
    service = ScoringService(evaluator)
    card = service.ensure_all(demo.SITE_ROUND)[-1]
    items = criteria_set(card.criteria_id).items
    for index, criterion in enumerate(items):
        code = criterion.code
        card = service.set_percent(card, code, FIRST + 5 * (index % 4)).card
        card = service.set_text(card, code, TextField.STRENGTHS, f"{code} 强项").card
        card = service.set_text(card, code, TextField.OFIS, f"{code} 改进机会").card
    card = service.finalise(card, affirm_declaration=True).card
    outbox = folder / "outbox"
    r1 = scorecard_files.export_scorecard(evaluator, card, outbox)
    card = service.reopen(card, REOPEN_REASON).card
    item = items[0].code
    card = service.set_percent(card, item, CHANGED).card
    card = service.set_text(card, items[1].code, TextField.OFIS, "补充：数据未分解").card
    card = service.finalise(card, affirm_declaration=True).card
    r2 = scorecard_files.export_scorecard(evaluator, card, outbox)
    try:
        yield Reopened(
            secretariat,
            evaluator,
            card,
            item,
            r1,
            r2,
            outbox,
            identity.committee_root(secretariat),
        )
    finally:
        secretariat.close()
        evaluator.close()
