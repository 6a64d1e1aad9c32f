"""Agent accounts and logged-in console clients for tests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi.testclient import TestClient

from escalation.agents import NewAgent, create_agent
from escalation.db import Database
from escalation.models import AgentRole
from escalation.settings import Settings

PASSWORD = "correct horse battery"  # fictitious
QUEUES = ("accounts", "network", "workplace", "security", "general")


@dataclass
class Console:
    """A logged-in agent's client: its own cookie jar, and the CSRF header."""

    client: TestClient
    agent_id: str
    csrf: dict[str, str]

    def post(self, path: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        headers = {**self.csrf, **kwargs.pop("headers", {})}
        return self.client.post(path, json=json, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)


def make_agent(
    settings: Settings,
    email: str,
    *,
    role: AgentRole = AgentRole.AGENT,
    queues: tuple[str, ...] = ("*",),
    languages: tuple[str, ...] = ("de", "en"),
    max_chats: int = 3,
    name: str | None = None,
) -> str:
    async def run() -> str:
        database = Database(settings.effective_database_url)
        try:
            async with database.session() as session:
                agent = await create_agent(
                    session,
                    NewAgent(
                        email=email,
                        password=PASSWORD,
                        display_name=name or email.split("@")[0].title(),
                        role=role,
                        queues=queues,
                        languages=languages,
                        max_chats=max_chats,
                    ),
                    tenant_id="default",
                    known_queues=QUEUES,
                )
                return agent.id
        finally:
            await database.dispose()

    return asyncio.run(run())


def login(app_client: TestClient, email: str, *, password: str = PASSWORD) -> Console:
    client = TestClient(app_client.app)
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    return Console(client, body["agent"]["id"], {"X-CSRF-Token": body["csrf_token"]})


def console_for(
    app_client: TestClient, settings: Settings, email: str, **agent_options: Any
) -> Console:
    make_agent(settings, email, **agent_options)
    return login(app_client, email)
