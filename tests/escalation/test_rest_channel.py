"""The Rasa-compatible REST channel for server-to-server clients."""

from __future__ import annotations

from fastapi.testclient import TestClient

from escalation.settings import Settings
from tests.escalation.test_chat_api import stored_rows
from tests.support.fake_rasa import FakeRasa


def client_headers(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.secret('channel_token')}"}


def test_rasa_payloads_go_through_the_pipeline(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    response = client.post(
        "/webhooks/rest/webhook",
        json={"sender": "kiosk-7", "message": "Mein VPN bricht ständig ab", "metadata": {}},
        headers=client_headers(settings),
    )

    assert response.status_code == 200
    assert response.json() == [
        {"recipient_id": "kiosk-7", "text": "[de] reply", "buttons": None, "custom": None},
        {
            "recipient_id": "kiosk-7",
            "text": "Did that help?",
            "buttons": [{"title": "Yes", "payload": "/affirm"}],
            "custom": None,
        },
    ]
    # Rasa sees the switchboard's conversation id, never the client's sender value.
    assert fake_rasa.calls[0]["sender"] != "kiosk-7"


def test_a_sender_keeps_its_conversation_and_senders_are_separate(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    for sender in ("alice", "bob", "alice"):
        client.post(
            "/webhooks/rest/webhook",
            json={"sender": sender, "message": "hello, my vpn is down"},
            headers=client_headers(settings),
        )

    conversations = [call["sender"] for call in fake_rasa.calls]
    assert conversations[0] == conversations[2]
    assert conversations[0] != conversations[1]
    assert [row["seq"] for row in stored_rows(settings, conversations[0])] == [1, 2, 3, 4, 5, 6]


def test_the_sender_value_is_stored_only_as_a_keyed_hash(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    from tests.escalation.test_chat_api import conversation_row

    client.post(
        "/webhooks/rest/webhook",
        json={"sender": "max.mustermann@example.com", "message": "hallo"},
        headers=client_headers(settings),
    )
    row = conversation_row(settings, fake_rasa.calls[0]["sender"])
    assert "max.mustermann" not in repr(row)
    assert len(row["sender_hash"]) == 64


def test_a_handoff_shows_up_as_a_custom_entry(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    response = client.post(
        "/webhooks/rest/webhook",
        json={"sender": "s1", "message": "I need a human"},
        headers=client_headers(settings),
    )
    customs = [entry["custom"] for entry in response.json() if entry["custom"]]
    assert customs == [{"event": "handoff", "queue": "general", "priority": "P3", "offline": True}]


def test_a_wrong_or_missing_client_token_is_401(client: TestClient) -> None:
    body = {"sender": "s1", "message": "hallo"}
    missing = client.post("/webhooks/rest/webhook", json=body)
    wrong = client.post(
        "/webhooks/rest/webhook", json=body, headers={"Authorization": "Bearer nope"}
    )
    assert missing.status_code == 401
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_token"


def test_bad_payloads_get_clear_errors(client: TestClient, settings: Settings) -> None:
    headers = client_headers(settings)
    empty = client.post(
        "/webhooks/rest/webhook", json={"sender": "s1", "message": "  "}, headers=headers
    )
    no_sender = client.post("/webhooks/rest/webhook", json={"message": "hallo"}, headers=headers)
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "empty_message"
    assert no_sender.status_code == 422
    assert "sender" in no_sender.json()["error"]["message"]


def test_bad_text_creates_no_conversation(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    from sqlalchemy import create_engine, text

    from escalation.db import sync_url

    for _ in range(3):
        response = client.post(
            "/webhooks/rest/webhook",
            json={"sender": "s9", "message": "hallo\u0007"},
            headers=client_headers(settings),
        )
        assert response.status_code == 422
    bad_locale = client.post(
        "/webhooks/rest/webhook",
        json={"sender": "s9", "message": "hallo", "metadata": {"locale": "x" * 50}},
        headers=client_headers(settings),
    )
    assert bad_locale.status_code == 422
    engine = create_engine(sync_url(settings.effective_database_url))
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM conversation")).scalar_one()
    engine.dispose()
    assert count == 0
