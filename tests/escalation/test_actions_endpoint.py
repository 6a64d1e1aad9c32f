"""Rasa's action endpoint in the switchboard: runs bot.actions, records what the bot understood."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from escalation.settings import Settings
from tests.escalation.test_chat_api import send, start, stored_rows


def action_call(
    conversation_id: str, message_id: int | None, *, action: str = "action_set_language"
) -> dict[str, Any]:
    metadata: dict[str, Any] = {"language": "en"}
    if message_id is not None:
        metadata["lotse_message_id"] = message_id
    latest = {
        "text": "my vpn keeps dropping",
        "intent": {"name": "vpn_problem", "confidence": 0.97},
        "entities": [],
        "metadata": metadata,
    }
    return {
        "next_action": action,
        "sender_id": conversation_id,
        "version": "3.6.21",
        "domain": {"slots": {"language": {"type": "text"}}},
        "tracker": {
            "sender_id": conversation_id,
            "slots": {"language": None},
            "latest_message": latest,
            "events": [
                {"event": "user", "text": "my vpn keeps dropping", "parse_data": latest,
                 "metadata": {"model_id": "model-123", **metadata}},
            ],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }  # fmt: skip


def test_actions_run_and_the_understanding_is_recorded(
    client: TestClient, settings: Settings
) -> None:
    conversation_id, headers = start(client, "en")
    send(client, conversation_id, headers, text="my vpn keeps dropping")
    user_row = stored_rows(settings, conversation_id)[0]

    response = client.post(
        "/webhooks/actions",
        json=action_call(conversation_id, user_row["id"]),
        headers={"Authorization": f"Bearer {settings.secret('action_token')}"},
    )

    assert response.status_code == 200
    assert response.json()["events"] == [
        {"event": "slot", "timestamp": None, "name": "language", "value": "en"}
    ]
    row = stored_rows(settings, conversation_id)[0]
    assert (row["intent"], row["intent_confidence"], row["model_id"]) == (
        "vpn_problem",
        0.97,
        "model-123",
    )


def test_a_message_of_another_conversation_is_not_touched(
    client: TestClient, settings: Settings
) -> None:
    mine, headers = start(client, "en")
    send(client, mine, headers, text="my vpn keeps dropping")
    other, _ = start(client, "en")
    my_row = stored_rows(settings, mine)[0]

    client.post(
        "/webhooks/actions",
        json=action_call(other, my_row["id"]),
        headers={"Authorization": f"Bearer {settings.secret('action_token')}"},
    )

    assert stored_rows(settings, mine)[0]["intent"] is None


def test_the_action_endpoint_needs_rasas_token(client: TestClient) -> None:
    response = client.post(
        "/webhooks/actions",
        json=action_call("x", None),
        headers={"Authorization": "Bearer not-the-token"},
    )
    assert response.status_code == 401
    assert client.post("/webhooks/actions", json=action_call("x", None)).status_code == 401


def test_an_unknown_action_is_404(client: TestClient, settings: Settings) -> None:
    response = client.post(
        "/webhooks/actions",
        json=action_call("x", None, action="action_does_not_exist"),
        headers={"Authorization": f"Bearer {settings.secret('action_token')}"},
    )
    assert response.status_code == 404
    assert response.json()["action_name"] == "action_does_not_exist"


@pytest.mark.parametrize(
    ("body", "code"), [(b"{not json", "invalid_json"), (b"[1]", "invalid_request")]
)
def test_a_malformed_action_call_is_a_clear_400(
    client: TestClient, settings: Settings, body: bytes, code: str
) -> None:
    response = client.post(
        "/webhooks/actions",
        content=body,
        headers={
            "Authorization": f"Bearer {settings.secret('action_token')}",
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
