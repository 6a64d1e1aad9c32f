"""Handing a conversation to a human: why, where (queue) and how urgently (priority).

Rasa decides *when* (its `handoff_request` payload), the switchboard decides *where*. Until
the escalation issue adds routing, every handoff goes to the `general` queue, at P1 for a
security incident and P3 otherwise. What the bot learned (category, steps tried, details)
travels with the handoff for the agent's triage card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from escalation.models import Owner, utc_now

DEFAULT_QUEUE = "general"
DEFAULT_PRIORITY = "P3"
TOP_PRIORITY = "P1"
_NAME = re.compile(r"[a-z_]{1,64}")
_STEP = re.compile(r"utter_[a-z0-9_]{1,80}")
_DETAILS = ("application", "device", "operating_system", "error_code", "others_affected")
_MAX_STEPS = 20
_MAX_DETAIL_CHARS = 100


@dataclass(frozen=True)
class Handoff:
    reason: str
    queue: str = DEFAULT_QUEUE
    priority: str = DEFAULT_PRIORITY
    category: str | None = None
    steps_tried: tuple[str, ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    def public_event(self) -> dict[str, Any]:
        return {"event": "handoff", "queue": self.queue, "priority": self.priority}

    def conversation_changes(self) -> dict[str, Any]:
        return {
            "owner": Owner.HUMAN,
            "handoff_reason": self.reason,
            "handoff_queue": self.queue,
            "handoff_priority": self.priority,
            "handoff_at": utc_now(),
        }

    @classmethod
    def requested_by_bot(cls, payload: dict[str, Any]) -> Handoff:
        """From the bot's `handoff_request` payload, keeping only well-formed parts (an odd
        reason becomes `bot_request`)."""
        reason = _name(payload.get("reason")) or "bot_request"
        category = _name(payload.get("category"))
        steps = payload.get("steps_tried")
        details = payload.get("details")
        urgent = reason == "security_incident" or category == "security_incident"
        return cls(
            reason=reason,
            priority=TOP_PRIORITY if urgent else DEFAULT_PRIORITY,
            category=category,
            steps_tried=tuple(
                step
                for step in (steps if isinstance(steps, list) else [])[:_MAX_STEPS]
                if isinstance(step, str) and _STEP.fullmatch(step)
            ),
            details={
                name: value[:_MAX_DETAIL_CHARS]
                for name, value in (details if isinstance(details, dict) else {}).items()
                if name in _DETAILS and isinstance(value, str) and value.strip()
            },
        )


def _name(value: object) -> str | None:
    return value if isinstance(value, str) and _NAME.fullmatch(value) else None
