"""The net under the credential recognizers (pii/recognizers/nearby_secret.py): card security
codes of three or four digits next to a card-code word. All data is fictitious; the card number
is the networks' published test number.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pii import redact
from pii.recognizers.nearby_secret import NearbySecretRecognizer

SpansFound = Callable[..., list[tuple[str, str]]]

CREDENTIAL = "CREDENTIAL"


def pair(name: str, german: str, english: str, *secrets: str) -> list[pytest.ParameterSet]:
    """The same case in German and English, expecting the same secrets."""
    expected = [(CREDENTIAL, secret) for secret in secrets]
    return [
        pytest.param(german, "de", expected, id=f"de-{name}"),
        pytest.param(english, "en", expected, id=f"en-{name}"),
    ]


CARD_CODES = [
    *pair(
        "after-card-and-expiry",
        "Karte 4111 1111 1111 1111, gültig bis 12/27, CVC 123",
        "card 4111 1111 1111 1111, valid until 12/27, CVC 123",
        "123",
    ),
    *pair("cvv-colon", "CVV: 737", "CVV: 737", "737"),
    *pair("cvv2", "CVV2 lautet 737", "CVV2 is 737", "737"),
    *pair("cvc2", "die CVC2 ist 123.", "the CVC2 is 123.", "123"),
    *pair("compound", "CVC-Code 123, gültig bis 12/27", "CVC code 123, valid until 12/27", "123"),
    *pair("amex-cid", "Amex, CID 1234", "Amex, CID 1234", "1234"),
    *pair("value-first", "123 (CVC)", "123 (CVV)", "123"),
    *pair("card-check-number", "Kartenprüfnummer 456", "card security code 456", "456"),
    *pair(
        "check-digits-of-the-card",
        "Die Prüfziffer der Karte ist 456",
        "The security code of the card: 456",
        "456",
    ),
    *pair("security-code", "Sicherheitscode: 456", "security code: 456", "456"),
    *pair(
        "words-between",
        "CVC auf der Rückseite: 123",
        "CVV on the back: 123",
        "123",
    ),
]


@pytest.mark.parametrize(("text", "language", "expected"), CARD_CODES)
def test_card_security_codes_are_credentials(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, NearbySecretRecognizer) == expected


NOT_CARD_CODES = [
    *pair("error-code", "Fehlercode 123", "error code 123"),
    *pair("room", "Raum 123", "room 123"),
    *pair("port", "Port 443", "port 443"),
    *pair("error", "Fehler 809", "error 809"),
    *pair(
        "error-code-beside-card-word",
        "CVC-Prüfung schlägt fehl, Fehlercode 123",
        "CVC check fails, error 809",
    ),
    *pair(
        "room-and-port-beside-card-word",
        "CVV-Abfrage bricht ab, Raum 123, Port 443",
        "CVV prompt aborts, room 123, port 443",
    ),
    *pair(
        "http-status-beside-card-word",
        "CVV-Prüfung: Zahlung abgelehnt, HTTP 402",
        "CVV check: payment declined, HTTP 402",
    ),
    *pair(
        "another-number-between",
        "CVC falsch eingegeben, 3 Versuche, noch 120 Sekunden",
        "CVC wrong, 3 attempts, 120 seconds left",
    ),
    *pair(
        "too-far-from-card-word",
        "Die CVC wurde abgelehnt und danach kam im Shop nur noch 404",
        "the CVC was rejected and after that the shop only showed 404",
    ),
    *pair("three-digit-pin", "PIN 123 geht nicht", "PIN 123 does not work"),
    *pair("five-digits", "CVC 12345", "CVC 12345"),
    *pair("check-digit-elsewhere", "Prüfziffer 123 der IBAN", "check digit 123 of the IBAN"),
]


@pytest.mark.parametrize(("text", "language", "expected"), NOT_CARD_CODES)
def test_three_digit_numbers_elsewhere_are_not_credentials(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, NearbySecretRecognizer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Karte 4111 1111 1111 1111, gültig bis 12/27, CVC 123",
            "Karte <CREDIT_CARD_1>, gültig bis 12/27, CVC <CREDENTIAL_1>",
            id="de",
        ),
        pytest.param(
            "card 4111 1111 1111 1111, valid until 12/27, CVC 123",
            "card <CREDIT_CARD_1>, valid until 12/27, CVC <CREDENTIAL_1>",
            id="en",
        ),
    ],
)
def test_card_and_its_security_code_are_both_redacted(text: str, expected: str) -> None:
    redaction = redact(text)
    assert redaction.text == expected
    assert redaction.removed_credentials is True
