"""One trained model and one `lotse serve` (switchboard + supervised real Rasa) per session."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from escalation.settings import PROJECT_ROOT
from escalation.training import ensure_model
from tests.support.ports import free_port

STARTUP_TIMEOUT_SECONDS = 240


@dataclass(frozen=True)
class LiveServer:
    url: str
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
        except httpx.HTTPError:
            return None
        return state

    def wait_for_bot(self, state: str = "ready", timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"lotse serve exited ({self.process.returncode}):\n{self.log_tail()}")
            if self.bot_state() == state:
                return
            time.sleep(0.25)
        pytest.fail(f"bot not {state} after {timeout} s:\n{self.log_tail()}")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current bot/ + data/ (trained once; `make test` trains before)."""
    model, _ = ensure_model(
        bot_env=PROJECT_ROOT / ".venv-bot",
        models_dir=PROJECT_ROOT / "models",
        log_dir=PROJECT_ROOT / "var" / "log",
    )
    return model


@pytest.fixture(scope="session")
def live_server(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    var_dir = tmp_path_factory.mktemp("live") / "var"
    var_dir.mkdir()
    port, rasa_port = free_port(), free_port()
    environment = {
        **os.environ,
        "LOTSE_VAR_DIR": str(var_dir),
        "LOTSE_PORT": str(port),
        "LOTSE_RASA_PORT": str(rasa_port),
        "LOTSE_LOG_FORMAT": "json",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    environment.pop("LOTSE_RASA_URL", None)
    environment.pop("LOTSE_DATABASE_URL", None)
    with (var_dir / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "lotse"), "serve"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(
        url=f"http://127.0.0.1:{port}",
        var_dir=var_dir,
        rasa_port=rasa_port,
        process=process,
    )
    try:
        server.wait_for_bot("ready")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
