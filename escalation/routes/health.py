"""Liveness and readiness (ARCHITECTURE.md: a switchboard whose Rasa is down stays ready)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Readiness(BaseModel):
    database: Literal["ok", "unavailable"]
    bot: Literal["ready", "starting", "unavailable"]


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
async def readyz(request: Request) -> JSONResponse:
    """200 when the database is reachable; the bot's state is reported, not required."""
    database_ok = await request.app.state.database.ping()
    bot = await request.app.state.bot_monitor.state()
    body = Readiness(database="ok" if database_ok else "unavailable", bot=bot)
    return JSONResponse(body.model_dump(), status_code=200 if database_ok else 503)
