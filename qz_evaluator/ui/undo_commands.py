"""Undo/redo of score and note changes (QUndoStack commands).

A change is written to the store first (autosave); only a change that was saved is
pushed, as a command whose first redo() does nothing. Undo and redo write again through
the same writer, so the store and the screen never disagree. Consecutive typing in one
note box of one item merges into a single command until the typing session ends (the
box loses focus, another item or candidate is shown, or another change is made).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from qz_evaluator.domain.scorecard import TextField

TEXT_COMMAND_ID = 2  # score commands keep Qt's default id (-1): never merged


class ScorecardWriter(Protocol):
    """What commands need from the scoring panel: write through the services and show it."""

    def write_percent(self, card_id: int, item_code: str, percent: int | None) -> bool: ...

    def write_text(self, card_id: int, item_code: str, field: TextField, text: str) -> bool: ...


def _percent_text(percent: int | None) -> str:
    return "—" if percent is None else f"{percent}%"


class SetPercentCommand(QUndoCommand):
    def __init__(
        self,
        writer: ScorecardWriter,
        card_id: int,
        item_code: str,
        old: int | None,
        new: int | None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("UndoCommands", "score {item}: {old} → {new}").format(
                item=item_code, old=_percent_text(old), new=_percent_text(new)
            )
        )
        self.writer = writer
        self.card_id = card_id
        self.item_code = item_code
        self.old = old
        self.new = new
        self._done = True  # the change was saved before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.writer.write_percent(self.card_id, self.item_code, self.new)

    def undo(self) -> None:
        self.writer.write_percent(self.card_id, self.item_code, self.old)


class SetTextCommand(QUndoCommand):
    def __init__(
        self,
        writer: ScorecardWriter,
        card_id: int,
        item_code: str,
        field: TextField,
        old: str,
        new: str,
    ) -> None:
        super().__init__()
        self.writer = writer
        self.card_id = card_id
        self.item_code = item_code
        self.field = field
        self.old = old
        self.new = new
        self.typing = True  # later typing in the same box merges into this command
        self._done = True
        self._set_label()

    def _set_label(self) -> None:
        self.setText(
            QCoreApplication.translate("UndoCommands", "typing in {item}").format(
                item=self.item_code
            )
        )

    @property
    def key(self) -> tuple[int, str, TextField]:
        return (self.card_id, self.item_code, self.field)

    def id(self) -> int:
        return TEXT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetTextCommand) and self.typing and other.key == self.key):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.typing = False
        self.writer.write_text(self.card_id, self.item_code, self.field, self.new)

    def undo(self) -> None:
        self.typing = False
        self.writer.write_text(self.card_id, self.item_code, self.field, self.old)
