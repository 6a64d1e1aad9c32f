"""The switchboard's FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from bot.actions import context as action_context
from escalation import catalogue
from escalation.agent_replies import AgentReplies
from escalation.bot_domain import domain_intents
from escalation.bot_monitor import BotMonitor, ExternalBotMonitor
from escalation.bus import EventBus
from escalation.chat import ChatService
from escalation.config import load_config
from escalation.db import Database
from escalation.errors import error_response, install_error_handlers
from escalation.handoff_service import HandoffService
from escalation.logging import log_event
from escalation.rasa_client import RasaClient
from escalation.rate_limit import RateLimiter
from escalation.redis_bus import RedisEventBus
from escalation.routes import (
    actions,
    agent_socket,
    agents,
    auth,
    chat,
    chat_socket,
    handoffs,
    health,
    pages,
    rest_channel,
)
from escalation.settings import Settings
from escalation.supervisor import RasaSupervisor
from nlu.language import LanguageDetector, parse_language
from pii import Redactor
from pii.engine import shared_analyzer
from pii.keys import PiiKeys
from pii.log_filter import use_redactor
from pii.vault import purge_expired

logger = logging.getLogger(__name__)

# Far above any valid request from a client (a 2,000-character message is a few KiB).
MAX_BODY_BYTES = 4 * 1024 * 1024
VAULT_PURGE_INTERVAL_SECONDS = 3600
VAULT_FIRST_PURGE_SECONDS = 60
LOGIN_PERIOD_SECONDS = 15 * 60
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
    "form-action 'self'"
)


def create_app(
    settings: Settings,
    *,
    rasa: RasaClient | None = None,
    supervisor: RasaSupervisor | None = None,
) -> FastAPI:
    """Builds the app. Without a `supervisor`, Rasa is an external server at
    `settings.effective_rasa_url`; with one, the app starts and stops it with itself."""
    catalogue.check_catalogues()
    # First: a bad configuration must fail before anything is opened.
    config = load_config(settings.config_file)
    action_context.configure(
        action_context.ActionContext(config=config, retention_days=settings.pii_retention_days)
    )
    redactor = Redactor(shared_analyzer(settings.pii_engine_options()))
    use_redactor(redactor)
    database = Database(settings.effective_database_url)
    rasa = rasa or RasaClient(
        settings.effective_rasa_url, timeout_seconds=settings.rasa_timeout_seconds
    )
    default_language = parse_language(settings.default_language)
    if default_language is None:
        raise ValueError(f"LOTSE_DEFAULT_LANGUAGE={settings.default_language!r} is not supported")
    detector = LanguageDetector(default_language=default_language)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        log_event(logger, "switchboard.started", database=database.engine.dialect.name)
        await bus.start()
        if supervisor is not None:
            supervisor.start()
        purging = asyncio.create_task(_purge_vault_periodically(database))
        yield
        purging.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purging
        if supervisor is not None:
            await supervisor.stop()
        await rasa.close()
        await bus.close()
        await database.dispose()

    app = FastAPI(
        title="Lotse switchboard",
        version="0.1.0",
        description="IT-support triage chat with human escalation. Chat protocol: "
        "docs/chat-protocol.md.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.config = config
    app.state.database = database
    bot_monitor: BotMonitor = supervisor or ExternalBotMonitor(rasa)
    app.state.bot_monitor = bot_monitor
    app.state.action_executor = actions.create_executor()
    bus = RedisEventBus(settings.redis_url) if settings.redis_url else EventBus()
    app.state.chat = ChatService(
        database=database,
        rasa=rasa,
        bus=bus,
        detector=detector,
        secret_key=settings.secret("secret_key"),
        max_message_chars=settings.max_message_chars,
        payload_intents=domain_intents(),
        message_limiter=RateLimiter(capacity=settings.messages_per_minute, period_seconds=60),
        redactor=redactor,
        pii_keys=PiiKeys.from_secret(settings.secret("pii_key")),
        pii_retention=settings.pii_retention,
        config=config,
    )
    replies = AgentReplies(
        database=database,
        redaction=app.state.chat.redaction,
        max_message_chars=settings.max_message_chars,
        default_language=default_language,
        notify=app.state.chat.notify,
    )
    app.state.handoffs = HandoffService(
        database=database, bus=bus, chat=app.state.chat, replies=replies, config=config
    )
    app.state.login_limiter_account = RateLimiter(
        capacity=settings.login_attempts_per_account, period_seconds=LOGIN_PERIOD_SECONDS
    )
    app.state.login_limiter_address = RateLimiter(
        capacity=settings.login_attempts_per_address, period_seconds=LOGIN_PERIOD_SECONDS
    )
    install_error_handlers(app)
    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
        )
    app.middleware("http")(_security_headers_and_access_log)
    for module in (
        health,
        chat,
        chat_socket,
        rest_channel,
        actions,
        auth,
        agents,
        handoffs,
        agent_socket,
        pages,
    ):
        app.include_router(module.router)
    pages.mount_static(app)
    return app


async def _purge_vault_periodically(database: Database) -> None:
    """Deletes expired vault entries a minute after start-up and then every hour (not at once:
    start-up stays fast, and a test's app never opens a connection on its lifespan's loop)."""
    await asyncio.sleep(VAULT_FIRST_PURGE_SECONDS)
    while True:
        try:
            async with database.session() as session:
                purged = await purge_expired(session)
            if purged:
                log_event(logger, "vault.purged", entries=purged)
        except Exception:
            logger.exception("vault.purge_failed")
        await asyncio.sleep(VAULT_PURGE_INTERVAL_SECONDS)


async def _security_headers_and_access_log(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.perf_counter()
    length = request.headers.get("content-length", "0")
    # Rasa's action calls carry the whole tracker; they are authenticated and not limited.
    limited = request.url.path != "/webhooks/actions"
    if limited and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        response: Response = error_response(
            413, "request_too_large", f"Request bodies are limited to {MAX_BODY_BYTES} bytes."
        )
    else:
        response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    route = request.scope.get("route")
    log_event(
        logger,
        "http.request",
        logging.DEBUG if request.url.path in ("/healthz", "/readyz") else logging.INFO,
        method=request.method,
        route=getattr(route, "path", "unmatched"),  # the template, not the concrete path
        status=response.status_code,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
    return response
