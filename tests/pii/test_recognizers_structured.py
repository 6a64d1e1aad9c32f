"""The structured recognizers: telephone numbers and extensions, IP and MAC addresses, payment
cards, IBANs, Steuer-IDs, SV-Nummern and ID documents (pii/recognizers/). All run together, so
each table also checks that they do not report each other's values. All data is fictitious;
card numbers and IBANs are the networks' and banks' published test numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pii.recognizers.credit_card import CreditCardNumberRecognizer, luhn_valid
from pii.recognizers.de_social_security import SocialSecurityNumberRecognizer
from pii.recognizers.de_tax_id import TaxIdRecognizer, tax_id_valid
from pii.recognizers.iban import IbanCodeRecognizer, iban_checksum_valid
from pii.recognizers.id_document import IdDocumentRecognizer, icao_check_digit
from pii.recognizers.ip_address import IpAddressRecognizer
from pii.recognizers.mac_address import HardwareAddressRecognizer
from pii.recognizers.phone import (
    INTERNATIONAL_SCORE,
    NATIONAL_FORMATTED_SCORE,
    NATIONAL_MOBILE_SCORE,
    NEEDS_CONTEXT_SCORE,
    PHONE_REGIONS,
    PhoneNumberRecognizer,
    written_form_score,
)
from pii.recognizers.phone_extension import PhoneExtensionRecognizer

SpansFound = Callable[..., list[tuple[str, str]]]

STRUCTURED = (
    PhoneNumberRecognizer,
    PhoneExtensionRecognizer,
    IpAddressRecognizer,
    HardwareAddressRecognizer,
    CreditCardNumberRecognizer,
    IbanCodeRecognizer,
    TaxIdRecognizer,
    SocialSecurityNumberRecognizer,
    IdDocumentRecognizer,
)

PHONE = "PHONE_NUMBER"
IP = "IP_ADDRESS"
MAC = "MAC_ADDRESS"
CARD = "CREDIT_CARD"
IBAN = "IBAN_CODE"
TAX = "DE_TAX_ID"
SSN = "DE_SOCIAL_SECURITY"
ID = "ID_DOCUMENT"


def pair(
    name: str, german: str, english: str, *expected: tuple[str, str]
) -> list[pytest.ParameterSet]:
    """The same case in German and English, expecting the same spans."""
    return [
        pytest.param(german, "de", list(expected), id=f"de-{name}"),
        pytest.param(english, "en", list(expected), id=f"en-{name}"),
    ]


FOUND = [
    # Telephone numbers
    *pair(
        "stuttgart-extension",
        "Ruf mich an: 0711 123456-42",
        "My number: 0711 123456-42",
        (PHONE, "0711 123456-42"),
    ),
    *pair(
        "slash-extension",
        "Zentrale 0711/98765-0",
        "switchboard 0711/98765-0",
        (PHONE, "0711/98765-0"),
    ),
    *pair(
        "long-extension",
        "Direkt: 0711 123456-4711",
        "direct line 0711 123456-4711",
        (PHONE, "0711 123456-4711"),
    ),
    *pair(
        "berlin-trunk-in-brackets",
        "Festnetz +49 (0)30 1234567",
        "landline +49 (0)30 1234567",
        (PHONE, "+49 (0)30 1234567"),
    ),
    *pair(
        "mobile-international",
        "Handy +49 171 2345678",
        "mobile +49 171 2345678",
        (PHONE, "+49 171 2345678"),
    ),
    *pair("mobile-national", "oder 0171-2345678", "or 0171-2345678", (PHONE, "0171-2345678")),
    *pair("mobile-one-run", "sonst 01711234567", "else 01711234567", (PHONE, "01711234567")),
    *pair(
        "vienna", "Wien: +43 1 234 5678", "Vienna office: +43 1 234 5678", (PHONE, "+43 1 234 5678")
    ),
    *pair(
        "zurich-international",
        "Zürich +41 44 668 18 00",
        "Zurich +41 44 668 18 00",
        (PHONE, "+41 44 668 18 00"),
    ),
    *pair(
        "zurich-national", "Zürich 044 668 18 00", "Zurich 044 668 18 00", (PHONE, "044 668 18 00")
    ),
    *pair(
        "zurich-00",
        "Nummer 0041 44 668 18 00",
        "number 0041 44 668 18 00",
        (PHONE, "0041 44 668 18 00"),
    ),
    *pair(
        "london", "London +44 20 7946 0958", "London +44 20 7946 0958", (PHONE, "+44 20 7946 0958")
    ),
    *pair(
        "san-francisco",
        "Büro USA +1 415 555 0132",
        "US office +1 415 555 0132",
        (PHONE, "+1 415 555 0132"),
    ),
    *pair(
        "us-national-needs-context",
        "Telefon USA: (415) 555-0132",
        "phone: (415) 555-0132",
        (PHONE, "(415) 555-0132"),
    ),
    *pair(
        "landline-one-run-with-word",
        "Meine Nummer ist 07111234567",
        "my number is 07111234567",
        (PHONE, "07111234567"),
    ),
    *pair(
        "landline-one-run-with-tel", "Tel. 07111234567", "Tel.: 07111234567", (PHONE, "07111234567")
    ),
    *pair(
        "landline-one-run-with-call",
        "Bitte um Rückruf unter 07111234567",
        "call me at 07111234567",
        (PHONE, "07111234567"),
    ),
    # Extensions
    *pair("extension-dash", "Meine Durchwahl -4711", "my extension -4711", (PHONE, "-4711")),
    *pair("extension-short-word", "DW 4711", "ext. 4711", (PHONE, "4711")),
    *pair(
        "extension-with-verb", "Meine Durchwahl ist 4711", "my extension is 4711", (PHONE, "4711")
    ),
    *pair("extension-internal", "Tel. intern 2345", "internal number 2345", (PHONE, "2345")),
    *pair("extension-two-digits", "Nebenstelle 23", "ext 23", (PHONE, "23")),
    *pair(
        "extension-reachable",
        "Ich bin erreichbar unter 4711.",
        "I am reachable at 4711.",
        (PHONE, "4711"),
    ),
    *pair(
        "extension-word-after", "4711 ist meine Durchwahl", "4711 is my extension", (PHONE, "4711")
    ),
    *pair(
        "extension-not-the-room",
        "Raum 4711, Durchwahl -4712",
        "room 4711, extension -4712",
        (PHONE, "-4712"),
    ),
    # IP addresses
    *pair(
        "ipv4-private",
        "Meine IP ist 192.168.178.24.",
        "My IP is 192.168.178.24.",
        (IP, "192.168.178.24"),
    ),
    *pair("ipv4-prefix", "Netz 10.0.0.1/24", "network 10.0.0.1/24", (IP, "10.0.0.1/24")),
    *pair(
        "ipv4-in-url",
        "unter http://10.0.0.5:8080/login",
        "at http://10.0.0.5:8080/login",
        (IP, "10.0.0.5"),
    ),
    *pair(
        "ipv6-compressed-zone",
        "IPv6 fe80::1c2b:3aff:fe4d:9e01%eth0",
        "IPv6 fe80::1c2b:3aff:fe4d:9e01%eth0",
        (IP, "fe80::1c2b:3aff:fe4d:9e01%eth0"),
    ),
    *pair(
        "ipv6-full",
        "Adresse 2001:0db8:0000:0000:0000:ff00:0042:8329",
        "address 2001:0db8:0000:0000:0000:ff00:0042:8329",
        (IP, "2001:0db8:0000:0000:0000:ff00:0042:8329"),
    ),
    *pair(
        "ipv6-household-prefix",
        "Präfix 2001:db8:5600::/56",
        "prefix 2001:db8:5600::/56",
        (IP, "2001:db8:5600::/56"),
    ),
    *pair(
        "ipv4-in-ipv6",
        "Client ::ffff:192.0.2.10",
        "client ::ffff:192.0.2.10",
        (IP, "::ffff:192.0.2.10"),
    ),
    *pair(
        "ipv6-not-a-mac",
        "Adresse fe80::12:34:56:78:9a:bc",
        "address fe80::12:34:56:78:9a:bc",
        (IP, "fe80::12:34:56:78:9a:bc"),
    ),
    # MAC addresses
    *pair(
        "mac-colons", "MAC 3C:52:82:1A:7F:0B", "MAC 3C:52:82:1A:7F:0B", (MAC, "3C:52:82:1A:7F:0B")
    ),
    *pair(
        "mac-hyphens",
        "Adapter 3c-52-82-1a-7f-0b",
        "adapter 3c-52-82-1a-7f-0b",
        (MAC, "3c-52-82-1a-7f-0b"),
    ),
    *pair(
        "mac-cisco",
        "Switch-Port zeigt 3c52.821a.7f0b",
        "switch port shows 3c52.821a.7f0b",
        (MAC, "3c52.821a.7f0b"),
    ),
    *pair(
        "mac-one-run-in-context",
        "MAC-Adresse: 3C52821A7F0B",
        "MAC address: 3C52821A7F0B",
        (MAC, "3C52821A7F0B"),
    ),
    *pair(
        "mac-digits-in-context",
        "MAC: 12-34-56-78-90-12",
        "MAC: 12-34-56-78-90-12",
        (MAC, "12-34-56-78-90-12"),
    ),
    # Payment cards
    *pair(
        "visa-spaced",
        "Kreditkarte 4111 1111 1111 1111",
        "credit card 4111 1111 1111 1111",
        (CARD, "4111 1111 1111 1111"),
    ),
    *pair(
        "mastercard-dashed",
        "Karte 5555-5555-5555-4444",
        "card 5555-5555-5555-4444",
        (CARD, "5555-5555-5555-4444"),
    ),
    *pair(
        "mastercard-2-series",
        "bezahlt mit 2223 0031 2200 3222",
        "paid with 2223 0031 2200 3222",
        (CARD, "2223 0031 2200 3222"),
    ),
    *pair(
        "visa-expiry-follows",
        "Karte 4111 1111 1111 1111 12/27",
        "card 4111 1111 1111 1111 12/27",
        (CARD, "4111 1111 1111 1111"),
    ),
    *pair("amex", "Amex 3782 822463 10005", "Amex 3782 822463 10005", (CARD, "3782 822463 10005")),
    *pair(
        "visa-one-run",
        "Nummer 4111111111111111",
        "number 4111111111111111",
        (CARD, "4111111111111111"),
    ),
    *pair(
        "visa-19",
        "Karte 4111 1111 1111 1111 110",
        "card 4111 1111 1111 1111 110",
        (CARD, "4111 1111 1111 1111 110"),
    ),
    *pair(
        "visa-13-in-context",
        "Visa 4222222222222",
        "Visa card 4222222222222",
        (CARD, "4222222222222"),
    ),
    # IBANs
    *pair(
        "iban-de-spaced",
        "IBAN DE89 3704 0044 0532 0130 00",
        "IBAN DE89 3704 0044 0532 0130 00",
        (IBAN, "DE89 3704 0044 0532 0130 00"),
    ),
    *pair(
        "iban-lower-case",
        "Konto de89370400440532013000",
        "account de89370400440532013000",
        (IBAN, "de89370400440532013000"),
    ),
    *pair(
        "iban-at",
        "Überweisung an AT61 1904 3002 3457 3201",
        "transfer to AT61 1904 3002 3457 3201",
        (IBAN, "AT61 1904 3002 3457 3201"),
    ),
    *pair(
        "iban-ch",
        "Konto CH93 0076 2011 6238 5295 7",
        "account CH93 0076 2011 6238 5295 7",
        (IBAN, "CH93 0076 2011 6238 5295 7"),
    ),
    *pair(
        "iban-gb-one-run",
        "IBAN GB29NWBK60161331926819",
        "IBAN GB29NWBK60161331926819",
        (IBAN, "GB29NWBK60161331926819"),
    ),
    *pair(
        "iban-fr-it",
        "FR1420041010050500013M02606 oder IT60X0542811101000000123456",
        "FR1420041010050500013M02606 or IT60X0542811101000000123456",
        (IBAN, "FR1420041010050500013M02606"),
        (IBAN, "IT60X0542811101000000123456"),
    ),
    *pair(
        "iban-then-number",
        "DE89370400440532013000 2 Tage",
        "DE89370400440532013000 2 days",
        (IBAN, "DE89370400440532013000"),
    ),
    # Steuer-ID
    *pair(
        "tax-id-in-context",
        "Meine Steuer-ID ist 57193024565.",
        "My tax ID is 57193024565.",
        (TAX, "57193024565"),
    ),
    *pair(
        "tax-id-grouped",
        "Identifikationsnummer 47 392 018 463",
        "tax ID: 47 392 018 463",
        (TAX, "47 392 018 463"),
    ),
    *pair(
        "tax-id-bare",
        "Bitte 26495031721 eintragen",
        "please enter 26495031721",
        (TAX, "26495031721"),
    ),
    # Versicherungsnummer
    *pair(
        "ssn-one-run",
        "SV-Nummer 65170839J003",
        "social security no. 65170839J003",
        (SSN, "65170839J003"),
    ),
    *pair(
        "ssn-grouped",
        "Versicherungsnummer 65 170839 J 003",
        "number 65 170839 J 003",
        (SSN, "65 170839 J 003"),
    ),
    *pair(
        "ssn-lower-case-letter", "SV-Nr. 12010185m121", "SSN 12010185m121", (SSN, "12010185m121")
    ),
    # ID documents
    *pair(
        "id-card", "Personalausweisnummer L01X00T47", "ID card number L01X00T47", (ID, "L01X00T47")
    ),
    *pair("passport", "Reisepass C01X00T47", "passport C01X00T47", (ID, "C01X00T47")),
    *pair(
        "id-card-check-digit",
        "Ausweis-Nr.: L01X00T471",
        "identity card L01X00T471",
        (ID, "L01X00T471"),
    ),
    *pair(
        "id-word-after",
        "L01X00T47 ist meine Ausweisnummer",
        "L01X00T47 is my passport number",
        (ID, "L01X00T47"),
    ),
    *pair("id-short-label", "Ausweis: L01X00T47", "passport: L01X00T47", (ID, "L01X00T47")),
    # Several in one message
    *pair(
        "mixed",
        "Tel. 0711 123456-42, IBAN DE89 3704 0044 0532 0130 00, IP 10.1.2.3",
        "Tel. 0711 123456-42, IBAN DE89 3704 0044 0532 0130 00, IP 10.1.2.3",
        (PHONE, "0711 123456-42"),
        (IBAN, "DE89 3704 0044 0532 0130 00"),
        (IP, "10.1.2.3"),
    ),
]


@pytest.mark.parametrize(("text", "language", "expected"), FOUND)
def test_finds_structured_data(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, *STRUCTURED) == expected


NOT_PERSONAL = [
    # Error codes
    *pair("hresult", "Fehler 0x80070005 beim Update", "error 0x80070005 during the update"),
    *pair("entra-error", "AADSTS50076 bei der Anmeldung", "AADSTS50076 at sign-in"),
    *pair("msi-error", "Fehler 1603 im Installer", "error 1603 in the installer"),
    *pair("event-id", "Ereignis-ID 4625, Fehlercode 0xC004F074", "event ID 4625, code 0xC004F074"),
    # Versions and builds
    *pair("office-build", "Office-Version 16.0.17928.20114", "Office version 16.0.17928.20114"),
    *pair("windows-build", "Windows 10.0.22631.3296", "Windows 10.0.22631.3296"),
    *pair("three-part-version", "Version 4.2.1", "version 4.2.1"),
    *pair("ipv4-shaped-version", "Version 1.2.3.4", "version 1.2.3.4"),
    *pair("ipv4-shaped-firmware", "Firmware 1.2.3.4, v10.0.0.1", "firmware 1.2.3.4, v10.0.0.1"),
    *pair("driver-version", "Treiberversion 10.0.0.5", "driver version 10.0.0.5"),
    *pair("five-part-version", "Stand 1.2.3.4.5", "release 1.2.3.4.5"),
    *pair(
        "app-builds",
        "Teams 24033.813.2773.520, Chrome 122.0.6261.112",
        "Teams 24033.813.2773.520, Chrome 122.0.6261.112",
    ),
    # Tickets, KB articles, orders, serials
    *pair("incident", "Ticket INC0012345", "ticket INC0012345"),
    *pair("ticket-hash", "Ticket #48213", "ticket #48213"),
    *pair("request", "Antrag REQ-2024-0815", "request REQ-2024-0815"),
    *pair("kb", "KB5034441 installieren", "install KB5034441"),
    *pair("order-ten-digits", "Bestellnummer 4500123456", "order no. 4500123456"),
    *pair("invoice-us-shaped", "Rechnung 2024001234", "invoice 2024001234"),
    *pair("customer-number-phone-shaped", "Kundennummer 02131 234567", "customer no. 02131 234567"),
    *pair("order-16-digits-luhn-fails", "Auftrag 4500123456789013", "order 4500123456789013"),
    *pair("grouped-16-digits-luhn-fails", "Code 4500 1234 5678 9013", "code 4500 1234 5678 9013"),
    *pair(
        "order-16-digits-luhn-passes",
        "Bestellnummer 4500123456789012",
        "order number 4500123456789012",
    ),
    *pair("tax-id-shaped-order", "Bestellnummer 57193024565", "order no. 57193024565"),
    *pair("tax-id-shaped-ticket", "Ticket 47 392 018 463", "ticket 47 392 018 463"),
    *pair("serial", "Seriennummer 5CG1234XYZ", "serial number 5CG1234XYZ"),
    *pair("contract", "Vertragsnummer 2024-0815-001", "contract 2024-0815-001"),
    *pair("tracking", "Sendungsnummer 00340434161234567890", "tracking 00340434161234567890"),
    *pair("isbn", "ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0"),
    # Printers and hostnames
    *pair(
        "printers",
        "Drucker HP LaserJet M404dn, HP LJ 400, Kyocera TASKalfa 3253ci",
        "printers HP LaserJet M404dn, HP LJ 400, Kyocera TASKalfa 3253ci",
    ),
    *pair(
        "hostnames",
        "Server srv-dc01, fs02.corp.local, PC-BUCH-014, NB-4711",
        "servers srv-dc01, fs02.corp.local, PC-BUCH-014, NB-4711",
    ),
    *pair("hostname-after-extension-word", "Durchwahl NB-4711", "extension NB-4711"),
    # Rooms, floors, ports, sizes, amounts, times, dates
    *pair("rooms", "Raum 3.14 im OG 3, 2. Stock", "room 3.14 on floor 3, 2nd floor"),
    *pair("room-number", "Raum 4711", "room 4711"),
    *pair(
        "ports-and-sizes",
        "Port 8443, 16 GB RAM, 512 GB SSD, 250 MB/s",
        "port 8443, 16 GB RAM, 512 GB SSD, 250 MB/s",
    ),
    *pair("amounts", "1.234,56 EUR und 1.500.000.000 €", "$1,234.56 and EUR 12,500.00"),
    *pair(
        "times-and-dates",
        "am 12.03.2024 um 14:30:45 Uhr, bis 2024-06-30",
        "on 03/12/2024 at 14:30:45, until 2024-06-30",
    ),
    # Near misses of each format
    *pair("landline-one-run-without-word", "Referenz 07111234567", "reference 07111234567"),
    *pair("mac-digits-without-word", "Code 12-34-56-78-90-12", "code 12-34-56-78-90-12"),
    *pair("mac-one-run-without-word", "Hash 3C52821A7F0B", "hash 3C52821A7F0B"),
    *pair("ipv6-unspecified", "Adresse :: ist leer", "address :: is empty"),
    *pair("hex-scope", "Abc::Def aufrufen", "call Abc::Def"),
    *pair("leading-zero-octets", "010.001.002.003", "010.001.002.003"),
    *pair(
        "iban-wrong-check-digits",
        "IBAN DE88 3704 0044 0532 0130 00",
        "IBAN DE88 3704 0044 0532 0130 00",
    ),
    *pair("visa-13-without-word", "EAN 4222222222222", "EAN 4222222222222"),
    *pair("tax-id-check-digit-wrong", "Steuer-ID 57193024566", "tax ID 57193024566"),
    *pair("tax-id-no-repeated-digit", "Steuer-ID 12345678903", "tax ID 12345678903"),
    *pair("ssn-check-digit-wrong", "SV-Nummer 65170839J004", "SSN 65170839J004"),
    *pair("ssn-month-13", "SV-Nummer 65171339J003", "SSN 65171339J003"),
    *pair("id-number-without-word", "Asset-Tag L01X00T47", "asset tag L01X00T47"),
    *pair("id-number-after-password", "Passwort: L01X00T47", "password: L01X00T47"),
    *pair("id-number-wrong-check-digit", "Ausweis L01X00T472", "ID card L01X00T472"),
    *pair(
        "id-shaped-hostname-near-badge",
        "Am PC4711MKT klappt die Anmeldung mit dem Ausweis nicht",
        "badge login fails on PC4711MKT",
    ),
    *pair("id-badge-is-no-id-card", "Dienstausweis L01X00T47", "staff badge L01X00T47"),
    *pair(
        "bitlocker",
        "BitLocker-Schlüssel 123456-234567-345678-456789-567890-678901-789012-890123",
        "BitLocker key 123456-234567-345678-456789-567890-678901-789012-890123",
    ),
    *pair(
        "guid",
        "GUID {3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
        "GUID {3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
    ),
    *pair(
        "product-key",
        "Produktschlüssel XXXXX-XXXXX-XXXXX-XXXXX-XXXXX",
        "product key XXXXX-XXXXX-XXXXX-XXXXX-XXXXX",
    ),
    *pair(
        "extension-word-elsewhere",
        "Chrome-Erweiterung ext4 auf NB-4711",
        "ext4 file system on NB-4711",
    ),
]


@pytest.mark.parametrize(("text", "language", "expected"), NOT_PERSONAL)
def test_leaves_it_support_data_alone(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, *STRUCTURED) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("+49 171 2345678", INTERNATIONAL_SCORE, id="plus"),
        pytest.param("0041 44 668 18 00", INTERNATIONAL_SCORE, id="double-zero"),
        pytest.param("0711 123456-42", NATIONAL_FORMATTED_SCORE, id="national-formatted"),
        pytest.param("(030) 1234567", NATIONAL_FORMATTED_SCORE, id="national-brackets"),
        pytest.param("01711234567", NATIONAL_MOBILE_SCORE, id="mobile-one-run"),
        pytest.param("07111234567", NEEDS_CONTEXT_SCORE, id="landline-one-run-not-uk-mobile"),
        pytest.param("415-555-0132", NEEDS_CONTEXT_SCORE, id="us-without-country-code"),
        pytest.param("2024001234", 0.0, id="ten-digits-one-run"),
    ],
)
def test_phone_scores_follow_the_written_form(raw: str, expected: float) -> None:
    assert written_form_score(raw, regions=PHONE_REGIONS) == expected


def test_phone_regions_are_configurable() -> None:
    text = "London 020 7946 0958"
    everywhere = PhoneNumberRecognizer(supported_language="en")
    germany_only = PhoneNumberRecognizer(supported_language="en", supported_regions=("DE",))
    assert everywhere.analyze(text, []) != []
    assert germany_only.analyze(text, []) == []


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("378282246310005", True), ("4111111111111112", False)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [("DE89370400440532013000", True), ("DE88370400440532013000", False), ("DE89", False)],
)
def test_iban_checksum(iban: str, valid: bool) -> None:
    assert iban_checksum_valid(iban) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("57193024565", True, id="one-digit-twice"),
        pytest.param("86095742719", True, id="presidio-example"),
        pytest.param("57193024566", False, id="check-digit"),
        pytest.param("12345678903", False, id="no-digit-repeated"),
        pytest.param("11223344553", False, id="several-digits-repeated"),
        pytest.param("07193024565", False, id="leading-zero"),
    ],
)
def test_tax_id_rules(number: str, valid: bool) -> None:
    assert tax_id_valid(number) is valid


def test_icao_check_digit_of_the_specimens() -> None:
    # The MRZ of the specimen ID card reads "L01X00T471", of the specimen passport "C01X00T478".
    assert icao_check_digit("L01X00T47") == 1
    assert icao_check_digit("C01X00T47") == 8


HOSTILE = {
    "digits": "1" * 2000,
    "digit-cycle": "0123456789" * 200,
    "one-letter": "a" * 2000,
    "one-dot": "1." * 1000,
    "at-signs": "a@" * 1000,
    "colons": ":" * 2000,
    "hex-run": "0123456789abcdef" * 125,
    "hex-pairs-colons": "ab:" * 667,
    "hex-pairs-hyphens": "3c-" * 667,
    "hex-quads-dots": "3c52." * 400,
    "ipv6-prefixes": "fe80::" * 334,
    "octets": "10.0.0." * 286,
    "spaced-digits": "1 " * 1000,
    "dashed-digits": "1-" * 1000,
    "plus-prefixes": "+49 " * 500,
    "card-groups": "4111 " * 400,
    "iban-heads": "DE89 " * 400,
    "extension-words": "Durchwahl -" * 182,
    "emoji-rtl": "😀\u202eשלום" * 334,
}


@pytest.mark.timeout(10)
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_finishes_and_finds_nothing(
    spans_found: SpansFound, text: str, language: str
) -> None:
    assert spans_found(text[:2000], language, *STRUCTURED) == []


# Subnet masks and networks name no host (see pii/recognizers/ip_address.py).
ADDRESS, MASK_OR_NETWORK = True, False
MASKS_AND_NETWORKS = [
    *pair(
        "subnet-mask",
        "Subnetz 255.255.255.0",
        "subnet 255.255.255.0",
    ),
    *pair("netmask", "Netzmaske 255.255.0.0", "netmask 255.255.0.0"),
    *pair("mask-slash-30", "Maske 255.255.255.252", "mask 255.255.255.252"),
    *pair("network-slash-8", "Netz 10.0.0.0/8", "network 10.0.0.0/8"),
    *pair("network-slash-16", "Route nach 192.168.0.0/16", "route to 192.168.0.0/16"),
    *pair("ipv6-link-local-network", "Link-Local fe80::/10", "link-local fe80::/10"),
    *pair("default-route", "Standardroute 0.0.0.0/0", "default route 0.0.0.0/0"),
]


@pytest.mark.parametrize(("text", "language", "expected"), MASKS_AND_NETWORKS)
def test_masks_and_networks_are_not_addresses(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, *STRUCTURED) == expected


HOSTS_BESIDE_MASKS = [
    *pair(
        "host-with-prefix",
        "Mein Rechner hat 192.168.178.23/24",
        "my computer has 192.168.178.23/24",
        (IP, "192.168.178.23/24"),
    ),
    *pair(
        "host-and-mask",
        "IP 192.168.178.23, Subnetz 255.255.255.0, Gateway 192.168.178.1",
        "IP 192.168.178.23, subnet 255.255.255.0, gateway 192.168.178.1",
        (IP, "192.168.178.23"),
        (IP, "192.168.178.1"),
    ),
    *pair(
        "single-host-prefix", "Route auf 10.0.0.1/32", "route to 10.0.0.1/32", (IP, "10.0.0.1/32")
    ),
    *pair("ipv6-host-with-prefix", "Adresse fe80::1/64", "address fe80::1/64", (IP, "fe80::1/64")),
    *pair(
        "not-a-contiguous-mask", "Adresse 255.0.255.0", "address 255.0.255.0", (IP, "255.0.255.0")
    ),
]


@pytest.mark.parametrize(("text", "language", "expected"), HOSTS_BESIDE_MASKS)
def test_hosts_beside_masks_and_networks_are_addresses(
    spans_found: SpansFound, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_found(text, language, *STRUCTURED) == expected


@pytest.mark.parametrize(
    ("match", "address"),
    [
        pytest.param("255.255.255.0", MASK_OR_NETWORK, id="mask-24"),
        pytest.param("255.0.0.0", MASK_OR_NETWORK, id="mask-8"),
        pytest.param("255.255.255.255", MASK_OR_NETWORK, id="mask-32"),
        pytest.param("255.0.255.0", ADDRESS, id="mask-not-contiguous"),
        pytest.param("0.0.0.255", ADDRESS, id="wildcard-mask-not-starting-with-255"),
        pytest.param("10.0.0.0/8", MASK_OR_NETWORK, id="network-v4"),
        pytest.param("192.168.178.0/24", MASK_OR_NETWORK, id="network-v4-24"),
        pytest.param("192.168.178.23/24", ADDRESS, id="host-with-prefix"),
        pytest.param("10.0.0.1/32", ADDRESS, id="single-host-v4"),
        pytest.param("fe80::/10", MASK_OR_NETWORK, id="network-v6"),
        pytest.param("fe80::1/64", ADDRESS, id="host-with-prefix-v6"),
        pytest.param("2001:db8::/128", ADDRESS, id="single-host-v6"),
        pytest.param("fe80::1%eth0/64", ADDRESS, id="host-with-zone"),
        pytest.param("192.168.178.0", ADDRESS, id="no-prefix-no-mask"),
        pytest.param("fe80::1", ADDRESS, id="v6-without-prefix"),
    ],
)
def test_mask_and_network_rules(match: str, address: bool) -> None:
    # The recognizer alone, on the bare match: the rule, without context words around it.
    results = IpAddressRecognizer(supported_language="en").analyze(match, [IP])
    assert [(r.start, r.end) for r in results] == ([(0, len(match))] if address else [])
