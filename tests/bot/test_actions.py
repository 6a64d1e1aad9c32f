"""The bot's custom actions (bot/actions/), run directly and through rasa-sdk's executor."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from bot.actions.handoff import ActionRequestHandoff, build_handoff_request
from bot.actions.language import ActionSetLanguage

RASA_VERSION = "3.6.21"
DOMAIN: dict[str, Any] = {
    "intents": ["greet", "deny", "request_human", "password_reset", "vpn_problem"],
    "slots": {"language": {"type": "text", "influence_conversation": False}},
    "actions": ["action_set_language", "action_request_handoff"],
    "responses": {},
}


def user_message(
    text: str, intent: str | None, *, metadata: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A latest_message as Rasa sends it."""
    message: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.97} if intent else {},
        "entities": [],
        "intent_ranking": [],
    }
    if metadata is not None:
        message["metadata"] = metadata
    return message


def user_event(text: str, intent: str) -> dict[str, Any]:
    return {
        "event": "user",
        "timestamp": 1717000000.0,
        "text": text,
        "parse_data": user_message(text, intent),
        "input_channel": "rest",
    }


def action_event(name: str) -> dict[str, Any]:
    return {"event": "action", "timestamp": 1717000001.0, "name": name}


def tracker_state(
    *,
    latest_message: dict[str, Any] | None,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The tracker of an action call, as Rasa 3.6 serialises it."""
    return {
        "sender_id": "c0ffee00-0000-4000-8000-000000000001",
        "slots": {"language": None, **(slots or {})},
        "latest_message": latest_message,
        "events": events or [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }


def make_tracker(**kwargs: Any) -> Tracker:
    state = tracker_state(**kwargs)
    return Tracker(
        sender_id=state["sender_id"],
        slots=state["slots"],
        latest_message=state["latest_message"],
        events=state["events"],
        paused=state["paused"],
        followup_action=state["followup_action"],
        active_loop=state["active_loop"],
        latest_action_name=state["latest_action_name"],
    )


def action_call(next_action: str, tracker: dict[str, Any]) -> dict[str, Any]:
    return {
        "next_action": next_action,
        "sender_id": tracker["sender_id"],
        "tracker": tracker,
        "domain": DOMAIN,
        "version": RASA_VERSION,
    }


def handoff_message(custom: dict[str, Any]) -> dict[str, Any]:
    """What CollectingDispatcher records for `utter_message(json_message=custom)`."""
    return {
        "text": None,
        "buttons": [],
        "elements": [],
        "custom": custom,
        "template": None,
        "response": None,
        "image": None,
        "attachment": None,
    }


def run_action(action: Any, tracker: Tracker) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


# --- ActionSetLanguage --------------------------------------------------------------------


def test_set_language_name() -> None:
    assert ActionSetLanguage().name() == "action_set_language"


@pytest.mark.parametrize(
    ("text", "metadata_language", "expected"),
    [
        pytest.param("Hallo, mein VPN geht nicht", "de", "de", id="de"),
        pytest.param("Hello, my VPN is down", "en", "en", id="en"),
        pytest.param("Servus, Drucker kaputt", "de-AT", "de", id="de-AT"),
        pytest.param("Hi, printer broken", "en-GB", "en", id="en-GB"),
        pytest.param("Grüezi", "DE_ch", "de", id="DE_ch"),
        pytest.param("Howdy", "EN", "en", id="EN"),
    ],
)
def test_set_language_from_metadata(text: str, metadata_language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "greet", metadata={"language": metadata_language})
    )
    events, dispatcher = run_action(ActionSetLanguage(), tracker)
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": expected}]
    assert events == [SlotSet("language", expected)]
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slot", "metadata_language"),
    [
        pytest.param("de", "de", id="de-unchanged"),
        pytest.param("en", "en", id="en-unchanged"),
        pytest.param("de", "de-AT", id="de-locale-unchanged"),
        pytest.param("en", "en-US", id="en-locale-unchanged"),
    ],
)
def test_set_language_is_silent_when_the_slot_has_the_value(
    slot: str, metadata_language: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message("ok", "affirm", metadata={"language": metadata_language}),
        slots={"language": slot},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == []


@pytest.mark.parametrize(
    ("slot", "metadata_language", "expected"),
    [
        pytest.param("de", "en", "en", id="de-to-en"),
        pytest.param("en", "de", "de", id="en-to-de"),
    ],
)
def test_set_language_switches(slot: str, metadata_language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message("ok", "affirm", metadata={"language": metadata_language}),
        slots={"language": slot},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == [SlotSet("language", expected)]


@pytest.mark.parametrize(
    "latest_message",
    [
        pytest.param(user_message("Bonjour", "greet", metadata={"language": "fr"}), id="fr"),
        pytest.param(user_message("Hallo", "greet", metadata={"language": ""}), id="empty"),
        pytest.param(user_message("Hello", "greet", metadata={"language": None}), id="null"),
        pytest.param(user_message("Hallo", "greet", metadata={"language": 49}), id="number"),
        pytest.param(user_message("Hello", "greet", metadata={}), id="no-language"),
        pytest.param(user_message("Hallo", "greet"), id="no-metadata"),
        pytest.param({**user_message("Hello", "greet"), "metadata": None}, id="null-metadata"),
        pytest.param(None, id="no-latest-message"),
        pytest.param({}, id="empty-latest-message"),
    ],
)
def test_set_language_ignores_missing_or_unsupported_languages(
    latest_message: dict[str, Any] | None,
) -> None:
    events, _ = run_action(ActionSetLanguage(), make_tracker(latest_message=latest_message))
    assert events == []


# --- ActionRequestHandoff -----------------------------------------------------------------


def test_request_handoff_name() -> None:
    assert ActionRequestHandoff().name() == "action_request_handoff"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ich möchte mit einem Mitarbeiter sprechen", id="de"),
        pytest.param("I want to talk to a human", id="en"),
    ],
)
def test_handoff_on_user_request(text: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "request_human"),
        events=[action_event("action_listen"), user_event(text, "request_human")],
    )
    events, dispatcher = run_action(ActionRequestHandoff(), tracker)
    assert events == []
    assert dispatcher.messages == [
        handoff_message({"event": "handoff_request", "reason": "user_request"})
    ]


def vpn_conversation(problem: str, denial: str) -> list[dict[str, Any]]:
    return [
        action_event("action_session_start"),
        action_event("action_listen"),
        user_event(problem, "vpn_problem"),
        action_event("action_set_language"),
        action_event("utter_vpn_problem"),
        action_event("action_listen"),
        user_event(denial, "deny"),
    ]


@pytest.mark.parametrize(
    ("problem", "denial"),
    [
        pytest.param("mein VPN bricht ständig ab", "nein, geht immer noch nicht", id="de"),
        pytest.param("my VPN keeps dropping", "no, still not working", id="en"),
    ],
)
def test_handoff_after_failed_troubleshooting(problem: str, denial: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(denial, "deny"), events=vpn_conversation(problem, denial)
    )
    events, dispatcher = run_action(ActionRequestHandoff(), tracker)
    assert events == []
    assert dispatcher.messages == [
        handoff_message(
            {
                "event": "handoff_request",
                "reason": "troubleshooting_failed",
                "category": "vpn_problem",
                "steps_tried": ["utter_vpn_problem"],
            }
        )
    ]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            [
                user_event("Passwort vergessen", "password_reset"),
                action_event("utter_password_reset"),
                action_event("utter_password_reset"),
            ],
            {"category": "password_reset", "steps_tried": ["utter_password_reset"]},
            id="de-step-once",
        ),
        pytest.param(
            [user_event("forgot my password", "password_reset")],
            {"category": "password_reset"},
            id="en-no-step-shown",
        ),
        pytest.param(
            [
                user_event("Passwort vergessen", "password_reset"),
                action_event("utter_password_reset"),
                user_event("und das VPN geht auch nicht", "vpn_problem"),
                action_event("utter_vpn_problem"),
            ],
            {
                "category": "vpn_problem",
                "steps_tried": ["utter_password_reset", "utter_vpn_problem"],
            },
            id="de-latest-category",
        ),
        pytest.param(
            [user_event("hello", "greet"), action_event("utter_greet")], {}, id="en-no-category"
        ),
        pytest.param(
            [{"event": "user", "text": "hallo", "parse_data": None}, {"event": "slot"}],
            {},
            id="de-sparse-events",
        ),
    ],
)
def test_build_handoff_request(events: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    tracker = make_tracker(latest_message=user_message("agent", "request_human"), events=events)
    assert build_handoff_request(tracker) == {
        "event": "handoff_request",
        "reason": "user_request",
        **expected,
    }


# --- through rasa-sdk's ActionExecutor, as the switchboard runs them ----------------------


@pytest.fixture
def executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    return executor


def test_executor_registers_both_actions(executor: ActionExecutor) -> None:
    assert {"action_set_language", "action_request_handoff"} <= set(executor.actions)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Hallo, mein Drucker druckt nicht", "de", id="de"),
        pytest.param("Hello, my printer does not print", "en-GB", id="en"),
    ],
)
async def test_executor_runs_set_language(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "greet", metadata={"language": language}),
        events=[user_event(text, "greet")],
    )
    result = await executor.run(action_call("action_set_language", tracker))
    assert result is not None
    assert result.events == [
        {"event": "slot", "timestamp": None, "name": "language", "value": language[:2]}
    ]
    assert result.responses == []


async def test_executor_set_language_without_change(executor: ActionExecutor) -> None:
    tracker = tracker_state(
        latest_message=user_message("ok", "affirm", metadata={"language": "de"}),
        slots={"language": "de"},
    )
    result = await executor.run(action_call("action_set_language", tracker))
    assert result is not None
    assert result.events == []
    assert result.responses == []


@pytest.mark.parametrize(
    ("problem", "denial"),
    [
        pytest.param("VPN geht nicht", "nein", id="de"),
        pytest.param("VPN does not work", "no", id="en"),
    ],
)
async def test_executor_runs_request_handoff(
    executor: ActionExecutor, problem: str, denial: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(denial, "deny"), events=vpn_conversation(problem, denial)
    )
    result = await executor.run(action_call("action_request_handoff", tracker))
    assert result is not None
    assert result.events == []
    assert result.responses == [
        handoff_message(
            {
                "event": "handoff_request",
                "reason": "troubleshooting_failed",
                "category": "vpn_problem",
                "steps_tried": ["utter_vpn_problem"],
            }
        )
    ]
    assert result.model_dump() == {"events": [], "responses": result.responses}


async def test_executor_runs_request_handoff_on_user_request(executor: ActionExecutor) -> None:
    tracker = tracker_state(latest_message=user_message("Mitarbeiter bitte", "request_human"))
    result = await executor.run(action_call("action_request_handoff", tracker))
    assert result is not None
    assert result.responses == [
        handoff_message({"event": "handoff_request", "reason": "user_request"})
    ]
