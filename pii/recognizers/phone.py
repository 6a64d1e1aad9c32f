"""Telephone numbers: German, Austrian, Swiss, British and US formats, and any number with "+".

Presidio's `PhoneRecognizer` (libphonenumber's matcher at leniency VALID) finds the numbers; this
recognizer scores them by how they are written, because IT-support text is full of digit runs
that are valid telephone numbers by length alone (order numbers, serials, build numbers):

- international form, "+" or "00" ("+49 171 2345678", "+49 (0)30 1234567",
  "0041 44 668 18 00", "+1 415 555 0132"): 0.75;
- national form with the trunk "0" and separators ("0711 123456-42", "0711/98765-0",
  "(030) 1234567", "044 668 18 00", "020 7946 0958"): 0.6;
- a national mobile number in one run ("01712345678"): 0.5;
- a national fixed-line number in one run ("07111234567") and a US number without "+1"
  ("(415) 555-0132", "415-555-0132"): 0.4, so a context word is needed ("Telefon", "Handy",
  "Rufnummer", "erreichbar", "phone", "mobile", and, checked here because Presidio's substring
  match cannot, "Tel.", "Fax", "call me at", "meine Nummer", "my number");
- a number without "+", "00" or "0" in one run ("2024001234", an order number as often as a US
  number): not reported.

A number right after a label that names another kind of number ("Ticket", "Bestellnummer",
"Seriennummer", "Version", "order no.") is not reported unless it is written in international
form, nor is one glued to a word ("REQ-2024-0815", "KB5034441"). An attached extension stays in
the span ("0711 123456-4711"); bare extensions are `PhoneExtensionRecognizer`'s.

All numbers in this docstring are fictitious.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from pii.entities import PHONE_NUMBER
from pii.recognizers.number_labels import number_label

# Regions whose national formats are recognised, in order of priority (a number in one run is
# read as the first region's); any region's numbers are found with "+" or "00".
PHONE_REGIONS = ("DE", "AT", "CH", "GB", "US")

INTERNATIONAL_SCORE = 0.75
NATIONAL_FORMATTED_SCORE = 0.6
NATIONAL_MOBILE_SCORE = 0.5
NEEDS_CONTEXT_SCORE = 0.4
CONTEXT_BOOST = 0.35  # what Presidio's enhancer adds for a context word

# Valid numbers of a region, written in any way (POSSIBLE would take any digit run).
_LENIENCY = phonenumbers.Leniency.VALID

# How much text before a number is searched for a label or an abbreviation.
_WINDOW = 48

# "Bestellnummer: 0711123456", "Ticket #…", "Version …": the number is something else.
_OTHER_NUMBER_LABEL = number_label(
    r"ticket|incident|bestell|auftrag|order|rechnung|invoice|kunden|customer|serien|"
    r"serial|s/n|sn|inventar|asset|artikel|article|item|vertrag|contract|sendung|tracking|"
    r"vorgang|referenz|reference|imei|iccid|personal|mitarbeiter|employee|version|build|"
    r"port|fehler|error|kb|beleg|kostenstelle|konto|account|iban|bic|blz|plz|ean|sku"
)

# Cues that Presidio's context match cannot see: abbreviations too short to match as substrings
# ("tel" is in "bestellen"), stop words ("call me at") and "Nummer" with a possessive
# (as a substring it would be in "Seriennummer").
_PHONE_CUE = re.compile(
    r"(?i)(?:\b(?:tel|tel\.?-?nr|fon|mob|ph|fax)\.?\s{0,3}[:=]?"
    r"|\bcall(?:\s{1,3}(?:me|us|him|her|them))?(?:\s{1,3}(?:at|on|under))?"
    r"|\b(?:meine|unsere|seine|ihre|my|our|his|her)\s{1,3}(?:nummer|number)"
    r"(?:\s{1,3}(?:ist|lautet|is))?\s{0,3}:?)\s{0,3}$"
)

# A match glued to a word or code on either side belongs to something else.
_GLUED_BEFORE = re.compile(r"(?:\w|\w[-/#_]|\d\.)$")
_GLUED_AFTER = re.compile(r"^(?:\w|[-/.,_]\w)")


class PhoneNumberRecognizer(PhoneRecognizer):
    """Telephone numbers, scored by their written form; other numbers' labels veto national ones."""

    # Presidio's base class declares this without ClassVar, so mypy forbids adding it.
    CONTEXT = [  # noqa: RUF012
        "telefon",
        "phone",
        "handy",
        "mobil",
        "festnetz",
        "landline",
        "ruf",  # Rufnummer, anrufen, Rückruf, "ruf mich an"
        "erreichbar",
        "reachable",
        "call",
        "cell",
        "fax",
        "whatsapp",
        "sms",
        "durchwahl",
    ]

    def __init__(
        self,
        *,
        supported_language: str = "en",
        supported_regions: Sequence[str] = PHONE_REGIONS,
    ) -> None:
        super().__init__(
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=PHONE_NUMBER,
            supported_regions=tuple(supported_regions),
            leniency=_LENIENCY,
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and PHONE_NUMBER not in entities:
            return []
        results: list[RecognizerResult] = []
        for region in self.supported_regions:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=_LENIENCY):
                result = self._scored(text, match)
                if result is not None:
                    results.append(result)
        # "+44 7700 900456": a written "+" already says telephone number, so numbers
        # that are merely possible count too (fictitious ranges, ranges newer than the metadata).
        for match in phonenumbers.PhoneNumberMatcher(
            text, self.supported_regions[0], leniency=phonenumbers.Leniency.POSSIBLE
        ):
            before = text[max(0, match.start - 1) : match.start]
            if match.raw_string.startswith("+") and not before.strip("(: \t\n"):
                result = self._scored(text, match)
                if result is not None:
                    results.append(result)
        return EntityRecognizer.remove_duplicates(results)

    def _scored(self, text: str, match: phonenumbers.PhoneNumberMatch) -> RecognizerResult | None:
        before = text[max(0, match.start - _WINDOW) : match.start]
        if _GLUED_BEFORE.search(before) or _GLUED_AFTER.search(text[match.end : match.end + 2]):
            return None
        score = written_form_score(match.raw_string, regions=self.supported_regions)
        if score == 0.0 or (score < INTERNATIONAL_SCORE and _OTHER_NUMBER_LABEL.search(before)):
            return None
        metadata: dict[str, object] = {}
        if score < INTERNATIONAL_SCORE and _PHONE_CUE.search(before):
            # The boost Presidio's enhancer would give; the flag makes the enhancer skip it.
            score = max(score + CONTEXT_BOOST, NEEDS_CONTEXT_SCORE)
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        region = phonenumbers.region_code_for_number(match.number)
        return RecognizerResult(
            entity_type=PHONE_NUMBER,
            start=match.start,
            end=match.end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=type(self).__name__,
                original_score=score,
                textual_explanation=f"telephone number of region {region}",
            ),
            # The analyzer adds this recognizer's name and id.
            recognition_metadata=metadata,
        )


def written_form_score(raw: str, *, regions: Sequence[str]) -> float:
    """How sure the written form alone makes us that `raw` is a telephone number (0: not)."""
    unbracketed = raw.lstrip("(")
    if unbracketed.startswith(("+", "00")):
        return INTERNATIONAL_SCORE
    in_one_run = raw.isdigit()
    if unbracketed.startswith("0"):
        if not in_one_run:
            return NATIONAL_FORMATTED_SCORE
        if _number_type(raw, regions=regions) == phonenumbers.PhoneNumberType.MOBILE:
            return NATIONAL_MOBILE_SCORE
        return NEEDS_CONTEXT_SCORE
    return 0.0 if in_one_run else NEEDS_CONTEXT_SCORE


def _number_type(raw: str, *, regions: Sequence[str]) -> int | None:
    """The kind of number `raw` is in the first of `regions` where it is valid: "07111234567"
    is a Stuttgart landline in Germany and would be a mobile number in Britain."""
    for region in regions:
        number = phonenumbers.parse(raw, region)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.number_type(number)
    return None
