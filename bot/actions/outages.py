"""`outage_check`: tells the user about known disruptions from the switchboard's announcements."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import context
from bot.actions.facts import service_facts
from bot.actions.troubleshooting import announcement_list


class ActionCheckOutages(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_check_outages"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = context.language_of(tracker)
        tenant = context.tenant_of(tracker)
        outages = tenant.active_announcements(context.now())
        if outages:
            dispatcher.utter_message(
                response="utter_outage_known",
                announcements=announcement_list([item.text_in(language) for item in outages]),
            )
        else:
            dispatcher.utter_message(
                response="utter_outage_none", **service_facts(tenant, language)
            )
        return [
            SlotSet("issue", "outage_check"),
            SlotSet("step", None),
            SlotSet("steps_tried", []),
            SlotSet("awaiting", None),
        ]
