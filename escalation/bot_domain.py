"""What the switchboard reads from the bot's Rasa domain (bot/domain.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from escalation.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "bot" / "domain.yml"


@cache
def domain_intents(path: Path = DOMAIN) -> frozenset[str]:
    """The bot's own intents: the only ones a quick-reply payload may trigger."""
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(
        next(iter(intent)) if isinstance(intent, dict) else str(intent)
        for intent in domain.get("intents", [])
    )
