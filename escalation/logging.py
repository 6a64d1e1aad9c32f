"""Structured logging: one JSON object per line, never message text.

Call sites use `log_event(logger, "turn.done", conversation_id=..., duration_ms=...)`: an event
name and fields that are ids, lengths, intents and timings. The text of a conversation never
goes into a log record, and exceptions are logged by type only, because their messages may
quote the data being processed.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pii.log_filter import RedactingFilter

# Libraries that log data (WebSocket frames with text and tokens, SQL statements with their
# parameters, analysed text) at INFO or DEBUG: whatever LOTSE_LOG_LEVEL says, they log
# warnings and errors only. uvicorn's own lifecycle messages stay at INFO.
DATA_LOGGING_LIBRARIES = (
    "websockets",
    "aiosqlite",
    "sqlalchemy",
    "httpcore",
    "httpx",
    "asyncio",
    "presidio-analyzer",
    "multipart",
    "python_multipart",
)
_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # Type and place only: exception messages may quote the data being processed.
            entry["error"] = record.exc_info[0].__name__
            entry["error_at"] = _where(record.exc_info[2])
        return json.dumps(entry, ensure_ascii=False, default=str)


def _where(trace: TracebackType | None) -> list[str]:
    """The innermost frames of a traceback as "file:line in function" (no values)."""
    frames = traceback.extract_tb(trace)[-5:]
    return [f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames]


class ConsoleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(
            f"{key}={value}"
            for key, value in record.__dict__.items()
            if key not in _RESERVED and not key.startswith("_")
        )
        error = ""
        if record.exc_info and record.exc_info[0] is not None:
            error = f" error={record.exc_info[0].__name__} at={_where(record.exc_info[2])}"
        stamp = datetime.fromtimestamp(record.created, UTC).strftime("%H:%M:%S")
        return f"{stamp} {record.levelname:<7} {record.name}: {record.getMessage()} {fields}{error}"


def configure_logging(*, level: str = "INFO", log_format: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else ConsoleFormatter())
    # The last line of defence: whatever a record carries, personal data leaves redacted.
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log prints request lines; our middleware logs requests without them.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    for name in DATA_LOGGING_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    # uvicorn.error carries WebSocket frame traces at DEBUG.
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))


def log_event(logger: logging.Logger, event: str, level: int = logging.INFO, **fields: Any) -> None:
    """Logs `event` with structured fields (never pass message text as a field)."""
    logger.log(level, event, extra=fields)
