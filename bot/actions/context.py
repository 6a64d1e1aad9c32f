"""What the actions know besides the tracker: the tenant's configuration and the retention.

rasa-sdk instantiates actions without arguments, so the switchboard hands this context over
once at start-up (`configure`); tests and tools that never call it get the shipped defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from rasa_sdk import Tracker

from escalation.config import LotseConfig, TenantConfig, load_config
from nlu.language import Language, parse_language

DEFAULT_RETENTION_DAYS = 7.0


@dataclass(frozen=True)
class ActionContext:
    config: LotseConfig
    retention_days: float = DEFAULT_RETENTION_DAYS


_configured: list[ActionContext] = []


def configure(context: ActionContext) -> None:
    _configured[:] = [context]


@cache
def _default_context() -> ActionContext:
    return ActionContext(config=load_config())


def current() -> ActionContext:
    return _configured[0] if _configured else _default_context()


def now() -> datetime:
    return datetime.now(UTC)


def language_of(tracker: Tracker) -> Language:
    """The conversation's language: the slot the switchboard keeps up to date."""
    return parse_language(tracker.get_slot("language")) or Language("de")


def tenant_of(tracker: Tracker) -> TenantConfig:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    tenant_id = metadata.get("tenant")
    return current().config.tenant(tenant_id if isinstance(tenant_id, str) else None)


def latest_intent(tracker: Tracker) -> str | None:
    name = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return name if isinstance(name, str) else None


def response_text(domain: dict[str, Any], name: str, language: Language) -> str | None:
    """The text of a domain response in `language` (for button titles built by actions)."""
    for variation in (domain.get("responses") or {}).get(name) or []:
        conditions = variation.get("condition") or []
        if any(
            condition.get("name") == "language" and condition.get("value") == language
            for condition in conditions
        ):
            text = variation.get("text")
            return text if isinstance(text, str) else None
    return None
