"""What the configuration's models share: strictness and per-language texts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from nlu.language import supported_languages


class Strict(BaseModel):
    """Unknown keys are errors (a typo must not be silently ignored); values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def check_texts(value: dict[str, str], *, all_languages: bool = False) -> dict[str, str]:
    """Texts per supported language, none blank; with `all_languages`, one for each."""
    languages = set(supported_languages())
    unknown = sorted(set(value) - languages)
    if unknown:
        raise ValueError(f"no such supported language: {', '.join(unknown)}")
    missing = sorted(languages - set(value))
    if all_languages and missing:
        raise ValueError(f"missing languages: {', '.join(missing)}")
    blank = sorted(language for language, text in value.items() if not text.strip())
    if blank:
        raise ValueError(f"empty text for: {', '.join(blank)}")
    return value
