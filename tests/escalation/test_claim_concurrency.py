"""Ownership under concurrency, on SQLite and on the real PostgreSQL server: one owner per
chat, whatever the number of agents racing for it."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import timedelta

from sqlmodel import select

from escalation import handoffs
from escalation.db import Database
from escalation.errors import Conflict
from escalation.models import Agent, Handoff, HandoffStatus, Message, Role, utc_now
from escalation.store import MessageDraft, append_messages, create_conversation

RACERS = 20
ROUNDS = 200


async def _agents(database: Database, count: int) -> list[Agent]:
    agents = [
        Agent(
            id=str(uuid.uuid4()),
            tenant_id="default",
            email=f"agent{index}@example.org",
            display_name=f"Agent {index}",
            password_hash="not used here",
            languages=["de", "en"],
            queues=["*"],
            max_chats=10_000,
        )
        for index in range(count)
    ]
    async with database.session() as session:
        session.add_all(agents)
        await session.commit()
    return agents


async def _waiting_handoffs(database: Database, count: int, *, queue: str = "general") -> list[str]:
    ids = []
    async with database.session() as session:
        now = utc_now()
        for index in range(count):
            conversation = await create_conversation(session, channel="widget", language="de")
            handoff = handoffs.new_handoff(
                tenant_id="default",
                conversation_id=conversation.id,
                queue=queue,
                priority=f"P{1 + index % 4}",
                language="de",
                reason="user_request",
                created_at=now + timedelta(milliseconds=index),
                sla_due_at=now + timedelta(hours=1),
            )
            session.add(handoff)
            ids.append(handoff.id)
        await session.commit()
    return ids


async def test_twenty_concurrent_claims_give_exactly_one_owner_every_time(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        agents = await _agents(database, RACERS)
        handoff_ids = await _waiting_handoffs(database, ROUNDS)

        async def try_claim(handoff_id: str, agent: Agent) -> str:
            async with database.session() as session:
                handoff = await handoffs.get_handoff(session, handoff_id)
                assert handoff is not None
                try:
                    await handoffs.claim(session, handoff, agent)
                except Conflict as refused:
                    return f"refused: {refused.code}"
                return agent.id

        for handoff_id in handoff_ids:
            outcomes = await asyncio.gather(*(try_claim(handoff_id, agent) for agent in agents))
            winners = [outcome for outcome in outcomes if not outcome.startswith("refused")]
            assert len(winners) == 1, f"{len(winners)} owners for one chat"
            assert outcomes.count("refused: already_claimed") == RACERS - 1
            async with database.session() as session:
                stored = await handoffs.get_handoff(session, handoff_id)
            assert stored is not None
            assert stored.agent_id == winners[0]
            assert stored.status == HandoffStatus.ACTIVE
    finally:
        await database.dispose()


async def test_concurrent_take_next_never_hands_one_chat_to_two_agents(database_url: str) -> None:
    database = Database(database_url)
    try:
        agents = await _agents(database, RACERS)
        handoff_ids = await _waiting_handoffs(database, 60)

        async def take_all(agent: Agent) -> list[str]:
            taken = []
            while True:
                async with database.session() as session:
                    handoff = await handoffs.take_next(
                        session, agent, queues=None, languages=agent.languages
                    )
                if handoff is None:
                    return taken
                assert handoff.agent_id == agent.id
                taken.append(handoff.id)

        results = await asyncio.gather(*(take_all(agent) for agent in agents))
        async with database.session() as session:
            stored = (await session.exec(select(Handoff))).all()
    finally:
        await database.dispose()
    handed_out = Counter(handoff_id for taken in results for handoff_id in taken)
    assert set(handed_out) == set(handoff_ids)
    assert max(handed_out.values()) == 1
    owners = {handoff.id: handoff.agent_id for handoff in stored}
    for agent, taken in zip(agents, results, strict=True):
        assert all(owners[handoff_id] == agent.id for handoff_id in taken)


async def test_take_next_goes_by_priority_then_age(database_url: str) -> None:
    database = Database(database_url)
    try:
        (agent,) = await _agents(database, 1)
        ids = await _waiting_handoffs(database, 8)  # priorities P1 P2 P3 P4 P1 P2 P3 P4
        order = []
        for _ in ids:
            async with database.session() as session:
                taken = await handoffs.take_next(session, agent, queues=None, languages=["de"])
            assert taken is not None
            order.append(ids.index(taken.id))
    finally:
        await database.dispose()
    assert order == [0, 4, 1, 5, 2, 6, 3, 7]


async def test_take_next_only_takes_the_agents_queues_and_languages(database_url: str) -> None:
    database = Database(database_url)
    try:
        (agent,) = await _agents(database, 1)
        await _waiting_handoffs(database, 3, queue="security")
        async with database.session() as session:
            assert (
                await handoffs.take_next(session, agent, queues=["general"], languages=["de"])
                is None
            )
            assert await handoffs.take_next(session, agent, queues=None, languages=["en"]) is None
            assert await handoffs.take_next(session, agent, queues=["security"], languages=["de"])
    finally:
        await database.dispose()


async def test_agent_and_user_messages_keep_their_order_under_concurrency(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        async with database.session() as session:
            conversation = await create_conversation(session, channel="widget", language="de")

        async def write(role: Role, index: int) -> None:
            for part in range(5):
                async with database.session() as session:
                    await append_messages(
                        session,
                        conversation,
                        [MessageDraft(role=role, text=f"{role} {index} {part}")],
                    )

        await asyncio.gather(
            *(write(Role.AGENT if index % 2 else Role.USER, index) for index in range(20))
        )
        async with database.session() as session:
            stored = (
                await session.exec(
                    select(Message).where(Message.conversation_id == conversation.id)
                )
            ).all()
    finally:
        await database.dispose()
    assert sorted(message.seq for message in stored) == list(range(1, 101))
    by_writer: dict[str, list[tuple[int, int]]] = {}
    for message in stored:
        assert message.text is not None
        role, index, part = message.text.split()
        by_writer.setdefault(f"{role}{index}", []).append((message.seq, int(part)))
    for sequence in by_writer.values():
        assert [part for _, part in sorted(sequence)] == [0, 1, 2, 3, 4]
