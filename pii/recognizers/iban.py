"""IBANs of any SEPA country, validated by mod-97 and the country's format.

Forms: groups of four separated by spaces or hyphens ("DE89 3704 0044 0532 0130 00",
"AT61 1904 3002 3457 3201", "CH93 0076 2011 6238 5295 7"), in one run
("GB29NWBK60161331926819"), and in lower case ("de89370400440532013000").

Presidio's `IbanRecognizer` matches upper case only and, for a valid number written in lower
case, keeps its bare pattern score; this recognizer matches any case and validates the
upper-cased, compacted number: the check digits (ISO 7064 mod 97-10) and the country's
length and character layout must both hold, then the score is 1.0. Presidio's fallback to a
shorter match ("DE89370400440532013000 2 Tage" keeps the IBAN without the " 2") stays.

All IBANs in this docstring are the published example numbers of their countries.
"""

from __future__ import annotations

import re
import string

from presidio_analyzer.predefined_recognizers import IbanRecognizer
from presidio_analyzer.predefined_recognizers.generic.iban_patterns import regex_per_country

from pii.entities import IBAN_CODE

_SEPARATORS = re.compile(r"[ -]")
_LETTER_VALUES = {
    ord(character): str(value)
    for value, character in enumerate(string.digits + string.ascii_uppercase)
}


class IbanCodeRecognizer(IbanRecognizer):
    """IBANs in any case, spaced or in one run, checked with mod 97 and the country format."""

    # Presidio's base class declares this without ClassVar, so mypy forbids adding it.
    CONTEXT = [  # noqa: RUF012
        "iban",
        "bank",
        "konto",
        "account",
        "überweisung",
        "transfer",
        "lastschrift",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=IBAN_CODE,
            regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE,
        )

    def validate_result(self, pattern_text: str) -> bool:
        iban = _SEPARATORS.sub("", pattern_text).upper()
        return iban_checksum_valid(iban) and _country_format_valid(iban)


def iban_checksum_valid(iban: str) -> bool:
    """ISO 7064 mod 97-10 over a compact, upper-case IBAN."""
    if len(iban) < 5 or not iban.isalnum() or not iban.isascii():
        return False
    rearranged = (iban[4:] + iban[:4]).translate(_LETTER_VALUES)
    return int(rearranged) % 97 == 1


def _country_format_valid(iban: str) -> bool:
    country_format = regex_per_country.get(iban[:2])
    return country_format is not None and re.fullmatch(country_format, iban) is not None
