"""Numbers of German identity cards and passports, reported only when the text names the document.

Format (Personalausweis since 2010, Reisepass): nine characters from the ICAO alphabet without
vowels and look-alikes, digits and C F G H J K L M N P R T V W X Y Z, the first a letter, as
printed on the document ("L01X00T47", "C01X00T47"); in the machine-readable zone a check digit
follows (ICAO 9303: weights 7 3 1, letters A=10 … Z=35, sum mod 10), so "L01X00T471" is the
same number with its check digit. The old card's "T" and eight digits ("T22000129") has the
same shape.

Presidio's `DeIdCardRecognizer` and `DePassportRecognizer` read the ninth character as a check
digit over the first eight, which rejects most real printed numbers (the specimen "L01X00T47"
fails), and the nine-character shape alone is noisy in IT text: asset tags, hostnames and
licence codes look the same. So every match needs a word naming the document within 40
characters before it or 30 after ("Personalausweis", "Ausweisnummer", "Reisepass", "Pass-Nr.",
"passport number", "ID card", "identity card"), or "Ausweis"/"Pass" as its label right before
it ("Ausweis: L01X00T47"; elsewhere "Ausweis" is as often the company badge). "Passwort" is not
such a word. Presidio's window of lemmas cannot see "ID card" (two words) and would read "pass"
into "Passwort", so this recognizer checks the words itself. Scores: 0.3 for nine characters, 0.4 for ten with a valid
check digit, plus 0.35 with the word; a match without a digit is dropped.

Not covered: vehicle registration plates. Presidio's `DeKfzRecognizer` reads "im OG 3" and
"HP LJ 400" as plates and a plate says little about a person in IT support; driving licence
numbers are not covered either.

All document numbers in this docstring are the specimens' or fictitious.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import DeIdCardRecognizer

from pii.entities import ID_DOCUMENT

CONTEXT_BOOST = 0.35
_ICAO_LETTERS = "CFGHJKLMNPRTVWXYZ"
_DOCUMENT_NUMBER = rf"[{_ICAO_LETTERS}][{_ICAO_LETTERS}0-9]{{8}}"

# Words that name the document wherever they stand near the number.
_DOCUMENT_WORDS = (
    "personalausweis",
    "ausweisdokument",
    "reisepass",
    "reisedokument",
    "dokumentennummer",
    r"ausweis[- ]?(?:nummer|nr)",
    r"pass[- ]?(?:nummer|nr)",
    "passport",
    r"id[- ]?card",
    r"identity\s{1,3}(?:card|document)",
    r"national\s{1,3}id",
    r"travel\s{1,3}document",
    r"document\s{1,3}(?:number|no)",
)
_DOCUMENT_WORD = re.compile(
    rf"(?i)\b(?:{'|'.join(_DOCUMENT_WORDS)})(?:[- ]?(?:nummer|nr|number|no))?(?![a-zäöüß])"
)
# "Ausweis" and "Pass" alone also mean a company badge ("mit dem Ausweis anmelden") or a verb,
# so they count only as the label right before the number ("Ausweis: L01X00T47").
_SHORT_LABEL = re.compile(r"(?i)\b(?:ausweis|pass)\s{0,3}[:#]?\s{0,3}$")
_BEFORE_WINDOW = 40
_AFTER_WINDOW = 30


class IdDocumentRecognizer(DeIdCardRecognizer):
    """German ID card and passport numbers next to a word that names the document."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern("document number", rf"(?<![\w-]){_DOCUMENT_NUMBER}(?![\w-])", 0.3),
        Pattern(
            "document number with check digit",
            rf"(?<![\w-]){_DOCUMENT_NUMBER}\d(?![\w-])",
            0.4,
        ),
    ]

    # Checked by this recognizer itself (see the module docstring), not by Presidio's enhancer.
    CONTEXT: list[str] = []  # noqa: RUF012

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=None,
            supported_language=supported_language,
            supported_entity=ID_DOCUMENT,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """False without a digit or with a wrong check digit; None (the pattern's score)
        otherwise, since the score depends on the words around it."""
        number = pattern_text.upper()
        if not any(character.isdigit() for character in number[:9]):
            return False
        if len(number) == 10 and icao_check_digit(number[:9]) != int(number[9]):
            return False
        return None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if _names_document(text, result.start, result.end):
                result.score = min(result.score + CONTEXT_BOOST, 1.0)
                if result.recognition_metadata is not None:
                    result.recognition_metadata[
                        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
                    ] = True
        return results


def _names_document(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _BEFORE_WINDOW) : start].rsplit("\n", 1)[-1]
    after = text[end : end + _AFTER_WINDOW].split("\n", 1)[0]
    return bool(
        _DOCUMENT_WORD.search(before) or _SHORT_LABEL.search(before) or _DOCUMENT_WORD.search(after)
    )


def icao_check_digit(characters: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as such, A=10 … Z=35."""
    total = 0
    for position, character in enumerate(characters):
        value = int(character) if character.isdigit() else ord(character) - ord("A") + 10
        total += value * (7, 3, 1)[position % 3]
    return total % 10
