"""Database models. Every row carries `tenant_id`; message text is always redacted text.

Schema changes go through Alembic migrations (`escalation/migrations/`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, overload

from sqlalchemy import JSON, Column, DateTime, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

DEFAULT_TENANT_ID = "default"


def utc_now() -> datetime:
    return datetime.now(UTC)


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite returns naive ones; they are UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


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


class AgentRole(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"  # also sees and transfers every queue's chats
    TRAINER = "trainer"  # curates training data; takes no chats
    ADMIN = "admin"


class Presence(StrEnum):
    ONLINE = "online"
    AWAY = "away"
    OFFLINE = "offline"


class HandoffStatus(StrEnum):
    WAITING = "waiting"
    ACTIVE = "active"
    RESOLVED = "resolved"
    RELEASED = "released"  # handed back to the bot
    CANCELLED = "cancelled"  # the user stopped waiting


OPEN_HANDOFF_STATUSES = (HandoffStatus.WAITING, HandoffStatus.ACTIVE)


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


class Agent(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "email", name="uq_agent_email"),)

    id: str = Field(primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    email: str = Field(max_length=254)  # lower-cased
    display_name: str = Field(max_length=100)
    password_hash: str = Field(max_length=200)  # argon2id
    role: str = Field(default=AgentRole.AGENT, sa_type=String(16))
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Queue names, or ["*"] for every queue of the tenant.
    queues: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    max_chats: int = 3
    presence: str = Field(default=Presence.OFFLINE, sa_type=String(16))
    presence_at: datetime = _timestamp()
    disabled: bool = False
    created_at: datetime = _timestamp()


class AgentSession(SQLModel, table=True):
    __tablename__ = "agent_session"

    # SHA-256 of the session token; the token itself lives only in the agent's cookie.
    id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    agent_id: str = Field(foreign_key="agent.id", index=True, max_length=36)
    created_at: datetime = _timestamp()
    last_seen_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))


class Handoff(SQLModel, table=True):
    """One escalated chat, from the handover to its end (resolved, released, cancelled)."""

    __table_args__ = (
        Index("ix_handoff_queue", "tenant_id", "status", "queue", "priority", "created_at"),
        Index("ix_handoff_agent", "agent_id", "status"),
        # At most one open handoff per conversation.
        Index(
            "uq_handoff_open",
            "conversation_id",
            unique=True,
            sqlite_where=text("status IN ('waiting', 'active')"),
            postgresql_where=text("status IN ('waiting', 'active')"),
        ),
    )

    id: str = Field(primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    conversation_id: str = Field(foreign_key="conversation.id", index=True, max_length=36)
    status: str = Field(default=HandoffStatus.WAITING, sa_type=String(16))
    queue: str = Field(max_length=64)
    priority: str = Field(max_length=8)  # P1 … P4: sorts by urgency
    language: str = Field(max_length=8)
    reason: str = Field(max_length=64)
    category: str | None = Field(default=None, max_length=64)
    # The triage card (redacted): what the bot learned, for the agent.
    triage: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _timestamp()
    sla_due_at: datetime = Field(sa_type=DateTime(timezone=True))
    agent_id: str | None = Field(default=None, foreign_key="agent.id", max_length=36)
    claimed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    first_response_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    closed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    resolution_code: str | None = Field(default=None, max_length=32)


class HandoffNote(SQLModel, table=True):
    """An agent's internal note on a handoff: never shown to the user; redacted like chat."""

    __tablename__ = "handoff_note"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    handoff_id: str = Field(foreign_key="handoff.id", index=True, max_length=36)
    agent_id: str = Field(foreign_key="agent.id", max_length=36)
    text: str
    created_at: datetime = _timestamp()
