"""A logging filter for the Rasa server that drops message text from every log record.

Rasa logs the user's text in several places (the REST channel when a turn fails, the processor
at debug level). The switchboard only ever sends redacted text to Rasa, so this filter is the
second line of defence, not the first. Standard library only: it is loaded by the bot env's
logging configuration (`bot/logging.yml`) and tested in the app env.
"""

from __future__ import annotations

import json
import logging
import re

DROPPED = "[dropped]"

# Keys of Rasa's structlog events that may carry user or bot text (rasa/utils/log_utils.py
# lists them as "anonymizable"), plus the tracker dumps some events carry.
TEXT_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "tracker",
        "events",
    }
)

# Plain (non-structlog) Rasa messages quote text after these words, e.g.
# "Received user message 'my password is x' with intent 'greet'". The text itself may contain
# quotes and newlines, so it runs to the last "' with intent" if there is one, else to the end.
_QUOTED_START = re.compile(
    r"(?i)\b(message|text|utterance|input|value|entities)(\s*[:=]?\s*)(['\"])"
)
_KNOWN_CONTINUATION = r"(\s+with\s+intent\b)"
_FROM_FIRST_QUOTE = re.compile(r"['\"].*", re.S)


def _scrub_plain(message: str) -> str:
    pieces: list[str] = []
    position = 0
    while (start := _QUOTED_START.search(message, position)) is not None:
        pieces.append(message[position : start.start(3)] + f"'{DROPPED}'")
        rest_start = start.end()
        ends = list(
            re.finditer(re.escape(start[3]) + _KNOWN_CONTINUATION, message[rest_start:], re.I)
        )
        if not ends:
            return "".join(pieces)
        position = rest_start + ends[-1].start(1)
    pieces.append(message[position:])
    return "".join(pieces)


def _scrub_event(value: object) -> object:
    """Drops text keys at any depth; structlog tracebacks keep only the exception types
    (their frames carry the local variables, the user's text among them)."""
    if isinstance(value, dict):
        cleaned: dict[str, object] = {}
        for key, item in value.items():
            if key in TEXT_KEYS:
                cleaned[key] = DROPPED
            elif key == "exception":
                cleaned[key] = _exception_types(item)
            else:
                cleaned[key] = _scrub_event(item)
        return cleaned
    if isinstance(value, list):
        return [_scrub_event(item) for item in value]
    return value


def _exception_types(value: object) -> object:
    if isinstance(value, list):
        return [
            item.get("exc_type", DROPPED) if isinstance(item, dict) else DROPPED for item in value
        ]
    return DROPPED


def scrub(message: str) -> str:
    """Returns the log message with every piece of conversation text replaced."""
    stripped = message.strip()
    if stripped.startswith("{"):
        try:
            event = json.loads(stripped)
        except ValueError:
            event = None
        if isinstance(event, dict):
            return json.dumps(_scrub_event(event), ensure_ascii=False, default=str)
    return _scrub_plain(message)


class DropMessageText(logging.Filter):
    """Rewrites each record so that no conversation text reaches a handler."""

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        # Python warnings (Rasa warns with the text of messages it cannot parse) go to
        # stderr directly unless captured into logging, where this filter sees them.
        logging.captureWarnings(True)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        if record.name == "py.warnings":
            # Warnings quote whatever they were given ("Failed to parse arguments in line
            # '<text>'"): keep the place and category, drop everything from the first quote.
            message = _FROM_FIRST_QUOTE.sub(f"'{DROPPED}'", message)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Exception messages can quote the text being processed: keep the type only.
            error = record.exc_info[1]
            record.msg = f"{record.msg} [{type(error).__name__}]"
            record.exc_info = None
            record.exc_text = None
        return True
