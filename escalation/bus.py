"""Notifications for connected clients (widgets and agent consoles).

The database is the source of truth; events only say that something new exists, and a client
that missed some resyncs by sequence number. `EventBus` delivers within one process;
`escalation.redis_bus.RedisEventBus` (when `LOTSE_REDIS_URL` is set) carries the same events
between switchboards.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

Event = dict[str, Any]
QUEUE_LIMIT = 1000


class Subscription:
    """One subscriber's queue. A subscriber that falls behind gets a `resync` event instead
    of the events it missed, and reloads from the database."""

    def __init__(self, bus: EventBus, topic: str) -> None:
        self._bus = bus
        self.topic = topic
        self._queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_LIMIT)
        self._overflowed = False

    def offer(self, event: Event) -> None:
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self._overflowed = True

    async def next(self) -> Event:
        if self._overflowed:
            # The queue was full, so the consumer is not waiting in get(): safe to reset.
            while not self._queue.empty():
                self._queue.get_nowait()
            self._overflowed = False
            return {"type": "resync"}
        return await self._queue.get()

    def close(self) -> None:
        self._bus._unsubscribe(self)


class EventBus:
    def __init__(self) -> None:
        self._subscriptions: defaultdict[str, set[Subscription]] = defaultdict(set)

    def subscribe(self, topic: str) -> Subscription:
        subscription = Subscription(self, topic)
        self._subscriptions[topic].add(subscription)
        return subscription

    def _unsubscribe(self, subscription: Subscription) -> None:
        subscribers = self._subscriptions.get(subscription.topic)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._subscriptions[subscription.topic]

    async def publish(self, topic: str, event: Event) -> None:
        self.deliver(topic, event)

    def deliver(self, topic: str, event: Event) -> None:
        """Hands `event` to this process's subscribers of `topic`."""
        for subscription in tuple(self._subscriptions.get(topic, ())):
            subscription.offer(event)

    async def start(self) -> None:
        """Connects to the transport, if any (the in-process bus has none)."""

    async def close(self) -> None:
        """Disconnects from the transport, if any."""


def conversation_topic(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


def console_topic(tenant_id: str) -> str:
    """Handoff changes of a tenant, for its agents' consoles."""
    return f"console:{tenant_id}"
