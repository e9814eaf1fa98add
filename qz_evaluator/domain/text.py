"""Bilingual labels (the award's documents are Chinese first, English second), the one
rule for names that go into file names, the rules for text taken from a secretariat's
files, and text made safe for a spreadsheet cell."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple

from qz_evaluator.domain.errors import DomainError, Phrase

LANGUAGES = ("zh", "en")


def _pattern(source: str) -> Callable[[], re.Pattern[str]]:
    """The regular expression `source`, compiled when first asked for. This module is
    imported on the window's way to its first paint, where no text is checked, and its
    wide character classes take ~2.5 ms to compile (benchmarks/bench_ui.py)."""
    return cache(lambda: re.compile(source))


# Longest name (candidate, evaluator) an import accepts; every document and export
# shows one this long (older workspaces may hold longer ones, which are shortened).
NAME_LIMIT = 200
# Longest text of any other one-line field (county, industry, contact, organisation…).
FIELD_LIMIT = 200
# The part of a file name taken from a name: 60 CJK characters are 180 bytes of UTF-8,
# leaving room for the rest of the name under the usual 255-byte limit.
FILE_NAME_PART_LIMIT = 60

# In a file name only letters, digits, combining marks and a few plain marks survive:
# everything else (path separators, characters Windows, macOS or FAT32 refuse, spaces,
# control, bidi-override and zero-width characters, emoji) becomes "_".
_FILE_NAME_MARKS = frozenset("-_.()（）·")


def _file_name_char(char: str) -> bool:
    return char in _FILE_NAME_MARKS or unicodedata.category(char)[0] in "LNM"


def safe_file_name(text: str) -> str:
    """`text` (a candidate's or evaluator's name) made safe inside a file name on every
    desktop OS and on FAT32 sticks: each run of other characters becomes one "_", no
    leading/trailing "." or "_", at most FILE_NAME_PART_LIMIT characters. The one rule for
    every file name made from a name."""
    # NFC first: a macOS-decomposed name and its composed twin give the same file name.
    kept = "".join(c if _file_name_char(c) else "\0" for c in unicodedata.normalize("NFC", text))
    joined = re.sub("\0+", "_", kept).strip("._")
    return joined[:FILE_NAME_PART_LIMIT].rstrip("._")


# ----- text from a secretariat's files --------------------------------------------------


class TextRefusal(StrEnum):
    """Why a field or file of text is refused; stable codes (ImportFailed's `code`)."""

    UNDECODABLE = "undecodable-text"  # neither UTF-8 nor GB18030 Chinese (Big5, Shift-JIS…)
    NO_VISIBLE_TEXT = "no-visible-text"  # only zero-width, filler or combining characters
    CONTROL_CHARACTER = "control-character"  # NUL, CR/LF, TAB, ESC, bidi override, zero-width…
    TOO_LONG = "text-too-long"


class TextFault(NamedTuple):
    refusal: TextRefusal
    character: str = ""  # the first offending character, if one is to blame
    position: int = 0  # where it is (1 = the first character); 0 if none is to blame
    length: int = 0  # the text's length, for TOO_LONG

    @property
    def described(self) -> str:
        return describe_character(self.character) if self.character else ""


# Characters that print as nothing although Unicode files them as letters or symbols
# (Hangul fillers, the blank Braille pattern): a name made of them looks empty.
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def describe_character(char: str) -> str:
    """ "U+202E RIGHT-TO-LEFT OVERRIDE"; control characters have no Unicode name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _visible(char: str) -> bool:
    if char in _BLANK_LOOKALIKES:
        return False
    # Private-use and unassigned code points count as visible: a name may hold a
    # character newer than this Python's Unicode tables.
    return unicodedata.category(char)[0] in "LNPS" or unicodedata.category(char) in ("Co", "Cn")


def _hidden(char: str) -> bool:
    """A control character (NUL, TAB, CR, LF, ESC, C1) or an invisible format character
    (bidi embeddings, overrides and isolates, zero-width space and joiners, BOM)."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


# Characters that are all visible (letters, digits, punctuation, symbols) except the
# space, and none of them hidden: printable ASCII, the middle dot, CJK punctuation
# 、。〈〉《》「」【】…, the common CJK ideographs and the full-width forms. A field made of
# these alone needs no character-by-character look (a million-row import checks seven
# fields a row).
_PLAIN_LINE = _pattern("[ -~\u00b7\u3001-\u3029\u4e00-\u9fff\uff01-\uff5e]*")


def line_text_fault(text: str, limit: int = FIELD_LIMIT) -> TextFault | None:
    """What is wrong with `text` as a one-line field (a name, a county…), None if nothing.

    Such characters are refused, not stripped: the import is all-or-nothing and stores
    exactly what the file says, and a name silently changed (or still showing a
    reordered "exe.pdf" once half its bidi marks are gone) would be signed into
    scorecards that nobody checked. The message names the character and the line, so
    the secretariat can fix the file."""
    stripped = text.strip()
    if _PLAIN_LINE().fullmatch(text):  # only plain characters: visible unless blank
        return TextFault(TextRefusal.TOO_LONG) if len(stripped) > limit else None
    if stripped and not any(_visible(c) for c in stripped):
        return TextFault(TextRefusal.NO_VISIBLE_TEXT)
    hidden = next((c for c in text if _hidden(c)), None)
    if hidden is not None:
        return TextFault(TextRefusal.CONTROL_CHARACTER, hidden)
    if len(stripped) > limit:
        return TextFault(TextRefusal.TOO_LONG)
    return None


# ----- comments: strengths, OFIs, evidence, notes and reasons ------------------------------

# Longest comment of any kind where no round's limit applies (a strength, an OFI or the
# evidence of a round without one, a reopen or conflict reason, a consensus note). A
# scorecard's three boxes for one item fill a printed page well before this.
COMMENT_LIMIT = 4_000

# Refused in a comment: C0 and C1 controls (Unicode's Cc) but line feed and tab, which lay
# a comment out; bidi embeddings, overrides (U+202A…U+202E) and isolates (U+2066…U+2069),
# which show the text around them in another order than its characters ("Trojan
# Source"); and halves of surrogate pairs (Cs), which no UTF-8 file or SQLite text holds.
_REFUSED_IN_COMMENT = _pattern(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def normalised_comment(text: str) -> str:
    """`text` with Windows line ends (CR LF, as a pasted or spreadsheet text has them) as
    plain line feeds; nothing else changes (a lone CR stays, for `comment_fault` to refuse)."""
    return text.replace("\r\n", "\n")


def comment_fault(text: str, limit: int | None = None) -> TextFault | None:
    """What is wrong with `text` as a comment (a strength, an OFI, evidence, a note or a
    reason), None if nothing: line breaks and tabs are allowed; other control characters,
    bidi controls and unpaired surrogates are refused, not stripped (what is signed is what
    was typed), and so is a text over `limit` characters (COMMENT_LIMIT if None or larger).
    Give it `normalised_comment(text)`: a CR LF counts as a control character here."""
    found = _REFUSED_IN_COMMENT().search(text)
    if found is not None:
        return TextFault(TextRefusal.CONTROL_CHARACTER, found.group(), found.start() + 1)
    cap = comment_limit(limit)
    if len(text) > cap:
        return TextFault(TextRefusal.TOO_LONG, length=len(text))
    return None


def comment_limit(round_limit: int | None) -> int:
    """The longest comment a round allows: its own limit, never above COMMENT_LIMIT."""
    return COMMENT_LIMIT if round_limit is None else min(round_limit, COMMENT_LIMIT)


class TextRejected(DomainError):
    """A comment, a reason or a name that breaks the text rules; `code` is the
    TextRefusal's value, the message says which text, where and what is wrong."""

    default_code = TextRefusal.CONTROL_CHARACTER.value


def fault_phrase(fault: TextFault, limit: int) -> Phrase:
    """What is wrong, in words: "the character U+202E … at character 12 is not allowed"."""
    if fault.refusal is TextRefusal.CONTROL_CHARACTER:
        return Phrase(
            "the invisible or control character {character} at character {position} is not allowed",
            character=fault.described,
            position=fault.position,
        )
    if fault.refusal is TextRefusal.TOO_LONG:
        return Phrase(
            "it has {length} characters, more than the {limit} allowed",
            length=fault.length,
            limit=limit,
        )
    if fault.refusal is TextRefusal.NO_VISIBLE_TEXT:
        return Phrase("it has no visible characters (only blank, zero-width or filler ones)")
    return Phrase("it is not readable text")


def text_rejected(fault: TextFault, what: Phrase, limit: int) -> TextRejected:
    """The error for `fault` in the text `what` names (e.g. "the strengths of item 4.1.2")."""
    return TextRejected(
        "{what}: {problem}",
        error_code=fault.refusal.value,
        window_hint="Correct the text and try again.",
        cli_hint="correct the text (no control or bidi characters, within the length limit)",
        what=what,
        problem=fault_phrase(fault, limit),
    )


def check_comment(text: str, what: Phrase, limit: int | None = None) -> str:
    """`text` as stored (CR LF as LF), or TextRejected saying what is wrong with it."""
    text = normalised_comment(text)
    fault = comment_fault(text, limit)
    if fault is not None:
        raise text_rejected(fault, what, comment_limit(limit))
    return text


# Longest round name: it heads every scorecard and report.
ROUND_NAME_LIMIT = NAME_LIMIT


def check_name(text: str, what: Phrase, limit: int = NAME_LIMIT) -> str:
    """`text` (a name: of a round…) by the name rule (`line_text_fault`), trimmed, or
    TextRejected saying what is wrong."""
    fault = line_text_fault(text, limit)
    if fault is not None:
        if fault.refusal is TextRefusal.CONTROL_CHARACTER:
            fault = TextFault(
                fault.refusal, fault.character, text.index(fault.character) + 1, len(text)
            )
        elif fault.refusal is TextRefusal.TOO_LONG:
            fault = TextFault(fault.refusal, length=len(text.strip()))
        raise text_rejected(fault, what, limit)
    return text.strip()


def signed_text_problem(texts: Iterable[tuple[Phrase, str]]) -> Phrase | None:
    """For a signed document read back (scorecard.json, declaration.json): what is wrong
    with the first of its comments, named by its Phrase, that breaks the comment rule
    (CR LF counts as a line break), None if none does. Such a file cannot have come from
    this program: it is refused, never cleaned, since what is signed is what it says."""
    for what, text in texts:
        fault = comment_fault(normalised_comment(text))
        if fault is not None:
            return Phrase(
                "{what}: {problem}", what=what, problem=fault_phrase(fault, COMMENT_LIMIT)
            )
    return None


def signed_name_problem(what: Phrase, text: str, limit: int = NAME_LIMIT) -> Phrase | None:
    """As `signed_text_problem`, for a name (of a round…) by the name rule."""
    try:
        check_name(text, what, limit)
    except TextRejected as error:
        return Phrase("{what}: {problem}", what=what, problem=error.fields["problem"])
    return None


class Gb18030Plausibility:
    """Whether bytes that are not UTF-8, decoded as GB18030, read as Chinese text, over a
    text that comes in pieces (a large file read a chunk at a time): feed each piece in
    order, then ask for the first odd character.

    GB18030 decodes almost any bytes, so a Big5 or Shift-JIS file decodes "fine" into
    nonsense. Such nonsense is full of characters outside GB2312 (the 6,763 common
    characters that nearly all simplified-Chinese text is written with) and of
    private-use characters (GB18030's user-defined areas), which real files never
    hold. A few rare characters in real names stay well under the quarter allowed."""

    def __init__(self) -> None:
        self.wide = 0
        self.rare = 0
        self._offset = 0  # characters fed before the current piece
        self._private: tuple[int, int] | None = None  # (index, line) of the first
        self._first_rare: tuple[int, int] | None = None
        self._common: dict[str, bool] = {}  # character → in GB2312

    def feed(self, text: str, line: int = 1) -> None:
        """The next piece; `line` is the line it starts on (for `first_odd`)."""
        if self._private is None:
            common = self._common
            for index, char in enumerate(text):
                if ord(char) < 0x80:
                    continue
                self.wide += 1
                known = common.get(char)
                if known is None:
                    if unicodedata.category(char) == "Co":
                        self._private = self._where(text, index, line)
                        break
                    try:
                        char.encode("gb2312")
                        known = True
                    except UnicodeEncodeError:
                        known = False
                    common[char] = known
                if not known:
                    self.rare += 1
                    if self._first_rare is None:
                        self._first_rare = self._where(text, index, line)
        self._offset += len(text)

    def _where(self, text: str, index: int, line: int) -> tuple[int, int]:
        return self._offset + index, line + text.count("\n", 0, index)

    def first_odd(self) -> tuple[int, int] | None:
        """(index, line) of the first character showing the text is not Chinese text
        read as GB18030 (as this class judges it), or None if it reads well."""
        if self._private is not None:
            return self._private
        if self.rare >= 2 and self.rare * 4 > self.wide:
            return self._first_rare
        return None

    def first_odd_line(self) -> int | None:
        odd = self.first_odd()
        return None if odd is None else odd[1]


# ----- text in spreadsheet cells ---------------------------------------------------------

# A cell that starts with one of these is read as a formula by Excel, LibreOffice or
# WPS (OWASP's list, and the full-width forms a Chinese input method types).
FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
# Characters an .xlsx (XML 1.0) cannot hold, and the bidi embeddings, overrides and
# isolates that would show a name in another order than its characters.
_UNWRITABLE = _pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Excel's limit for the text of one cell.
CELL_LIMIT = 32_767


def cell_text(text: str) -> str:
    """`text` as a spreadsheet cell may hold it: unwritable characters shown as U+FFFD,
    at most CELL_LIMIT characters. No formula prefix: see `neutralised`."""
    text = _UNWRITABLE().sub("\ufffd", text)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def starts_formula(text: str) -> bool:
    return bool(text) and text[0] in FORMULA_START


def neutralised(text: str) -> str:
    """`cell_text(text)`, with a leading apostrophe if it would start a formula (OWASP's
    advice for CSV injection): Excel shows '=HYPERLINK(…) as text and runs nothing, and
    a person still reads the value."""
    text = cell_text(text)
    return "'" + text if starts_formula(text) else text


def shortened(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` cut to `limit` characters with "…", for documents that must lay out."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_UNPRINTABLE = _pattern("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, limit: int = NAME_LIMIT) -> str:
    """A name as a document shows it: control and bidi-override characters as U+FFFD (a
    workspace older than the import's rules may hold them), at most `limit` characters
    (a page must hold it)."""
    return shortened(_UNPRINTABLE().sub("\ufffd", text), limit)


@dataclass(frozen=True, slots=True)
class Bilingual:
    zh: str
    en: str

    def get(self, language: str) -> str:
        """The label in `language` ("zh" or "en", "zh_CN" also works); Chinese otherwise."""
        return self.en if language.lower().startswith("en") else self.zh

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str) -> Bilingual:
        zh, en = data.get("zh"), data.get("en")
        if not isinstance(zh, str) or not zh.strip() or not isinstance(en, str) or not en.strip():
            raise ValueError(f"{where}: needs non-empty 'zh' and 'en' texts")
        return cls(zh=zh, en=en)
