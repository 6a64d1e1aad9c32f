"""What the switchboard reads from the bot's Rasa domain (the files in bot/domain/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.actions.context import response_text as bot_response_text
from escalation.settings import PROJECT_ROOT
from nlu.language import Language

DOMAIN = PROJECT_ROOT / "bot" / "domain"


@cache
def domain_intents(path: Path = DOMAIN) -> frozenset[str]:
    """The bot's own intents: the only ones a quick-reply payload may trigger."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    intents: set[str] = set()
    for file in files:
        domain = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        intents.update(
            next(iter(intent)) if isinstance(intent, dict) else str(intent)
            for intent in domain.get("intents", [])
        )
    return frozenset(intents)


@cache
def _responses(path: Path = DOMAIN) -> dict[str, Any]:
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    responses: dict[str, Any] = {}
    for file in files:
        domain = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        responses.update(domain.get("responses") or {})
    return responses


def response_text(name: str, language: Language) -> str | None:
    """The text of the bot's response `name` in `language` (for an agent's triage card)."""
    return bot_response_text({"responses": _responses()}, name, language)
