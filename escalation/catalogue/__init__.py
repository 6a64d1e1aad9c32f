"""Texts the switchboard itself says to users, one JSON catalogue per supported language."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from nlu.language import Language, supported_languages

_HERE = Path(__file__).resolve().parent


@cache
def _catalogue(language: str) -> dict[str, str]:
    path = _HERE / f"{language}.json"
    loaded: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def text(key: str, language: Language) -> str:
    """The text `key` in `language`; a missing catalogue entry is a bug, so it raises."""
    return _catalogue(language)[key]


def check_catalogues() -> None:
    """Every supported language has every key (run at start-up and in the tests)."""
    languages = supported_languages()
    keys = {language: set(_catalogue(language)) for language in languages}
    reference = set().union(*keys.values())
    for language, present in keys.items():
        missing = reference - present
        if missing:
            raise ValueError(f"catalogue {language}.json lacks {sorted(missing)}")
