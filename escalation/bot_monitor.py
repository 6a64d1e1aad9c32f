"""What the switchboard knows about its bot: ready, starting or unavailable."""

from __future__ import annotations

import time
from typing import Literal, Protocol

from escalation.rasa_client import RasaClient

BotState = Literal["ready", "starting", "unavailable"]


class BotMonitor(Protocol):
    async def state(self) -> BotState: ...


class ExternalBotMonitor:
    """For a Rasa server run by someone else: probe it, at most every few seconds."""

    def __init__(self, rasa: RasaClient, *, cache_seconds: float = 5.0) -> None:
        self._rasa = rasa
        self._cache_seconds = cache_seconds
        self._checked_at = float("-inf")
        self._last: BotState = "starting"

    async def state(self) -> BotState:
        now = time.monotonic()
        if now - self._checked_at >= self._cache_seconds:
            self._last = "ready" if await self._rasa.is_up(timeout_seconds=1.0) else "unavailable"
            self._checked_at = now
        return self._last
