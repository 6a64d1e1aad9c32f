"""One trained model and one `lotse serve` (switchboard + supervised real Rasa) per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from escalation.settings import PROJECT_ROOT
from escalation.training import ensure_model
from tests.support.live_server import LiveServer, ServerFailed, start_live_server


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
    server = start_live_server(tmp_path_factory.mktemp("live") / "var")
    try:
        server.wait_for_bot("ready")
    except ServerFailed as failure:
        server.stop()
        pytest.fail(str(failure))
    yield server
    server.stop()
