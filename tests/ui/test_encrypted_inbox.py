"""Issue 13: the secretariat's inbox takes scorecards in its envelope, dropped one by one
or in a folder, and says in Chinese why another committee's or a damaged one is refused.

QZ_SCREENSHOTS_DIR=docs/screenshots also writes the README's picture of it there."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from pytestqt.qtbot import QtBot

from qz_evaluator.services import identity
from qz_evaluator.services.merge import Outcome
from qz_evaluator.store.workspace import Workspace
from qz_evaluator.trust import certificates, envelope
from qz_evaluator.ui.sec_inbox import SecInboxView

from .test_sec_inbox import Inbox, drop, inbox, rows, view, wait_merged, zh

__all__ = ["inbox", "view", "zh"]  # the fixtures, shared with the inbox's own tests


def test_envelopes_are_merged_from_a_drop_and_a_folder(
    qtbot: QtBot, view: SecInboxView, inbox: Inbox, tmp_path: Path
) -> None:
    with Workspace.open(inbox.secretariat) as sec:
        ours = identity.secretariat_identity(sec).cert
    stranger = certificates.create_committee_root("另一评审委员会")[1]
    folder = tmp_path / "U盘"
    folder.mkdir()

    def sealed(key: str, recipient: x509.Certificate, name: str) -> Path:
        path = folder / name
        path.write_bytes(envelope.seal(inbox.files[key].read_bytes(), recipient))
        return path

    a1 = sealed("a1", ours, inbox.files["a1"].name + envelope.SUFFIX)
    foreign = sealed("b1", stranger, "其他委员会.pdf.p7m")
    damaged = folder / "损坏.pdf.p7m"
    damaged.write_bytes(sealed("b1", ours, "tmp.p7m").read_bytes()[:300])
    (folder / "tmp.p7m").unlink()

    drop(view, [a1])  # one file, dropped
    wait_merged(qtbot, view, 1)
    assert rows(view) == {a1.name: ("已接收", "第 1 版")}
    b1 = sealed("b1", ours, inbox.files["b1"].name + envelope.SUFFIX)
    drop(view, [folder])  # the folder: every .p7m in it
    wait_merged(qtbot, view, 5)
    shown = rows(view)
    assert shown[b1.name] == ("已接收", "第 1 版")
    assert shown[foreign.name] == ("已拒收", "评分表是加密给其他评审委员会秘书处的")
    assert shown[damaged.name] == ("已拒收", "加密的评分表已损坏")
    assert [e.outcome for e in view.model.entries].count(Outcome.DUPLICATE) == 1  # a1 again
    # The README's picture: envelopes merged, the stranger's and the damaged one refused.
    view.resize(1366, 560)
    qtbot.wait(20)
    image = view.grab().toImage()
    assert image.save(str(tmp_path / "sec-inbox-encrypted-zh.png"))
    target = os.environ.get("QZ_SCREENSHOTS_DIR")
    if target:
        assert image.save(str(Path(target) / "sec-inbox-encrypted-zh.png"))
