"""Who can answer a handoff now, and what the user is told while they wait.

Open with an agent online for the queue and language: "an agent will reply here". Closed:
when the desk opens again. Open but nobody online: by when the first answer is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation import catalogue
from escalation.agents import can_see
from escalation.business_time import is_open, next_opening
from escalation.config.models import TenantConfig
from escalation.models import Agent, AgentRole, Presence
from nlu.language import Language


async def online_agents(session: AsyncSession, tenant_id: str) -> list[Agent]:
    statement = select(Agent).where(
        Agent.tenant_id == tenant_id,
        Agent.presence == Presence.ONLINE,
        col(Agent.disabled).is_(False),
        Agent.role != AgentRole.TRAINER,
    )
    return list((await session.exec(statement)).all())


def able_agents(agents: Sequence[Agent], *, queue: str, language: str) -> list[Agent]:
    return [agent for agent in agents if can_see(agent, queue) and language in agent.languages]


async def availability_notice(
    session: AsyncSession,
    *,
    tenant: TenantConfig,
    tenant_id: str,
    queue: str,
    language: Language,
    now: datetime,
    due: datetime,
) -> tuple[str, bool]:
    """What to tell the user, and whether nobody can answer now (closed, or nobody online:
    then the user may leave a contact for a callback). `due`: the first answer's deadline."""
    hours = tenant.escalation.business_hours_calendar
    if not is_open(now, hours):
        opening = next_opening(now, hours)
        if opening is not None:
            desk_hours = tenant.service.desk_hours.get(language, "")
            text = catalogue.text("handoff_closed", language)
            if not desk_hours:
                text = text.replace(" ({hours})", "")
            when = format_moment(opening, tenant, language, now)
            return text.format(hours=desk_hours, when=when), True
    agents = able_agents(await online_agents(session, tenant_id), queue=queue, language=language)
    if agents:
        return catalogue.text("handoff_waiting", language), False
    when = format_moment(due, tenant, language, now)
    return catalogue.text("handoff_no_agent", language).format(when=when), True


def format_moment(moment: datetime, tenant: TenantConfig, language: Language, now: datetime) -> str:
    """'today at 08:00', 'tomorrow at 08:00' or 'Monday 23/11 at 08:00' in the desk's zone."""
    zone = tenant.escalation.business_hours_calendar.timezone
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    clock = local.strftime("%H:%M")
    if days <= 0:
        return catalogue.text("moment_today", language).format(time=clock)
    if days == 1:
        return catalogue.text("moment_tomorrow", language).format(time=clock)
    weekdays = catalogue.text("weekdays", language).split(",")
    return catalogue.text("moment_later", language).format(
        weekday=weekdays[local.weekday()],
        day=f"{local.day:02d}",
        month=f"{local.month:02d}",
        time=clock,
    )
