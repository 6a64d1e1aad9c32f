"""Street addresses, dates of birth, usernames and employee ids (pii/recognizers/). All data
is fictitious. Every table runs all four recognizers together, so a case also fails when one
of them reports something another one should (or nothing should)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pii.engine import SCORE_THRESHOLD
from pii.recognizers.date_of_birth import DateOfBirthRecognizer
from pii.recognizers.employee_id import EmployeeIdRecognizer
from pii.recognizers.street_address import StreetAddressRecognizer
from pii.recognizers.username import UsernameRecognizer

Spans = list[tuple[str, str]]
SpansFound = Callable[..., Spans]

RECOGNIZERS = (
    StreetAddressRecognizer,
    DateOfBirthRecognizer,
    UsernameRecognizer,
    EmployeeIdRecognizer,
)


def address(value: str) -> Spans:
    return [("STREET_ADDRESS", value)]


def birth(value: str) -> Spans:
    return [("DATE_OF_BIRTH", value)]


def user(value: str) -> Spans:
    return [("USERNAME", value)]


def employee(value: str) -> Spans:
    return [("EMPLOYEE_ID", value)]


# IT-support text that agents need to read: nothing in it is personal data.
IT_NEGATIVES = [
    pytest.param("de", "Fehler 0x80070005 bei der Installation, Fehler 1603", id="de-error-codes"),
    pytest.param("en", "error 0x80070005 during setup, error 1603", id="en-error-codes"),
    pytest.param("de", "Anmeldung schlägt fehl mit AADSTS50076", id="de-aadsts"),
    pytest.param("en", "sign-in fails with AADSTS50076", id="en-aadsts"),
    pytest.param("de", "Office-Version 16.0.17928.20114, Windows 10.0.22631.3296", id="de-builds"),
    pytest.param("en", "Office build 16.0.17928.20114, Windows 10.0.22631.3296", id="en-builds"),
    pytest.param("de", "Seit Version 4.2.1 hängt der Client", id="de-version"),
    pytest.param("en", "since version 4.2.1 the client hangs", id="en-version"),
    pytest.param("de", "Ticket INC0012345 und REQ-2024-0815 sind offen", id="de-tickets"),
    pytest.param("en", "tickets INC0012345 and REQ-2024-0815 are open", id="en-tickets"),
    pytest.param("de", "Siehe Ticket #48213, KB5034441 fehlt", id="de-ticket-kb"),
    pytest.param("en", "see Ticket #48213, KB5034441 is missing", id="en-ticket-kb"),
    pytest.param("de", "Der HP LaserJet M404dn und der HP LJ 400 drucken nicht", id="de-printers"),
    pytest.param("en", "the HP LaserJet M404dn and the HP LJ 400 don't print", id="en-printers"),
    pytest.param("de", "Der Kyocera TASKalfa 3253ci im 2. Stock", id="de-kyocera"),
    pytest.param("en", "the Kyocera TASKalfa 3253ci on the 2nd floor", id="en-kyocera"),
    pytest.param("de", "srv-dc01 und fs02.corp.local antworten nicht", id="de-servers"),
    pytest.param("en", "srv-dc01 and fs02.corp.local do not respond", id="en-servers"),
    pytest.param("de", "PC-BUCH-014 und NB-4711 brauchen Updates", id="de-clients"),
    pytest.param("en", "PC-BUCH-014 and NB-4711 need updates", id="en-clients"),
    pytest.param("de", "Ich sitze in Raum 3.14 im OG 3, Gebäude B", id="de-room"),
    pytest.param("en", "I sit in room 3.14 on floor 3, building B", id="en-room"),
    pytest.param("de", "Teams-Raum 2 im 2. Stock ist belegt", id="de-teams-room"),
    pytest.param("en", "Teams room 2 on the 2nd floor is booked", id="en-teams-room"),
    pytest.param("de", "Port 443 und 8080 sind zu, 500 GB frei", id="de-ports"),
    pytest.param("en", "port 443 and 8080 are closed, 500 GB free", id="en-ports"),
    pytest.param("de", "Die Rechnung über 12345 Euro kam um 14:30", id="de-amount"),
    pytest.param("en", "the invoice for 12345 euros came at 14:30", id="en-amount"),
    pytest.param("de", "Seit dem 12.03.2024 geht es nicht, am Montag ging es", id="de-dates"),
    pytest.param("en", "since 12.03.2024 it fails, on Monday it worked", id="en-dates"),
    pytest.param("de", "Windows 11 und Office 365 auf 3 Laptops", id="de-products"),
    pytest.param("en", "Windows 11 and Office 365 on 3 laptops", id="en-products"),
    pytest.param("de", "Pfad C:\\Windows\\System32\\drivers\\etc\\hosts", id="de-system-path"),
    pytest.param("en", "path C:\\Program Files\\Microsoft Office\\root", id="en-program-path"),
    pytest.param("de", "Freigabe \\\\srv-fs01\\share\\Abteilung", id="de-unc-path"),
    pytest.param("en", "share \\\\srv-fs01\\share is gone", id="en-unc-path"),
    pytest.param("de", "Schlüssel HKLM\\Software\\Policies prüfen", id="de-registry"),
    pytest.param("en", "check HKLM\\Software\\Policies", id="en-registry"),
]


@pytest.mark.parametrize(("language", "text"), IT_NEGATIVES)
def test_it_support_text_is_left_alone(spans_found: SpansFound, language: str, text: str) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == []


ADDRESSES = [
    pytest.param(
        "de", "Meine Adresse: Hauptstraße 12a", address("Hauptstraße 12a"), id="de-strasse"
    ),
    pytest.param("en", "My address: Hauptstraße 12a", address("Hauptstraße 12a"), id="en-strasse"),
    pytest.param("de", "Hauptstr. 12 ist richtig", address("Hauptstr. 12"), id="de-str-alone"),
    pytest.param("en", "12 High St is right", address("12 High St"), id="en-st-alone"),
    pytest.param(
        "de",
        "Lieferadresse: Musterweg 3, 70173 Stuttgart",
        address("Musterweg 3, 70173 Stuttgart"),
        id="de-postcode",
    ),
    pytest.param(
        "en",
        "I live at 221B Baker Street, London NW1 6XE",
        address("221B Baker Street, London NW1 6XE"),
        id="en-postcode",
    ),
    pytest.param(
        "de", "Musterweg 3\n70173 Stuttgart", address("Musterweg 3\n70173 Stuttgart"), id="de-lines"
    ),
    pytest.param(
        "en",
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        address("1600 Pennsylvania Ave NW, Washington, DC 20500"),
        id="en-us-zip",
    ),
    pytest.param("de", "Ich wohne Am Markt 3", address("Am Markt 3"), id="de-am-markt"),
    pytest.param("en", "ship it to 5 Market Place", address("5 Market Place"), id="en-place"),
    pytest.param("de", "ich wohne am Markt 3", address("Markt 3"), id="de-am-lower-case"),
    pytest.param("en", "Flat 3, 14 Kings Road", address("Flat 3, 14 Kings Road"), id="en-flat"),
    pytest.param(
        "de",
        "Bitte an Alte Landstraße 114-116 schicken",
        address("Alte Landstraße 114-116"),
        id="de-range",
    ),
    pytest.param(
        "en", "deliver to 10 Downing Street", address("10 Downing Street"), id="en-street"
    ),
    pytest.param("de", "Karl-Marx-Allee 90", address("Karl-Marx-Allee 90"), id="de-allee"),
    pytest.param(
        "en", "Karl-Marx-Allee 90 in Berlin", address("Karl-Marx-Allee 90"), id="en-allee"
    ),
    pytest.param("de", "Lieferung an Bahnhofplatz 1", address("Bahnhofplatz 1"), id="de-platz"),
    pytest.param(
        "en", "please deliver to Bahnhofplatz 1", address("Bahnhofplatz 1"), id="en-platz"
    ),
    pytest.param(
        "de",
        "Anschrift: Im Gewerbepark 7, 12345 Musterstadt",
        address("Im Gewerbepark 7, 12345 Musterstadt"),
        id="de-im",
    ),
    pytest.param("en", "my home address is 7 Oak Drive", address("7 Oak Drive"), id="en-drive"),
    pytest.param("de", "Ich wohne im Lindenring 5", address("Lindenring 5"), id="de-ring"),
    pytest.param("en", "she lives at Lindenring 5", address("Lindenring 5"), id="en-ring"),
    pytest.param("de", "Adresse: An der Kirche 2", address("An der Kirche 2"), id="de-an-der"),
    pytest.param("en", "address: An der Kirche 2", address("An der Kirche 2"), id="en-an-der"),
    pytest.param("de", "wohne Unter den Linden 77", address("Unter den Linden 77"), id="de-unter"),
    pytest.param("en", "my postcode is NW1 6XE", address("NW1 6XE"), id="en-uk-postcode"),
    pytest.param("de", "PLZ und Ort: 70173 Stuttgart", address("70173 Stuttgart"), id="de-plz"),
    pytest.param("en", "zip code: 70173 Stuttgart", address("70173 Stuttgart"), id="en-zip"),
    pytest.param("de", "Berliner Straße 5, 2. OG", address("Berliner Straße 5"), id="de-berliner"),
    pytest.param(
        "en", "Berliner Straße 5, 2nd floor", address("Berliner Straße 5"), id="en-berliner"
    ),
    pytest.param("de", "Straße: Musterweg 3", address("Musterweg 3"), id="de-label"),
    pytest.param("en", "Street: 7 Oak Drive", address("7 Oak Drive"), id="en-label"),
    # Office places, IT words and counted things are no addresses.
    pytest.param("de", "Bitte senden Sie es zum Empfang 2", [], id="de-empfang"),
    pytest.param("en", "please send it to reception 2", [], id="en-reception"),
    pytest.param("de", "Im Büro 3 Monitore und am Montag 2 Tickets", [], id="de-im-buero"),
    pytest.param("en", "In the office 3 monitors, on Monday 2 tickets", [], id="en-office"),
    pytest.param("de", "Am Arbeitsplatz 3 geht der Drucker nicht", [], id="de-arbeitsplatz"),
    pytest.param("en", "at workplace 3 the printer fails", [], id="en-workplace"),
    pytest.param("de", "Update-Ring 2 bekommt das Update zuerst", [], id="de-update-ring"),
    pytest.param("en", "Update ring 2 gets the update first", [], id="en-update-ring"),
    pytest.param("de", "Speicherplatz 500 GB, Bahnsteig 4", [], id="de-speicherplatz"),
    pytest.param("en", "map 2 Network Drive letters", [], id="en-network-drive"),
    pytest.param("de", "Meine IP-Adresse am Lindenring 5 ist 10.0.0.5", [], id="de-ip-adresse"),
    pytest.param("en", "my IP address at 7 Oak Drive is 10.0.0.5", [], id="en-ip-address"),
    pytest.param("de", "Ich schicke 12345 Dateien", [], id="de-counted-things"),
    pytest.param("en", "unzip the zip file with 12345 Items", [], id="en-zip-file"),
    pytest.param("de", "ich wohne seit 3 Jahren in Nürnberg", [], id="de-city-only"),
    pytest.param("en", "I live in London since 2019", [], id="en-city-only"),
    pytest.param("de", "In der Version 4 kommt Fehler 1603", [], id="de-in-der-version"),
    pytest.param("en", "Step 3 Open Control Panel", [], id="en-step"),
    pytest.param("de", "Hauptstraße 3 km entfernt", [], id="de-unit"),
    pytest.param("en", "I have 3 Teams Rooms", [], id="en-teams-rooms"),
]


@pytest.mark.parametrize(("language", "text", "expected"), ADDRESSES)
def test_street_addresses(
    spans_found: SpansFound, language: str, text: str, expected: Spans
) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == expected


DATES_OF_BIRTH = [
    pytest.param("de", "geboren am 14.03.1987 in Stuttgart", birth("14.03.1987"), id="de-geboren"),
    pytest.param("en", "born on 2 June 1979 in Leeds", birth("2 June 1979"), id="en-born"),
    pytest.param("de", "Max Muster, geb. 3.5.1990, Buchhaltung", birth("3.5.1990"), id="de-geb"),
    pytest.param("en", "Jane Roe, DOB 1985-11-02, accounts", birth("1985-11-02"), id="en-dob"),
    pytest.param("de", "Geburtsdatum: 3. Mai 1990", birth("3. Mai 1990"), id="de-month-name"),
    pytest.param("en", "date of birth: 02/11/1985", birth("02/11/1985"), id="en-slashes"),
    pytest.param("de", "Geburtstag 14.03.87", birth("14.03.87"), id="de-two-digit-year"),
    pytest.param(
        "en", "my birthday is March 3rd, 1990", birth("March 3rd, 1990"), id="en-birthday"
    ),
    pytest.param("de", "Ich habe am 14.03. Geburtstag", birth("14.03."), id="de-date-first"),
    pytest.param("en", "Birthday: March 3rd", birth("March 3rd"), id="en-no-year"),
    pytest.param("de", "Mein Geburtsdatum ist der 02.11.1985", birth("02.11.1985"), id="de-ist"),
    pytest.param("en", "born on the 2nd of June 1979", birth("2nd of June 1979"), id="en-ordinal"),
    pytest.param("de", "ich bin im Jahr 1987 geboren", birth("1987"), id="de-year-first"),
    pytest.param("en", "I was born in 1987", birth("1987"), id="en-year"),
    pytest.param(
        "de", "geboren in Stuttgart am 14.03.1987", birth("14.03.1987"), id="de-place-first"
    ),
    pytest.param("en", "born in Leeds on 2 June 1979", birth("2 June 1979"), id="en-place-first"),
    pytest.param("de", "geboren im Mai 1990", birth("Mai 1990"), id="de-month-year"),
    pytest.param("en", "born in May 1990", birth("May 1990"), id="en-month-year"),
    # Dates without a birth keyword, and impossible birth dates.
    pytest.param("de", "seit dem 12.03.2024 geht der Drucker nicht", [], id="de-seit"),
    pytest.param("en", "since 2 June the VPN drops", [], id="en-since"),
    pytest.param("de", "am 3.5. ging es noch", [], id="de-am"),
    pytest.param("en", "last update 2024-01-15", [], id="en-last-update"),
    pytest.param("de", "Geburtstagsfeier am 14.03. im Raum 3.14", [], id="de-compound"),
    pytest.param("en", "birthday party on 2 June in room 3", [], id="en-party"),
    pytest.param("de", "Das Feld Geburtsdatum ist seit dem 12.03.2024 leer", [], id="de-field"),
    pytest.param("en", "the date of birth field is empty since 2024-01-15", [], id="en-field"),
    pytest.param("de", "Geb. 3, Raum 2.10.", [], id="de-gebaeude"),
    pytest.param("en", "DOB field shows 2024-01-15", [], id="en-dob-field"),
    pytest.param("de", "geboren am 31.02.1990", [], id="de-impossible"),
    pytest.param("en", "date of birth 02/30/1985", [], id="en-impossible"),
    pytest.param("de", "Geburtsdatum 14.03.2090", [], id="de-future"),
    pytest.param("en", "born on 2 June 2090", [], id="en-future"),
]


@pytest.mark.parametrize(("language", "text", "expected"), DATES_OF_BIRTH)
def test_dates_of_birth(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == expected


USERNAMES = [
    pytest.param("de", "Bitte CORP\\mmuster entsperren", user("CORP\\mmuster"), id="de-down-level"),
    pytest.param("en", "please unlock CORP\\jdoe", user("CORP\\jdoe"), id="en-down-level"),
    pytest.param("de", "Anmeldung als FIRMA\\j.doe geht nicht", user("FIRMA\\j.doe"), id="de-dot"),
    pytest.param("en", "ad\\ab12345 is locked", user("ad\\ab12345"), id="en-lower-domain"),
    pytest.param("de", "mein Login ist mweber", user("mweber"), id="de-login-ist"),
    pytest.param("en", "my username is jdoe42", user("jdoe42"), id="en-username-is"),
    pytest.param("de", "Benutzername: priya.r", user("priya.r"), id="de-colon"),
    pytest.param("en", "my user id: sarah.oconnor", user("sarah.oconnor"), id="en-colon"),
    pytest.param("de", "Benutzerkennung ab12345 ist gesperrt", user("ab12345"), id="de-direct"),
    pytest.param("en", "UserID u123456 cannot sign in", user("u123456"), id="en-direct"),
    pytest.param("de", "Kennung lautet tbr", user("tbr"), id="de-lautet"),
    pytest.param("en", "login: m.mueller", user("m.mueller"), id="en-login-colon"),
    pytest.param("de", "AD-Account xyz123 ist gesperrt", user("xyz123"), id="de-ad-account"),
    pytest.param("en", "AD account xyz123 is locked", user("xyz123"), id="en-ad-account"),
    pytest.param("de", "Ich bin als mweber angemeldet", user("mweber"), id="de-angemeldet"),
    pytest.param("en", "I am logged in as jdoe42", user("jdoe42"), id="en-logged-in"),
    pytest.param(
        "de", "Log unter C:\\Users\\mmuster\\AppData\\Local\\Temp", user("mmuster"), id="de-profile"
    ),
    pytest.param(
        "en",
        "see /home/jdoe/.bashrc and /Users/sarah/Library",
        [*user("jdoe"), *user("sarah")],
        id="en-profile",
    ),
    pytest.param("de", "Benutzer ab12345 entsperren", user("ab12345"), id="de-benutzer"),
    pytest.param("en", "reset the password for user jdoe42", user("jdoe42"), id="en-user"),
    pytest.param("de", "Login-ID jroe_01 ist deaktiviert", user("jroe_01"), id="de-login-id"),
    pytest.param("en", "Login ID jroe_01 is disabled", user("jroe_01"), id="en-login-id"),
    pytest.param("de", "CORP\\u123456 ist gesperrt", user("CORP\\u123456"), id="de-u-number"),
    pytest.param("en", "CORP\\u123456 is locked", user("CORP\\u123456"), id="en-u-number"),
    # Statements about a login, e-mail addresses, built-in profiles, codes and host names.
    pytest.param("de", "ja\\nein, und\\oder", [], id="de-backslash-words"),
    pytest.param("en", "yes\\no, and\\or", [], id="en-backslash-words"),
    pytest.param("de", 'JSON "Gr\\u00fc\\u00dfe aus M\\u00fcnchen"', [], id="de-unicode-escapes"),
    pytest.param("en", "Kennung: PC-BUCH-014, user Win11 x64", [], id="en-host-and-platform"),
    pytest.param("de", "Benutzername vergessen", [], id="de-vergessen"),
    pytest.param("en", "username is wrong", [], id="en-wrong"),
    pytest.param("de", "Login fehlgeschlagen, Benutzername ist falsch", [], id="de-failed"),
    pytest.param("en", "my login doesn't work, login failed", [], id="en-failed"),
    pytest.param("de", "Mein Account ist seit gestern gesperrt", [], id="de-account-state"),
    pytest.param("en", "the user account is locked", [], id="en-account-state"),
    pytest.param("de", "Login bei Teams geht nicht, Login O365 auch nicht", [], id="de-products"),
    pytest.param("en", "login 2FA keeps failing after login 3 times", [], id="en-2fa"),
    pytest.param("de", "Benutzer: Max Mustermann", [], id="de-person-name"),
    pytest.param("en", "logged in as administrator", [], id="en-administrator"),
    pytest.param("de", "Kennung 0x80070005, Ticket-Kennung INC0012345", [], id="de-codes"),
    pytest.param("en", "Kennung PC-BUCH-014 and login fs02.corp.local", [], id="en-hosts"),
    pytest.param("de", "C:\\Users\\Public\\Desktop ist leer", [], id="de-public-profile"),
    pytest.param("en", "open https://portal.example.com/users/jdoe/profile", [], id="en-url"),
    pytest.param("de", "Datei docs\\readme.txt fehlt", [], id="de-file"),
    pytest.param("en", 'log: "Fehler\\nDetails\\nmore"', [], id="en-json-escapes"),
]


@pytest.mark.parametrize(("language", "text", "expected"), USERNAMES)
def test_usernames(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == expected


def test_usernames_without_a_lexicon() -> None:
    """Without Lotse's NLP engine (no lexicon) the list of state words still applies."""
    text = "Benutzername ist falsch, username is wrong, Login: mweber"
    results = UsernameRecognizer(supported_language="de").analyze(text, [])
    assert [text[result.start : result.end] for result in results] == ["mweber"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param("de", "Benutzername: max.mustermann@example.com", id="de"),
        pytest.param("en", "username is jane.roe@example.org", id="en"),
    ],
)
def test_email_addresses_are_not_usernames(
    spans_found: SpansFound, language: str, text: str
) -> None:
    assert spans_found(text, language, UsernameRecognizer) == []


EMPLOYEE_IDS = [
    pytest.param("de", "Personalnummer 104711", employee("104711"), id="de-personalnummer"),
    pytest.param("en", "employee ID E-48213", employee("E-48213"), id="en-employee-id"),
    pytest.param("de", "Pers.-Nr. 0815472", employee("0815472"), id="de-pers-nr"),
    pytest.param("en", "staff number 00412", employee("00412"), id="en-staff-number"),
    pytest.param("de", "Mitarbeiternummer: MA-20931", employee("MA-20931"), id="de-ma-prefix"),
    pytest.param("en", "Employee#: MA-20931", employee("MA-20931"), id="en-hash"),
    pytest.param("de", "MA-Nr 20931", employee("20931"), id="de-ma-nr"),
    pytest.param("en", "personnel no. 20931", employee("20931"), id="en-personnel"),
    pytest.param("de", "Personal-Nr.: 4711", employee("4711"), id="de-personal-nr"),
    pytest.param("en", "payroll number: 4711", employee("4711"), id="en-payroll"),
    pytest.param("de", "meine Personalnummer ist 104711.", employee("104711"), id="de-ist"),
    pytest.param("en", "my employee number is 104711.", employee("104711"), id="en-is"),
    pytest.param("de", "Mitarbeiter-ID 4711", employee("4711"), id="de-mitarbeiter-id"),
    pytest.param("en", "Staff ID: AB-123456", employee("AB-123456"), id="en-staff-id"),
    # Numbers without the keyword, and keywords without a number.
    pytest.param("de", "Personalnummer vergessen, Ticket #48213", [], id="de-no-number"),
    pytest.param("en", "staff number field is empty, ticket 48213", [], id="en-no-number"),
    pytest.param("de", "Mitarbeiter 12345 hat das Ticket", [], id="de-mitarbeiter"),
    pytest.param("en", "employee 12345 opened the ticket", [], id="en-employee"),
    pytest.param("de", "Personalabteilung, Raum 3.14", [], id="de-personalabteilung"),
    pytest.param("en", "the maid 4711 and MAID 4711", [], id="en-maid"),
    pytest.param("de", "Personalnummer 16.0.17928.20114", [], id="de-version"),
    pytest.param("en", "employee number 12345678901234", [], id="en-too-long"),
]


@pytest.mark.parametrize(("language", "text", "expected"), EMPLOYEE_IDS)
def test_employee_ids(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == expected


def configured_ids(text: str, *, pattern: str, standalone: bool) -> list[tuple[str, float]]:
    recognizer = EmployeeIdRecognizer(
        supported_language="de", pattern=pattern, standalone=standalone
    )
    return [
        (text[result.start : result.end], result.score)
        for result in recognizer.analyze(text, [])
        if result.score >= SCORE_THRESHOLD
    ]


@pytest.mark.parametrize(
    ("text", "standalone", "expected"),
    [
        pytest.param(
            "Ausweis LOT-123456 geht nicht", True, [("LOT-123456", 0.6)], id="de-standalone"
        ),
        pytest.param("badge LOT-123456 fails", True, [("LOT-123456", 0.6)], id="en-standalone"),
        pytest.param("Personalnummer LOT-123456", True, [("LOT-123456", 0.85)], id="de-keyword"),
        pytest.param("employee ID LOT-123456", False, [("LOT-123456", 0.85)], id="en-keyword"),
        pytest.param("Ausweis LOT-123456 geht nicht", False, [], id="de-not-standalone"),
        pytest.param("badge LOT-123456 fails", False, [], id="en-not-standalone"),
        pytest.param("Personalnummer 104711", True, [], id="de-other-shape"),
        pytest.param("employee number 104711", True, [], id="en-other-shape"),
        pytest.param("LOT-1234567 und XLOT-123456", True, [], id="de-longer-tokens"),
        pytest.param("see https://x.example/LOT-123456/", True, [], id="en-inside-url"),
    ],
)
def test_configured_employee_id_pattern(
    text: str, standalone: bool, expected: list[tuple[str, float]]
) -> None:
    assert configured_ids(text, pattern=r"LOT-\d{6}", standalone=standalone) == expected


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        pytest.param("LOT-(\\d{6}", "not a valid regular expression", id="syntax"),
        pytest.param("", "empty string", id="empty"),
        pytest.param("\\d{0,6}", "empty string", id="optional-digits"),
        pytest.param("LOT-\\d+", "not bounded", id="plus"),
        pytest.param("[A-Z]{2}\\d*", "not bounded", id="star"),
        pytest.param("E\\d{4,}", "not bounded", id="open-repeat"),
        pytest.param("(?:[A-Z]{1,10}){1,10}", "at most 64", id="longer-than-64"),
    ],
)
def test_bad_employee_id_patterns_are_refused(pattern: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        EmployeeIdRecognizer(supported_language="de", pattern=pattern)


def test_standalone_needs_a_configured_pattern() -> None:
    with pytest.raises(ValueError, match="need a configured pattern"):
        EmployeeIdRecognizer(supported_language="en", standalone=True)


HOSTILE_INPUTS = [
    pytest.param("1" * 2000, [], id="digits"),
    pytest.param("a" * 2000, [], id="one-character"),
    pytest.param("1." * 1000, [], id="dotted-numbers"),
    pytest.param("a@" * 1000, [], id="at-signs"),
    pytest.param(":" * 2000, [], id="colons"),
    pytest.param("\\" * 2000, [], id="backslashes"),
    pytest.param("Straße " * 300, [], id="strasse"),
    pytest.param("Hauptstraße " * 150 + "12", address("Hauptstraße 12"), id="street-words"),
    pytest.param("Am Markt " * 200, [], id="prefixes"),
    pytest.param("geboren am " * 180, [], id="birth-keywords"),
    pytest.param("Login: " * 280, [], id="login-keywords"),
    pytest.param("Personalnummer " * 130, [], id="employee-keywords"),
    pytest.param("CORP\\" * 400, [], id="domains"),
    pytest.param("😀 مرحبا שלום Grüße " * 90, [], id="emoji-rtl"),
]


@pytest.mark.timeout(10)
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("text", "expected"), HOSTILE_INPUTS)
def test_hostile_input(spans_found: SpansFound, text: str, expected: Spans, language: str) -> None:
    assert spans_found(text, language, *RECOGNIZERS) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Das Portal fragt nach dem Geburtsdatum. Ich gebe 02.11.1985 ein, geht nicht",
            "de",
            [("DATE_OF_BIRTH", "02.11.1985")],
            id="de-date-later-in-the-line",
        ),
        pytest.param(
            "The portal asks for my date of birth and rejects 1985-11-02 every time",
            "en",
            [("DATE_OF_BIRTH", "1985-11-02")],
            id="en-date-later-in-the-line",
        ),
        pytest.param(
            "Geburtstagsfeier am 12.03.2024 im Raum 3.14, Beamer geht nicht",
            "de",
            [],
            id="de-recent-date-is-no-birth-date",
        ),
        pytest.param(
            "birthday party on 2024-03-12 in room 3.14, projector broken",
            "en",
            [],
            id="en-recent-date-is-no-birth-date",
        ),
        pytest.param(
            "Geburtsdatum ist hinterlegt.\nUpdate am 02.11.1985? Nein: Fehler seit 12.03.2024",
            "de",
            [],
            id="de-next-line-does-not-count",
        ),
    ],
)
def test_birth_dates_later_in_the_line(
    spans_found: Callable[..., list[tuple[str, str]]],
    text: str,
    language: str,
    expected: list[tuple[str, str]],
) -> None:
    assert spans_found(text, language, DateOfBirthRecognizer) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Der Bot wollte meine Personalnummer, die ist 104711",
            "de",
            [("EMPLOYEE_ID", "104711")],
            id="de-id-after-a-comma-clause",
        ),
        pytest.param(
            "Your bot asked for my employee ID, it's E-48213. Now what?",
            "en",
            [("EMPLOYEE_ID", "E-48213")],
            id="en-id-after-a-comma-clause",
        ),
        pytest.param(
            "Personalnummer, die ist seit 2024 anders", "de", [], id="de-clause-without-an-id"
        ),
        pytest.param(
            "employee ID, it is broken since 2024", "en", [], id="en-clause-without-an-id"
        ),
    ],
)
def test_employee_ids_after_a_comma_clause(
    spans_found: Callable[..., list[tuple[str, str]]],
    text: str,
    language: str,
    expected: list[tuple[str, str]],
) -> None:
    assert spans_found(text, language, EmployeeIdRecognizer) == expected
