"""Secret-looking values near a credential word, wherever the sentence puts them.

The credential recognizers read syntax ("Passwort: …", "my password is …"); people also write
"Am Monitor klebt das Admin-Passwort: … Foyer2023", "the Wi-Fi password from the poster,
Welcome2Guest!, doesn't work" or "Invalid PIN but I typed 2580". This recognizer is the net
under them: a token shaped like a secret within a few words of a credential word is reported,
unless it is shaped like something agents need (error code, version, ticket, host, file, date).

Digits alone count from four digits on, near a PIN-like word. A card security code has three or
four: right after (or just before) "CVC", "CVV", "CVC2", "CVV2", "CID", "Kartenprüfnummer",
"Prüfziffer der Karte", "Sicherheitscode" or "security code", with no other number between,
three digits are reported too ("gültig bis 12/27, CVC 123"); "Fehlercode 123", "Raum 123" and
"Port 443" are not.

Fictitious examples: ``Pre-Shared Key … per Chat geschickt: v9!Lk2#xQ8zRt``,
``The current one, R3p0rt!ng_2024, has been shared``, ``PIN … I typed 2580``, ``CVV 737``.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import CREDENTIAL

_TOKEN = re.compile(r"\S{1,160}")
_LEADING = "([{\"'«„“‚‘<"
_TRAILING = ".,;:)]}\"'»“”‘’?>"

# Words (or the last part of compounds) that announce a secret.
_SECRET_WORDS = frozenset(
    "passwort passwörter kennwort passwords password passwd passphrase passcode pw pwd "
    "pin pins puk tan otp geheimzahl zugangsdaten zugangscode credentials creds secret "
    "token tokens apikey api-key schlüssel key psk einmalcode einmalpasswort "
    "bestätigungscode sicherheitscode verification code codes "
    "cvc cvv cvc2 cvv2 cid kartenprüfnummer kartenprüfziffer".split()
)
# Words (or parts of "CVC-Code") for a card's security code, which may have only three digits.
_CARD_CODE_WORDS = frozenset(
    "cvc cvv cvc2 cvv2 cid kartenprüfnummer kartenprüfziffer sicherheitscode security-code".split()
)
# The same as phrases, matched on whole tokens ending where the phrase ends.
_CARD_CODE_PHRASES = (
    ("security", "code"),
    ("prüfziffer", "der", "karte"),
    ("prüfziffer", "der", "kreditkarte"),
)
# Compounds ending in a secret word that are not about secrets ("Fehlercode", "Postleitzahl").
_NOT_SECRET_PREFIXES = ("fehler", "error", "status", "exit", "return", "http", "qr", "bar", "post", "zip", "area", "country", "source", "produkt", "product", "farb", "color", "colour")  # fmt: skip
_DIGITS_ONLY_WORDS = frozenset("pin pins puk tan otp geheimzahl code codes passcode einmalcode bestätigungscode sicherheitscode zugangscode passwort password kennwort".split())  # fmt: skip
# Words right before a value that make it something other than a secret.
_LABELS = frozenset(
    "fehler fehlercode error code-nr ticket inc vorgang kb port raum room zimmer version "
    "build ver v. nummer nr nr. no. number seriennummer serial asset inventar bestellnummer "
    "order rechnung invoice kundennummer ext durchwahl tel tel. telefon phone fax plz "
    "postleitzahl zip ip mac host hostname server pc rechner gerät device modell model "
    "http status".split()
)
_NOT_SECRET_SHAPES = re.compile(
    r"""(?ix)
    0x[0-9a-f]{1,16}                             # error codes
    | [a-z]{0,8}\d{1,6}(?:[.,]\d{1,8}){1,4}      # versions, amounts, decimals
    | v\d{1,4}(?:\.\d{1,6}){0,4}
    | \d{1,2}[.:/-]\d{1,2}(?:[.:/-]\d{2,4})?\.?  # dates and times
    | \d{4}-\d{2}-\d{2}
    | \d{1,4}(?:h\d|[kmgt]i?b|gb|mb|kb|ms|s|px|dpi|ppm|%|€|mbit|ghz|mhz|hz|x)  # sizes, 23H2
    | (?:inc|req|ritm|chg|task|prb|kb|sr|cs|ticket)[-_#]?\d{2,12}(?:-\d{1,8})?
    | [a-z]{2,12}\d{4,10}                        # AADSTS50076-style codes and ids
    | \d{1,3}(?:st|nd|rd|th|te|ten|\.)
    | [a-z]:\\.{0,120} | \\\\.{0,120} | /.{0,120} | .{0,120}://.{0,120} | www\..{0,120}
    | .{0,120}@.{0,120}
    | .{1,100}\.(?:pdf|docx?|xlsx?|pptx?|txt|csv|log|exe|msi|zip|png|jpe?g|ini|xml|json|ps1|bat|cmd|dll|sys|html?)
    """
)
# Host, device and model names: letters/digits in hyphen-separated segments, no other symbol.
_HOST_SHAPE = re.compile(
    r"(?i)[a-z0-9]{1,15}(?:[-_][a-z0-9]{1,15}){1,5}(?:\.[a-z0-9-]{1,63}){0,4}"
    r"|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5}"
)
_PRODUCTS_WITH_DIGITS = frozenset(
    "office365 o365 m365 win10 win11 windows10 windows11 s4hana w10 w11 ipv4 ipv6 wpa2 wpa3 "
    "802.1x 2fa mfa a4 a3 usb3 usb-c hdmi2 dp1.4 4k 5g 4g lte".split()
)
_HASH_LABEL = re.compile(r"(?i)(?:sha\d{0,3}|md5|fingerprint):")
_NUMBER_PART = re.compile(r"[+(]?\d[\d()/.-]{0,20}")
_WINDOW_AFTER = 14
_WINDOW_BEFORE = 4
# A three-digit value is a card code only this close to a card-code word.
_CARD_CODE_AFTER = 4
_CARD_CODE_BEFORE = 2


def _strip(token: str) -> str:
    token = token.lstrip(_LEADING)
    while token and token[-1] in _TRAILING:
        token = token[:-1]
    return token


def _secret_word(word: str) -> str | None:
    """The secret word that `word` (a token) is or ends with, or None."""
    folded = word.casefold().strip(_LEADING + _TRAILING + "!")
    for part in re.split(r"[-/]", folded):
        if part in _SECRET_WORDS:
            return part
    for secret in (
        "passwort",
        "kennwort",
        "password",
        "passphrase",
        "schlüssel",
        "code",
        "token",
        "key",
    ):
        if folded.endswith(secret) and len(folded) > len(secret):
            head = folded[: -len(secret)].rstrip("-")
            if not head.startswith(_NOT_SECRET_PREFIXES):
                return secret
    return None


def _classes(value: str) -> int:
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )


class NearbySecretRecognizer(EntityRecognizer):
    """A secret-shaped token within a few words of a credential word (score 0.8)."""

    SCORE: ClassVar[float] = 0.8

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[CREDENTIAL],
            name=f"NearbySecretRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and CREDENTIAL not in entities:
            return []
        tokens = [(match.start(), match.group()) for match in _TOKEN.finditer(text)]
        keywords = [(index, _secret_word(token)) for index, (_, token) in enumerate(tokens)]
        keyword_positions = [(index, word) for index, word in keywords if word is not None]
        card_code_positions = _card_code_positions(tokens)
        # "Prüfziffer der Karte" ends in a word that is no secret word on its own.
        secret_word_positions = {position for position, _ in keyword_positions}
        keyword_positions += [
            (index, "cvc") for index in card_code_positions if index not in secret_word_positions
        ]
        if not keyword_positions:
            return []
        lexicon = _lexicon(nlp_artifacts, self.supported_language)
        results = []
        for index, (start, raw) in enumerate(tokens):
            near = [
                word
                for position, word in keyword_positions
                if 0 < index - position <= _WINDOW_AFTER or 0 < position - index <= _WINDOW_BEFORE
            ]
            if not near:
                continue
            previous = tokens[index - 1][1].casefold().strip(_TRAILING) if index else ""
            if previous in _LABELS:
                continue
            value = _strip(raw)
            if value.isdigit() and _part_of_longer_number(tokens, index):
                continue
            card_code = (
                value.isdigit()
                and 3 <= len(value) <= 4
                and _near_card_code_word(tokens, index, card_code_positions)
            )
            if not value or not (card_code or self._looks_secret(value, near, lexicon)):
                continue
            offset = raw.find(value)
            results.append(
                RecognizerResult(
                    entity_type=CREDENTIAL,
                    start=start + offset,
                    end=start + offset + len(value),
                    score=self.SCORE,
                )
            )
        return results

    @staticmethod
    def _looks_secret(value: str, near: list[str], lexicon: Any) -> bool:
        folded = value.casefold()
        if _secret_word(value) is not None or folded in _PRODUCTS_WITH_DIGITS:
            return False
        if value.isdigit():
            return 4 <= len(value) <= 8 and any(word in _DIGITS_ONLY_WORDS for word in near)
        if len(value) < 6 or len(value) > 128 or _HASH_LABEL.match(value):
            return False
        # A secret has a digit or a symbol beyond the separators of names and hosts.
        if not any(c.isdigit() or (c not in ".-_" and not c.isalnum()) for c in value):
            return False
        # "löschen!!", "#general", "doesn't": words with punctuation
        if re.sub(r"['’]", "", value.strip("!#?*")).isalpha():
            return False
        # settings ("Server=…") and DOMAIN\user belong to other recognizers
        if "=" in value or "\\" in value:
            return False
        if len(value) <= 16 and re.fullmatch(r"[0-9A-F]+|[0-9a-f]+", value):
            return False  # short hex: key ids, checksums, error numbers
        if not any(c.isalpha() for c in value) or _classes(value) < 2:
            return False
        if _NOT_SECRET_SHAPES.fullmatch(value) and not _mixed_case_word_with_digits(value):
            return False
        if _HOST_SHAPE.fullmatch(value) and not _mixed_case_word_with_digits(value):
            return False
        letters = re.sub(r"[^a-zäöüß]", "", folded)
        return not (lexicon is not None and len(letters) == len(folded) and lexicon.is_word(value))


def _card_code_positions(tokens: list[tuple[int, str]]) -> list[int]:
    """Indices of the tokens that are, or end, a word for a card's security code."""
    words = [token.casefold().strip(_LEADING + _TRAILING) for _, token in tokens]
    positions = []
    for index, word in enumerate(words):
        parts = {word, *re.split(r"[-/]", word)}
        if parts & _CARD_CODE_WORDS or any(
            index + 1 >= len(phrase) and tuple(words[index + 1 - len(phrase) : index + 1]) == phrase
            for phrase in _CARD_CODE_PHRASES
        ):
            positions.append(index)
    return positions


def _near_card_code_word(tokens: list[tuple[int, str]], index: int, positions: list[int]) -> bool:
    """ "CVC 123", "CVV is 737", "123 (CVC)": close to a card-code word, no number between."""
    for position in positions:
        if 0 < index - position <= _CARD_CODE_AFTER:
            between = tokens[position + 1 : index]
        elif 0 < position - index <= _CARD_CODE_BEFORE:
            between = tokens[index + 1 : position]
        else:
            continue
        if not any(c.isdigit() for _, token in between for c in token):
            return True
    return False


def _part_of_longer_number(tokens: list[tuple[int, str]], index: int) -> bool:
    """ "7946" in "+44 20 7946 0958": a group of a phone or card number, not a PIN."""
    neighbours = [tokens[i][1] for i in (index - 1, index + 1) if 0 <= i < len(tokens)]
    return any(_NUMBER_PART.fullmatch(_strip(token)) for token in neighbours)


def _mixed_case_word_with_digits(value: str) -> bool:
    """ "Foyer2023"-like: a capitalised word with digits glued on (a password, not a host)."""
    return bool(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,20}\d{2,6}[!#$%&*+?@]?", value))


def _lexicon(nlp_artifacts: Any, language: str) -> Any:
    engine = getattr(nlp_artifacts, "nlp_engine", None)
    lexicon = getattr(engine, "lexicon", None)
    return lexicon(language) if callable(lexicon) else None
