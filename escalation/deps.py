"""FastAPI dependencies: what a route handler needs, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from escalation.agents import csrf_token, session_agent
from escalation.chat import ChatService
from escalation.db import Database
from escalation.errors import Forbidden, Unauthorized
from escalation.handoff_service import HandoffService
from escalation.models import Agent, Conversation
from escalation.security import bearer_token, secrets_equal
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


# -- agents -----------------------------------------------------------------------------------

SESSION_COOKIE = "lotse_agent"
CSRF_HEADER = "X-CSRF-Token"


def get_handoffs(request: Request) -> HandoffService:
    handoffs: HandoffService = request.app.state.handoffs
    return handoffs


def get_session_token(request: Request) -> str:
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 200:
        raise Unauthorized("not_logged_in", "Log in first.")
    return token


SessionToken = Annotated[str, Depends(get_session_token)]
HandoffsDep = Annotated[HandoffService, Depends(get_handoffs)]


async def get_current_agent(request: Request, token: SessionToken) -> Agent:
    database: Database = request.app.state.database
    async with database.session() as session:
        agent = await session_agent(session, token)
    if agent is None:
        raise Unauthorized("not_logged_in", "Your session has ended; log in again.")
    return agent


CurrentAgent = Annotated[Agent, Depends(get_current_agent)]


async def get_acting_agent(
    agent: CurrentAgent,
    token: SessionToken,
    settings: SettingsDep,
    csrf: Annotated[str | None, Header(alias=CSRF_HEADER)] = None,
) -> Agent:
    """The agent of a state-changing request: the session's CSRF token must come along."""
    expected = csrf_token(settings.secret("secret_key"), token)
    if csrf is None or not secrets_equal(csrf, expected):
        raise Forbidden("csrf_failed", f"Send the session's CSRF token as {CSRF_HEADER}.")
    return agent


ActingAgent = Annotated[Agent, Depends(get_acting_agent)]
