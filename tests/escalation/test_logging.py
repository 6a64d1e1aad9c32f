"""Structured logs: one JSON object per line; exceptions by type and place, never message."""

from __future__ import annotations

import io
import json
import logging

import pytest
from fastapi.testclient import TestClient

from escalation.logging import JsonFormatter, log_event


def capture() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(f"test.{id(stream)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_an_event_is_one_json_line_with_its_fields() -> None:
    logger, stream = capture()
    log_event(logger, "turn.handled", conversation_id="c-1", duration_ms=12.5)
    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["event"] == "turn.handled"
    assert entry["conversation_id"] == "c-1"
    assert entry["duration_ms"] == 12.5
    assert entry["level"] == "info"


@pytest.mark.parametrize(
    "secret", ["mein Passwort ist Sommer2024", "my password is hunter2"], ids=["de", "en"]
)
def test_an_exception_is_logged_without_its_message(secret: str) -> None:
    logger, stream = capture()
    try:
        raise ValueError(f"could not parse {secret!r}")
    except ValueError:
        logger.exception("turn.failed")
    output = stream.getvalue()
    entry = json.loads(output)
    assert secret not in output
    assert entry["error"] == "ValueError"
    assert entry["error_at"][-1].startswith("test_logging.py:")


def test_an_unexpected_failure_is_a_json_500_and_logs_no_text(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escalation.chat import ChatService

    async def explode(*_: object, **__: object) -> None:
        raise RuntimeError("database said: my password is hunter2")

    monkeypatch.setattr(ChatService, "start_widget_conversation", explode)
    failing = TestClient(client.app, raise_server_exceptions=False)

    response = failing.post("/api/v1/chat/conversations", json={})

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "hunter2" not in response.text
    formatted = [JsonFormatter().format(record) for record in caplog.records]
    assert any('"request.failed"' in line for line in formatted)
    assert not any("hunter2" in line for line in formatted)


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_no_library_logs_sql_frames_or_text_at_any_level(level: str) -> None:
    from escalation.logging import DATA_LOGGING_LIBRARIES, configure_logging

    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure_logging(level=level, log_format="json")
        for name in (*DATA_LOGGING_LIBRARIES, "sqlalchemy.engine", "sqlalchemy.engine.Engine"):
            assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
        assert not logging.getLogger("uvicorn.error").isEnabledFor(logging.DEBUG)
    finally:
        root.handlers[:], level_before = saved
        root.setLevel(level_before)
