"""Payment card numbers with a valid Luhn check digit.

Forms (one separator, space or hyphen, throughout):

- 16 digits in groups of four: Visa ("4111 1111 1111 1111"), Mastercard 51–55 and 2221–2720
  ("5500-0000-0000-0004", "2223 0031 2200 3222"), Maestro/Discover/UnionPay 6…, JCB 35…;
- 19 digits, 4-4-4-4-3 (Visa, Maestro);
- American Express, 15 digits in 4-6-5 ("3782 822463 10005"); Diners, 14 digits in 4-6-4;
- each of these in one run ("4111111111111111"), and Visa's 13 digits in one run.

Scores: 0.8 for a grouped number; 0.55 for one in one run (any 16-digit order number that
passes Luhn would be reported, one in ten does); 0.3 for thirteen digits in one run, which are
as often an EAN-13 barcode, so a context word ("Kreditkarte", "Visa", "card") is needed. A
failing check digit drops the match. Not reported: a number glued into a longer one (an IBAN
"DE89 3704 0044 0532 0130 00", a BitLocker recovery key of 6-digit groups), and a number
right after a label that names another kind ("Bestellnummer", "Seriennummer", "IMEI", "order
no.").

All card numbers in this docstring are the networks' published test numbers.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

from pii.entities import CREDIT_CARD
from pii.recognizers.number_labels import follows_label, number_label

# Not inside a longer number or code: no word, decimal point or digit group before it, and no
# word, decimal point or further group of four after it (an expiry date "12/27" or a security
# code "123" may follow).
_START = r"(?<![\w.,/-])(?<!\d[ ])"
_END = r"(?![\w]|[.,/]\d|[ -]\d{4})"

_SIXTEEN_PREFIX = r"(?:4\d{3}|5\d{3}|6\d{3}|35\d\d|2(?:2[2-9]\d|[3-6]\d\d|7[01]\d|720))"
_NINETEEN_PREFIX = r"(?:4\d{3}|5\d{3}|6\d{3})"
_AMEX_PREFIX = r"3[47]\d\d"
_DINERS_PREFIX = r"3(?:0[0-5]|[689]\d)\d"

_OTHER_NUMBER_LABEL = number_label(
    r"bestell|auftrag|order|rechnung|invoice|ticket|serien|serial|s/n|sn|imei|iccid|"
    r"sim|tracking|sendung|kunden|customer|vertrag|contract|artikel|article|ean|gtin|barcode|"
    r"inventar|asset|beleg|referenz|reference|transaktion|transaction"
)


class CreditCardNumberRecognizer(CreditCardRecognizer):
    """Card numbers of the common networks, grouped or in one run, checked with Luhn."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern(
            "16 digits grouped",
            rf"{_START}{_SIXTEEN_PREFIX}([ -])\d{{4}}\1\d{{4}}\1\d{{4}}{_END}",
            0.8,
        ),
        Pattern(
            "19 digits grouped",
            rf"{_START}{_NINETEEN_PREFIX}([ -])\d{{4}}\1\d{{4}}\1\d{{4}}\1\d{{3}}{_END}",
            0.8,
        ),
        Pattern("Amex grouped", rf"{_START}{_AMEX_PREFIX}([ -])\d{{6}}\1\d{{5}}{_END}", 0.8),
        Pattern("Diners grouped", rf"{_START}{_DINERS_PREFIX}([ -])\d{{6}}\1\d{{4}}{_END}", 0.8),
        Pattern(
            "in one run",
            rf"{_START}(?:{_SIXTEEN_PREFIX}\d{{12}}|{_NINETEEN_PREFIX}\d{{15}}"
            rf"|{_AMEX_PREFIX}\d{{11}}|{_DINERS_PREFIX}\d{{10}}){_END}",
            0.55,
        ),
        Pattern("Visa 13 digits", rf"{_START}4\d{{12}}{_END}", 0.3),
    ]

    CONTEXT = [  # noqa: RUF012
        "kreditkarte",
        "karte",
        "card",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "maestro",
        "kartennummer",
        "credit",
        "kredit",
        "zahlung",
        "payment",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=CREDIT_CARD,
        )

    # Presidio's CreditCardRecognizer narrows PatternRecognizer's bool | None to bool.
    def validate_result(self, pattern_text: str) -> bool | None:  # type: ignore[override]
        """False when the Luhn check fails; None (keep the pattern's score) when it passes,
        because True would raise every match to 1.0 whatever its form."""
        return None if luhn_valid(re.sub(r"[ -]", "", pattern_text)) else False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [
            result
            for result in results
            if not follows_label(_OTHER_NUMBER_LABEL, text, result.start)
        ]


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check over a string of digits, check digit last."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0
