"""The widget's HTTP API, through the whole pipeline, against both databases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from escalation.db import sync_url
from escalation.settings import Settings
from tests.support.fake_rasa import FakeRasa


def start(client: TestClient, locale: str | None = "de-DE") -> tuple[str, dict[str, str]]:
    response = client.post("/api/v1/chat/conversations", json={"locale": locale})
    assert response.status_code == 201, response.text
    body = response.json()
    return body["conversation_id"], {"Authorization": f"Bearer {body['token']}"}


def send(client: TestClient, conversation_id: str, headers: dict[str, str], **body: Any) -> Any:
    # json.dumps escapes non-ASCII, so even a lone surrogate reaches the server as JSON does.
    return client.post(
        f"/api/v1/chat/conversations/{conversation_id}/messages",
        content=json.dumps(body),
        headers={**headers, "Content-Type": "application/json"},
    )


def stored_rows(settings: Settings, conversation_id: str) -> list[dict[str, Any]]:
    engine = create_engine(sync_url(settings.effective_database_url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT * FROM message WHERE conversation_id = :id ORDER BY seq"),
                {"id": conversation_id},
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def conversation_row(settings: Settings, conversation_id: str) -> dict[str, Any]:
    engine = create_engine(sync_url(settings.effective_database_url))
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT * FROM conversation WHERE id = :id"), {"id": conversation_id}
            ).one()
            return dict(row._mapping)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("locale", "user_text", "language"),
    [
        ("de-DE", "Hallo, ich habe mein Passwort vergessen", "de"),
        ("en-US", "hi, my vpn keeps dropping", "en"),
    ],
    ids=["de", "en"],
)
def test_a_turn_stores_the_message_and_the_replies_in_order(
    client: TestClient,
    settings: Settings,
    fake_rasa: FakeRasa,
    locale: str,
    user_text: str,
    language: str,
) -> None:
    conversation_id, headers = start(client, locale)

    response = send(client, conversation_id, headers, text=user_text)

    assert response.status_code == 200, response.text
    messages = response.json()["messages"]
    assert [(m["seq"], m["role"]) for m in messages] == [(1, "user"), (2, "bot"), (3, "bot")]
    assert messages[0]["text"] == user_text
    assert messages[1]["text"] == f"[{language}] reply"
    assert messages[2]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
    assert all(message["language"] == language for message in messages)
    (call,) = fake_rasa.calls
    assert call["sender"] == conversation_id
    assert call["metadata"]["language"] == language
    rows = stored_rows(settings, conversation_id)
    assert [row["seq"] for row in rows] == [1, 2, 3]
    assert rows[0]["language"] == language
    assert 0.5 <= rows[0]["language_confidence"] <= 1.0
    assert call["metadata"]["lotse_message_id"] == rows[0]["id"]


def test_personal_data_is_redacted_before_storage_and_before_rasa(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client, "en-GB")

    response = send(
        client,
        conversation_id,
        headers,
        text="my mail is erika.musterfrau@example.com and my password is Sommer2024",
    )

    assert response.status_code == 200
    redacted = "my mail is <EMAIL_ADDRESS_1> and my password is <CREDENTIAL_1>"
    assert response.json()["messages"][0]["text"] == redacted
    assert fake_rasa.calls[0]["message"] == redacted
    rows = stored_rows(settings, conversation_id)
    dump = repr(rows)
    assert "erika.musterfrau" not in dump
    assert "Sommer2024" not in dump
    # The user is told not to send passwords, in their language.
    warnings = [row for row in rows if row["role"] == "system"]
    assert len(warnings) == 1
    assert "password" in warnings[0]["text"]


def test_placeholders_stay_the_same_within_a_conversation_and_originals_are_sealed(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client, "de-DE")
    texts = [
        "Hallo, ich bin Jana Kowalski, Mail jana.kowalski@example.com",
        "Nochmal: jana.kowalski@example.com, mein Kollege Tobias Brandt auch",
        "und Jana Kowalski hat immer noch keinen Zugriff",
    ]
    stored = [send(client, conversation_id, headers, text=text).json() for text in texts]

    users = [reply["messages"][0]["text"] for reply in stored]
    assert users == [
        "Hallo, ich bin <PERSON_1>, Mail <EMAIL_ADDRESS_1>",
        "Nochmal: <EMAIL_ADDRESS_1>, mein Kollege <PERSON_2> auch",
        "und <PERSON_1> hat immer noch keinen Zugriff",
    ]
    engine = create_engine(sync_url(settings.effective_database_url))
    try:
        with engine.connect() as connection:
            vault = connection.execute(
                text("SELECT * FROM pii_vault WHERE conversation_id = :id"),
                {"id": conversation_id},
            ).all()
            placeholders = connection.execute(
                text("SELECT * FROM pii_placeholder WHERE conversation_id = :id"),
                {"id": conversation_id},
            ).all()
    finally:
        engine.dispose()
    assert len(vault) == 3
    assert len(placeholders) == 3
    dump = repr(vault) + repr(placeholders) + repr(stored_rows(settings, conversation_id))
    for value in ("Jana Kowalski", "jana.kowalski", "Tobias Brandt"):
        assert value not in dump


def test_resync_returns_messages_after_a_sequence_number(client: TestClient) -> None:
    conversation_id, headers = start(client)
    send(client, conversation_id, headers, text="Drucker geht nicht")
    send(client, conversation_id, headers, text="immer noch nicht")

    everything = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages", headers=headers
    )
    later = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages?after=3", headers=headers
    )

    assert [m["seq"] for m in everything.json()["messages"]] == [1, 2, 3, 4, 5, 6]
    assert everything.json()["last_seq"] == 6
    assert [m["seq"] for m in later.json()["messages"]] == [4, 5, 6]
    nothing = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages?after=6", headers=headers
    )
    assert nothing.json() == {"messages": [], "last_seq": 6}


def test_a_retried_client_message_id_is_stored_once(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client)

    first = send(client, conversation_id, headers, text="VPN bricht ab", client_message_id="c-1")
    again = send(client, conversation_id, headers, text="VPN bricht ab", client_message_id="c-1")

    assert first.json() == again.json()
    assert len(fake_rasa.calls) == 1
    assert len(stored_rows(settings, conversation_id)) == 3


def test_a_quick_reply_sends_its_payload_to_rasa_and_stores_its_title(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client, "en")

    response = send(client, conversation_id, headers, text="Yes, it works", payload="/affirm")

    assert response.json()["messages"][0]["text"] == "Yes, it works"
    assert fake_rasa.calls[0]["message"] == "/affirm"


@pytest.mark.parametrize(
    "payload", ['/affirm{"email": "a@b.example"}', "affirm", "/", "/a b"], ids=str
)
def test_payloads_can_only_name_an_intent(client: TestClient, payload: str) -> None:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, text="ja", payload=payload)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_payload"


@pytest.mark.parametrize(
    ("mode", "language", "apology"),
    [
        ("down", "de", "Entschuldigung"),
        ("slow", "en", "Sorry"),
        ("empty", "de", "Entschuldigung"),
        ("error", "en", "Sorry"),
        ("garbage", "de", "Entschuldigung"),
    ],
)
def test_when_rasa_fails_the_user_gets_an_apology_and_a_human_follows_up(
    client: TestClient,
    settings: Settings,
    fake_rasa: FakeRasa,
    mode: str,
    language: str,
    apology: str,
) -> None:
    fake_rasa.mode = mode
    conversation_id, headers = start(client, language)
    text_by_language = {"de": "Mein VPN geht nicht mehr", "en": "my vpn does not work anymore"}

    response = send(client, conversation_id, headers, text=text_by_language[language])

    assert response.status_code == 200
    user, sorry, handoff = response.json()["messages"]
    assert user["text"] == text_by_language[language]
    assert sorry["text"].startswith(apology)
    # Nobody is online in these tests: the user may leave a contact for a callback.
    assert handoff["custom"] == {
        "event": "handoff",
        "queue": "general",
        "priority": "P3",
        "offline": True,
    }
    conversation = conversation_row(settings, conversation_id)
    assert conversation["owner"] == "human"
    assert conversation["handoff_reason"] == "bot_unavailable"
    assert len(stored_rows(settings, conversation_id)) == 3


def test_a_bot_handoff_request_becomes_the_public_handoff_event(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client, "en")

    response = send(client, conversation_id, headers, text="I want a human please")

    roles = [(m["role"], m["custom"]) for m in response.json()["messages"]]
    assert roles == [
        ("user", None),
        ("bot", None),
        ("system", {"event": "handoff", "queue": "general", "priority": "P3", "offline": True}),
    ]
    assert conversation_row(settings, conversation_id)["handoff_reason"] == "user_request"


def test_while_a_human_owns_the_conversation_no_bot_turn_runs(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    conversation_id, headers = start(client, "en")
    send(client, conversation_id, headers, text="I want a human please")
    calls_before = len(fake_rasa.calls)

    response = send(client, conversation_id, headers, text="are you there?")

    assert [m["role"] for m in response.json()["messages"]] == ["user"]
    assert len(fake_rasa.calls) == calls_before


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_message"),
        ("   \n\t ", "empty_message"),
        ("\u200b\u200b", "empty_message"),
        ("x" * 2001, "message_too_long"),
        ("hallo\x00welt", "invalid_characters"),
        ("hello\x1b[31m", "invalid_characters"),
        ("\ud800", "invalid_encoding"),
    ],
    ids=["empty", "whitespace", "invisible-only", "too-long", "nul", "escape", "surrogate"],
)
def test_bad_text_is_refused_and_nothing_is_stored(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa, text: str, code: str
) -> None:
    conversation_id, headers = start(client)

    response = send(client, conversation_id, headers, text=text)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert stored_rows(settings, conversation_id) == []
    assert conversation_row(settings, conversation_id)["last_seq"] == 0
    assert fake_rasa.calls == []


def test_exactly_the_limit_is_accepted(client: TestClient) -> None:
    conversation_id, headers = start(client)
    assert send(client, conversation_id, headers, text="a" * 2000).status_code == 200


def test_invisible_characters_are_removed_but_emoji_and_rtl_scripts_survive(
    client: TestClient,
) -> None:
    conversation_id, headers = start(client)

    response = send(
        client, conversation_id, headers, text="Hallo\u202e \u200bWelt 👩\u200d💻 مرحبا שלום"
    )

    assert response.json()["messages"][0]["text"] == "Hallo Welt 👩\u200d💻 مرحبا שלום"


def test_invalid_json_is_a_clear_400(client: TestClient) -> None:
    conversation_id, headers = start(client)
    response = client.post(
        f"/api/v1/chat/conversations/{conversation_id}/messages",
        content=b'{"text": "hallo"',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_invalid_utf8_is_a_clear_400(client: TestClient) -> None:
    conversation_id, headers = start(client)
    response = client.post(
        f"/api/v1/chat/conversations/{conversation_id}/messages",
        content=b'{"text": "caf\xe9"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_encoding"


def test_a_missing_text_field_names_the_field(client: TestClient) -> None:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, message="hallo")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    assert "text" in response.json()["error"]["message"]


def test_a_missing_token_is_401(client: TestClient) -> None:
    conversation_id, _ = start(client)
    response = send(client, conversation_id, {}, text="hallo")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"


def test_another_conversations_token_is_403(client: TestClient, settings: Settings) -> None:
    mine, _ = start(client)
    _, other_headers = start(client)

    for response in (
        send(client, mine, other_headers, text="hallo"),
        client.get(f"/api/v1/chat/conversations/{mine}/messages", headers=other_headers),
    ):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    assert stored_rows(settings, mine) == []


def test_an_unknown_conversation_is_404(client: TestClient) -> None:
    _, headers = start(client)
    response = send(client, "00000000-0000-0000-0000-000000000000", headers, text="hallo")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "conversation_not_found"


def test_the_token_is_not_stored_in_clear(client: TestClient, settings: Settings) -> None:
    response = client.post("/api/v1/chat/conversations", json={})
    body = response.json()
    row = conversation_row(settings, body["conversation_id"])
    assert body["token"] not in repr(row)
    assert len(body["token"]) >= 32
    assert body["language"] == "de"  # the default language without a locale


def test_a_resync_from_beyond_the_end_reports_the_real_last_seq(client: TestClient) -> None:
    conversation_id, headers = start(client)
    send(client, conversation_id, headers, text="Drucker geht nicht")
    response = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages?after=50", headers=headers
    )
    too_big = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages?after={2**31}", headers=headers
    )
    assert response.json() == {"messages": [], "last_seq": 3}
    assert too_big.status_code == 422


@pytest.mark.parametrize(
    "conversation_id", ["not-a-uuid", "00000000-0000-0000-0000-00000000000%00"], ids=str
)
def test_malformed_conversation_ids_are_404(client: TestClient, conversation_id: str) -> None:
    _, headers = start(client)
    response = client.get(f"/api/v1/chat/conversations/{conversation_id}/messages", headers=headers)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [{"locale": "de\u0000DE"}, {"locale": "x" * 40}, {"locale": "<script>"}],
    ids=["nul", "long", "markup"],
)
def test_a_malformed_locale_is_refused(client: TestClient, body: dict[str, str]) -> None:
    response = client.post("/api/v1/chat/conversations", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_very_long_text_is_message_too_long(client: TestClient) -> None:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, text="x" * 25_000)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "message_too_long"
