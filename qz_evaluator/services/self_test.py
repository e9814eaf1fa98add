"""`qzeval self-test` and `qz-evaluator --self-test`: does this installation work?

One list of named checks, run from the source tree or from a frozen bundle alike: the
bundled translation, font and criteria set are there and usable, SQLite has FTS5 (with
the trigram tokenizer the pool's search uses), an OS keychain is usable (or what to
install), a throwaway scorecard renders, signs with a throwaway key and verifies, and a
temporary workspace survives a write and a read. Each check gives ok / warning / failed
with a line of detail; a failed check never stops the others, and nothing the checks do
touches the user's keychain, settings or workspaces (all their files go in a temporary
folder that is removed).

The front ends add what only they can check (the window: Qt loads the translation and
registers the font, and the input method) and print `format_report`; any failure makes
their exit code non-zero.
"""

from __future__ import annotations

import sqlite3
import struct
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from qz_evaluator import __version__
from qz_evaluator.assets import DEFAULT_CRITERIA_ID, criteria_set, get_asset
from qz_evaluator.domain.errors import UserError


class Outcome(StrEnum):
    OK = "ok"
    WARNING = "warning"  # works, with something the user may want to change
    FAILED = "failed"


@dataclass(frozen=True)
class CheckResult:
    name: str
    outcome: Outcome
    detail: str

    @property
    def ok(self) -> bool:
        """Not a failure (a warning is still ok)."""
        return self.outcome is not Outcome.FAILED

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "name": self.name,
            "ok": self.ok,
            "outcome": self.outcome.value,
            "detail": self.detail,
        }


class CheckFailed(Exception):
    """Raised by a check to fail with its detail (any other exception fails it too)."""


class CheckWarning(Exception):
    """Raised by a check that works but has something to tell."""


# A check returns its detail line when it passes, or raises CheckFailed/CheckWarning.
Check = Callable[[], str]

TRANSLATION_LANGUAGE = "zh_CN"
# The Qt .qm format: a magic number, then tagged sections (a tag byte and a big-endian
# 32-bit length); see qtbase's qtranslator.cpp.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
QM_LANGUAGE, QM_MESSAGES = 0xA7, 0x69
QM_TAGS = frozenset({0x42, 0x69, 0x2F, 0x88, 0x96, 0xA7})


def translation_file(language: str = TRANSLATION_LANGUAGE) -> Path:
    return get_asset("translations", f"qz_evaluator_{language}.qm")


def parse_qm(data: bytes) -> tuple[str, int]:
    """The language a compiled Qt translation declares and the size of its messages
    section; raises ValueError on anything that is not a well-formed .qm file."""
    if not data.startswith(QM_MAGIC):
        raise ValueError("not a Qt translation (.qm) file")
    at, language, messages = len(QM_MAGIC), "", 0
    while at < len(data):
        if at + 5 > len(data):
            raise ValueError(f"truncated section header at byte {at}")
        tag, length = data[at], struct.unpack(">I", data[at + 1 : at + 5])[0]
        at += 5
        if tag not in QM_TAGS:
            raise ValueError(f"unknown section tag 0x{tag:02x} at byte {at - 5}")
        if at + length > len(data):
            raise ValueError(f"section 0x{tag:02x} runs past the end of the file")
        if tag == QM_LANGUAGE:
            language = data[at : at + length].decode("utf-8", "replace")
        elif tag == QM_MESSAGES:
            messages = length
        at += length
    if not messages:
        raise ValueError("holds no messages")
    return language, messages


def check_translation_file() -> str:
    """The bundled Chinese translation is present and a well-formed .qm (what the CLI can
    check without Qt; the window loads it with QTranslator instead)."""
    path = translation_file()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CheckFailed(f"{path}: cannot read ({error.strerror})") from None
    try:
        language, messages = parse_qm(data)
    except ValueError as error:
        raise CheckFailed(f"{path}: {error}") from None
    if language and language != TRANSLATION_LANGUAGE:
        raise CheckFailed(f"{path}: declares language {language!r}, not {TRANSLATION_LANGUAGE}")
    return f"{path.name}: {language or '?'}, {messages} bytes of messages"


def check_pdf_font() -> str:
    """The bundled CJK font registers with reportlab and has the glyphs Chinese needs."""
    from reportlab.pdfbase import pdfmetrics

    from qz_evaluator.documents.fonts import FONT_FILE, register_fonts

    name = register_fonts()
    face = pdfmetrics.getFont(name).face
    missing = [ch for ch in "衢州质量奖评分" if ord(ch) not in face.charToGlyph]
    if missing:
        raise CheckFailed(f"{FONT_FILE[-1]} lacks glyphs for {''.join(missing)}")
    return f"{FONT_FILE[-1]} registered as {name} ({len(face.charToGlyph)} glyphs)"


def check_criteria() -> str:
    criteria = criteria_set(DEFAULT_CRITERIA_ID)
    return f"{criteria.id}: {len(criteria.items)} items validated"


def check_sqlite_fts5() -> str:
    connection = sqlite3.connect(":memory:")
    try:
        try:
            connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        except sqlite3.OperationalError as error:
            raise CheckFailed(
                f"SQLite {sqlite3.sqlite_version} lacks FTS5 with the trigram tokenizer "
                f"({error}); the pool's search needs SQLite >= 3.34 built with FTS5"
            ) from None
        connection.execute("INSERT INTO t VALUES ('衢州博韬智能科技有限公司')")
        found = connection.execute("SELECT count(*) FROM t WHERE t MATCH '博韬智'").fetchone()[0]
    finally:
        connection.close()
    if found != 1:
        raise CheckFailed("FTS5 trigram search did not find a Chinese substring")
    return f"SQLite {sqlite3.sqlite_version} with FTS5 (trigram)"


def check_keychain() -> str:
    """A usable OS keychain, by the same rule that keeps keys (trust.keychain): only
    reading which backend it is, never storing or reading a key."""
    import keyring

    from qz_evaluator.trust.keychain import require_keychain

    try:
        require_keychain()
    except UserError as error:
        raise CheckFailed(str(error)) from None
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def check_workspace(folder: Path) -> str:
    """A workspace file is created, written, closed, opened again and read back."""
    from qz_evaluator.services.session import Role, create_workspace, open_workspace

    path = folder / "self-test.qzw"
    marker = f"self-test {__version__}"
    with create_workspace(path, Role.EVALUATOR, owner_code="P01", name="self-test") as workspace:
        workspace.set_meta("self-test", marker)
    with open_workspace(path) as workspace:
        read = workspace.meta("self-test")
        integrity = workspace.conn.execute("PRAGMA integrity_check").fetchone()[0]
    if read != marker:
        raise CheckFailed(f"wrote {marker!r}, read back {read!r}")
    if integrity != "ok":
        raise CheckFailed(f"integrity check: {integrity}")
    return f"wrote and read back {path.name} (integrity ok)"


def check_scorecard(folder: Path) -> str:
    """A throwaway scorecard, end to end: the demo's data in a temporary workspace, every
    item scored, finalised, rendered, signed with a throwaway key (the demo's session
    identity: in memory, never the keychain) and verified against its throwaway root."""
    from qz_evaluator.domain.scorecard import TextField
    from qz_evaluator.domain.scoring import format_points
    from qz_evaluator.services.demo import DEMO_OWNER, SITE_ROUND, build_demo, start_demo_identity
    from qz_evaluator.services.scorecard_files import check_scorecard_file, export_scorecard
    from qz_evaluator.services.scoring import ScoringService

    criteria = criteria_set(DEFAULT_CRITERIA_ID)
    with build_demo(folder / "scorecard.qzw") as workspace:
        identity = start_demo_identity(workspace)
        service = ScoringService(workspace)
        card = service.ensure_all(SITE_ROUND, DEMO_OWNER)[0]
        with workspace.transaction():
            for item in criteria.items:
                card = service.set_percent(card, item.code, 50).card
                card = service.set_text(card, item.code, TextField.STRENGTHS, "自检：方法系统").card
        service.finalise(card, affirm_declaration=True)
        exported = export_scorecard(workspace, card, folder / "out", identity)
    check = check_scorecard_file(exported.path, identity.chain[0])
    if not check.valid or check.document is None:
        raise CheckFailed(f"the signed scorecard does not verify: {check.message}")
    size = exported.path.stat().st_size
    total = format_points(check.document.total)
    return f"rendered, signed and verified ({size // 1024} KiB, total {total} points)"


def default_checks(folder: Path) -> list[tuple[str, Check]]:
    """The checks both front ends run, in order; `folder` is a temporary folder."""
    return [
        ("translations", check_translation_file),
        ("fonts", check_pdf_font),
        ("criteria", check_criteria),
        ("sqlite", check_sqlite_fts5),
        ("keychain", check_keychain),
        ("scorecard", lambda: check_scorecard(folder)),
        ("workspace", lambda: check_workspace(folder)),
    ]


def run_check(name: str, check: Check) -> CheckResult:
    """One check's result; whatever it raises becomes its failure, never a traceback."""
    try:
        return CheckResult(name, Outcome.OK, check())
    except CheckWarning as warning:
        return CheckResult(name, Outcome.WARNING, str(warning))
    except CheckFailed as failure:
        return CheckResult(name, Outcome.FAILED, str(failure))
    except UserError as error:
        hint = f" ({error.cli_hint})" if error.cli_hint else ""
        return CheckResult(name, Outcome.FAILED, f"{error}{hint}")
    except Exception as error:  # a check of an installation reports what broke
        return CheckResult(name, Outcome.FAILED, f"{type(error).__name__}: {error}")


def run_self_test(
    *,
    replace: Mapping[str, Check] | None = None,
    extra: Sequence[tuple[str, Check]] = (),
) -> list[CheckResult]:
    """Run every check in a temporary folder (removed after): the default checks, those
    named in `replace` swapped for the front end's own, then `extra`."""
    replace = replace or {}
    with tempfile.TemporaryDirectory(prefix="qz-self-test-") as temp:
        checks = [(name, replace.get(name, check)) for name, check in default_checks(Path(temp))]
        return [run_check(name, check) for name, check in [*checks, *extra]]


def passed(results: Iterable[CheckResult]) -> bool:
    return all(result.ok for result in results)


def format_report(results: Sequence[CheckResult], program: str, context: str = "") -> str:
    """The readable report: one line per check, then the verdict; `context` adds to the
    heading (the window gives its Qt version and platform)."""
    width = max((len(r.name) for r in results), default=0)
    marks = {Outcome.OK: "ok  ", Outcome.WARNING: "WARN", Outcome.FAILED: "FAIL"}
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    about = ", ".join(filter(None, [frozen, f"Python {sys.version.split()[0]}", context]))
    lines = [f"{program} {__version__} self-test ({about})"]
    lines += [f"  [{marks[r.outcome]}] {r.name:<{width}}  {r.detail}" for r in results]
    failures = [r.name for r in results if not r.ok]
    warnings = [r.name for r in results if r.outcome is Outcome.WARNING]
    if failures:
        lines.append(f"FAILED: {len(failures)} of {len(results)} checks ({', '.join(failures)})")
    else:
        note = f", {len(warnings)} with a warning" if warnings else ""
        lines.append(f"passed: {len(results)} checks{note}")
    return "\n".join(lines)
