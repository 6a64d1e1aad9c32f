"""Agent login sessions: an HttpOnly, SameSite=Strict cookie plus a CSRF token."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response, status

from escalation.agent_schemas import AgentPublic, LoginRequest, SessionInfo
from escalation.agents import (
    SESSION_LIFETIME,
    authenticate,
    csrf_token,
    end_session,
    normalise_email,
    start_session,
)
from escalation.db import Database
from escalation.deps import SESSION_COOKIE, ActingAgent, CurrentAgent, SessionToken, SettingsDep
from escalation.errors import RateLimited, Unauthorized
from escalation.logging import log_event

router = APIRouter(prefix="/api/v1/auth", tags=["agents"])
logger = logging.getLogger(__name__)


@router.post("/login", response_model=SessionInfo)
async def login(
    body: LoginRequest, request: Request, response: Response, settings: SettingsDep
) -> SessionInfo:
    account_key = f"{body.tenant}:{normalise_email(body.email)}"
    address_key = request.client.host if request.client else "unknown"
    for limiter, key in (
        (request.app.state.login_limiter_account, account_key),
        (request.app.state.login_limiter_address, address_key),
    ):
        retry_after = limiter.retry_after(key)
        if retry_after is not None:
            log_event(logger, "agent.login_limited", logging.WARNING)
            raise RateLimited(retry_after)
    database: Database = request.app.state.database
    async with database.session() as session:
        agent = await authenticate(
            session, tenant_id=body.tenant, email=body.email, password=body.password
        )
        if agent is None:
            log_event(logger, "agent.login_failed", logging.WARNING)
            raise Unauthorized("invalid_credentials", "Wrong e-mail address or password.")
        token = await start_session(session, agent)
    secure = request.url.scheme == "https" or (settings.public_url or "").startswith("https:")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
    )
    log_event(logger, "agent.logged_in", agent_id=agent.id)
    return SessionInfo(
        csrf_token=csrf_token(settings.secret("secret_key"), token), agent=AgentPublic.of(agent)
    )


@router.get("/me", response_model=SessionInfo)
async def me(agent: CurrentAgent, token: SessionToken, settings: SettingsDep) -> SessionInfo:
    return SessionInfo(
        csrf_token=csrf_token(settings.secret("secret_key"), token), agent=AgentPublic.of(agent)
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    agent: ActingAgent, token: SessionToken, request: Request, response: Response
) -> Response:
    database: Database = request.app.state.database
    async with database.session() as session:
        await end_session(session, token)
    log_event(logger, "agent.logged_out", agent_id=agent.id)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
