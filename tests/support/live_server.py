"""Starts `lotse serve` (switchboard + supervised real Rasa) on free loopback ports.

Used by the integration tests (one per session) and by `make bench`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from escalation.settings import PROJECT_ROOT
from tests.support.ports import free_port

STARTUP_TIMEOUT_SECONDS = 240.0


class ServerFailed(RuntimeError):
    """`lotse serve` exited or did not become ready; the message has its log's tail."""


@dataclass(frozen=True)
class LiveServer:
    url: str
    rasa_url: str
    var_dir: Path
    rasa_port: int
    process: subprocess.Popen[bytes]

    @property
    def channel_token(self) -> str:
        secrets = json.loads((self.var_dir / "secrets.json").read_text())
        token: str = secrets["channel_token"]
        return token

    def log_tail(self, lines: int = 60) -> str:
        log = self.var_dir / "serve.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])

    def bot_state(self) -> str | None:
        try:
            state: str = httpx.get(f"{self.url}/readyz", timeout=2).json()["bot"]
        except (httpx.HTTPError, ValueError):
            return None
        return state

    def wait_for_bot(self, state: str = "ready", timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(
                    f"lotse serve exited ({self.process.returncode}):\n{self.log_tail()}"
                )
            if self.bot_state() == state:
                return
            time.sleep(0.1)
        raise ServerFailed(f"bot not {state} after {timeout} s:\n{self.log_tail()}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def start_live_server(var_dir: Path, *, rasa_url: str | None = None) -> LiveServer:
    """Spawns `lotse serve` with its own var/ dir; the caller waits with `wait_for_bot`.

    With `rasa_url`, the switchboard uses that Rasa server instead of supervising its own.
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    port, rasa_port = free_port(), free_port()
    environment = {
        **os.environ,
        "LOTSE_VAR_DIR": str(var_dir),
        "LOTSE_PORT": str(port),
        "LOTSE_RASA_PORT": str(rasa_port),
        "LOTSE_LOG_FORMAT": "json",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    for name in ("LOTSE_RASA_URL", "LOTSE_DATABASE_URL"):
        environment.pop(name, None)
    if rasa_url is not None:
        environment["LOTSE_RASA_URL"] = rasa_url
    with (var_dir / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "lotse"), "serve"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return LiveServer(
        url=f"http://127.0.0.1:{port}",
        rasa_url=rasa_url or f"http://127.0.0.1:{rasa_port}",
        var_dir=var_dir,
        rasa_port=rasa_port,
        process=process,
    )
