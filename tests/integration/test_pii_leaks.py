"""Leak test: fake personal data and credentials sent through every channel must not appear in
any file the system wrote — the switchboard's database, Rasa's tracker database, both logs.

All values are fictitious (valid checksums where the format has one). Credentials must leave
no trace at all; every other value may exist only encrypted (the vault) — never in clear text,
in any of the encodings the writers use (JSON escapes, SQLite's UTF-8).
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.integration.helpers import say, start_conversation
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.integration

CREDENTIALS = [
    "Quokka#Sommer2024",
    "hunter2Lotse!x",
    "738291",  # a one-time code
    "ghp_Qm4s8Zr2Lx7Vb1Nc6Tk9Wp3Yd5Hf0Ja2Ue8Gi",
    "318923-264924-095084-482790-536052-020988-291027-170599",  # BitLocker (each group % 11)
    "NQ7YT-R4K2C-WX9PM-3HDTJ-V8G6B",
]
PERSONAL = [
    "Jolanta Wiśniewska-Ebert",
    "Quirin Oberhuber",
    "jolanta.wisniewska@example.com",
    "+49 711 4930 2861",
    "DE02 1203 0000 0000 2020 51",
    "4539 1488 0343 6467",
    "192.168.77.213",
    "3C:52:82:1A:7F:0B",
    "86095742719",
    "Lindenstraße 42, 70173 Stuttgart",
    "CORP\\joebert",
]

MESSAGES_DE = [
    "Hallo, ich bin Jolanta Wiśniewska-Ebert, mein Passwort ist Quokka#Sommer2024 und "
    "Outlook zeigt Fehler 0x800CCC0E",
    "Meine Mail ist jolanta.wisniewska@example.com, Tel +49 711 4930 2861, der Code ist 738291",
    "Erstattung bitte auf DE02 1203 0000 0000 2020 51, Karte 4539 1488 0343 6467",
    "Meine IP ist 192.168.77.213, MAC 3C:52:82:1A:7F:0B, Login CORP\\joebert",
    "Steuer-ID 86095742719, ich wohne Lindenstraße 42, 70173 Stuttgart",
    "BitLocker will den Wiederherstellungsschlüssel: "
    "318923-264924-095084-482790-536052-020988-291027-170599",
    "VG Quirin Oberhuber",
]
MESSAGES_EN = [
    "Hi, this is Quirin Oberhuber, my password is hunter2Lotse!x and VPN error 809",
    "token ghp_Qm4s8Zr2Lx7Vb1Nc6Tk9Wp3Yd5Hf0Ja2Ue8Gi leaked, product key NQ7YT-R4K2C-WX9PM-3HDTJ-V8G6B",
    "mail jolanta.wisniewska@example.com or call +49 711 4930 2861",
]


def variants(value: str) -> set[str]:
    """The forms in which a writer could have stored `value`."""
    forms = {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
    compact = "".join(character for character in value if character.isalnum())
    if compact.isdigit() and len(compact) >= 6:
        forms.add(compact)
    return forms


def written_files(server: LiveServer) -> list[Path]:
    return [path for path in server.var_dir.rglob("*") if path.is_file()]


def hits(server: LiveServer, value: str) -> list[str]:
    found = []
    for path in written_files(server):
        content = path.read_bytes()
        for form in variants(value):
            if form.encode("utf-8") in content:
                found.append(f"{path.relative_to(server.var_dir)}: {form!r}")
    return found


def send_over_websocket(server: LiveServer, texts: list[str]) -> None:
    conversation_id, headers = start_conversation(server, "de-DE")
    token = headers["Authorization"].removeprefix("Bearer ")
    url = server.url.replace("http://", "ws://") + f"/ws/v1/chat/{conversation_id}"
    with connect(url, open_timeout=10) as socket:
        socket.send(json.dumps({"type": "auth", "token": token, "after": 0}))
        assert json.loads(socket.recv(timeout=10))["type"] == "ready"
        for text in texts:
            client_message_id = uuid.uuid4().hex
            socket.send(
                json.dumps(
                    {"type": "message", "text": text, "client_message_id": client_message_id}
                )
            )
            # Wait for the turn to finish: the bot's (or the system's) reply to this message.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                frame = json.loads(socket.recv(timeout=30))
                if frame["type"] == "typing" and frame["active"] is False:
                    break
                assert frame["type"] != "error", frame


def test_no_personal_data_reaches_any_file(live_server: LiveServer) -> None:
    send_over_websocket(live_server, MESSAGES_DE)
    conversation_id, headers = start_conversation(live_server, "en-GB")
    for text in MESSAGES_EN:
        say(live_server, conversation_id, headers, text)
    for text in [*MESSAGES_DE[:2], *MESSAGES_EN[:2]]:
        response = httpx.post(
            f"{live_server.url}/webhooks/rest/webhook",
            json={"sender": "leak-test", "message": text},
            headers={"Authorization": f"Bearer {live_server.channel_token}"},
            timeout=30,
        )
        assert response.status_code == 200

    names = sorted(
        str(path.relative_to(live_server.var_dir)) for path in written_files(live_server)
    )
    assert "lotse.db" in names
    assert "rasa-tracker.db" in names
    assert "serve.log" in names
    leaks = {value: hits(live_server, value) for value in [*CREDENTIALS, *PERSONAL]}
    assert {value: found for value, found in leaks.items() if found} == {}
