"""The vault and the per-conversation placeholder map, on SQLite and PostgreSQL.

All values are fictitious. The tests check what is stored as much as what is returned:
no value in clear text, no trace of a credential.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlmodel import select

from escalation.db import Database
from escalation.models import DEFAULT_TENANT_ID
from escalation.store import create_conversation
from pii.keys import PiiKeys
from pii.models import AuditEvent, PiiPlaceholder, VaultEntry
from pii.placeholders import assign_numbers
from pii.redactor import Detected, render
from pii.vault import (
    EntryDamaged,
    EntryExpired,
    UnknownPlaceholder,
    find_occurrences,
    keep_originals,
    purge_expired,
    reveal,
)

KEYS = PiiKeys.from_secret("a fictitious deployment secret for tests")
OTHER_KEYS = PiiKeys.from_secret("another deployment's secret, not ours")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def entity(entity_type: str, value: str, start: int = 0) -> Detected:
    return Detected(entity_type, start, start + len(value), 0.9, value)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


async def new_conversation(database: Database) -> str:
    async with database.session() as session:
        conversation = await create_conversation(session, channel="widget", language="de")
    return conversation.id


async def numbers_for(database: Database, conversation_id: str, *found: Detected) -> list[int]:
    async with database.session() as session:
        return await assign_numbers(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            conversation_id=conversation_id,
            detected=list(found),
            keys=KEYS,
        )


async def test_the_same_value_keeps_its_number_across_messages(database: Database) -> None:
    conversation_id = await new_conversation(database)
    first = await numbers_for(
        database,
        conversation_id,
        entity("PERSON", "Jana Kowalski"),
        entity("EMAIL_ADDRESS", "jana.kowalski@example.com"),
    )
    second = await numbers_for(
        database,
        conversation_id,
        entity("PERSON", "Tobias Brandt"),
        entity("PERSON", "jana  KOWALSKI"),  # same person, other case and spacing
        entity("PHONE_NUMBER", "+49 711 123456"),
    )
    third = await numbers_for(database, conversation_id, entity("PHONE_NUMBER", "0049711123456"))
    assert first == [1, 1]
    assert second == [2, 1, 1]
    assert third == [1]  # "+49 711 123456" written differently


async def test_numbers_are_per_conversation(database: Database) -> None:
    one, other = await new_conversation(database), await new_conversation(database)
    await numbers_for(database, one, entity("PERSON", "Jana Kowalski"))
    assert await numbers_for(database, other, entity("PERSON", "Priya Raman")) == [1]
    assert await numbers_for(database, one, entity("PERSON", "Priya Raman")) == [2]


async def test_credentials_get_fresh_numbers_and_leave_no_hash(database: Database) -> None:
    conversation_id = await new_conversation(database)
    assert await numbers_for(
        database,
        conversation_id,
        entity("CREDENTIAL", "Sommer2024!"),
        entity("CREDENTIAL", "Sommer2024!"),
    ) == [1, 1]
    assert await numbers_for(database, conversation_id, entity("CREDENTIAL", "Sommer2024!")) == [2]
    async with database.session() as session:
        rows = (await session.exec(select(PiiPlaceholder))).all()
    assert {(row.entity_type, row.value_hash) for row in rows} == {("CREDENTIAL", None)}


async def test_concurrent_numbering_gives_one_number_per_value(database: Database) -> None:
    conversation_id = await new_conversation(database)
    names = ["Jana Kowalski", "Priya Raman", "Mehmet Yilmaz", "Tobias Brandt"]
    results = await asyncio.gather(
        *(
            numbers_for(database, conversation_id, *(entity("PERSON", name) for name in names))
            for _ in range(4)
        )
    )
    assert all(result == results[0] for result in results)
    assert sorted(results[0]) == [1, 2, 3, 4]


async def keep(
    database: Database,
    conversation_id: str,
    found: list[Detected],
    *,
    retention: timedelta = timedelta(days=7),
    now: datetime = NOW,
) -> list[int]:
    numbers = await numbers_for(database, conversation_id, *found)
    async with database.session() as session:
        await keep_originals(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            conversation_id=conversation_id,
            detected=found,
            numbers=numbers,
            keys=KEYS,
            retention=retention,
            now=now,
        )
    return numbers


async def reveal_at(
    database: Database, conversation_id: str, placeholder: str, *, now: datetime = NOW
) -> str:
    async with database.session() as session:
        return await reveal(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            conversation_id=conversation_id,
            placeholder_text=placeholder,
            actor="agent:anna.agent@example.com",
            keys=KEYS,
            reason="customer asked for a call back",
            now=now,
        )


async def test_reveal_returns_the_original_and_audits_it(database: Database) -> None:
    conversation_id = await new_conversation(database)
    await keep(
        database,
        conversation_id,
        [entity("EMAIL_ADDRESS", "jana.kowalski@example.com"), entity("CREDENTIAL", "hunter2")],
    )
    assert await reveal_at(database, conversation_id, "<EMAIL_ADDRESS_1>") == (
        "jana.kowalski@example.com"
    )
    with pytest.raises(UnknownPlaceholder):
        await reveal_at(database, conversation_id, "<CREDENTIAL_1>")  # never kept
    with pytest.raises(UnknownPlaceholder):
        await reveal_at(database, conversation_id, "no placeholder at all")
    async with database.session() as session:
        audit = (await session.exec(select(AuditEvent).order_by(AuditEvent.id))).all()
    assert [(event.action, event.outcome) for event in audit] == [
        ("pii.reveal", "revealed"),
        ("pii.reveal", "UnknownPlaceholder"),
        ("pii.reveal", "UnknownPlaceholder"),
    ]
    assert audit[0].actor == "agent:anna.agent@example.com"
    assert audit[0].detail == {
        "placeholder": "<EMAIL_ADDRESS_1>",
        "reason": "customer asked for a call back",
    }


async def test_nothing_is_stored_in_clear_text(database: Database) -> None:
    conversation_id = await new_conversation(database)
    values = {
        "EMAIL_ADDRESS": "jana.kowalski@example.com",
        "PERSON": "Jana Kowalski",
        "IBAN_CODE": "DE89370400440532013000",
        "CREDENTIAL": "Sommer2024!",
    }
    await keep(database, conversation_id, [entity(kind, value) for kind, value in values.items()])
    async with database.session() as session:
        connection = await session.connection()
        dumped = ""
        for table in ("pii_placeholder", "pii_vault"):
            rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()  # noqa: S608
            dumped += repr(rows)
        vault = (await session.exec(select(VaultEntry))).all()
    for value in values.values():
        assert value not in dumped
        assert value.encode() not in dumped.encode()
    assert {entry.entity_type for entry in vault} == {"EMAIL_ADDRESS", "PERSON", "IBAN_CODE"}


async def test_expired_entries_are_refused_and_purged(database: Database) -> None:
    conversation_id = await new_conversation(database)
    await keep(database, conversation_id, [entity("PERSON", "Priya Raman")])
    later = NOW + timedelta(days=7, seconds=1)
    with pytest.raises(EntryExpired):
        await reveal_at(database, conversation_id, "<PERSON_1>", now=later)
    async with database.session() as session:
        assert await purge_expired(session, now=NOW) == 0
        assert await purge_expired(session, now=later) == 1
    with pytest.raises(UnknownPlaceholder):
        await reveal_at(database, conversation_id, "<PERSON_1>", now=later)
    # After expiry the number still holds: the map keeps hashes, not values.
    assert await numbers_for(database, conversation_id, entity("PERSON", "Priya Raman")) == [1]


async def test_a_new_mention_renews_the_retention(database: Database) -> None:
    conversation_id = await new_conversation(database)
    await keep(database, conversation_id, [entity("PERSON", "Priya Raman")])
    await keep(
        database, conversation_id, [entity("PERSON", "Priya Raman")], now=NOW + timedelta(days=6)
    )
    revealed = await reveal_at(database, conversation_id, "PERSON_1", now=NOW + timedelta(days=10))
    assert revealed == "Priya Raman"


async def test_no_retention_keeps_nothing(database: Database) -> None:
    conversation_id = await new_conversation(database)
    await keep(database, conversation_id, [entity("PERSON", "Priya Raman")], retention=timedelta(0))
    with pytest.raises(UnknownPlaceholder):
        await reveal_at(database, conversation_id, "<PERSON_1>")


async def test_blind_index_finds_occurrences_without_the_value(database: Database) -> None:
    one, other = await new_conversation(database), await new_conversation(database)
    await keep(database, one, [entity("EMAIL_ADDRESS", "jana.kowalski@example.com")])
    await keep(
        database,
        other,
        [
            entity("PERSON", "Jana Kowalski"),
            entity("EMAIL_ADDRESS", "Jana.Kowalski@Example.com"),
        ],
    )
    async with database.session() as session:
        found = await find_occurrences(
            session,
            tenant_id=DEFAULT_TENANT_ID,
            entity_type="EMAIL_ADDRESS",
            value="jana.kowalski@example.com",
            keys=KEYS,
            now=NOW,
        )
    assert {(occurrence.conversation_id, occurrence.placeholder) for occurrence in found} == {
        (one, "<EMAIL_ADDRESS_1>"),
        (other, "<EMAIL_ADDRESS_1>"),
    }


async def test_a_moved_or_rekeyed_entry_does_not_decrypt(database: Database) -> None:
    one, other = await new_conversation(database), await new_conversation(database)
    await keep(database, one, [entity("PERSON", "Jana Kowalski")])
    await keep(database, other, [entity("PERSON", "Priya Raman")])
    async with database.session() as session:
        entries = {
            entry.conversation_id: entry for entry in (await session.exec(select(VaultEntry))).all()
        }
        # Swap the ciphertexts: each is bound to its own conversation and placeholder.
        entries[one].sealed, entries[other].sealed = entries[other].sealed, entries[one].sealed
        session.add_all(entries.values())
        await session.commit()
    with pytest.raises(EntryDamaged):
        await reveal_at(database, one, "<PERSON_1>")
    async with database.session() as session:
        with pytest.raises(EntryDamaged):
            await reveal(
                session,
                tenant_id=DEFAULT_TENANT_ID,
                conversation_id=other,
                placeholder_text="<PERSON_1>",
                actor="admin",
                keys=OTHER_KEYS,
                now=NOW,
            )


def test_render_replaces_spans_in_order() -> None:
    text = "Hallo, ich bin Jana Kowalski, jana.kowalski@example.com"
    found = [
        Detected("PERSON", 15, 28, 0.9, "Jana Kowalski"),
        Detected("EMAIL_ADDRESS", 30, 55, 1.0, "jana.kowalski@example.com"),
    ]
    assert render(text, found, [3, 1]) == "Hallo, ich bin <PERSON_3>, <EMAIL_ADDRESS_1>"


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        PiiKeys.from_secret("short")


async def test_card_numbers_are_not_kept(database: Database) -> None:
    conversation_id = await new_conversation(database)
    await keep(database, conversation_id, [entity("CREDIT_CARD", "4111 1111 1111 1111")])
    with pytest.raises(UnknownPlaceholder):
        await reveal_at(database, conversation_id, "<CREDIT_CARD_1>")


async def test_times_in_other_zones_are_stored_as_utc(database: Database) -> None:
    conversation_id = await new_conversation(database)
    los_angeles = timezone(timedelta(hours=-8))
    local_now = NOW.astimezone(los_angeles)
    await keep(
        database,
        conversation_id,
        [entity("PERSON", "Priya Raman")],
        retention=timedelta(hours=1),
        now=local_now,
    )
    async with database.session() as session:
        assert await purge_expired(session, now=NOW + timedelta(minutes=30)) == 0
    assert await reveal_at(database, conversation_id, "<PERSON_1>", now=NOW) == "Priya Raman"


async def test_the_audit_log_never_holds_what_was_typed_instead_of_a_placeholder(
    database: Database,
) -> None:
    conversation_id = await new_conversation(database)
    async with database.session() as session:
        with pytest.raises(UnknownPlaceholder) as refused:
            await reveal(
                session,
                tenant_id=DEFAULT_TENANT_ID,
                conversation_id=conversation_id,
                placeholder_text="jana.kowalski@example.com",
                actor="agent:7",
                keys=KEYS,
                reason="Kundin jana.kowalski@example.com ruft an",
                now=NOW,
            )
        (event,) = (await session.exec(select(AuditEvent))).all()
    assert "jana.kowalski" not in str(refused.value)
    assert event.detail is not None
    assert event.detail["placeholder"] == "invalid"
    assert "jana.kowalski" not in str(event.detail)
