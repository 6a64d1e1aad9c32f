"""Where a handoff goes and how urgent it is, and the triage card the agent reads.

Plain functions over the conversation's stored (redacted) messages and the tenant's
escalation settings; the chat service stores the result with the handoff.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.actions.troubleshooting import IT_INTENTS
from escalation.business_time import add_business_time
from escalation.config.desk import EscalationConfig
from escalation.handoff import SECURITY_INCIDENT, HandoffDecision
from escalation.models import Message, Role
from nlu.language import Language

MAX_PROBLEM_CHARS = 600
PROBLEM_MESSAGES = 3
_PROBLEM_SEPARATOR = " / "

StepText = Callable[[str, Language], str | None]


@dataclass(frozen=True)
class Routing:
    queue: str
    priority: str
    priority_reason: str  # security_incident | others_affected | cannot_work | request | default
    category: str | None
    sla_due_at: datetime
    card: dict[str, Any]


def route(
    decision: HandoffDecision,
    *,
    user_messages: Sequence[Message],
    language: Language,
    config: EscalationConfig,
    now: datetime,
    step_text: StepText,
) -> Routing:
    """`user_messages`: the user's messages of the conversation since its last handoff ended,
    oldest first, with what the bot understood of them."""
    category = decision.category or _last_issue(user_messages)
    priority, priority_reason = _priority(decision, category, user_messages, language, config)
    target, calendar = config.first_response_time(priority)
    queue = config.queue_for(category, language)
    card = {
        "category": category,
        "reason": decision.reason,
        "priority": priority,
        "priority_reason": priority_reason,
        "language": language,
        "problem": _problem(user_messages, category),
        "entities": dict(decision.details),
        "steps_tried": [
            {"id": step, "text": step_text(step, language) or step} for step in decision.steps_tried
        ],
    }
    return Routing(
        queue=queue,
        priority=priority,
        priority_reason=priority_reason,
        category=category,
        sla_due_at=add_business_time(now, target, calendar),
        card=card,
    )


def _last_issue(user_messages: Sequence[Message]) -> str | None:
    """The IT issue the user last talked about (e.g. when Rasa fails mid-troubleshooting)."""
    for message in reversed(user_messages):
        if message.intent in IT_INTENTS:
            return message.intent
    return None


def _priority(
    decision: HandoffDecision,
    category: str | None,
    user_messages: Sequence[Message],
    language: Language,
    config: EscalationConfig,
) -> tuple[str, str]:
    rules = config.priority_rules
    if decision.reason == SECURITY_INCIDENT or (category is not None and category in rules.top):
        return "P1", "security_incident"
    if rules.top_when_others_affected and decision.details.get("others_affected"):
        return "P1", "others_affected"
    phrases = rules.cannot_work_phrases.get(language, [])
    said = " ".join((message.text or "").casefold() for message in user_messages)
    if (category is not None and category in rules.cannot_work) or any(
        phrase in said for phrase in phrases
    ):
        return "P2", "cannot_work"
    if category is not None and category in rules.requests:
        return "P4", "request"
    return rules.default, "default"


def _problem(user_messages: Sequence[Message], category: str | None) -> str:
    """The user's problem in their own (redacted) words: their messages about the issue, or
    else their last messages that were more than a yes, no or hello."""
    about_issue = [m for m in user_messages if category is not None and m.intent == category]
    wordy = [m for m in user_messages if m.role == Role.USER and len((m.text or "").split()) >= 3]
    chosen = (about_issue or wordy or list(user_messages))[-PROBLEM_MESSAGES:]
    text = _PROBLEM_SEPARATOR.join(m.text for m in chosen if m.text)
    if len(text) > MAX_PROBLEM_CHARS:
        text = text[: MAX_PROBLEM_CHARS - 1] + "…"
    return text
