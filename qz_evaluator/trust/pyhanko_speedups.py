"""A faster reader for PDF hex strings, installed into pyHanko.

pyHanko reads a hex string one character at a time through a generator; a signature's
/Contents holds thousands of hex digits, which made that loop a third of the cost of
verifying a scorecard. This reader finds the closing '>' in chunks and decodes at once,
with the same results and the same errors (tests compare both on many inputs).
"""

from __future__ import annotations

import binascii
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfStreamError

_WHITESPACE = b" \n\r\t\x00\x0c"
_HEX = b"0123456789abcdefABCDEF"
_original = generic.read_hex_string_from_stream


def read_hex_string_from_stream(stream: Any) -> Any:
    stream.read(1)  # the opening '<'
    position = stream.tell()
    parts: list[bytes] = []
    while True:
        chunk = stream.read(8192)
        if not chunk:
            raise PdfStreamError("Stream has ended unexpectedly")
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            stream.seek(position + sum(map(len, parts)) + 1)
            break
        parts.append(chunk)
    digits = b"".join(parts).translate(None, _WHITESPACE)
    stray = digits.translate(None, _HEX)
    if stray:
        raise PdfStreamError("Unexpected token in hex string: " + repr(stray[:1]))
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    generic.read_hex_string_from_stream = read_hex_string_from_stream


def original() -> Any:
    return _original
