"""Shared fixtures: a fresh workspace file and the bundled criteria set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from qz_evaluator.assets import criteria_set
from qz_evaluator.domain.criteria import CriteriaSet
from qz_evaluator.store.workspace import Role, Workspace
from tests.support.trust import MemoryKeyring, install_memory_keychain


@pytest.fixture
def criteria() -> CriteriaSet:
    return criteria_set("gbt19580-2012")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "ws.qzw", Role.SECRETARIAT)
    yield ws
    ws.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keychain for unit tests; end-to-end tests use the real one."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = install_memory_keychain()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
