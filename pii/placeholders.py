"""Placeholder numbers that hold for a whole conversation, across switchboard instances.

The map is stored per conversation as (type, HMAC of the canonical value) → number, never the
value, so <PERSON_1> stays the same person after the vault entry expired and when another
switchboard instance handles the next message. Credentials get a fresh number each time and no
hash at all: even a keyed hash of a password is more than Lotse may keep.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from pii.entities import CREDENTIAL
from pii.keys import PiiKeys
from pii.models import PiiPlaceholder
from pii.redactor import Detected

# Two instances numbering the same new value at the same moment: one insert loses and retries.
_ATTEMPTS = 5


async def assign_numbers(
    session: AsyncSession,
    *,
    tenant_id: str,
    conversation_id: str,
    detected: Sequence[Detected],
    keys: PiiKeys,
) -> list[int]:
    """The placeholder number of each detected value in this conversation (new ones are
    recorded). Commits on success; other pending changes of `session` are committed with it."""
    if not detected:
        return []
    for attempt in range(_ATTEMPTS):
        try:
            numbers = await _assign(session, tenant_id, conversation_id, detected, keys)
            await session.commit()
        except IntegrityError:
            await session.rollback()
            if attempt == _ATTEMPTS - 1:
                raise
            continue
        return numbers
    raise AssertionError("unreachable")


async def _assign(
    session: AsyncSession,
    tenant_id: str,
    conversation_id: str,
    detected: Sequence[Detected],
    keys: PiiKeys,
) -> list[int]:
    hashes = [
        None if entity.type == CREDENTIAL else keys.placeholder_hash(entity.type, entity.value)
        for entity in detected
    ]
    known: dict[tuple[str, str], int] = {}
    wanted = {value_hash for value_hash in hashes if value_hash is not None}
    if wanted:
        rows = await session.exec(
            select(PiiPlaceholder).where(
                PiiPlaceholder.conversation_id == conversation_id,
                col(PiiPlaceholder.value_hash).in_(wanted),
            )
        )
        known = {(row.entity_type, row.value_hash or ""): row.number for row in rows}
    highest: dict[str, int] = {}
    numbers: list[int] = []
    # Within one message, the same secret twice is one placeholder (nothing is stored for it).
    secrets_in_message: dict[str, int] = {}
    for entity, value_hash in zip(detected, hashes, strict=True):
        if value_hash is not None and (entity.type, value_hash) in known:
            numbers.append(known[(entity.type, value_hash)])
            continue
        if value_hash is None and entity.value in secrets_in_message:
            numbers.append(secrets_in_message[entity.value])
            continue
        if entity.type not in highest:
            highest[entity.type] = await _highest_number(session, conversation_id, entity.type)
        highest[entity.type] += 1
        number = highest[entity.type]
        session.add(
            PiiPlaceholder(
                tenant_id=tenant_id,
                conversation_id=conversation_id,
                entity_type=entity.type,
                number=number,
                value_hash=value_hash,
            )
        )
        if value_hash is None:
            secrets_in_message[entity.value] = number
        else:
            known[(entity.type, value_hash)] = number
        numbers.append(number)
    await session.flush()
    return numbers


async def _highest_number(session: AsyncSession, conversation_id: str, entity_type: str) -> int:
    result = await session.exec(
        select(func.max(PiiPlaceholder.number)).where(
            PiiPlaceholder.conversation_id == conversation_id,
            PiiPlaceholder.entity_type == entity_type,
        )
    )
    return result.one() or 0
