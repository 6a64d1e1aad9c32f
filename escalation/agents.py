"""Agent accounts and their login sessions.

Passwords are hashed with argon2id; an unknown e-mail costs the same hash as a wrong
password, so timing does not reveal which accounts exist. A session is a random token in an
HttpOnly cookie, stored only as its SHA-256; its CSRF token is an HMAC of the session token
under the deployment's secret key, so it needs no storage and dies with the session.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation.models import (
    Agent,
    AgentRole,
    AgentSession,
    Presence,
    Tenant,
    as_utc,
    utc_now,
)
from escalation.security import keyed_hash, new_token, token_digest
from nlu.language import supported_languages

ALL_QUEUES = "*"
SESSION_LIFETIME = timedelta(hours=12)
SESSION_IDLE_TIMEOUT = timedelta(hours=2)
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024
MAX_CHATS_LIMIT = 50
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}")
# Roles that see and act on every queue of the tenant.
_ALL_QUEUE_ROLES = frozenset({AgentRole.SUPERVISOR, AgentRole.ADMIN})

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified instead when the account does not exist (made on first use: hashing costs
    64 MiB and tens of milliseconds, which no import or CLI command should pay)."""
    return _hasher.hash("not a password of anyone")


class AgentError(ValueError):
    """An account cannot be created as asked; the message says why (no secrets in it)."""


@dataclass(frozen=True)
class NewAgent:
    email: str
    password: str
    display_name: str
    role: AgentRole = AgentRole.AGENT
    queues: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    max_chats: int = 3


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def check_new_agent(new: NewAgent, *, known_queues: Collection[str]) -> None:
    if not _EMAIL.fullmatch(normalise_email(new.email)):
        raise AgentError("not an e-mail address")
    if not MIN_PASSWORD_CHARS <= len(new.password) <= MAX_PASSWORD_CHARS:
        raise AgentError(
            f"a password needs {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"
        )
    if not new.display_name.strip() or len(new.display_name) > 100:
        raise AgentError("a display name of 1 to 100 characters")
    if not 1 <= new.max_chats <= MAX_CHATS_LIMIT:
        raise AgentError(f"max chats between 1 and {MAX_CHATS_LIMIT}")
    languages = set(supported_languages())
    unknown = [language for language in new.languages if language not in languages]
    if unknown or (not new.languages and new.role != AgentRole.TRAINER):
        raise AgentError(f"languages: at least one of {', '.join(sorted(languages))}")
    unknown = [queue for queue in new.queues if queue != ALL_QUEUES and queue not in known_queues]
    if unknown:
        raise AgentError(f"no such queue: {', '.join(unknown)}")


async def create_agent(
    session: AsyncSession, new: NewAgent, *, tenant_id: str, known_queues: Collection[str]
) -> Agent:
    check_new_agent(new, known_queues=known_queues)
    if await session.get(Tenant, tenant_id) is None:
        session.add(Tenant(id=tenant_id, name=tenant_id))
    queues = [ALL_QUEUES] if ALL_QUEUES in new.queues else list(dict.fromkeys(new.queues))
    agent = Agent(
        id=str(uuid.uuid4()),
        tenant_id=tenant_id,
        email=normalise_email(new.email),
        display_name=new.display_name.strip(),
        password_hash=_hasher.hash(new.password),
        role=new.role,
        languages=list(dict.fromkeys(new.languages)),
        queues=queues,
        max_chats=new.max_chats,
    )
    session.add(agent)
    try:
        await session.commit()
    except IntegrityError as error:
        await session.rollback()
        raise AgentError("an agent with this e-mail address exists already") from error
    return agent


async def authenticate(
    session: AsyncSession, *, tenant_id: str, email: str, password: str
) -> Agent | None:
    statement = select(Agent).where(
        Agent.tenant_id == tenant_id, Agent.email == normalise_email(email)
    )
    agent = (await session.exec(statement)).first()
    candidate = agent.password_hash if agent is not None and not agent.disabled else _dummy_hash()
    try:
        _hasher.verify(candidate, password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        return None
    if agent is None or agent.disabled:
        return None
    if _hasher.check_needs_rehash(agent.password_hash):
        agent.password_hash = _hasher.hash(password)
        session.add(agent)
        await session.commit()
    return agent


async def start_session(session: AsyncSession, agent: Agent) -> str:
    """A new session for `agent`; returns its token (for the cookie only)."""
    token = new_token()
    now = utc_now()
    session.add(
        AgentSession(
            id=token_digest(token),
            tenant_id=agent.tenant_id,
            agent_id=agent.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    await session.commit()
    return token


async def session_agent(session: AsyncSession, token: str) -> Agent | None:
    """The agent of a live session, refreshing its idle timer; None if it has ended."""
    record = await session.get(AgentSession, token_digest(token), populate_existing=True)
    if record is None:
        return None
    now = utc_now()
    last_seen = as_utc(record.last_seen_at)
    if as_utc(record.expires_at) <= now or last_seen + SESSION_IDLE_TIMEOUT <= now:
        await end_session(session, token)
        return None
    agent = await session.get(Agent, record.agent_id, populate_existing=True)
    if agent is None or agent.disabled:
        return None
    if now - last_seen >= SESSION_TOUCH_INTERVAL:
        await session.exec(
            update(AgentSession)
            .where(col(AgentSession.id) == record.id)
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )
        await session.commit()
    return agent


async def end_session(session: AsyncSession, token: str) -> None:
    await session.exec(delete(AgentSession).where(col(AgentSession.id) == token_digest(token)))
    await session.commit()


async def set_presence(session: AsyncSession, agent: Agent, presence: Presence) -> Agent:
    agent.presence = presence
    agent.presence_at = utc_now()
    session.add(agent)
    await session.commit()
    return agent


async def tenant_agents(session: AsyncSession, tenant_id: str) -> list[Agent]:
    statement = (
        select(Agent)
        .where(Agent.tenant_id == tenant_id, col(Agent.disabled).is_(False))
        .order_by(col(Agent.display_name))
    )
    return list((await session.exec(statement)).all())


def csrf_token(secret_key: str, session_token: str) -> str:
    return keyed_hash(secret_key, "agent-csrf", session_token)


def visible_queues(agent: Agent) -> frozenset[str] | None:
    """The queues whose chats the agent sees; None means every queue."""
    if agent.role in _ALL_QUEUE_ROLES or ALL_QUEUES in agent.queues:
        return None
    if agent.role == AgentRole.TRAINER:
        return frozenset()
    return frozenset(agent.queues)


def can_see(agent: Agent, queue: str) -> bool:
    queues = visible_queues(agent)
    return queues is None or queue in queues


def oversees(agent: Agent) -> bool:
    """Supervisors and admins may act on chats other agents own."""
    return agent.role in _ALL_QUEUE_ROLES
