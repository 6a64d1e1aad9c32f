"""The rules that decide whether a value found after a password keyword is the password.

`CredentialRecognizer` finds candidate values with its patterns; these functions trim them, take
quoted values whole, reject statements and technical values, and grow Wi-Fi passphrases. They live
apart from the recognizer so that its module stays about finding values; only `credential.py`
imports this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pii.recognizers.credential_words import (
    ANY_KEYWORD,
    CLOSING_QUOTES,
    NOT_SECRETS,
    OPENING_QUOTES,
    PHRASE,
    PLACEHOLDER,
    TECHNICAL,
)

WordTest = Callable[[str], bool] | None


def is_quoted(raw: str) -> bool:
    return len(raw) >= 3 and raw[0] in OPENING_QUOTES and raw[-1] in CLOSING_QUOTES


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The value without sentence punctuation, unmatched brackets and stray quotes around it."""
    while start < end and text[start] in OPENING_QUOTES + "([{":
        start += 1
    while start < end:
        last = text[end - 1]
        opener = {")": "(", "]": "[", "}": "{"}.get(last)
        if last in ".,;:?" + CLOSING_QUOTES or (
            opener is not None and opener not in text[start : end - 1]
        ):
            end -= 1
        else:
            break
    return start, end


def is_statement(value: str) -> bool:
    bare = value.rstrip("!?")
    return (
        not bare
        or bare.casefold() in NOT_SECRETS
        or TECHNICAL.fullmatch(bare) is not None
        or PLACEHOLDER.fullmatch(value) is not None
        or ANY_KEYWORD.fullmatch(bare) is not None
    )


def passphrase_end(text: str, start: int, end: int) -> int:
    """The end of a Wi-Fi passphrase that starts with the word at `start`..`end`: the rest of the
    line or sentence when that is up to six words without statement words, else the word."""
    rest = PHRASE.match(text, end)
    if rest is None:
        return end
    if any(word.casefold() in NOT_SECRETS for word in text[start : rest.end()].split()):
        return end
    return rest.end()


def word_may_be_secret(
    word: str, *, after_separator: bool, text: str, end: int, is_word: WordTest
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
