"""The agent console's live channel (docs/agent-api.md).

Authenticated by the session cookie on the upgrade; only the switchboard's own origin may
open it. Handoff changes of the agent's queues arrive as they happen; for each watched
conversation, every message arrives exactly once and in order (the backlog from the
database first, then live ones, reloading from the database on any gap).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError

from escalation.agent_schemas import AgentPublic
from escalation.agents import can_see, session_agent
from escalation.bus import Subscription, console_topic, conversation_topic
from escalation.chat import ChatService
from escalation.db import Database
from escalation.deps import SESSION_COOKIE
from escalation.errors import NotFound
from escalation.handoff_service import HandoffService
from escalation.logging import log_event
from escalation.models import Agent
from escalation.origins import own_origin
from escalation.relay import MessageRelay
from escalation.schemas import MAX_SEQ
from escalation.store import get_conversation

router = APIRouter()
logger = logging.getLogger(__name__)

CLOSE_NOT_LOGGED_IN = 4401
CLOSE_ORIGIN = 4403
CLOSE_INTERNAL_ERROR = 1011
MAX_WATCHED = 50


class WatchFrame(BaseModel):
    type: str
    conversation_id: str = Field(min_length=1, max_length=64)
    after: int = Field(default=0, ge=0, le=MAX_SEQ)


class _AgentConnection:
    def __init__(
        self,
        websocket: WebSocket,
        agent: Agent,
        token: str,
        *,
        chat: ChatService,
        service: HandoffService,
        database: Database,
    ) -> None:
        self.websocket = websocket
        self.agent = agent
        self.token = token
        self.chat = chat
        self.service = service
        self.database = database
        self._send_lock = asyncio.Lock()
        self._watches: dict[str, tuple[Subscription, asyncio.Task[None]]] = {}

    async def send(self, frame: dict[str, Any]) -> None:
        async with self._send_lock:
            await self.websocket.send_text(json.dumps(frame, ensure_ascii=False))

    async def send_error(self, code: str, message: str) -> None:
        await self.send({"type": "error", "code": code, "message": message})

    async def forward_console(self, subscription: Subscription) -> None:
        while True:
            event = await subscription.next()
            if event["type"] == "handoff":
                queue = event["handoff"]["queue"]
                if can_see(self.agent, queue):
                    await self.send(event)
                elif any(can_see(self.agent, q) for q in event.get("left_queues", ())):
                    await self.send({"type": "handoff_gone", "handoff_id": event["handoff"]["id"]})
            elif event["type"] == "note":
                if can_see(self.agent, event["queue"]):
                    await self.send({k: v for k, v in event.items() if k != "queue"})
            elif event["type"] == "resync":
                await self.send({"type": "resync"})

    async def receive(self) -> None:
        while True:
            frame_event = await self.websocket.receive()
            if frame_event["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(frame_event.get("code", 1000))
            raw = frame_event.get("text")
            try:
                frame = json.loads(raw) if raw is not None else None
            except ValueError:
                await self.send_error("invalid_json", "The frame is not valid JSON.")
                continue
            if not isinstance(frame, dict):
                await self.send_error("invalid_request", "Frames are JSON objects.")
                continue
            kind = frame.get("type")
            if kind == "ping":
                if not await self._session_alive():
                    await self.websocket.close(CLOSE_NOT_LOGGED_IN, "session ended")
                    return
                await self.send({"type": "pong"})
            elif kind == "watch":
                await self.watch(frame)
            elif kind == "unwatch":
                self.unwatch(str(frame.get("conversation_id", "")))
            else:
                await self.send_error("invalid_request", "Unknown frame type.")

    async def _session_alive(self) -> bool:
        async with self.database.session() as session:
            return await session_agent(session, self.token) is not None

    async def watch(self, frame: dict[str, Any]) -> None:
        try:
            watch = WatchFrame.model_validate(frame)
            await self.service.visible_conversation(self.agent, watch.conversation_id)
        except ValidationError:
            await self.send_error("invalid_request", "watch needs a conversation_id and after.")
            return
        except NotFound as error:
            await self.send_error(error.code, error.message)
            return
        self.unwatch(watch.conversation_id)
        if len(self._watches) >= MAX_WATCHED:
            await self.send_error("too_many_watches", f"Watch at most {MAX_WATCHED} chats.")
            return
        subscription = self.chat.bus.subscribe(conversation_topic(watch.conversation_id))
        task = asyncio.create_task(self._forward_conversation(watch, subscription))
        self._watches[watch.conversation_id] = (subscription, task)

    def unwatch(self, conversation_id: str) -> None:
        watched = self._watches.pop(conversation_id, None)
        if watched is not None:
            subscription, task = watched
            subscription.close()
            task.cancel()

    async def _forward_conversation(self, watch: WatchFrame, subscription: Subscription) -> None:
        conversation_id = watch.conversation_id
        async with self.database.session() as session:
            conversation = await get_conversation(session, conversation_id)
        relay = MessageRelay(
            self.chat,
            conversation_id,
            # A client "ahead" of the conversation would skip new messages: start from the truth.
            last_sent=min(watch.after, conversation.last_seq if conversation else 0),
            deliver=lambda message: self.send(
                {"type": "message", "conversation_id": conversation_id, "message": message}
            ),
        )
        await relay.catch_up()
        while True:
            await relay.handle(await subscription.next())  # typing is not for consoles

    def close(self) -> None:
        for conversation_id in tuple(self._watches):
            self.unwatch(conversation_id)


@router.websocket("/ws/v1/agent")
async def agent_socket(websocket: WebSocket) -> None:
    origin = websocket.headers.get("origin")
    if origin is not None and origin.rstrip("/").lower() != own_origin(websocket):
        await websocket.close(CLOSE_ORIGIN, "origin not allowed")
        return
    database: Database = websocket.app.state.database
    token = websocket.cookies.get(SESSION_COOKIE) or ""
    agent = None
    if token and len(token) <= 200:
        async with database.session() as session:
            agent = await session_agent(session, token)
    await websocket.accept()
    if agent is None:
        await websocket.close(CLOSE_NOT_LOGGED_IN, "not logged in")
        return
    chat: ChatService = websocket.app.state.chat
    connection = _AgentConnection(
        websocket,
        agent,
        token,
        chat=chat,
        service=websocket.app.state.handoffs,
        database=database,
    )
    subscription = chat.bus.subscribe(console_topic(agent.tenant_id))
    tasks: list[asyncio.Task[None]] = []
    log_event(logger, "agent_socket.opened", agent_id=agent.id)
    try:
        await connection.send({"type": "ready", "agent": AgentPublic.of(agent).model_dump()})
        tasks = [
            asyncio.create_task(connection.forward_console(subscription)),
            asyncio.create_task(connection.receive()),
        ]
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        failed = next(
            (task for task in done if not isinstance(task.exception(), WebSocketDisconnect)), None
        )
        if failed is not None and failed.exception() is not None:
            logger.error("agent_socket.failed", exc_info=failed.exception())
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                await websocket.close(CLOSE_INTERNAL_ERROR)
    except WebSocketDisconnect:
        pass
    finally:
        subscription.close()
        connection.close()
        for task in tasks:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
                    await task
        log_event(logger, "agent_socket.closed", agent_id=agent.id)
