"""Rate limiting of user messages per conversation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.rasa_client import RasaClient
from escalation.rate_limit import RateLimiter
from escalation.settings import Settings
from tests.escalation.test_chat_api import send, start, stored_rows
from tests.escalation.test_chat_socket import token_of
from tests.support.fake_rasa import FakeRasa


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_token_per_interval() -> None:
    clock = FakeClock()
    limiter = RateLimiter(capacity=3, period_seconds=60, clock=clock)

    assert [limiter.retry_after("c1") for _ in range(3)] == [None, None, None]
    assert limiter.retry_after("c1") == pytest.approx(20.0)
    assert limiter.retry_after("c2") is None  # keys are independent
    clock.now += 20
    assert limiter.retry_after("c1") is None
    assert limiter.retry_after("c1") is not None


def test_idle_keys_are_forgotten_without_changing_behaviour() -> None:
    clock = FakeClock()
    limiter = RateLimiter(capacity=2, period_seconds=10, clock=clock)
    for index in range(1500):
        limiter.retry_after(f"key-{index}")
        clock.now += 0.1
    # Pruned at the 1,000th call: only keys used in the last 10 s (100) survived it.
    assert "key-0" not in limiter._buckets
    assert 100 + 500 <= len(limiter._buckets) <= 100 + 500 + 1  # float drift at the edge
    assert limiter.retry_after("key-0") is None


@pytest.mark.parametrize(("capacity", "period"), [(0, 60), (5, 0)])
def test_a_limit_must_make_sense(capacity: int, period: float) -> None:
    with pytest.raises(ValueError, match="capacity"):
        RateLimiter(capacity=capacity, period_seconds=period)


@pytest.fixture
def limited_client(tmp_path: Path, database_url: str) -> Iterator[TestClient]:
    from escalation.settings import load_settings

    settings: Settings = load_settings(
        var_dir=tmp_path / "var",
        database_url=database_url,
        rasa_url="http://rasa.test",
        messages_per_minute=3,
    )
    rasa = RasaClient("http://rasa.test", timeout_seconds=0.5, transport=FakeRasa().transport())
    with TestClient(create_app(settings, rasa=rasa)) as client:
        client.app.state.test_settings = settings  # type: ignore[attr-defined]
        yield client


def test_too_many_messages_get_429_and_nothing_is_stored(limited_client: TestClient) -> None:
    settings = limited_client.app.state.test_settings  # type: ignore[attr-defined]
    conversation_id, headers = start(limited_client)
    statuses = [
        send(limited_client, conversation_id, headers, text=f"Frage {index}").status_code
        for index in range(4)
    ]
    refused = send(limited_client, conversation_id, headers, text="noch eine")

    assert statuses == [200, 200, 200, 429]
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert [row["seq"] for row in stored_rows(settings, conversation_id)] == list(range(1, 10))
    other_id, other_headers = start(limited_client)
    assert send(limited_client, other_id, other_headers, text="hallo").status_code == 200


def test_the_websocket_reports_the_limit_as_an_error_frame(limited_client: TestClient) -> None:
    conversation_id, headers = start(limited_client)
    for index in range(3):
        send(limited_client, conversation_id, headers, text=f"Frage {index}")
    with limited_client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers), "after": 9})
        websocket.receive_json()
        websocket.send_json({"type": "message", "text": "noch eine", "client_message_id": "m9"})
        error = websocket.receive_json()
        websocket.send_json({"type": "ping"})
        assert websocket.receive_json() == {"type": "pong"}
    assert error["code"] == "rate_limited"
    assert error["client_message_id"] == "m9"
