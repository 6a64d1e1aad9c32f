"""Tokens and keyed hashes.

Conversation tokens are random (256 bits), shown to the client once and stored only as a
SHA-256 digest; comparisons are constant-time. External identifiers that may be personal
data (a REST client's `sender`) are stored only as an HMAC under the deployment's secret key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, digest: str | None) -> bool:
    if digest is None:
        return False
    return hmac.compare_digest(token_digest(token), digest)


def secrets_equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def keyed_hash(secret_key: str, *parts: str) -> str:
    """HMAC-SHA256 of the parts (length-prefixed, so ("ab", "c") differs from ("a", "bc"))."""
    message = b"".join(len(part.encode()).to_bytes(4, "big") + part.encode() for part in parts)
    return hmac.new(secret_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_uuid(value: str) -> bool:
    """Whether `value` has the shape of our row ids (checked before any query: PostgreSQL
    refuses NUL bytes in text, and a 5,000-character id needs no database to be unknown)."""
    return _UUID.fullmatch(value) is not None
