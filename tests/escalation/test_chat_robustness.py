"""Pipeline robustness: payloads, slashes, concurrent turns, failures after storing."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from escalation.settings import Settings
from tests.escalation.test_chat_api import conversation_row, send, start, stored_rows
from tests.support.fake_rasa import FakeRasa


@pytest.mark.parametrize(
    "payload",
    ["/restart", "/session_start", "/back", "/affirm\n", "/greet@0.1", "/no_such_intent"],
    ids=["restart", "session-start", "back", "newline", "confidence", "unknown"],
)
def test_payloads_are_limited_to_the_bots_own_intents(client: TestClient, payload: str) -> None:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, text="ja", payload=payload)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_payload"


@pytest.mark.parametrize(
    ("text", "sent"),
    [("/restart", "\u2215restart"), ("/greet mein Name ist X", "\u2215greet mein Name ist X")],
    ids=["de-intent", "de-intent-with-text"],
)
def test_free_text_starting_with_a_slash_is_not_an_intent_for_rasa(
    client: TestClient, fake_rasa: FakeRasa, text: str, sent: str
) -> None:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, text=text)
    assert response.json()["messages"][0]["text"] == text  # stored as the user wrote it
    assert fake_rasa.calls[0]["message"] == sent


async def test_concurrent_turns_of_one_conversation_keep_replies_together(
    client: TestClient,
) -> None:
    conversation_id, headers = start(client, "en")
    transport = httpx.ASGITransport(app=client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        responses = await asyncio.gather(
            *(
                http.post(
                    f"/api/v1/chat/conversations/{conversation_id}/messages",
                    json={"text": f"printer {index} is broken"},
                    headers=headers,
                )
                for index in range(4)
            )
        )
    for response in responses:
        seqs = [message["seq"] for message in response.json()["messages"]]
        assert seqs == list(range(seqs[0], seqs[0] + 3)), seqs


def test_a_failure_after_storing_hands_the_conversation_to_a_human(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    def broken(message: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        # A reply the store cannot take (a text of the wrong type breaks the insert).
        return [{"text": "ok", "custom": {"event": "x", "value": float("nan")}}]

    fake_rasa.reply = broken
    conversation_id, headers = start(client, "de")

    response = send(client, conversation_id, headers, text="Mein VPN geht nicht")

    assert response.status_code == 200
    user, sorry, handoff = response.json()["messages"]
    assert user["role"] == "user"
    assert sorry["text"].startswith("Entschuldigung")
    assert handoff["custom"]["event"] == "handoff"
    assert conversation_row(settings, conversation_id)["handoff_reason"] == "internal_error"
    assert [row["role"] for row in stored_rows(settings, conversation_id)] == [
        "user",
        "bot",
        "system",
    ]


async def test_a_new_senders_simultaneous_first_messages_share_one_conversation(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    transport = httpx.ASGITransport(app=client.app)
    headers = {"Authorization": f"Bearer {settings.secret('channel_token')}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        responses = await asyncio.gather(
            *(
                http.post(
                    "/webhooks/rest/webhook",
                    json={"sender": "new-kiosk", "message": f"hallo {index}"},
                    headers=headers,
                )
                for index in range(4)
            )
        )
    assert [response.status_code for response in responses] == [200] * 4
    assert len({call["sender"] for call in fake_rasa.calls}) == 1


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1234567890" * 200, id="digits"),
        pytest.param("a" * 2000, id="one-character"),
        pytest.param("1." * 1000, id="dotted-numbers"),
        pytest.param("a@" * 1000, id="at-signs"),
        pytest.param(":" * 2000, id="colons"),
        pytest.param("Passwort: " * 200, id="keywords"),
        pytest.param("Anna " * 400, id="capitalised-names"),
        pytest.param("Mein VPN geht nicht, my Outlook crasht 😡🔥 " * 40, id="mixed-de-en-emoji"),
        pytest.param("שלום, הסיסמה שלי לא עובדת مرحبا " * 60, id="right-to-left"),
    ],
)
def test_hostile_messages_are_handled_and_hide_nothing(
    client: TestClient, settings: Settings, text: str
) -> None:
    secret = " Passwort: Sommer2024! Mail jana.kowalski@example.com"
    message = text[: 2000 - len(secret)] + secret
    conversation_id, headers = start(client)

    response = send(client, conversation_id, headers, text=message)

    assert response.status_code == 200
    stored = stored_rows(settings, conversation_id)
    dump = repr(stored)
    assert "Sommer2024" not in dump
    assert "jana.kowalski" not in dump
    assert stored[0]["text"].endswith("<EMAIL_ADDRESS_1>")
