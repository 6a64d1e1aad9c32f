"""Bare internal telephone extensions, reported only next to a word that says so.

Inside a company people give only their extension: "Durchwahl -4711", "DW 4711",
"meine Durchwahl ist 4711", "Tel. intern 2345", "Nebenstelle 23", "ext. 2345",
"extension 4711", "erreichbar unter 4711", "4711 ist meine Durchwahl". The digits are reported,
with the leading "-" if written: two to six digits that are not the start of a longer number
("Durchwahl 0711 123456-42" is a full number and `PhoneNumberRecognizer`'s). Without such a
word a short number is a room, a ticket, a hostname suffix ("NB-4711"), a KB article or an
error code, and is left alone.

The keyword is part of each pattern (a look-behind or look-ahead), so no context boost is
needed or wanted: Presidio's window of five words would also boost "Raum 4711" in
"Raum 4711, Durchwahl -4712".

All numbers in this docstring are fictitious.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pii.entities import PHONE_NUMBER

# Two to six digits, optionally after "-", that are neither glued to a word nor the first part
# of a longer number ("0711 123456", "4711.5", "4711-12").
_EXTENSION = r"(?<![\w.,/-])(?:[-–]\s?)?\d{2,6}(?![\w]|[.,:/-]\d|\s{1,2}[-/]?\s?\d)"

_BEFORE = (
    r"(?:durchwahl|dw|nebenstelle|nst\.?|apparat|hausruf|kurzwahl"
    r"|(?:tel\.?|telefon)\s{0,3}(?:intern|int\.)"
    r"|interne?\s{1,3}(?:rufnummer|nummer|durchwahl|nebenstelle)"
    r"|erreichbar\s{1,3}unter(?:\s{1,3}der)?"
    r"|ext\.?|extension|internal\s{1,3}(?:number|extension)|extension\s{1,3}number"
    r"|reachable\s{1,3}(?:at|on|under))"
)

_AFTER = (
    r"(?:ist|is)\s{1,3}(?:meine|die|unsere|seine|ihre|my|the|our|his|her)\s{1,3}"
    r"(?:durchwahl|nebenstelle|interne\s{1,3}nummer|extension|internal\s{1,3}number)"
)


class PhoneExtensionRecognizer(PatternRecognizer):
    """Short extension numbers after (or before) a word such as "Durchwahl" or "extension"."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "extension after keyword",
            rf"(?<=\b{_BEFORE}(?:\s{{1,3}}(?:ist|lautet|is))?\s{{0,3}}[:=]?\s{{0,3}}){_EXTENSION}",
            0.6,
        ),
        Pattern(
            "extension before keyword",
            rf"{_EXTENSION}(?=\s{{1,3}}{_AFTER}\b)",
            0.6,
        ),
        Pattern(
            "unter … erreichbar",
            rf"(?<=\bunter(?:\s{{1,3}}der)?\s{{1,3}}){_EXTENSION}(?=\s{{1,3}}erreichbar\b)",
            0.6,
        ),
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity=PHONE_NUMBER,
            patterns=self.PATTERNS,
            context=[],
            supported_language=supported_language,
        )
