"""The switchboard's client for Rasa's REST channel, with its own deadline.

Rasa's REST channel answers 200 even when the turn failed internally, and its own timeouts
are very long, so an empty answer to a bot-owned turn counts as a failure, and the whole
request runs under one deadline (not httpx's per-phase timeouts).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Literal

import httpx

FailureKind = Literal["timeout", "unreachable", "error_status", "invalid_response", "empty"]


class BotUnavailable(Exception):
    """Rasa could not answer this turn; `kind` says why (never includes message text)."""

    def __init__(self, kind: FailureKind, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


@dataclass(frozen=True)
class BotReply:
    text: str | None = None
    buttons: list[dict[str, Any]] | None = None
    custom: dict[str, Any] | None = None


class RasaClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout_seconds: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_seconds = timeout_seconds
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=50)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout_seconds),
            limits=limits,
            transport=transport,
        )

    async def send(
        self, *, conversation_id: str, text: str, metadata: dict[str, Any]
    ) -> list[BotReply]:
        """Runs one bot turn; raises `BotUnavailable` on any failure, an empty answer included."""
        payload = {"sender": conversation_id, "message": text, "metadata": metadata}
        try:
            async with asyncio.timeout(self.timeout_seconds):
                response = await self._http.post("/webhooks/rest/webhook", json=payload)
        except TimeoutError as error:
            raise BotUnavailable("timeout", f"no answer within {self.timeout_seconds} s") from error
        except httpx.TimeoutException as error:
            raise BotUnavailable("timeout", type(error).__name__) from error
        except httpx.HTTPError as error:
            raise BotUnavailable("unreachable", type(error).__name__) from error
        if response.status_code != 200:
            raise BotUnavailable("error_status", str(response.status_code))
        try:
            body = response.json()
        except ValueError as error:
            raise BotUnavailable("invalid_response", "not JSON") from error
        if not isinstance(body, list):
            raise BotUnavailable("invalid_response", "not a list")
        replies = [reply for reply in map(_parse_reply, body) if reply is not None]
        if not replies:
            raise BotUnavailable("empty")
        return replies

    async def is_up(self, *, timeout_seconds: float = 2.0) -> bool:
        """True when the Rasa server answers (it listens only once its model is loaded)."""
        try:
            response = await self._http.get("/", timeout=timeout_seconds)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def close(self) -> None:
        await self._http.aclose()


def _parse_reply(item: object) -> BotReply | None:
    if not isinstance(item, dict):
        return None
    text = item.get("text") if isinstance(item.get("text"), str) else None
    buttons = item.get("buttons")
    if not isinstance(buttons, list) or not buttons:
        buttons = None
    else:
        buttons = [
            {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
            for button in buttons
            if isinstance(button, dict)
        ]
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else None
    if text is None and buttons is None and custom is None:
        return None
    return BotReply(text=text, buttons=buttons, custom=custom)
