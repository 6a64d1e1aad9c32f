"""Rasa-compatible REST channel for server-to-server clients.

Same payloads as Rasa's own `rest` channel, but through the whole switchboard pipeline, with
a client bearer token; conversations are keyed by (client, sender).
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends

from escalation.deps import BearerToken, ChatDep, SettingsDep
from escalation.errors import Unauthorized
from escalation.models import Role
from escalation.schemas import LOCALE_PATTERN, ButtonPublic, RestChannelMessage, RestChannelReply
from escalation.security import secrets_equal
from escalation.text import InvalidMessage

router = APIRouter(tags=["rest channel"])
LOCALE = re.compile(LOCALE_PATTERN)


def authenticate_client(token: BearerToken, settings: SettingsDep) -> str:
    """Returns the client id for a client token (one client, `default`, for now)."""
    if secrets_equal(token, settings.secret("channel_token")):
        return "default"
    raise Unauthorized("invalid_token", "Unknown client token.")


ClientId = Annotated[str, Depends(authenticate_client)]


@router.post("/webhooks/rest/webhook", response_model=list[RestChannelReply])
async def rest_webhook(
    body: RestChannelMessage, client_id: ClientId, chat: ChatDep
) -> list[RestChannelReply]:
    chat.check_text(body.message)  # refuse bad text before a conversation is created
    locale = (body.metadata or {}).get("locale")
    if locale is not None and not (isinstance(locale, str) and LOCALE.fullmatch(locale)):
        raise InvalidMessage("invalid_request", "metadata.locale must be a locale like de-DE.")
    conversation = await chat.sender_conversation(
        client_id=client_id, sender=body.sender, locale=locale
    )
    messages = await chat.handle_user_message(conversation.id, text=body.message)
    return [
        RestChannelReply(
            recipient_id=body.sender,
            text=message.text,
            buttons=ButtonPublic.list_of(message),
            custom=message.custom,
        )
        for message in messages
        if message.role != Role.USER
    ]
