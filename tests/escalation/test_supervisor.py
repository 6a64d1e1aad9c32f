"""The Rasa supervisor, with a stand-in server process (the real one: tests/integration)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from escalation.rasa_client import RasaClient
from escalation.supervisor import RasaSupervisor
from tests.support.ports import free_port

FAKE_SERVER = Path(__file__).resolve().parent.parent / "support" / "fake_rasa_server.py"


def supervisor_for(port: int, tmp_path: Path, *, delay: float = 0.3) -> RasaSupervisor:
    return RasaSupervisor(
        command=[sys.executable, str(FAKE_SERVER), str(port), str(delay)],
        environment=dict(os.environ),
        client=RasaClient(f"http://127.0.0.1:{port}", timeout_seconds=2.0),
        log_path=tmp_path / "rasa.log",
        startup_timeout_seconds=20.0,
    )


async def wait_for(condition: Callable[[], Awaitable[bool]], seconds: float = 20.0) -> None:
    async with asyncio.timeout(seconds):
        while not await condition():  # noqa: ASYNC110 (polling a process from outside)
            await asyncio.sleep(0.05)


async def test_starts_awaits_readiness_restarts_after_a_crash_and_stops(tmp_path: Path) -> None:
    port = free_port()
    supervisor = supervisor_for(port, tmp_path)
    assert await supervisor.state() == "starting"

    supervisor.start()
    await asyncio.wait_for(supervisor.ready.wait(), 20)
    assert await supervisor.state() == "ready"
    first_pid = supervisor.pid
    assert first_pid is not None

    os.kill(first_pid, signal.SIGKILL)

    async def restarted() -> bool:
        return supervisor.restarts == 1 and await supervisor.state() == "ready"

    await wait_for(restarted)
    assert supervisor.pid not in (None, first_pid)
    second_pid = supervisor.pid
    assert second_pid is not None

    await supervisor.stop()
    assert await supervisor.state() == "unavailable"
    assert supervisor.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(second_pid, 0)


async def test_a_server_that_never_becomes_ready_is_stopped_and_retried(tmp_path: Path) -> None:
    port = free_port()
    supervisor = RasaSupervisor(
        command=[sys.executable, str(FAKE_SERVER), str(port), "60"],
        environment=dict(os.environ),
        client=RasaClient(f"http://127.0.0.1:{port}", timeout_seconds=2.0),
        log_path=tmp_path / "rasa.log",
        startup_timeout_seconds=1.0,
    )
    supervisor.start()

    async def gave_up_once() -> bool:
        return supervisor.restarts >= 1

    await wait_for(gave_up_once)
    await supervisor.stop()
    assert await supervisor.state() == "unavailable"
