"""The console's WebSocket: cookie authentication, origin check, handoff events of the
agent's queues only, and watched conversations exactly once and in order."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from escalation.settings import Settings
from tests.escalation.test_chat_api import send, start
from tests.escalation.test_handoff_api import handing_over
from tests.support.agents import PASSWORD, make_agent
from tests.support.fake_rasa import FakeRasa


def log_in(client: TestClient, settings: Settings, email: str, **options: Any) -> dict[str, str]:
    """Logs in on `client` itself (one event loop for the socket and the requests)."""
    make_agent(settings, email, **options)
    response = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def next_of(socket: WebSocketTestSession, kind: str, limit: int = 20) -> dict[str, Any]:
    for _ in range(limit):
        frame: dict[str, Any] = socket.receive_json()
        if frame["type"] == kind:
            return frame
    raise AssertionError(f"no {kind} frame")


def test_without_a_session_the_socket_is_closed_with_4401(client: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/ws/v1/agent") as socket,
    ):
        socket.receive_json()
    assert closed.value.code == 4401


def test_a_foreign_origin_is_refused(client: TestClient, settings: Settings) -> None:
    log_in(client, settings, "anna@example.org")
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(
            "/ws/v1/agent", headers={"Origin": "https://evil.example"}
        ) as socket,
    ):
        socket.receive_json()
    assert closed.value.code == 4403


def test_handoffs_and_watched_messages_arrive_live(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    csrf = log_in(client, settings, "anna@example.org", name="Anna")
    with client.websocket_connect("/ws/v1/agent") as socket:
        ready = socket.receive_json()
        assert ready["type"] == "ready"
        assert ready["agent"]["display_name"] == "Anna"

        conversation_id, headers = start(client)
        send(client, conversation_id, headers, text="Ich möchte einen Menschen")
        handoff = next_of(socket, "handoff")["handoff"]
        assert handoff["conversation_id"] == conversation_id
        assert handoff["status"] == "waiting"

        socket.send_json({"type": "watch", "conversation_id": conversation_id, "after": 0})
        backlog = [next_of(socket, "message") for _ in range(3)]
        assert [frame["message"]["seq"] for frame in backlog] == [1, 2, 3]
        assert {frame["conversation_id"] for frame in backlog} == {conversation_id}

        claimed = client.post(f"/api/v1/handoffs/{handoff['id']}/claim", headers=csrf)
        assert claimed.status_code == 200
        assert next_of(socket, "message")["message"]["custom"]["event"] == "agent_joined"
        assert next_of(socket, "handoff")["handoff"]["status"] == "active"

        send(client, conversation_id, headers, text="Danke!")
        live = next_of(socket, "message")["message"]
        assert (live["seq"], live["role"], live["text"]) == (5, "user", "Danke!")

        socket.send_json({"type": "ping"})
        assert next_of(socket, "pong")["type"] == "pong"


def test_events_of_queues_the_agent_cannot_see_do_not_arrive(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over(category="vpn_problem")
    log_in(client, settings, "acc@example.org", queues=("accounts",))
    with client.websocket_connect("/ws/v1/agent") as socket:
        assert socket.receive_json()["type"] == "ready"
        conversation_id, headers = start(client)
        send(client, conversation_id, headers, text="VPN, Mensch bitte")
        socket.send_json({"type": "watch", "conversation_id": conversation_id, "after": 0})
        socket.send_json({"type": "ping"})
        frames = [socket.receive_json(), socket.receive_json()]
    assert frames[0] == {
        "type": "error",
        "code": "conversation_not_found",
        "message": "No such conversation.",
    }
    assert frames[1]["type"] == "pong"  # and no handoff frame came before it


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        pytest.param("{not json", "invalid_json", id="invalid-json"),
        pytest.param('["watch"]', "invalid_request", id="not-an-object"),
        pytest.param('{"type": "dance"}', "invalid_request", id="unknown-type"),
        pytest.param('{"type": "watch"}', "invalid_request", id="watch-without-id"),
        pytest.param(
            '{"type": "watch", "conversation_id": "x", "after": -1}',
            "invalid_request",
            id="negative-after",
        ),
        pytest.param(
            '{"type": "watch", "conversation_id": "\\u0000"}',
            "conversation_not_found",
            id="nul-id",
        ),
        pytest.param(
            '{"type": "watch", "conversation_id": "00000000-0000-0000-0000-000000000000"}',
            "conversation_not_found",
            id="unknown-id",
        ),
    ],
)
def test_bad_frames_get_an_error_and_the_socket_stays_open(
    client: TestClient, settings: Settings, frame: str, code: str
) -> None:
    log_in(client, settings, "anna@example.org")
    with client.websocket_connect("/ws/v1/agent") as socket:
        assert socket.receive_json()["type"] == "ready"
        socket.send_text(frame)
        assert socket.receive_json()["code"] == code
        socket.send_json({"type": "ping"})
        assert socket.receive_json()["type"] == "pong"


def test_a_socket_whose_session_ended_is_closed_at_the_next_ping(
    client: TestClient, settings: Settings
) -> None:
    csrf = log_in(client, settings, "anna@example.org")
    with client.websocket_connect("/ws/v1/agent") as socket:
        assert socket.receive_json()["type"] == "ready"
        assert client.post("/api/v1/auth/logout", headers=csrf).status_code == 204
        socket.send_json({"type": "ping"})
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 4401


def test_a_watch_ahead_of_the_conversation_still_gets_new_messages(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    log_in(client, settings, "anna@example.org")
    conversation_id, headers = start(client)
    send(client, conversation_id, headers, text="Ich möchte einen Menschen")
    with client.websocket_connect("/ws/v1/agent") as socket:
        assert socket.receive_json()["type"] == "ready"
        socket.send_json({"type": "watch", "conversation_id": conversation_id, "after": 10**6})
        send(client, conversation_id, headers, text="Hallo?")
        frame = next_of(socket, "message")
    assert frame["message"]["text"] == "Hallo?"
    assert frame["message"]["seq"] == 4
