"""The vault: originals of redacted values, AES-GCM encrypted, until they expire.

An agent may need the e-mail address behind <EMAIL_ADDRESS_1> to help; the vault keeps it for
a limited time (default 7 days) under the deployment's key. Each entry is bound to its tenant,
conversation and placeholder as associated data, so a ciphertext copied to another row does
not decrypt. Lookups by value go through a blind index (an HMAC), never the value. Credentials
never enter the vault. Every reveal — successful or not — leaves an audit entry.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from pii.entities import CREDENTIAL, CREDIT_CARD
from pii.keys import PiiKeys
from pii.models import AuditEvent, VaultEntry
from pii.redactor import Detected, placeholder, redact

DEFAULT_RETENTION = timedelta(days=7)
# Credentials are never kept; card numbers neither (no service-desk task needs one back).
NEVER_KEPT = frozenset({CREDENTIAL, CREDIT_CARD})
_ATTEMPTS = 3
_NONCE_BYTES = 12


class VaultError(Exception):
    """Base of the vault's refusals; the message is safe to show (it contains no value)."""


class UnknownPlaceholder(VaultError):
    """No such placeholder in this conversation, or it was never kept."""


class EntryExpired(VaultError):
    """The original was kept, but its retention has passed."""


class EntryDamaged(VaultError):
    """The entry does not decrypt under this deployment's key (wrong key or altered row)."""


@dataclass(frozen=True)
class Occurrence:
    """Where a value was kept: a conversation and the placeholder it has there."""

    conversation_id: str
    placeholder: str
    expires_at: datetime


def _associated_data(tenant_id: str, conversation_id: str, entity_type: str, number: int) -> bytes:
    return f"{tenant_id}\x00{conversation_id}\x00{entity_type}\x00{number}".encode()


def seal(keys: PiiKeys, value: str, *, associated_data: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(keys.vault_key).encrypt(nonce, value.encode("utf-8"), associated_data)


def unseal(keys: PiiKeys, sealed: bytes, *, associated_data: bytes) -> str:
    nonce, ciphertext = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    try:
        plain = AESGCM(keys.vault_key).decrypt(nonce, ciphertext, associated_data)
    except InvalidTag as error:
        raise EntryDamaged("the vault entry cannot be decrypted with this key") from error
    return plain.decode("utf-8")


async def keep_originals(
    session: AsyncSession,
    *,
    tenant_id: str,
    conversation_id: str,
    detected: Sequence[Detected],
    numbers: Sequence[int],
    keys: PiiKeys,
    retention: timedelta = DEFAULT_RETENTION,
    now: datetime | None = None,
) -> int:
    """Stores the originals of `detected` (except credentials) until now + `retention`.

    A value mentioned again gets a fresh retention period. Returns the number of entries
    written; commits.
    """
    if retention <= timedelta(0):
        return 0
    now = _utc(now)
    for attempt in range(_ATTEMPTS):
        try:
            return await _keep(
                session, tenant_id, conversation_id, detected, numbers, keys, now, now + retention
            )
        except IntegrityError:
            # Another instance stored the same placeholder first: update it instead.
            await session.rollback()
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def _keep(
    session: AsyncSession,
    tenant_id: str,
    conversation_id: str,
    detected: Sequence[Detected],
    numbers: Sequence[int],
    keys: PiiKeys,
    now: datetime,
    expires_at: datetime,
) -> int:
    written = 0
    seen: set[tuple[str, int]] = set()
    for entity, number in zip(detected, numbers, strict=True):
        if entity.type in NEVER_KEPT or (entity.type, number) in seen:
            continue
        seen.add((entity.type, number))
        sealed = seal(
            keys,
            entity.value,
            associated_data=_associated_data(tenant_id, conversation_id, entity.type, number),
        )
        existing = (
            await session.exec(
                select(VaultEntry).where(
                    VaultEntry.conversation_id == conversation_id,
                    VaultEntry.entity_type == entity.type,
                    VaultEntry.number == number,
                )
            )
        ).first()
        if existing is None:
            session.add(
                VaultEntry(
                    tenant_id=tenant_id,
                    conversation_id=conversation_id,
                    entity_type=entity.type,
                    number=number,
                    blind_index=keys.blind_index(entity.type, entity.value),
                    sealed=sealed,
                    created_at=now,
                    expires_at=expires_at,
                )
            )
        else:  # the first spelling stays; a new mention renews the retention
            existing.expires_at = expires_at
            session.add(existing)
        written += 1
    await session.commit()
    return written


def parse_placeholder(text: str) -> tuple[str, int]:
    """("EMAIL_ADDRESS", 1) from "<EMAIL_ADDRESS_1>" (angle brackets optional)."""
    inner = text.strip().removeprefix("<").removesuffix(">")
    entity_type, _, number = inner.rpartition("_")
    if not entity_type or not number.isdigit() or len(number) > 9:
        raise UnknownPlaceholder("that is not a placeholder such as <PERSON_1>")
    return entity_type, int(number)


async def reveal(
    session: AsyncSession,
    *,
    tenant_id: str,
    conversation_id: str,
    placeholder_text: str,
    actor: str,
    keys: PiiKeys,
    reason: str | None = None,
    now: datetime | None = None,
) -> str:
    """The original behind a placeholder of a conversation, for an authorised `actor`.

    Authorisation is the caller's duty (the agent console checks roles and queues); this
    function records every attempt in the audit log, with its outcome, and commits.
    """
    now = _utc(now)
    outcome = "revealed"
    detail: dict[str, object] = {"placeholder": "invalid"}
    if reason:
        # An agent's free text: redacted like everything else that is stored.
        detail["reason"] = redact(reason[:500]).text
    try:
        entity_type, number = parse_placeholder(placeholder_text)
        detail["placeholder"] = placeholder(entity_type, number)
        entry = (
            await session.exec(
                select(VaultEntry).where(
                    VaultEntry.tenant_id == tenant_id,
                    VaultEntry.conversation_id == conversation_id,
                    VaultEntry.entity_type == entity_type,
                    VaultEntry.number == number,
                )
            )
        ).first()
        if entry is None:
            raise UnknownPlaceholder(f"{detail['placeholder']} is not kept for this conversation")
        if _aware(entry.expires_at) <= now:
            raise EntryExpired(f"{detail['placeholder']} has expired")
        value = unseal(
            keys,
            entry.sealed,
            associated_data=_associated_data(tenant_id, conversation_id, entity_type, number),
        )
    except VaultError as error:
        outcome = type(error).__name__
        raise
    except Exception:
        outcome = "failed"
        raise
    finally:
        session.add(
            AuditEvent(
                tenant_id=tenant_id,
                at=now,
                actor=actor,
                action="pii.reveal",
                conversation_id=conversation_id,
                outcome=outcome,
                detail=detail,
            )
        )
        await session.commit()
    return value


async def find_occurrences(
    session: AsyncSession,
    *,
    tenant_id: str,
    entity_type: str,
    value: str,
    keys: PiiKeys,
    now: datetime | None = None,
) -> list[Occurrence]:
    """Where `value` was kept and has not expired (for "delete my data" and investigations)."""
    now = _utc(now)
    rows = await session.exec(
        select(VaultEntry)
        .where(
            VaultEntry.tenant_id == tenant_id,
            VaultEntry.blind_index == keys.blind_index(entity_type, value),
            col(VaultEntry.expires_at) > now,
        )
        .order_by(col(VaultEntry.created_at))
    )
    return [
        Occurrence(row.conversation_id, placeholder(row.entity_type, row.number), row.expires_at)
        for row in rows
    ]


async def purge_expired(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Deletes every entry whose retention has passed; returns how many. Commits."""
    now = _utc(now)
    result = await session.exec(delete(VaultEntry).where(col(VaultEntry.expires_at) <= now))
    await session.commit()
    return int(result.rowcount or 0)


def _utc(moment: datetime | None) -> datetime:
    """`moment` (now by default) in UTC: SQLite compares stored timestamps as text."""
    return (moment or datetime.now(UTC)).astimezone(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
