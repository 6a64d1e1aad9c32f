"""Events between switchboards over Redis pub/sub (`LOTSE_REDIS_URL`).

Every switchboard publishes to Redis and delivers what it reads back from Redis to its own
subscribers, its own events included: one path, one order per channel. Pub/sub keeps nothing,
so a switchboard that loses Redis for a moment tells its subscribers to resync from the
database, as a full local queue does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from escalation.bus import Event, EventBus

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "lotse:"
RECONNECT_SECONDS = 1.0
START_TIMEOUT_SECONDS = 5.0


class RedisEventBus(EventBus):
    def __init__(self, url: str) -> None:
        super().__init__()
        self._redis: Redis = Redis.from_url(url)
        self._reader: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    async def start(self) -> None:
        """Starts reading; a Redis that is down does not stop the switchboard (it keeps
        trying, and delivers its own events locally meanwhile)."""
        self._reader = asyncio.create_task(self._read())
        try:
            await asyncio.wait_for(self._listening.wait(), timeout=START_TIMEOUT_SECONDS)
        except TimeoutError:
            logger.warning("bus.redis_unavailable")

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._redis.aclose()

    async def publish(self, topic: str, event: Event) -> None:
        try:
            await self._redis.publish(CHANNEL_PREFIX + topic, json.dumps(event))
        except RedisError:
            # Local subscribers still hear it; others resync when Redis is back.
            logger.warning("bus.publish_failed", extra={"topic": topic.split(":")[0]})
            self.deliver(topic, event)

    async def _read(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                    self._listening.set()
                    async for item in pubsub.listen():
                        if item.get("type") != "pmessage":
                            continue
                        channel = item["channel"].decode()
                        try:
                            event = json.loads(item["data"])
                        except (ValueError, TypeError):
                            # Not ours (another program on the channel): skip, keep reading.
                            logger.warning("bus.undecodable_event")
                            continue
                        self.deliver(channel[len(CHANNEL_PREFIX) :], event)
            except (RedisError, OSError):
                logger.warning("bus.redis_lost")
                self._resync_everyone()
                await asyncio.sleep(RECONNECT_SECONDS)

    def _resync_everyone(self) -> None:
        for topic in tuple(self._subscriptions):
            self.deliver(topic, {"type": "resync"})
