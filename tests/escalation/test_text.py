"""Validation and normalisation of incoming message text (escalation/text.py)."""

from __future__ import annotations

import pytest

from escalation.errors import ApiError
from escalation.text import InvalidMessage, clean_message_text

MAX_CHARS = 4000


def clean(text: str, *, max_chars: int = MAX_CHARS) -> str:
    return clean_message_text(text, max_chars=max_chars)


def refusal(text: str, *, max_chars: int = MAX_CHARS) -> InvalidMessage:
    with pytest.raises(InvalidMessage) as caught:
        clean_message_text(text, max_chars=max_chars)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Caf" + "e\u0301 im Büro", "Café im Büro", id="de-combining-acute"),
        pytest.param("re\u0301sume\u0301 attached", "résumé attached", id="en-combining-acute"),
        pytest.param("Gru\u0308ße", "Grüße", id="de-combining-umlaut"),
        pytest.param("Zoe\u0308 from IT", "Zoë from IT", id="en-combining-diaeresis"),
    ],
)
def test_nfc_normalisation(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("mein \u202eztrowssaP", "mein ztrowssaP", id="de-rlo"),
        pytest.param("my \u202edrowssap", "my drowssap", id="en-rlo"),
        pytest.param("Datei \u2066rechnung\u2069.pdf", "Datei rechnung.pdf", id="de-lri-pdi"),
        pytest.param("file \u2067invoice\u2069.pdf", "file invoice.pdf", id="en-rli-pdi"),
        pytest.param("\u2068Drucker\u2069 geht nicht", "Drucker geht nicht", id="de-fsi-pdi"),
        pytest.param("Pass\u200bwort", "Passwort", id="de-zero-width-space"),
        pytest.param("pass\u200cword", "password", id="en-zero-width-non-joiner"),
        pytest.param("\ufeffHallo", "Hallo", id="de-bom"),
        pytest.param("\ufeffhello", "hello", id="en-bom"),
        pytest.param("Pass\u00adwort", "Passwort", id="de-soft-hyphen"),
        pytest.param("pass\u00adword", "password", id="en-soft-hyphen"),
        pytest.param("Pass\u2060wort", "Passwort", id="de-word-joiner"),
        pytest.param("left\u200eright\u200f", "leftright", id="en-lrm-rlm"),
    ],
)
def test_invisible_characters_are_removed(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("👩\u200d💻 Entwicklerin braucht Hilfe", id="de-woman-technologist"),
        pytest.param("👨\u200d👩\u200d👧 family laptop", id="en-family"),
        pytest.param("🧑🏽\u200d💻 mit Hautton", id="de-skin-tone"),
        pytest.param("🏳\ufe0f\u200d🌈 flag", id="en-variation-selector"),
        pytest.param("❤\ufe0f\u200d🔥 danke", id="de-dingbat"),
        pytest.param("🧔\u200d♂\ufe0f thanks", id="en-gender-sign"),
    ],
)
def test_zero_width_joiner_inside_emoji_is_kept(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Pass\u200dwort", "Passwort", id="de-between-letters"),
        pytest.param("pass\u200dword", "password", id="en-between-letters"),
        pytest.param("\u200d👍", "👍", id="leading"),
        pytest.param("ok\u200d", "ok", id="trailing"),
        pytest.param("a\u200d👍", "a👍", id="letter-then-emoji"),
    ],
)
def test_zero_width_joiner_outside_emoji_is_removed(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("مرحبا، لا أستطيع تسجيل الدخول", id="arabic"),
        pytest.param("שלום, אני לא מצליח להתחבר", id="hebrew"),
        pytest.param("VPN: لا يعمل منذ أمس", id="arabic-mixed"),
        pytest.param("Outlook לא נפתח", id="hebrew-mixed"),
    ],
)
def test_right_to_left_scripts_are_intact(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Zeile 1\nZeile 2", "Zeile 1\nZeile 2", id="de-newline"),
        pytest.param("line 1\nline 2", "line 1\nline 2", id="en-newline"),
        pytest.param("Name:\tErika Musterfrau", "Name:\tErika Musterfrau", id="de-tab"),
        pytest.param("name:\tJane Roe", "name:\tJane Roe", id="en-tab"),
        pytest.param("Zeile 1\r\nZeile 2", "Zeile 1\nZeile 2", id="de-crlf"),
        pytest.param("line 1\r\nline 2\r\n", "line 1\nline 2", id="en-crlf"),
        pytest.param("Zeile 1\rZeile 2", "Zeile 1\nZeile 2", id="de-cr"),
        pytest.param("  hello  ", "hello", id="en-stripped"),
    ],
)
def test_whitespace(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "code_point"),
    [
        pytest.param("Passwort\x00geheim", "U+0000", id="de-nul"),
        pytest.param("password\x00secret", "U+0000", id="en-nul"),
        pytest.param("Achtung\x07", "U+0007", id="de-bell"),
        pytest.param("alert\x07", "U+0007", id="en-bell"),
        pytest.param("\x1b[31mrot", "U+001B", id="de-escape"),
        pytest.param("\x1b[31mred", "U+001B", id="en-escape"),
        pytest.param("löschen\x7f", "U+007F", id="de-delete"),
        pytest.param("delete\x7f", "U+007F", id="en-delete"),
        pytest.param("Zeile\x85zwei", "U+0085", id="de-c1-next-line"),
        pytest.param("line\x85two", "U+0085", id="en-c1-next-line"),
        pytest.param("Seite\x0czwei", "U+000C", id="de-form-feed"),
        pytest.param("vertical\x0btab", "U+000B", id="en-vertical-tab"),
    ],
)
def test_control_characters_are_refused(text: str, code_point: str) -> None:
    error = refusal(text)
    assert error.code == "invalid_characters"
    assert error.status_code == 422
    assert code_point in error.message
    assert isinstance(error, ApiError)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" ", id="space"),
        pytest.param(" \t\n \r\n", id="whitespace"),
        pytest.param("\u200b\u200c\ufeff", id="zero-width-only"),
        pytest.param("\u200b \u200d \u00ad", id="zero-width-and-spaces"),
        pytest.param("\u202e\u2069", id="bidi-only"),
        pytest.param("\u00a0\u3000", id="no-break-and-ideographic-space"),
    ],
)
def test_empty_message_is_refused(text: str) -> None:
    error = refusal(text)
    assert error.code == "empty_message"
    assert error.status_code == 422


@pytest.mark.parametrize("max_chars", [1, 10, MAX_CHARS])
@pytest.mark.parametrize("letter", ["ä", "x"])
def test_length_limit(letter: str, max_chars: int) -> None:
    assert clean(letter * max_chars, max_chars=max_chars) == letter * max_chars
    error = refusal(letter * (max_chars + 1), max_chars=max_chars)
    assert error.code == "message_too_long"
    assert error.status_code == 422


def test_length_is_measured_after_cleaning() -> None:
    text = "  " + "a\u0308" * 5 + "\u200b" * 5 + "\r\n"
    assert clean(text, max_chars=5) == "ä" * 5


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\ud800", id="lone-high"),
        pytest.param("Hallo \udc00", id="de-lone-low"),
        pytest.param("hello \ud83d", id="en-half-emoji"),
    ],
)
def test_lone_surrogate_is_refused(text: str) -> None:
    error = refusal(text)
    assert error.code == "invalid_encoding"
    assert error.status_code == 422


@pytest.mark.parametrize(
    ("text", "max_chars", "code"),
    [
        pytest.param("Passwort Sommer2024!\x00", MAX_CHARS, "invalid_characters", id="de-control"),
        pytest.param("password hunter2\x1b", MAX_CHARS, "invalid_characters", id="en-control"),
        pytest.param("Passwort Sommer2024!", 8, "message_too_long", id="de-too-long"),
        pytest.param("password hunter2", 8, "message_too_long", id="en-too-long"),
        pytest.param("Passwort Sommer2024!\ud800", MAX_CHARS, "invalid_encoding", id="de-encoding"),
        pytest.param("password hunter2\ud800", MAX_CHARS, "invalid_encoding", id="en-encoding"),
    ],
)
def test_error_messages_never_quote_the_text(text: str, max_chars: int, code: str) -> None:
    error = refusal(text, max_chars=max_chars)
    assert error.code == code
    for secret in ("Sommer2024", "hunter2", "Passwort", "password"):
        assert secret not in error.message
        assert secret not in str(error)
        assert secret not in repr(error.to_dict())
    assert error.to_dict() == {"error": {"code": code, "message": error.message}}
