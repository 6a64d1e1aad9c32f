from __future__ import annotations

import sqlite3
from typing import Any

import httpx

from tests.support.live_server import LiveServer


def start_conversation(server: LiveServer, locale: str) -> tuple[str, dict[str, str]]:
    response = httpx.post(f"{server.url}/api/v1/chat/conversations", json={"locale": locale})
    response.raise_for_status()
    body = response.json()
    return body["conversation_id"], {"Authorization": f"Bearer {body['token']}"}


def say(
    server: LiveServer, conversation_id: str, headers: dict[str, str], text: str, **extra: Any
) -> list[dict[str, Any]]:
    response = httpx.post(
        f"{server.url}/api/v1/chat/conversations/{conversation_id}/messages",
        json={"text": text, **extra},
        headers=headers,
        timeout=30,
    )
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def query(server: LiveServer, database: str, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.var_dir / database) as connection:
        return connection.execute(sql, parameters).fetchall()
