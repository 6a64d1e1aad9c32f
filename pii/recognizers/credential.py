"""Passwords and PINs that users paste into the chat, in German and English.

Only the secret value is reported, never the keyword: "mein Passwort ist Sommer2024!" becomes
"mein Passwort ist <CREDENTIAL_1>". The shapes, with their scores:

- keyword, then ":" or "=" (also on the next line, also after "gesetzt"/"reset to"):
  ``Passwort: Sommer2024!``, ``PW = Xk9#mq``, ``WLAN-Schlüssel: Blaue-Katze-42``,
  ``DB_PASSWORD=Qw7!rtz``, ``Kenncode: Xy7abC`` (0.95);
- keyword and a verb: ``Kennwort lautet 'Blume!7'``, ``my pass is Tr0ub4dor&3``,
  ``neues Passwort wäre Herbst#2025`` (0.9);
- keyword and the value, directly or after "auf"/"to": ``PIN 4711``, ``SIM-PIN 1234``,
  ``PUK 12345678``, ``user mmuster pw Sommer2024``, ``Passwort auf Test1234 geändert`` (0.85);
- the value first (``Sommer2024! ist mein Passwort``, 0.85), or the keyword left out after it
  was named (``neues Passwort wäre Herbst#2025, das alte war Test1234``, 0.8);
- a user/password pair after "Zugangsdaten", "creds" or "Login" (``creds: admin / Adm1n!2024``,
  the password only: the user name is the username recognizer's), the password in a URL
  (``smb://mmuster:Sommer2024@fs01``), ``net use`` lines and app passwords
  (``App-Kennwort: abcd efgh ijkl mnop``) (0.9-0.95).

Not secrets: statements about a password ("Passwort ist abgelaufen", "password is not
working", "PIN gesperrt"), masks and placeholders ("***", "<redacted>"), and technical values
(error codes, versions, dates, times, ticket and KB numbers, sizes, URLs, paths). Directly after
the keyword or "auf"/"to", a value needs a digit or a symbol, and a year is a product version
("Passwort von Outlook 2019 …") unless the keyword is a PIN. A value of letters only counts only
after ":" or a verb and only when it ends the clause, and then when it is no word of the language
(Lotse's lexicon: "qwertz"), a capitalised word ("Das Passwort ist Sommer."), or any word after
":" ("passwort ist jetzt: sommer"); a lower-case word after a verb is a statement ("Passwort ist
veraltet"), and so is "Passwort ist Sommer und …". Passwords with spaces are found whole in quotes, and after Wi-Fi and
passphrase keywords when they fill the rest of the line or sentence with up to six words and no
statement word ("WLAN-Schlüssel ist Blaue Katze tanzt 42").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import CREDENTIAL

_LONG_KEYWORD = (
    r"[\w-]{0,30}?(?:passw[oö]r[td](?:e?s|er|e|n)?|pass?wrod|passowrd|paswort|passwrt|passwd"
    r"|paswd|pswd|pwort|pword|passw|pass\s?phrase|passcode|kenncode|kennw[oö]rt(?:e?s|er|e)?|kennw"
    r"|geheimzahl)"
)
_WIFI_KEY = (
    r"(?:wlan|wifi|wi-fi|wpa[23]?(?:-psk)?|wep|netzwerk|netzwerksicherheits|funknetz"
    r"|network(?:\s{1,2}security)?)[-\s]?(?:schlüssel|schluessel|key)|psk|pre-?shared[-\s]key"
)
_ACCESS_CODE = (
    r"(?:zugangs|tür|tuer|alarm|sperr|entsperr|tresor)-?code"
    r"|(?:door|access|alarm|unlock|lock\s?screen)\s?code"
)
_SHORT_WORD = (
    r"(?:\w{1,20}[-_]){0,2}(?:pwd|pw|pins?(?:-?code|-?nummer|\s(?:code|number))?"
    r"|puk\d?(?:-?code)?|pass)"
)
_KEYWORD = (
    rf"(?<![\w-])(?P<keyword>{_LONG_KEYWORD}|{_WIFI_KEY}|{_ACCESS_CODE}|{_SHORT_WORD})(?![\w-])\.?"
)
_ANY_KEYWORD = re.compile(_KEYWORD, re.IGNORECASE)

_VERB = (
    r"(?:ist|sind|lautet|lauten|lautete|war|wäre|waere|heißt|heisst|bleibt|wird|soll(?:te)?"
    r"|is|are|was|were|remains|would\s{1,3}be|will\s{1,3}be|should\s{1,3}be|must\s{1,3}be"
    r"|has\s{1,3}been)"
)
_ADVERB = (
    r"(?:\s{1,3}(?:jetzt|nun|noch|immer|aktuell|derzeit|momentan|wieder|wohl|vermutlich"
    r"|eigentlich|übrigens|einfach|nur|weiterhin|vorübergehend|auch|vorher|früher|bisher|zuletzt"
    r"|ursprünglich|damals|now|still|currently|again|probably|actually|btw|just|simply"
    r"|temporarily|also|before|previously|originally|set\s{1,3}to)){0,2}"
)
_FOLLOWS = r"(?:\s{1,3}(?:wie\s{1,3}folgt|folgendes|folgendermaßen|as\s{1,3}follows))?"
# "Passwort gesetzt:", "password was reset to:": words that may stand before the ":".
_BEFORE_SEPARATOR = (
    r"(?:\s{1,3}(?:gesetzt|geändert|geaendert|erstellt|vergeben|zurückgesetzt|generiert|erhalten"
    r"|bekommen|wurde|wird|habe|hab|ich|has|been|was|is|set|changed|created|reset|generated"
    r"|received|updated|to|auf|in|now|jetzt|nun)){0,3}"
)
# "für SAP", "for the guest wifi", "des Admins": what the password is for.
_TOPIC = (
    r"(?P<topic>\s{1,3}(?:für|fuer|fürs|vom|von|zum|zur|des|der|im|for|of|on|to|at)"
    r"(?:\s{1,3}[^\s:=,;!?]{1,40}){1,3}?)?"
)
_ASIDE = r"(?:\s{0,3}\([^()\n]{1,40}\))?"
_SEPARATOR = (
    r"\s{0,3}[*_]{0,2}\s{0,3}(?::=|=>|->|→|[:=：])[*_]{0,2}[ \t]{0,10}(?:\r?\n[ \t]{0,10}){0,2}"
)
_VALUE = (
    r"(?P<value>\"[^\"\n]{1,128}\"|'[^'\n]{1,128}'|„[^“”\"\n]{1,128}[“”\"]|“[^”\n]{1,128}”"
    r"|«[^»\n]{1,128}»|»[^«\n]{1,128}«|‚[^‘’\n]{1,128}[‘’]|`[^`\n]{1,128}`"
    r"|\d{3,4}(?:\s\d{3,4}){1,3}(?![\w])|\S{1,128})"
)
# A value with a digit or a symbol (not only sentence punctuation at its end): required in the
# patterns whose keyword is not followed by ":" or a verb, so that the regex backtracks to the
# right value ("Passwort für den Drucker-Admin Druck3r!").
_SHAPED = r"(?=\S{0,127}?(?:\d|[^\w\s'’.,;:!?-]|[.,;:!?](?=\S)))"
_DETERMINER = (
    r"(?:(?:mein|meine|meinen|dein|deine|das|der|die|sein|seine|ihr|ihre|unser|unsere"
    r"|the|my|your|his|her|our|its)\s{1,3})?"
)
_STATE = (
    r"(?:(?:neue|alte|aktuelle|bisherige|vorherige|temporäre|initiale|new|old|current"
    r"|previous|temporary|initial|default)[sn]?\s{1,3})?"
)
_PAIR_KEYWORD = (
    r"(?P<pair>creds|credentials|zugangsdaten|anmeldedaten|log-?in-?daten|log-?in|account"
    r"|anmeldung|anmelden|einloggen|signing\s{1,2}in|sign\s{1,2}in|logging\s{1,2}in"
    r"|(?:benutzer(?:name)?|user(?:name)?|login|kennung)\s{0,2}(?:/|und|and|&|\+)\s{0,2}"
    r"(?:passwort|kennwort|password|pass|pwd|pw))"
)

_STRONG_PAIR = re.compile(
    r"creds|credentials|zugangsdaten|anmeldedaten|log-?in-?daten|(?:benutzer|user|login|kennung)"
    r"\w{0,4}\s{0,2}(?:/|und|and|&|\+)\s{0,2}\w{1,10}",
    re.IGNORECASE,
)
# Keywords of passwords that are often phrases: the whole phrase is the secret when it fills the
# rest of the line ("WLAN-Schlüssel ist Blaue Katze 42").
_PASSPHRASE_KEYWORD = re.compile(
    rf"pass\s?phrase|{_WIFI_KEY}|(?:wlan|wifi|wi-fi)[-\s]?(?:passwort|password|kennwort)",
    re.IGNORECASE,
)
_PHRASE = re.compile(r"(?:[ \t]{1,3}[^\W_][\w'’-]{0,30}){1,5}(?=[.,;!](?:\s|$)|[ \t]*(?:\r?\n|$))")

_SCORES = {
    "separator": 0.95,
    "verb": 0.9,
    "preposition": 0.85,
    "direct": 0.85,
    "pair": 0.9,
    "url": 0.95,
    "net_use": 0.9,
    "app_password": 0.95,
    "value_first": 0.85,
    "keyword_left_out": 0.8,
    "changed_to": 0.85,
    "changed_to_en": 0.85,
}
# Patterns after which a value of letters only may be a password ("Passwort: sommer").
_WORDS_ALLOWED = frozenset({"separator", "verb", "pair"})
_MIN_LENGTH = {"separator": 3, "verb": 3, "pair": 3, "url": 1, "net_use": 1}
_DEFAULT_MIN_LENGTH = 4

_OPENING_QUOTES = "\"'„“”«»‚`"
_CLOSING_QUOTES = "\"'“”»«‘’`"
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+){0,5}")
_PLACEHOLDER = re.compile(r"<[A-Z_]{2,30}_\d{1,4}>|<[^<>\s]{1,40}>|\[[^\[\]]{1,40}\]")
_YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")
# Right after what a password is for, a value must look like one: a symbol, or mixed case and
# digits ("Passwort für SAP Winter2023", not "Passwort für Benutzer mmuster1").
_PASSWORD_LIKE = re.compile(r"[^\w\s.-]|(?=.*[a-zäöü])(?=.*[A-ZÄÖÜ])(?=.*\d)")

# Values that are error codes, versions, dates, sizes, links or masks, not secrets.
_TECHNICAL = re.compile(
    r"0x[0-9a-f]{1,16}"
    r"|v?\d{1,5}(?:[.,]\d{1,6}){1,4}[a-z]?"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?|\d{1,2}[./]\d{1,2}\."
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:h|uhr|am|pm)?"
    r"|(?:kb|inc|req|ritm|chg|prb|task|sctask|sr|aadsts|tkt|ticket|err|error|fehler)[-#_]?\d{2,12}"
    r"(?:-\d{1,8}){0,2}"
    r"|#\d{1,12}|\d{1,3}"
    r"|\d{1,6}(?:[.,]\d{1,3})?[\s-]?(?:x|mal|%|gb|mb|kb|tb|gib|mib|ms|s|sek|min|h|std|tagen?"
    r"|tage|days?|wochen|weeks?|monaten?|months?|jahren?|years?|zeichen|stellen|stellig\w{0,3}"
    r"|chars?|characters?|digits?|ziffern|versuchen?|attempts?|tries|€|eur|euro|usd|\$|px|dpi"
    r"|ghz|mhz|mbit|gbit)"
    r"|https?://\S*|www\.\S*|\S{1,64}\.(?:exe|msi|dll|txt|log|pdf|docx?|xlsx?|pptx?|zip|csv|json"
    r"|xml|ini|cfg|ps1|bat|cmd|sh|png|jpe?g)"
    r"|[/\\~]\S*|[a-z]:[\\/]\S*"
    r"|[*•·●∙x.…_\-–—?#]{1,128}"
    r"|[23]-?fa|mfa|sso|otp|tan|n/a",
    re.IGNORECASE,
)

# Words that describe a password or fill a sentence rather than being one (compared casefolded).
_NOT_SECRETS = frozenset(
    """
    vergessen abgelaufen ausgelaufen falsch ungültig ungueltig gültig gueltig gesperrt entsperrt
    blockiert geändert geaendert zurückgesetzt zurueckgesetzt korrekt richtig neu neues alt altes
    leer weg abgelehnt unbekannt bekannt gespeichert hinterlegt veraltet unsicher sicher schwach
    stark kurz lang identisch gleich gleiche gleichen dasselbe derselbe egal geheim pflicht
    erforderlich notwendig nötig benötigt verlangt deaktiviert aktiviert gelöscht kaputt
    fehlerhaft ändern aendern zurücksetzen eingeben vergeben gesetzt eingerichtet angefordert
    verschickt gesendet unterwegs standard üblich übliche bekannte teil mist quatsch sache problem
    voraussetzung nicht kein keine keinen nie noch schon auch immer wohl doch bitte siehe unten
    oben anbei folgt folgendes folgende wie gehabt vorher nachher jetzt gerade ja nein ok okay
    ich du er sie es wir ihr mein meine meinen dein deine sein seine ihre unser das der die den
    dem des ein eine einen einem einer hier da dort was wer wo wann warum weil und oder aber für
    fuer mit ohne von vom zum zur im in an am auf aus bei nach vor seit über unter um zu
    ist sind war waren wird werden wurde wäre hat habe haben hatte kann können muss müssen soll
    sollte geht ging klappt funktioniert lautet heißt heisst mindestens höchstens leider gerne
    irgendwie wirklich trotzdem anscheinend offenbar scheinbar angeblich plötzlich
    forgotten forgot expired expiring expires wrong invalid incorrect locked unlocked changed
    reset correct right new old empty gone not no none null nil missing blank required mandatory
    needed necessary sensitive case-sensitive secret same identical different weak strong short
    long fine yes set saved stored known unknown rejected accepted blocked disabled enabled
    deleted broken working valid too also still already always never just please see below
    above attached following follows usual default the a an my your his her our their this that
    it its here there what which who when why because and or but for with without from of to on
    at by via is are was were be been being will would should must can could has have had does
    do did doesn't don't didn't isn't wasn't won't can't cannot unfortunately somehow really now
    apparently suddenly least most
    min mind max ca etwa approx pflichtfeld pflichtangabe pflichtfelder zufall zufällig random
    passwort password kennwort passwd pwd pw pin puk passphrase passcode tbd todo
    """.split()
)


class CredentialRecognizer(EntityRecognizer):
    """Finds passwords and PINs after (or before) their keywords; reports the value only."""

    PATTERNS: ClassVar[dict[str, re.Pattern[str]]] = {
        name: re.compile(pattern, re.IGNORECASE)
        for name, pattern in {
            "separator": rf"{_KEYWORD}{_TOPIC}{_ASIDE}(?:\s{{1,3}}{_VERB}{_ADVERB}{_FOLLOWS})?{_BEFORE_SEPARATOR}"
            rf"{_SEPARATOR}{_VALUE}",
            "verb": rf"{_KEYWORD}{_TOPIC}{_ASIDE}(?:\s{{1,3}}{_VERB}|['’]s){_ADVERB}\s{{1,3}}{_VALUE}",
            "preposition": rf"{_KEYWORD}\s{{1,3}}(?:auf|in|zu|to|into)\s{{1,3}}{_SHAPED}{_VALUE}",
            "direct": rf"{_KEYWORD}{_TOPIC}(?:\s{{1,3}}|\s{{1,3}}[-–—]\s{{1,3}}){_SHAPED}{_VALUE}",
            "pair": rf"(?<![\w-]){_PAIR_KEYWORD}(?![\w-])(?:\s{{0,3}}[:=]|\s{{1,3}}(?:sind|ist|is|are"
            r"|lauten|mit|with)(?:\s{0,3}:)?)\s{0,3}(?:\r?\n\s{0,10})?"
            r"(?P<user>[^\s/:|,;\"']{1,64})(?P<between>\s{0,3}[/|:;,]\s{0,3}|\s{1,3})"
            rf"(?:(?:pw|pwd|passwort|password|kennwort|pass)\s{{0,2}}[:=]?\s{{0,2}})?{_VALUE}",
            "url": r"\b[a-z][a-z0-9+.-]{1,15}://[^\s:/@]{1,64}:(?P<value>[^\s@/]{1,128})@[\w.-]",
            "net_use": r"(?<![\w-])net\s{1,3}use\b(?:[^\n]{0,200}?/user:\S{1,64}\s{1,3}"
            r"|\s{1,3}(?:[a-z]:\s{1,3}|\*\s{1,3})?\\\\\S{1,100}\s{1,3})(?P<value>\S{1,128})",
            "app_password": r"(?<![\w-])app[-\s]?(?:kennwort|passwort|password)s?\s{0,3}"
            rf"(?:[:=]|\s{_VERB})?\s{{0,3}}(?P<value>(?-i:[a-z]{{4}}(?:[ -]?[a-z]{{4}}){{3}}))(?![\w])",
            "value_first": rf"(?<!\S){_SHAPED}{_VALUE}\s{{1,3}}(?:ist|war|wäre|is|was|=)\s{{1,3}}"
            rf"{_DETERMINER}{_STATE}{_KEYWORD}(?![\w-])",
            "keyword_left_out": r"(?<![\w-])(?:das|der|die|mein|meine|meinen|the|my)\s{1,3}"
            r"(?:alte|neue|vorherige|bisherige|aktuelle|temporäre|initiale|andere|old|new"
            r"|previous|current|temporary|initial|other)[sn]?\s{1,3}(?:one\s{1,3})?"
            rf"(?:war|ist|wäre|lautet|lautete|heißt|was|is|would\s{{1,3}}be)\s{{1,3}}{_SHAPED}{_VALUE}",
            "changed_to": rf"(?<![\w-])(?:auf|in|zu)\s{{1,3}}{_SHAPED}{_VALUE}\s{{1,3}}(?:geändert"
            r"|geaendert|gesetzt|zurückgesetzt|zurueckgesetzt|umgestellt)(?![\w-])",
            "changed_to_en": r"(?<![\w-])(?:changed|set|reset|updated|switched)\s{1,3}"
            rf"(?:(?:it|(?:the|my|your)\s{{1,3}}[\w-]{{1,30}})\s{{1,3}})?to\s{{1,3}}{_SHAPED}{_VALUE}",
        }.items()
    }
    # The keywords, for readers and for Lotse's lexicon (this recognizer checks them itself:
    # Presidio's window would also boost "Passwort vergessen, Ticket INC0012345").
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "passwort",
        "kennwort",
        "password",
        "pin",
        "puk",
        "wlan-schlüssel",
        "wifi key",
        "zugangsdaten",
        "credentials",
    )

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[CREDENTIAL],
            name=f"CredentialRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and CREDENTIAL not in entities:
            return []
        is_word = _word_test(nlp_artifacts, self.supported_language)
        scores: dict[tuple[int, int], float] = {}
        user_names: list[tuple[int, int]] = []
        for name, pattern in self.PATTERNS.items():
            position = 0
            while (match := pattern.search(text, position)) is not None:
                span = self._span(name, match, text, is_word)
                if span is None:
                    position = match.start() + 1
                    continue
                scores[span] = max(scores.get(span, 0.0), _SCORES[name])
                if name == "pair":
                    user_names.append(match.span("user"))
                position = match.end()
        return [
            RecognizerResult(entity_type=CREDENTIAL, start=start, end=end, score=score)
            for (start, end), score in _outermost(scores, user_names)
        ]

    def _span(
        self, name: str, match: re.Match[str], text: str, is_word: _WordTest
    ) -> tuple[int, int] | None:
        start, end = match.span("value")
        raw = text[start:end]
        keyword = match.groupdict().get("keyword") or ""
        if (
            _bare_keyword(keyword) == "pass"
            and "_" not in keyword
            and (self.supported_language != "en" or name in ("direct", "preposition"))
        ):
            return None  # German "Pass" is a passport; "pass the test" is no password
        if _PLACEHOLDER.fullmatch(raw) or (name != "separator" and raw.endswith(":")):
            return None  # "password is now: summer" is the separator pattern's
        if _is_quoted(raw):
            inner = raw[1:-1].strip()
            return (start, end) if inner and not _TECHNICAL.fullmatch(inner) else None
        start, end = _trimmed(text, start, end)
        value = text[start:end]
        if len(value) < _MIN_LENGTH.get(name, _DEFAULT_MIN_LENGTH) or _is_statement(value):
            return None
        if name == "pair" and not self._is_pair_password(match, value):
            return None
        if name in ("direct", "preposition") and _YEAR.fullmatch(value) and not _is_pin(keyword):
            return None  # "Passwort von Outlook 2019 …"; a PIN may well be a year
        if name == "direct" and match.group("topic") and not _PASSWORD_LIKE.search(value):
            return None  # "password for user jdoe42", "Passwort für Server srv-dc01"
        if name in (
            "value_first",
            "keyword_left_out",
            "changed_to",
            "changed_to_en",
        ) and not self._keyword_nearby(name, match, text):
            return None
        if _WORD.fullmatch(value.rstrip("!?")):
            phrase_end = _passphrase_end(text, start, end) if self._is_phrase(name, match) else end
            if phrase_end > end:
                return start, phrase_end
            if not self._words_allowed(name, match) or not _word_may_be_secret(
                value.rstrip("!?"),
                after_separator=name != "verb",
                text=text,
                end=end,
                is_word=is_word,
            ):
                return None
        return start, end

    @staticmethod
    def _is_phrase(name: str, match: re.Match[str]) -> bool:
        """Whether the keyword is one of a Wi-Fi passphrase ("WLAN-Schlüssel", "wifi password")."""
        if name not in ("separator", "verb"):
            return False
        start = match.start("keyword")
        return (
            _PASSPHRASE_KEYWORD.search(match.string[max(0, start - 7) : match.end("keyword")])
            is not None
        )

    @staticmethod
    def _words_allowed(name: str, match: re.Match[str]) -> bool:
        """Whether a value of letters only may be a password here: after ":" or a verb, and in a
        pair only after "/" and a keyword that announces a password ("creds: admin / admin",
        not "Anmeldung mit Outlook / Teams")."""
        if name == "pair":
            return bool(match.group("between").strip()) and bool(
                _STRONG_PAIR.fullmatch(match.group("pair"))
            )
        return name in _WORDS_ALLOWED

    @staticmethod
    def _is_pair_password(match: re.Match[str], value: str) -> bool:
        between = match.group("between").strip()
        if between == ":" and value.isdigit() and len(value) <= 5:
            return False  # host:port
        if not between:  # "Zugangsdaten: mmuster Sommer2024" needs a password-like value
            keyword = match.group("pair").casefold()
            return not keyword.startswith(("account", "konto")) and not _WORD.fullmatch(value)
        return True

    @staticmethod
    def _keyword_nearby(name: str, match: re.Match[str], text: str) -> bool:
        """Values without a keyword of their own need one earlier in the text; a value before
        the keyword must not be a year ("2024 war das Passwort noch gültig")."""
        if name == "value_first":
            return not _YEAR.fullmatch(match.group("value"))
        start = match.start()
        return _ANY_KEYWORD.search(text, max(0, start - 300), match.end()) is not None


_WordTest = Callable[[str], bool] | None


def _word_test(nlp_artifacts: Any, language: str) -> _WordTest:
    """The lexicon's word test when the NLP engine is Lotse's offline one, else None."""
    engine = getattr(nlp_artifacts, "nlp_engine", None)
    lexicon = getattr(engine, "lexicon", None)
    if lexicon is None:
        return None
    is_word: Callable[[str], bool] = lexicon(language).is_word
    return is_word


def _bare_keyword(keyword: str) -> str:
    return re.split(r"[-_]", keyword.casefold().rstrip("."))[-1]


def _is_pin(keyword: str) -> bool:
    return re.search(r"pin|puk|geheimzahl|code", keyword, re.IGNORECASE) is not None


def _is_quoted(raw: str) -> bool:
    return len(raw) >= 3 and raw[0] in _OPENING_QUOTES and raw[-1] in _CLOSING_QUOTES


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The value without sentence punctuation, unmatched brackets and stray quotes around it."""
    while start < end and text[start] in _OPENING_QUOTES + "([{":
        start += 1
    while start < end:
        last = text[end - 1]
        opener = {")": "(", "]": "[", "}": "{"}.get(last)
        if last in ".,;:?" + _CLOSING_QUOTES or (
            opener is not None and opener not in text[start : end - 1]
        ):
            end -= 1
        else:
            break
    return start, end


def _is_statement(value: str) -> bool:
    bare = value.rstrip("!?")
    return (
        not bare
        or bare.casefold() in _NOT_SECRETS
        or _TECHNICAL.fullmatch(bare) is not None
        or _PLACEHOLDER.fullmatch(value) is not None
        or _ANY_KEYWORD.fullmatch(bare) is not None
    )


def _passphrase_end(text: str, start: int, end: int) -> int:
    """The end of a Wi-Fi passphrase that starts with the word at `start`..`end`: the rest of the
    line or sentence when that is up to six words without statement words, else the word."""
    rest = _PHRASE.match(text, end)
    if rest is None:
        return end
    if any(word.casefold() in _NOT_SECRETS for word in text[start : rest.end()].split()):
        return end
    return rest.end()


def _word_may_be_secret(
    word: str, *, after_separator: bool, text: str, end: int, is_word: _WordTest
) -> bool:
    """A value of letters only is a password when it ends the clause ("Passwort ist
    abgelaufen, ..." is caught by the word list, "Passwort ist leider abgelaufen" here) and is
    no word of the language ("qwertz"), a capitalised word ("Das Passwort ist Sommer."), or
    any word after ":" ("passwort ist jetzt: sommer")."""
    if re.match(r"[ \t]*(?:$|[\r\n.,;:!?)\"'“”»])", text[end : end + 20]) is None:
        return False
    if is_word is not None and not all(is_word(part) for part in re.split(r"[-'’]", word)):
        return True
    return word[0].isupper() or after_separator


def _outermost(
    scores: dict[tuple[int, int], float], user_names: list[tuple[int, int]]
) -> list[tuple[tuple[int, int], float]]:
    """Spans not inside a longer one (which takes the higher score) and not over the user name
    of a pair ("Benutzer/Passwort: mmuster/Sommer2024" reports only the password)."""
    kept: dict[tuple[int, int], float] = {}
    for span in sorted(scores, key=lambda s: (s[0] - s[1], s[0])):
        if any(span[0] < user[1] and user[0] < span[1] for user in user_names):
            continue
        outer = next((k for k in kept if k[0] <= span[0] and span[1] <= k[1]), None)
        if outer is None:
            kept[span] = scores[span]
        else:
            kept[outer] = max(kept[outer], scores[span])
    return sorted(kept.items())
