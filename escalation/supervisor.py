"""Runs a Rasa server from the bot env next to the switchboard, and keeps it running.

Start, await readiness (Rasa listens only once its model is loaded), restart with back-off
when it dies, stop cleanly (SIGTERM to its process group, SIGKILL after a grace period).
Rasa listens on loopback only: the bot env is pinned to old libraries.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import time
from collections.abc import Sequence
from pathlib import Path

from escalation.bot_monitor import BotState
from escalation.logging import log_event
from escalation.rasa_client import RasaClient
from escalation.settings import PROJECT_ROOT, Settings
from escalation.training import bot_env_environment

logger = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 15.0
READY_POLL_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0


def dies_with_parent(command: Sequence[str]) -> list[str]:
    """`command` made to receive SIGTERM if the switchboard dies without stopping it (even by
    SIGKILL), via util-linux's setpriv where it exists; unchanged elsewhere."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return list(command)
    return [setpriv, "--pdeathsig", "TERM", "--", *command]


def rasa_command(settings: Settings, model: Path) -> list[str]:
    bot_dir = PROJECT_ROOT / "bot"
    return dies_with_parent([
        str(settings.bot_env / "bin" / "rasa"), "run",
        "--interface", "127.0.0.1",
        "--port", str(settings.rasa_port),
        "--model", str(model),
        "--endpoints", str(bot_dir / "endpoints.yml"),
        "--credentials", str(bot_dir / "credentials.yml"),
        "--logging-config-file", str(bot_dir / "logging.yml"),
    ])  # fmt: skip


def action_endpoint_url(settings: Settings) -> str:
    """Where the local Rasa reaches the switchboard's actions: loopback when the switchboard
    listens on every interface or on loopback, else the one address it listens on."""
    host = settings.host
    if host in ("0.0.0.0", "::", "", "localhost") or host.startswith("127."):  # noqa: S104
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}/webhooks/actions"


def rasa_environment(settings: Settings) -> dict[str, str]:
    return bot_env_environment(
        {
            "LOTSE_ACTION_ENDPOINT_URL": action_endpoint_url(settings),
            "LOTSE_ACTION_TOKEN": settings.secret("action_token"),
            "LOTSE_RASA_TRACKER_DIALECT": "sqlite",
            "LOTSE_RASA_TRACKER_DB": str(settings.var_dir / "rasa-tracker.db"),
        }
    )


class RasaSupervisor:
    """Keeps one Rasa process alive; `state()` reports it for /readyz."""

    def __init__(
        self,
        *,
        command: Sequence[str],
        environment: dict[str, str],
        client: RasaClient,
        log_path: Path,
        startup_timeout_seconds: float,
    ) -> None:
        self._command = list(command)
        self._environment = environment
        self._client = client
        self._log_path = log_path
        self._startup_timeout = startup_timeout_seconds
        self._state: BotState = "starting"
        self._process: asyncio.subprocess.Process | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.ready = asyncio.Event()
        self.restarts = 0

    async def state(self) -> BotState:
        return self._state

    @property
    def pid(self) -> int | None:
        """The running Rasa process's id, if one runs."""
        if self._process is None or self._process.returncode is not None:
            return None
        return self._process.pid

    def start(self) -> None:
        self._task = asyncio.create_task(self._keep_running(), name="rasa-supervisor")

    async def _keep_running(self) -> None:
        backoff = 1.0
        while not self._stopping:
            started = time.monotonic()
            await self._run_once()
            if self._stopping:
                break
            self.restarts += 1
            # A server that ran for a while gets a quick restart; a crash loop backs off.
            backoff = (
                1.0 if time.monotonic() - started > 60 else min(backoff * 2, MAX_BACKOFF_SECONDS)
            )
            log_event(logger, "rasa.restarting", logging.WARNING, in_seconds=backoff)
            await asyncio.sleep(backoff)

    async def _run_once(self) -> None:
        self._state = "starting"
        self.ready.clear()
        if await self._client.is_up(timeout_seconds=1.0):
            # Something already answers on Rasa's port (a Rasa left over from a switchboard
            # that was killed?): it is not ours, so it must not count as ready.
            self._state = "unavailable"
            log_event(logger, "rasa.port_in_use", logging.ERROR, url=self._client.base_url)
            return
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        try:
            with self._log_path.open("ab") as log_file:
                self._process = await asyncio.create_subprocess_exec(
                    *self._command,
                    cwd=PROJECT_ROOT,
                    env=self._environment,
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=asyncio.subprocess.STDOUT,
                    start_new_session=True,
                )
        except OSError:
            self._state = "unavailable"
            logger.exception("rasa.cannot_start", extra={"command": self._command[0]})
            return
        log_event(logger, "rasa.started", pid=self._process.pid, log=str(self._log_path))
        exited = asyncio.create_task(self._process.wait())
        deadline = started + self._startup_timeout
        while not exited.done() and not self._stopping:
            if await self._client.is_up(timeout_seconds=1.0):
                self._state = "ready"
                self.ready.set()
                log_event(logger, "rasa.ready", seconds=round(time.monotonic() - started, 1))
                break
            if time.monotonic() > deadline:
                log_event(logger, "rasa.startup_timeout", logging.ERROR)
                await self._terminate()
                break
            await asyncio.wait({exited}, timeout=READY_POLL_SECONDS)
        returncode = await exited
        self._state = "unavailable"
        self.ready.clear()
        if not self._stopping:
            log_event(logger, "rasa.exited", logging.ERROR, returncode=returncode)

    async def _terminate(self) -> None:
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()

    async def stop(self) -> None:
        self._stopping = True
        await self._terminate()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._state = "unavailable"
        log_event(logger, "rasa.stopped")
