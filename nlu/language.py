"""Language detection for chat messages, with the conversation's language as a prior.

Raw n-gram detection is unreliable on the short messages of a chat ("ok", "VPN",
"Outlook crasht"): langdetect gets a quarter to half of single words wrong. So the decision
combines, in log-odds:

- a prior from the conversation's language so far (strong) and the widget's locale (weak);
- marker words: frequent words that belong to one supported language only (`languages/*.yml`);
- langdetect's probabilities, restricted to the supported languages and with a fixed seed,
  weighted by how many informative words the message has.

Words that say nothing about the language (product names, shared IT jargon, "ok") are
ignored, so a message made only of them keeps the conversation's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NewType

import yaml
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

Language = NewType("Language", str)
"""A supported language, as its ISO 639-1 code ("de", "en")."""

_LANGUAGE_DATA = Path(__file__).parent / "languages"

# How strongly each kind of evidence moves the log-odds between two languages.
PREVIOUS_LANGUAGE_WEIGHT = math.log(9.0)  # the conversation so far: 90 % before any evidence
LOCALE_WEIGHT = math.log(2.0)  # the page/browser locale: 67 %
MARKER_WEIGHT = 1.3  # per marker word
# Per switch word ("english", "auf Deutsch"): alone it outweighs the conversation's prior, so
# "in english" in a German conversation switches.
SWITCH_WEIGHT = 2.6
NGRAM_WEIGHT = 1.0  # times the log-ratio of langdetect's probabilities, at full trust
NGRAM_FULL_TRUST_WORDS = 4  # langdetect gets full weight from this many informative words
NGRAM_PROBABILITY_FLOOR = 0.01  # one message can never be "impossible" in a language

_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_\d+>")
_URL_OR_ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageProfile:
    """What the detector knows about one supported language."""

    language: Language
    name: str
    markers: frozenset[str]
    switch_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Detection:
    """The language of one message and how sure the detector is (0.5–1.0 for two languages)."""

    language: Language
    confidence: float


@cache
def load_profiles(directory: Path = _LANGUAGE_DATA) -> tuple[LanguageProfile, ...]:
    """Loads the supported languages from `directory/*.yml` (every file but neutral.yml).

    Words that are markers of more than one language, or neutral, are dropped from all.
    """
    raw: dict[str, tuple[str, set[str]]] = {}
    switches: dict[str, set[str]] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name == "neutral.yml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw[data["code"]] = (data["name"], {word.lower() for word in data["markers"]})
        switches[data["code"]] = {word.lower() for word in data.get("switch_words") or []}
    neutral = load_neutral_words(directory)
    profiles = []
    for code, (name, markers) in raw.items():
        elsewhere = set().union(*(words for other, (_, words) in raw.items() if other != code))
        profiles.append(
            LanguageProfile(
                language=Language(code),
                name=name,
                markers=frozenset(markers - elsewhere - neutral),
                switch_words=frozenset(switches[code]),
            )
        )
    return tuple(profiles)


@cache
def load_neutral_words(directory: Path = _LANGUAGE_DATA) -> frozenset[str]:
    data = yaml.safe_load((directory / "neutral.yml").read_text(encoding="utf-8"))
    return frozenset(word.lower() for word in data["neutral"])


def supported_languages() -> tuple[Language, ...]:
    """The languages Lotse speaks, in a stable order."""
    return tuple(profile.language for profile in load_profiles())


def parse_language(value: object) -> Language | None:
    """Returns the supported language named by a code or locale ("de", "de-AT", "EN_us")."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    for language in supported_languages():
        if code == language:
            return language
    return None


class LanguageDetector:
    """Detects the language of chat messages among the supported languages.

    Thread-safe and cheap to call; build one per process.
    """

    def __init__(
        self,
        *,
        profiles: Iterable[LanguageProfile] | None = None,
        neutral_words: Iterable[str] | None = None,
        default_language: Language | None = None,
        seed: int = 0,
    ) -> None:
        self._profiles = tuple(profiles) if profiles is not None else load_profiles()
        if len(self._profiles) < 2:
            raise ValueError("language detection needs at least two supported languages")
        self._languages = tuple(profile.language for profile in self._profiles)
        self._neutral = frozenset(
            neutral_words if neutral_words is not None else load_neutral_words()
        )
        self.default_language = default_language or self._languages[0]
        if self.default_language not in self._languages:
            raise ValueError(f"default language {self.default_language!r} is not supported")
        self._factory = _restricted_factory(self._languages, seed=seed)

    @property
    def languages(self) -> tuple[Language, ...]:
        return self._languages

    def detect(
        self,
        text: str,
        *,
        previous_language: Language | None = None,
        locale: str | None = None,
    ) -> Detection:
        """Returns the language of `text` given the conversation so far and the locale."""
        scores = dict.fromkeys(self._languages, 0.0)
        if previous_language in scores:
            scores[previous_language] += PREVIOUS_LANGUAGE_WEIGHT
        locale_language = parse_language(locale)
        if locale_language in scores:
            scores[locale_language] += LOCALE_WEIGHT
        if previous_language is None and locale_language is None:
            # A tie-breaker only: any real evidence outweighs it.
            scores[self.default_language] += 0.01

        words = self.informative_words(text)
        for profile in self._profiles:
            scores[profile.language] += MARKER_WEIGHT * sum(
                word in profile.markers for word in words
            ) + SWITCH_WEIGHT * sum(word in profile.switch_words for word in words)
        if len(words) >= 2:
            trust = min(1.0, (len(words) - 1) / (NGRAM_FULL_TRUST_WORDS - 1))
            probabilities = self._ngram_probabilities(" ".join(words))
            if probabilities:
                for language in self._languages:
                    # langdetect omits languages below 0.1: absent means "very unlikely".
                    floored = max(probabilities.get(language, 0.0), NGRAM_PROBABILITY_FLOOR)
                    scores[language] += trust * NGRAM_WEIGHT * math.log(floored)
        return _decide(scores)

    def informative_words(self, text: str) -> list[str]:
        """The lower-cased words of `text` that can say something about its language."""
        text = _PLACEHOLDER.sub(" ", text)
        text = _URL_OR_ADDRESS.sub(" ", text)
        return [
            word
            for word in (match.group().lower() for match in _WORD.finditer(text))
            if (word not in self._neutral and len(word) > 1) or word == "i"
        ]

    def _ngram_probabilities(self, text: str) -> dict[Language, float]:
        detector = self._factory.create()
        detector.append(text)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:  # no usable characters
            return {}
        return {Language(item.lang): item.prob for item in ranked}


def _restricted_factory(languages: Iterable[Language], *, seed: int) -> DetectorFactory:
    """A langdetect factory that knows only `languages`, with a fixed seed (reproducible)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    profiles = [
        (Path(PROFILES_DIRECTORY) / language).read_text(encoding="utf-8") for language in languages
    ]
    factory.load_json_profile(profiles)
    factory.set_seed(seed)
    return factory


def _decide(scores: Mapping[Language, float]) -> Detection:
    best = max(scores, key=lambda language: scores[language])
    top = scores[best]
    total = sum(math.exp(score - top) for score in scores.values())
    return Detection(language=best, confidence=round(1.0 / total, 4))
