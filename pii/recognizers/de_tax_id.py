"""The German tax identification number (Steuerliche Identifikationsnummer, "Steuer-ID").

Format: eleven digits, the first not 0; in the first ten exactly one digit occurs twice or
three times and every other digit at most once; the last is an ISO 7064 mod 11,10 check digit.
Written in one run ("86095742719") or as the Bundeszentralamt prints it, 2-3-3-3 with spaces
("86 095 742 719").

Presidio's `DeTaxIdRecognizer` allows any digit up to three times (python-stdnum's stricter
rule above is the BZSt's) and scores every checksum-valid run of eleven digits 1.0. About one
random eleven-digit number in 300 passes the stricter rule and the check digit, and such runs
are rare in IT-support text (telephone numbers start with 0 or "+"), so:

- a valid number scores 0.5, enough to be redacted without a context word (a tax id sent to
  the service desk by mistake is worth more than the occasional order number);
- a context word ("Steuer-ID", "Identifikationsnummer", "tax id") raises it to 0.85;
- a number right after a label that names another kind ("Bestellnummer", "Ticket",
  "Telefon", "order no.") is not reported; nor is one glued into a longer number or code.

Not covered: the Steuernummer of the local tax office ("123/456/78901"), a different number.

All numbers in this docstring are fictitious.
"""

from __future__ import annotations

from collections import Counter

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import DeTaxIdRecognizer

from pii.entities import DE_TAX_ID
from pii.recognizers.number_labels import follows_label, number_label

_START = r"(?<![\w.,/+-])(?<!\d )"
_END = r"(?![\w]|[ .,/-]\d)"

_OTHER_NUMBER_LABEL = number_label(
    r"bestell|auftrag|order|rechnung|invoice|ticket|serien|serial|s/n|sn|imei|"
    r"tracking|sendung|kunden|customer|vertrag|contract|artikel|article|ean|inventar|asset|"
    r"beleg|referenz|reference|vorgang|case|tel|telefon|phone|handy|mobil|fax|version|build|"
    r"konto|account|personal|mitarbeiter|employee",
    abbreviated=True,
)


class TaxIdRecognizer(DeTaxIdRecognizer):
    """Steuer-IDs in one run or grouped 2-3-3-3, checked with the BZSt's rules."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern("Steuer-ID in one run", rf"{_START}[1-9]\d{{10}}{_END}", 0.5),
        Pattern("Steuer-ID grouped 2-3-3-3", rf"{_START}[1-9]\d(?: \d{{3}}){{3}}{_END}", 0.5),
    ]

    CONTEXT = [  # noqa: RUF012
        "steuer-id",
        "steuerid",
        "steuer-idnr",
        "steueridentifikationsnummer",
        "identifikationsnummer",
        "idnr",
        "id-nr",
        "steuernummer",
        "steuerliche",
        "lohnsteuer",
        "einkommensteuer",
        "finanzamt",
        "bzst",
        "elster",
        "tax",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=DE_TAX_ID,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """False when the number breaks the rules; None (keep the pattern's 0.5) when it
        keeps them, because True would raise it to 1.0 without any context."""
        return None if tax_id_valid(pattern_text.replace(" ", "")) else False

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


def tax_id_valid(number: str) -> bool:
    """The BZSt's rules for an eleven-digit Steuer-ID (digit counts and check digit)."""
    if len(number) != 11 or not number.isdigit() or not number.isascii() or number[0] == "0":
        return False
    repeated = [count for count in Counter(number[:10]).values() if count > 1]
    if len(repeated) != 1 or repeated[0] not in (2, 3):
        return False
    return int(number[10]) == tax_id_check_digit(number[:10])


def tax_id_check_digit(first_ten: str) -> int:
    """ISO 7064 mod 11,10 check digit over the first ten digits."""
    product = 10
    for character in first_ten:
        total = (int(character) + product) % 10 or 10
        product = total * 2 % 11
    check = 11 - product
    return 0 if check == 10 else check
