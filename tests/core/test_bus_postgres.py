"""The PostgreSQL bus: NOTIFY on commit to every process, reconnect and catch up after a cut.

Needs the local PostgreSQL server (see README); these tests fail, never skip, without it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from core.bus import BUS_STATE, CONTRIBUTION, EVENT_SETTINGS, LISTENER_NAME, Bus, PostgresTransport, Signal
from core.signals import catch_up_since
from features.system.demo import seed_demo
from models.contribution import Contribution, Status
from models.database import close_database, open_database
from models.event import Event
from tests.support.database import create_postgres_database, drop_postgres_database
from tests.support.signals import PROBE


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
    live.use(PostgresTransport(live, url, catch_up=catch_up_since, **options))
    heard: list[Signal] = []
    for kind in (CONTRIBUTION, BUS_STATE, PROBE):
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
            await publication.publish(Signal(PROBE, 7, {"contribution_id": 1}))
            await asyncio.sleep(0.3)
            assert heard_a == [] and heard_b == []  # not before the commit
        assert await until(lambda: heard_a and heard_b)
        assert heard_a == heard_b == [Signal(PROBE, 7, {"contribution_id": 1})]
        with pytest.raises(RuntimeError):
            async with process_b.transaction() as publication:
                await publication.publish(Signal(PROBE, 8))
                raise RuntimeError("rolled back")
        await asyncio.sleep(0.3)
        assert Signal(PROBE, 8) not in heard_a + heard_b
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
            await publication.publish(Signal(PROBE, event.id))
        assert await until(lambda: Signal(PROBE, event.id) in heard)
    finally:
        await admin.close()
        await process.stop()


async def cut_listener(admin: asyncpg.Connection) -> None:
    killed = await admin.fetchval(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE application_name = $1 AND datname = current_database()",
        LISTENER_NAME,
    )
    assert killed == 1


async def test_postgres_screen_mode_and_results_changed_while_the_listener_was_cut_reach_the_followers(
    postgres_url,
) -> None:
    """EVENT_SETTINGS and RESULTS have catch-ups too: what organisers changed while this process
    could not hear the bus is announced again after the reconnect, and the followers' one read per
    signal (the screen's mode, the gallery's cards) then shows the change.

    The listener is held back from reconnecting until both writes have committed, so their own
    NOTIFYs certainly went nowhere: whatever this process hears of them comes from the catch-up."""
    from features.moderation.service import set_screen_mode
    from features.results.results_gallery import _read as read_gallery
    from features.results.service import RESULTS, create_result, create_topic, update_result
    from features.screen.mode import _read as read_mode
    from features.staff.service import create_account
    from models.event import ScreenMode
    from models.staff import Role

    event = await seed_demo()
    organiser = await create_account("Olga", "richtig-geheim-42", Role.ORGANISER)
    topic = await create_topic(organiser, event.id, "Mobilität")
    result = await create_result(organiser, topic.id, "Vorher")
    caught: list[Signal] = []

    async def recorded_catch_up(moment):
        signals = await catch_up_since(moment)
        caught.extend(signals)
        return signals

    process = Bus()
    process.use(PostgresTransport(process, postgres_url, catch_up=recorded_catch_up, health_interval=0.2))
    heard: list[Signal] = []
    for kind in (BUS_STATE, EVENT_SETTINGS, RESULTS):
        process.subscribe(kind, heard.append)
    await process.start()
    transport = process.transport
    connect = transport._connect
    reconnect_allowed = asyncio.Event()
    reconnect_tries: list[int] = []

    async def held_connect() -> None:  # the first connection is made; every later one waits for the writes
        reconnect_tries.append(1)
        await reconnect_allowed.wait()
        await connect()

    transport._connect = held_connect
    admin = await asyncpg.connect(postgres_url)
    try:
        await cut_listener(admin)
        assert await until(lambda: Signal(BUS_STATE, 0, {"connected": 0}) in heard, timeout=10)
        assert await until(lambda: reconnect_tries, timeout=10)  # it tries, and waits
        listeners = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
            LISTENER_NAME,
        )
        assert listeners == 0
        # written while this process does not listen: their NOTIFYs go nowhere
        await set_screen_mode(organiser, event.id, ScreenMode.PAUSE)
        await update_result(organiser, result.id, topic_id=topic.id, title="Nachher")
        assert [signal.kind for signal in heard] == [BUS_STATE]  # nothing heard of the writes
        reconnect_allowed.set()
        assert await until(lambda: Signal(BUS_STATE, 0, {"connected": 1}) in heard, timeout=10)
        # what it heard, in order: the cut, the catch-up's re-announcements, listening again
        assert heard[0] == Signal(BUS_STATE, 0, {"connected": 0})
        assert heard[-1] == Signal(BUS_STATE, 0, {"connected": 1})
        announced = heard[1:-1]
        assert Signal(EVENT_SETTINGS, event.id) in announced
        assert Signal(RESULTS, event.id) in announced  # the catch-up's form: no result_id
        assert Signal(RESULTS, event.id, {"result_id": result.id}) not in announced  # the write's own NOTIFY
        assert all(signal in caught for signal in announced)
        settings = [signal for signal in announced if signal.kind == EVENT_SETTINGS and signal.event_id == event.id]
        results = [signal for signal in announced if signal.kind == RESULTS and signal.event_id == event.id]
        assert (await read_mode(settings[-1], [])).mode == ScreenMode.PAUSE
        cards, _topics = (await read_gallery(results[-1], []))["de"]
        titles = [card["title"] for card in cards]
        assert "Nachher" in titles and "Vorher" not in titles
    finally:
        reconnect_allowed.set()
        await admin.close()
        await process.stop()
