"""The whole pipeline through a real Rasa server: German and English, storage, handoff."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.integration.helpers import query, say, start_conversation
from tests.support.live_server import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]


def bot_texts(messages: list[dict[str, object]]) -> str:
    return "\n".join(str(m["text"]) for m in messages if m["role"] == "bot")


def test_the_switchboard_reports_a_ready_bot(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/readyz").json() == {"database": "ok", "bot": "ready"}


def test_a_german_password_question_gets_german_troubleshooting(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "de-DE")

    messages = say(live_server, conversation_id, headers, "Hallo, ich habe mein Passwort vergessen")

    replies = bot_texts(messages)
    assert "Passwort selbst zurück" in replies
    assert messages[-1]["buttons"] == [
        {"title": "Ja, es funktioniert", "payload": "/affirm"},
        {"title": "Nein, weiterhin Probleme", "payload": "/deny"},
        {"title": "Mit einem Menschen sprechen", "payload": "/request_human"},
    ]
    # The action endpoint records the understanding just after answering Rasa (0004).
    for _ in range(50):
        intent, confidence, model_id, language = query(
            live_server,
            "lotse.db",
            "SELECT intent, intent_confidence, model_id, language FROM message "
            "WHERE conversation_id = ? AND role = 'user'",
            conversation_id,
        )[0]
        if intent is not None:
            break
        time.sleep(0.05)
    assert intent == "password_reset"
    assert confidence > 0.5
    assert model_id
    assert language == "de"


def test_an_english_vpn_problem_gets_english_troubleshooting(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "en-US")

    messages = say(live_server, conversation_id, headers, "hi, my vpn keeps dropping")

    assert "works without the VPN" in bot_texts(messages)
    assert messages[-1]["text"] == "Did that help?"


def test_failed_troubleshooting_hands_off_with_the_public_event(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "en-GB")
    say(live_server, conversation_id, headers, "my vpn keeps disconnecting every few minutes")
    second = say(live_server, conversation_id, headers, "No, still a problem", payload="/deny")
    third = say(live_server, conversation_id, headers, "No, still a problem", payload="/deny")

    messages = say(live_server, conversation_id, headers, "No, still a problem", payload="/deny")

    assert "quit the VPN client" in bot_texts(second)
    assert "hotspot" in bot_texts(third)
    assert "IT support agent should take a look" in bot_texts(messages)
    # The VPN team's queue; "offline" depends on the hour and on who is online.
    assert without_offline(messages[-1]["custom"]) == {
        "event": "handoff",
        "queue": "network",
        "priority": "P3",
    }
    ((owner, reason),) = query(
        live_server,
        "lotse.db",
        "SELECT owner, handoff_reason FROM conversation WHERE id = ?",
        conversation_id,
    )
    assert (owner, reason) == ("human", "troubleshooting_failed")


def test_the_reply_language_follows_a_real_switch_but_not_an_ok(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "de-DE")
    say(live_server, conversation_id, headers, "Hallo zusammen")

    after_ok = say(live_server, conversation_id, headers, "ok")
    after_switch = say(live_server, conversation_id, headers, "can we continue in English please")
    after_problem = say(live_server, conversation_id, headers, "my vpn keeps dropping")

    assert after_ok[0]["language"] == "de"
    assert all(m["language"] == "de" for m in after_ok)
    assert "continue in English" in bot_texts(after_switch)
    assert "works without the VPN" in bot_texts(after_problem)


def test_rasa_and_its_tracker_store_only_ever_see_redacted_text(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "de-DE")
    say(
        live_server,
        conversation_id,
        headers,
        "Mein VPN geht nicht, Quokkaprobe, bitte an erika.musterfrau@example.com oder "
        "+49 170 1234567",
    )

    tracker_rows = query(
        live_server,
        "rasa-tracker.db",
        "SELECT data FROM events WHERE sender_id = ?",
        conversation_id,
    )
    dump = "\n".join(row[0] for row in tracker_rows)
    assert "<EMAIL_ADDRESS_1>" in dump
    assert "erika.musterfrau" not in dump
    assert "1234567" not in dump
    stored = query(live_server, "lotse.db", "SELECT text FROM message")
    assert not any("erika.musterfrau" in (row[0] or "") for row in stored)
    # No message text at all in either log, not even redacted text.
    for log in (live_server.var_dir / "serve.log", live_server.var_dir / "log" / "rasa.log"):
        content = log.read_text()
        assert "erika.musterfrau" not in content
        assert "Quokkaprobe" not in content, log.name


def test_the_rest_channel_runs_the_same_pipeline(live_server: LiveServer) -> None:
    response = httpx.post(
        f"{live_server.url}/webhooks/rest/webhook",
        json={"sender": "kiosk-3", "message": "ich möchte mit einem Mitarbeiter sprechen"},
        headers={"Authorization": f"Bearer {live_server.channel_token}"},
        timeout=30,
    )

    entries = response.json()
    assert response.status_code == 200
    assert all(entry["recipient_id"] == "kiosk-3" for entry in entries)
    assert "Mitarbeiter" in entries[0]["text"]
    assert without_offline(entries[-1]["custom"]) == {
        "event": "handoff",
        "queue": "general",
        "priority": "P3",
    }


def without_offline(custom: dict[str, object]) -> dict[str, object]:
    assert isinstance(custom.get("offline"), bool)
    return {key: value for key, value in custom.items() if key != "offline"}
