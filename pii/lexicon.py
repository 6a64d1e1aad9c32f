"""Word lists per language from spaCy's lookup tables (`spacy-lookups-data`, offline).

Two uses. Presidio boosts a finding when a context word ("Passwort", "Telefon") occurs in the
*lemmas* around it, and blank spaCy pipelines have no lemmas; so the NLP engine asks
`Lexicon.lemma()`. And the name recognizer asks `Lexicon.is_word()` whether a capitalised token
is an ordinary word of the language ("Frank" is a name and an adjective, "Drucker" only a word).

Presidio matches context words as substrings of lemmas, so only lemmas that contain a context
word can ever matter: the table keeps those and answers the lower-cased word for all others.
That keeps ~350,000 German entries out of memory (and the engine's start-up short).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from importlib import resources

from nlu.language import Language


def _lookup_table(language: Language) -> dict[str, str]:
    path = resources.files("spacy_lookups_data") / "data" / f"{language}_lemma_lookup.json.gz"
    with path.open("rb") as raw, gzip.open(raw) as unpacked:
        table: dict[str, str] = json.load(unpacked)
    return table


class Lexicon:
    """Lemmas (for context words) and the set of known words of one language."""

    def __init__(self, *, lemmas: dict[str, str], words: frozenset[str]) -> None:
        self._lemmas = lemmas
        self._words = words

    @classmethod
    def load(cls, language: Language, *, context_words: Iterable[str]) -> Lexicon:
        """Reads the language's lookup table, keeping the lemmas that contain a context word."""
        table = _lookup_table(language)
        alternatives = sorted({word.casefold() for word in context_words if word}, key=len)
        relevant = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        lemmas: dict[str, str] = {}
        words: set[str] = set()
        for form, lemma in table.items():
            folded_form, folded_lemma = form.casefold(), lemma.casefold()
            words.add(folded_form)
            words.add(folded_lemma)
            if (
                relevant is not None
                and folded_lemma != folded_form
                and relevant.search(folded_lemma)
            ):
                lemmas[folded_form] = folded_lemma
        return cls(lemmas=lemmas, words=frozenset(words))

    def lemma(self, word: str) -> str:
        """The lower-cased lemma of `word` (itself, lower-cased, when the table has nothing)."""
        folded = word.casefold()
        return self._lemmas.get(folded, folded)

    def is_word(self, word: str) -> bool:
        """True when `word` (any case) is a known word form of the language."""
        return word.casefold() in self._words
