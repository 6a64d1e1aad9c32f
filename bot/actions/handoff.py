"""Asks the switchboard to hand the conversation to a human.

Rasa decides *when* (the user asks, troubleshooting failed, a security incident, repeated
misunderstanding, frustration); the switchboard decides *where* (queue, priority). The request
is a custom payload (ARCHITECTURE.md): `{"event": "handoff_request", "reason", "category"?,
"steps_tried"?}`, plus the troubleshooting details the bot found (`details`) for the agent.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

# The slots filled from entities that an agent needs for triage.
DETAIL_SLOTS = ("application", "device", "operating_system", "error_code", "others_affected")


class HandoffRequest(TypedDict):
    event: str  # always "handoff_request"
    # user_request | troubleshooting_failed | security_incident | fallback | frustration |
    # known_outage | no_troubleshooting (an issue without steps)
    reason: str
    category: NotRequired[str]  # the IT intent the conversation is about, if any
    steps_tried: NotRequired[list[str]]  # names of the troubleshooting responses shown
    details: NotRequired[dict[str, str]]  # application, device, operating_system, ...


def build_handoff_request(
    tracker: Tracker, reason: str, *, new_issue: str | None = None
) -> HandoffRequest:
    """From the slots; `new_issue` is an issue raised in this very turn (no steps tried)."""
    request: HandoffRequest = {"event": "handoff_request", "reason": reason}
    category = new_issue or tracker.get_slot("issue")
    if isinstance(category, str) and category:
        request["category"] = category
    steps = None if new_issue else tracker.get_slot("steps_tried")
    if isinstance(steps, list) and steps:
        request["steps_tried"] = [str(step) for step in dict.fromkeys(steps)]
    details = {name: text for name in DETAIL_SLOTS if (text := _detail(tracker.get_slot(name)))}
    if details:
        request["details"] = details
    return request


def _detail(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(dict.fromkeys(str(item).strip() for item in value if str(item).strip()))
    return str(value).strip() if value is not None else ""


def hand_off(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: str, *, new_issue: str | None = None
) -> list[EventType]:
    """Sends the handoff request and forgets the issue: when the agent hands the chat back,
    the bot starts afresh."""
    request = build_handoff_request(tracker, reason, new_issue=new_issue)
    dispatcher.utter_message(json_message=dict(request))
    return list(FLOW_CLEARED)


# Slots of a finished flow: nothing is awaited, no issue carries over to the next request.
FLOW_CLEARED: list[EventType] = [
    SlotSet("issue", None),
    SlotSet("step", None),
    SlotSet("steps_tried", []),
    SlotSet("awaiting", None),
    SlotSet("offer_reason", None),
]


class ActionRequestHandoff(Action):  # type: ignore[misc]
    """The user asked for a person (the rule utters `utter_handoff` first)."""

    def name(self) -> str:
        return "action_request_handoff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return hand_off(dispatcher, tracker, "user_request")
