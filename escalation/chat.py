"""The switchboard's handling of a user message (ARCHITECTURE.md, "owns every conversation").

validate → detect the language → redact → store the redacted message → bot turn (if the bot
owns the conversation) or nothing (a human owns it) → store the replies → notify clients.
If Rasa fails, the user gets an apology in their language, the message stays stored, and the
conversation is marked for a human.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import weakref
from collections.abc import Awaitable, Callable
from datetime import timedelta

import anyio.to_thread
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation import catalogue, store
from escalation.bus import EventBus, conversation_topic
from escalation.config.models import LotseConfig
from escalation.db import Database
from escalation.errors import Forbidden, NotFound, RateLimited
from escalation.handoff import BOT_UNAVAILABLE, INTERNAL_ERROR, HandoffDecision
from escalation.handoff_opening import Opening, open_handoff
from escalation.logging import log_event
from escalation.models import (
    Conversation,
    Handoff,
    Message,
    Owner,
    Role,
)
from escalation.rasa_client import BotReply, BotUnavailable, RasaClient
from escalation.rate_limit import RateLimiter
from escalation.redaction import ConversationRedaction
from escalation.schemas import MessagePublic
from escalation.security import is_uuid, keyed_hash, new_token, token_digest, token_matches
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
from nlu.language import Detection, Language, LanguageDetector, parse_language
from pii import Detected, Redaction, Redactor
from pii.keys import PiiKeys

logger = logging.getLogger(__name__)

# Quick-reply payloads may only trigger one of the bot's own intents: no entities (which could
# carry data), no confidence suffix, none of Rasa's internal intents (/restart, /back, …).
_PAYLOAD = re.compile(r"/([A-Za-z_][A-Za-z0-9_]{0,99})")
# Rasa reads free text that starts with "/" as an intent; users' text must stay text.
_RASA_INTENT_PREFIX = "/"
_LOOKALIKE_SLASH = "\u2215"


def _as_text_for_rasa(text: str) -> str:
    if text.startswith(_RASA_INTENT_PREFIX):
        return _LOOKALIKE_SLASH + text[1:]
    return text


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
        payload_intents: frozenset[str],
        message_limiter: RateLimiter,
        redactor: Redactor,
        pii_keys: PiiKeys,
        pii_retention: timedelta,
        config: LotseConfig,
    ) -> None:
        self.config = config
        # Told about every handoff the chat service opens (consoles, queue positions).
        self.on_handoff_opened: Callable[[Handoff], Awaitable[None]] | None = None
        self.database = database
        self.redactor = redactor
        self.redaction = ConversationRedaction(redactor, keys=pii_keys, retention=pii_retention)
        self.rasa = rasa
        self.bus = bus
        self.detector = detector
        self._secret_key = secret_key
        self.max_message_chars = max_message_chars
        self._payload_intents = payload_intents
        self._message_limiter = message_limiter
        # One turn at a time per conversation, so a turn's replies follow its message.
        self._turn_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

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
        if not is_uuid(conversation_id):
            raise NotFound("conversation_not_found", "No such conversation.")
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
            try:
                conversation = await create_conversation(
                    session,
                    channel="rest",
                    language=self.initial_language(locale),
                    locale=locale,
                    client_id=client_id,
                    sender_hash=sender_hash,
                )
            except IntegrityError:  # the sender's first messages raced; one created it
                await session.rollback()
                found = await find_sender_conversation(
                    session, client_id=client_id, sender_hash=sender_hash
                )
                if found is None:
                    raise
                return found
        log_event(logger, "conversation.created", conversation_id=conversation.id, channel="rest")
        return conversation

    async def messages_after(self, conversation_id: str, after: int) -> list[Message]:
        async with self.database.session() as session:
            return await store.messages_after(session, conversation_id, after)

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
        text = self.check_text(text)
        if payload is not None:
            self._check_payload(payload)
        retry_after = self._message_limiter.retry_after(conversation_id)
        if retry_after is not None:
            log_event(logger, "turn.rate_limited", logging.WARNING, conversation_id=conversation_id)
            raise RateLimited(retry_after)
        lock = self._turn_locks.get(conversation_id)
        if lock is None:
            lock = self._turn_locks[conversation_id] = asyncio.Lock()
        async with lock:
            return await self._turn(conversation_id, text, payload, client_message_id)

    def check_text(self, text: str) -> str:
        """The cleaned text, or `InvalidMessage` (before anything is created or stored)."""
        return clean_message_text(text, max_chars=self.max_message_chars)

    def _check_payload(self, payload: str) -> None:
        match = _PAYLOAD.fullmatch(payload)
        if match is None or match[1] not in self._payload_intents:
            raise InvalidMessage(
                "invalid_payload",
                "A quick-reply payload must be /intent for one of the bot's intents.",
            )

    async def _turn(
        self, conversation_id: str, text: str, payload: str | None, client_message_id: str | None
    ) -> list[Message]:
        started = time.perf_counter()
        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
            if conversation is None:
                raise NotFound("conversation_not_found", "No such conversation.")
            if client_message_id:
                earlier = await find_client_message(session, conversation_id, client_message_id)
                if earlier is not None:
                    return [earlier, *await replies_to(session, earlier)]

        # CPU-bound (milliseconds; more for a crafted 2,000-character text): off the event
        # loop, and with no database connection held meanwhile.
        detection, detected = await anyio.to_thread.run_sync(
            self._analyse, text, parse_language(conversation.language), conversation.locale
        )
        language = detection.language
        async with self.database.session() as session:
            # The only text that is stored; in the session that then stores the message.
            redaction = await self.redaction.apply(session, conversation, text, detected)
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
        await self.notify(conversation_id, [user_message])
        try:
            return await self._respond(
                conversation, user_message, payload, redaction, detection, started
            )
        except Exception:
            # The message is stored; whatever failed, a human must follow up.
            logger.exception("turn.failed", extra={"conversation_id": conversation_id})
            return [user_message, *await self._fail_over(conversation, language)]
        finally:
            await self._typing(conversation_id, active=False)

    def _analyse(
        self, text: str, previous_language: Language | None, locale: str | None
    ) -> tuple[Detection, list[Detected]]:
        detection = self.detector.detect(text, previous_language=previous_language, locale=locale)
        return detection, self.redactor.detect(text, language=detection.language)

    async def _respond(
        self,
        conversation: Conversation,
        user_message: Message,
        payload: str | None,
        redaction: Redaction,
        detection: Detection,
        started: float,
    ) -> list[Message]:
        conversation_id = conversation.id
        language = detection.language
        drafts: list[MessageDraft] = []
        if redaction.removed_credentials:
            drafts.append(self._system(catalogue.text("credential_removed", language), language))
        handoff: HandoffDecision | None = None
        bot_outcome = "human_owned"
        bot_seconds = 0.0
        if conversation.owner == Owner.BOT:
            await self._typing(conversation_id, active=True)
            bot_started = time.perf_counter()
            replies, handoff, bot_outcome = await self._bot_turn(
                conversation, user_message, payload or _as_text_for_rasa(redaction.text), language
            )
            bot_seconds = time.perf_counter() - bot_started
            drafts.extend(self._bot_draft(reply, language) for reply in replies)
        stored: list[Message] = []
        opened: Handoff | None = None
        if drafts or handoff is not None:
            async with self.database.session() as session:
                changes: dict[str, object] = {}
                if handoff is not None:
                    opening = await self._open_handoff(session, conversation, handoff, language)
                    opened, changes = opening.handoff, opening.conversation_changes
                    drafts.append(opening.notice)
                stored = await append_messages(session, conversation, drafts, **changes)
            await self.notify(conversation_id, stored)
        if opened is not None:
            await self._announce(opened)
        log_event(
            logger,
            "turn.handled",
            conversation_id=conversation_id,
            seq=user_message.seq,
            chars=len(redaction.text),
            language=language,
            language_confidence=detection.confidence,
            redacted=len(redaction.entities),
            bot=bot_outcome,
            handoff=handoff.reason if handoff else None,
            category=handoff.category if handoff else None,
            replies=len(stored),
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
            bot_ms=round(bot_seconds * 1000, 1),
        )
        return [user_message, *stored]

    async def _fail_over(self, conversation: Conversation, language: Language) -> list[Message]:
        """After an unexpected failure: apologise and hand over, in a fresh session."""
        drafts = [
            MessageDraft(
                role=Role.BOT, text=catalogue.text("bot_unavailable", language), language=language
            )
        ]
        try:
            async with self.database.session() as session:
                opening = await self._open_handoff(
                    session, conversation, HandoffDecision(reason=INTERNAL_ERROR), language
                )
                stored = await append_messages(
                    session, conversation, [*drafts, opening.notice], **opening.conversation_changes
                )
        except Exception:
            logger.exception("turn.fail_over_failed", extra={"conversation_id": conversation.id})
            return []
        await self.notify(conversation.id, stored)
        if opening.handoff is not None:
            await self._announce(opening.handoff)
        return stored

    async def _open_handoff(
        self,
        session: AsyncSession,
        conversation: Conversation,
        decision: HandoffDecision,
        language: Language,
    ) -> Opening:
        return await open_handoff(
            session,
            conversation=conversation,
            decision=decision,
            language=language,
            tenant=self.config.tenant(conversation.tenant_id),
        )

    async def _announce(self, handoff: Handoff) -> None:
        if self.on_handoff_opened is not None:
            try:
                await self.on_handoff_opened(handoff)
            except Exception:  # the handoff is stored; consoles resync from the database
                logger.exception("handoff.announce_failed")

    async def _bot_turn(
        self, conversation: Conversation, user_message: Message, text: str, language: Language
    ) -> tuple[list[BotReply], HandoffDecision | None, str]:
        metadata = {
            "language": language,
            "lotse_message_id": user_message.id,
            "tenant": conversation.tenant_id,
        }
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
            return [apology], HandoffDecision(reason=BOT_UNAVAILABLE), failure.kind
        handoff = None
        kept = []
        for reply in replies:
            if reply.custom and reply.custom.get("event") == "handoff_request":
                handoff = HandoffDecision.requested_by_bot(reply.custom)
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

    async def notify(self, conversation_id: str, messages: list[Message]) -> None:
        """Tells the conversation's subscribers (widget, watching consoles) of new messages."""
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
