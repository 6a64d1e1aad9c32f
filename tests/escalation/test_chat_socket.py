"""The widget's WebSocket: token in the first frame, live messages, resync, origin checks."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from tests.escalation.test_chat_api import start


def token_of(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


def receive_until(websocket: Any, predicate: Any, limit: int = 20) -> list[dict[str, Any]]:
    frames = []
    for _ in range(limit):
        frame = websocket.receive_json()
        frames.append(frame)
        if predicate(frame):
            return frames
    raise AssertionError(f"condition not met in {frames}")


def test_messages_flow_live_with_typing_indicators(client: TestClient) -> None:
    conversation_id, headers = start(client, "de-DE")
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers), "after": 0})
        assert websocket.receive_json() == {"type": "ready", "last_seq": 0, "language": "de"}

        websocket.send_json(
            {"type": "message", "text": "Mein Drucker druckt nicht", "client_message_id": "m1"}
        )
        frames = receive_until(
            websocket, lambda frame: frame == {"type": "typing", "active": False}
        )

    messages = [frame["message"] for frame in frames if frame["type"] == "message"]
    assert [(m["seq"], m["role"]) for m in messages] == [(1, "user"), (2, "bot"), (3, "bot")]
    assert messages[0]["client_message_id"] == "m1"
    assert messages[1]["text"] == "[de] reply"
    assert {"type": "typing", "active": True} in frames


def test_a_reconnect_resyncs_exactly_the_missed_messages(client: TestClient) -> None:
    conversation_id, headers = start(client, "en")
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers), "after": 0})
        websocket.receive_json()
        websocket.send_json({"type": "message", "text": "printer is broken"})
        receive_until(websocket, lambda frame: frame == {"type": "typing", "active": False})
    # While disconnected, another turn arrives over HTTP.
    client.post(
        f"/api/v1/chat/conversations/{conversation_id}/messages",
        json={"text": "still broken"},
        headers=headers,
    )

    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers), "after": 3})
        ready = websocket.receive_json()
        resynced = [websocket.receive_json()["message"]["seq"] for _ in range(3)]
        websocket.send_json({"type": "ping"})
        assert websocket.receive_json() == {"type": "pong"}

    assert ready == {"type": "ready", "last_seq": 6, "language": "en"}
    assert resynced == [4, 5, 6]


def test_a_refused_message_gets_an_error_frame_and_the_socket_stays_open(
    client: TestClient,
) -> None:
    conversation_id, headers = start(client)
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers)})
        websocket.receive_json()

        websocket.send_json({"type": "message", "text": "x" * 2001, "client_message_id": "big"})
        error = websocket.receive_json()
        websocket.send_text("{not json")
        invalid_json = websocket.receive_json()
        websocket.send_json({"type": "dance"})
        unknown = websocket.receive_json()
        websocket.send_json({"type": "message"})
        no_text = websocket.receive_json()
        websocket.send_json({"type": "ping"})
        pong = websocket.receive_json()

    assert error["type"] == "error"
    assert error["code"] == "message_too_long"
    assert error["client_message_id"] == "big"
    assert invalid_json["code"] == "invalid_json"
    assert unknown["code"] == "invalid_request"
    assert no_text["code"] == "invalid_request"
    assert pong == {"type": "pong"}


@pytest.mark.parametrize(
    ("first_frame", "close_code"),
    [
        ({"type": "message", "text": "hallo"}, 4400),
        ({"type": "auth"}, 4400),
        ({"type": "auth", "token": "wrong-token"}, 4401),
    ],
    ids=["not-auth", "no-token", "wrong-token"],
)
def test_a_bad_first_frame_closes_the_socket(
    client: TestClient, first_frame: dict[str, Any], close_code: int
) -> None:
    conversation_id, _ = start(client)
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json(first_frame)
        with pytest.raises(WebSocketDisconnect) as closed:
            websocket.receive_json()
    assert closed.value.code == close_code


def test_an_unknown_conversation_closes_with_4404(client: TestClient) -> None:
    _, headers = start(client)
    with client.websocket_connect("/ws/v1/chat/not-a-conversation") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers)})
        with pytest.raises(WebSocketDisconnect) as closed:
            websocket.receive_json()
    assert closed.value.code == 4404


def test_a_foreign_origin_is_refused_and_the_own_origin_accepted(client: TestClient) -> None:
    conversation_id, headers = start(client)

    def connect_from(origin: str) -> None:
        with client.websocket_connect(
            f"/ws/v1/chat/{conversation_id}", headers={"Origin": origin}
        ) as websocket:
            websocket.receive_json()

    with pytest.raises((WebSocketDisconnect, WebSocketDenialResponse)) as refused:
        connect_from("https://evil.example")
    if isinstance(refused.value, WebSocketDisconnect):
        assert refused.value.code == 4403
    with client.websocket_connect(
        f"/ws/v1/chat/{conversation_id}", headers={"Origin": "http://testserver"}
    ) as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers)})
        assert websocket.receive_json()["type"] == "ready"
        # A round trip, so the server is idle when the test client tears the app down (the
        # test client cancels the app mid-query otherwise, which strands aiosqlite's thread).
        websocket.send_json({"type": "ping"})
        assert websocket.receive_json() == {"type": "pong"}


def test_binary_frames_and_bad_ids_get_error_frames(client: TestClient) -> None:
    conversation_id, headers = start(client)
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers)})
        websocket.receive_json()
        websocket.send_bytes(b"\x00\x01")
        binary = websocket.receive_json()
        websocket.send_json({"type": "message", "text": "hallo", "client_message_id": "a b\u0000"})
        bad_id = websocket.receive_json()
        websocket.send_json({"type": "ping"})
        assert websocket.receive_json() == {"type": "pong"}
    assert binary["code"] == "invalid_request"
    assert bad_id["code"] == "invalid_request"
    assert "client_message_id" not in bad_id


def test_a_client_ahead_of_the_conversation_still_gets_new_messages(client: TestClient) -> None:
    conversation_id, headers = start(client, "en")
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}") as websocket:
        websocket.send_json({"type": "auth", "token": token_of(headers), "after": 50})
        assert websocket.receive_json()["last_seq"] == 0
        websocket.send_json({"type": "message", "text": "printer broken"})
        frames = receive_until(
            websocket, lambda frame: frame == {"type": "typing", "active": False}
        )
    assert [f["message"]["seq"] for f in frames if f["type"] == "message"] == [1, 2, 3]


def test_a_client_that_leaves_before_auth_is_no_error(client: TestClient) -> None:
    conversation_id, _ = start(client)
    with client.websocket_connect(f"/ws/v1/chat/{conversation_id}"):
        pass  # closes without sending anything
    assert client.get("/healthz").status_code == 200
