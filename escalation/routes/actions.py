"""Rasa's action endpoint: the bot's custom actions run here, in the switchboard.

Rasa (bot env) posts each action call with a shared secret; rasa-sdk's `ActionExecutor` runs
the actions of `bot.actions`. Each call also carries the tracker, from which the switchboard
records what the bot made of the latest user message (intent, confidence, model id) — the
language action runs on every turn, so every turn is recorded.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
from starlette.background import BackgroundTask

from escalation.db import Database
from escalation.deps import BearerToken, SettingsDep
from escalation.errors import ApiError, Unauthorized
from escalation.logging import log_event
from escalation.security import secrets_equal
from escalation.store import record_understanding

router = APIRouter(tags=["bot"], include_in_schema=False)


class InvalidRequest(ApiError):
    status_code = 400


logger = logging.getLogger(__name__)


def create_executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    return executor


def authenticate_rasa(token: BearerToken, settings: SettingsDep) -> None:
    if not secrets_equal(token, settings.secret("action_token")):
        raise Unauthorized("invalid_token", "Unknown action token.")


def understanding_of(action_call: dict[str, Any]) -> dict[str, Any] | None:
    """The intent, confidence and model id of the latest user message, if it is one of ours."""
    tracker = action_call.get("tracker") or {}
    latest = tracker.get("latest_message") or {}
    metadata = latest.get("metadata") or {}
    message_id = metadata.get("lotse_message_id")
    if not isinstance(message_id, int):
        return None
    intent = latest.get("intent") or {}
    model_id = None
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            model_id = (event.get("metadata") or {}).get("model_id")
            break
    return {
        "conversation_id": str(tracker.get("sender_id")),
        "message_id": message_id,
        "intent": intent.get("name"),
        "intent_confidence": intent.get("confidence"),
        "model_id": model_id,
    }


@router.post("/webhooks/actions", dependencies=[Depends(authenticate_rasa)])
async def run_action(request: Request) -> JSONResponse:
    # Read as plain JSON: the call carries Rasa's whole tracker, which needs no validation
    # here (rasa-sdk parses what the action uses) and is large in long conversations.
    try:
        action_call = await request.json()
    except ValueError as error:
        raise InvalidRequest("invalid_json", "The action call is not valid JSON.") from error
    if not isinstance(action_call, dict):
        raise InvalidRequest("invalid_request", "The action call must be a JSON object.")
    understanding = understanding_of(action_call)
    executor: ActionExecutor = request.app.state.action_executor
    action_name = action_call.get("next_action")
    try:
        result = await executor.run(action_call)
    except ActionNotFoundException:
        return JSONResponse({"error": "unknown action", "action_name": action_name}, 404)
    except ActionExecutionRejection as rejection:
        return JSONResponse({"error": rejection.message, "action_name": action_name}, 400)
    log_event(logger, "action.ran", action=action_name)
    # Recorded after the answer is sent: Rasa's turn does not wait for this write.
    record = None
    if understanding is not None:
        record = BackgroundTask(_record, request.app.state.database, understanding)
    return JSONResponse(result.model_dump() if result else None, background=record)


async def _record(database: Database, understanding: dict[str, Any]) -> None:
    try:
        async with database.session() as session:
            await record_understanding(session, **understanding)
    except Exception:  # a lost record must not break the conversation; it is logged
        logger.exception(
            "understanding.not_recorded", extra={"message_id": understanding["message_id"]}
        )
