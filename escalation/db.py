"""Database engines: async for the switchboard, sync for migrations.

One URL configures both (`LOTSE_DATABASE_URL`): `sqlite:///path` (the default, under var/)
or `postgresql://user@host/db`. The async driver is chosen here (aiosqlite, psycopg 3).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def _with_driver(url: str, *, sqlite: str, postgresql: str) -> str:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    drivers = {"sqlite": sqlite, "postgresql": postgresql, "postgres": postgresql}
    if backend not in drivers:
        raise ValueError(f"unsupported database backend {backend!r}: use sqlite or postgresql")
    return parsed.set(drivername=drivers[backend]).render_as_string(hide_password=False)


def async_url(url: str) -> str:
    """The URL with the switchboard's async driver (aiosqlite, psycopg 3)."""
    return _with_driver(url, sqlite="sqlite+aiosqlite", postgresql="postgresql+psycopg")


def sync_url(url: str) -> str:
    """The URL with a sync driver, for migrations and tests."""
    return _with_driver(url, sqlite="sqlite", postgresql="postgresql+psycopg")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_directory(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers proceed during a write; busy_timeout makes writers queue, not fail.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    ensure_sqlite_directory(url)
    if is_sqlite(url):
        engine = create_async_engine(async_url(url))
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        return engine
    return create_async_engine(async_url(url), pool_size=10, max_overflow=20, pool_pre_ping=True)


class Database:
    """The switchboard's engine and session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # any driver error means "not reachable" for readiness
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()
