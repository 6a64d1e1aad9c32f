"""A stand-in for Rasa's REST channel, as an httpx transport (fast tests only)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

Replies = list[dict[str, Any]]


def echo_replies(message: str, metadata: dict[str, Any]) -> Replies:
    language = metadata.get("language")
    if message.startswith("/"):
        return [{"text": f"[{language}] payload {message}"}]
    if "human" in message or "mensch" in message.lower():
        return [
            {"text": f"[{language}] connecting you"},
            {"custom": {"event": "handoff_request", "reason": "user_request"}},
        ]
    return [
        {"text": f"[{language}] reply"},
        {"text": "Did that help?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
    ]


@dataclass
class FakeRasa:
    """Answers like Rasa; `mode` makes it fail the ways Rasa fails."""

    reply: Callable[[str, dict[str, Any]], Replies] = echo_replies
    mode: str = "ok"  # ok | down | slow | empty | error | garbage
    calls: list[dict[str, Any]] = field(default_factory=list)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path == "/":
            if self.mode == "down":
                raise httpx.ConnectError("connection refused", request=request)
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        payload = json.loads(request.content)
        self.calls.append(payload)
        if self.mode == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if self.mode == "slow":
            await asyncio.sleep(30)
        if self.mode == "empty":
            return httpx.Response(200, json=[])
        if self.mode == "error":
            return httpx.Response(500, text="internal error")
        if self.mode == "garbage":
            return httpx.Response(200, text="<html>")
        replies = self.reply(payload["message"], payload.get("metadata") or {})
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], **reply} for reply in replies]
        )

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)
