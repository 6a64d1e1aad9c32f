"""Handoffs through the agent API, against both databases: from the bot's handover through
claim, replies both ways and hand-back to the bot, with routing, visibility and errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from escalation.db import sync_url
from escalation.models import AgentRole
from escalation.settings import Settings
from tests.escalation.test_chat_api import conversation_row, send, start, stored_rows
from tests.support.agents import PASSWORD, Console, console_for, login, make_agent
from tests.support.fake_rasa import FakeRasa, Replies


def handing_over(**request: Any) -> Any:
    """A stand-in bot that hands over with `request` when asked for a human."""

    def reply(message: str, metadata: dict[str, Any]) -> Replies:
        if "mensch" in message.lower() or "human" in message.lower():
            return [
                {"text": "connecting you"},
                {"custom": {"event": "handoff_request", "reason": "user_request", **request}},
            ]
        return [{"text": f"[{metadata.get('language')}] bot reply"}]

    return reply


def custom_of(row: dict[str, Any]) -> dict[str, Any]:
    """A stored message's custom payload (raw SQL gives SQLite's JSON as a string)."""
    custom = row["custom"]
    return json.loads(custom) if isinstance(custom, str) else (custom or {})


def escalate(client: TestClient, text: str = "Ich möchte mit einem Menschen sprechen") -> Any:
    conversation_id, headers = start(client)
    response = send(client, conversation_id, headers, text=text)
    assert response.status_code == 200, response.text
    return conversation_id, headers


def waiting(console: Console) -> list[dict[str, Any]]:
    response = console.get("/api/v1/handoffs?status=waiting")
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


def test_a_handoff_reaches_an_agent_who_claims_replies_and_hands_back(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    anna = console_for(client, settings, "anna@example.org", name="Anna")

    (handoff,) = waiting(anna)
    assert handoff["conversation_id"] == conversation_id
    assert (handoff["queue"], handoff["priority"], handoff["language"]) == ("general", "P3", "de")
    assert handoff["status"] == "waiting"
    assert handoff["position"] == 1
    assert handoff["triage"]["reason"] == "user_request"
    assert handoff["triage"]["problem"] == "Ich möchte mit einem Menschen sprechen"
    assert handoff["sla_due_at"] > handoff["created_at"]

    claimed = anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["agent"]["display_name"] == "Anna"
    assert claimed.json()["status"] == "active"

    reply = anna.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Hallo, hier Anna."}
    )
    assert reply.status_code == 201, reply.text
    calls_before = len(fake_rasa.calls)
    assert (
        send(client, conversation_id, headers, text="Danke, mein VPN geht nicht").status_code == 200
    )
    assert len(fake_rasa.calls) == calls_before  # a human owns it: no bot turn

    transcript = anna.get(f"/api/v1/conversations/{conversation_id}/messages").json()
    roles = [(m["role"], (m["custom"] or {}).get("event")) for m in transcript["messages"]]
    assert ("system", "agent_joined") in roles
    assert [m["text"] for m in transcript["messages"] if m["role"] == "agent"] == [
        "Hallo, hier Anna."
    ]
    assert transcript["messages"][-1]["text"] == "Danke, mein VPN geht nicht"

    released = anna.post(f"/api/v1/handoffs/{handoff['id']}/release")
    assert released.status_code == 200
    assert released.json()["status"] == "released"
    assert conversation_row(settings, conversation_id)["owner"] == "bot"
    turn = send(client, conversation_id, headers, text="Bist du wieder da?")
    assert [m["text"] for m in turn.json()["messages"][1:]] == ["[de] bot reply"]
    assert len(fake_rasa.calls) == calls_before + 1


def test_a_second_agent_cannot_claim_a_claimed_chat(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    ben = console_for(client, settings, "ben@example.org")
    (handoff,) = waiting(anna)
    assert anna.post(f"/api/v1/handoffs/{handoff['id']}/claim").status_code == 200
    second = ben.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "already_claimed"
    # Ben may not speak for Anna's chat either.
    refused = ben.post(
        f"/api/v1/conversations/{handoff['conversation_id']}/messages", json={"text": "Hi"}
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_owner"
    assert ben.post(f"/api/v1/handoffs/{handoff['id']}/release").status_code == 409


@pytest.mark.parametrize(
    ("request_fields", "text", "queue", "priority", "priority_reason"),
    [
        pytest.param(
            {"category": "vpn_problem", "reason": "troubleshooting_failed"},
            "VPN geht nicht, Mensch bitte",
            "network",
            "P3",
            "default",
            id="vpn-default",
        ),
        pytest.param(
            {"category": "vpn_problem", "reason": "troubleshooting_failed"},
            "VPN geht nicht, ich kann nicht arbeiten, Mensch bitte",
            "network",
            "P2",
            "cannot_work",
            id="vpn-cannot-work",
        ),
        pytest.param(
            {"category": "account_locked"},
            "Konto gesperrt, Mensch bitte",
            "accounts",
            "P2",
            "cannot_work",
            id="locked-cannot-work",
        ),
        pytest.param(
            {"category": "security_incident", "reason": "security_incident"},
            "Phishing geklickt, Mensch bitte",
            "security",
            "P1",
            "security_incident",
            id="security",
        ),
        pytest.param(
            {"category": "printer_problem", "details": {"others_affected": "ganze Abteilung"}},
            "Drucker druckt nicht, Mensch bitte",
            "workplace",
            "P1",
            "others_affected",
            id="many-affected",
        ),
        pytest.param(
            {"category": "software_install"},
            "Brauche Visio, Mensch bitte",
            "workplace",
            "P4",
            "request",
            id="request",
        ),
    ],
)
def test_handoffs_are_routed_by_category_and_prioritised(
    client: TestClient,
    settings: Settings,
    fake_rasa: FakeRasa,
    request_fields: dict[str, Any],
    text: str,
    queue: str,
    priority: str,
    priority_reason: str,
) -> None:
    fake_rasa.reply = handing_over(**request_fields)
    escalate(client, text)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    assert (handoff["queue"], handoff["priority"]) == (queue, priority)
    assert handoff["triage"]["priority_reason"] == priority_reason
    assert handoff["triage"]["category"] == request_fields["category"]


def test_the_triage_card_carries_entities_and_the_steps_tried_in_words(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over(
        category="vpn_problem",
        reason="troubleshooting_failed",
        steps_tried=["utter_vpn_problem_1", "utter_vpn_problem_2"],
        details={"application": "GlobalProtect", "operating_system": "Windows 11"},
    )
    escalate(client, "GlobalProtect verbindet nicht, Mensch bitte")
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    card = handoff["triage"]
    assert card["entities"] == {"application": "GlobalProtect", "operating_system": "Windows 11"}
    assert [step["id"] for step in card["steps_tried"]] == [
        "utter_vpn_problem_1",
        "utter_vpn_problem_2",
    ]
    assert all(
        step["text"] and not step["text"].startswith("utter_") for step in card["steps_tried"]
    )


def test_agents_see_only_their_queues(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over(category="vpn_problem")
    conversation_id, _ = escalate(client)
    accounts_only = console_for(client, settings, "acc@example.org", queues=("accounts",))
    supervisor = console_for(
        client, settings, "sup@example.org", role=AgentRole.SUPERVISOR, queues=()
    )
    assert waiting(accounts_only) == []
    (handoff,) = waiting(supervisor)
    for response in (
        accounts_only.get(f"/api/v1/handoffs/{handoff['id']}"),
        accounts_only.post(f"/api/v1/handoffs/{handoff['id']}/claim"),
        accounts_only.get(f"/api/v1/conversations/{conversation_id}/messages"),
        accounts_only.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Hallo"}
        ),
        accounts_only.post(f"/api/v1/handoffs/{handoff['id']}/notes", json={"text": "x"}),
    ):
        assert response.status_code == 404, response.text
    assert [q["name"] for q in accounts_only.get("/api/v1/queues").json()] == ["accounts"]
    assert accounts_only.post("/api/v1/handoffs/next").status_code == 204


def test_take_next_gives_the_most_urgent_then_the_oldest(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over(category="printer_problem")
    escalate(client, "Drucker, Mensch bitte")
    escalate(client, "Drucker zwei, Mensch bitte")
    fake_rasa.reply = handing_over(category="security_incident", reason="security_incident")
    urgent, _ = escalate(client, "Phishing, Mensch bitte")
    anna = console_for(client, settings, "anna@example.org", max_chats=2)
    first = anna.post("/api/v1/handoffs/next")
    assert first.status_code == 200
    assert first.json()["conversation_id"] == urgent
    second = anna.post("/api/v1/handoffs/next")
    assert second.json()["triage"]["problem"] == "Drucker, Mensch bitte"
    at_capacity = anna.post("/api/v1/handoffs/next")
    assert at_capacity.status_code == 409
    assert at_capacity.json()["error"]["code"] == "at_capacity"


def test_take_next_respects_the_agents_languages(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    escalate(client)  # German
    english_only = console_for(client, settings, "en@example.org", languages=("en",))
    assert english_only.post("/api/v1/handoffs/next").status_code == 204


def test_transfer_to_another_queue_and_to_an_agent(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    ben_id = make_agent(settings, "ben@example.org", queues=("security",))
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    moved = anna.post(f"/api/v1/handoffs/{handoff['id']}/transfer", json={"queue": "security"})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["queue"], moved.json()["status"], moved.json()["agent"]) == (
        "security",
        "waiting",
        None,
    )
    assert moved.json()["sla_due_at"] == handoff["sla_due_at"]
    to_ben = anna.post(f"/api/v1/handoffs/{handoff['id']}/transfer", json={"agent_id": ben_id})
    assert to_ben.status_code == 200, to_ben.text
    assert to_ben.json()["agent"]["id"] == ben_id
    assert to_ben.json()["status"] == "active"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="neither"),
        pytest.param({"queue": "security", "agent_id": "x"}, id="both"),
        pytest.param({"queue": "nope"}, id="unknown-queue"),
        pytest.param({"agent_id": "00000000-0000-0000-0000-000000000000"}, id="unknown-agent"),
        pytest.param({"queue": "x" * 25_000}, id="huge"),
    ],
)
def test_bad_transfers_are_refused_and_change_nothing(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa, body: dict[str, Any]
) -> None:
    fake_rasa.reply = handing_over()
    escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    response = anna.post(f"/api/v1/handoffs/{handoff['id']}/transfer", json=body)
    assert response.status_code in (404, 422), response.text
    assert waiting(anna) == [handoff]


def test_resolve_closes_the_chat_and_the_bot_takes_the_next_message(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    bad = anna.post(f"/api/v1/handoffs/{handoff['id']}/resolve", json={"resolution_code": "nah"})
    assert bad.status_code == 422
    done = anna.post(
        f"/api/v1/handoffs/{handoff['id']}/resolve", json={"resolution_code": "solved"}
    )
    assert done.status_code == 200
    assert done.json()["resolution_code"] == "solved"
    resolved = anna.get("/api/v1/handoffs?status=resolved").json()
    assert [item["id"] for item in resolved] == [handoff["id"]]
    assert anna.get("/api/v1/handoffs").json() == []
    rows = stored_rows(settings, conversation_id)
    assert custom_of(rows[-1]).get("event") == "handoff_resolved"
    turn = send(client, conversation_id, headers, text="Noch eine Frage")
    assert turn.json()["messages"][-1]["text"] == "[de] bot reply"
    again = anna.post(
        f"/api/v1/handoffs/{handoff['id']}/resolve", json={"resolution_code": "solved"}
    )
    assert again.status_code == 409


def test_the_user_can_stop_waiting(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    status = client.get(f"/api/v1/chat/conversations/{conversation_id}/handoff", headers=headers)
    assert status.status_code == 200
    assert status.json()["status"] == "waiting"
    assert status.json()["position"] == 1
    cancel = f"/api/v1/chat/conversations/{conversation_id}/handoff/cancel"
    assert client.post(cancel).status_code == 401
    assert client.post(cancel, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.post(cancel, headers=headers).json() == {
        "status": "none",
        "position": None,
        "estimated_wait_seconds": None,
        "agents_online": None,
        "agent": None,
    }
    again = client.post(cancel, headers=headers)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "not_waiting"
    assert conversation_row(settings, conversation_id)["owner"] == "bot"
    anna = console_for(client, settings, "anna@example.org")
    assert waiting(anna) == []


def test_notes_are_internal(client: TestClient, settings: Settings, fake_rasa: FakeRasa) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    note = anna.post(
        f"/api/v1/handoffs/{handoff['id']}/notes",
        json={"text": "Rückruf an max.mustermann@example.com vereinbart"},
    )
    assert note.status_code == 201, note.text
    assert note.json()["text"] == "Rückruf an <EMAIL_ADDRESS_1> vereinbart"
    notes = anna.get(f"/api/v1/handoffs/{handoff['id']}/notes").json()
    assert [n["text"] for n in notes] == ["Rückruf an <EMAIL_ADDRESS_1> vereinbart"]
    user_view = client.get(
        f"/api/v1/chat/conversations/{conversation_id}/messages", headers=headers
    )
    assert "Rückruf" not in user_view.text


def test_agent_replies_are_redacted_like_user_text(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, _ = escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    reply = anna.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"text": "Ich rufe Sie unter +49 30 12345678 an"},
    )
    assert reply.json()["text"] == "Ich rufe Sie unter <PHONE_NUMBER_1> an"
    assert "12345678" not in str(stored_rows(settings, conversation_id))


BAD_TEXTS = [
    pytest.param("", 422, id="empty"),
    pytest.param("   \n\t ", 422, id="whitespace"),
    pytest.param("\u200b\u2060", 422, id="invisible-only"),
    pytest.param("x" * 2001, 422, id="2001-chars"),
    pytest.param("x" * 25_000, 422, id="25000-chars"),
    pytest.param("a\x00b", 422, id="nul"),
    pytest.param("a\x1b[31mb", 422, id="esc"),
    pytest.param("a\x85b", 422, id="c1"),
]


@pytest.mark.parametrize(("text", "status"), BAD_TEXTS)
def test_bad_agent_replies_are_refused_and_nothing_is_stored(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa, text: str, status: int
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, _ = escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    before = stored_rows(settings, conversation_id)
    response = anna.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": text})
    assert response.status_code == status, response.text
    assert "error" in response.json()
    assert stored_rows(settings, conversation_id) == before


@pytest.mark.parametrize(
    ("content", "status"),
    [
        pytest.param(b"{not json", 400, id="invalid-json"),
        pytest.param(b'{"text": "\\ud800"}', 422, id="lone-surrogate"),
        pytest.param(b'{"text": "caf\xe9"}', 400, id="invalid-utf8"),
        pytest.param(b'{"txt": "hello"}', 422, id="missing-field"),
        pytest.param(b'["text"]', 422, id="not-an-object"),
    ],
)
def test_malformed_agent_bodies_are_refused(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa, content: bytes, status: int
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, _ = escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    before = stored_rows(settings, conversation_id)
    response = anna.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        content=content,
        headers={**anna.csrf, "Content-Type": "application/json"},
    )
    assert response.status_code == status, response.text
    assert stored_rows(settings, conversation_id) == before


@pytest.mark.parametrize(
    "handoff_id",
    [
        pytest.param("00000000-0000-0000-0000-000000000000", id="unknown"),
        pytest.param("not-a-uuid", id="malformed"),
        pytest.param("x" * 5000, id="huge"),
        pytest.param("%00", id="nul"),
    ],
)
def test_unknown_or_malformed_handoff_ids_are_404(
    client: TestClient, settings: Settings, handoff_id: str
) -> None:
    anna = console_for(client, settings, "anna@example.org")
    assert anna.get(f"/api/v1/handoffs/{handoff_id}").status_code == 404
    assert anna.post(f"/api/v1/handoffs/{handoff_id}/claim").status_code == 404
    assert anna.post(f"/api/v1/handoffs/{handoff_id}/release").status_code == 404


def test_state_changes_need_the_csrf_token_and_a_session(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    escalate(client)
    anna = console_for(client, settings, "anna@example.org")
    (handoff,) = waiting(anna)
    claim = f"/api/v1/handoffs/{handoff['id']}/claim"
    missing = anna.client.post(claim)
    assert missing.status_code == 403
    assert missing.json()["error"]["code"] == "csrf_failed"
    wrong = anna.client.post(claim, headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    anonymous = TestClient(client.app)
    assert anonymous.post(claim, headers=anna.csrf).status_code == 401
    assert anonymous.get("/api/v1/handoffs").status_code == 401
    forged = TestClient(client.app, cookies={"lotse_agent": "forged"})
    assert forged.get("/api/v1/handoffs").status_code == 401
    assert waiting(anna)[0]["status"] == "waiting"  # nothing was claimed


def test_login_logout_and_me(client: TestClient, settings: Settings) -> None:
    make_agent(settings, "Anna@Example.org")
    console = login(client, "anna@example.org")
    cookie = console.client.cookies.get("lotse_agent")
    assert cookie
    me = console.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["csrf_token"] == console.csrf["X-CSRF-Token"]
    assert me.json()["agent"]["email"] == "anna@example.org"
    assert "password" not in me.text
    assert "hash" not in me.text
    assert console.post("/api/v1/auth/logout").status_code == 204
    assert console.get("/api/v1/auth/me").status_code == 401
    # The old cookie is dead on the server, not only deleted in the browser.
    replay = TestClient(client.app, cookies={"lotse_agent": cookie})
    assert replay.get("/api/v1/handoffs").status_code == 401


def test_the_session_cookie_is_http_only_and_strict(client: TestClient, settings: Settings) -> None:
    make_agent(settings, "anna@example.org")
    response = client.post(
        "/api/v1/auth/login", json={"email": "anna@example.org", "password": PASSWORD}
    )
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header
    assert "samesite=strict" in header
    assert "path=/" in header


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"email": "anna@example.org", "password": "wrong password!"}, id="wrong"),
        pytest.param({"email": "nobody@example.org", "password": PASSWORD}, id="unknown"),
    ],
)
def test_wrong_credentials_get_one_answer(
    client: TestClient, settings: Settings, body: dict[str, str]
) -> None:
    make_agent(settings, "anna@example.org")
    response = client.post("/api/v1/auth/login", json=body)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param({"email": "", "password": ""}, id="blank"),
        pytest.param({"email": "a@b.c", "password": "x" * 25_000}, id="huge-password"),
        pytest.param({"email": "a@b.c", "password": "p", "tenant": "../x"}, id="bad-tenant"),
        pytest.param({"email": ["a"], "password": "p"}, id="wrong-type"),
    ],
)
def test_malformed_logins_are_422(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/api/v1/auth/login", json=body)
    assert response.status_code == 422
    assert "x" * 100 not in response.text


def test_logins_are_rate_limited_per_account(client: TestClient, settings: Settings) -> None:
    make_agent(settings, "anna@example.org")
    limit = settings.login_attempts_per_account
    for _ in range(limit):
        client.post("/api/v1/auth/login", json={"email": "anna@example.org", "password": "nope"})
    limited = client.post(
        "/api/v1/auth/login", json={"email": "ANNA@example.org", "password": PASSWORD}
    )
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    # Another account from the same address is not locked out by Anna's limit.
    make_agent(settings, "ben@example.org")
    assert login(client, "ben@example.org").agent_id


def test_presence_agents_and_canned_responses(client: TestClient, settings: Settings) -> None:
    anna = console_for(client, settings, "anna@example.org")
    assert (
        anna.client.post("/api/v1/agents/me/presence", json={"presence": "online"}).status_code
        == 403
    )
    online = anna.post("/api/v1/agents/me/presence", json={"presence": "online"})
    assert online.status_code == 200
    assert online.json()["presence"] == "online"
    assert anna.post("/api/v1/agents/me/presence", json={"presence": "busy"}).status_code == 422
    colleagues = anna.get("/api/v1/agents").json()
    assert [(c["display_name"], c["presence"]) for c in colleagues] == [("Anna", "online")]
    canned = anna.get("/api/v1/canned-responses").json()
    assert {item["language"] for item in canned} == {"de", "en"}
    assert all(item["title"] and item["text"] for item in canned)


def test_the_user_hears_who_joined_and_is_told_when_nobody_is_online(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    rows = stored_rows(settings, conversation_id)
    notice = rows[-1]
    assert notice["role"] == "system"
    assert custom_of(notice)["event"] == "handoff"
    anna = console_for(client, settings, "anna@example.org", name="Anna")
    (handoff,) = waiting(anna)
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    joined = stored_rows(settings, conversation_id)[-1]
    assert custom_of(joined) == {"event": "agent_joined", "display_name": "Anna"}
    assert joined["text"] == "Anna vom IT-Support ist dem Chat beigetreten."
    status = client.get(f"/api/v1/chat/conversations/{conversation_id}/handoff", headers=headers)
    assert status.json()["status"] == "active"
    assert status.json()["agent"] == "Anna"


def test_agent_create_refuses_bad_accounts(settings: Settings) -> None:
    from escalation.agents import AgentError

    make_agent(settings, "anna@example.org")
    with pytest.raises(AgentError, match="exists already"):
        make_agent(settings, "ANNA@example.org")
    with pytest.raises(AgentError, match="no such queue"):
        make_agent(settings, "ben@example.org", queues=("nope",))
    with pytest.raises(AgentError, match="languages"):
        make_agent(settings, "ben@example.org", languages=("fr",))
    assert PASSWORD


def test_a_waiting_user_leaves_a_contact_that_only_the_owner_may_reveal(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    callback = f"/api/v1/chat/conversations/{conversation_id}/handoff/callback"
    response = client.post(
        callback, json={"contact": "Bitte unter 030 1234567 anrufen"}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "waiting"
    assert "1234567" not in str(stored_rows(settings, conversation_id))
    assert custom_of(stored_rows(settings, conversation_id)[-1]) == {"event": "callback_requested"}

    anna = console_for(client, settings, "anna@example.org")
    ben = console_for(client, settings, "ben@example.org")
    (handoff,) = waiting(anna)
    placeholder = handoff["triage"]["callback"]["contact"]
    assert placeholder == "<PHONE_NUMBER_1>"
    reveal = f"/api/v1/handoffs/{handoff['id']}/reveal"
    assert anna.post(reveal, json={"placeholder": placeholder}).status_code == 409  # not owner
    anna.post(f"/api/v1/handoffs/{handoff['id']}/claim")
    assert ben.post(reveal, json={"placeholder": placeholder}).status_code == 409
    revealed = anna.post(reveal, json={"placeholder": placeholder, "reason": "Rückruf"})
    assert revealed.status_code == 200, revealed.text
    assert revealed.json() == {"placeholder": "<PHONE_NUMBER_1>", "value": "030 1234567"}
    unknown = anna.post(reveal, json={"placeholder": "<PHONE_NUMBER_9>"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_kept"
    engine = create_engine(sync_url(settings.effective_database_url))
    with engine.connect() as connection:
        audit = connection.execute(
            text("SELECT actor, outcome FROM audit_event WHERE action = 'pii.reveal' ORDER BY id")
        ).all()
    engine.dispose()
    assert [outcome for _, outcome in audit] == ["revealed", "UnknownPlaceholder"]
    assert all(actor == f"agent:{anna.agent_id}" for actor, _ in audit)


@pytest.mark.parametrize(
    ("contact", "status", "code"),
    [
        pytest.param("ruft mich halt an", 422, "invalid_contact", id="no-contact"),
        pytest.param("", 422, "empty_message", id="empty"),
        pytest.param("x" * 25_000, 422, "message_too_long", id="huge"),
        pytest.param("030\x001234567", 422, "invalid_characters", id="nul"),
    ],
)
def test_bad_callback_contacts_are_refused_and_change_nothing(
    client: TestClient,
    settings: Settings,
    fake_rasa: FakeRasa,
    contact: str,
    status: int,
    code: str,
) -> None:
    fake_rasa.reply = handing_over()
    conversation_id, headers = escalate(client)
    before = stored_rows(settings, conversation_id)
    response = client.post(
        f"/api/v1/chat/conversations/{conversation_id}/handoff/callback",
        json={"contact": contact},
        headers=headers,
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert stored_rows(settings, conversation_id) == before
    anna = console_for(client, settings, "anna@example.org")
    assert "callback" not in waiting(anna)[0]["triage"]


def test_a_callback_needs_a_waiting_handoff(client: TestClient, fake_rasa: FakeRasa) -> None:
    conversation_id, headers = start(client)
    response = client.post(
        f"/api/v1/chat/conversations/{conversation_id}/handoff/callback",
        json={"contact": "anna@example.org"},
        headers=headers,
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_waiting"
