"""A message cut into tokens, and what each token is: a clean word, a listed name, a word.

`Tokens` answers the per-token questions of the person recognizer (is it capitalised, a listed
first name or surname, a word of the message's language, an initial, a title?) and caches the
costly lexicon look-ups. It is the base of `person_spans.NameSpans`, kept in its own module so
that the word tests read apart from the rules that join words into names.
"""

from __future__ import annotations

from collections.abc import Sequence

from pii.directory import TOKEN, Directory
from pii.lexicon import Lexicon
from pii.names import FUNCTION_WORDS, NameLists, english_base_words, is_word_name, name_key
from pii.recognizers.person_cues import (
    CAMEL_CASE_PREFIXES,
    NAME_PARTICLE_PREFIXES,
    NOUN_SUFFIXES,
    SHORT_COMPOUND_TAILS,
    STOP_WORDS,
    SURNAME_SUFFIXES,
    TITLES,
    TITLES_CAPITALISED,
    WORDS_MISSING_FROM_LEXICONS,
)

_MAX_WORD_LENGTH = 40
_MIN_COMPOUND_LENGTH = 7
# Characters that glue a word to an address, path or host ("anna.schmidt@", "\\srv\Anna").
_GLUE_BEFORE = frozenset("@/\\._=#<>|~$%&*+")
_GLUE_AFTER = frozenset("@/\\_=|<>")


class Tokens:
    """One message cut into tokens, with the name evidence of each token (computed lazily)."""

    def __init__(
        self,
        text: str,
        *,
        language: str,
        names: NameLists,
        directory: Directory | None,
        lexicons: Sequence[Lexicon],
    ) -> None:
        self.text = text
        self.language = language
        matches = list(TOKEN.finditer(text))
        self.spans = [(match.start(), match.end()) for match in matches]
        self.words = [match.group() for match in matches]
        self.keys = [name_key(word) for word in self.words]
        self.count = len(matches)
        self._names = names
        self._directory = directory
        self._lexicons = lexicons
        self._ordinary: dict[str, bool] = {}

    def is_word(self, index: int) -> bool:
        return index < self.count and (
            self.words[index][0].isalnum() or self.words[index][0] == "_"
        )

    def clean(self, index: int) -> bool:
        """A word of letters (and inner hyphens or apostrophes), not glued to a host or path."""
        if not self.is_word(index):
            return False
        word = self.words[index]
        if (
            not 2 <= len(word) <= _MAX_WORD_LENGTH
            or not word.replace("-", "").replace("'", "").replace("’", "").isalpha()
        ):
            return False
        start, end = self.spans[index]
        before = self.text[start - 1] if start else " "
        before_before = self.text[start - 2] if start > 1 else " "
        after = self.text[end] if end < len(self.text) else " "
        after_after = self.text[end + 1] if end + 1 < len(self.text) else " "
        if before in _GLUE_BEFORE and not (before in "@." and not before_before.isalnum()):
            return False
        return after not in _GLUE_AFTER and not (after in ".!" and after_after.isalnum())

    def shape(self, index: int) -> str:
        """The word's case: capitalised, lower or other (all-caps, camel case)."""
        return _shape(self.words[index])

    def stop(self, index: int) -> bool:
        key = self.keys[index]
        return key in STOP_WORDS or any(part in STOP_WORDS for part in key.split("-"))

    def first(self, index: int) -> bool:
        """A first name of the lists or the directory."""
        return self.listed_first(index) or self.directory_first(index)

    def listed_first(self, index: int) -> bool:
        key = without_particle(self.keys[index])
        if key in self._names.first_names:
            return True
        if self.language == "de" and _genitive_of(key, self._names.first_names):
            return True  # "Annas Laptop"
        parts = key.split("-")
        return len(parts) > 1 and all(part in self._names.first_names for part in parts)

    def directory_first(self, index: int) -> bool:
        return self._directory is not None and self._directory.is_first_name(self.keys[index])

    def last(self, index: int) -> bool:
        key = without_particle(self.keys[index])
        if key in self._names.last_names:
            return True
        if self._directory is not None and self._directory.is_last_name(key):
            return True
        parts = [part for part in key.split("-") if part]
        if len(parts) < 2:
            return False
        listed = [self._names.is_name(part) for part in parts]
        return any(listed) and all(
            is_listed or (len(part) >= 3 and not self.ordinary(part))
            for part, is_listed in zip(parts, listed, strict=True)
        )

    def common_last(self, index: int) -> bool:
        """A surname frequent among German and English speakers ("Koch", "Lange", "Baker")."""
        key = without_particle(self.keys[index])
        if self._directory is not None and self._directory.is_last_name(key):
            return True
        return key in self._names.common_last_names

    def word_name(self, index: int) -> bool:
        return is_word_name(self.words[index])

    def ordinary(self, word: str) -> bool:
        """True when `word` is a word of the message's language or English, or a compound."""
        lower = word.casefold()
        known = self._ordinary.get(lower)
        if known is None:
            known = (
                lower in WORDS_MISSING_FROM_LEXICONS
                or lower.endswith(NOUN_SUFFIXES)
                or self._in_lexicons(lower)
                or self._compound(lower)
            )
            self._ordinary[lower] = known
        return known

    def unknown(self, index: int) -> bool:
        """A word that no list knows and no lexicon has: "Oyelaran", "Tobi"."""
        word = self.words[index]
        if len(word) < 3 or self.stop(index) or self._names.is_name(word):
            return False
        if _surname_shaped(word):
            return True  # "Lindemann", "Hohenstein", "Kowalczyk", even if the lexicon has it
        return not all(self.ordinary(part) for part in word.split("-")) and not self.ordinary(word)

    def initial(self, index: int) -> bool:
        """A capital letter with a full stop right after it ("M." in "M. Weber")."""
        word = self.words[index] if index < self.count else ""
        return (
            len(word) == 1
            and word.isalpha()
            and word.isupper()
            and index + 1 < self.count
            and self.words[index + 1] == "."
            and self.spans[index + 1][0] == self.spans[index][1]
        )

    def title(self, index: int) -> bool:
        if not self.is_word(index) or self.keys[index] not in TITLES:
            return False
        return self.keys[index] not in TITLES_CAPITALISED or self.words[index][0].isupper()

    def _in_lexicons(self, lower: str) -> bool:
        return lower in FUNCTION_WORDS or any(lexicon.is_word(lower) for lexicon in self._lexicons)

    def _compound(self, lower: str) -> bool:
        if len(lower) < _MIN_COMPOUND_LENGTH or not lower.isalpha():
            return False
        if lower.endswith(SHORT_COMPOUND_TAILS) and self._in_lexicons(lower[:-3]):
            return True  # "Feiertag"
        for cut in range(3, len(lower) - 3):
            head, tail = lower[:cut], lower[cut:]
            head_is_word = (
                self._in_lexicons(head)
                or (head[-1] in "sn" and self._in_lexicons(head[:-1]))
                or (head[-2:] in ("en", "es", "er") and self._in_lexicons(head[:-2]))
            )
            long_parts = len(head) >= 4 and len(tail) >= 5
            if self._in_lexicons(tail) and (head_is_word or long_parts):
                return True  # "Bildschirm", "Verteilerliste"
            if len(head) >= 6 and len(tail) >= 5 and self._in_lexicons(head):
                return True  # "Druckertreiber"
        return False


def _surname_shaped(word: str) -> bool:
    lower = word.casefold()
    return any(
        lower.endswith(suffix) and len(lower) >= len(suffix) + 3 for suffix in SURNAME_SUFFIXES
    )


def _genitive_of(key: str, first_names: frozenset[str]) -> bool:
    """The genitive of a first name: "annas" of "Anna" (not "chaos" of "Chao")."""
    stem = key[:-1]
    return (
        key.endswith("s")
        and len(stem) >= 3
        and stem in first_names
        and not is_word_name(stem)
        and not english_base_words().is_word(key)
    )


def without_particle(key: str) -> str:
    """The key without a name particle: "al-hassan" -> "hassan", "d'angelo" -> "angelo"."""
    for prefix in NAME_PARTICLE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    body = word
    for prefix in NAME_PARTICLE_PREFIXES:
        if body.startswith(prefix) and len(body) > len(prefix) + 1:
            body = body[len(prefix) :]
            break
    if len(body) > 1 and body.isupper():
        return "other"
    for part in body.replace("’", "'").replace("'", "-").split("-"):
        if not part or not part[0].isupper():
            return "other"
        rest = part[1:]
        if rest and not rest.islower() and not _camel_case_name(part):
            return "other"
    return "capitalised"


def _camel_case_name(part: str) -> bool:
    """A name prefix and a capitalised rest: "McDonald", "DiCaprio", "LeBlanc"."""
    for prefix in CAMEL_CASE_PREFIXES:
        rest = part[len(prefix) :]
        if part.startswith(prefix) and len(rest) > 1 and rest[0].isupper() and rest[1:].islower():
            return True
    return False
