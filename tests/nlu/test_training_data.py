"""The NLU training data is code: complete, bilingual, free of duplicates and of test data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from nlu.language import supported_languages
from nlu.training_data import Example, counts_by_intent, normalise, read_directory, read_examples

REPO = Path(__file__).resolve().parents[2]
NLU = REPO / "data" / "nlu"
TEST_SPLIT = REPO / "tests" / "data" / "nlu"
LANGUAGES = supported_languages()
MIN_EXAMPLES = 20
# Per intent, each language's count is within this ratio of the others'.
PARITY = 1.2


def domain_intents() -> set[str]:
    intents: set[str] = set()
    for path in (REPO / "bot" / "domain").glob("*.yml"):
        intents.update(
            (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents") or []
        )
    return intents


def training(language: str) -> list[Example]:
    return read_directory(NLU / language)


def test_both_languages_have_the_same_files() -> None:
    names = {
        language: sorted(p.name for p in (NLU / language).glob("*.yml")) for language in LANGUAGES
    }
    assert len({tuple(files) for files in names.values()}) == 1, names


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_enough_examples(language: str) -> None:
    counts = counts_by_intent(training(language))
    for intent in domain_intents():
        assert counts[intent] >= MIN_EXAMPLES, f"{language} {intent}: {counts[intent]}"
    assert set(counts) <= domain_intents()


def test_example_counts_are_on_par_across_languages() -> None:
    # English out-of-scope data includes CLINC150's 200 general-purpose utterances
    # (../shared/data/external); German has as many written for Lotse.
    counts = {language: counts_by_intent(training(language)) for language in LANGUAGES}
    for intent in domain_intents():
        numbers = [counts[language][intent] for language in LANGUAGES]
        assert max(numbers) <= PARITY * min(numbers), (
            f"{intent}: {dict(zip(LANGUAGES, numbers, strict=True))}"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_example_twice(language: str) -> None:
    seen = Counter(normalise(example.text) for example in training(language))
    assert [text for text, count in seen.items() if count > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_examples_are_plain_chat_text(language: str) -> None:
    for example in training(language):
        assert example.text.strip(), example
        assert not example.text.startswith("/"), example
        assert "{" not in example.text, example
        assert "}" not in example.text, example


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_test_example_is_trained_on(language: str) -> None:
    trained = {normalise(example.text) for example in training(language)}
    trained |= {normalise(e.text) for other in LANGUAGES for e in training(other)}
    leaked = [
        e.text
        for e in read_directory_file(TEST_SPLIT / f"{language}.yml")
        if normalise(e.text) in trained
    ]
    assert leaked == []


def read_directory_file(path: Path) -> list[Example]:
    return read_examples(path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_test_split_covers_every_intent(language: str) -> None:
    counts = counts_by_intent(read_directory_file(TEST_SPLIT / f"{language}.yml"))
    missing = {"change_language"}  # written after the split; see tests/data/nlu/README.md
    assert domain_intents() - missing <= set(counts)
