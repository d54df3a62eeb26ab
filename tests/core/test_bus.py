"""The bus: in order, after the publisher returns, never before commit, a failing handler harms nobody."""

from __future__ import annotations

import asyncio

import pytest

from core.bus import Bus, Signal, bus
from core.signals import UnknownSignalKind
from models.event import Event
from tests.support.signals import PROBE, X


async def test_events_arrive_in_order_and_a_failing_handler_does_not_stop_the_others() -> None:
    live = Bus()
    await live.start()
    heard: list[int] = []

    def broken(_event: Signal) -> None:
        raise RuntimeError("a tab that went away")

    live.subscribe(X, broken)
    unsubscribe = live.subscribe(X, lambda event: heard.append(event.event_id))
    try:
        for number in range(5):
            await live.publish(Signal(X, number))
        assert heard == []  # the publisher never waits for the fan-out
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        unsubscribe()
        await live.publish(Signal(X, 5))
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        assert live.subscriber_count(X) == 1
    finally:
        await live.stop()


async def test_an_event_of_a_rolled_back_transaction_is_never_heard(db) -> None:
    heard: list[Signal] = []
    unsubscribe = bus().subscribe(PROBE, heard.append)
    try:
        with pytest.raises(RuntimeError):
            async with bus().transaction() as publication:
                await Event.create(title="verworfen", starts_at="2026-01-01T10:00:00Z", ends_at="2026-01-01T11:00:00Z")
                await publication.publish(Signal(PROBE, 1))
                raise RuntimeError("validation failed late")
        async with bus().transaction() as publication:
            await publication.publish(Signal(PROBE, 2))
            await asyncio.sleep(0.05)
            assert heard == []  # not before the commit
        await asyncio.sleep(0.05)
    finally:
        unsubscribe()
    assert heard == [Signal(PROBE, 2)]
    assert await Event.filter(title="verworfen").count() == 0


def test_events_survive_the_trip_through_postgres_payloads() -> None:
    event = Signal("contribution", 3, {"contribution_id": 17, "item_id": None})
    assert Signal.from_json(event.to_json()) == event


async def test_publishing_a_kind_nobody_registered_is_an_error(db) -> None:
    """A kind without a registration would have no catch-up after a gap on the bus."""
    with pytest.raises(UnknownSignalKind):
        await bus().publish(Signal("nobody.registered", 1))
    with pytest.raises(UnknownSignalKind):
        async with bus().transaction() as publication:
            await publication.publish(Signal("nobody.registered", 1))


def test_every_kind_the_app_publishes_is_registered_with_a_catch_up_or_a_reason() -> None:
    import features.system.lifecycle  # noqa: F401  imports the owners of the kinds, as the app does
    from core.bus import AGENDA_NOW, BUS_STATE, CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS
    from core.signals import registered_kinds
    from features.results.service import RESULTS

    kinds = registered_kinds()
    for name in (AGENDA_NOW, CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS, RESULTS):
        assert kinds[name].catch_up is not None, name
    assert kinds[BUS_STATE].catch_up is None and "process-local" in kinds[BUS_STATE].no_catch_up_because
