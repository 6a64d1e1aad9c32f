"""Routing and the triage card, as plain functions over stored messages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from escalation.config import load_config
from escalation.handoff import HandoffDecision
from escalation.models import Message, Role
from escalation.triage import MAX_PROBLEM_CHARS, route

CONFIG = load_config().tenant("default").escalation
MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # 12:00 in Berlin


def said(*items: tuple[str, str | None]) -> list[Message]:
    return [
        Message(
            tenant_id="default",
            conversation_id="c",
            seq=number,
            role=Role.USER,
            text=text,
            intent=intent,
        )
        for number, (text, intent) in enumerate(items, start=1)
    ]


def routed(decision: HandoffDecision, messages: list[Message], language: str = "de") -> object:
    return route(
        decision,
        user_messages=messages,
        language=language,  # type: ignore[arg-type]
        config=CONFIG,
        now=MONDAY_NOON,
        step_text=lambda step, language: f"{language}:{step}",
    )


def test_without_a_category_the_last_issue_the_bot_understood_decides() -> None:
    """Rasa died mid-troubleshooting: the chat still reaches the VPN team."""
    messages = said(
        ("hallo", "greet"),
        ("mein vpn bricht dauernd ab", "vpn_problem"),
        ("ja", "affirm"),
        ("immer noch", None),
    )
    routing = routed(HandoffDecision(reason="bot_unavailable"), messages)
    assert routing.queue == "network"  # type: ignore[attr-defined]
    assert routing.category == "vpn_problem"  # type: ignore[attr-defined]
    assert routing.card["problem"] == "mein vpn bricht dauernd ab"  # type: ignore[attr-defined]


def test_the_problem_prefers_the_messages_about_the_issue_and_is_bounded() -> None:
    long_text = "outlook stürzt ab " * 100
    messages = said(
        ("guten morgen zusammen", "greet"), (long_text, "email_problem"), ("nein", "deny")
    )
    card = routed(HandoffDecision(reason="fallback", category="email_problem"), messages).card  # type: ignore[attr-defined]
    assert len(card["problem"]) == MAX_PROBLEM_CHARS
    assert card["problem"].endswith("…")


def test_with_nothing_about_an_issue_the_wordy_messages_are_the_problem() -> None:
    messages = said(("hi", "greet"), ("ich brauche bitte hilfe mit etwas", None), ("ok", "affirm"))
    card = routed(HandoffDecision(reason="user_request"), messages).card  # type: ignore[attr-defined]
    assert card["problem"] == "ich brauche bitte hilfe mit etwas"
    assert card["category"] is None


def test_steps_tried_are_given_in_the_conversation_language() -> None:
    decision = HandoffDecision(
        reason="troubleshooting_failed",
        category="vpn_problem",
        steps_tried=("utter_vpn_problem_1",),
    )
    card = routed(decision, said(("vpn down", "vpn_problem")), language="en").card  # type: ignore[attr-defined]
    assert card["steps_tried"] == [{"id": "utter_vpn_problem_1", "text": "en:utter_vpn_problem_1"}]


@pytest.mark.parametrize(
    ("text", "language", "priority"),
    [
        ("das vpn geht nicht, ich kann nicht arbeiten", "de", "P2"),
        ("VPN down and I CAN'T WORK", "en", "P2"),
        ("das vpn ist langsam", "de", "P3"),
        ("can't work", "de", "P3"),  # the phrases of the conversation's language only
    ],
)
def test_cannot_work_phrases_raise_the_priority(text: str, language: str, priority: str) -> None:
    routing = routed(
        HandoffDecision(reason="troubleshooting_failed", category="vpn_problem"),
        said((text, "vpn_problem")),
        language=language,
    )
    assert routing.priority == priority  # type: ignore[attr-defined]


def test_the_sla_is_counted_in_business_hours() -> None:
    friday_evening = datetime(2026, 11, 27, 16, 55, tzinfo=UTC)  # 17:55 in Berlin
    routing = route(
        HandoffDecision(reason="security_incident", category="security_incident"),
        user_messages=said(("phishing geklickt", "security_incident")),
        language="de",
        config=CONFIG,
        now=friday_evening,
        step_text=lambda step, language: None,
    )
    assert routing.priority == "P1"
    # 5 minutes on Friday, 10 on Monday from 08:00 Berlin (07:00 UTC).
    assert routing.sla_due_at == datetime(2026, 11, 30, 7, 10, tzinfo=UTC)
