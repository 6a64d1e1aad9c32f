"""Asks the switchboard to hand the conversation to a human.

Rasa decides *when* (the user asks, troubleshooting failed); the switchboard decides *where*
(queue, priority). The request is a custom payload (ARCHITECTURE.md):
`{"event": "handoff_request", "reason", "category"?, "steps_tried"?}`.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

# Intents whose troubleshooting responses count as steps tried, and the category they imply.
TROUBLESHOOTING = {
    "password_reset": "utter_password_reset",
    "vpn_problem": "utter_vpn_problem",
}


class HandoffRequest(TypedDict):
    event: str  # always "handoff_request"
    reason: str  # "user_request" | "troubleshooting_failed"
    category: NotRequired[str]  # the IT intent the conversation is about, if any
    steps_tried: NotRequired[list[str]]  # names of the troubleshooting responses shown


def build_handoff_request(tracker: Tracker) -> HandoffRequest:
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    reason = "user_request" if intent == "request_human" else "troubleshooting_failed"
    request: HandoffRequest = {"event": "handoff_request", "reason": reason}
    category = None
    steps: list[str] = []
    for event in tracker.events:
        if event.get("event") == "user":
            name = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if name in TROUBLESHOOTING:
                category = name
        elif event.get("event") == "action" and event.get("name") in TROUBLESHOOTING.values():
            steps.append(event["name"])
    if category:
        request["category"] = category
    if steps:
        request["steps_tried"] = list(dict.fromkeys(steps))
    return request


class ActionRequestHandoff(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_request_handoff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(json_message=dict(build_handoff_request(tracker)))
        return []
