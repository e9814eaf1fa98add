"""A secretariat with a committee root and an enrolled evaluator with a final scorecard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.round_settings import RoundSettings
from qz_evaluator.domain.scorecard import Scorecard, TextField
from qz_evaluator.services import demo, identity
from qz_evaluator.services.scoring import ScoringService
from qz_evaluator.services.session import open_workspace
from qz_evaluator.store.workspace import Role, Workspace
from tests.support.trust import MemoryKeyring, install_memory_keychain


@dataclass
class Enrolled:
    secretariat: Workspace
    evaluator: Workspace
    card: Scorecard
    tmp: Path


@pytest.fixture(scope="package")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo evaluator workspace, built once; tests work on copies."""
    path = tmp_path_factory.mktemp("demo") / "demo.qzw"
    demo.build_demo(path).close()
    return path


@pytest.fixture
def evaluator(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the demo evaluator workspace (P01), open."""
    path = tmp_path / "demo.qzw"
    path.write_bytes(demo_template.read_bytes())
    with open_workspace(path) as workspace:
        yield workspace


def score_fully(workspace: Workspace, card: Scorecard, base: int = 55) -> Scorecard:
    service = ScoringService(workspace)
    for index, item in enumerate(criteria_set(card.criteria_id).items):
        card = service.set_percent(card, item.code, min(100, base + 5 * (index % 4))).card
        card = service.set_text(
            card, item.code, TextField.STRENGTHS, f"{item.code} 强项：方法系统"
        ).card
        card = service.set_text(
            card, item.code, TextField.OFIS, f"{item.code} 改进机会：展开不足"
        ).card
    return service.finalise(card, affirm_declaration=True).card


def enrol(secretariat: Workspace, evaluator: Workspace, name: str | None = None) -> None:
    request = (
        identity.create_identity(evaluator, name) if name else identity.create_identity(evaluator)
    )
    bundle, _, _ = identity.issue_certificate(secretariat, request)
    identity.install_certificate(evaluator, bundle)


@contextmanager
def committee_and_p01(folder: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """The demo's secretariat with its committee root, and P01's new, enrolled workspace."""
    secretariat = demo.build_demo(folder / "sec.qzw", role=Role.SECRETARIAT)
    identity.create_committee_root(secretariat, "评审委员会根证书")
    evaluator = Workspace.create(folder / "p01.qzw", Role.EVALUATOR, owner_code="P01")
    enrol(secretariat, evaluator, "罗思丽")
    try:
        yield secretariat, evaluator
    finally:
        secretariat.close()
        evaluator.close()


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


# ----- a whole round: 35 evaluators, 40 candidates, panels of 5, signed and merged ----------


@dataclass
class Round:
    secretariat: Workspace
    evaluators: dict[str, Workspace]
    outbox: Path
    packages: Path
    tmp: Path
    expected: dict[tuple[str, str], dict[str, int]]  # (candidate, evaluator) → percentages


def planned_percent(credit_code: str, evaluator_code: str, item_index: int) -> int:
    """Deterministic, varied scores: a candidate's level, an evaluator's leniency, noise."""
    base = 30 + (sum(map(ord, credit_code)) % 8) * 5
    lenient = (sum(map(ord, evaluator_code)) % 5 - 2) * 5
    noise = ((item_index * 7 + sum(map(ord, evaluator_code + credit_code))) % 5 - 2) * 5
    return max(0, min(100, base + lenient + noise))


@pytest.fixture(scope="package")
def scored_round(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Round]:
    import keyring
    from keyring.backend import KeyringBackend

    from qz_evaluator.services import packages, scorecard_files

    previous: KeyringBackend = keyring.get_keyring()
    install_memory_keychain()
    tmp = tmp_path_factory.mktemp("round")
    secretariat = demo.build_demo(tmp / "sec.qzw", role=Role.SECRETARIAT)
    identity.create_committee_root(secretariat, "评审委员会根证书")
    packages_dir, outbox = tmp / "packages", tmp / "outbox"
    criteria = criteria_set()
    evaluators: dict[str, Workspace] = {}
    expected: dict[tuple[str, str], dict[str, int]] = {}
    for evaluator in secretariat.evaluators():
        workspace = Workspace.create(
            tmp / f"{evaluator.code}.qzw", Role.EVALUATOR, owner_code=evaluator.code
        )
        request = identity.create_identity(workspace, evaluator.name)
        bundle, _, _ = identity.issue_certificate(secretariat, request)
        identity.install_certificate(workspace, bundle)
        evaluators[evaluator.code] = workspace
    # These cards comment 4.1.2 only: a round that does not require a comment per item,
    # which the packages carry to every evaluator. Plain PDFs: the merge tests take them
    # apart; scorecards in the secretariat's envelope have their own (test_encrypted_…).
    secretariat.set_round_settings(
        demo.SITE_ROUND, RoundSettings(comments_required=False, encrypt_scorecards=False)
    )
    written = packages.export_packages(secretariat, demo.SITE_ROUND, packages_dir)
    for path in written:
        code = path.name.split("_")[1]
        packages.import_package(evaluators[code], path)
    for code, workspace in evaluators.items():
        service = ScoringService(workspace)
        for card in service.ensure_all(demo.SITE_ROUND):
            plan = {
                item.code: planned_percent(card.credit_code, code, index)
                for index, item in enumerate(criteria.items)
            }
            with workspace.transaction():
                for item_code, percent in plan.items():
                    card = service.set_percent(card, item_code, percent).card
                card = service.set_text(
                    card, "4.1.2", TextField.STRENGTHS, f"{code}：领导作用突出"
                ).card
                card = service.set_text(
                    card, "4.1.2", TextField.OFIS, f"{code}：战略沟通需加强"
                ).card
            service.finalise(card, affirm_declaration=True)
            expected[(card.credit_code, code)] = plan
        scorecard_files.export_all(workspace, outbox)
    yield Round(secretariat, evaluators, outbox, packages_dir, tmp, expected)
    for workspace in [secretariat, *evaluators.values()]:
        workspace.close()
    keyring.set_keyring(previous)
