"""The switchboard purges expired vault entries on its own (escalation/app.py)."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from escalation import app as app_module
from escalation.db import Database
from escalation.models import DEFAULT_TENANT_ID
from escalation.store import create_conversation
from pii.keys import PiiKeys
from pii.models import VaultEntry
from pii.redactor import Detected
from pii.vault import keep_originals

KEYS = PiiKeys.from_secret("a fictitious deployment secret for tests")


async def test_expired_entries_are_purged_in_the_background(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "VAULT_FIRST_PURGE_SECONDS", 0)
    database = Database(database_url)
    try:
        async with database.session() as session:
            conversation = await create_conversation(session, channel="widget", language="de")
            for name, days_ago in (("Priya Raman", 8), ("Jana Kowalski", 1)):
                await keep_originals(
                    session,
                    tenant_id=DEFAULT_TENANT_ID,
                    conversation_id=conversation.id,
                    detected=[Detected("PERSON", 0, len(name), 0.9, name)],
                    numbers=[1 if days_ago == 8 else 2],
                    keys=KEYS,
                    now=datetime.now(UTC) - timedelta(days=days_ago),
                )
        purging = asyncio.create_task(app_module._purge_vault_periodically(database))
        for _ in range(100):
            await asyncio.sleep(0.05)
            async with database.session() as session:
                left = (await session.exec(select(VaultEntry))).all()
            if len(left) == 1:
                break
        purging.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purging
    finally:
        await database.dispose()
    assert [entry.number for entry in left] == [2]
