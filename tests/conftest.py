"""Shared fixtures. Database tests run against SQLite and the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from escalation.app import create_app
from escalation.migrations import upgrade
from escalation.rasa_client import RasaClient
from escalation.settings import Settings, load_settings
from tests.support.fake_rasa import FakeRasa

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
APP_TABLES = (
    "handoff_note",
    "handoff",
    "agent_session",
    "agent",
    "message",
    "conversation",
    "pii_placeholder",
    "pii_vault",
    "audit_event",
)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated, dropped at the end."""
    name = f"lotse_test_{uuid.uuid4().hex[:10]}"
    admin = make_url(POSTGRES_URL)
    with psycopg.connect(
        admin.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = admin.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with psycopg.connect(
        admin.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _truncate(url: str) -> None:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"TRUNCATE {', '.join(APP_TABLES)} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test runs twice: SQLite (a file) and PostgreSQL (the real server)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'lotse.db'}"
        upgrade(url)
        return url
    url: str = request.getfixturevalue("postgres_database")
    _truncate(url)
    return url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        var_dir=tmp_path / "var",
        database_url=database_url,
        rasa_url="http://rasa.test",
        rasa_timeout_seconds=0.5,
        log_format="console",
    )


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client(settings: Settings, fake_rasa: FakeRasa) -> Iterator[TestClient]:
    rasa = RasaClient(
        settings.effective_rasa_url,
        timeout_seconds=settings.rasa_timeout_seconds,
        transport=fake_rasa.transport(),
    )
    app = create_app(settings, rasa=rasa)
    with TestClient(app) as test_client:
        yield test_client
