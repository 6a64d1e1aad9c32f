"""Passwords and PINs that users paste into the chat, in German and English.

Only the secret value is reported, not the words around it, so
"mein Passwort ist Sommer2024!" becomes "mein Passwort ist <CREDENTIAL_1>". The words
"Passwort", "password" alone, and statements about a password ("Passwort ist abgelaufen",
"my password expired", "Passwort vergessen") are not credentials.

This is the first, deliberately conservative version: a value counts as a secret when it
follows a keyword with ":" or "=", or follows "ist/is/lautet/was" and looks like a password
(contains a digit or a symbol, or is quoted). Issue 3 extends it (one-time codes, API keys,
private keys, recovery keys, product keys, Wi-Fi passphrases).

Fictitious examples: ``Passwort: Sommer2024!``, ``my password is hunter2``,
``pw=Xk9#mq``, ``PIN lautet 4711``.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

CREDENTIAL = "CREDENTIAL"

_KEYWORD = (
    r"(?:passwort|passworte|kennwort|password|passwd|passphrase|pwd|pw|pin|pin-code|pincode|"
    r"wlan-schlüssel|wlan-key|wifi-password|netzwerkschlüssel)"
)
_VERB = r"(?:ist|lautet|war|is|was|would\s+be|wäre)"
_VALUE = r"(?P<value>\"[^\"\n]{1,100}\"|'[^'\n]{1,100}'|„[^“\n]{1,100}“|“[^”\n]{1,100}”|[^\s\"'„“”]{3,100})"

_AFTER_SEPARATOR = re.compile(rf"(?i)\b{_KEYWORD}\b\s*(?:{_VERB}\s*)?[:=]\s*{_VALUE}")
_AFTER_VERB = re.compile(rf"(?i)\b{_KEYWORD}\b\s+(?:(?:für|for)\s+\S+\s+)?{_VERB}\s+{_VALUE}")

# Words that describe a password's state rather than being one.
_NOT_SECRETS = frozenset(
    word.casefold()
    for word in (
        "vergessen abgelaufen falsch ungültig gesperrt geändert zurückgesetzt korrekt richtig "
        "neu alt leer weg expired forgotten wrong invalid incorrect locked changed reset correct "
        "right new old empty gone not nicht kein keine no none required erforderlich "
        # verbs and fillers that follow a keyword ("Passwort: ist abgelaufen")
        "ist is war was lautet wird will would be sein"
    ).split()
)


def _looks_like_secret(value: str) -> bool:
    if value[0] in "\"'„“":
        return True
    return any(not character.isalpha() for character in value)


class CredentialRecognizer(EntityRecognizer):
    """Finds secret values after password/PIN keywords; reports the value only."""

    def __init__(self, *, supported_language: str = "en") -> None:
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
        results: list[RecognizerResult] = []
        for pattern, needs_shape in ((_AFTER_SEPARATOR, False), (_AFTER_VERB, True)):
            for match in pattern.finditer(text):
                value = match.group("value").rstrip(".,;)")
                # "abgelaufen!" is a statement, not a secret: compare without end punctuation.
                if not value or value.rstrip("!?:").casefold() in _NOT_SECRETS:
                    continue
                if needs_shape and not _looks_like_secret(value):
                    continue
                start = match.start("value")
                results.append(
                    RecognizerResult(
                        entity_type=CREDENTIAL, start=start, end=start + len(value), score=0.95
                    )
                )
        return results
