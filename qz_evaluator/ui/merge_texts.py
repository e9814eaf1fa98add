"""Why merge refused a file, in the person's words: one table for the secretariat's inbox
and the evaluator's receipt marks.

A module of its own so that the evaluator's window words a receipt without importing
the inbox (merge, signing and PDF modules: over half a second).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def reason_texts() -> dict[str, str]:
    """The one table of why a file was refused, by the merge's stable reason codes
    (scorecard_files.Rejection, merge.MergeRejection, eligibility.Ineligible, the
    declaration's format errors), in plain words of the interface language."""
    return {
        "not-a-pdf": QCoreApplication.translate("SecInbox", "The file is not a PDF"),
        "no-signature": QCoreApplication.translate("SecInbox", "The file is not signed"),
        "digest-mismatch": QCoreApplication.translate(
            "SecInbox", "The file was changed after it was signed"
        ),
        "modified-after-signing": QCoreApplication.translate(
            "SecInbox", "Content was added to the file after it was signed"
        ),
        "unknown-signer": QCoreApplication.translate(
            "SecInbox", "The signing certificate was not issued by this committee"
        ),
        "multiple-signatures": QCoreApplication.translate(
            "SecInbox", "The file carries more than one signature"
        ),
        "damaged": QCoreApplication.translate("SecInbox", "The file is damaged"),
        "no-scorecard-data": QCoreApplication.translate(
            "SecInbox", "The file holds neither a scorecard nor a conflict declaration"
        ),
        "unknown-format-version": QCoreApplication.translate(
            "SecInbox", "The scorecard was made by a newer version of the program"
        ),
        "bad-scorecard-data": QCoreApplication.translate(
            "SecInbox", "The scorecard data in the file cannot be read"
        ),
        "bad-declaration-data": QCoreApplication.translate(
            "SecInbox", "The declaration data in the file cannot be read"
        ),
        "signer-evaluator-mismatch": QCoreApplication.translate(
            "SecInbox", "The signer is not the evaluator named in the file"
        ),
        "unreadable": QCoreApplication.translate("SecInbox", "The file cannot be read"),
        "demo-signature": QCoreApplication.translate(
            "SecInbox", "Signed by the demo's identity: not an official scorecard"
        ),
        "revoked-certificate": QCoreApplication.translate(
            "SecInbox", "Signed with a certificate after it was revoked"
        ),
        "evaluator-not-in-roster": QCoreApplication.translate(
            "SecInbox", "The evaluator is not in the roster"
        ),
        "certificate-not-in-roster": QCoreApplication.translate(
            "SecInbox", "Signed with a certificate the roster does not record for this evaluator"
        ),
        "unknown-round": QCoreApplication.translate(
            "SecInbox", "The round does not exist in this workspace"
        ),
        "criteria-mismatch": QCoreApplication.translate(
            "SecInbox", "Scored on other criteria than the round uses"
        ),
        "unknown-candidate": QCoreApplication.translate(
            "SecInbox", "The candidate is not in this workspace"
        ),
        "not-final": QCoreApplication.translate("SecInbox", "The scorecard is not final"),
        "conflict-of-interest": QCoreApplication.translate(
            "SecInbox", "The evaluator has a conflict of interest with the candidate"
        ),
        "withdrawn": QCoreApplication.translate("SecInbox", "The candidate has withdrawn"),
        "not-on-panel": QCoreApplication.translate(
            "SecInbox", "The evaluator is not on this candidate's panel"
        ),
        "not-an-evaluator-certificate": QCoreApplication.translate(
            "SecInbox", "The signing certificate names no evaluator"
        ),
        "active-content": QCoreApplication.translate(
            "SecInbox", "The file holds scripts or actions that a scorecard never has"
        ),
        "unexpected-attachment": QCoreApplication.translate(
            "SecInbox", "The file carries more attachments than the scorecard data"
        ),
        "attachment-too-large": QCoreApplication.translate(
            "SecInbox", "The file's attachment is far larger than scorecard data"
        ),
        "file-too-large": QCoreApplication.translate(
            "SecInbox", "The file is far larger than a scorecard"
        ),
        "revision-out-of-range": QCoreApplication.translate(
            "SecInbox", "The scorecard's revision number is not a possible one"
        ),
        "history-mismatch": QCoreApplication.translate(
            "SecInbox", "The scorecard's edit history is broken or does not lead to its scores"
        ),
        "bad-text": QCoreApplication.translate(
            "SecInbox",
            "A comment or name in the file holds control or bidi characters, or is too long;"
            " the program never writes such a file",
        ),
        "encrypted-no-key": QCoreApplication.translate(
            "SecInbox",
            "The scorecard is encrypted for the secretariat, and the secretariat's key is "
            "not in this computer's keychain",
        ),
        "encrypted-for-another-committee": QCoreApplication.translate(
            "SecInbox", "The scorecard is encrypted for another committee's secretariat"
        ),
        "damaged-envelope": QCoreApplication.translate(
            "SecInbox", "The encrypted scorecard is damaged"
        ),
    }
