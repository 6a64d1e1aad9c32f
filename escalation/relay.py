"""One conversation's messages to one client, exactly once and in `seq` order.

The caller subscribes to the conversation's topic before it creates the relay; the relay
sends the backlog from the database, then live messages whose `seq` follows the last one
sent, and reloads from the database on any gap or `resync`. The widget's and the console's
sockets both use it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from escalation.bus import Event
from escalation.chat import ChatService
from escalation.schemas import MessagePublic

Deliver = Callable[[dict[str, Any]], Awaitable[None]]


class MessageRelay:
    def __init__(
        self, chat: ChatService, conversation_id: str, *, last_sent: int, deliver: Deliver
    ) -> None:
        self.chat = chat
        self.conversation_id = conversation_id
        self.last_sent = last_sent
        self._deliver = deliver  # gets the public message object (JSON-ready)

    async def catch_up(self) -> None:
        """Sends every stored message after the last one sent."""
        while True:
            messages = await self.chat.messages_after(self.conversation_id, self.last_sent)
            if not messages:
                return
            for message in messages:
                await self._deliver(MessagePublic.of(message).model_dump(mode="json"))
                self.last_sent = message.seq

    async def handle(self, event: Event) -> bool:
        """Relays a `message` or `resync` event; False for any other kind."""
        if event["type"] == "message":
            seq = event["message"]["seq"]
            if seq <= self.last_sent:
                return True
            if seq == self.last_sent + 1:
                await self._deliver(event["message"])
                self.last_sent = seq
                return True
            await self.catch_up()  # a gap: the database knows what was missed
            return True
        if event["type"] == "resync":
            await self.catch_up()
            return True
        return False
