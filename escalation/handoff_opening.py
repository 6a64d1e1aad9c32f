"""Opening a handoff inside a turn's transaction: route it, store it, word the notice.

The chat service calls this with the session that then stores the notice, so the handoff,
the conversation's new owner and the message that tells the user commit together.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from escalation import catalogue, handoffs
from escalation.bot_domain import response_text
from escalation.config.models import TenantConfig
from escalation.handoff import HandoffDecision
from escalation.models import Conversation, Handoff, Owner, Role, utc_now
from escalation.offline import availability_notice
from escalation.store import MessageDraft
from escalation.triage import route
from nlu.language import Language


@dataclass(frozen=True)
class Opening:
    handoff: Handoff | None  # None: the conversation had an open handoff already
    notice: MessageDraft  # tells the user what happens now
    conversation_changes: dict[str, object]


async def open_handoff(
    session: AsyncSession,
    *,
    conversation: Conversation,
    decision: HandoffDecision,
    language: Language,
    tenant: TenantConfig,
) -> Opening:
    """Routes the handoff and adds it to `session` (uncommitted: it goes with the notice)."""
    existing = await handoffs.open_handoff(session, conversation.id)
    if existing is not None:
        notice = MessageDraft(
            role=Role.SYSTEM,
            text=catalogue.text("handoff_waiting", language),
            custom={"event": "handoff", "queue": existing.queue, "priority": existing.priority},
            language=language,
        )
        return Opening(None, notice, {"owner": Owner.HUMAN})
    now = utc_now()
    routing = route(
        decision,
        user_messages=await handoffs.user_messages_since_last_handoff(session, conversation.id),
        language=language,
        config=tenant.escalation,
        now=now,
        step_text=response_text,
    )
    handoff = handoffs.new_handoff(
        tenant_id=conversation.tenant_id,
        conversation_id=conversation.id,
        queue=routing.queue,
        priority=routing.priority,
        language=language,
        reason=decision.reason,
        category=routing.category,
        triage=routing.card,
        created_at=now,
        sla_due_at=routing.sla_due_at,
    )
    session.add(handoff)
    text, offline = await availability_notice(
        session,
        tenant=tenant,
        tenant_id=conversation.tenant_id,
        queue=routing.queue,
        language=language,
        now=now,
        due=routing.sla_due_at,
    )
    notice = MessageDraft(
        role=Role.SYSTEM,
        text=text,
        custom={
            "event": "handoff",
            "queue": routing.queue,
            "priority": routing.priority,
            # Nobody can answer now: the user may leave a contact for a callback.
            "offline": offline,
        },
        language=language,
    )
    changes: dict[str, object] = {
        "owner": Owner.HUMAN,
        "handoff_reason": decision.reason,
        "handoff_queue": routing.queue,
        "handoff_priority": routing.priority,
        "handoff_at": now,
    }
    return Opening(handoff, notice, changes)
