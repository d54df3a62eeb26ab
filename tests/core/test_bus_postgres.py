"""The PostgreSQL bus: NOTIFY on commit to every process, reconnect and catch up after a cut.

Needs the local PostgreSQL server (see README); these tests fail, never skip, without it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from core.bus import BUS_STATE, CONTRIBUTION, LISTENER_NAME, Bus, PostgresTransport, Signal
from features.system.catch_up import events_since
from features.system.demo import seed_demo
from models.contribution import Contribution, Status
from models.database import close_database, open_database
from models.event import Event
from tests.support.database import create_postgres_database, drop_postgres_database


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    name = f"sg_bus_{uuid.uuid4().hex[:8]}"
    url = await create_postgres_database(name)
    await open_database(url)
    try:
        yield url
    finally:
        await close_database()
        await drop_postgres_database(name)


async def started_bus(url: str, **options) -> tuple[Bus, list[Signal]]:
    """A bus as one app process has it, recording everything it hears."""
    live = Bus()
    live.use(PostgresTransport(live, url, catch_up=events_since, **options))
    heard: list[Signal] = []
    for kind in (CONTRIBUTION, BUS_STATE, "probe"):
        live.subscribe(kind, heard.append)
    await live.start()
    return live, heard


async def until(condition, timeout: float = 3.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline and not condition():
        await asyncio.sleep(0.02)
    return condition()


async def test_postgres_notify_reaches_every_process_only_after_commit(postgres_url) -> None:
    process_a, heard_a = await started_bus(postgres_url)
    process_b, heard_b = await started_bus(postgres_url)
    try:
        async with process_a.transaction() as publication:
            await publication.publish(Signal("probe", 7, {"contribution_id": 1}))
            await asyncio.sleep(0.3)
            assert heard_a == [] and heard_b == []  # not before the commit
        assert await until(lambda: heard_a and heard_b)
        assert heard_a == heard_b == [Signal("probe", 7, {"contribution_id": 1})]
        with pytest.raises(RuntimeError):
            async with process_b.transaction() as publication:
                await publication.publish(Signal("probe", 8))
                raise RuntimeError("rolled back")
        await asyncio.sleep(0.3)
        assert Signal("probe", 8) not in heard_a + heard_b
    finally:
        await process_a.stop()
        await process_b.stop()


async def test_postgres_listener_killed_reconnects_and_catches_up(postgres_url) -> None:
    event = await seed_demo()
    before = await Contribution.create(event=event, text="vorher", author_id="a", status=Status.PUBLISHED)
    process, heard = await started_bus(postgres_url, health_interval=0.2)
    admin = await asyncpg.connect(postgres_url)
    try:
        killed = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = $1 AND datname = current_database()",
            LISTENER_NAME,
        )
        assert killed == 1
        # written while nobody listens: its NOTIFY goes nowhere
        during = await Contribution.create(event=event, text="in der Lücke", author_id="b", status=Status.PUBLISHED)
        await admin.execute("SELECT pg_notify('stadtgespraech', 'lost')")
        assert await until(lambda: Signal(BUS_STATE, 0, {"connected": 1}) in heard, timeout=10)
        states = [e.ids["connected"] for e in heard if e.kind == BUS_STATE]
        assert states == [0, 1]
        caught = [e.ids["contribution_id"] for e in heard if e.kind == CONTRIBUTION]
        assert during.id in caught and caught.count(during.id) == 1
        assert caught.count(before.id) <= 1  # the safety margin may repeat it once: lists are keyed by id
        assert process.connected is True
        # and it hears new notifications again
        await Event.filter(id=event.id).update(title=event.title)
        async with process.transaction() as publication:
            await publication.publish(Signal("probe", event.id))
        assert await until(lambda: Signal("probe", event.id) in heard)
    finally:
        await admin.close()
        await process.stop()
