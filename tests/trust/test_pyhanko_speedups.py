"""The fast hex-string reader behaves exactly like pyHanko's own."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyhanko.pdf_utils.misc import PdfStreamError

from qz_evaluator.trust import pyhanko_speedups

PIECES = st.lists(
    st.sampled_from([b"0", b"7", b"a", b"F", b" ", b"\n", b"\r\n", b"\t", b"e"]), max_size=200
)


def read(reader: object, data: bytes) -> tuple[object, int]:
    stream = io.BytesIO(data)
    value = reader(stream)  # type: ignore[operator]
    return value, stream.tell()


@given(PIECES, st.binary(max_size=20))
def test_same_value_and_position(pieces: list[bytes], tail: bytes) -> None:
    data = b"<" + b"".join(pieces) + b">" + tail
    assert read(pyhanko_speedups.read_hex_string_from_stream, data) == read(
        pyhanko_speedups.original(), data
    )


@pytest.mark.parametrize("data", [b"<12G4>", b"<1234", b"<", b"<12/34>"])
def test_same_errors(data: bytes) -> None:
    with pytest.raises(PdfStreamError):
        read(pyhanko_speedups.original(), data)
    with pytest.raises(PdfStreamError):
        read(pyhanko_speedups.read_hex_string_from_stream, data)


def test_large_signature_value() -> None:
    data = b"<" + b"3082" * 5000 + b"0" * 6000 + b">rest"
    assert read(pyhanko_speedups.read_hex_string_from_stream, data) == read(
        pyhanko_speedups.original(), data
    )
