"""LOTSE_RASA_URL: a switchboard that uses a Rasa server it does not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.helpers import say, start_conversation
from tests.support.live_server import LiveServer, start_live_server

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def test_a_switchboard_with_an_external_rasa(live_server: LiveServer, tmp_path: Path) -> None:
    live_server.wait_for_bot("ready")  # another test may have restarted it
    external = start_live_server(tmp_path / "var", rasa_url=live_server.rasa_url)
    try:
        external.wait_for_bot("ready", timeout=60)
        conversation_id, headers = start_conversation(external, "de-DE")

        messages = say(external, conversation_id, headers, "mein VPN bricht dauernd ab")

        assert "ob Ihr Internet ohne VPN funktioniert" in messages[1]["text"]
        # It started no Rasa of its own.
        assert not (external.var_dir / "log" / "rasa.log").exists()
    finally:
        external.stop()
