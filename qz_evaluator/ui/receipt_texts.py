"""What a card's receipt mark says, in the interface language: "秘书处已接收 r2 · 11-30 14:05"
or "未接收：r3，… (why)". One place for the list, its tooltip and the details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qz_evaluator.services.evaluator_session import ReceiptMark
from qz_evaluator.ui.merge_texts import reason_texts


def _when(mark: ReceiptMark) -> str:
    try:
        received = mark.received
    except ValueError:
        return mark.received_at
    if received.tzinfo is not None:
        received = received.astimezone()  # the evaluator's clock
    return f"{received:%m-%d %H:%M}"


def _reason(mark: ReceiptMark) -> str:
    code = mark.reason or mark.outcome
    own = {
        "revision-conflict": QCoreApplication.translate(
            "Receipts",
            "another file of the same revision with other scores arrived first (revision "
            "conflict): export a corrected scorecard",
        ),
        "superseded": QCoreApplication.translate(
            "Receipts", "set aside: it no longer counts for this candidate"
        ),
    }
    if code in own:
        return own[code]
    return reason_texts().get(code, code)


def receipt_text(mark: ReceiptMark | None, exported: int | None = None) -> str:
    """The whole mark (details, tooltip); "—" without one. `exported`: the revision last
    exported here, named when it is newer than the receipt knows."""
    if mark is None:
        return "—"
    if mark.accepted:
        text = QCoreApplication.translate(
            "Receipts", "Received by the secretariat r{revision} · {time}"
        ).format(revision=mark.revision, time=_when(mark))
    else:
        text = QCoreApplication.translate("Receipts", "Not accepted: r{revision}, {reason}").format(
            revision=mark.revision, reason=_reason(mark)
        )
    if exported is not None and exported > mark.revision:
        text += QCoreApplication.translate(
            "Receipts", " (r{revision} exported since: not in this receipt)"
        ).format(revision=exported)
    return text


def receipt_short(mark: ReceiptMark) -> str:
    """A word for the list's status column."""
    if mark.accepted:
        return QCoreApplication.translate("Receipts", "received r{revision}").format(
            revision=mark.revision
        )
    return QCoreApplication.translate("Receipts", "not accepted")
