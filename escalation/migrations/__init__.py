"""Alembic migrations of the switchboard's database; `upgrade()` applies them."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from escalation.db import ensure_sqlite_directory, sync_url

_HERE = Path(__file__).resolve().parent


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.set_main_option("sqlalchemy.url", sync_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    ensure_sqlite_directory(database_url)
    command.upgrade(alembic_config(database_url), revision)
