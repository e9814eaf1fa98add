"""Reading the CSV files secretariats keep in Excel (and .xlsx workbooks themselves).

Excel writes UTF-8 with a BOM ("CSV UTF-8") or, on Chinese Windows, GB18030 ("CSV
逗号分隔"); both are read. Anything else (Big5, Shift-JIS…) is refused rather than stored
as nonsense. Headers may be English codes or the usual Chinese names.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from qz_evaluator.domain.text import Gb18030Plausibility, TextFault, TextRefusal
from qz_evaluator.services.errors import ImportFailed, Phrase


class TextRefused(ImportFailed):
    """An import refused for its text (encoding, control characters, invisible or
    over-long fields): an ImportFailed whose `code` is the TextRefusal's value."""

    def __init__(
        self, path: str, line: int | None, reason: str | Phrase, refusal: TextRefusal
    ) -> None:
        super().__init__(path, line, reason)
        self.code = refusal.value
        self.refusal = refusal


def refuse_text(path: Path, line: int, column: str, fault: TextFault, limit: int) -> TextRefused:
    """The error for a field that breaks a rule of `line_text_fault`."""
    if fault.refusal is TextRefusal.NO_VISIBLE_TEXT:
        reason = Phrase(
            "column {column} has no visible characters (only blank, zero-width or filler"
            " characters)",
            column=column,
        )
    elif fault.refusal is TextRefusal.CONTROL_CHARACTER:
        reason = Phrase(
            "column {column} holds the invisible or control character {character};"
            " remove it from the file and import again",
            column=column,
            character=fault.described,
        )
    else:
        reason = Phrase(
            "column {column} is longer than {limit} characters", column=column, limit=limit
        )
    return TextRefused(str(path), line, reason, fault.refusal)


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


CHUNK = 1 << 20  # bytes read at a time: a file of any size is read in bounded memory


def _unreadable(path: Path, error: OSError) -> ImportFailed:
    return ImportFailed(
        str(path), None, Phrase("cannot read the file ({problem})", problem=error.strerror)
    )


def _chunks(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    except OSError as error:
        raise _unreadable(path, error) from None


def _is_utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8 (with or without a BOM), read a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        for chunk in _chunks(path):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _check_gb18030(path: Path) -> None:
    """Refuse, with its line, a file that is not GB18030 or does not read as Chinese
    text (`domain.text.Gb18030Plausibility`, judged over the whole file, a chunk at a time)."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    plausibility = Gb18030Plausibility()
    lines = 1  # line numbers before the current chunk (raw bytes, then text)
    for chunk in _chunks(path):
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise TextRefused(
                str(path),
                lines + chunk.count(b"\n", 0, max(0, error.start)),
                Phrase("the file is neither UTF-8 nor GB18030 text"),
                TextRefusal.UNDECODABLE,
            ) from None
        plausibility.feed(text, lines)
        lines += text.count("\n")
    try:
        rest = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise TextRefused(
            str(path),
            lines,
            Phrase("the file is neither UTF-8 nor GB18030 text"),
            TextRefusal.UNDECODABLE,
        ) from None
    plausibility.feed(rest, lines)
    odd_line = plausibility.first_odd_line()
    if odd_line is not None:
        raise TextRefused(
            str(path),
            odd_line,
            Phrase(
                "the file is not UTF-8 and does not read as GB18030 Chinese text (Big5 or"
                ' Shift-JIS?); save it from Excel as "CSV UTF-8" and import again'
            ),
            TextRefusal.UNDECODABLE,
        )


def _open_text(path: Path) -> TextIO:
    """The file as a text stream in its encoding: UTF-8 (BOM or not) or GB18030, checked
    over the whole file first so that a refusal comes before any row is read. Memory
    stays bounded whatever the file's size: only CHUNK bytes are held at a time."""
    encoding = "utf-8-sig" if _is_utf8(path) else None
    if encoding is None:
        _check_gb18030(path)
        encoding = "gb18030"
    try:
        return path.open("r", encoding=encoding, newline="")
    except OSError as error:
        raise _unreadable(path, error) from None


def _columns(
    path: Path,
    header: list[str],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    aliases: Mapping[str, str] | None,
) -> list[str]:
    """The header's canonical column names; a missing or doubled column fails on line 1."""
    names = [(aliases or {}).get(h.strip(), h.strip().lower()) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise ImportFailed(
            str(path),
            1,
            Phrase(
                "missing column(s) {missing}; expected {expected}",
                missing=", ".join(missing),
                expected=", ".join(required + optional),
            ),
        )
    duplicated = {n for n in names if n and names.count(n) > 1}
    if duplicated:
        raise ImportFailed(
            str(path),
            1,
            Phrase("column(s) {columns} appear twice", columns=", ".join(sorted(duplicated))),
        )
    return names


def _row(path: Path, line: int, values: list[str], names: list[str], known: set[str]) -> CsvRow:
    if len(values) > len(names) and any(v.strip() for v in values[len(names) :]):
        raise ImportFailed(
            str(path),
            line,
            Phrase(
                "{count} fields but the header has {columns}", count=len(values), columns=len(names)
            ),
        )
    return CsvRow(
        line=line,
        values={
            name: (values[i].strip() if i < len(values) else "")
            for i, name in enumerate(names)
            if name in known
        },
    )


def read_rows(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    aliases: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """Yield rows with canonical column names; a bad header fails on line 1."""
    with _open_text(path) as stream:
        yield from _read_csv(path, stream, required, optional, aliases)


def _read_csv(
    path: Path,
    stream: TextIO,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    aliases: Mapping[str, str] | None,
) -> Iterator[CsvRow]:
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed(str(path), None, Phrase("the file is empty")) from None
    except csv.Error as error:
        raise ImportFailed(
            str(path), 1, Phrase("unreadable CSV header ({problem})", problem=str(error))
        ) from None
    names = _columns(path, header, required, optional, aliases)
    known = set(required) | set(optional)
    try:
        ended = reader.line_num
        for values in reader:
            # A row's line is where it starts: a quoted field may hold line breaks.
            line, ended = ended + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue  # Excel leaves blank rows at the end
            yield _row(path, line, values, names, known)
    except csv.Error as error:
        raise ImportFailed(
            str(path), reader.line_num, Phrase("malformed CSV ({problem})", problem=str(error))
        ) from None


def _cell_text(value: object, number_format: str) -> str:
    """A cell as the text a person typed: 45 not 45.0, and 45 % for a cell formatted as a
    percentage (which Excel stores as 0.45)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if number_format.endswith("%"):
            value = round(value * 100, 6)
        if float(value).is_integer():
            return str(int(value))
        return str(value)
    return str(value)


def read_xlsx_rows(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    aliases: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """As `read_rows`, from the first worksheet of an .xlsx workbook (row numbers as Excel
    shows them)."""
    import zipfile

    from openpyxl import load_workbook  # ~0.2 s: only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise ImportFailed(
            str(path), None, Phrase("cannot read the file ({problem})", problem=error.strerror)
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ImportFailed(
            str(path), None, Phrase("the file is not an Excel workbook (.xlsx)")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise ImportFailed(str(path), None, Phrase("the file is empty"))
        header = [_cell_text(c.value, "") for c in header_cells]
        names = _columns(path, header, required, optional, aliases)
        known = set(required) | set(optional)
        for line, cells in enumerate(rows, start=2):
            values = [_cell_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
            if not any(v.strip() for v in values):
                continue
            yield _row(path, line, values, names, known)
    finally:
        workbook.close()


def read_table(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    aliases: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """An .xlsx workbook's first sheet or a CSV file, by the file's name."""
    reader = read_xlsx_rows if Path(path).suffix.lower() == ".xlsx" else read_rows
    return reader(Path(path), required, optional, aliases)
