"""When the bot does not trust its understanding: a two-stage fallback, then a human.

First miss (`nlu_fallback`): "Is it one of these?" with the two most likely issues as
buttons and "Something else". Second miss in a row (or "Something else" followed by another
miss): offer a person. Frustration gets the offer at once, and a second outburst while the
offer stands hands off without asking again.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import context
from bot.actions.handoff import hand_off
from bot.actions.troubleshooting import (
    AWAITING_CLARIFICATION,
    AWAITING_HANDOFF_OFFER,
    IT_INTENTS,
)

# What "did you mean" may offer: things the bot can act on, not small talk.
OFFERABLE_INTENTS = frozenset((*IT_INTENTS, "request_human", "privacy_question", "delete_my_data"))
CHOICES = 2


def likely_intents(tracker: Tracker, limit: int = CHOICES) -> list[str]:
    """The most likely offerable intents of the latest message, best first."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    ranked = sorted(ranking, key=lambda item: -float(item.get("confidence") or 0.0))
    names = [item.get("name") for item in ranked]
    return [name for name in names if name in OFFERABLE_INTENTS][:limit]


class ActionClarify(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_clarify"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("awaiting") in (AWAITING_CLARIFICATION, AWAITING_HANDOFF_OFFER):
            dispatcher.utter_message(response="utter_offer_handoff_not_understood")
            return [
                SlotSet("awaiting", AWAITING_HANDOFF_OFFER),
                SlotSet("offer_reason", "fallback"),
            ]
        language = context.language_of(tracker)
        buttons = []
        for intent in likely_intents(tracker):
            title = context.response_text(domain, f"utter_label_{intent}", language)
            if title:
                buttons.append({"title": title, "payload": f"/{intent}"})
        other = context.response_text(domain, "utter_label_something_else", language)
        if not buttons or other is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
        else:
            buttons.append({"title": other, "payload": "/deny"})
            dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return [SlotSet("awaiting", AWAITING_CLARIFICATION), SlotSet("offer_reason", None)]


class ActionOfferHandoff(Action):  # type: ignore[misc]
    """Frustration: offer a person; a second outburst while offered hands off."""

    def name(self) -> str:
        return "action_offer_handoff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("awaiting") == AWAITING_HANDOFF_OFFER:
            dispatcher.utter_message(response="utter_handoff")
            return hand_off(dispatcher, tracker, "frustration")
        dispatcher.utter_message(response="utter_offer_handoff_frustration")
        return [SlotSet("awaiting", AWAITING_HANDOFF_OFFER), SlotSet("offer_reason", "frustration")]
