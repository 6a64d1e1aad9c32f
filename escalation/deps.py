"""FastAPI dependencies: what a route handler needs, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from escalation.chat import ChatService
from escalation.errors import Unauthorized
from escalation.models import Conversation
from escalation.security import bearer_token
from escalation.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_chat(request: Request) -> ChatService:
    chat: ChatService = request.app.state.chat
    return chat


def get_bearer_token(authorization: Annotated[str | None, Header()] = None) -> str:
    token = bearer_token(authorization)
    if token is None:
        raise Unauthorized("missing_token", "Send the token as 'Authorization: Bearer <token>'.")
    return token


SettingsDep = Annotated[Settings, Depends(get_settings)]
ChatDep = Annotated[ChatService, Depends(get_chat)]
BearerToken = Annotated[str, Depends(get_bearer_token)]


async def get_conversation_for_token(
    conversation_id: str, token: BearerToken, chat: ChatDep
) -> Conversation:
    return await chat.authorize(conversation_id, token)


AuthorizedConversation = Annotated[Conversation, Depends(get_conversation_for_token)]
