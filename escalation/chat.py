"""The switchboard's handling of a user message (ARCHITECTURE.md, "owns every conversation").

validate → detect the language → redact → store the redacted message → bot turn (if the bot
owns the conversation) or nothing (a human owns it) → store the replies → notify clients.
If Rasa fails, the user gets an apology in their language, the message stays stored, and the
conversation is marked for a human.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from escalation import catalogue
from escalation.bus import EventBus, conversation_topic
from escalation.db import Database
from escalation.errors import Forbidden, NotFound
from escalation.logging import log_event
from escalation.models import Conversation, Message, Owner, Role, utc_now
from escalation.rasa_client import BotReply, BotUnavailable, RasaClient
from escalation.schemas import MessagePublic
from escalation.security import keyed_hash, new_token, token_digest, token_matches
from escalation.store import (
    DuplicateClientMessage,
    MessageDraft,
    append_messages,
    create_conversation,
    find_client_message,
    find_sender_conversation,
    get_conversation,
    replies_to,
)
from escalation.text import InvalidMessage, clean_message_text
from nlu.language import Language, LanguageDetector, parse_language
from pii import redact

logger = logging.getLogger(__name__)

# Quick-reply payloads may only trigger an intent: no entities, which could carry data.
_PAYLOAD = re.compile(r"^/[A-Za-z_][A-Za-z0-9_]{0,99}$")
DEFAULT_QUEUE = "general"
DEFAULT_PRIORITY = "P3"


@dataclass(frozen=True)
class Handoff:
    reason: str
    queue: str = DEFAULT_QUEUE
    priority: str = DEFAULT_PRIORITY

    def public_event(self) -> dict[str, Any]:
        return {"event": "handoff", "queue": self.queue, "priority": self.priority}


class ChatService:
    def __init__(
        self,
        *,
        database: Database,
        rasa: RasaClient,
        bus: EventBus,
        detector: LanguageDetector,
        secret_key: str,
        max_message_chars: int,
    ) -> None:
        self.database = database
        self.rasa = rasa
        self.bus = bus
        self.detector = detector
        self._secret_key = secret_key
        self.max_message_chars = max_message_chars

    # -- conversations --------------------------------------------------------------------

    def initial_language(self, locale: str | None) -> Language:
        return parse_language(locale) or self.detector.default_language

    async def start_widget_conversation(self, *, locale: str | None) -> tuple[Conversation, str]:
        """Creates a conversation; returns it with its token (shown to the client once)."""
        token = new_token()
        async with self.database.session() as session:
            conversation = await create_conversation(
                session,
                channel="widget",
                language=self.initial_language(locale),
                locale=locale,
                token_hash=token_digest(token),
            )
        log_event(logger, "conversation.created", conversation_id=conversation.id, channel="widget")
        return conversation, token

    async def authorize(self, conversation_id: str, token: str) -> Conversation:
        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
        if conversation is None:
            raise NotFound("conversation_not_found", "No such conversation.")
        if not token_matches(token, conversation.token_hash):
            raise Forbidden("forbidden", "This token does not grant access to the conversation.")
        return conversation

    async def sender_conversation(
        self, *, client_id: str, sender: str, locale: str | None
    ) -> Conversation:
        """The REST channel's conversation for (client, sender), created on first contact."""
        sender_hash = keyed_hash(self._secret_key, "rest-sender", client_id, sender)
        async with self.database.session() as session:
            found = await find_sender_conversation(
                session, client_id=client_id, sender_hash=sender_hash
            )
            if found is not None:
                return found
            conversation = await create_conversation(
                session,
                channel="rest",
                language=self.initial_language(locale),
                locale=locale,
                client_id=client_id,
                sender_hash=sender_hash,
            )
        log_event(logger, "conversation.created", conversation_id=conversation.id, channel="rest")
        return conversation

    async def messages_after(self, conversation_id: str, after: int) -> list[Message]:
        from escalation.store import messages_after

        async with self.database.session() as session:
            return await messages_after(session, conversation_id, after)

    # -- turns ----------------------------------------------------------------------------

    async def handle_user_message(
        self,
        conversation_id: str,
        *,
        text: str,
        payload: str | None = None,
        client_message_id: str | None = None,
    ) -> list[Message]:
        """Runs the whole pipeline for one user message; returns it and its replies."""
        started = time.perf_counter()
        text = clean_message_text(text, max_chars=self.max_message_chars)
        if payload is not None and not _PAYLOAD.match(payload):
            raise InvalidMessage("invalid_payload", "A quick-reply payload must look like /intent.")

        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
            if conversation is None:
                raise NotFound("conversation_not_found", "No such conversation.")
            if client_message_id:
                earlier = await find_client_message(session, conversation_id, client_message_id)
                if earlier is not None:
                    return [earlier, *await replies_to(session, earlier)]

            detection = self.detector.detect(
                text,
                previous_language=parse_language(conversation.language),
                locale=conversation.locale,
            )
            language = detection.language
            redaction = redact(text, language=language)
            user_draft = MessageDraft(
                role=Role.USER,
                text=redaction.text,
                client_message_id=client_message_id,
                language=language,
                language_confidence=detection.confidence,
            )
            try:
                (user_message,) = await append_messages(
                    session, conversation, [user_draft], language=language
                )
            except DuplicateClientMessage:
                assert client_message_id is not None
                earlier = await find_client_message(session, conversation_id, client_message_id)
                if earlier is None:
                    raise
                return [earlier, *await replies_to(session, earlier)]
        await self._notify(conversation_id, [user_message])

        drafts: list[MessageDraft] = []
        if redaction.removed_credentials:
            drafts.append(self._system(catalogue.text("credential_removed", language), language))
        handoff: Handoff | None = None
        bot_outcome = "human_owned"
        bot_seconds = 0.0
        if conversation.owner == Owner.BOT:
            await self._typing(conversation_id, active=True)
            bot_started = time.perf_counter()
            replies, handoff, bot_outcome = await self._bot_turn(
                conversation, user_message, payload or redaction.text, language
            )
            bot_seconds = time.perf_counter() - bot_started
            drafts.extend(self._bot_draft(reply, language) for reply in replies)
        if handoff is not None:
            drafts.append(
                MessageDraft(
                    role=Role.SYSTEM,
                    text=catalogue.text("handoff_waiting", language),
                    custom=handoff.public_event(),
                    language=language,
                )
            )
        stored: list[Message] = []
        if drafts:
            changes: dict[str, Any] = {}
            if handoff is not None:
                changes = {
                    "owner": Owner.HUMAN,
                    "handoff_reason": handoff.reason,
                    "handoff_queue": handoff.queue,
                    "handoff_priority": handoff.priority,
                    "handoff_at": utc_now(),
                }
            async with self.database.session() as session:
                stored = await append_messages(session, conversation, drafts, **changes)
            await self._notify(conversation_id, stored)
        if conversation.owner == Owner.BOT:
            await self._typing(conversation_id, active=False)
        log_event(
            logger,
            "turn.handled",
            conversation_id=conversation_id,
            seq=user_message.seq,
            chars=len(text),
            language=language,
            language_confidence=detection.confidence,
            redacted=len(redaction.entities),
            bot=bot_outcome,
            handoff=handoff.reason if handoff else None,
            replies=len(stored),
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
            bot_ms=round(bot_seconds * 1000, 1),
        )
        return [user_message, *stored]

    async def _bot_turn(
        self, conversation: Conversation, user_message: Message, text: str, language: Language
    ) -> tuple[list[BotReply], Handoff | None, str]:
        metadata = {"language": language, "lotse_message_id": user_message.id}
        try:
            replies = await self.rasa.send(
                conversation_id=conversation.id, text=text, metadata=metadata
            )
        except BotUnavailable as failure:
            log_event(
                logger,
                "bot.unavailable",
                logging.WARNING,
                conversation_id=conversation.id,
                kind=failure.kind,
            )
            apology = BotReply(text=catalogue.text("bot_unavailable", language))
            return [apology], Handoff(reason="bot_unavailable"), failure.kind
        handoff = None
        kept = []
        for reply in replies:
            if reply.custom and reply.custom.get("event") == "handoff_request":
                handoff = Handoff(reason=str(reply.custom.get("reason") or "bot_request"))
            else:
                kept.append(reply)
        return kept, handoff, "answered"

    @staticmethod
    def _bot_draft(reply: BotReply, language: Language) -> MessageDraft:
        return MessageDraft(
            role=Role.BOT,
            text=reply.text,
            buttons=reply.buttons,
            custom=reply.custom,
            language=language,
        )

    @staticmethod
    def _system(text: str, language: Language) -> MessageDraft:
        return MessageDraft(role=Role.SYSTEM, text=text, language=language)

    async def _notify(self, conversation_id: str, messages: list[Message]) -> None:
        topic = conversation_topic(conversation_id)
        for message in messages:
            await self.bus.publish(
                topic,
                {"type": "message", "message": MessagePublic.of(message).model_dump(mode="json")},
            )

    async def _typing(self, conversation_id: str, *, active: bool) -> None:
        await self.bus.publish(
            conversation_topic(conversation_id), {"type": "typing", "active": active}
        )
