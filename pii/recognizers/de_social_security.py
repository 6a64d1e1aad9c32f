"""The German social-security (pension insurance) number, Versicherungsnummer / SV-Nummer.

Format, twelve characters: two digits area number, the birth date DDMMYY (day 01–31, or 51–81
for a second person with the same data), the first letter of the birth name, two digits serial
number, one check digit (VKVV § 4: the letter as two digits, weights 2 1 2 5 7 1 2 1 2 1 2 1,
cross sums, mod 10). Written in one run ("15070649C103") or grouped as on the
Sozialversicherungsausweis ("15 070649 C 103"), the letter in either case.

Presidio's `DeSocialSecurityRecognizer` matches the run only; this one allows the spaces of
the printed form and drops Presidio's relaxed pattern (its matches need the same date and
check digit to pass). The birth date, the letter and the check digit together make a match
unambiguous, so a valid number scores 1.0 with or without a context word.

All numbers in this docstring are fictitious.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import DeSocialSecurityRecognizer

from pii.entities import DE_SOCIAL_SECURITY

_DAY = r"(?:0[1-9]|[12]\d|3[01]|5[1-9]|[67]\d|8[01])"
_MONTH = r"(?:0[1-9]|1[0-2])"


class SocialSecurityNumberRecognizer(DeSocialSecurityRecognizer):
    """Versicherungsnummern in one run or grouped 2-6-1-3, checked with VKVV § 4."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern(
            "Versicherungsnummer",
            rf"(?<![\w-])\d{{2}} ?{_DAY}{_MONTH}\d{{2}} ?[A-Za-z] ?\d{{3}}(?![\w-])",
            0.5,
        ),
    ]

    CONTEXT = [  # noqa: RUF012
        "sozialversicherung",
        "versicherungsnummer",
        "rentenversicherung",
        "sv-nummer",
        "svnr",
        "rvnr",
        "sv-ausweis",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=DE_SOCIAL_SECURITY,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return super().validate_result(re.sub(r"\s", "", pattern_text))
