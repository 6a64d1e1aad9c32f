"""`privacy_question` and `delete_my_data`: what Lotse stores and how to have it deleted.

The answers name the configured retention of encrypted originals and the privacy contact;
with a retention of zero nothing original is kept, and the answer says so.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import context
from bot.actions.facts import retention_text, service_facts


class ActionPrivacy(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_privacy"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = context.language_of(tracker)
        days = context.current().retention_days
        base = (
            "utter_delete_my_data"
            if context.latest_intent(tracker) == "delete_my_data"
            else "utter_privacy"
        )
        name = base if days > 0 else f"{base}_no_originals"
        dispatcher.utter_message(
            response=name,
            retention=retention_text(days, language),
            **service_facts(context.tenant_of(tracker), language),
        )
        return []
