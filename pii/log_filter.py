"""A logging filter that redacts personal data: the last line of defence for log files.

Lotse's own log records carry event names, ids, counts and timings only; this filter catches
what slips through anyway (a library message, a field someone added carelessly). It redacts
the rendered message and every string field; strings that cannot hold personal data (event
names, ids, language codes) skip the analyzer, so ordinary records cost microseconds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from pii.redactor import Redaction, Redactor, language_of, redact

# Event names, intents, languages, ids: nothing a recognizer could find in them. Anything with
# a digit goes to the analyzer (an IP address or a phone number is a "plain token" too).
_PLAIN_TOKEN = re.compile(r"[A-Za-z_.:/-]{0,80}")
# Parts that carry digits but no personal data: ids, API versions, route parameters
# ("/api/v1/chat/conversations/{conversation_id}" is logged with every request).
_SAFE_PARTS = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|/v\d{1,2}/|\{[a-z_]{1,40}\}"
)
# Redacting costs time on the logging thread; longer texts are dropped instead.
MAX_REDACTED_CHARS = 2000
_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

Redact = Callable[[str], Redaction]

# The switchboard's own redactor once it is built (`use_redactor`); the default one before.
_redactor: Redactor | None = None


def use_redactor(redactor: Redactor | None) -> None:
    """Makes log filters use `redactor` (the switchboard's, built from its settings)."""
    global _redactor
    _redactor = redactor


def _default_redact(text: str) -> Redaction:
    if _redactor is None:
        return redact(text)
    return _redactor.redact(text, language=language_of(text, None))


class RedactingFilter(logging.Filter):
    """Replaces personal data in a record's message and string fields with placeholders."""

    def __init__(self, redact_text: Redact = _default_redact) -> None:
        super().__init__()
        self._redact = redact_text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        for key, value in list(record.__dict__.items()):
            if key not in _RESERVED and not key.startswith("_"):
                setattr(record, key, self._clean_value(value))
        return True

    def _clean_value(self, value: object, depth: int = 0) -> object:
        if isinstance(value, str):
            return self._clean(value)
        if depth > 3:
            return value if isinstance(value, int | float | bool) or value is None else "[nested]"
        if isinstance(value, dict):
            return {key: self._clean_value(item, depth + 1) for key, item in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self._clean_value(item, depth + 1) for item in value]
        return value

    def _clean(self, text: str) -> str:
        if _PLAIN_TOKEN.fullmatch(_SAFE_PARTS.sub("/", text)):
            return text
        if len(text) > MAX_REDACTED_CHARS:
            return f"[{len(text)} characters of log text removed]"
        try:
            return self._redact(text).text
        # A log line must never be lost, nor leak, because redaction failed.
        except Exception:
            return "[unredactable log text removed]"
