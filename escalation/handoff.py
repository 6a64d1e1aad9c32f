"""Why a conversation goes to a human, and what the bot learned on the way.

Rasa decides *when* (its `handoff_request` payload); the switchboard decides *where* and how
urgently (`escalation.triage`). The switchboard hands over on its own when the bot is
unavailable or a turn fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_NAME = re.compile(r"[a-z_]{1,64}")
_STEP = re.compile(r"utter_[a-z0-9_]{1,80}")
_DETAILS = ("application", "device", "operating_system", "error_code", "others_affected")
_MAX_STEPS = 20
_MAX_DETAIL_CHARS = 100

BOT_UNAVAILABLE = "bot_unavailable"  # Rasa unreachable, slow or silent
INTERNAL_ERROR = "internal_error"
SECURITY_INCIDENT = "security_incident"


@dataclass(frozen=True)
class HandoffDecision:
    reason: str
    category: str | None = None
    steps_tried: tuple[str, ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    @classmethod
    def requested_by_bot(cls, payload: dict[str, Any]) -> HandoffDecision:
        """From the bot's `handoff_request` payload, keeping only well-formed parts (an odd
        reason becomes `bot_request`)."""
        reason = _name(payload.get("reason")) or "bot_request"
        steps = payload.get("steps_tried")
        details = payload.get("details")
        return cls(
            reason=reason,
            category=_name(payload.get("category")),
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
