"""The logging filter: personal data leaves log records redacted. All data is fictitious."""

from __future__ import annotations

import io
import json
import logging

from escalation.logging import JsonFormatter
from pii.log_filter import RedactingFilter
from pii.redactor import Redaction


def emit(
    record_filter: logging.Filter, message: str, *args: object, **fields: object
) -> dict[str, object]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(record_filter)
    logger = logging.getLogger("tests.pii.log_filter")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.info(message, *args, extra=fields)
    logger.handlers[:] = []
    return json.loads(stream.getvalue())  # type: ignore[no-any-return]


def test_message_arguments_and_fields_are_redacted() -> None:
    entry = emit(
        RedactingFilter(),
        "mail from %s failed",
        "jana.kowalski@example.com",
        detail="Passwort: Sommer2024! und Tel +49 711 1234567",
        conversation_id="0b6c1c9e-4f1e-4a55-9f55-3a1e0d1f2a10",
        chars=42,
    )
    dumped = json.dumps(entry)
    assert "jana.kowalski@example.com" not in dumped
    assert "Sommer2024!" not in dumped
    assert "<EMAIL_ADDRESS_1>" in str(entry["event"])
    assert entry["conversation_id"] == "0b6c1c9e-4f1e-4a55-9f55-3a1e0d1f2a10"
    assert entry["chars"] == 42


def test_plain_identifiers_skip_the_analyzer() -> None:
    calls: list[str] = []

    def spy(text: str) -> Redaction:
        calls.append(text)
        return Redaction(text, ())

    entry = emit(
        RedactingFilter(spy),
        "turn.handled",
        language="de",
        seq=3,
        intent="vpn_problem",
        route="/api/v1/chat/conversations/{conversation_id}/messages",
        conversation_id="0b6c1c9e-4f1e-4a55-9f55-3a1e0d1f2a10",
    )
    assert entry["event"] == "turn.handled"
    assert calls == []


def test_a_failing_redactor_drops_the_text_instead_of_leaking_it() -> None:
    def broken(text: str) -> Redaction:
        raise RuntimeError("engine not ready")

    entry = emit(RedactingFilter(broken), "user wrote jana.kowalski@example.com")
    assert entry["event"] == "[unredactable log text removed]"


def test_identifiers_with_digits_and_nested_fields_are_redacted() -> None:
    entry = emit(
        RedactingFilter(),
        "request.failed",
        client_ip="192.168.178.23",
        iban="DE89370400440532013000",
        detail={"mail": "jana.kowalski@example.com", "items": ["Tel +49 711 1234567"]},
        conversation_id="0b6c1c9e-4f1e-4a55-9f55-3a1e0d1f2a10",
    )
    dumped = json.dumps(entry)
    for value in ("192.168.178.23", "DE8937040044", "jana.kowalski", "1234567"):
        assert value not in dumped
    assert entry["conversation_id"] == "0b6c1c9e-4f1e-4a55-9f55-3a1e0d1f2a10"


def test_long_texts_are_dropped_not_analysed() -> None:
    calls: list[str] = []

    def spy(text: str) -> Redaction:
        calls.append(text)
        return Redaction(text, ())

    entry = emit(RedactingFilter(spy), "x " * 5000)
    assert entry["event"] == "[10000 characters of log text removed]"
    assert calls == []
