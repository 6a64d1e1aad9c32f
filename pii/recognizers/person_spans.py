"""Where a name starts after a cue and how far it reaches, for the person recognizer.

`NameSpans` adds to `Tokens` the rules that join tokens into one name: which word may open a
name after a cue of a given strength, which words continue it (surnames, initials, particles
such as "van der"), and where a cue's phrase ends. `person_candidates.Message` builds on it.
"""

from __future__ import annotations

from enum import Enum

from pii.names import FUNCTION_WORDS, NOT_NAMES, PARTICLES
from pii.recognizers.person_cues import CUE_WORDS, Cue
from pii.recognizers.person_tokens import Tokens

_MAX_NAME_WORDS = 5
_MAX_INITIALS = 3


class Level(Enum):
    """How much a cue vouches for the word after it."""

    TITLE = "title"  # any capitalised word: "Herr Fischer", "mein Name ist Vogel"
    STRONG = "strong"  # a listed or unknown word: "Hallo Frank", "VG Tobi"
    WEAK = "weak"  # a listed name that is no word, or an unknown word: "I'm Priya"


class NameSpans(Tokens):
    """Tokens with the rules for where a name starts and where it ends."""

    def starts_name(self, index: int, level: Level, lowercase: str) -> bool:
        """True when a name may start at `index` after a cue of `level`."""
        if not self.clean(index):
            return False
        shape = self.shape(index)
        if shape == "capitalised":
            if self.stop(index) or self.keys[index] in NOT_NAMES:
                return level is Level.TITLE and self.last(index) and not self.is_cue_word(index)
            if level is Level.TITLE:
                return True
            if level is Level.STRONG:
                return self.first(index) or self.last(index) or self.unknown(index)
            listed = self.first(index) or self.last(index)
            return (listed and not self.word_name(index)) or self.unknown(index)
        if shape != "lower" or lowercase == "none" or self.stop(index):
            return False
        if lowercase == "first":
            return self.first(index) and not self.word_name(index)
        listed = (self.first(index) or self.last(index)) and not self.word_name(index)
        return listed or (lowercase == "any" and self.unknown(index))

    def is_cue_word(self, index: int) -> bool:
        return self.keys[index] in CUE_WORDS

    def continues(self, index: int, previous: int, lowercase: bool) -> bool:
        """True when the word at `index` continues the name that ends with `previous`."""
        if not self.clean(index) or self.keys[index] == self.keys[previous]:
            return False
        if self.keys[index] in NOT_NAMES or self.is_cue_word(index):
            return False
        shape = self.shape(index)
        if shape == "capitalised":
            if self.stop(index) or (self.word_name(index) and self.language == "de"):
                # German capitalises nouns: "Hat Jonas Post bekommen?", but "Frank Koch"
                return self.common_last(index)
            return self.first(index) or self.last(index) or self.unknown(index)
        return (
            lowercase
            and shape == "lower"
            and not self.stop(index)
            and (self.first(index) or self.last(index))
        )

    def extend(self, index: int, lowercase: bool) -> int:
        """The end (exclusive) of the name whose first word is at `index`."""
        end = index + 1
        words = 1
        while end < self.count and words < _MAX_NAME_WORDS:
            after_particles = self._after_particles(end)
            if after_particles > end and self._surname_after_particles(after_particles):
                end = after_particles + 1
            elif self.initial(end) and self.continues(end + 2, end - 1, lowercase):
                end += 3
            elif self.continues(end, end - 1, lowercase):
                end += 1
            else:
                break
            words += 1
        # "Schmidt, Anna": a surname, a comma and a first name that ends the phrase
        if (
            end == index + 1
            and not self.first(index)
            and end + 1 < self.count
            and self.words[end] == ","
            and self.shape(end + 1) == "capitalised"
            and self.clean(end + 1)
            and self.first(end + 1)
            and not self.word_name(end + 1)
            and not self.is_word(end + 2)
        ):
            end += 2
        return end

    def _surname_after_particles(self, index: int) -> bool:
        """Any capitalised word after "van der", "de la", "von" …: "Saar van Mil"."""
        return (
            self.clean(index)
            and self.shape(index) == "capitalised"
            and self.keys[index] not in NOT_NAMES
            and not self.is_cue_word(index)
            and (not self.stop(index) or self.last(index))
            and (self.last(index) or self.first(index) or not self.ordinary(self.words[index]))
        )

    def _after_particles(self, index: int) -> int:
        end = index
        while end < self.count and end - index < 3 and self.keys[end] in PARTICLES:
            end += 1
        return end

    def after_initials(self, index: int) -> int:
        end = index
        while end - index < 2 * _MAX_INITIALS and self.initial(end):
            end += 2
        return end

    def ends_phrase(self, index: int, cue: Cue) -> bool:
        """True when nothing but punctuation, a line break or the end follows."""
        if not self.is_word(index):
            return True
        return cue is Cue.THANKS and self.keys[index] in FUNCTION_WORDS

    def near_number(self, index: int) -> bool:
        """Dates: "15. Jan", "Jan 2024" (a first name that is a month here)."""
        before = index - 1
        if before >= 0 and self.words[before] == ".":
            before -= 1
        return (before >= 0 and self.words[before].isdigit()) or (
            index + 1 < self.count and self.words[index + 1].isdigit()
        )

    def _starts_sentence(self, index: int) -> bool:
        """After a line break or punctuation ("VG" ending a message); "--" after a break only."""
        if index == 0 or self.words[index - 1] == "\n":
            return True
        return self.is_word(index) and not self.is_word(index - 1)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.spans[start][0], self.spans[end - 1][1]
