"""Database models. Every row carries `tenant_id`; message text is always redacted text.

Schema changes go through Alembic migrations (`escalation/migrations/`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, String, UniqueConstraint
from sqlmodel import Field, SQLModel

DEFAULT_TENANT_ID = "default"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _timestamp() -> Any:
    return Field(default_factory=utc_now, sa_type=DateTime(timezone=True))


class Channel(StrEnum):
    WIDGET = "widget"
    REST = "rest"


class Owner(StrEnum):
    """Who answers the user's next message."""

    BOT = "bot"
    HUMAN = "human"


class Role(StrEnum):
    USER = "user"
    BOT = "bot"
    SYSTEM = "system"
    AGENT = "agent"


class Tenant(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    created_at: datetime = _timestamp()


class Conversation(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("tenant_id", "client_id", "sender_hash", name="uq_conversation_sender"),
    )

    id: str = Field(primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenant.id", index=True, max_length=64)
    channel: str = Field(sa_type=String(16))
    # Widget conversations: SHA-256 of the conversation token (the token itself is never stored).
    token_hash: str | None = Field(default=None, max_length=64)
    # REST-channel conversations: the client and a keyed hash of its `sender` value.
    client_id: str | None = Field(default=None, max_length=64)
    sender_hash: str | None = Field(default=None, max_length=64)
    # A verified end-user reference from a signed identity (ARCHITECTURE.md, Tenants).
    end_user_ref: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(default=None, max_length=35)
    language: str | None = Field(default=None, max_length=8)
    owner: str = Field(default=Owner.BOT, sa_type=String(16))
    # Why a human must follow up (bot unavailable, user asked, ...); None while the bot copes.
    handoff_reason: str | None = Field(default=None, max_length=64)
    handoff_queue: str | None = Field(default=None, max_length=64)
    handoff_priority: str | None = Field(default=None, max_length=8)
    handoff_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    last_seq: int = 0
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class Message(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_message_seq"),
        UniqueConstraint("conversation_id", "client_message_id", name="uq_message_client_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    conversation_id: str = Field(foreign_key="conversation.id", max_length=36)
    seq: int
    role: str = Field(sa_type=String(16))
    text: str | None = None  # redacted
    buttons: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    custom: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    client_message_id: str | None = Field(default=None, max_length=64)
    # What the switchboard and the bot made of a user message.
    language: str | None = Field(default=None, max_length=8)
    language_confidence: float | None = None
    intent: str | None = Field(default=None, max_length=100)
    intent_confidence: float | None = None
    model_id: str | None = Field(default=None, max_length=100)
    created_at: datetime = _timestamp()
