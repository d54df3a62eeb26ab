"""The audience over all processes, for real on PostgreSQL: two buses with their own LISTEN
connections (two processes, as behind nginx), each with its own presence, sum each other's
numbers through NOTIFY; a process whose people left says so once, and the others follow.

Needs the local PostgreSQL server (see README); fails, never skips, without it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from core.bus import Bus, PostgresTransport
from features.wall.presence import Counts, Presence
from models.contribution import Channel
from models.database import close_database, open_database
from tests.support.database import create_postgres_database, drop_postgres_database


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    name = f"sg_presence_{uuid.uuid4().hex[:8]}"
    url = await create_postgres_database(name)
    await open_database(url)
    try:
        yield url
    finally:
        await close_database()
        await drop_postgres_database(name)


async def until(condition, timeout: float = 3.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline and not condition():
        await asyncio.sleep(0.02)
    return condition()


async def a_process(url: str, token: int) -> tuple[Bus, Presence]:
    """One app process's bus (its own listener) and presence; its timer is driven by the test."""
    live = Bus()
    live.use(PostgresTransport(live, url))
    await live.start()
    tally = Presence(bus_of=lambda: live, token=token, interval=3600)
    tally.start()
    return live, tally


async def test_postgres_every_process_sums_the_audience_of_all(postgres_url) -> None:
    bus_a, a = await a_process(postgres_url, token=101)
    bus_b, b = await a_process(postgres_url, token=202)
    try:
        a.opened("a-1", 7, Channel.ONLINE, "browser-1")
        a.opened("a-2", 7, Channel.ONLINE, "browser-2")
        b.opened("b-1", 7, Channel.HALL, "browser-3")
        b.opened("b-2", 7, Channel.ONLINE, "browser-4")
        await a.tick()
        await b.tick()
        assert await until(lambda: a.totals(7) == b.totals(7) == Counts(online=3, hall=1))
        b.closed("b-1")
        b.closed("b-2")
        await b.tick()  # B's people left: it says so once
        assert await until(lambda: a.totals(7) == Counts(online=2, hall=0))
        assert b.totals(7) == Counts(online=2, hall=0)
    finally:
        for tally in (a, b):
            await tally.stop()
        for live in (bus_a, bus_b):
            await live.stop()
