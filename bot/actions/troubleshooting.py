"""Troubleshooting flows: the steps for an IT issue, one at a time, then a human.

A flow's steps are the domain responses `utter_<intent>_1`, `utter_<intent>_2`, …
(bot/domain/troubleshooting.yml): adding a response adds a step, no code changes. Each step
is followed by "Did that help?"; yes ends the flow, no shows the next step, and no after the
last step hands off with the steps tried. A security incident never troubleshoots: the user
is told what to do right now and handed to a human at once. A known disruption of the
service (the switchboard's announcements) is told before any step.

The state lives in slots (`issue`, `step`, `steps_tried`, `awaiting`); the rules only map
intents to actions, so this module is the whole dialogue logic for issues.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import context
from bot.actions.facts import service_facts
from bot.actions.handoff import FLOW_CLEARED, hand_off

IT_INTENTS = (
    "password_reset",
    "account_locked",
    "mfa_problem",
    "access_request",
    "vpn_problem",
    "network_problem",
    "email_problem",
    "printer_problem",
    "software_install",
    "software_problem",
    "hardware_problem",
    "slow_computer",
    "security_incident",
    "file_recovery",
    "outage_check",
    "ticket_status",
)
SECURITY_INCIDENT = "security_incident"
OUTAGE_CHECK = "outage_check"
# Issues whose flow is steps (the other two have actions of their own).
TROUBLESHOOTING_INTENTS = tuple(
    intent for intent in IT_INTENTS if intent not in (SECURITY_INCIDENT, OUTAGE_CHECK)
)

# What a yes or no answers (the `awaiting` slot). Any other intent makes the question stale:
# `action_set_language`, which runs on every user message, then clears it.
AWAITING_TROUBLESHOOTING = "troubleshooting"
AWAITING_CLARIFICATION = "clarification"
AWAITING_HANDOFF_OFFER = "handoff_offer"
# The intents that answer what the bot asked (or, for a fallback, ask again).
ANSWER_INTENTS = frozenset({"affirm", "deny", "nlu_fallback", "frustration"})


def step_response(issue: str, step: int) -> str:
    return f"utter_{issue}_{step}"


def step_count(domain: dict[str, Any], issue: str) -> int:
    responses = domain.get("responses") or {}
    count = 0
    while step_response(issue, count + 1) in responses:
        count += 1
    return count


def announcement_list(texts: list[str]) -> str:
    return "\n".join(f"• {text}" for text in texts)


def show_step(
    dispatcher: CollectingDispatcher, tracker: Tracker, issue: str, step: int
) -> list[EventType]:
    language = context.language_of(tracker)
    facts = service_facts(context.tenant_of(tracker), language)
    name = step_response(issue, step)
    dispatcher.utter_message(response=name, **facts)
    dispatcher.utter_message(response="utter_did_that_help")
    tried = tracker.get_slot("steps_tried") if step > 1 else []
    return [
        SlotSet("issue", issue),
        SlotSet("step", float(step)),
        SlotSet("steps_tried", [*(tried or []), name]),
        SlotSet("awaiting", AWAITING_TROUBLESHOOTING),
        SlotSet("offer_reason", None),
    ]


class ActionTroubleshoot(Action):  # type: ignore[misc]
    """Starts the flow for the IT issue of the latest message."""

    def name(self) -> str:
        return "action_troubleshoot"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        issue = context.latest_intent(tracker)
        if issue not in IT_INTENTS or issue == OUTAGE_CHECK:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        language = context.language_of(tracker)
        tenant = context.tenant_of(tracker)
        started = [SlotSet("issue", issue), SlotSet("step", None), SlotSet("steps_tried", [])]
        if issue == SECURITY_INCIDENT:
            dispatcher.utter_message(
                response="utter_security_incident", **service_facts(tenant, language)
            )
            return [
                *started,
                *hand_off(dispatcher, tracker, "security_incident", new_issue=issue),
            ]
        outages = tenant.active_announcements(context.now(), category=issue)
        if outages:
            dispatcher.utter_message(
                response="utter_known_outage_for_issue",
                announcements=announcement_list([item.text_in(language) for item in outages]),
            )
            dispatcher.utter_message(response="utter_offer_handoff_outage")
            return [
                *started,
                SlotSet("awaiting", AWAITING_HANDOFF_OFFER),
                SlotSet("offer_reason", "known_outage"),
            ]
        if step_count(domain, issue) == 0:  # a flow without steps goes straight to a person
            dispatcher.utter_message(response="utter_handoff")
            return [
                *started,
                *hand_off(dispatcher, tracker, "no_troubleshooting", new_issue=issue),
            ]
        return [*started, *show_step(dispatcher, tracker, issue, 1)]


class ActionAnswer(Action):  # type: ignore[misc]
    """A yes or no: its meaning depends on what the bot asked last (`awaiting`)."""

    def name(self) -> str:
        return "action_answer"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        yes = context.latest_intent(tracker) == "affirm"
        awaiting = tracker.get_slot("awaiting")
        if awaiting == AWAITING_TROUBLESHOOTING:
            return self._troubleshooting(dispatcher, tracker, domain, yes=yes)
        if awaiting == AWAITING_HANDOFF_OFFER:
            if yes:
                dispatcher.utter_message(response="utter_handoff")
                reason = tracker.get_slot("offer_reason") or "user_request"
                return hand_off(dispatcher, tracker, str(reason))
            dispatcher.utter_message(response="utter_handoff_declined")
            return [SlotSet("awaiting", None), SlotSet("offer_reason", None)]
        if awaiting == AWAITING_CLARIFICATION:
            # "Something else" (or a typed yes/no to a choice of two): ask again in other
            # words; a second miss after this offers a human (bot/actions/fallback.py).
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        dispatcher.utter_message(response="utter_anything_else")
        return []

    @staticmethod
    def _troubleshooting(
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
        *,
        yes: bool,
    ) -> list[EventType]:
        if yes:
            dispatcher.utter_message(response="utter_glad_it_helped")
            return list(FLOW_CLEARED)
        issue = str(tracker.get_slot("issue") or "")
        step = int(tracker.get_slot("step") or 0)
        if step < step_count(domain, issue):
            return show_step(dispatcher, tracker, issue, step + 1)
        dispatcher.utter_message(response="utter_handoff_after_steps")
        return hand_off(dispatcher, tracker, "troubleshooting_failed")
