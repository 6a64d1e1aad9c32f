"""A real Rasa server dies: users get an apology and a human, the supervisor restarts it."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from tests.integration.helpers import query, say, start_conversation
from tests.support.live_server import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]


def rasa_pid(server: LiveServer) -> int:
    found = subprocess.run(
        ["pgrep", "-f", f"rasa run .*--port {server.rasa_port}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(found.stdout.split()[0])


def test_a_dead_rasa_is_restarted_and_meanwhile_humans_take_over(live_server: LiveServer) -> None:
    conversation_id, headers = start_conversation(live_server, "en-US")
    first = say(live_server, conversation_id, headers, "my vpn keeps dropping")
    assert "works without the VPN" in first[1]["text"]  # the bot is on the VPN issue

    os.kill(rasa_pid(live_server), signal.SIGKILL)
    live_server.wait_for_bot("starting", timeout=30)  # already restarting
    messages = say(live_server, conversation_id, headers, "it still drops every few minutes")

    assert messages[0]["text"] == "it still drops every few minutes"  # the message is kept
    assert messages[1]["text"].startswith("Sorry, I can't process your message right now")
    # The right queue for the issue the bot had understood before it died.
    handoff = messages[-1]["custom"]
    assert (handoff["event"], handoff["queue"], handoff["priority"]) == ("handoff", "network", "P3")
    assert query(
        live_server, "lotse.db", "SELECT owner FROM conversation WHERE id = ?", conversation_id
    ) == [("human",)]
    assert query(
        live_server,
        "lotse.db",
        "SELECT queue, reason, category, status FROM handoff WHERE conversation_id = ?",
        conversation_id,
    ) == [("network", "bot_unavailable", "vpn_problem", "waiting")]
    live_server.wait_for_bot("ready")
    fresh_id, fresh_headers = start_conversation(live_server, "en-US")
    assert (
        "works without the VPN"
        in say(live_server, fresh_id, fresh_headers, "my vpn keeps dropping")[1]["text"]
    )
