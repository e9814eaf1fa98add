"""A passphrase kept in a text file, as Notepad writes it on any Windows: UTF-8 with or
without a byte-order mark, UTF-16 with its mark ("Unicode"), or the ANSI code page of a
Chinese Windows (GBK, read as its superset GB18030). The one reader of passphrase files:
a mark never becomes part of the passphrase (the restore would then fail months later),
and a file that is none of these is refused with a message, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

from qz_evaluator.services.errors import ServiceError

__all__ = ["PassphraseFileError", "decode_passphrase", "read_passphrase_file"]


class PassphraseFileError(ServiceError):
    """A passphrase file cannot be read, or is not text in an encoding Notepad writes."""

    default_code = "passphrase-file"


_CLI_HINT = "save it as UTF-8 (Notepad: Save As, Encoding UTF-8), or set QZ_BACKUP_PASSPHRASE"


def decode_passphrase(data: bytes, path: str | Path) -> str:
    """The passphrase in a file's bytes: its byte-order mark removed, line breaks around
    it stripped. Raises PassphraseFileError for bytes that are not such text."""
    text: str | None
    if data.startswith(codecs.BOM_UTF8):
        text = _decoded(data[len(codecs.BOM_UTF8) :], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decoded(data, "utf-16")  # the codec reads the mark and drops it
    else:
        text = _decoded(data, "utf-8")
        if text is None:  # ANSI on a Chinese Windows: GBK, within GB18030
            text = _decoded(data, "gb18030")
    if text is None or "\x00" in text:  # NUL: UTF-16 without its mark, or not text
        raise PassphraseFileError(
            "{path}: the passphrase file is not text in UTF-8, UTF-16 or GB18030 (ANSI);"
            " nothing was done",
            path=str(path),
            cli_hint=_CLI_HINT,
            window_hint="In Notepad: File ▸ Save As…, Encoding UTF-8, then choose the file again.",
        )
    return text.strip("\r\n")


def read_passphrase_file(path: str | Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise PassphraseFileError(
            "{path}: cannot read the passphrase file ({reason})",
            path=str(path),
            reason=error.strerror or type(error).__name__,
            cli_hint=_CLI_HINT,
            window_hint="In Notepad: File ▸ Save As…, Encoding UTF-8, then choose the file again.",
        ) from None
    return decode_passphrase(data, path)


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
