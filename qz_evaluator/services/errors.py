"""Errors the services raise for a person to read (CLI prints them, the GUI shows them)."""

from __future__ import annotations


class ServiceError(Exception):
    """A use case could not be carried out; the message says what and where."""


class ImportFailed(ServiceError):
    """A CSV import stopped at a bad row; nothing was written."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
