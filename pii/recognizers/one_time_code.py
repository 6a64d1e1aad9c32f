"""One-time codes: SMS and e-mail codes, TANs, authenticator and 2FA/MFA codes.

A code is 4-8 digits, also in groups ("55 12 90", "482 913"). It counts as a secret (0.9) when
a one-time-code keyword is at most five words before it ("Bestätigungscode 739104",
"SMS-Code: 55 12 90", "TAN 123456", "my verification code is 739104", "OTP 004211",
"Authenticator zeigt 918273", "the 2FA code 482 913") or after it ("482913 ist mein
Bestätigungscode"), with only ordinary words in between. A bare "Code"/"Token" is weaker
evidence (0.75): it needs "ist"/"is"/":" before the code ("der Code ist 4711", "Code für den
Kopierer: 2580"), or a code of 6-8 digits ("Code 482913"), and no error word in the sentence
before it ("Fehlercode 1603", "error code 809", "Setup bricht mit Code 1603 ab"). A word saying
what kind of code it is makes it strong again ("the code from the text message is 448812").

Never codes: digits inside a longer number (phone numbers, "REQ-2024-0815"), versions and
dates, hex error codes ("Code 0x80070005"), numbers after a word that says what they are
("Ticket 482913", "Raum 1234", "Port 8443", "Postleitzahl 10115", "seit 2024") and numbers
followed by a unit ("6 Stellen", "30 Sekunden", "1234 EUR"). Alphanumeric device codes are
not covered.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import CREDENTIAL

_STRONG_SCORE = 0.9
_BARE_SCORE = 0.75
_MAX_WORDS_BETWEEN = 5

# What kind of code a word before "code" makes it ("SMS-Code", "verification code").
_CODE_KINDS = (
    r"sms|text|e-?mail|mail|push|app|bestätigungs|bestaetigungs|bestätigung|verifizierungs"
    r"|verifikations|verification|verify|confirmation|sicherheits|security|authentifizierungs"
    r"|authentication|authenticator|auth|anmelde|login|log-?in|logon|sign-?in|einmal|one-?time"
    r"|freigabe|mfa|2fa|tfa|otp|totp|tan|token|zugriffs|access|kopplungs|pairing|geräte|device"
    r"|zwei-?faktor|2-?faktor|two-?factor|2-?factor|[4-8]-?stellige[nr]?|[4-8]-?digit"
    r"|vier|fünf|sechs|sieben|acht|six|eight|sechsstellige[nr]?|achtstellige[nr]?|six-digit"
)
# A word that on its own makes a number nearby a one-time code.
_STRONG = re.compile(
    rf"(?:{_CODE_KINDS})-?(?:codes?|kode)|(?:m|sms|push|chip|photo|i|e|smart|app|mobile)?-?tans?|sms"
    r"|h?otps?|totps?|[23]-?fa|mfa|tfa|(?:zwei|2|multi)-?faktor\w{0,25}|two-factor\w{0,10}"
    r"|multi-?factor\w{0,10}|(?:\w{1,20}-)?authenticator(?:-?app)?|securid|token-?codes?"
    r"|einmal-?(?:code|passwort|kennwort|pin|tan)\w{0,5}|verification|bestätigungs-?sms"
    r"|(?:rsa|hardware|software|soft|hard|securid|mfa|otp|2fa)-?tokens?"
)
_BARE = re.compile(r"codes?|kode|token")
_CODE_KIND = re.compile(rf"(?:{_CODE_KINDS})-?")
# Words that say a number is something else; they block a keyword further away.
_BLOCKERS = re.compile(
    r"fehler\w{0,10}|errors?|ticket\w{0,10}|incident|inc|raum|room|zimmer|etage|port|version"
    r"|build|kb|plz|postleitzahl|zip|telefon\w{0,10}|tel|phone|mobil\w{0,5}|handynummer|rufnummer"
    r"|durchwahl|ext|\w{0,20}(?<!tan-)(?<!tan)nummer|\w{0,20}number|nr|no|id|\w{1,20}-id|kennung"
    r"|konto|account|iban|betrag|amount|eur|euro|€|serial|seriennummer|ip|uhr|datum|date|jahr"
    r"|year|minuten|minutes|sekunden|seconds|stunden|hours|tage|days|mal|times|versuche?n?"
    r"|attempts?|kunde|kunden|customer|order|bestellung|rechnung|invoice|auftrag|vorgang|case"
    r"|anfrage|request|correlation|event|ereignis|status|exit|hresult|http|win32|kb\d{1,10}"
)
# Words that make a bare "Code" an error code when they come earlier in the sentence.
_ERROR_WORDS = re.compile(
    r"fehler\w{0,12}|\w{0,12}fehler|errors?|exit|status|return|rückgabe\w{0,6}|event|ereignis"
    r"|stop|bluescreen|bugcheck|http|hresult|win32|response|result|ergebnis|reason|grund|fault"
    r"|quell|source|zip|post|plz|area|vorwahl|sql|smtp|exception|failed|fails|fail"
    r"|fehlgeschlagen|abgebrochen|bricht|crash\w{0,4}|meldung|message|warnung|warning|setup"
    r"|install\w{0,8}|update|msi|qr|bar|programm|program|quelltext|quellcode|source-?code"
)
# Words right before a number that make it a time, a year or a count.
_TIME_WORDS = frozenset(
    "seit since um bis until ab am vor nach after before im in at on from von vom jahr year "
    "ca circa etwa about approx".split()
)
_UNITS = re.compile(
    r"zeichen|stellen|stellig\w{0,3}|ziffern|digits?|characters?|sekunden|seconds?|sek|sec"
    r"|minuten|minutes?|min|stunden|hours?|tage|days?|eur|euro|€|\$|usd|%|gb|mb|kb|tb|mal"
    r"|times|uhr|h|ms|px|dpi|mbit|gbit|kbit|punkte|points|seiten|pages"
)
_VERB = re.compile(r"ist|lautet|war|is|was|lautete|heißt|heisst")
_TOPIC_WORDS = frozenset("für fuer vom von zum zur am an for of to on at".split())
_PUNCTUATION = ":;,.!?()[]{}\"'„“”«»‚‘’`*"


class OneTimeCodeRecognizer(EntityRecognizer):
    """Finds 4-8 digit one-time codes near a one-time-code keyword."""

    PATTERNS: ClassVar[dict[str, re.Pattern[str]]] = {
        # digits not inside a longer number, a version, a date, a time or an identifier
        "code": re.compile(
            r"(?<![\w.,:/+#@$€-])(?<!\d[ \u00a0-])"
            r"(?P<code>\d{2,4}(?:[ \u00a0-]\d{2,4}){1,3}|\d{4,8})"
            r"(?![ \u00a0-]?\d)(?![\w@/%€$]|[.,:]\d)"
        ),
    }
    # The keywords, for readers and for Lotse's lexicon (this recognizer checks them itself:
    # Presidio's substring match would take "Fehlercode 1603" for a code).
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "bestätigungscode",
        "sms-code",
        "tan",
        "otp",
        "2fa",
        "mfa",
        "authenticator",
        "verification code",
        "einmalcode",
    )

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[CREDENTIAL],
            name=f"OneTimeCodeRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and CREDENTIAL not in entities:
            return []
        results = []
        for match in self.PATTERNS["code"].finditer(text):
            digits = sum(character.isdigit() for character in match.group("code"))
            if not 4 <= digits <= 8:
                continue
            score = _score(text, match.start(), match.end(), digits)
            if score:
                results.append(
                    RecognizerResult(
                        entity_type=CREDENTIAL, start=match.start(), end=match.end(), score=score
                    )
                )
        return results


def _words(segment: str) -> list[str]:
    """The words of `segment`, casefolded and without the punctuation around them; ":" and
    "=" stay, as words of their own."""
    spaced = re.sub(r"[:=](?!\d)", " : ", segment)
    return [
        piece if piece == ":" else piece.strip(_PUNCTUATION).casefold() for piece in spaced.split()
    ]


def _score(text: str, start: int, end: int, digits: int) -> float:
    line_start = text.rfind("\n", max(0, start - 120), start) + 1
    line_end = text.find("\n", end, end + 80)
    before = _words(text[max(line_start, start - 120) : start])
    after = _words(text[end : line_end if line_end != -1 else end + 80])
    label = [word for word in before if word != ":"][-1:]
    if label and (label[0] in _TIME_WORDS or _BLOCKERS.fullmatch(label[0])):
        return 0.0  # "seit 2024", "Ticket 482913 zum SMS-Code", "Raum: 1234"
    if after and _UNITS.fullmatch(after[0]):
        return 0.0
    return max(_score_before(before, digits), _score_after(after))


def _score_before(words: list[str], digits: int) -> float:
    """The score from a keyword before the code ("TAN 123456", "der Code ist 4711")."""
    between: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word == ":":
            between.append(word)
            continue
        if not word:
            continue
        if _STRONG.fullmatch(word):
            return _STRONG_SCORE
        if _BARE.fullmatch(word):
            kind = words[index - 1] if index > 0 else ""
            if kind and _CODE_KIND.fullmatch(kind):
                return _STRONG_SCORE
            return _bare_score(words[max(0, index - 8) : index], between, digits)
        if _BLOCKERS.fullmatch(word) or not word.isalpha():
            return 0.0
        between.append(word)
        if sum(word != ":" for word in between) > _MAX_WORDS_BETWEEN:
            return 0.0
    return 0.0


def _bare_score(earlier: list[str], between: list[str], digits: int) -> float:
    """A bare "Code" says little: it needs no error word before it, and a word saying what kind
    of code it is, a verb or ":" between it and the digits, or six digits or more."""
    if any(_ERROR_WORDS.fullmatch(word) for word in earlier) or earlier[-1:] in (["mit"], ["with"]):
        return 0.0  # "Fehler beim Setup. Code: 1603", "bricht mit Code 1603 ab"
    if any(_CODE_KIND.fullmatch(word) for word in between):
        return _STRONG_SCORE  # "the code from the text message is 448812"
    if between and not _is_label(list(reversed(between))):
        return 0.0
    return _BARE_SCORE if between or digits >= 6 else 0.0


def _is_label(words: list[str]) -> bool:
    """Words between "Code" and the digits that make a label: "ist", ":", or a short topic
    before them ("Code für den Kopierer: 2580")."""
    if not (_VERB.fullmatch(words[-1]) or words[-1] == ":"):
        return False
    topic = [word for word in words[:-1] if word != ":" and not _VERB.fullmatch(word)]
    return not topic or (len(topic) <= 3 and topic[0] in _TOPIC_WORDS)


def _score_after(words: list[str]) -> float:
    """The score from a keyword after the code ("482913 ist mein Bestätigungscode")."""
    for index, word in enumerate(words[: _MAX_WORDS_BETWEEN + 1]):
        if _STRONG.fullmatch(word):
            return _STRONG_SCORE
        if _BARE.fullmatch(word) and index > 0 and _CODE_KIND.fullmatch(words[index - 1]):
            return _STRONG_SCORE
        if _BLOCKERS.fullmatch(word) or (word and word != ":" and not word.isalpha()):
            return 0.0
    return 0.0
