"""Reading and changing handoffs (plain functions over a session).

Ownership changes are single conditional UPDATEs (`… WHERE status = 'waiting'`), so two agents
can never own one chat, on SQLite and PostgreSQL alike. "Take next" first picks a candidate
with `FOR UPDATE SKIP LOCKED` on PostgreSQL (concurrent agents pick different chats instead of
queueing on one row; SQLite serialises writers and ignores the clause) and then claims it with
the same conditional UPDATE, retrying if another agent was faster.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation.errors import Conflict
from escalation.models import (
    OPEN_HANDOFF_STATUSES,
    Agent,
    Handoff,
    HandoffNote,
    HandoffStatus,
    Message,
    Role,
    utc_now,
)

TAKE_NEXT_ATTEMPTS = 20
RESOLVED_LISTING_DAYS = 7
LIST_LIMIT = 500


def new_handoff(**fields: Any) -> Handoff:
    return Handoff(id=str(uuid.uuid4()), **fields)


async def get_handoff(session: AsyncSession, handoff_id: str) -> Handoff | None:
    return await session.get(Handoff, handoff_id, populate_existing=True)


async def open_handoff(session: AsyncSession, conversation_id: str) -> Handoff | None:
    statement = select(Handoff).where(
        Handoff.conversation_id == conversation_id,
        col(Handoff.status).in_(OPEN_HANDOFF_STATUSES),
    )
    return (await session.exec(statement)).first()


async def latest_handoff(session: AsyncSession, conversation_id: str) -> Handoff | None:
    statement = (
        select(Handoff)
        .where(Handoff.conversation_id == conversation_id)
        .order_by(col(Handoff.created_at).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def user_messages_since_last_handoff(
    session: AsyncSession, conversation_id: str, *, limit: int = 50
) -> list[Message]:
    """The user's messages after the last closed handoff (the current issue), oldest first."""
    closed = select(func.max(Handoff.closed_at)).where(Handoff.conversation_id == conversation_id)
    since = (await session.exec(closed)).one()
    statement = select(Message).where(
        Message.conversation_id == conversation_id, Message.role == Role.USER
    )
    if since is not None:
        statement = statement.where(col(Message.created_at) > since)
    statement = statement.order_by(col(Message.seq).desc()).limit(limit)
    return list(reversed((await session.exec(statement)).all()))


async def list_handoffs(
    session: AsyncSession,
    *,
    tenant_id: str,
    statuses: Collection[str],
    queues: Collection[str] | None,
    now: datetime,
) -> list[Handoff]:
    """Open ones by urgency (priority, then age); closed ones of the last days, newest first."""
    statement = select(Handoff).where(
        Handoff.tenant_id == tenant_id, col(Handoff.status).in_(statuses)
    )
    if queues is not None:
        statement = statement.where(col(Handoff.queue).in_(queues))
    if set(statuses) <= set(OPEN_HANDOFF_STATUSES):
        statement = statement.order_by(col(Handoff.priority), col(Handoff.created_at))
    else:
        since = now - timedelta(days=RESOLVED_LISTING_DAYS)
        statement = statement.where(
            or_(col(Handoff.closed_at).is_(None), col(Handoff.closed_at) >= since)
        ).order_by(col(Handoff.closed_at).desc())
    return list((await session.exec(statement.limit(LIST_LIMIT))).all())


async def waiting_in_queue(session: AsyncSession, *, tenant_id: str, queue: str) -> list[Handoff]:
    statement = (
        select(Handoff)
        .where(
            Handoff.tenant_id == tenant_id,
            Handoff.status == HandoffStatus.WAITING,
            Handoff.queue == queue,
        )
        .order_by(col(Handoff.priority), col(Handoff.created_at))
    )
    return list((await session.exec(statement)).all())


async def active_count(session: AsyncSession, agent_id: str) -> int:
    statement = select(func.count()).where(
        Handoff.agent_id == agent_id, Handoff.status == HandoffStatus.ACTIVE
    )
    return int((await session.exec(statement)).one())


async def _check_capacity(session: AsyncSession, agent: Agent) -> None:
    if await active_count(session, agent.id) >= agent.max_chats:
        raise Conflict(
            "at_capacity", f"You already have {agent.max_chats} active chats; resolve one first."
        )


async def claim(
    session: AsyncSession, handoff: Handoff, agent: Agent, *, commit: bool = True
) -> Handoff:
    """Makes `agent` the owner of a waiting handoff, or raises `Conflict`. With `commit`
    False the caller commits (with the message that tells the user)."""
    await _check_capacity(session, agent)
    if not await _claim_if_waiting(session, handoff.id, agent.id):
        await session.rollback()
        raise Conflict("already_claimed", "Another agent has taken this chat.")
    if commit:
        await session.commit()
    claimed = await get_handoff(session, handoff.id)
    assert claimed is not None
    return claimed


async def _claim_if_waiting(session: AsyncSession, handoff_id: str, agent_id: str) -> bool:
    statement = (
        update(Handoff)
        .where(col(Handoff.id) == handoff_id, col(Handoff.status) == HandoffStatus.WAITING)
        .values(status=HandoffStatus.ACTIVE, agent_id=agent_id, claimed_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    return bool(result.rowcount)


async def take_next(
    session: AsyncSession,
    agent: Agent,
    *,
    queues: Collection[str] | None,
    languages: Collection[str],
    commit: bool = True,
) -> Handoff | None:
    """The most urgent, oldest waiting handoff the agent may take, now owned by the agent."""
    await _check_capacity(session, agent)
    for _ in range(TAKE_NEXT_ATTEMPTS):
        statement = select(Handoff.id).where(
            Handoff.tenant_id == agent.tenant_id,
            Handoff.status == HandoffStatus.WAITING,
            col(Handoff.language).in_(languages),
        )
        if queues is not None:
            statement = statement.where(col(Handoff.queue).in_(queues))
        statement = (
            statement.order_by(col(Handoff.priority), col(Handoff.created_at))
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        handoff_id = (await session.exec(statement)).first()
        if handoff_id is None:
            await session.rollback()
            return None
        if await _claim_if_waiting(session, handoff_id, agent.id):
            if commit:
                await session.commit()
            return await get_handoff(session, handoff_id)
        await session.rollback()  # someone was faster: look again
    return None


async def transfer_to_queue(
    session: AsyncSession, handoff: Handoff, queue: str, *, commit: bool = True
) -> Handoff:
    """Back to waiting, in another queue; the SLA and the waiting time stay."""
    return await _change_open(
        session,
        handoff,
        commit=commit,
        status=HandoffStatus.WAITING,
        queue=queue,
        agent_id=None,
        claimed_at=None,
    )


async def transfer_to_agent(
    session: AsyncSession, handoff: Handoff, agent: Agent, *, commit: bool = True
) -> Handoff:
    await _check_capacity(session, agent)
    return await _change_open(
        session,
        handoff,
        commit=commit,
        status=HandoffStatus.ACTIVE,
        agent_id=agent.id,
        claimed_at=utc_now(),
    )


async def close(
    session: AsyncSession,
    handoff: Handoff,
    *,
    status: HandoffStatus,
    resolution_code: str | None = None,
    commit: bool = True,
) -> Handoff:
    return await _change_open(
        session,
        handoff,
        commit=commit,
        status=status,
        resolution_code=resolution_code,
        closed_at=utc_now(),
    )


async def _change_open(
    session: AsyncSession, handoff: Handoff, *, commit: bool = True, **values: Any
) -> Handoff:
    """Applies `values` if the handoff is still as the caller saw it (status and owner)."""
    owner = col(Handoff.agent_id)
    statement = (
        update(Handoff)
        .where(
            col(Handoff.id) == handoff.id,
            col(Handoff.status) == handoff.status,
            owner.is_(None) if handoff.agent_id is None else owner == handoff.agent_id,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if not (await session.exec(statement)).rowcount:
        await session.rollback()
        raise Conflict("changed", "The chat changed meanwhile; reload and try again.")
    if commit:
        await session.commit()
    for name, value in values.items():
        setattr(handoff, name, value)
    return handoff


async def mark_first_response(session: AsyncSession, handoff_id: str) -> None:
    statement = (
        update(Handoff)
        .where(col(Handoff.id) == handoff_id, col(Handoff.first_response_at).is_(None))
        .values(first_response_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    await session.exec(statement)


async def add_note(session: AsyncSession, handoff: Handoff, agent: Agent, text: str) -> HandoffNote:
    note = HandoffNote(
        tenant_id=handoff.tenant_id, handoff_id=handoff.id, agent_id=agent.id, text=text
    )
    session.add(note)
    await session.commit()
    return note


async def notes_of(session: AsyncSession, handoff_id: str) -> Sequence[HandoffNote]:
    statement = (
        select(HandoffNote)
        .where(HandoffNote.handoff_id == handoff_id)
        .order_by(col(HandoffNote.id))
    )
    return (await session.exec(statement)).all()
