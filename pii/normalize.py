"""The text that recognizers see: Unicode folded so that look-alikes cannot hide data.

Users (and attackers) write full-width digits ("０１７１"), ligatures, zero-width characters
inside a number, Cyrillic or Greek letters that look Latin ("mаx@example.com" with a Cyrillic
"а"), or digits of other scripts. Recognizers run on a folded *view* of the text; every view
character remembers which original character it came from, so findings map back exactly and
the original text (emoji, right-to-left script and all) is what the user keeps seeing.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass

# Characters that render as nothing and may be slipped between the characters of a value.
_INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)

# Letters of other scripts that look like Latin ones (Unicode's confusables, the common part).
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
        # Greek
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        # Latin look-alikes outside ASCII
        "ı": "i", "ɡ": "g", "ℓ": "l",
    }
)  # fmt: skip


_LONGEST_PUNCTUATION_RUN = 40


@dataclass(frozen=True)
class FoldedText:
    """A folded view of `original` and, per view character, its original index."""

    original: str
    view: str
    origins: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind view characters `start`..`end` (exclusive)."""
        return self.origins[start], self.origins[end - 1] + 1

    def view_index(self, original_index: int) -> int:
        """The first view position that comes from `original_index` or later."""
        return bisect.bisect_left(self.origins, original_index)


def fold(text: str) -> FoldedText:
    """NFKC per character, homoglyphs to Latin, any script's digits to ASCII; invisible and
    format characters out; long runs of punctuation broken up."""
    pieces: list[str] = []
    origins: list[int] = []
    run = 0  # length of the current run of non-space, non-alphanumeric view characters
    previous = " "
    for index, character in enumerate(text):
        if _is_hidden(character, previous):
            continue
        folded = _fold_character(character)
        for piece in folded:
            run = run + 1 if not (piece.isalnum() or piece.isspace()) else 0
            if run > _LONGEST_PUNCTUATION_RUN:
                # spaCy's tokenizer is quadratic in a token's length of punctuation
                # ("%%%%…"); a space every few dozen characters bounds it.
                pieces.append(" ")
                origins.append(index)
                run = 1
            pieces.append(piece)
            origins.append(index)
        if unicodedata.category(character) not in ("Mn", "Me"):
            previous = folded[-1:] or previous  # the base a following mark sits on
    return FoldedText(text, "".join(pieces), tuple(origins))


def _is_hidden(character: str, previous: str) -> bool:
    """Characters that render as nothing, or only as a mark on a digit or a symbol."""
    if character in _INVISIBLE:
        return True
    category = unicodedata.category(character)
    if category == "Cf" or 0xFE00 <= ord(character) <= 0xFE0F or ord(character) >= 0xE0000:
        return True
    # Combining marks belong to letters ("Nguyễn" written decomposed); on digits and ASCII
    # symbols ("0̃") they only hide what the characters are.
    return category in ("Mn", "Me") and not previous.isalpha()


def _fold_character(character: str) -> str:
    if character.isascii():
        return character
    folded = unicodedata.normalize("NFKC", character).translate(_HOMOGLYPHS)
    if len(folded) == 1 and not folded.isascii():
        digit = unicodedata.decimal(folded, None)
        if digit is not None:
            return str(digit)
    return folded
