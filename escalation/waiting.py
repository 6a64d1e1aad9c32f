"""Where a waiting user stands: their place in the queue and an estimated wait.

The estimate is the queue's average wait until a claim over its last claims (a default
without history), times the place in the queue, divided by the online agents who can take
the chat; with nobody online there is no estimate.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation import handoffs
from escalation.models import Agent, Handoff, HandoffStatus
from escalation.offline import able_agents, online_agents

# Expected wait per place in the queue when the queue has no recent history.
DEFAULT_WAIT_PER_PLACE = timedelta(minutes=5)
RECENT_CLAIMS = 20


def _frame(place: int | None, agents: int, per_place: timedelta) -> dict[str, Any]:
    estimate = per_place * place / agents if agents and place else None
    return {
        "type": "queue",
        "position": place,
        "estimated_wait_seconds": round(estimate.total_seconds()) if estimate else None,
        "agents_online": agents,
    }


async def position_updates(
    session: AsyncSession, *, tenant_id: str, queue: str
) -> list[tuple[str, dict[str, Any]]]:
    """A `queue` frame for every conversation waiting in `queue`."""
    waiting = await handoffs.waiting_in_queue(session, tenant_id=tenant_id, queue=queue)
    if not waiting:
        return []
    online = await online_agents(session, tenant_id)
    per_place = await recent_wait(session, tenant_id, queue)
    return [
        (
            handoff.conversation_id,
            _frame(
                place, len(able_agents(online, queue=queue, language=handoff.language)), per_place
            ),
        )
        for place, handoff in enumerate(waiting, start=1)
    ]


async def wait_status(session: AsyncSession, conversation_id: str) -> dict[str, Any] | None:
    """Whether the conversation waits for a person (and where) or has one; None if neither."""
    handoff = await handoffs.open_handoff(session, conversation_id)
    if handoff is None:
        return None
    if handoff.status == HandoffStatus.ACTIVE:
        agent = await session.get(Agent, handoff.agent_id) if handoff.agent_id else None
        return {"type": "queue", "status": "active", "agent": agent.display_name if agent else None}
    waiting = await handoffs.waiting_in_queue(
        session, tenant_id=handoff.tenant_id, queue=handoff.queue
    )
    online = await online_agents(session, handoff.tenant_id)
    per_place = await recent_wait(session, handoff.tenant_id, handoff.queue)
    place = next((n for n, h in enumerate(waiting, start=1) if h.id == handoff.id), None)
    agents = len(able_agents(online, queue=handoff.queue, language=handoff.language))
    return {**_frame(place, agents, per_place), "status": "waiting"}


async def recent_wait(session: AsyncSession, tenant_id: str, queue: str) -> timedelta:
    """The average wait until an agent took a chat, over the queue's last claims."""
    statement = (
        select(Handoff.created_at, Handoff.claimed_at)
        .where(
            Handoff.tenant_id == tenant_id,
            Handoff.queue == queue,
            col(Handoff.claimed_at).is_not(None),
        )
        .order_by(col(Handoff.claimed_at).desc())
        .limit(RECENT_CLAIMS)
    )
    waits = [
        claimed - created
        for created, claimed in (await session.exec(statement)).all()
        if claimed is not None and claimed >= created
    ]
    if not waits:
        return DEFAULT_WAIT_PER_PLACE
    return sum(waits, timedelta()) / len(waits)
