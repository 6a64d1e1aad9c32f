"""Presidio's NLP engine, built offline: blank spaCy pipelines plus lemmas from `Lexicon`.

Presidio's default engine downloads `en_core_web_lg` when it is missing and exits when it
cannot; `SpacyNlpEngine.load()` does the same for any model it is given. This engine is
handed ready pipelines instead and never loads or downloads anything. A deployment that has a
pretrained spaCy package installed can name it per language (`LOTSE_PII_SPACY_MODELS`); its
named entities then reach Presidio's `SpacyRecognizer` as further evidence.
"""

from __future__ import annotations

from collections.abc import Mapping

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language as SpacyPipeline
from spacy.tokens import Doc

from nlu.language import Language
from pii.lexicon import Lexicon

# spaCy's labels for people, organisations and places across its German and English models.
_NER_MAPPING = {"PER": "PERSON", "PERSON": "PERSON"}


class PretrainedModelMissing(RuntimeError):
    """A configured spaCy model is not installed (Lotse never downloads one)."""


def pipeline_for(language: Language, *, model: str | None = None) -> SpacyPipeline:
    """A blank pipeline for `language`, or the installed pretrained `model`."""
    if model is None:
        return spacy.blank(language)
    if not spacy.util.is_package(model):
        raise PretrainedModelMissing(
            f"spaCy model {model!r} for {language!r} is not installed; install its package "
            "or remove it from LOTSE_PII_SPACY_MODELS (Lotse never downloads models)"
        )
    # Only the named entities and lemmas are used; parsing costs time for nothing.
    return spacy.load(model, exclude=["parser", "senter"])


class OfflineNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over pipelines and lexicons that are already in memory."""

    def __init__(
        self,
        *,
        pipelines: Mapping[Language, SpacyPipeline],
        lexicons: Mapping[Language, Lexicon],
    ) -> None:
        super().__init__(
            models=[{"lang_code": language, "model_name": "(in memory)"} for language in pipelines],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=_NER_MAPPING,
                labels_to_ignore=[],
                low_score_entity_names=[],
            ),
        )
        self.nlp = dict(pipelines)  # type: ignore[assignment]
        self._lexicons = dict(lexicons)

    def lexicon(self, language: Language) -> Lexicon:
        """The word list of `language` (recognizers reach it through their NLP artifacts)."""
        return self._lexicons[language]

    def load(self) -> None:
        """Nothing to load: the pipelines were given (the parent would download models)."""

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        lexicon = self._lexicons[Language(language)]
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            # A pretrained model's own lemmas beat the lookup table; a blank one's are "".
            lemmas=[
                token.lemma_.casefold() if token.lemma_ else lexicon.lemma(token.text)
                for token in doc
            ],
            nlp_engine=self,
            language=language,
            scores=scores,
        )
