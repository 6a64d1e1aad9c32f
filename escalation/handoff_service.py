"""What agents do with handoffs, and who hears about it.

Each change is one transaction: the handoff's new state, the conversation's changes and the
system message that tells the user. After it commits, consoles get a `handoff` event on the
tenant's console topic and waiting users their new place in the queue.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation import catalogue, handoffs, waiting
from escalation.agent_replies import AgentReplies
from escalation.agent_schemas import HandoffPublic, NotePublic
from escalation.agents import can_see, oversees, visible_queues
from escalation.bus import EventBus, console_topic, conversation_topic
from escalation.chat import ChatService
from escalation.config.models import LotseConfig
from escalation.db import Database
from escalation.errors import Conflict, Gone, NotFound
from escalation.logging import log_event
from escalation.models import (
    OPEN_HANDOFF_STATUSES,
    Agent,
    Conversation,
    Handoff,
    HandoffStatus,
    Message,
    Owner,
    Role,
    utc_now,
)
from escalation.security import is_uuid
from escalation.store import MessageDraft, append_messages, get_conversation
from nlu.language import Language, parse_language
from pii.vault import EntryExpired, VaultError, reveal

logger = logging.getLogger(__name__)

STATUS_FILTERS = {
    "waiting": (HandoffStatus.WAITING,),
    "active": (HandoffStatus.ACTIVE,),
    "resolved": (HandoffStatus.RESOLVED, HandoffStatus.RELEASED, HandoffStatus.CANCELLED),
    None: OPEN_HANDOFF_STATUSES,
}


class HandoffService:
    def __init__(
        self,
        *,
        database: Database,
        bus: EventBus,
        chat: ChatService,
        replies: AgentReplies,
        config: LotseConfig,
    ) -> None:
        self.database = database
        self.bus = bus
        self.chat = chat
        self.replies = replies
        self.config = config
        chat.on_handoff_opened = self.announce

    # -- reading ----------------------------------------------------------------------------

    async def list_for(self, agent: Agent, status: str | None) -> list[HandoffPublic]:
        async with self.database.session() as session:
            found = await handoffs.list_handoffs(
                session,
                tenant_id=agent.tenant_id,
                statuses=STATUS_FILTERS[status],
                queues=visible_queues(agent),
                now=utc_now(),
            )
            return await self._public_many(session, found)

    async def visible(self, agent: Agent, handoff_id: str) -> Handoff:
        """The handoff if the agent may see it; any other id is 404 (no hint it exists)."""
        handoff = None
        if is_uuid(handoff_id):
            async with self.database.session() as session:
                handoff = await handoffs.get_handoff(session, handoff_id)
        return _seen_by(agent, handoff, NotFound("handoff_not_found", "No such handoff."))

    async def visible_conversation(self, agent: Agent, conversation_id: str) -> Handoff:
        """The conversation's latest handoff, if the agent may see it (else 404)."""
        handoff = None
        if is_uuid(conversation_id):
            async with self.database.session() as session:
                handoff = await handoffs.latest_handoff(session, conversation_id)
        return _seen_by(agent, handoff, NotFound("conversation_not_found", "No such conversation."))

    async def public(self, handoff: Handoff) -> HandoffPublic:
        async with self.database.session() as session:
            (public,) = await self._public_many(session, [handoff])
        return public

    async def _public_many(
        self, session: AsyncSession, found: Sequence[Handoff]
    ) -> list[HandoffPublic]:
        agent_ids = {handoff.agent_id for handoff in found if handoff.agent_id}
        agents: dict[str, Agent] = {}
        if agent_ids:
            statement = select(Agent).where(col(Agent.id).in_(agent_ids))
            agents = {agent.id: agent for agent in (await session.exec(statement)).all()}
        positions: dict[str, int] = {}
        for tenant_id, queue in {
            (h.tenant_id, h.queue) for h in found if h.status == HandoffStatus.WAITING
        }:
            queued = await handoffs.waiting_in_queue(session, tenant_id=tenant_id, queue=queue)
            positions.update({h.id: place for place, h in enumerate(queued, start=1)})
        return [
            HandoffPublic.of(
                handoff,
                agent=agents.get(handoff.agent_id) if handoff.agent_id else None,
                position=positions.get(handoff.id),
            )
            for handoff in found
        ]

    # -- changing ---------------------------------------------------------------------------

    async def claim(self, agent: Agent, handoff_id: str) -> HandoffPublic:
        handoff = await self.visible(agent, handoff_id)
        self._check_takes_chats(agent)
        if handoff.status != HandoffStatus.WAITING:
            raise Conflict("already_claimed", "Another agent has taken this chat.")
        async with self.database.session() as session:
            claimed = await handoffs.claim(session, handoff, agent, commit=False)
            stored = await self._joined(session, claimed, agent)
        return await self._after_claim(claimed, agent, stored)

    async def take_next(self, agent: Agent) -> HandoffPublic | None:
        self._check_takes_chats(agent)
        async with self.database.session() as session:
            taken = await handoffs.take_next(
                session,
                agent,
                queues=visible_queues(agent),
                languages=agent.languages,
                commit=False,
            )
            if taken is None:
                return None
            stored = await self._joined(session, taken, agent)
        return await self._after_claim(taken, agent, stored)

    async def _after_claim(
        self, handoff: Handoff, agent: Agent, stored: list[Message]
    ) -> HandoffPublic:
        log_event(logger, "handoff.claimed", handoff_id=handoff.id, agent_id=agent.id)
        await self.chat.notify(handoff.conversation_id, stored)
        await self.announce(handoff)
        return await self.public(handoff)

    async def transfer(
        self, agent: Agent, handoff_id: str, *, queue: str | None, agent_id: str | None
    ) -> HandoffPublic:
        handoff = await self.visible(agent, handoff_id)
        self._check_may_act(agent, handoff, allow_waiting=True)
        queues = self.config.tenant(handoff.tenant_id).escalation.queues
        old_queue = handoff.queue
        async with self.database.session() as session:
            if queue is not None:
                if queue not in queues:
                    raise NotFound("queue_not_found", "No such queue.")
                handoff = await handoffs.transfer_to_queue(session, handoff, queue, commit=False)
                stored = await self._notice(
                    session,
                    handoff,
                    "handoff_transferred",
                    custom={"event": "transferred"},
                    changes={"handoff_queue": queue},
                )
            else:
                target = await session.get(Agent, agent_id) if is_uuid(agent_id or "") else None
                if (
                    target is None
                    or target.tenant_id != agent.tenant_id
                    or target.disabled
                    or not can_see(target, handoff.queue)
                ):
                    raise NotFound("agent_not_found", "No such agent for this queue.")
                handoff = await handoffs.transfer_to_agent(session, handoff, target, commit=False)
                # The user now talks to the new agent.
                stored = await self._joined(session, handoff, target)
        log_event(logger, "handoff.transferred", handoff_id=handoff.id, queue=handoff.queue)
        await self.chat.notify(handoff.conversation_id, stored)
        await self.announce(handoff, also_queue=old_queue)
        return await self.public(handoff)

    async def resolve(self, agent: Agent, handoff_id: str, resolution_code: str) -> HandoffPublic:
        return await self._close(
            agent, handoff_id, HandoffStatus.RESOLVED, "handoff_resolved", resolution_code
        )

    async def release(self, agent: Agent, handoff_id: str) -> HandoffPublic:
        return await self._close(agent, handoff_id, HandoffStatus.RELEASED, "handoff_released")

    async def cancel_by_user(self, conversation: Conversation) -> None:
        """The user stops waiting: only a waiting handoff can be cancelled."""
        async with self.database.session() as session:
            handoff = await handoffs.open_handoff(session, conversation.id)
        if handoff is None or handoff.status != HandoffStatus.WAITING:
            raise Conflict("not_waiting", "This conversation is not waiting for an agent.")
        await self._close_handoff(handoff, HandoffStatus.CANCELLED, "handoff_cancelled", None)

    async def _close(
        self,
        agent: Agent,
        handoff_id: str,
        status: HandoffStatus,
        text_key: str,
        resolution_code: str | None = None,
    ) -> HandoffPublic:
        handoff = await self.visible(agent, handoff_id)
        self._check_may_act(agent, handoff, allow_waiting=oversees(agent))
        closed = await self._close_handoff(handoff, status, text_key, resolution_code)
        log_event(logger, "handoff.closed", handoff_id=handoff.id, status=status, agent_id=agent.id)
        return await self.public(closed)

    async def _close_handoff(
        self,
        handoff: Handoff,
        status: HandoffStatus,
        text_key: str,
        resolution_code: str | None,
    ) -> Handoff:
        """Ends the handoff and gives the conversation back to the bot."""
        async with self.database.session() as session:
            closed = await handoffs.close(
                session, handoff, status=status, resolution_code=resolution_code, commit=False
            )
            stored = await self._notice(
                session,
                closed,
                text_key,
                custom={"event": f"handoff_{status}"},
                changes={
                    "owner": Owner.BOT,
                    "handoff_reason": None,
                    "handoff_queue": None,
                    "handoff_priority": None,
                    "handoff_at": None,
                },
            )
        await self.chat.notify(handoff.conversation_id, stored)
        await self.announce(closed)
        return closed

    async def _joined(self, session: AsyncSession, handoff: Handoff, agent: Agent) -> list[Message]:
        return await self._notice(
            session,
            handoff,
            "agent_joined",
            custom={"event": "agent_joined", "display_name": agent.display_name},
            name=agent.display_name,
        )

    async def _notice(
        self,
        session: AsyncSession,
        handoff: Handoff,
        text_key: str,
        *,
        custom: dict[str, Any],
        changes: dict[str, Any] | None = None,
        **values: str,
    ) -> list[Message]:
        """Stores the system message that tells the user what happened, with the
        conversation's `changes`, and commits `session`: the handoff's change made in it
        lands together with the message, or neither does."""
        conversation = await get_conversation(session, handoff.conversation_id)
        assert conversation is not None  # a handoff's conversation is never deleted
        language = _language(handoff)
        draft = MessageDraft(
            role=Role.SYSTEM,
            text=catalogue.text(text_key, language).format(**values),
            custom=custom,
            language=language,
        )
        return await append_messages(session, conversation, [draft], **(changes or {}))

    def _check_takes_chats(self, agent: Agent) -> None:
        if not agent.languages:
            raise Conflict("no_languages", "Your account has no languages to take chats in.")

    def _check_may_act(self, agent: Agent, handoff: Handoff, *, allow_waiting: bool) -> None:
        if handoff.status == HandoffStatus.ACTIVE and (
            handoff.agent_id == agent.id or oversees(agent)
        ):
            return
        if handoff.status == HandoffStatus.WAITING and allow_waiting:
            return
        raise Conflict("not_owner", "Only the agent who owns this chat may do that.")

    # -- callbacks and personal data ------------------------------------------------------------

    async def request_callback(self, conversation: Conversation, contact: str) -> None:
        """The user leaves a phone number or e-mail address while waiting: it is kept
        encrypted (the triage card shows only its placeholder) and the handoff becomes an
        offline ticket that agents see."""
        async with self.database.session() as session:
            handoff = await handoffs.open_handoff(session, conversation.id)
        if handoff is None or handoff.status != HandoffStatus.WAITING:
            raise Conflict("not_waiting", "This conversation is not waiting for an agent.")
        placeholder = await self.replies.seal_contact(conversation, contact)
        callback = {"contact": placeholder, "requested_at": utc_now().isoformat()}
        triage = {**handoff.triage, "callback": callback}
        async with self.database.session() as session:
            await session.exec(
                update(Handoff)
                .where(col(Handoff.id) == handoff.id)
                .values(triage=triage)
                .execution_options(synchronize_session=False)
            )
            stored = await self._notice(
                session, handoff, "callback_saved", custom={"event": "callback_requested"}
            )
        handoff.triage = triage
        log_event(logger, "handoff.callback_requested", handoff_id=handoff.id)
        await self.chat.notify(handoff.conversation_id, stored)
        await self.announce(handoff)

    async def reveal(
        self, agent: Agent, handoff_id: str, placeholder: str, reason: str | None
    ) -> str:
        """The original behind a placeholder of the chat, for its owner or a supervisor;
        every attempt is in the audit log (pii.vault.reveal)."""
        handoff = await self.visible(agent, handoff_id)
        self._check_may_act(agent, handoff, allow_waiting=oversees(agent))
        async with self.database.session() as session:
            try:
                return await reveal(
                    session,
                    tenant_id=handoff.tenant_id,
                    conversation_id=handoff.conversation_id,
                    placeholder_text=placeholder,
                    actor=f"agent:{agent.id}",
                    keys=self.replies.redaction.keys,
                    reason=reason,
                )
            except EntryExpired as error:
                raise Gone("expired", "The original has expired and was deleted.") from error
            except VaultError as error:
                raise NotFound("not_kept", "No original is kept for that placeholder.") from error

    # -- notes --------------------------------------------------------------------------------

    async def add_note(self, agent: Agent, handoff_id: str, text: str) -> NotePublic:
        handoff = await self.visible(agent, handoff_id)
        redacted = await self.replies.redact_note(handoff.conversation_id, text, _language(handoff))
        async with self.database.session() as session:
            note = await handoffs.add_note(session, handoff, agent, redacted)
        public = NotePublic.of(note, agent)
        await self.bus.publish(
            console_topic(handoff.tenant_id),
            {
                "type": "note",
                "handoff_id": handoff.id,
                "queue": handoff.queue,
                "note": public.model_dump(mode="json"),
            },
        )
        return public

    async def notes(self, agent: Agent, handoff_id: str) -> list[NotePublic]:
        handoff = await self.visible(agent, handoff_id)
        async with self.database.session() as session:
            notes = await handoffs.notes_of(session, handoff.id)
            ids = {note.agent_id for note in notes}
            statement = select(Agent).where(col(Agent.id).in_(ids))
            authors = {author.id: author for author in (await session.exec(statement)).all()}
        return [NotePublic.of(note, authors[note.agent_id]) for note in notes]

    # -- events -------------------------------------------------------------------------------

    async def announce(self, handoff: Handoff, *, also_queue: str | None = None) -> None:
        """Tells consoles about the handoff, and every user waiting in its queue (and in
        `also_queue`, which it left) their place."""
        public = await self.public(handoff)
        left = [also_queue] if also_queue and also_queue != handoff.queue else []
        await self.bus.publish(
            console_topic(handoff.tenant_id),
            {"type": "handoff", "handoff": public.model_dump(mode="json"), "left_queues": left},
        )
        for queue in {handoff.queue, also_queue} - {None}:
            assert queue is not None
            await self._publish_positions(handoff.tenant_id, queue)

    async def _publish_positions(self, tenant_id: str, queue: str) -> None:
        async with self.database.session() as session:
            updates = await waiting.position_updates(session, tenant_id=tenant_id, queue=queue)
        for conversation_id, frame in updates:
            await self.bus.publish(conversation_topic(conversation_id), frame)

    async def queue_status(self, conversation_id: str) -> dict[str, Any] | None:
        """For the widget on (re)connect: where the user's handoff stands, or None."""
        async with self.database.session() as session:
            return await waiting.wait_status(session, conversation_id)


def _seen_by(agent: Agent, handoff: Handoff | None, not_found: NotFound) -> Handoff:
    if handoff is None or handoff.tenant_id != agent.tenant_id or not can_see(agent, handoff.queue):
        raise not_found
    return handoff


def _language(handoff: Handoff) -> Language:
    language = parse_language(handoff.language)
    assert language is not None, handoff.language
    return language
