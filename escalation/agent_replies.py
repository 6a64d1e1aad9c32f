"""What agents write into a conversation (replies, notes) and the contacts users leave for a
callback: redacted like users' messages, with the conversation's placeholder numbers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from escalation import handoffs
from escalation.db import Database
from escalation.errors import Conflict, NotFound
from escalation.logging import log_event
from escalation.models import Agent, Conversation, HandoffStatus, Message, Role
from escalation.redaction import ConversationRedaction
from escalation.store import (
    DuplicateClientMessage,
    MessageDraft,
    append_messages,
    find_client_message,
    get_conversation,
)
from escalation.text import InvalidMessage, clean_message_text
from nlu.language import Language, parse_language

logger = logging.getLogger(__name__)

CONTACT_TYPES = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS"})
MAX_CONTACT_CHARS = 200

Notify = Callable[[str, list[Message]], Awaitable[None]]


class AgentReplies:
    def __init__(
        self,
        *,
        database: Database,
        redaction: ConversationRedaction,
        max_message_chars: int,
        default_language: Language,
        notify: Notify,
    ) -> None:
        self.database = database
        self.redaction = redaction
        self.max_message_chars = max_message_chars
        self._default_language = default_language
        self._notify = notify

    def _language(self, conversation: Conversation) -> Language:
        return parse_language(conversation.language) or self._default_language

    async def reply(
        self, conversation_id: str, *, agent: Agent, text: str, client_message_id: str | None
    ) -> Message:
        """An agent's reply, for the agent who owns the conversation's active handoff only."""
        text = clean_message_text(text, max_chars=self.max_message_chars)
        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
            if conversation is None:
                raise NotFound("conversation_not_found", "No such conversation.")
            if client_message_id:
                earlier = await find_client_message(session, conversation_id, client_message_id)
                if earlier is not None:
                    return earlier
        language = self._language(conversation)
        # The agent's own name is what the user was told ("Anna from IT support has joined").
        own_name = set(agent.display_name.casefold().split())
        detected = [
            item
            for item in await self.redaction.detect(text, language)
            if not (item.type == "PERSON" and set(item.value.casefold().split()) <= own_name)
        ]
        async with self.database.session() as session:
            handoff = await handoffs.open_handoff(session, conversation_id)
            if (
                handoff is None
                or handoff.status != HandoffStatus.ACTIVE
                or handoff.agent_id != agent.id
            ):
                raise Conflict("not_owner", "Only the agent who owns this chat may reply.")
            redaction = await self.redaction.apply(session, conversation, text, detected)
            await handoffs.mark_first_response(session, handoff.id)
            draft = MessageDraft(
                role=Role.AGENT,
                text=redaction.text,
                client_message_id=client_message_id,
                language=language,
            )
            try:
                (message,) = await append_messages(session, conversation, [draft])
            except DuplicateClientMessage:
                assert client_message_id is not None
                earlier = await find_client_message(session, conversation_id, client_message_id)
                if earlier is None:
                    raise
                return earlier
        await self._notify(conversation_id, [message])
        log_event(
            logger,
            "agent.replied",
            conversation_id=conversation_id,
            seq=message.seq,
            chars=len(redaction.text),
            redacted=len(redaction.entities),
        )
        return message

    async def redact_note(self, conversation_id: str, text: str, language: Language) -> str:
        """An internal note, redacted with the conversation's placeholder numbers."""
        text = clean_message_text(text, max_chars=self.max_message_chars)
        detected = await self.redaction.detect(text, language)
        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
            if conversation is None:
                raise NotFound("conversation_not_found", "No such conversation.")
            redaction = await self.redaction.apply(session, conversation, text, detected)
            await session.commit()
        return redaction.text

    async def seal_contact(self, conversation: Conversation, text: str) -> str:
        """A callback contact (phone number or e-mail address) kept encrypted in the vault
        for the retention period; returns its placeholder, e.g. "<PHONE_NUMBER_2>"."""
        text = clean_message_text(text, max_chars=MAX_CONTACT_CHARS)
        if self.redaction.retention <= timedelta(0):
            raise Conflict(
                "callback_unavailable", "This service keeps no contact data; write here instead."
            )
        detected = await self.redaction.detect(text, self._language(conversation))
        contacts = [item for item in detected if item.type in CONTACT_TYPES][:1]
        if not contacts:
            raise InvalidMessage(
                "invalid_contact", "Give a phone number or an e-mail address for the callback."
            )
        async with self.database.session() as session:
            redaction = await self.redaction.apply(session, conversation, text, contacts)
        start = contacts[0].start
        return redaction.text[start : redaction.text.index(">", start) + 1]
