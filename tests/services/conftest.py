"""A secretariat with a committee root and an enrolled evaluator with a final scorecard."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.services import demo, identity
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.store.workspace import Role, Workspace
from qz_evaluator.trust.testing import MemoryKeyring


@dataclass
class Enrolled:
    secretariat: Workspace
    evaluator: Workspace
    card: Scorecard
    tmp: Path


def score_fully(workspace: Workspace, card: Scorecard, base: int = 55) -> Scorecard:
    service = ScoringService(workspace)
    for index, item in enumerate(criteria_set(card.criteria_id).items):
        card = service.set_percent(card, item.code, min(100, base + 5 * (index % 4)))
        card = service.set_text(card, item.code, TextField.STRENGTHS, f"{item.code} 强项：方法系统")
        card = service.set_text(card, item.code, TextField.OFIS, f"{item.code} 改进机会：展开不足")
    return service.finalise(card)


def enrol(secretariat: Workspace, evaluator: Workspace) -> None:
    request = identity.create_identity(evaluator)
    bundle, _, _ = identity.issue_certificate(secretariat, request)
    identity.install_certificate(evaluator, bundle)


@pytest.fixture
def enrolled(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Enrolled]:
    secretariat = demo.build_demo(tmp_path / "sec.qzw", role=Role.SECRETARIAT)
    evaluator = demo.build_demo(tmp_path / "ev.qzw")
    identity.create_committee_root(secretariat, "测试评审委员会根证书")
    enrol(secretariat, evaluator)
    card = ScoringService(evaluator).ensure_all(demo.SITE_ROUND)[-1]
    card = score_fully(evaluator, card)
    yield Enrolled(secretariat, evaluator, card, tmp_path)
    secretariat.close()
    evaluator.close()
