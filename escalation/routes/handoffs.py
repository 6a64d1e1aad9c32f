"""Handoffs for agents: list, claim, take next, transfer, resolve, release, notes, and the
conversation's transcript and replies (docs/agent-api.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from escalation.agent_schemas import (
    AgentMessageCreate,
    HandoffPublic,
    NoteCreate,
    NotePublic,
    ResolveRequest,
    Revealed,
    RevealRequest,
    TransferRequest,
)
from escalation.deps import ActingAgent, ChatDep, CurrentAgent, HandoffsDep
from escalation.schemas import MAX_SEQ, MessageList, MessagePublic

router = APIRouter(prefix="/api/v1", tags=["handoffs"])

HandoffStatusFilter = Literal["waiting", "active", "resolved"]


@router.get("/handoffs", response_model=list[HandoffPublic])
async def list_handoffs(
    agent: CurrentAgent,
    service: HandoffsDep,
    status: Annotated[HandoffStatusFilter | None, Query()] = None,
) -> list[HandoffPublic]:
    """Waiting and active ones (or those of `status`) in the queues the agent may see."""
    return await service.list_for(agent, status)


@router.get("/handoffs/{handoff_id}", response_model=HandoffPublic)
async def get_handoff(handoff_id: str, agent: CurrentAgent, service: HandoffsDep) -> HandoffPublic:
    return await service.public(await service.visible(agent, handoff_id))


@router.post(
    "/handoffs/next",
    response_model=HandoffPublic,
    responses={204: {"description": "No chat is waiting for this agent."}},
)
async def take_next(agent: ActingAgent, service: HandoffsDep) -> HandoffPublic | Response:
    taken = await service.take_next(agent)
    if taken is None:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return taken


@router.post(
    "/handoffs/{handoff_id}/claim",
    response_model=HandoffPublic,
    responses={409: {"description": "already_claimed or at_capacity"}},
)
async def claim(handoff_id: str, agent: ActingAgent, service: HandoffsDep) -> HandoffPublic:
    return await service.claim(agent, handoff_id)


@router.post("/handoffs/{handoff_id}/transfer", response_model=HandoffPublic)
async def transfer(
    handoff_id: str, body: TransferRequest, agent: ActingAgent, service: HandoffsDep
) -> HandoffPublic:
    return await service.transfer(agent, handoff_id, queue=body.queue, agent_id=body.agent_id)


@router.post("/handoffs/{handoff_id}/resolve", response_model=HandoffPublic)
async def resolve(
    handoff_id: str, body: ResolveRequest, agent: ActingAgent, service: HandoffsDep
) -> HandoffPublic:
    return await service.resolve(agent, handoff_id, body.resolution_code)


@router.post("/handoffs/{handoff_id}/release", response_model=HandoffPublic)
async def release(handoff_id: str, agent: ActingAgent, service: HandoffsDep) -> HandoffPublic:
    """Back to the bot, which answers the user's next message."""
    return await service.release(agent, handoff_id)


@router.post(
    "/handoffs/{handoff_id}/reveal",
    response_model=Revealed,
    responses={404: {"description": "not kept"}, 410: {"description": "expired"}},
)
async def reveal(
    handoff_id: str, body: RevealRequest, agent: ActingAgent, service: HandoffsDep
) -> Revealed:
    """The original behind a placeholder (e.g. a callback number), for the chat's owner or a
    supervisor; every attempt is written to the audit log."""
    value = await service.reveal(agent, handoff_id, body.placeholder, body.reason)
    return Revealed(placeholder=body.placeholder, value=value)


@router.get("/handoffs/{handoff_id}/notes", response_model=list[NotePublic])
async def list_notes(
    handoff_id: str, agent: CurrentAgent, service: HandoffsDep
) -> list[NotePublic]:
    return await service.notes(agent, handoff_id)


@router.post(
    "/handoffs/{handoff_id}/notes", response_model=NotePublic, status_code=status.HTTP_201_CREATED
)
async def add_note(
    handoff_id: str, body: NoteCreate, agent: ActingAgent, service: HandoffsDep
) -> NotePublic:
    return await service.add_note(agent, handoff_id, body.text)


@router.get("/conversations/{conversation_id}/messages", response_model=MessageList)
async def transcript(
    conversation_id: str,
    agent: CurrentAgent,
    service: HandoffsDep,
    chat: ChatDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
) -> MessageList:
    """The redacted transcript, for agents who may see the conversation's handoff."""
    await service.visible_conversation(agent, conversation_id)
    messages = await chat.messages_after(conversation_id, after)
    last_seq = messages[-1].seq if messages else after
    return MessageList(messages=[MessagePublic.of(m) for m in messages], last_seq=last_seq)


@router.post(
    "/conversations/{conversation_id}/messages",
    response_model=MessagePublic,
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "not_owner: only the agent who owns the chat may reply"}},
)
async def reply(
    conversation_id: str,
    body: AgentMessageCreate,
    agent: ActingAgent,
    service: HandoffsDep,
) -> MessagePublic:
    await service.visible_conversation(agent, conversation_id)
    message = await service.replies.reply(
        conversation_id, agent=agent, text=body.text, client_message_id=body.client_message_id
    )
    return MessagePublic.of(message)
