"""Storage: sequence numbers under concurrency, migrations, on both databases."""

from __future__ import annotations

import asyncio

from sqlalchemy import create_engine, inspect

from escalation.db import Database, sync_url
from escalation.migrations import alembic_config
from escalation.models import Role
from escalation.store import (
    MessageDraft,
    append_messages,
    create_conversation,
    get_conversation,
    messages_after,
)


async def test_concurrent_appends_get_gapless_unique_sequence_numbers(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.session() as session:
            conversation = await create_conversation(session, channel="widget", language="de")

        async def append(index: int) -> None:
            async with database.session() as session:
                await append_messages(
                    session,
                    conversation,
                    [
                        MessageDraft(role=Role.USER, text=f"frage {index}"),
                        MessageDraft(role=Role.BOT, text=f"antwort {index}"),
                    ],
                )

        await asyncio.gather(*(append(index) for index in range(20)))

        async with database.session() as session:
            stored = await messages_after(session, conversation.id, 0)
            reloaded = await get_conversation(session, conversation.id)
    finally:
        await database.dispose()
    assert [message.seq for message in stored] == list(range(1, 41))
    assert reloaded is not None
    assert reloaded.last_seq == 40
    # Each pair stays together: a question is always followed by its own answer.
    for question, answer in zip(stored[::2], stored[1::2], strict=True):
        assert question.text is not None
        assert answer.text == question.text.replace("frage", "antwort")


def test_migrations_create_the_schema_and_the_default_tenant(database_url: str) -> None:
    engine = create_engine(sync_url(database_url))
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            tenants = connection.exec_driver_sql("SELECT id FROM tenant").scalars().all()
    finally:
        engine.dispose()
    assert {"tenant", "conversation", "message", "alembic_version"} <= tables
    assert tenants == ["default"]


def test_every_table_carries_the_tenant(database_url: str) -> None:
    engine = create_engine(sync_url(database_url))
    try:
        inspector = inspect(engine)
        for table in ("conversation", "message"):
            columns = {column["name"] for column in inspector.get_columns(table)}
            assert "tenant_id" in columns, table
    finally:
        engine.dispose()


def test_the_migration_history_is_linear_and_reversible(tmp_path: object) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    url = f"sqlite:///{tmp_path}/roundtrip.db"
    config = alembic_config(url)
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
