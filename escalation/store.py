"""Reading and writing conversations and messages (plain functions over a session).

Sequence numbers are allocated by one `UPDATE … RETURNING` on the conversation row, in the
same transaction as the inserts, so they have no gaps or duplicates even with concurrent
writers (PostgreSQL locks the row; SQLite serialises writers).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation.models import DEFAULT_TENANT_ID, Conversation, Message, Role, utc_now

PAGE_LIMIT = 500


@dataclass
class MessageDraft:
    """A message to append; the store assigns `seq` and the timestamps."""

    role: Role
    text: str | None = None
    buttons: list[dict[str, Any]] | None = None
    custom: dict[str, Any] | None = None
    client_message_id: str | None = None
    language: str | None = None
    language_confidence: float | None = None


class DuplicateClientMessage(Exception):
    """A message with this client_message_id is already stored in the conversation."""


async def create_conversation(
    session: AsyncSession,
    *,
    channel: str,
    language: str,
    locale: str | None = None,
    token_hash: str | None = None,
    client_id: str | None = None,
    sender_hash: str | None = None,
    tenant_id: str = DEFAULT_TENANT_ID,
) -> Conversation:
    conversation = Conversation(
        id=str(uuid.uuid4()),
        tenant_id=tenant_id,
        channel=channel,
        language=language,
        locale=locale,
        token_hash=token_hash,
        client_id=client_id,
        sender_hash=sender_hash,
    )
    session.add(conversation)
    await session.commit()
    return conversation


async def get_conversation(session: AsyncSession, conversation_id: str) -> Conversation | None:
    return await session.get(Conversation, conversation_id, populate_existing=True)


async def find_sender_conversation(
    session: AsyncSession, *, client_id: str, sender_hash: str, tenant_id: str = DEFAULT_TENANT_ID
) -> Conversation | None:
    statement = select(Conversation).where(
        Conversation.tenant_id == tenant_id,
        Conversation.client_id == client_id,
        Conversation.sender_hash == sender_hash,
    )
    return (await session.exec(statement)).first()


async def append_messages(
    session: AsyncSession,
    conversation: Conversation,
    drafts: Sequence[MessageDraft],
    **conversation_changes: Any,
) -> list[Message]:
    """Stores `drafts` in order, applying `conversation_changes` in the same transaction.

    Raises `DuplicateClientMessage` (and stores nothing) if a draft's client_message_id
    is already taken.
    """
    now = utc_now()
    allocate = (
        update(Conversation)
        .where(col(Conversation.id) == conversation.id)
        .values(
            last_seq=Conversation.last_seq + len(drafts), updated_at=now, **conversation_changes
        )
        .returning(col(Conversation.last_seq))
        # Core-speed UPDATE: no objects in this session need refreshing.
        .execution_options(synchronize_session=False)
    )
    last_seq = (await session.exec(allocate)).scalar_one()
    first_seq = last_seq - len(drafts) + 1
    messages = [
        Message(
            tenant_id=conversation.tenant_id,
            conversation_id=conversation.id,
            seq=first_seq + offset,
            role=draft.role,
            text=draft.text,
            buttons=draft.buttons,
            custom=draft.custom,
            client_message_id=draft.client_message_id,
            language=draft.language,
            language_confidence=draft.language_confidence,
            created_at=now,
        )
        for offset, draft in enumerate(drafts)
    ]
    session.add_all(messages)
    try:
        await session.commit()
    except IntegrityError as error:
        await session.rollback()
        if any(draft.client_message_id for draft in drafts):
            raise DuplicateClientMessage from error
        raise
    return messages


async def messages_after(
    session: AsyncSession, conversation_id: str, after: int, *, limit: int = PAGE_LIMIT
) -> list[Message]:
    statement = (
        select(Message)
        .where(Message.conversation_id == conversation_id, Message.seq > after)
        .order_by(col(Message.seq))
        .limit(limit)
    )
    return list((await session.exec(statement)).all())


async def find_client_message(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> Message | None:
    statement = select(Message).where(
        Message.conversation_id == conversation_id,
        Message.client_message_id == client_message_id,
    )
    return (await session.exec(statement)).first()


async def replies_to(session: AsyncSession, message: Message) -> list[Message]:
    """The messages that answered `message`: those after it, up to the next user message."""
    replies = []
    for later in await messages_after(session, message.conversation_id, message.seq):
        if later.role == Role.USER:
            break
        replies.append(later)
    return replies


async def record_understanding(
    session: AsyncSession,
    *,
    conversation_id: str,
    message_id: int,
    intent: str | None,
    intent_confidence: float | None,
    model_id: str | None,
) -> bool:
    """Stores what the bot made of a user message; True if the message was found."""
    statement = (
        update(Message)
        .where(
            col(Message.id) == message_id,
            col(Message.conversation_id) == conversation_id,
            col(Message.role) == Role.USER,
        )
        .values(intent=intent, intent_confidence=intent_confidence, model_id=model_id)
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    await session.commit()
    return bool(result.rowcount)
