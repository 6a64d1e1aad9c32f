"""The candidate names of one message, each kind of evidence with its score.

`Message` walks the tokens and proposes a span and a score for every piece of evidence that the
module docstring of `person.py` lists: the directory, titles and other cues, the name lists and
a signature line, and a pretrained model's entities. `PersonRecognizer` then keeps the best
candidates that do not overlap. The scores live here, next to the rules that hand them out.
"""

from __future__ import annotations

from collections.abc import Mapping

from pii.names import NOT_NAMES
from pii.recognizers.person_cues import TITLE_QUALIFIERS, Cue
from pii.recognizers.person_spans import Level, NameSpans
from pii.recognizers.person_tokens import without_particle

SCORES = {
    Cue.TITLE: 0.9,
    Cue.SALUTATION: 0.85,
    Cue.INTRODUCTION: 0.9,
    Cue.WEAK_INTRODUCTION: 0.8,
    Cue.THANKS: 0.85,
    Cue.SIGN_OFF: 0.85,
    Cue.SHORT_SIGN_OFF: 0.85,
    Cue.RELATION: 0.85,
    Cue.LABEL: 0.85,
    Cue.MENTION: 0.85,
}
SCORE_DIRECTORY = 0.95
SCORE_DIRECTORY_FIRST_NAME = 0.7
SCORE_FULL_NAME = 0.85
SCORE_SURNAME_FIRST = 0.75
SCORE_WORD_FIRST_NAME_AND_SURNAME = 0.6
SCORE_INITIALS = 0.65
SCORE_LOWERCASE_FULL_NAME = 0.55
SCORE_UNKNOWN_AND_SURNAME = 0.6
# Below the threshold: products come in pairs of unknown words too ("Konica Minolta");
# only a pretrained model's agreement (MODEL_BOOST) lifts it.
SCORE_TWO_UNKNOWN = 0.45
SCORE_FIRST_NAME = 0.6
SCORE_SURNAME_AFTER_PREPOSITION = 0.55
SCORE_SIGNATURE_LINE = 0.7
SCORE_MODEL = 0.55
MODEL_BOOST = 0.1

_MAX_TITLE_TOKENS = 10  # "Frau Prof. Dr. rer. nat."
# Sign-offs and cues may be separated from the name by these.
_CUE_PUNCTUATION = frozenset(",:!.&+-–—")

# A possible name: its start and end in the message, and its score.
Candidate = tuple[int, int, float]

# Per cue: how strong, which lower-case words count, whether the name must end the phrase.
_CUE_RULES: Mapping[Cue, tuple[Level, str, bool]] = {
    Cue.TITLE: (Level.TITLE, "any", False),
    Cue.SALUTATION: (Level.STRONG, "listed", False),
    Cue.INTRODUCTION: (Level.TITLE, "any", False),
    Cue.WEAK_INTRODUCTION: (Level.WEAK, "first", False),
    Cue.THANKS: (Level.STRONG, "listed", True),
    Cue.SIGN_OFF: (Level.STRONG, "listed", True),
    Cue.SHORT_SIGN_OFF: (Level.STRONG, "listed", True),
    Cue.RELATION: (Level.STRONG, "first", False),
    Cue.LABEL: (Level.STRONG, "listed", False),
    Cue.MENTION: (Level.TITLE, "listed", False),
}
_SIGN_OFFS = frozenset({Cue.THANKS, Cue.SIGN_OFF, Cue.SHORT_SIGN_OFF})


class Message(NameSpans):
    """One message and the names it may hold, with the evidence for each."""

    def candidates(
        self, cues: Mapping[tuple[str, ...], Cue], max_cue_length: int
    ) -> list[Candidate]:
        found: list[Candidate] = []
        for index in range(self.count):
            if not self.is_word(index) and self.words[index] not in "-—–@":
                continue
            found.extend(self._directory_names(index))
            found.extend(self._listed_names(index))
            if self.title(index):
                found.extend(self._after_cue(self._after_titles(index), Cue.TITLE))
            cue, end = self._cue_at(index, cues, max_cue_length)
            if cue is Cue.PREPOSITION:
                found.extend(self._after_preposition(end))
            elif cue is not None:
                found.extend(self._after_cue(end, cue))
        found.extend(self._signature_line())
        return found

    def _cue_at(
        self, index: int, cues: Mapping[tuple[str, ...], Cue], max_cue_length: int
    ) -> tuple[Cue | None, int]:
        if self.words[index] == "@":
            start, end = self.spans[index]
            glued_after = index + 1 < self.count and self.spans[index + 1][0] == end
            if glued_after and (start == 0 or not self.text[start - 1].isalnum()):
                return Cue.MENTION, index + 1
            return None, index
        for length in range(min(max_cue_length, self.count - index), 0, -1):
            cue = cues.get(tuple(self.keys[index : index + length]))
            if cue is None:
                continue
            if cue is Cue.SHORT_SIGN_OFF and not self._starts_sentence(index):
                return None, index
            return cue, index + length
        return None, index

    def _after_titles(self, index: int) -> int:
        end = index
        while end - index < _MAX_TITLE_TOKENS and (
            self.title(end) or (index < end < self.count and self.keys[end] in TITLE_QUALIFIERS)
        ):
            end += 1
            if end < self.count and self.words[end] == ".":
                end += 1
        return end

    def _after_cue(self, index: int, cue: Cue) -> list[Candidate]:
        level, lowercase, must_end = _CUE_RULES[cue]
        if cue in _SIGN_OFFS:
            line_breaks = 0
            while index < self.count and (
                self.words[index] in _CUE_PUNCTUATION or self.words[index] == "\n"
            ):
                line_breaks += self.words[index] == "\n"
                if line_breaks > 2:
                    return []
                index += 1
        elif index < self.count and self.words[index] in (",", ":"):
            index += 1
        if cue is not Cue.TITLE and self.title(index):
            return []  # the title makes its own candidate
        if cue is Cue.TITLE:
            particles_end = self._after_particles(index)
            if particles_end > index and self.starts_name(particles_end, level, lowercase):
                end = self.extend(particles_end, lowercase=True)
                return [(*self.char_span(index, end), self._boost(index, end, SCORES[cue]))]
        start = index
        end = self.after_initials(start)
        if not self.starts_name(end, level, lowercase):
            return []
        end = self.extend(end, lowercase=self.shape(end) == "lower")
        if must_end and not self.ends_phrase(end, cue):
            return []
        return [(*self.char_span(start, end), self._boost(start, end, SCORES[cue]))]

    def _boost(self, start: int, end: int, score: float) -> float:
        """Directory people score higher whatever the cue."""
        if self._directory is None:
            return score
        keys = [without_particle(key) for key in self.keys[start:end]]
        if any(self._directory.is_last_name(key) for key in keys):
            return max(score, SCORE_DIRECTORY)
        return score

    def _after_preposition(self, index: int) -> list[Candidate]:
        """After "an", "cc", "ask" …: a listed surname ("an Nowak") or first name ("cc jonas")."""
        if index >= self.count or not self.clean(index) or self.stop(index):
            return []
        if self.word_name(index) or len(self.words[index]) < 3:
            return []
        shape = self.shape(index)
        if shape == "lower" and self.listed_first(index):
            end = self.extend(index, lowercase=True)
            return [(*self.char_span(index, end), SCORE_SURNAME_AFTER_PREPOSITION)]
        if shape == "capitalised" and self.last(index) and not self.first(index):
            end = self.extend(index, lowercase=False)
            return [(*self.char_span(index, end), SCORE_SURNAME_AFTER_PREPOSITION)]
        return []

    def _directory_names(self, index: int) -> list[Candidate]:
        if self._directory is None or not self.is_word(index):
            return []
        length = self._directory.match(self.keys, index)
        if length == 0:
            return []
        end = index + length
        words = [i for i in range(index, end) if self.is_word(i)]
        if not all(self.clean(i) for i in words):
            return []
        if all(self.shape(i) == "lower" and self.word_name(i) for i in words):
            return []
        return [(*self.char_span(index, end), SCORE_DIRECTORY)]

    def _listed_names(self, index: int) -> list[Candidate]:
        """Names that the lists alone vouch for, without a cue."""
        if self.initial(index) and (index == 0 or not self.initial(index - 2)):
            start = self.after_initials(index)
            if (
                self.clean(start)
                and self.shape(start) == "capitalised"
                and not self.stop(start)
                and (self.last(start) or self.unknown(start))
            ):
                end = self.extend(start, lowercase=False)
                score = SCORE_INITIALS if self.last(start) else SCORE_SURNAME_AFTER_PREPOSITION
                return [(*self.char_span(index, end), score)]
            return []
        if self.clean(index) and self.shape(index) == "lower":
            return self._lowercase_full_name(index)
        if not self.clean(index) or self.shape(index) != "capitalised" or self.stop(index):
            return []
        if self.keys[index] in NOT_NAMES:
            return []
        if self.first(index):
            return self._from_first_name(index)
        if (
            self.last(index)
            and not self.word_name(index)
            and index + 1 < self.count
            and self.clean(index + 1)
            and self.shape(index + 1) == "capitalised"
            and self.first(index + 1)
            and not self.word_name(index + 1)
            and not self.stop(index + 1)
        ):
            end = self.extend(index, lowercase=False)
            return [(*self.char_span(index, end), SCORE_SURNAME_FIRST)]
        if self.last(index) and not self.word_name(index):
            end = self.extend(index, lowercase=False)
            if end == index + 3 and self.words[index + 1] == ",":  # "Schmidt, Anna"
                return [(*self.char_span(index, end), SCORE_SURNAME_FIRST)]
        following = index + 1
        if (
            self.unknown(index)
            and following < self.count
            and self.clean(following)
            and self.shape(following) == "capitalised"
            and not self.stop(following)
            and (
                (self.last(following) and not self.word_name(following)) or self.unknown(following)
            )
            and (index == 0 or not self.unknown(index - 1))
        ):
            end = self.extend(index, lowercase=False)
            if end == following + 1:  # "Zsolt Juhász", not a series of product names
                score = SCORE_UNKNOWN_AND_SURNAME if self.last(following) else SCORE_TWO_UNKNOWN
                return [(*self.char_span(index, end), score)]
        return []

    def _lowercase_full_name(self, index: int) -> list[Candidate]:
        """A listed first name and surname in lower case, neither a word name: "anna schmidt"."""
        following = index + 1
        if not (
            self.first(index)
            and following < self.count
            and self.clean(following)
            and self.shape(following) == "lower"
            and self.last(following)
        ):
            return []
        if any(
            self.stop(i) or self.word_name(i) or len(self.words[i]) < 3 for i in (index, following)
        ):
            return []
        return [(*self.char_span(index, following + 1), SCORE_LOWERCASE_FULL_NAME)]

    def _from_first_name(self, index: int) -> list[Candidate]:
        end = self.extend(index, lowercase=False)
        word_name = self.word_name(index)
        if end > index + 1:
            if not word_name:
                return [(*self.char_span(index, end), SCORE_FULL_NAME)]
            rest = range(index + 1, end)
            if any(self.last(i) or (self.first(i) and not self.word_name(i)) for i in rest):
                return [(*self.char_span(index, end), SCORE_WORD_FIRST_NAME_AND_SURNAME)]
            return []
        if word_name or len(self.words[index]) < 3 or self.near_number(index):
            return []
        in_directory = self.directory_first(index)
        if self.listed_first(index):
            score = SCORE_DIRECTORY_FIRST_NAME if in_directory else SCORE_FIRST_NAME
            return [(*self.char_span(index, end), score)]
        if in_directory and not self.ordinary(self.words[index]):
            return [(*self.char_span(index, end), SCORE_DIRECTORY_FIRST_NAME)]
        return []

    def _signature_line(self) -> list[Candidate]:
        """The last line of a message of several lines, when it holds a name only."""
        end = self.count
        while end > 0 and not self.is_word(end - 1):
            end -= 1
        start = end
        while start > 0 and self.words[start - 1] != "\n":
            start -= 1
        before = start - 1
        while before >= 0 and self.words[before] == "\n":
            before -= 1
        if start == 0 or before < 0 or self.words[before] in (":", ","):
            return []  # one line only, or a list of values ("Fehler in:\nNtdll")
        name_start = self.after_initials(start)
        if not self.starts_name(name_start, Level.STRONG, "none"):
            return []
        name_end = self.extend(name_start, lowercase=False)
        if any(self.is_word(i) for i in range(name_end, end)):
            return []
        listed = any(self.first(i) or self.last(i) for i in range(name_start, name_end))
        paragraph = start - before > 2 or self.words[before] in (".", "!", "?")
        if not listed and not paragraph:
            return []
        return [(*self.char_span(start, name_end), SCORE_SIGNATURE_LINE)]

    def model_candidate(self, start: int, end: int) -> list[Candidate]:
        """A model's PERSON span, if its words could be a name."""
        indices = [i for i, (s, e) in enumerate(self.spans) if s >= start and e <= end]
        words = [i for i in indices if self.is_word(i)]
        if not words or not all(
            self.clean(i)
            and self.shape(i) == "capitalised"
            and not self.stop(i)
            and self.keys[i] not in NOT_NAMES
            for i in words
        ):
            return []
        return [(start, end, SCORE_MODEL)]
