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
from pii.recognizers.credential_values import (
    WordTest,
    is_quoted,
    is_statement,
    passphrase_end,
    trimmed,
    word_may_be_secret,
)
from pii.recognizers.credential_words import (
    ADVERB,
    ANY_KEYWORD,
    ASIDE,
    BEFORE_SEPARATOR,
    DETERMINER,
    FOLLOWS,
    KEYWORD,
    PAIR_KEYWORD,
    PASSPHRASE_KEYWORD,
    PASSWORD_LIKE,
    PLACEHOLDER,
    SEPARATOR,
    SHAPED,
    STATE,
    STRONG_PAIR,
    TECHNICAL,
    TOPIC,
    VALUE,
    VERB,
    WORD,
    YEAR,
)

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


class CredentialRecognizer(EntityRecognizer):
    """Finds passwords and PINs after (or before) their keywords; reports the value only."""

    PATTERNS: ClassVar[dict[str, re.Pattern[str]]] = {
        name: re.compile(pattern, re.IGNORECASE)
        for name, pattern in {
            "separator": rf"{KEYWORD}{TOPIC}{ASIDE}(?:\s{{1,3}}{VERB}{ADVERB}{FOLLOWS})?{BEFORE_SEPARATOR}"
            rf"{SEPARATOR}{VALUE}",
            "verb": rf"{KEYWORD}{TOPIC}{ASIDE}(?:\s{{1,3}}{VERB}|['’]s){ADVERB}\s{{1,3}}{VALUE}",
            "preposition": rf"{KEYWORD}\s{{1,3}}(?:auf|in|zu|to|into)\s{{1,3}}{SHAPED}{VALUE}",
            "direct": rf"{KEYWORD}{TOPIC}(?:\s{{1,3}}|\s{{1,3}}[-–—]\s{{1,3}}){SHAPED}{VALUE}",
            "pair": rf"(?<![\w-]){PAIR_KEYWORD}(?![\w-])(?:\s{{0,3}}[:=]|\s{{1,3}}(?:sind|ist|is|are"
            r"|lauten|mit|with)(?:\s{0,3}:)?)\s{0,3}(?:\r?\n\s{0,10})?"
            r"(?P<user>[^\s/:|,;\"']{1,64})(?P<between>\s{0,3}[/|:;,]\s{0,3}|\s{1,3})"
            rf"(?:(?:pw|pwd|passwort|password|kennwort|pass)\s{{0,2}}[:=]?\s{{0,2}})?{VALUE}",
            "url": r"\b[a-z][a-z0-9+.-]{1,15}://[^\s:/@]{1,64}:(?P<value>[^\s@/]{1,128})@[\w.-]",
            "net_use": r"(?<![\w-])net\s{1,3}use\b(?:[^\n]{0,200}?/user:\S{1,64}\s{1,3}"
            r"|\s{1,3}(?:[a-z]:\s{1,3}|\*\s{1,3})?\\\\\S{1,100}\s{1,3})(?P<value>\S{1,128})",
            "app_password": r"(?<![\w-])app[-\s]?(?:kennwort|passwort|password)s?\s{0,3}"
            rf"(?:[:=]|\s{VERB})?\s{{0,3}}(?P<value>(?-i:[a-z]{{4}}(?:[ -]?[a-z]{{4}}){{3}}))(?![\w])",
            "value_first": rf"(?<!\S){SHAPED}{VALUE}\s{{1,3}}(?:ist|war|wäre|is|was|=)\s{{1,3}}"
            rf"{DETERMINER}{STATE}{KEYWORD}(?![\w-])",
            "keyword_left_out": r"(?<![\w-])(?:das|der|die|mein|meine|meinen|the|my)\s{1,3}"
            r"(?:alte|neue|vorherige|bisherige|aktuelle|temporäre|initiale|andere|old|new"
            r"|previous|current|temporary|initial|other)[sn]?\s{1,3}(?:one\s{1,3})?"
            rf"(?:war|ist|wäre|lautet|lautete|heißt|was|is|would\s{{1,3}}be)\s{{1,3}}{SHAPED}{VALUE}",
            "changed_to": rf"(?<![\w-])(?:auf|in|zu)\s{{1,3}}{SHAPED}{VALUE}\s{{1,3}}(?:geändert"
            r"|geaendert|gesetzt|zurückgesetzt|zurueckgesetzt|umgestellt)(?![\w-])",
            "changed_to_en": r"(?<![\w-])(?:changed|set|reset|updated|switched)\s{1,3}"
            rf"(?:(?:it|(?:the|my|your)\s{{1,3}}[\w-]{{1,30}})\s{{1,3}})?to\s{{1,3}}{SHAPED}{VALUE}",
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
        self, name: str, match: re.Match[str], text: str, is_word: WordTest
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
        if PLACEHOLDER.fullmatch(raw) or (name != "separator" and raw.endswith(":")):
            return None  # "password is now: summer" is the separator pattern's
        if is_quoted(raw):
            inner = raw[1:-1].strip()
            return (start, end) if inner and not TECHNICAL.fullmatch(inner) else None
        start, end = trimmed(text, start, end)
        value = text[start:end]
        if len(value) < _MIN_LENGTH.get(name, _DEFAULT_MIN_LENGTH) or is_statement(value):
            return None
        if name == "pair" and not self._is_pair_password(match, value):
            return None
        if name in ("direct", "preposition") and YEAR.fullmatch(value) and not _is_pin(keyword):
            return None  # "Passwort von Outlook 2019 …"; a PIN may well be a year
        if name == "direct" and match.group("topic") and not PASSWORD_LIKE.search(value):
            return None  # "password for user jdoe42", "Passwort für Server srv-dc01"
        if name in (
            "value_first",
            "keyword_left_out",
            "changed_to",
            "changed_to_en",
        ) and not self._keyword_nearby(name, match, text):
            return None
        if WORD.fullmatch(value.rstrip("!?")):
            phrase_end = passphrase_end(text, start, end) if self._is_phrase(name, match) else end
            if phrase_end > end:
                return start, phrase_end
            if not self._words_allowed(name, match) or not word_may_be_secret(
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
            PASSPHRASE_KEYWORD.search(match.string[max(0, start - 7) : match.end("keyword")])
            is not None
        )

    @staticmethod
    def _words_allowed(name: str, match: re.Match[str]) -> bool:
        """Whether a value of letters only may be a password here: after ":" or a verb, and in a
        pair only after "/" and a keyword that announces a password ("creds: admin / admin",
        not "Anmeldung mit Outlook / Teams")."""
        if name == "pair":
            return bool(match.group("between").strip()) and bool(
                STRONG_PAIR.fullmatch(match.group("pair"))
            )
        return name in _WORDS_ALLOWED

    @staticmethod
    def _is_pair_password(match: re.Match[str], value: str) -> bool:
        between = match.group("between").strip()
        if between == ":" and value.isdigit() and len(value) <= 5:
            return False  # host:port
        if not between:  # "Zugangsdaten: mmuster Sommer2024" needs a password-like value
            keyword = match.group("pair").casefold()
            return not keyword.startswith(("account", "konto")) and not WORD.fullmatch(value)
        return True

    @staticmethod
    def _keyword_nearby(name: str, match: re.Match[str], text: str) -> bool:
        """Values without a keyword of their own need one earlier in the text; a value before
        the keyword must not be a year ("2024 war das Passwort noch gültig")."""
        if name == "value_first":
            return not YEAR.fullmatch(match.group("value"))
        start = match.start()
        return ANY_KEYWORD.search(text, max(0, start - 300), match.end()) is not None


def _word_test(nlp_artifacts: Any, language: str) -> WordTest:
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
