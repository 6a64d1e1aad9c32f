"""Browser origin checks for WebSocket upgrades, which CORS middleware does not cover."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import HTTPConnection


def own_origin(connection: HTTPConnection) -> str:
    scheme = {"ws": "http", "wss": "https"}.get(connection.url.scheme, connection.url.scheme)
    return f"{scheme}://{connection.headers.get('host', connection.url.netloc)}".lower()


def origin_allowed(connection: HTTPConnection, allowed: Sequence[str]) -> bool:
    """No Origin header (not a browser), the switchboard's own origin, or a configured one."""
    origin = connection.headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/").lower()
    if origin == own_origin(connection):
        return True
    return "*" in allowed or origin in {entry.lower() for entry in allowed}
