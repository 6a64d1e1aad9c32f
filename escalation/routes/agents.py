"""The agent's own presence, colleagues (for transfers), queues and canned responses."""

from __future__ import annotations

from fastapi import APIRouter, Request

from escalation import handoffs
from escalation.agent_schemas import (
    AgentPublic,
    AgentSummary,
    CannedResponsePublic,
    PresenceUpdate,
    QueuePublic,
)
from escalation.agents import can_see, set_presence, tenant_agents
from escalation.config.models import LotseConfig
from escalation.db import Database
from escalation.deps import ActingAgent, CurrentAgent
from escalation.models import Presence

router = APIRouter(prefix="/api/v1", tags=["agents"])


@router.post("/agents/me/presence", response_model=AgentPublic)
async def update_presence(
    body: PresenceUpdate, agent: ActingAgent, request: Request
) -> AgentPublic:
    database: Database = request.app.state.database
    async with database.session() as session:
        updated = await set_presence(session, agent, Presence(body.presence))
    return AgentPublic.of(updated)


@router.get("/agents", response_model=list[AgentSummary])
async def list_agents(agent: CurrentAgent, request: Request) -> list[AgentSummary]:
    database: Database = request.app.state.database
    async with database.session() as session:
        agents = await tenant_agents(session, agent.tenant_id)
    return [AgentSummary.of(colleague) for colleague in agents]


@router.get("/queues", response_model=list[QueuePublic])
async def list_queues(agent: CurrentAgent, request: Request) -> list[QueuePublic]:
    config: LotseConfig = request.app.state.config
    database: Database = request.app.state.database
    queues = config.tenant(agent.tenant_id).escalation.queues
    result = []
    async with database.session() as session:
        for name, queue in queues.items():
            if not can_see(agent, name):
                continue
            waiting = await handoffs.waiting_in_queue(
                session, tenant_id=agent.tenant_id, queue=name
            )
            result.append(
                QueuePublic(
                    name=name,
                    label=dict(queue.label),
                    languages=list(queue.languages),
                    waiting=len(waiting),
                )
            )
    return result


@router.get("/canned-responses", response_model=list[CannedResponsePublic])
async def canned_responses(agent: CurrentAgent, request: Request) -> list[CannedResponsePublic]:
    config: LotseConfig = request.app.state.config
    return [
        CannedResponsePublic(
            id=response.id,
            language=language,
            title=response.title.get(language, text[:60]),
            text=text,
        )
        for response in config.tenant(agent.tenant_id).escalation.canned_responses
        for language, text in response.text.items()
    ]
