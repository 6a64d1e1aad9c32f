"""Events between switchboards over the real Redis server (LOTSE_REDIS_URL)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.rasa_client import RasaClient
from escalation.redis_bus import RedisEventBus
from escalation.settings import Settings
from tests.escalation.test_chat_api import send, start
from tests.escalation.test_handoff_api import handing_over
from tests.support.agents import PASSWORD, make_agent
from tests.support.fake_rasa import FakeRasa

REDIS_URL = os.environ.get("LOTSE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def test_an_event_published_on_one_bus_reaches_the_others() -> None:
    sender, receiver = RedisEventBus(REDIS_URL), RedisEventBus(REDIS_URL)
    await sender.start()
    await receiver.start()
    try:
        topic = f"conversation:test-{os.getpid()}"
        subscription = receiver.subscribe(topic)
        own = sender.subscribe(topic)
        await sender.publish(topic, {"type": "message", "n": 1})
        assert await asyncio.wait_for(subscription.next(), 5) == {"type": "message", "n": 1}
        assert await asyncio.wait_for(own.next(), 5) == {"type": "message", "n": 1}
        subscription.close()
        own.close()
    finally:
        await sender.close()
        await receiver.close()


@pytest.fixture
def two_switchboards(
    settings: Settings, fake_rasa: FakeRasa
) -> Iterator[tuple[TestClient, TestClient]]:
    """Two apps on one database and one Redis, each on its own event loop."""
    shared = settings.model_copy(update={"redis_url": REDIS_URL})
    clients = []
    for _ in range(2):
        rasa = RasaClient("http://rasa.test", timeout_seconds=0.5, transport=fake_rasa.transport())
        clients.append(TestClient(create_app(shared, rasa=rasa)))
    with clients[0] as first, clients[1] as second:
        yield first, second


def test_a_console_on_one_switchboard_sees_a_handoff_made_on_another(
    two_switchboards: tuple[TestClient, TestClient], settings: Settings, fake_rasa: FakeRasa
) -> None:
    console_side, user_side = two_switchboards
    fake_rasa.reply = handing_over()
    make_agent(settings, "anna@example.org")
    login = console_side.post(
        "/api/v1/auth/login", json={"email": "anna@example.org", "password": PASSWORD}
    )
    assert login.status_code == 200
    with console_side.websocket_connect("/ws/v1/agent") as socket:
        assert socket.receive_json()["type"] == "ready"
        conversation_id, headers = start(user_side)
        socket.send_json({"type": "ping"})
        assert socket.receive_json()["type"] == "pong"
        send(user_side, conversation_id, headers, text="Ich möchte einen Menschen")
        frame = socket.receive_json()
        while frame["type"] != "handoff":
            frame = socket.receive_json()
        assert frame["handoff"]["conversation_id"] == conversation_id


async def test_an_undecodable_event_on_the_channel_is_skipped() -> None:
    bus = RedisEventBus(REDIS_URL)
    await bus.start()
    try:
        topic = f"conversation:garbage-{os.getpid()}"
        subscription = bus.subscribe(topic)
        await bus._redis.publish("lotse:" + topic, b"\xff not json")
        await bus.publish(topic, {"type": "message", "n": 2})
        assert await asyncio.wait_for(subscription.next(), 5) == {"type": "message", "n": 2}
        subscription.close()
    finally:
        await bus.close()
