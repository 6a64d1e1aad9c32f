"""The Presidio analyzer, assembled offline from Lotse's recognizers.

`build_analyzer()` is the only place that constructs Presidio's `AnalyzerEngine`, and it always
passes an explicit NLP engine (Presidio's default one downloads a spaCy model). Findings leave
this module under the entity type names of ARCHITECTURE.md; Presidio's own names are mapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from nlu.language import Language, supported_languages
from pii.entities import presidio_to_lotse
from pii.lexicon import Lexicon
from pii.nlp_engine import OfflineNlpEngine, pipeline_for

# A finding must reach this score (after context boosts) to be redacted. Recognizers give
# unambiguous formats >= 0.5 and formats that need a context word less (Presidio adds 0.35
# when one is near).
SCORE_THRESHOLD = 0.5


@dataclass(frozen=True, kw_only=True)
class EngineOptions:
    """What a deployment may configure about detection."""

    # (language, an installed pretrained spaCy package such as "de_core_news_md"); blank if absent
    spacy_models: tuple[tuple[str, str], ...] = ()
    # a CSV of the organisation's people (the most precise source of names)
    directory_file: Path | None = None
    # the shape of the organisation's employee numbers, as a regular expression
    employee_id_pattern: str | None = None
    # True when that shape is distinctive enough to count without a keyword ("LOT-123456")
    employee_id_standalone: bool = False


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: offsets into the analysed text, Lotse's type name."""

    type: str
    start: int
    end: int
    score: float


RecognizerFactory = Callable[[Language, EngineOptions], Sequence[EntityRecognizer]]


class Analyzer:
    """Finds personal data in German and English text with Presidio."""

    def __init__(self, engine: AnalyzerEngine) -> None:
        self._engine = engine

    def analyze(self, text: str, *, language: Language) -> list[Finding]:
        """All findings at or above the threshold, overlaps included (the redactor resolves)."""
        results = self._engine.analyze(
            text=text, language=language, score_threshold=SCORE_THRESHOLD
        )
        findings = []
        for result in results:
            entity_type = presidio_to_lotse(result.entity_type)
            if entity_type is not None:
                findings.append(Finding(entity_type, result.start, result.end, result.score))
        return findings


def build_analyzer(
    options: EngineOptions | None = None,
    *,
    languages: Iterable[Language] | None = None,
    recognizers: RecognizerFactory | None = None,
) -> Analyzer:
    """An analyzer for `languages` (all supported ones by default) with Lotse's recognizers
    (or those `recognizers` makes, for tests)."""
    options = options or EngineOptions()
    if recognizers is None:
        from pii.recognizers import lotse_recognizers

        recognizers = lotse_recognizers
    languages = tuple(languages or supported_languages())
    registry = RecognizerRegistry(supported_languages=list(languages))
    context_words: dict[Language, set[str]] = {language: set() for language in languages}
    for language in languages:
        for recognizer in recognizers(language, options):
            registry.add_recognizer(recognizer)
            context_words[language].update(recognizer.context or ())
    nlp_engine = OfflineNlpEngine(
        pipelines={
            language: pipeline_for(language, model=dict(options.spacy_models).get(language))
            for language in languages
        },
        lexicons={
            language: Lexicon.load(language, context_words=context_words[language])
            for language in languages
        },
    )
    engine = AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(languages),
        # Context words count before *and* after a value ("4711 ist meine Durchwahl").
        context_aware_enhancer=LemmaContextAwareEnhancer(
            context_prefix_count=5, context_suffix_count=3
        ),
    )
    return Analyzer(engine)


@cache
def shared_analyzer(options: EngineOptions) -> Analyzer:
    """One analyzer per process and configuration (building one takes a second or two)."""
    return build_analyzer(options)
