"""Validation and normalisation of incoming message text.

NFC normalisation; invisible characters that can hide or reorder content (bidi controls,
zero-width characters outside emoji sequences, the BOM) are removed silently; control
characters other than tab and newline are refused, because no keyboard produces them and
they break storage and logs. Emoji (with their joiners) and right-to-left scripts pass intact.
"""

from __future__ import annotations

import unicodedata

from escalation.errors import ApiError

ZERO_WIDTH_JOINER = "\u200d"
VARIATION_SELECTOR_16 = "\ufe0f"
# Bidi embeddings/overrides/isolates and marks, zero-width space/non-joiner, word joiner,
# invisible operators, BOM, Mongolian vowel separator, soft hyphen.
_INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad"
)
_ALLOWED_CONTROLS = frozenset("\t\n")


class InvalidMessage(ApiError):
    status_code = 422


def _is_emoji_part(character: str) -> bool:
    if character in (VARIATION_SELECTOR_16, "\u20e3"):
        return True
    code = ord(character)
    return (
        0x1F000 <= code <= 0x1FAFF  # pictographs, emoticons, transport, symbols & flags
        or 0x2600 <= code <= 0x27BF  # misc symbols, dingbats
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag sequences (subdivision flags)
        or character == "\u2640"
        or character == "\u2642"
    )


def _drop_invisible(text: str) -> str:
    kept: list[str] = []
    for index, character in enumerate(text):
        if character == ZERO_WIDTH_JOINER:
            before = text[index - 1] if index > 0 else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if before and after and _is_emoji_part(before) and _is_emoji_part(after):
                kept.append(character)
            continue
        if character in _INVISIBLE:
            continue
        kept.append(character)
    return "".join(kept)


def clean_message_text(text: str, *, max_chars: int) -> str:
    """Returns the text to process, or raises `InvalidMessage` with a code the client shows."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates from "\ud800" in JSON
        raise InvalidMessage(
            "invalid_encoding", "The message contains invalid Unicode (unpaired surrogates)."
        ) from error
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    for character in text:
        if unicodedata.category(character) == "Cc" and character not in _ALLOWED_CONTROLS:
            raise InvalidMessage(
                "invalid_characters",
                f"The message contains a control character (U+{ord(character):04X}).",
            )
    text = _drop_invisible(text).strip()
    if not text:
        raise InvalidMessage("empty_message", "The message is empty.")
    if len(text) > max_chars:
        raise InvalidMessage(
            "message_too_long",
            f"The message has {len(text)} characters; the limit is {max_chars}.",
        )
    return text
