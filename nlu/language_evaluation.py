"""Language identification measured on the held-out data, against raw langdetect.

- Messages of three or more words (the NLU test split): detected with no prior, and against
  a prior of the *other* language — the case of a user who really switches.
- One- and two-word messages inside a conversation (`tests/data/language/short_messages.jsonl`):
  detected with the conversation's language so far as the prior.

The baseline, in the same run, is langdetect as it comes (all its 55 languages, fixed seed),
counted right only when it names the expected language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from nlu.language import Language, LanguageDetector, parse_language
from nlu.training_data import Example


@dataclass(frozen=True)
class LanguageCase:
    text: str
    language: Language
    previous_language: Language | None = None


@dataclass(frozen=True)
class LanguageScore:
    name: str
    cases: int
    accuracy: float
    baseline_accuracy: float
    errors: tuple[str, ...] = ()


def word_count(text: str) -> int:
    return len(text.split())


def sentence_cases(split: dict[str, list[Example]], *, opposite_prior: bool) -> list[LanguageCase]:
    languages = sorted(split)
    cases = []
    for language, examples in split.items():
        other = next((code for code in languages if code != language), None)
        for example in examples:
            if word_count(example.text) >= 3:
                prior = Language(other) if opposite_prior and other else None
                cases.append(LanguageCase(example.text, Language(language), prior))
    return cases


def read_short_messages(path: Path) -> list[LanguageCase]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        language = parse_language(item.get("language"))
        previous = parse_language(item.get("previous_language"))
        if language is None or previous is None or not isinstance(item.get("text"), str):
            raise ValueError(f"{path}:{number}: needs text, language and previous_language")
        cases.append(LanguageCase(item["text"], language, previous))
    return cases


def raw_langdetect(text: str) -> str | None:
    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    return ranked[0].lang if ranked else None


def score_cases(
    name: str, detector: LanguageDetector, cases: Sequence[LanguageCase]
) -> LanguageScore:
    right = baseline_right = 0
    errors: list[str] = []
    for case in cases:
        detected = detector.detect(case.text, previous_language=case.previous_language)
        if detected.language == case.language:
            right += 1
        elif len(errors) < 50:
            errors.append(f"{case.text!r}: {detected.language} (expected {case.language})")
        baseline_right += raw_langdetect(case.text) == case.language
    total = len(cases) or 1
    return LanguageScore(
        name, len(cases), round(right / total, 4), round(baseline_right / total, 4), tuple(errors)
    )


def evaluate_languages(
    detector: LanguageDetector,
    split: dict[str, list[Example]],
    short_messages: Iterable[LanguageCase],
) -> list[LanguageScore]:
    return [
        score_cases("3+ words, no prior", detector, sentence_cases(split, opposite_prior=False)),
        score_cases(
            "3+ words, other language as prior",
            detector,
            sentence_cases(split, opposite_prior=True),
        ),
        score_cases("1-2 words in a conversation", detector, list(short_messages)),
    ]


def language_table(scores: Sequence[LanguageScore]) -> str:
    lines = [f"{'messages':<36}{'cases':>7}{'Lotse':>8}{'langdetect':>12}"]
    for item in scores:
        lines.append(
            f"{item.name:<36}{item.cases:>7}{item.accuracy:>8.3f}{item.baseline_accuracy:>12.3f}"
        )
    return "\n".join(lines)
