"""Per-key token buckets: a burst of `capacity`, refilled at `capacity` per `period_seconds`.

In-process, like the event bus; several switchboards will share Redis-backed buckets
(scale-out). Refusing happens before anything is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PRUNE_EVERY = 1000


class RateLimiter:
    def __init__(
        self,
        *,
        capacity: int,
        period_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or period_seconds <= 0:
            raise ValueError("a rate limit needs a capacity ≥ 1 and a positive period")
        self.capacity = capacity
        self._rate = capacity / period_seconds  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, updated at)
        self._calls = 0

    def retry_after(self, key: str) -> float | None:
        """Takes a token for `key`; None if one was there, else the seconds until one is."""
        now = self._clock()
        tokens, updated = self._buckets.get(key, (float(self.capacity), now))
        tokens = min(float(self.capacity), tokens + (now - updated) * self._rate)
        self._calls += 1
        if self._calls % PRUNE_EVERY == 0:
            self._prune(now)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self._rate
        self._buckets[key] = (tokens - 1.0, now)
        return None

    def _prune(self, now: float) -> None:
        """Forgets keys whose bucket has refilled: they behave exactly like new keys."""
        full_after = self.capacity / self._rate
        self._buckets = {
            key: (tokens, updated)
            for key, (tokens, updated) in self._buckets.items()
            if now - updated < full_after
        }
