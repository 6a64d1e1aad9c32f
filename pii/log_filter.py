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

# Identifiers, event names, versions: nothing a recognizer could find in them.
_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_.:/-]{0,80}")
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
            if key not in _RESERVED and not key.startswith("_") and isinstance(value, str):
                setattr(record, key, self._clean(value))
        return True

    def _clean(self, text: str) -> str:
        if _PLAIN_TOKEN.fullmatch(text):
            return text
        try:
            return self._redact(text).text
        # A log line must never be lost, nor leak, because redaction failed.
        except Exception:
            return "[unredactable log text removed]"
