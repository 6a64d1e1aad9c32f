"""The Rasa supervisor, with a stand-in server process (the real one: tests/integration)."""

from __future__ import annotations

import asyncio
import os
import shutil
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


async def test_a_foreign_server_on_the_port_is_not_taken_for_rasa(tmp_path: Path) -> None:
    port = free_port()
    squatter = await asyncio.create_subprocess_exec(sys.executable, str(FAKE_SERVER), str(port))
    supervisor = supervisor_for(port, tmp_path)
    try:

        async def squatter_up() -> bool:
            return await supervisor._client.is_up(timeout_seconds=0.5)

        await wait_for(squatter_up)
        supervisor.start()

        async def refused() -> bool:
            return await supervisor.state() == "unavailable" and supervisor.restarts >= 1

        await wait_for(refused)
        assert supervisor.pid is None  # it never started a second server
    finally:
        await supervisor.stop()
        squatter.kill()
        await squatter.wait()


async def test_a_missing_rasa_executable_is_reported_not_fatal(tmp_path: Path) -> None:
    port = free_port()
    supervisor = RasaSupervisor(
        command=[str(tmp_path / "no-such-rasa")],
        environment=dict(os.environ),
        client=RasaClient(f"http://127.0.0.1:{port}", timeout_seconds=2.0),
        log_path=tmp_path / "rasa.log",
        startup_timeout_seconds=5.0,
    )
    supervisor.start()

    async def gave_up() -> bool:
        return supervisor.restarts >= 1

    await wait_for(gave_up)
    assert await supervisor.state() == "unavailable"
    await supervisor.stop()


def test_rasa_dies_with_the_switchboard() -> None:
    from escalation.supervisor import dies_with_parent

    command = dies_with_parent(["rasa", "run"])
    assert command[-2:] == ["rasa", "run"]
    if shutil.which("setpriv"):
        assert command[:3] == [shutil.which("setpriv"), "--pdeathsig", "TERM"]
