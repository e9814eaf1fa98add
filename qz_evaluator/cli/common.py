"""What every qzeval command shares: output, the workspace, files, exit codes, and the one
place where an error a person can act on becomes a message and exit code 1.

This module is imported before the arguments are parsed, so it stays light: the domain's
error root and the standard library only; the services are imported where they are used.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qz_evaluator.domain.errors import UserError

if TYPE_CHECKING:
    from qz_evaluator.domain.candidates import Candidate
    from qz_evaluator.services.session import Workspace

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE's status, as the shell reports `yes | head`
PASSPHRASE_ENV = "QZ_BACKUP_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]
Adder = Callable[..., argparse.ArgumentParser]


def _dumps(data: Any) -> str:
    # Compact on purpose: `indent=` makes json fall back to its pure-Python encoder, 4× slower
    # on a province's results; people read the text output, programs read this.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        _out_json(_dumps(data))
    else:
        print(text)


def _out_json(document: str) -> None:
    """JSON is UTF-8 whatever the console or redirect (RFC 8259; a program reads it): as
    bytes to stdout's binary buffer, after any text already written."""
    _out_json_text([document])


def _out_json_text(pieces: Iterable[str]) -> None:
    """A JSON document already made as text, in pieces (as `_dumps` would have made it),
    written to stdout as one line, in UTF-8."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or _is_utf8(sys.stdout):  # a text-only stream, or UTF-8 already
        write = sys.stdout.write
        for piece in pieces:
            write(piece)
        write("\n")
        return
    sys.stdout.flush()  # the text written before comes first
    for piece in pieces:
        buffer.write(piece.encode("utf-8"))
    buffer.write(b"\n")
    buffer.flush()


def _is_utf8(stream: Any) -> bool:
    encoding = str(getattr(stream, "encoding", "") or "")
    return encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def tolerant_streams() -> None:
    """Text output never fails on a character the console or redirect cannot show (a
    company named with 𠮷 or 䶮 on a Chinese Windows console, GBK): such a character is
    printed as "?" instead of ending the command with UnicodeEncodeError. JSON output is
    UTF-8 whatever the stream's encoding (`_out_json_text`)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _is_utf8(stream) or getattr(stream, "errors", "") != "strict":
            continue
        with contextlib.suppress(ValueError, OSError):  # closed, or not a real text stream
            reconfigure(errors="replace")


def report_error(args: argparse.Namespace, error: UserError) -> None:
    """The CLI's one error mapping: a line on stderr, and with --json a document on stdout."""
    text = f"{error} ({error.cli_hint})" if error.cli_hint else str(error)
    print(f"qzeval: error: {text}", file=sys.stderr)
    if getattr(args, "json", False):
        _out_json(_dumps({"error": {"code": error.code, "message": text}}))


def handler_of(args: argparse.Namespace) -> Handler:
    """The command's handler, named "module:function" by the parser and imported only now."""
    module, _, function = str(args.handler).partition(":")
    found: Handler = getattr(import_module(f"qz_evaluator.cli.{module}"), function)
    return found


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; a `UserError` is reported, anything else is a bug. A reader
    that stops early (`qzeval … | head -1`) ends the run quietly, as with other tools."""
    tolerant_streams()
    try:
        try:
            code = handler_of(args)(args)
        except UserError as error:
            report_error(args, error)
            code = EXIT_FAILED
        sys.stdout.flush()  # here, not at exit, where a closed pipe would print a traceback
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE


def _stdout_to_devnull() -> None:
    """Python flushes stdout once more on exit; with the pipe gone that would fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (tests capture stdout): nothing is flushed to a pipe at exit


def _fail(message: str) -> UserError:
    from qz_evaluator.services.errors import ServiceError

    return ServiceError(message)


def _workspace_path(args: argparse.Namespace) -> Path:
    path = args.workspace or os.environ.get("QZ_WORKSPACE")
    if not path:
        raise _fail("no workspace given: use -w PATH or set QZ_WORKSPACE")
    return Path(path)


def _workspace(args: argparse.Namespace) -> Workspace:
    from qz_evaluator.services.session import open_workspace

    return open_workspace(_workspace_path(args))


def _candidate_dict(candidate: Candidate) -> dict[str, Any]:
    return {
        "credit_code": candidate.credit_code,
        "name": candidate.name,
        "county": candidate.county,
        "industry": candidate.industry,
        "tier": candidate.tier.value,
        "contact_person": candidate.contact_person,
        "contact_phone": candidate.contact_phone,
        "withdrawn": candidate.withdrawn,
    }


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise _fail(f"{path}: cannot read the {what} ({error.strerror})") from None


def _write(path: str, data: bytes, *, private: bool = False) -> None:
    """Write a file with the usual permissions, or the owner's alone if `private` (a key
    backup)."""
    from qz_evaluator.services.file_modes import set_mode

    try:
        if private:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "wb") as out:
                set_mode(out.fileno(), path, 0o600)  # a file that was there keeps its mode else
                out.write(data)
        else:
            Path(path).write_bytes(data)
    except OSError as error:
        raise _fail(f"{path}: cannot write ({error.strerror})") from None


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_file:
        from qz_evaluator.services.passphrase_files import read_passphrase_file

        return read_passphrase_file(args.passphrase_file)
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise _fail(f"no passphrase: use --passphrase-file FILE or set {PASSPHRASE_ENV}")
    import getpass

    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise _fail("the two passphrases differ; nothing was written")
    return first


def _round_code(workspace: Workspace, given: str | None) -> str:
    if given:
        return given
    rounds = workspace.rounds()
    if not rounds:
        raise _fail("this workspace has no rounds yet")
    return rounds[-1].code
