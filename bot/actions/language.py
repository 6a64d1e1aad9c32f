"""Keeps the `language` slot equal to the language the switchboard detected for each turn.

The slot's custom mapping (domain.yml) makes Rasa's `action_extract_slots` run this action
after every user message; responses pick their variation by the slot.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from nlu.language import parse_language

LANGUAGE_SLOT = "language"


class ActionSetLanguage(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_set_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        language = parse_language(metadata.get("language"))
        if language is None or language == tracker.get_slot(LANGUAGE_SLOT):
            return []
        return [SlotSet(LANGUAGE_SLOT, language)]
