"""Bilingual labels: the award's documents are Chinese first, English second."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")


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
