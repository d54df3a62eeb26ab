"""The bus: in order, after the publisher returns, never before commit, a failing handler harms nobody."""

from __future__ import annotations

import asyncio

import pytest

from models.event import Event
from services.live import LiveBus, LiveEvent, bus


async def test_events_arrive_in_order_and_a_failing_handler_does_not_stop_the_others() -> None:
    live = LiveBus()
    await live.start()
    heard: list[int] = []

    def broken(_event: LiveEvent) -> None:
        raise RuntimeError("a tab that went away")

    live.subscribe("x", broken)
    unsubscribe = live.subscribe("x", lambda event: heard.append(event.event_id))
    try:
        for number in range(5):
            await live.publish(LiveEvent("x", number))
        assert heard == []  # the publisher never waits for the fan-out
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        unsubscribe()
        await live.publish(LiveEvent("x", 5))
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        assert live.subscriber_count("x") == 1
    finally:
        await live.stop()


async def test_an_event_of_a_rolled_back_transaction_is_never_heard(db) -> None:
    heard: list[LiveEvent] = []
    unsubscribe = bus().subscribe("probe", heard.append)
    try:
        with pytest.raises(RuntimeError):
            async with bus().transaction() as publication:
                await Event.create(title="verworfen", starts_at="2026-01-01T10:00:00Z", ends_at="2026-01-01T11:00:00Z")
                await publication.publish(LiveEvent("probe", 1))
                raise RuntimeError("validation failed late")
        async with bus().transaction() as publication:
            await publication.publish(LiveEvent("probe", 2))
            await asyncio.sleep(0.05)
            assert heard == []  # not before the commit
        await asyncio.sleep(0.05)
    finally:
        unsubscribe()
    assert heard == [LiveEvent("probe", 2)]
    assert await Event.filter(title="verworfen").count() == 0


def test_events_survive_the_trip_through_postgres_payloads() -> None:
    event = LiveEvent("contribution", 3, {"contribution_id": 17, "item_id": None})
    assert LiveEvent.from_json(event.to_json()) == event
