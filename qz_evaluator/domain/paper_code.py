"""The paper code: a short code, printed (and in a QR code) on every page of a scorecard,
that ties the paper to its electronic record.

A person types it: sixteen characters in four groups, `K7M2-P4QZ-9XCD-W3HT`, from an
alphabet of 32 without 0/O and 1/I (so none is misread as another), case-insensitive.
Fifteen carry 75 bits; the sixteenth is a check character.

What the 75 bits hold, and why so few suffice: the secretariat looks a code up in its own
merged records, so the code need not carry the scorecard, only find it and tell its
version apart.

- 35 bits: a hash of the scorecard's key (round, candidate credit code, evaluator code).
  A workspace holds at most some 50,000 keys (a province's rounds); the chance that a
  code's key hash meets another key's is 50,000 / 2³⁵ ≈ 1.5 × 10⁻⁶, and a lookup that
  finds two keys says so rather than choosing.
- 14 bits: the revision itself (1…`MAX_REVISION` = 10,000 < 2¹⁴), so "an older revision"
  is read off the code, not guessed.
- 26 bits: the start of the scorecard's content digest (`content_digest`: scores,
  comments, declaration; not the export time). Two different contents of one key and
  revision (a rival file) share them by chance once in 67 million.

The code is not a signature: anyone can compute one for any content. It proves nothing
by itself; it points the secretariat at the signed record to compare the paper with.

The check character is Damm's algorithm over the field GF(32): the operation
x ∘ y = 2·x + y (in GF(2⁵), modulus x⁵ + x² + 1) is a totally anti-symmetric quasigroup,
so the check catches every single changed character and every swap of two neighbours,
the check character included.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from qz_evaluator.domain.errors import DomainError
from qz_evaluator.domain.scorecard_document import MAX_REVISION, ScorecardDocument, content_digest

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
KEY_BITS = 35
REVISION_BITS = 14
DIGEST_BITS = 26
PAYLOAD_CHARS = (KEY_BITS + REVISION_BITS + DIGEST_BITS) // 5  # 15
LENGTH = PAYLOAD_CHARS + 1  # with the check character
GROUP = 4

assert (KEY_BITS + REVISION_BITS + DIGEST_BITS) % 5 == 0
assert MAX_REVISION < 2**REVISION_BITS

_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-_.·]+")
_CONFUSED = {"0": "O/0", "O": "O/0", "1": "I/1", "I": "I/1"}


class PaperCodeError(DomainError):
    """A paper code that cannot be right: mistyped (the check character says so), of the
    wrong length, or with a character codes never use."""

    default_code = "paper-code-mistyped"


# ----- the check character: Damm's algorithm over GF(32) ------------------------------------

_MODULUS = 0b100101  # x⁵ + x² + 1, irreducible over GF(2)


def _times_two(x: int) -> int:
    x <<= 1
    return x ^ _MODULUS if x & 0b100000 else x


def _step(interim: int, value: int) -> int:
    """x ∘ y = 2·x + y in GF(32) (addition is exclusive or)."""
    return _times_two(interim) ^ value


def check_character(payload: str) -> str:
    """The character that makes `payload` + it run to 0 through Damm's quasigroup."""
    interim = 0
    for char in payload:
        interim = _step(interim, _VALUE[char])
    # 2·interim + c = 0  ⇔  c = 2·interim (characteristic 2: minus is plus).
    return ALPHABET[_times_two(interim)]


def check_passes(code: str) -> bool:
    """Whether a whole code (check character last, only alphabet characters) runs to 0."""
    interim = 0
    for char in code:
        interim = _step(interim, _VALUE[char])
    return interim == 0


# ----- the code ----------------------------------------------------------------------------


def key_hash(round_code: str, credit_code: str, evaluator_code: str) -> int:
    """The scorecard key's 35 bits (the secretariat recomputes them for its records)."""
    text = "\n".join(("qz-paper-key", round_code, credit_code, evaluator_code))
    value = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return value >> (64 - KEY_BITS)


def digest_bits(content_digest_hex: str) -> int:
    """The first 26 bits of a content digest (hexadecimal SHA-256)."""
    return int(content_digest_hex[:8], 16) >> (32 - DIGEST_BITS)


@dataclass(frozen=True, slots=True)
class PaperCode:
    key: int  # key_hash(round, credit code, evaluator)
    revision: int
    digest: int  # digest_bits(content digest)

    def __post_init__(self) -> None:
        if not (
            0 <= self.key < 2**KEY_BITS
            and 0 <= self.revision < 2**REVISION_BITS
            and 0 <= self.digest < 2**DIGEST_BITS
        ):
            raise ValueError("paper code field out of range")

    @property
    def compact(self) -> str:
        """The sixteen characters without separators."""
        value = (
            (self.key << (REVISION_BITS + DIGEST_BITS))
            | (self.revision << DIGEST_BITS)
            | self.digest
        )
        chars = []
        for _ in range(PAYLOAD_CHARS):
            chars.append(ALPHABET[value & 31])
            value >>= 5
        payload = "".join(reversed(chars))
        return payload + check_character(payload)

    @property
    def text(self) -> str:
        """As printed and typed: `K7M2-P4QZ-9XCD-W3HT`."""
        compact = self.compact
        return "-".join(compact[i : i + GROUP] for i in range(0, LENGTH, GROUP))

    def __str__(self) -> str:
        return self.text


def paper_code(document: ScorecardDocument) -> PaperCode:
    """The code of a scorecard document: its key, its revision, its content."""
    round_code, credit_code, evaluator_code = document.key
    return PaperCode(
        key=key_hash(round_code, credit_code, evaluator_code),
        # Always within 14 bits for a real scorecard (1…MAX_REVISION); a forged document
        # of another revision (refused at merge anyway) still prints a code.
        revision=document.revision % 2**REVISION_BITS,
        digest=digest_bits(content_digest(document)),
    )


def normalise(text: str) -> str:
    """Upper case, separators (dashes, spaces) dropped."""
    return _SEPARATORS.sub("", text.strip()).upper()


def parse(text: str) -> PaperCode:
    """A typed (or scanned) code back to its fields; `PaperCodeError` says what is wrong."""
    compact = normalise(text)
    for position, char in enumerate(compact, start=1):
        if char not in _VALUE:
            if char in _CONFUSED:
                raise PaperCodeError(
                    "character {position} of the paper code, {char}, is never used in codes "
                    "(they have no {pair}); check what is printed under the QR code",
                    position=position,
                    char=char,
                    pair=_CONFUSED[char],
                )
            raise PaperCodeError(
                "character {position} of the paper code, {char}, is not used in codes",
                position=position,
                char=char,
            )
    if len(compact) != LENGTH:
        raise PaperCodeError(
            "a paper code has {length} characters; {count} were given",
            length=LENGTH,
            count=len(compact),
        )
    if not check_passes(compact):
        raise PaperCodeError(
            "the paper code {code} is mistyped: its check character does not match; compare "
            "it with the page again",
            code="-".join(compact[i : i + GROUP] for i in range(0, LENGTH, GROUP)),
        )
    value = 0
    for char in compact[:PAYLOAD_CHARS]:
        value = (value << 5) | _VALUE[char]
    return PaperCode(
        key=value >> (REVISION_BITS + DIGEST_BITS),
        revision=(value >> DIGEST_BITS) & (2**REVISION_BITS - 1),
        digest=value & (2**DIGEST_BITS - 1),
    )
