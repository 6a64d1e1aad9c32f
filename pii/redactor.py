"""Replaces personal data in a text with typed, numbered placeholders such as <PERSON_1>.

Two steps, so the expensive one can run off the event loop and the other inside a database
transaction: `Redactor.detect()` finds the data (CPU only), `render()` writes the placeholders
with numbers that a `Numbering` hands out — in memory for one text or batch, or persistently
per conversation (`pii.placeholders`), so that <PERSON_1> is the same person in every message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from nlu.language import Language, LanguageDetector
from pii.engine import Analyzer, EngineOptions, Finding, shared_analyzer
from pii.entities import CREDENTIAL, PERSON
from pii.keys import canonical_value
from pii.normalize import fold


@dataclass(frozen=True)
class Detected:
    """One piece of personal data: offsets into the original text and the value as written."""

    type: str
    start: int
    end: int
    score: float
    value: str


# Kept for callers that only need the positions (the JSON Lines tools, the chat pipeline).
RedactedEntity = Detected


@dataclass(frozen=True)
class Redaction:
    """A redacted text and what was taken out of it."""

    text: str
    entities: tuple[Detected, ...]

    @property
    def removed_credentials(self) -> bool:
        """True when a password or other secret was removed (the user should be warned)."""
        return any(entity.type == CREDENTIAL for entity in self.entities)


class Numbering(Protocol):
    def number(self, entity_type: str, value: str) -> int:
        """The number of `value` among the placeholders of `entity_type`."""


class LocalNumbering:
    """Numbers in memory: for one text, or one conversation of a batch."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str], int] = {}
        self._counts: dict[str, int] = {}

    def number(self, entity_type: str, value: str) -> int:
        key = (entity_type, canonical_value(entity_type, value))
        if key not in self._numbers:
            self._counts[entity_type] = self._counts.get(entity_type, 0) + 1
            self._numbers[key] = self._counts[entity_type]
        return self._numbers[key]


class Redactor:
    """Finds personal data with the analyzer and turns it into placeholders."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def detect(self, text: str, *, language: Language) -> list[Detected]:
        """Findings in `text` without overlaps, in order, with offsets into `text` itself.

        Detection runs on a folded view (`pii.normalize`): full-width digits, homoglyphs and
        zero-width characters cannot hide a value.
        """
        folded = fold(text)
        chosen = _without_overlaps(self.analyzer.analyze(folded.view, language=language))
        detected = []
        for finding in _joined_names(chosen, folded.view):
            start, end = folded.original_span(finding.start, finding.end)
            detected.append(Detected(finding.type, start, end, finding.score, text[start:end]))
        return detected

    def redact(
        self, text: str, *, language: Language, numbering: Numbering | None = None
    ) -> Redaction:
        detected = self.detect(text, language=language)
        numbering = numbering or LocalNumbering()
        numbers = [numbering.number(entity.type, entity.value) for entity in detected]
        return Redaction(render(text, detected, numbers), tuple(detected))


def placeholder(entity_type: str, number: int) -> str:
    return f"<{entity_type}_{number}>"


def render(text: str, detected: Sequence[Detected], numbers: Sequence[int]) -> str:
    """`text` with each detected span replaced by its numbered placeholder."""
    pieces: list[str] = []
    position = 0
    for entity, number in zip(detected, numbers, strict=True):
        pieces.append(text[position : entity.start])
        pieces.append(placeholder(entity.type, number))
        position = entity.end
    pieces.append(text[position:])
    return "".join(pieces)


def _without_overlaps(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per group of overlapping findings, covering all of them (whatever any
    recognizer found is redacted), typed by the group's winner: a credential first (a secret
    must never reach the vault under another type), then the strongest, then the longest."""
    merged: list[Finding] = []
    group: list[Finding] = []
    end = -1
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if group and finding.start >= end:
            merged.append(_merge(group))
            group = []
        group.append(finding)
        end = max(end, finding.end) if len(group) > 1 else finding.end
    if group:
        merged.append(_merge(group))
    return merged


def _merge(group: list[Finding]) -> Finding:
    winner = min(group, key=lambda f: (f.type != CREDENTIAL, -f.score, -(f.end - f.start)))
    return Finding(
        winner.type, min(f.start for f in group), max(f.end for f in group), winner.score
    )


def _joined_names(findings: list[Finding], view: str) -> list[Finding]:
    """ "Anna" and "Schmidt" found separately are one person when only a space separates them."""
    joined: list[Finding] = []
    for finding in findings:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.type == finding.type == PERSON
            and view[previous.end : finding.start] == " "
        ):
            joined[-1] = Finding(
                PERSON, previous.start, finding.end, max(previous.score, finding.score)
            )
        else:
            joined.append(finding)
    return joined


@cache
def default_redactor() -> Redactor:
    """A redactor with the default engine options (tools and tests; the switchboard builds
    its own from the deployment's settings)."""
    return Redactor(shared_analyzer(EngineOptions()))


@cache
def _language_detector() -> LanguageDetector:
    return LanguageDetector()


def language_of(text: str, language: Language | None) -> Language:
    """`language`, or the detected language of `text` when none is given."""
    return language or _language_detector().detect(text).language


def analyze(text: str, *, language: Language | None = None) -> list[Detected]:
    """Finds personal data in one text with the default redactor."""
    return default_redactor().detect(text, language=language_of(text, language))


def redact(text: str, *, language: Language | None = None) -> Redaction:
    """Redacts one text with the default redactor; numbers count within this text only."""
    return default_redactor().redact(text, language=language_of(text, language))
