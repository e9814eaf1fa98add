"""Reading the CSV files secretariats keep in Excel.

Excel writes UTF-8 with a BOM ("CSV UTF-8") or, on Chinese Windows, GB18030 ("CSV
逗号分隔"); both are read. Headers may be English codes or the usual Chinese names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from qz_evaluator.services.errors import ImportFailed


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFailed(str(path), None, f"cannot read the file ({error.strerror})") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(str(path), None, "the file is neither UTF-8 nor GB18030 text")


def read_rows(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    aliases: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """Yield rows with canonical column names; a bad header fails on line 1."""
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed(str(path), None, "the file is empty") from None
    except csv.Error as error:
        raise ImportFailed(str(path), 1, f"unreadable CSV header ({error})") from None
    names = [(aliases or {}).get(h.strip(), h.strip().lower()) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise ImportFailed(
            str(path),
            1,
            f"missing column(s) {', '.join(missing)}; expected {', '.join(required + optional)}",
        )
    known = set(required) | set(optional)
    duplicated = {n for n in names if n and names.count(n) > 1}
    if duplicated:
        raise ImportFailed(str(path), 1, f"column(s) {', '.join(sorted(duplicated))} appear twice")
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # Excel leaves blank rows at the end
            if len(values) > len(names) and any(v.strip() for v in values[len(names) :]):
                raise ImportFailed(
                    str(path), line, f"{len(values)} fields but the header has {len(names)}"
                )
            row = {
                name: (values[i].strip() if i < len(values) else "")
                for i, name in enumerate(names)
                if name in known
            }
            yield CsvRow(line=line, values=row)
    except csv.Error as error:
        raise ImportFailed(str(path), reader.line_num, f"malformed CSV ({error})") from None
