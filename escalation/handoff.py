"""Handing a conversation to a human: why, where (queue) and how urgently (priority).

Rasa decides *when* (its `handoff_request` payload), the switchboard decides *where*. Until
the escalation issue adds routing, every handoff goes to the `general` queue at P3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from escalation.models import Owner, utc_now

DEFAULT_QUEUE = "general"
DEFAULT_PRIORITY = "P3"
_REASON = re.compile(r"[a-z_]{1,64}")


@dataclass(frozen=True)
class Handoff:
    reason: str
    queue: str = DEFAULT_QUEUE
    priority: str = DEFAULT_PRIORITY

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
        """From the bot's `handoff_request` payload; an odd reason becomes `bot_request`."""
        reason = str(payload.get("reason") or "")
        return cls(reason=reason if _REASON.fullmatch(reason) else "bot_request")
