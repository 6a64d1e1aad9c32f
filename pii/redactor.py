"""Replaces personal data in a text with typed, numbered placeholders such as <PERSON_1>."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import IbanRecognizer, PhoneRecognizer

from pii.recognizers import CredentialRecognizer, OfflineEmailRecognizer

# Regions whose phone-number formats are recognised without a "+" prefix.
PHONE_REGIONS = ("DE", "AT", "CH", "GB", "US")


@dataclass(frozen=True)
class RedactedEntity:
    """One piece of personal data found in the original text (offsets into that text)."""

    type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Redaction:
    """A redacted text and what was taken out of it."""

    text: str
    entities: tuple[RedactedEntity, ...]

    @property
    def removed_credentials(self) -> bool:
        """True when a password or other secret was removed (the user should be warned)."""
        return any(entity.type == "CREDENTIAL" for entity in self.entities)


@cache
def _recognizers() -> tuple[EntityRecognizer, ...]:
    return (
        OfflineEmailRecognizer(),
        PhoneRecognizer(supported_regions=PHONE_REGIONS),
        IbanRecognizer(),
        CredentialRecognizer(),
    )


def analyze(text: str, *, language: str | None = None) -> list[RedactedEntity]:
    """Finds personal data in `text`; overlapping findings keep the strongest, then longest."""
    del language  # the pattern recognizers of this version are language-independent
    found: list[RecognizerResult] = []
    for recognizer in _recognizers():
        # Pattern recognizers need no NLP artifacts; this version runs without an NLP engine.
        found.extend(recognizer.analyze(text, recognizer.supported_entities, None))  # type: ignore[arg-type]
    return _without_overlaps(found)


def redact(text: str, *, language: str | None = None) -> Redaction:
    """Returns `text` with every finding replaced by `<TYPE_N>`.

    The same value gets the same number within the text. Detection runs on an NFKC-normalised
    copy, so full-width digits or ligatures cannot hide an address or a number; findings are
    mapped back to the original characters.
    """
    view, origins = _detection_view(text)
    entities = [
        RedactedEntity(
            type=entity.type,
            start=origins[entity.start],
            end=origins[entity.end - 1] + 1,
            score=entity.score,
        )
        for entity in analyze(view, language=language)
    ]
    numbers: dict[tuple[str, str], int] = {}
    counters: dict[str, int] = {}
    pieces: list[str] = []
    position = 0
    for entity in entities:
        value = view[_view_index(origins, entity.start) : _view_index(origins, entity.end)]
        key = (entity.type, value.casefold())
        if key not in numbers:
            counters[entity.type] = counters.get(entity.type, 0) + 1
            numbers[key] = counters[entity.type]
        pieces.append(text[position : entity.start])
        pieces.append(f"<{entity.type}_{numbers[key]}>")
        position = entity.end
    pieces.append(text[position:])
    return Redaction(text="".join(pieces), entities=tuple(entities))


def _detection_view(text: str) -> tuple[str, list[int]]:
    """The NFKC form of `text`, character by character, and for each of its characters the
    index of the original character it came from ("ﬁ" → "fi": both map to the ligature)."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(text):
        folded = unicodedata.normalize("NFKC", character)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


def _view_index(origins: list[int], original_index: int) -> int:
    """The first view position that comes from `original_index` or later."""
    return bisect.bisect_left(origins, original_index)


def _without_overlaps(results: Sequence[RecognizerResult]) -> list[RedactedEntity]:
    chosen: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start)):
        if all(result.end <= other.start or result.start >= other.end for other in chosen):
            chosen.append(result)
    return [
        RedactedEntity(
            type=result.entity_type, start=result.start, end=result.end, score=result.score
        )
        for result in sorted(chosen, key=lambda r: r.start)
    ]
