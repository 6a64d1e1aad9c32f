"""Fixtures for recognizer tests: a real (offline) engine that runs only the recognizers given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import pytest
from presidio_analyzer import EntityRecognizer

from nlu.language import Language
from pii.engine import Analyzer, EngineOptions, Finding, build_analyzer

RecognizerClasses = tuple[type[EntityRecognizer], ...]


@cache
def _analyzer(classes: RecognizerClasses, language: Language) -> Analyzer:
    def make(language: Language, options: EngineOptions) -> Sequence[EntityRecognizer]:
        del options
        return [cls(supported_language=language) for cls in classes]  # type: ignore[call-arg]

    return build_analyzer(languages=[language], recognizers=make)


Spans = list[tuple[str, str]]


@pytest.fixture
def spans_found() -> Callable[..., Spans]:
    """spans_found(text, language, RecognizerA, RecognizerB, …) → [(type, value), …] after
    Presidio's context enhancement and Lotse's score threshold, sorted by position."""

    def find(text: str, language: Language, *classes: type[EntityRecognizer]) -> Spans:
        findings: list[Finding] = _analyzer(classes, language).analyze(text, language=language)
        return [(f.type, text[f.start : f.end]) for f in sorted(findings, key=lambda f: f.start)]

    return find
