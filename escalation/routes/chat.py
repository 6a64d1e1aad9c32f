"""Widget chat over HTTP: create a conversation, send a message, resync by sequence number."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from escalation.deps import AuthorizedConversation, ChatDep, HandoffsDep
from escalation.schemas import (
    MAX_SEQ,
    CallbackRequest,
    ConversationCreate,
    ConversationCreated,
    MessageCreate,
    MessageList,
    MessagePublic,
    TurnResult,
    WaitStatus,
)

router = APIRouter(prefix="/api/v1/chat", tags=["chat"])


@router.post(
    "/conversations", status_code=status.HTTP_201_CREATED, response_model=ConversationCreated
)
async def create_conversation(
    chat: ChatDep, body: ConversationCreate | None = None
) -> ConversationCreated:
    conversation, token = await chat.start_widget_conversation(locale=body.locale if body else None)
    return ConversationCreated(
        conversation_id=conversation.id,
        token=token,
        language=conversation.language or chat.detector.default_language,
        last_seq=conversation.last_seq,
    )


@router.post("/conversations/{conversation_id}/messages", response_model=TurnResult)
async def send_message(
    conversation: AuthorizedConversation, body: MessageCreate, chat: ChatDep
) -> TurnResult:
    messages = await chat.handle_user_message(
        conversation.id,
        text=body.text,
        payload=body.payload,
        client_message_id=body.client_message_id,
    )
    return TurnResult(messages=[MessagePublic.of(message) for message in messages])


@router.get("/conversations/{conversation_id}/messages", response_model=MessageList)
async def list_messages(
    conversation: AuthorizedConversation,
    chat: ChatDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_SEQ, description="Return messages with seq > after.")
    ] = 0,
) -> MessageList:
    messages = await chat.messages_after(conversation.id, after)
    # The last seq returned, or the conversation's own: a client that is "ahead" (a bad
    # value, a restored database) learns where the conversation really is.
    last_seq = messages[-1].seq if messages else min(after, conversation.last_seq)
    return MessageList(
        messages=[MessagePublic.of(message) for message in messages], last_seq=last_seq
    )


@router.get("/conversations/{conversation_id}/handoff", response_model=WaitStatus)
async def handoff_status(conversation: AuthorizedConversation, service: HandoffsDep) -> WaitStatus:
    """Whether the user waits for an agent (place in the queue, estimated wait) or has one."""
    found = await service.queue_status(conversation.id)
    return WaitStatus.model_validate(found or {"status": "none"})


@router.post("/conversations/{conversation_id}/handoff/cancel", response_model=WaitStatus)
async def cancel_handoff(conversation: AuthorizedConversation, service: HandoffsDep) -> WaitStatus:
    """The user stops waiting for an agent; the bot answers again. 409 if not waiting."""
    await service.cancel_by_user(conversation)
    return WaitStatus(status="none")


@router.post("/conversations/{conversation_id}/handoff/callback", response_model=WaitStatus)
async def request_callback(
    conversation: AuthorizedConversation, body: CallbackRequest, service: HandoffsDep
) -> WaitStatus:
    """While waiting (typically outside business hours), leave a phone number or e-mail
    address for a callback; it is kept encrypted. 409 if not waiting, 422 if no contact."""
    await service.request_callback(conversation, body.contact)
    found = await service.queue_status(conversation.id)
    return WaitStatus.model_validate(found or {"status": "none"})
