"""Widget chat over a WebSocket (docs/chat-protocol.md).

The token arrives in the first frame, never in the URL. Every message of the conversation
reaches the client exactly once and in order: the handler subscribes before it reads the
backlog from the database, forwards notifications whose `seq` follows the last one sent, and
reloads from the database whenever it sees a gap.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError

from escalation.bus import Subscription, conversation_topic
from escalation.chat import ChatService
from escalation.errors import ApiError, Forbidden, NotFound
from escalation.logging import log_event
from escalation.models import Conversation
from escalation.origins import origin_allowed
from escalation.relay import MessageRelay
from escalation.schemas import CLIENT_ID_PATTERN, MAX_SEQ, MAX_TEXT_FIELD

router = APIRouter()
_CLIENT_ID = re.compile(CLIENT_ID_PATTERN)
logger = logging.getLogger(__name__)

AUTH_TIMEOUT_SECONDS = 10.0
CLOSE_PROTOCOL_ERROR = 4400
CLOSE_BAD_TOKEN = 4401
CLOSE_ORIGIN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_INTERNAL_ERROR = 1011


class AuthFrame(BaseModel):
    type: str
    token: str = Field(min_length=1, max_length=200)
    after: int = Field(default=0, ge=0, le=MAX_SEQ)


class MessageFrame(BaseModel):
    type: str
    text: str = Field(max_length=MAX_TEXT_FIELD)
    payload: str | None = Field(default=None, max_length=200)
    client_message_id: str | None = Field(default=None, pattern=CLIENT_ID_PATTERN)


class _Connection:
    def __init__(self, websocket: WebSocket, chat: ChatService, conversation_id: str) -> None:
        self.websocket = websocket
        self.chat = chat
        self.conversation_id = conversation_id
        self._send_lock = asyncio.Lock()
        self.relay = MessageRelay(
            chat,
            conversation_id,
            last_sent=0,
            deliver=lambda message: self.send({"type": "message", "message": message}),
        )

    async def send(self, frame: dict[str, Any]) -> None:
        async with self._send_lock:
            await self.websocket.send_text(json.dumps(frame, ensure_ascii=False))

    async def forward(self, subscription: Subscription) -> None:
        while True:
            event = await subscription.next()
            if not await self.relay.handle(event):
                await self.send(event)  # typing, queue: as they come

    async def receive(self) -> None:
        while True:
            frame_event = await self.websocket.receive()
            if frame_event["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(frame_event.get("code", 1000))
            raw = frame_event.get("text")
            if raw is None:
                await self.send_error("invalid_request", "Frames must be JSON text, not binary.")
                continue
            try:
                frame = json.loads(raw)
            except ValueError:
                await self.send_error("invalid_json", "The frame is not valid JSON.")
                continue
            kind = frame.get("type") if isinstance(frame, dict) else None
            if kind == "ping":
                await self.send({"type": "pong"})
            elif kind == "message":
                await self.handle_message(frame)
            else:
                await self.send_error("invalid_request", "Unknown frame type.")

    async def handle_message(self, frame: dict[str, Any]) -> None:
        client_message_id = frame.get("client_message_id")
        try:
            message = MessageFrame.model_validate(frame)
            await self.chat.handle_user_message(
                self.conversation_id,
                text=message.text,
                payload=message.payload,
                client_message_id=message.client_message_id,
            )
        except ValidationError:
            await self.send_error(
                "invalid_request", "A message frame needs a text.", client_message_id
            )
        except ApiError as error:
            await self.send_error(error.code, error.message, client_message_id)

    async def send_error(self, code: str, message: str, client_message_id: Any = None) -> None:
        frame: dict[str, Any] = {"type": "error", "code": code, "message": message}
        if isinstance(client_message_id, str) and _CLIENT_ID.fullmatch(client_message_id):
            frame["client_message_id"] = client_message_id
        await self.send(frame)


async def _authenticate(
    websocket: WebSocket, chat: ChatService, conversation_id: str
) -> tuple[int, Conversation] | None:
    """Reads the auth frame; returns the client's `after` and the conversation, or None after
    closing the socket."""
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_SECONDS)
        auth = AuthFrame.model_validate_json(raw)
        if auth.type != "auth":
            raise ValueError("first frame must be auth")
    except WebSocketDisconnect:
        return None
    except (TimeoutError, ValueError, ValidationError, KeyError):
        await websocket.close(CLOSE_PROTOCOL_ERROR, "first frame must be {type: auth, token}")
        return None
    try:
        conversation = await chat.authorize(conversation_id, auth.token)
    except NotFound:
        await websocket.close(CLOSE_NOT_FOUND, "no such conversation")
        return None
    except Forbidden:
        await websocket.close(CLOSE_BAD_TOKEN, "bad token")
        return None
    return auth.after, conversation


@router.websocket("/ws/v1/chat/{conversation_id}")
async def chat_socket(websocket: WebSocket, conversation_id: str) -> None:
    settings = websocket.app.state.settings
    chat: ChatService = websocket.app.state.chat
    if not origin_allowed(websocket, settings.allowed_origins):
        await websocket.close(CLOSE_ORIGIN, "origin not allowed")
        return
    await websocket.accept()
    authenticated = await _authenticate(websocket, chat, conversation_id)
    if authenticated is None:
        return
    after, conversation = authenticated
    connection = _Connection(websocket, chat, conversation_id)
    subscription = chat.bus.subscribe(conversation_topic(conversation_id))
    forwarder: asyncio.Task[None] | None = None
    log_event(logger, "socket.opened", conversation_id=conversation_id)
    receiver: asyncio.Task[None] | None = None
    try:
        # A client "ahead" of the conversation would skip new messages: start from the truth.
        connection.relay.last_sent = min(after, conversation.last_seq)
        await connection.send(
            {"type": "ready", "last_seq": conversation.last_seq, "language": conversation.language}
        )
        await connection.relay.catch_up()
        waiting = await websocket.app.state.handoffs.queue_status(conversation_id)
        if waiting is not None:
            await connection.send(waiting)
        forwarder = asyncio.create_task(connection.forward(subscription))
        receiver = asyncio.create_task(connection.receive())
        done, _ = await asyncio.wait({forwarder, receiver}, return_when=asyncio.FIRST_COMPLETED)
        failed = next(
            (task for task in done if not isinstance(task.exception(), WebSocketDisconnect)), None
        )
        if failed is not None and failed.exception() is not None:
            # Delivery or receiving broke: close, so the client reconnects and resyncs.
            logger.error(
                "socket.failed",
                exc_info=failed.exception(),
                extra={"conversation_id": conversation_id},
            )
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                await websocket.close(CLOSE_INTERNAL_ERROR)
    except WebSocketDisconnect:
        pass
    finally:
        subscription.close()
        for task in (forwarder, receiver):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
                    await task
        log_event(logger, "socket.closed", conversation_id=conversation_id)
