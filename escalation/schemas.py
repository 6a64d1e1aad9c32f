"""Request and response bodies of the chat API (docs/chat-protocol.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from escalation.models import Message, as_utc


class ButtonPublic(BaseModel):
    title: str
    payload: str

    @classmethod
    def list_of(cls, message: Message) -> list[ButtonPublic] | None:
        return [cls(**button) for button in message.buttons] if message.buttons else None


class MessagePublic(BaseModel):
    seq: int
    role: str
    text: str | None
    buttons: list[ButtonPublic] | None
    custom: dict[str, Any] | None
    language: str | None
    created_at: datetime
    client_message_id: str | None

    @classmethod
    def of(cls, message: Message) -> MessagePublic:
        created_at = as_utc(message.created_at)
        return cls(
            seq=message.seq,
            role=message.role,
            text=message.text,
            buttons=ButtonPublic.list_of(message),
            custom=message.custom,
            language=message.language,
            created_at=created_at,
            client_message_id=message.client_message_id,
        )


# BCP 47-ish: "de", "de-DE", "en_GB", "zh-Hant-TW"; nothing that could carry data.
LOCALE_PATTERN = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$"
# Client-chosen ids (UUIDs in practice): letters, digits, '-', '_', '.', ':'.
CLIENT_ID_PATTERN = r"^[A-Za-z0-9._:-]{1,64}$"
MAX_SEQ = 2**31 - 1
# Generous transport caps; the real limit (LOTSE_MAX_MESSAGE_CHARS) is checked after cleaning,
# so that a long text gets `message_too_long`, not a generic validation error.
MAX_TEXT_FIELD = 100_000


class ConversationCreate(BaseModel):
    locale: str | None = Field(default=None, pattern=LOCALE_PATTERN, examples=["de-DE"])


class ConversationCreated(BaseModel):
    conversation_id: str
    token: str = Field(description="Shown once: the only way back into the conversation.")
    language: str
    last_seq: int


class MessageCreate(BaseModel):
    text: str = Field(
        max_length=MAX_TEXT_FIELD, description="The user's text (limit checked after cleaning)."
    )
    payload: str | None = Field(default=None, max_length=200, examples=["/affirm"])
    client_message_id: str | None = Field(default=None, pattern=CLIENT_ID_PATTERN)


class MessageList(BaseModel):
    messages: list[MessagePublic]
    last_seq: int


class TurnResult(BaseModel):
    messages: list[MessagePublic]


class CallbackRequest(BaseModel):
    contact: str = Field(max_length=MAX_TEXT_FIELD, examples=["+49 30 1234567"])


class WaitStatus(BaseModel):
    status: str = Field(description="none | waiting | active")
    position: int | None = None
    estimated_wait_seconds: int | None = None
    agents_online: int | None = None
    agent: str | None = Field(default=None, description="The agent's display name when active.")


class RestChannelMessage(BaseModel):
    """Rasa's REST channel payload."""

    sender: str = Field(min_length=1, max_length=200)
    message: str = Field(max_length=MAX_TEXT_FIELD)
    metadata: dict[str, Any] | None = None


class RestChannelReply(BaseModel):
    recipient_id: str
    text: str | None = None
    buttons: list[ButtonPublic] | None = None
    custom: dict[str, Any] | None = None
