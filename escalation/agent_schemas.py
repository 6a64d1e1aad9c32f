"""Request and response bodies of the agent API (docs/agent-api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from escalation.models import Agent, Handoff, HandoffNote, as_utc
from escalation.schemas import CLIENT_ID_PATTERN, MAX_TEXT_FIELD

RESOLUTION_CODES = ("solved", "workaround", "referred", "duplicate", "no_response", "other")
ResolutionCode = Literal["solved", "workaround", "referred", "duplicate", "no_response", "other"]


class LoginRequest(BaseModel):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=1024)
    tenant: str = Field(default="default", pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")


class AgentPublic(BaseModel):
    id: str
    email: str
    display_name: str
    role: str
    languages: list[str]
    queues: list[str]
    max_chats: int
    presence: str

    @classmethod
    def of(cls, agent: Agent) -> AgentPublic:
        return cls(
            id=agent.id,
            email=agent.email,
            display_name=agent.display_name,
            role=agent.role,
            languages=list(agent.languages),
            queues=list(agent.queues),
            max_chats=agent.max_chats,
            presence=agent.presence,
        )


class AgentSummary(BaseModel):
    id: str
    display_name: str
    presence: str
    languages: list[str]
    queues: list[str]

    @classmethod
    def of(cls, agent: Agent) -> AgentSummary:
        return cls(
            id=agent.id,
            display_name=agent.display_name,
            presence=agent.presence,
            languages=list(agent.languages),
            queues=list(agent.queues),
        )


class SessionInfo(BaseModel):
    csrf_token: str
    agent: AgentPublic


class PresenceUpdate(BaseModel):
    presence: Literal["online", "away", "offline"]


class AgentRef(BaseModel):
    id: str
    display_name: str


class HandoffPublic(BaseModel):
    id: str
    conversation_id: str
    status: str
    queue: str
    priority: str
    language: str
    reason: str
    category: str | None
    created_at: datetime
    sla_due_at: datetime
    first_response_at: datetime | None
    claimed_at: datetime | None
    closed_at: datetime | None
    agent: AgentRef | None
    resolution_code: str | None
    position: int | None = Field(description="Place in its queue while waiting, else null.")
    triage: dict[str, Any]

    @classmethod
    def of(cls, handoff: Handoff, *, agent: Agent | None, position: int | None) -> HandoffPublic:
        return cls(
            id=handoff.id,
            conversation_id=handoff.conversation_id,
            status=handoff.status,
            queue=handoff.queue,
            priority=handoff.priority,
            language=handoff.language,
            reason=handoff.reason,
            category=handoff.category,
            created_at=as_utc(handoff.created_at),
            sla_due_at=as_utc(handoff.sla_due_at),
            first_response_at=as_utc(handoff.first_response_at),
            claimed_at=as_utc(handoff.claimed_at),
            closed_at=as_utc(handoff.closed_at),
            agent=AgentRef(id=agent.id, display_name=agent.display_name) if agent else None,
            resolution_code=handoff.resolution_code,
            position=position,
            triage=handoff.triage,
        )


class TransferRequest(BaseModel):
    queue: str | None = Field(default=None, max_length=64)
    agent_id: str | None = Field(default=None, max_length=36)

    @model_validator(mode="after")
    def _exactly_one(self) -> TransferRequest:
        if (self.queue is None) == (self.agent_id is None):
            raise ValueError("give either queue or agent_id")
        return self


class ResolveRequest(BaseModel):
    resolution_code: ResolutionCode


class NoteCreate(BaseModel):
    text: str = Field(max_length=MAX_TEXT_FIELD)


class NotePublic(BaseModel):
    id: int
    agent: AgentRef
    text: str
    created_at: datetime

    @classmethod
    def of(cls, note: HandoffNote, agent: Agent) -> NotePublic:
        assert note.id is not None
        return cls(
            id=note.id,
            agent=AgentRef(id=agent.id, display_name=agent.display_name),
            text=note.text,
            created_at=as_utc(note.created_at),
        )


class AgentMessageCreate(BaseModel):
    text: str = Field(max_length=MAX_TEXT_FIELD)
    client_message_id: str | None = Field(default=None, pattern=CLIENT_ID_PATTERN)


class QueuePublic(BaseModel):
    name: str
    label: dict[str, str]
    languages: list[str]
    waiting: int


class CannedResponsePublic(BaseModel):
    id: str
    language: str
    title: str
    text: str


class RevealRequest(BaseModel):
    placeholder: str = Field(max_length=100, examples=["<PHONE_NUMBER_1>"])
    reason: str | None = Field(default=None, max_length=500)


class Revealed(BaseModel):
    placeholder: str
    value: str
