"""Recognizers of secrets: passwords and PINs, one-time codes, API keys and tokens, private
keys, BitLocker recovery keys and product keys (pii/recognizers/). Every value is fictitious.

Each table pairs German and English cases and mixes secrets with the technical identifiers an
agent must keep seeing (error codes, versions, tickets, KB numbers, hosts, rooms, ports, sizes,
dates).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from pii.recognizers.api_key import ApiKeyRecognizer
from pii.recognizers.credential import CredentialRecognizer
from pii.recognizers.one_time_code import OneTimeCodeRecognizer
from pii.recognizers.private_key import PrivateKeyRecognizer
from pii.recognizers.product_key import ProductKeyRecognizer
from pii.recognizers.recovery_key import RecoveryKeyRecognizer

Spans = list[tuple[str, str]]
SpansFound = Callable[..., Spans]

SECRET_RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    CredentialRecognizer,
    OneTimeCodeRecognizer,
    ApiKeyRecognizer,
    PrivateKeyRecognizer,
    RecoveryKeyRecognizer,
    ProductKeyRecognizer,
)


def case(language: str, text: str, *secrets: str, id: str) -> object:
    """A table row: `text` in `language` and the secrets expected in it, in order."""
    return pytest.param(language, text, [("CREDENTIAL", secret) for secret in secrets], id=id)


# --- passwords and PINs -------------------------------------------------------------------

PASSWORDS = [
    case("de", "Passwort: Sommer2024!", "Sommer2024!", id="de-colon"),
    case("en", "password: Sommer2024!", "Sommer2024!", id="en-colon"),
    case("de", "mein pw ist hunter2", "hunter2", id="de-pw-ist"),
    case("en", "my pass is Tr0ub4dor&3", "Tr0ub4dor&3", id="en-pass-is"),
    case("de", "PW = Xk9#mq", "Xk9#mq", id="de-pw-equals"),
    case("en", "pwd: Qw3rt!z", "Qw3rt!z", id="en-pwd-colon"),
    case("de", "Kennwort lautet 'Blume!7'", "'Blume!7'", id="de-lautet-quoted"),
    case("en", "password is 'Blume!7'", "'Blume!7'", id="en-is-quoted"),
    case("de", 'Kennwort = "Mein Hund Bello"', '"Mein Hund Bello"', id="de-quoted-spaces"),
    case("en", 'password = "my dog rex"', '"my dog rex"', id="en-quoted-spaces"),
    case(
        "de",
        "neues Passwort wäre Herbst#2025, das alte war Test1234",
        "Herbst#2025",
        "Test1234",
        id="de-new-and-old",
    ),
    case(
        "en",
        "the new password would be Herbst#2025, the old one was Test1234",
        "Herbst#2025",
        "Test1234",
        id="en-new-and-old",
    ),
    case("de", "Passwort:\nSommer2024", "Sommer2024", id="de-next-line"),
    case("en", "Password:\n\n  Sommer2024", "Sommer2024", id="en-next-line"),
    case("de", "Das Passwort ist Sommer2024.", "Sommer2024", id="de-full-stop"),
    case("en", "The password is Sommer2024.", "Sommer2024", id="en-full-stop"),
    case("de", "Passwort für SAP ist Winter2023#", "Winter2023#", id="de-for-system"),
    case("en", "password for the guest wifi is Guest!2024", "Guest!2024", id="en-for-system"),
    case("de", "Passwort für den Drucker-Admin Druck3r!", "Druck3r!", id="de-for-direct"),
    case("en", "password for SAP Winter2023", "Winter2023", id="en-for-direct"),
    case("de", "Passwort (neu): Sommer2024", "Sommer2024", id="de-aside"),
    case("en", "**Password:** Sommer2024", "Sommer2024", id="en-markdown"),
    case("de", "VPN-Passwort Vpn!2024x", "Vpn!2024x", id="de-compound-direct"),
    case("en", "VPN password Vpn!2024x", "Vpn!2024x", id="en-compound-direct"),
    case("de", "SMTP_PASS=Qw7!rtz", "Qw7!rtz", id="de-environment"),
    case("en", "DB_PASSWORD=Qw7!rtz", "Qw7!rtz", id="en-environment"),
    case("de", "Ich hab das Passwort auf Sommer2024! gesetzt", "Sommer2024!", id="de-set-to"),
    case("en", "I changed my password to Winter#99", "Winter#99", id="en-changed-to"),
    case("de", "Sommer2024! ist mein neues Passwort", "Sommer2024!", id="de-value-first"),
    case("en", "hunter2 is my password", "hunter2", id="en-value-first"),
    case(
        "de",
        "Hab das Passwort gesetzt:\n  Sommer#2024\nGeht nicht",
        "Sommer#2024",
        id="de-set-colon",
    ),
    case("en", "password has been reset to: Start#2024", "Start#2024", id="en-reset-colon"),
    case(
        "de",
        "Besprechungs-ID: 345 678 901 234, Kenncode: Xy7abC",
        "Xy7abC",
        id="de-meeting-passcode",
    ),
    case("en", "Meeting ID: 345 678 901 234 Passcode: Xy7abC", "Xy7abC", id="en-meeting-passcode"),
    case("de", "Passwort war vorher Winter2022", "Winter2022", id="de-adverb"),
    case("en", "my password is still Summer2023", "Summer2023", id="en-adverb"),
    # letters only: a secret when no word of the language, capitalised, or after ":"
    case("de", "passwort ist jetzt: sommer", "sommer", id="de-word-after-colon"),
    case("en", "password is now: summer", "summer", id="en-word-after-colon"),
    case("de", "Das WLAN-Passwort ist Sonnenschein", "Sonnenschein", id="de-capitalised-word"),
    case("en", "the wifi password is Sunshine", "Sunshine", id="en-capitalised-word"),
    case("de", "mein Passwort ist qwertz", "qwertz", id="de-no-word"),
    case("en", "my password is qwertzuiop", "qwertzuiop", id="en-no-word"),
    # Wi-Fi
    case("de", "WLAN-Schlüssel ist Blaue7Katze", "Blaue7Katze", id="de-wifi-key"),
    case("en", "Wi-Fi key: Sunny-Day-42", "Sunny-Day-42", id="en-wifi-key"),
    case("de", "WLAN-Schlüssel ist Blaue Katze tanzt 42", "Blaue Katze tanzt 42", id="de-phrase"),
    case("en", "wifi password: sun moon stars. thanks", "sun moon stars", id="en-phrase"),
    case("de", "WLAN-Passwort: steht auf der Rückseite", id="de-wifi-statement"),
    case("en", "the Wi-Fi password for guests is on the whiteboard", id="en-wifi-statement"),
    case("de", "Netzwerkschlüssel: 8H3k-92Lp-Qw", "8H3k-92Lp-Qw", id="de-network-key"),
    case("en", "WPA2 key 8f3kd93ksl", "8f3kd93ksl", id="en-wpa2-key"),
    # PINs and PUKs
    case("de", "PIN 4711", "4711", id="de-pin"),
    case("en", "PIN 4711", "4711", id="en-pin"),
    case("de", "meine PIN ist 0815", "0815", id="de-pin-ist"),
    case("en", "my card PIN is 0815", "0815", id="en-pin-is"),
    case("de", "SIM-PIN 1234", "1234", id="de-sim-pin"),
    case("en", "PIN code: 2580", "2580", id="en-pin-code"),
    case("de", "PUK 12345678", "12345678", id="de-puk"),
    case("en", "PUK: 1234 5678", "1234 5678", id="en-puk-groups"),
    case("de", "Hab die PIN auf 1357 geändert", "1357", id="de-pin-changed"),
    case("en", "changed the PIN to 1357", "1357", id="en-pin-changed"),
    # user and password together: only the password
    case("de", "Zugangsdaten: user mmuster pw Sommer2024", "Sommer2024", id="de-user-pw"),
    case("en", "creds: admin / Adm1n!2024", "Adm1n!2024", id="en-creds-pair"),
    case("de", "Benutzer/Passwort: mmuster/Sommer2024", "Sommer2024", id="de-pair-slash"),
    case("en", "login: jdoe / Winter#2023", "Winter#2023", id="en-login-pair"),
    case(
        "de",
        "Anmeldung mit mmuster@firma.de / Sommer2024 geht nicht",
        "Sommer2024",
        id="de-sign-in",
    ),
    case(
        "en", "signing in with jdoe@example.com / Winter2023 fails", "Winter2023", id="en-sign-in"
    ),
    case("de", "Anmeldung mit Outlook / Teams.", id="de-sign-in-apps"),
    case("en", "sign in with Outlook / Teams.", id="en-sign-in-apps"),
    case("de", "smb://mmuster:Sommer2024@fs01.corp.local/share", "Sommer2024", id="de-url"),
    case(
        "en",
        "net use Z: \\\\srv-fs01\\data Winter#2023 /user:CORP\\jdoe",
        "Winter#2023",
        id="en-net-use",
    ),
    case("de", "App-Kennwort: abcd efgh ijkl mnop", "abcd efgh ijkl mnop", id="de-app-password"),
    case("en", "app password: abcdefghijklmnop", "abcdefghijklmnop", id="en-app-password"),
    # statements about a password
    case("de", "Passwort vergessen", id="de-forgot"),
    case("en", "I don't know my password", id="en-dont-know"),
    case("de", "mein Passwort ist abgelaufen", id="de-expired"),
    case("en", "password is expired", id="en-expired"),
    case("de", "Passwort ist zu kurz", id="de-too-short"),
    case("en", "password is wrong", id="en-wrong"),
    case("de", "Das Passwort ist leider abgelaufen", id="de-adverb-statement"),
    case("en", "the password is unfortunately expired", id="en-adverb-statement"),
    case("de", "Passwort ist veraltet", id="de-lower-case-word"),
    case("en", "password is outdated", id="en-lower-case-word"),
    case("de", "Das Passwort ist Teil des Problems", id="de-noun-in-sentence"),
    case("en", "Password is Required for this field", id="en-capitalised-in-sentence"),
    case("de", "PIN ist gesperrt", id="de-pin-locked"),
    case("en", "PIN is locked", id="en-pin-locked"),
    case("de", "PIN gesperrt nach 3 Versuchen", id="de-pin-attempts"),
    case("en", "PIN locked after 3 attempts", id="en-pin-attempts"),
    case("de", "Passwort ändern geht nicht", id="de-change"),
    case("en", "password reset link does not work", id="en-reset-link"),
    case("de", "das Wort Passwort steht im Feld", id="de-the-word"),
    case("en", "the word password is in the field", id="en-the-word"),
    case("de", "Passwort-Richtlinie: mindestens 12 Zeichen", id="de-policy"),
    case("en", "password policy: at least 12 characters", id="en-policy"),
    case("de", "Kennwort falsch", id="de-wrong"),
    case("en", "pw expired", id="en-pw-expired"),
    case("de", "Passwort: funktioniert nicht mehr", id="de-colon-statement"),
    case("en", "password: does not work anymore", id="en-colon-statement"),
    case("de", "Passwort ist 12 Zeichen lang", id="de-length"),
    case("en", "the password must be at least 12 characters", id="en-length"),
    case("de", "Passwort 2x falsch eingegeben", id="de-count"),
    case("en", "entered the password wrong 3 times", id="en-count"),
    case("de", "Seit 2024 ist mein Passwort abgelaufen", id="de-year-first"),
    case("en", "password expires in 5 days", id="en-days"),
    case("de", "Passwort: ***", id="de-masked"),
    case("en", "password: <CREDENTIAL_1>", id="en-placeholder"),
    case("de", "Windows Hello PIN 0x80090016", id="de-pin-error-code"),
    case("en", "Windows Hello PIN error 0x80090016", id="en-pin-error-code"),
    case("de", "Passwortmanager KeePass 2.57", id="de-password-manager"),
    case("en", "password manager KeePass 2.57", id="en-password-manager"),
    case("de", "Passwort für Benutzer mmuster1 zurücksetzen", id="de-for-user"),
    case("en", "reset the password for user jdoe42", id="en-for-user"),
    case("de", "Passwort für Server srv-dc01 abgelaufen", id="de-for-host"),
    case("en", "password for host PC-BUCH-014 expired", id="en-for-host"),
    case("de", "Passwort von Outlook 2019 auf 365 umgestellt", id="de-product-year"),
    case("en", "moved the password from Outlook 2019 to 365", id="en-product-year"),
    case("de", "PIN ist 6-stellig", id="de-pin-length"),
    case("en", "PIN: 6-digit", id="en-pin-length"),
    case("de", "Passwort ist Pflichtfeld", id="de-required-field"),
    case("en", "password: min. 12 characters", id="en-minimum"),
    case("de", "Pass: C01X00T47", id="de-passport-is-not-a-password"),
    case("en", "Login: 10.0.0.5:8080", id="en-host-and-port"),
    case("de", "Pin 3 am Stecker ist verbogen", id="de-hardware-pin"),
    case("en", "pin 3 of the connector is bent", id="en-hardware-pin"),
]


@pytest.mark.parametrize(("language", "text", "expected"), PASSWORDS)
def test_passwords_and_pins(
    spans_found: SpansFound, language: str, text: str, expected: Spans
) -> None:
    assert spans_found(text, language, CredentialRecognizer) == expected


def test_passwords_are_found_without_nlp_artifacts() -> None:
    recognizer = CredentialRecognizer(supported_language="de")
    text = "Passwort: Sommer2024! und PIN 4711"
    found = recognizer.analyze(text, ["CREDENTIAL"], None)
    assert [(text[r.start : r.end], r.score) for r in found] == [
        ("Sommer2024!", 0.95),
        ("4711", 0.85),
    ]


# --- one-time codes -----------------------------------------------------------------------

ONE_TIME_CODES = [
    case("de", "der Code ist 482913", "482913", id="de-code-ist"),
    case("en", "the code is 482913", "482913", id="en-code-is"),
    case("de", "Bestätigungscode 739104", "739104", id="de-confirmation-code"),
    case("en", "my verification code is 739104", "739104", id="en-verification-code"),
    case("de", "SMS-Code: 55 12 90", "55 12 90", id="de-sms-code-groups"),
    case("en", "the 2FA code 482 913", "482 913", id="en-2fa-code-groups"),
    case("de", "TAN 123456", "123456", id="de-tan"),
    case("en", "OTP 004211", "004211", id="en-otp"),
    case("de", "Authenticator zeigt 918273", "918273", id="de-authenticator"),
    case("en", "Authenticator app says 991 002", "991 002", id="en-authenticator"),
    case("de", "482913 ist mein Bestätigungscode", "482913", id="de-code-first"),
    case("en", "739104 is the 2FA code", "739104", id="en-code-first"),
    case("de", "Code aus der SMS: 448812", "448812", id="de-code-from-sms"),
    case("en", "the code from the text message is 448812", "448812", id="en-code-from-text"),
    case("de", "Einmalkennwort 77889911", "77889911", id="de-one-time-password"),
    case("en", "one-time code 553201", "553201", id="en-one-time-code"),
    case("de", "RSA-Token zeigt 44 55 66", "44 55 66", id="de-hardware-token"),
    case("en", "the MFA code: 4711", "4711", id="en-four-digits"),
    case("de", "Code für den Kopierer: 2580", "2580", id="de-code-for-device"),
    case("en", "code for the copier: 2580", "2580", id="en-code-for-device"),
    case("de", "Fehlercode 1603", id="de-error-code"),
    case("en", "error code 809", id="en-error-code"),
    case("de", "Code 0x80070005 beim Update", id="de-hex-code"),
    case("en", "activation error code 0xC004F074", id="en-hex-code"),
    case("de", "Die Installation bricht mit Code 1603 ab", id="de-exit-code"),
    case("en", "Setup failed with code 1603", id="en-exit-code"),
    case("de", "Fehler beim Setup. Code: 1603", id="de-error-then-code"),
    case("en", "exit code 143", id="en-short-exit-code"),
    case("de", "Ticket 482913 zum SMS-Code", id="de-ticket"),
    case("en", "2FA code for order 55123 missing", id="en-order"),
    case("de", "Raum 1234, Port 8443", id="de-room-port"),
    case("en", "room 1234, port 8443", id="en-room-port"),
    case("de", "Postleitzahl 10115", id="de-postcode"),
    case("en", "zip code 10115", id="en-zip-code"),
    case("de", "SMS-Code kommt nicht an, Handy 0170 1234567", id="de-phone-number"),
    case("en", "no SMS code on +49 170 1234567", id="en-phone-number"),
    case("de", "SMS-Code kam um 14:32", id="de-time"),
    case("en", "2FA broken since 2023", id="en-year"),
    case("de", "Der SMS-Code hat 6 Stellen", id="de-digits"),
    case("en", "the code expires after 30 seconds", id="en-seconds"),
    case("de", "Authenticator Version 6.2406.3889", id="de-version"),
    case("en", "MFA error 500121", id="en-mfa-error"),
    case("de", "REQ-2024-0815 Authenticator neu einrichten", id="de-request-id"),
    case("en", "KB5034441 breaks the authenticator", id="en-kb"),
]


@pytest.mark.parametrize(("language", "text", "expected"), ONE_TIME_CODES)
def test_one_time_codes(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, OneTimeCodeRecognizer) == expected


# --- API keys and tokens ------------------------------------------------------------------

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmaWN0aXRpb3VzLXVzZXIiLCJpYXQiOjE3MDAwMDAwMDB9"
    ".8xMz0HF_T1BNQjA7sB0hS17prPXQSzP21OB0DAfCcHO"
)
GUID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"
SHA256 = "d192fbe5130baf7cd72d8e529dd9deed06f1c592ba3fe251bcfa91d73ed1889d"
ACCOUNT_KEY = (
    "DOM+LhB8FNOGQfrHSStgSbOOzxK6gum9HYg0zrrUb5U1FpR5Pa04zqo0/Y/5Cf5jIoVUiP98J0WGocF2utybbI=="
)

API_KEYS = [
    case(
        "de",
        "mein Key ist sk-proj-1oQDE7UrzV-sHXRQ7vqQAimwat4ESDkzKE7H931zjMMJrGm-",
        "sk-proj-1oQDE7UrzV-sHXRQ7vqQAimwat4ESDkzKE7H931zjMMJrGm-",
        id="de-openai",
    ),
    case(
        "en",
        "Token: ghp_n5mYylG2ouwWS5ZcL57RIy7VU8OehodHi81n",
        "ghp_n5mYylG2ouwWS5ZcL57RIy7VU8OehodHi81n",
        id="en-github",
    ),
    case(
        "de", "glpat-6ON7f8GlpFLZUkkfiNgZ geht nicht", "glpat-6ON7f8GlpFLZUkkfiNgZ", id="de-gitlab"
    ),
    case(
        "en",
        "bot token xoxb-989091828501-402019939337-lEurUDOC1TZ0nzL3C3AMSi4n",
        "xoxb-989091828501-402019939337-lEurUDOC1TZ0nzL3C3AMSi4n",
        id="en-slack",
    ),
    case("de", "AWS Key AKIAKTZMLW3AHVAO60CN", "AKIAKTZMLW3AHVAO60CN", id="de-aws-key-id"),
    case(
        "en",
        "aws_secret_access_key = 7+g3QbRGuCn3irwdRNG+uU73/PueppU2xmg3dIDp",
        "7+g3QbRGuCn3irwdRNG+uU73/PueppU2xmg3dIDp",
        id="en-aws-secret",
    ),
    case(
        "de",
        "Google API Key AIzaOrBn3nI3uDapzW05wFLJT5oZYKODETD17NK",
        "AIzaOrBn3nI3uDapzW05wFLJT5oZYKODETD17NK",
        id="de-google",
    ),
    case(
        "en",
        "key rk_live_9RR7mDPIdqy0PnqAHiPusSIZ",
        "rk_live_9RR7mDPIdqy0PnqAHiPusSIZ",
        id="en-stripe",
    ),
    case("de", f"Authorization: Bearer {JWT}", JWT, id="de-bearer-jwt"),
    case("en", f"here is my id token {JWT} thanks", JWT, id="en-jwt"),
    case(
        "de",
        "Authorization: Basic bW11c3RlcjpTb21tZXIyMDI0",
        "bW11c3RlcjpTb21tZXIyMDI0",
        id="de-basic",
    ),
    case(
        "en", "header is Basic amRvZTpXaW50ZXIjMjAyMw==", "amRvZTpXaW50ZXIjMjAyMw==", id="en-basic"
    ),
    case(
        "de",
        "https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=DGdo21e8tJU7SL95eKxX%2BU%3D",
        "DGdo21e8tJU7SL95eKxX%2BU%3D",
        id="de-sas-signature",
    ),
    case(
        "en",
        f"AccountName=acct;AccountKey={ACCOUNT_KEY};EndpointSuffix=core.windows.net",
        ACCOUNT_KEY,
        id="en-account-key",
    ),
    case(
        "de",
        "Server=sql01;Database=crm;User Id=svc_crm;Password=Mein Geheimes 1!;",
        "Mein Geheimes 1!",
        id="de-connection-string-password",
    ),
    case(
        "en",
        "https://app.example.com/callback?code=HiZp3xDVyliTbPvfKQcf3hGM&state=xyz",
        "HiZp3xDVyliTbPvfKQcf3hGM",
        id="en-url-parameter",
    ),
    case(
        "de",
        "Client-Secret: 8iW8Q~l_C7JLFXKx9UdWirm2PyjGeHy3vy8Ii7pm",
        "8iW8Q~l_C7JLFXKx9UdWirm2PyjGeHy3vy8Ii7pm",
        id="de-client-secret",
    ),
    case(
        "en",
        "client secret: 8iW8Q~l_C7JLFXKx9UdWirm2PyjGeHy3vy8Ii7pm",
        "8iW8Q~l_C7JLFXKx9UdWirm2PyjGeHy3vy8Ii7pm",
        id="en-client-secret",
    ),
    case(
        "de",
        "Der Token für die Graph API ist LriVyYL1PgoWLpksP5i0S7ZyRgivAvOSvJ0WpbMr",
        "LriVyYL1PgoWLpksP5i0S7ZyRgivAvOSvJ0WpbMr",
        id="de-token-words-between",
    ),
    case(
        "en",
        "the token for the graph api is LriVyYL1PgoWLpksP5i0S7ZyRgivAvOSvJ0WpbMr",
        "LriVyYL1PgoWLpksP5i0S7ZyRgivAvOSvJ0WpbMr",
        id="en-token-words-between",
    ),
    case(
        "de",
        "API-Schlüssel: yiKrkGZ5qn45JiSBVImi0iRS",
        "yiKrkGZ5qn45JiSBVImi0iRS",
        id="de-schluessel",
    ),
    case("en", f"API key: {GUID}", GUID, id="en-guid-right-after-keyword"),
    case("de", f"Correlation ID: {GUID}", id="de-correlation-id"),
    case("en", f"Request ID: {GUID}, Timestamp: 2024-05-01 10:00:00Z", id="en-request-id"),
    case("de", f"Token-ID: {GUID}", id="de-token-id"),
    case("en", f"token id {GUID}", id="en-token-id"),
    case("de", f"SHA256: {SHA256}", id="de-sha256"),
    case("en", f"checksum of the key file: {SHA256}", id="en-checksum"),
    case(
        "de",
        "Token-Endpoint: https://login.microsoftonline.com/common/oauth2/v2.0/token",
        id="de-url",
    ),
    case("en", "token server: auth-srv01.corp.example.com", id="en-host-name"),
    case("de", "Server sk-prod-webserver-eu-west-01 ist down", id="de-host-with-prefix"),
    case("en", "server sk-prod-webserver-eu-west-01 is down", id="en-host-with-prefix"),
    case("de", "Token abgelaufen, Fehler AADSTS700082", id="de-expired"),
    case("en", "access token lifetime: AccessTokenLifetimeInMinutes", id="en-identifier"),
    case("de", "API-Key: YOUR_API_KEY_HERE", id="de-placeholder"),
    case("en", "Basic authentication is failing", id="en-basic-authentication"),
    case("de", "public key: 9J0B+3QeulTNsiyoK6ufu/3l87DIyp2FleCdlXELZfIEy", id="de-public-key"),
    case("en", "registry key HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies", id="en-registry-key"),
    case("de", "Schlüssel liegt unter C:\\ProgramData\\Microsoft\\Crypto\\RSA", id="de-path"),
    case("en", "installed version 16.0.17928.20114 with key vault", id="en-version"),
]


@pytest.mark.parametrize(("language", "text", "expected"), API_KEYS)
def test_api_keys_and_tokens(
    spans_found: SpansFound, language: str, text: str, expected: Spans
) -> None:
    assert spans_found(text, language, ApiKeyRecognizer) == expected


# --- private keys -------------------------------------------------------------------------

KEY_BODY = (
    "jqh5D69PaRsD7I5VtNyjKewk4fmGtbc6PzH7PB4lBuVkLBqEdVAIRqGli8cD+m8T\n"
    "w/O5J4sEI/dxuETVxLb91zt5ngprjRdA9Aqv6pnVdOYXz2rR6y9v+g527VuYNEEV\n"
    "UpsBhiXQwV5V0AaPHOKHK7MzrRsU8TVcM5q1QNRnvsiACUgD2DLlznN/ps+c0KST\n"
    "7I9TJOmMY8N+zBPevfIvWsWPMEQ="
)
RSA_KEY = f"-----BEGIN RSA PRIVATE KEY-----\n{KEY_BODY}\n-----END RSA PRIVATE KEY-----"
OPENSSH_START = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{KEY_BODY}"
JSON_KEY = (
    "-----BEGIN PRIVATE KEY-----\\n"
    + KEY_BODY.replace("\n", "\\n")
    + "\\n-----END PRIVATE KEY-----"
)
JSON_START = "-----BEGIN PRIVATE KEY-----\\n" + KEY_BODY.replace("\n", "\\n")
PUTTY_KEY = (
    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240101\n"
    "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIFictitiousPublicPartForTests00000000\nAAAA\n"
    "Private-Lines: 1\nAAAAIFictitiousPrivatePartForLotseTests000000000000\n"
    "Private-MAC: ab4178b8400261c43630759083528492e43ae1684e6031bc76b215705f65d3f7"
)
AGE_KEY = "AGE-SECRET-KEY-1RFD4Y8A99WQ92ADVW7696C3F0HVF7PG360ME2CCU83SF58H9KL8VGGAXEA"

PRIVATE_KEYS = [
    case("de", f"Hier mein Key:\n{RSA_KEY}\nDanke!", RSA_KEY, id="de-pem-block"),
    case("en", f"my key:\n{RSA_KEY}\nthanks", RSA_KEY, id="en-pem-block"),
    case("de", f"abgeschnitten: {OPENSSH_START}\nbitte helfen", OPENSSH_START, id="de-truncated"),
    case("en", f'{{"private_key": "{JSON_KEY}\\n"}}', JSON_KEY, id="en-json-escaped"),
    case("de", f'{{"private_key": "{JSON_START}...', JSON_START, id="de-json-truncated"),
    case("en", f"the ppk file:\n{PUTTY_KEY}\nthanks", PUTTY_KEY, id="en-putty"),
    case("de", f"age-Schlüssel {AGE_KEY}", AGE_KEY, id="de-age"),
    case(
        "en",
        "[Interface]\nPrivateKey = PlP0i1pGxwCQwN510/Dc6KKIaefy7wU+XeHkXdBmT3A=\nAddress = 10.0.0.2/32",
        "PlP0i1pGxwCQwN510/Dc6KKIaefy7wU+XeHkXdBmT3A=",
        id="en-wireguard",
    ),
    case(
        "de",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC7FictitiousPublicKey0123456789 mmuster@pc-buch-014",
        id="de-public-key",
    ),
    case("en", f"-----BEGIN PUBLIC KEY-----\n{KEY_BODY}\n-----END PUBLIC KEY-----", id="en-public"),
    case("de", f"-----BEGIN CERTIFICATE-----\n{KEY_BODY}\n-----END CERTIFICATE-----", id="de-cert"),
    case("en", "-----BEGIN RSA PRIVATE KEY----- (rest cut off)", id="en-begin-line-only"),
    case("de", "Der private Schlüssel liegt auf srv-dc01 unter /etc/ssl/private", id="de-mention"),
    case("en", "the private key of the certificate is missing (error 0x8009030D)", id="en-mention"),
]


@pytest.mark.parametrize(("language", "text", "expected"), PRIVATE_KEYS)
def test_private_keys(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, PrivateKeyRecognizer) == expected


# --- BitLocker recovery keys --------------------------------------------------------------

RECOVERY_KEY = "342683-249447-320496-596706-039105-663333-528264-063921"
OTHER_RECOVERY_KEY = "440638 234773 394790 332343 316569 629860 664994 497728"

RECOVERY_KEYS = [
    case("de", f"Wiederherstellungsschlüssel: {RECOVERY_KEY}", RECOVERY_KEY, id="de-key"),
    case("en", f"recovery key {RECOVERY_KEY} please", RECOVERY_KEY, id="en-key"),
    case("de", OTHER_RECOVERY_KEY, OTHER_RECOVERY_KEY, id="de-spaces-no-keyword"),
    case("en", RECOVERY_KEY.replace("-", ""), RECOVERY_KEY.replace("-", ""), id="en-no-separators"),
    case(
        "de",
        "die ersten Gruppen: 342683-249447-320496-596706",
        "342683-249447-320496-596706",
        id="de-part",
    ),
    case(
        "en",
        "BitLocker recovery key is 123456-234567-345678-456789",
        "123456-234567-345678-456789",
        id="en-mistyped-part-with-keyword",
    ),
    case(
        "de",
        "Schlüssel 123456-234567-345678-456789-567890-678901-789012-890123",
        "123456-234567-345678-456789-567890-678901-789012-890123",
        id="de-mistyped-with-keyword",
    ),
    case(
        "en", "numbers 123456-234567-345678-456789-567890-678901-789012-890123", id="en-no-checksum"
    ),
    case("de", "Wiederherstellungsschlüssel-ID: 1A2B3C4D", id="de-key-id"),
    case("en", "BitLocker asks for the recovery key", id="en-no-key"),
    case("de", "Bestellung 123456-234567", id="de-two-groups"),
    case("en", "order 342683-249447", id="en-two-valid-groups"),
]


@pytest.mark.parametrize(("language", "text", "expected"), RECOVERY_KEYS)
def test_recovery_keys(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, RecoveryKeyRecognizer) == expected


# --- product keys -------------------------------------------------------------------------

PRODUCT_KEY = "NK7QB-3TXC9-GD8WR-Y4JPM-6HV2F"

PRODUCT_KEYS = [
    case("de", f"Produktschlüssel {PRODUCT_KEY}", PRODUCT_KEY, id="de-key"),
    case("en", f"product key: {PRODUCT_KEY}", PRODUCT_KEY, id="en-key"),
    case(
        "de", "Lizenz ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", id="de-other"
    ),
    case(
        "en", "nk7qb-3txc9-gd8wr-y4jpm-6hv2f", "nk7qb-3txc9-gd8wr-y4jpm-6hv2f", id="en-lower-case"
    ),
    case("de", "Format: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX", id="de-placeholder"),
    case("en", "enter the key as XXXXX-XXXXX-XXXXX-XXXXX-XXXXX", id="en-placeholder"),
    case("de", f"GUID {GUID}", id="de-guid"),
    case("en", "product ID 00330-80000-00000-AA123", id="en-product-id"),
    case("de", "Teilschlüssel: 3V66T", id="de-partial-key"),
    case("en", "six groups abcde-12345-fghij-67890-klmno-pqrst", id="en-six-groups"),
]


@pytest.mark.parametrize(("language", "text", "expected"), PRODUCT_KEYS)
def test_product_keys(spans_found: SpansFound, language: str, text: str, expected: Spans) -> None:
    assert spans_found(text, language, ProductKeyRecognizer) == expected


# --- support text that must stay readable -------------------------------------------------

SUPPORT_TEXT = [
    case("de", "Fehler 0x80070005 beim Update", id="de-error-hex"),
    case("en", "error 0x80070005 during update", id="en-error-hex"),
    case("de", "Anmeldung schlägt fehl mit AADSTS50076", id="de-aadsts"),
    case("en", "sign-in fails with AADSTS50076", id="en-aadsts"),
    case("de", "Fehler 1603 bei der Installation", id="de-msi-error"),
    case("en", "VPN error code 809", id="en-vpn-error"),
    case("de", "Code 0xC004F074 bei der Aktivierung", id="de-activation"),
    case("en", "activation fails with code 0xC004F074", id="en-activation"),
    case("de", "Version 16.0.17928.20114 installiert", id="de-build"),
    case("en", "Teams version 4.2.1", id="en-version"),
    case("de", "Ticket INC0012345 ist noch offen", id="de-ticket"),
    case("en", "please close ticket #48213", id="en-ticket-hash"),
    case("de", "REQ-2024-0815 wurde genehmigt", id="de-request"),
    case("en", "KB5034441 fails to install", id="en-kb"),
    case("de", "Drucker HP LaserJet M479fdw druckt leer", id="de-printer"),
    case("en", "Kyocera ECOSYS M2540dn on the 3rd floor", id="en-printer"),
    case("de", "Server srv-dc01 antwortet nicht", id="de-host"),
    case("en", "my computer is PC-BUCH-014", id="en-host"),
    case("de", f"Correlation ID: {GUID}", id="de-correlation-id"),
    case("en", f"Activity ID {GUID} in the sign-in log", id="en-activity-id"),
    case("de", "Raum 2.014, 2. OG, Port 8443", id="de-room-port"),
    case("en", "room 2.014, second floor, port 8443", id="en-room-port"),
    case("de", "Postfach ist 49,5 GB groß", id="de-size"),
    case("en", "invoice for EUR 1,234.56", id="en-amount"),
    case("de", "Termin morgen um 14:30 Uhr, seit 12.03.2024 kaputt", id="de-time-date"),
    case("en", "meeting at 2:30 pm, broken since 2024-03-12", id="en-time-date"),
    case("de", "Durchwahl 4711, Bestellnummer 123456", id="de-extension-order"),
    case("en", "extension 4711, order number 123456", id="en-extension-order"),
    case("de", "Passwort läuft in 5 Tagen ab, bitte Passwort ändern", id="de-password-expiry"),
    case("en", "SAP password locked, password change required", id="en-password-locked"),
    case("de", "SMS-Code kommt nicht an, MFA-Fehler 500121", id="de-mfa-error"),
    case("en", "authenticator app shows no code, token expired", id="en-no-code"),
]


@pytest.mark.parametrize(("language", "text", "expected"), SUPPORT_TEXT)
def test_support_text_keeps_technical_identifiers(
    spans_found: SpansFound, language: str, text: str, expected: Spans
) -> None:
    assert spans_found(text, language, *SECRET_RECOGNIZERS) == expected


# --- hostile input ------------------------------------------------------------------------

BASE64_RUN = "Zm9vYmFyQmF6UXV4" * 125
HEX_RUN = "0123456789abcdef" * 125

HOSTILE = [
    pytest.param("7" * 2000, [], id="digits"),
    pytest.param("a" * 2000, [], id="one-character"),
    pytest.param("1." * 1000, [], id="dotted-digits"),
    pytest.param("a@" * 1000, [], id="at-signs"),
    pytest.param(":" * 2000, [], id="colons"),
    pytest.param("=" * 2000, [], id="equals-signs"),
    pytest.param("Passwort: " * 200, [], id="keyword-and-colon"),
    pytest.param("password is " * 180, [], id="keyword-and-verb"),
    pytest.param("Passwort:\n" * 200, [], id="keyword-and-line-break"),
    pytest.param("PIN " * 500, [], id="pin-keywords"),
    pytest.param("token " * 333, [], id="token-keywords"),
    pytest.param(HEX_RUN, [], id="hex-run"),
    pytest.param(BASE64_RUN, [], id="base64-run"),
    pytest.param("-----BEGIN" * 200, [], id="begin-without-end"),
    pytest.param("-----BEGIN PRIVATE KEY-----" * 70, [], id="begin-lines-only"),
    pytest.param("123456-" * 285, [], id="digit-groups"),
    pytest.param("12 " * 660, [], id="short-digit-groups"),
    pytest.param("sk-" * 600, [], id="prefixes"),
    pytest.param("https://x.example.com/?" + "&token=" * 250, [], id="url-parameters"),
    pytest.param("🔑 كلمة المرور 🔒 пароль: " * 60, [], id="emoji-and-rtl"),
    pytest.param(
        "-----BEGIN RSA PRIVATE KEY-----\n" + BASE64_RUN,
        [("CREDENTIAL", "-----BEGIN RSA PRIVATE KEY-----\n" + BASE64_RUN)],
        id="begin-and-base64-run",
    ),
    pytest.param("Bearer " + BASE64_RUN, [("CREDENTIAL", BASE64_RUN)], id="bearer-and-base64-run"),
]


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("text", "expected"), HOSTILE)
@pytest.mark.parametrize("language", ["de", "en"])
def test_hostile_input_is_handled(
    spans_found: SpansFound, language: str, text: str, expected: Spans
) -> None:
    assert spans_found(text, language, *SECRET_RECOGNIZERS) == expected
