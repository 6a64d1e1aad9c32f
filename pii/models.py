"""Tables of the PII layer: placeholder numbers, the vault of encrypted originals, the audit log.

None of them holds a personal value in clear text: placeholder numbers are keyed by an HMAC of
the value, vault entries are AES-GCM ciphertexts found by a blind index (another HMAC), and
audit entries name placeholders, never values. Credentials appear in none of them.
The audit log is general (later issues record agent actions in it too).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _timestamp() -> Any:
    return Field(default_factory=_utc_now, sa_type=DateTime(timezone=True))


class PiiPlaceholder(SQLModel, table=True):
    """`<TYPE_N>` of one conversation: the same value keeps its number in every message."""

    __tablename__ = "pii_placeholder"
    __table_args__ = (
        UniqueConstraint("conversation_id", "entity_type", "number", name="uq_placeholder_number"),
        UniqueConstraint(
            "conversation_id", "entity_type", "value_hash", name="uq_placeholder_value"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    conversation_id: str = Field(foreign_key="conversation.id", max_length=36)
    entity_type: str = Field(max_length=32)
    number: int
    # HMAC of the canonical value; None for credentials, whose numbers are never reused.
    value_hash: str | None = Field(default=None, max_length=64)
    created_at: datetime = _timestamp()


class VaultEntry(SQLModel, table=True):
    """The encrypted original behind one placeholder, until it expires."""

    __tablename__ = "pii_vault"
    __table_args__ = (
        UniqueConstraint("conversation_id", "entity_type", "number", name="uq_vault_placeholder"),
        Index("ix_pii_vault_blind_index", "tenant_id", "blind_index"),
        Index("ix_pii_vault_expires_at", "expires_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    conversation_id: str = Field(foreign_key="conversation.id", max_length=36)
    entity_type: str = Field(max_length=32)
    number: int
    # HMAC of the canonical value under its own key: "where does this e-mail address occur?"
    blind_index: str = Field(max_length=64)
    # 12-byte nonce followed by the AES-GCM ciphertext and tag.
    sealed: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))


class AuditEvent(SQLModel, table=True):
    """Who did what to which conversation, and when (never the values involved)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_conversation", "conversation_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(foreign_key="tenant.id", max_length=64)
    at: datetime = _timestamp()
    actor: str = Field(max_length=200)
    action: str = Field(max_length=64)
    conversation_id: str | None = Field(default=None, max_length=36)
    outcome: str = Field(max_length=32)
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
