"""Runs on every user message: keeps the `language` slot equal to the language the switchboard
detected for the turn, and forgets a yes/no question the user has moved on from.

The `language` slot's custom mapping (bot/domain/core.yml) makes Rasa's `action_extract_slots`
run this action after every user message, before the turn's action; responses pick their
variation by the slot. One action for both keeps it to one action call per turn.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.context import latest_intent
from bot.actions.troubleshooting import ANSWER_INTENTS
from nlu.language import parse_language

LANGUAGE_SLOT = "language"


class ActionSetLanguage(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_set_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events: list[EventType] = []
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        language = parse_language(metadata.get("language"))
        if language is not None and language != tracker.get_slot(LANGUAGE_SLOT):
            events.append(SlotSet(LANGUAGE_SLOT, language))
        intent = latest_intent(tracker)
        if tracker.get_slot("awaiting") and intent is not None and intent not in ANSWER_INTENTS:
            # "Did that help?" then "danke" then, later, "nein": that no is not an answer.
            events += [SlotSet("awaiting", None), SlotSet("offer_reason", None)]
        return events
