"""Bilingual labels (the award's documents are Chinese first, English second) and the
one rule for names that go into file names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")

# Characters Windows, macOS or FAT32 refuse in a file name, and any whitespace.
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def safe_file_name(text: str) -> str:
    """`text` (a candidate's or evaluator's name) made safe inside a file name on every
    desktop OS and on FAT32 sticks: unsafe runs become "_", no leading/trailing "." or "_"."""
    return _UNSAFE.sub("_", text).strip("._")


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
