"""The bus: in order, after the publisher returns, never before commit, a failing handler harms nobody."""

from __future__ import annotations

import asyncio

import pytest

from core.bus import Bus, Signal, bus
from models.event import Event


async def test_events_arrive_in_order_and_a_failing_handler_does_not_stop_the_others() -> None:
    live = Bus()
    await live.start()
    heard: list[int] = []

    def broken(_event: Signal) -> None:
        raise RuntimeError("a tab that went away")

    live.subscribe("x", broken)
    unsubscribe = live.subscribe("x", lambda event: heard.append(event.event_id))
    try:
        for number in range(5):
            await live.publish(Signal("x", number))
        assert heard == []  # the publisher never waits for the fan-out
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        unsubscribe()
        await live.publish(Signal("x", 5))
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        assert live.subscriber_count("x") == 1
    finally:
        await live.stop()


async def test_an_event_of_a_rolled_back_transaction_is_never_heard(db) -> None:
    heard: list[Signal] = []
    unsubscribe = bus().subscribe("probe", heard.append)
    try:
        with pytest.raises(RuntimeError):
            async with bus().transaction() as publication:
                await Event.create(title="verworfen", starts_at="2026-01-01T10:00:00Z", ends_at="2026-01-01T11:00:00Z")
                await publication.publish(Signal("probe", 1))
                raise RuntimeError("validation failed late")
        async with bus().transaction() as publication:
            await publication.publish(Signal("probe", 2))
            await asyncio.sleep(0.05)
            assert heard == []  # not before the commit
        await asyncio.sleep(0.05)
    finally:
        unsubscribe()
    assert heard == [Signal("probe", 2)]
    assert await Event.filter(title="verworfen").count() == 0


def test_events_survive_the_trip_through_postgres_payloads() -> None:
    event = Signal("contribution", 3, {"contribution_id": 17, "item_id": None})
    assert Signal.from_json(event.to_json()) == event
