"""Redaction within a conversation: detect personal data, number it with the conversation's
placeholders, keep the originals that may be kept (encrypted, expiring) and render the text.
Used for users' messages, agents' replies and notes, and callback contacts alike."""

from __future__ import annotations

from datetime import timedelta

import anyio.to_thread
from sqlmodel.ext.asyncio.session import AsyncSession

from escalation.models import Conversation
from nlu.language import Language
from pii import Detected, Redaction, Redactor, render
from pii.keys import PiiKeys
from pii.placeholders import assign_numbers
from pii.vault import keep_originals


class ConversationRedaction:
    def __init__(self, redactor: Redactor, *, keys: PiiKeys, retention: timedelta) -> None:
        self.redactor = redactor
        self.keys = keys
        self.retention = retention

    async def detect(self, text: str, language: Language) -> list[Detected]:
        """CPU-bound (milliseconds; more for a crafted long text): off the event loop."""
        return await anyio.to_thread.run_sync(lambda: self.redactor.detect(text, language=language))

    async def apply(
        self,
        session: AsyncSession,
        conversation: Conversation,
        text: str,
        detected: list[Detected],
    ) -> Redaction:
        """Numbers `detected` for this conversation, keeps the originals that may be kept and
        returns the text with placeholders. Commits `session` (with what else is pending)."""
        if not detected:
            return Redaction(text, ())
        numbers = await assign_numbers(
            session,
            tenant_id=conversation.tenant_id,
            conversation_id=conversation.id,
            detected=detected,
            keys=self.keys,
        )
        await keep_originals(
            session,
            tenant_id=conversation.tenant_id,
            conversation_id=conversation.id,
            detected=detected,
            numbers=numbers,
            keys=self.keys,
            retention=self.retention,
        )
        return Redaction(render(text, detected, numbers), tuple(detected))
