"""The in-process bus: in order, after the publisher returns, a failing handler harms nobody."""

from __future__ import annotations

import asyncio

from services.live import InProcessBus, LiveEvent


async def test_events_arrive_in_order_and_a_failing_handler_does_not_stop_the_others() -> None:
    bus = InProcessBus()
    await bus.start()
    heard: list[int] = []

    def broken(_event: LiveEvent) -> None:
        raise RuntimeError("a tab that went away")

    bus.subscribe("x", broken)
    unsubscribe = bus.subscribe("x", lambda event: heard.append(event.event_id))
    try:
        for number in range(5):
            await bus.publish(LiveEvent("x", number))
        assert heard == []  # the publisher never waits for the fan-out
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        unsubscribe()
        await bus.publish(LiveEvent("x", 5))
        await asyncio.sleep(0.05)
        assert heard == [0, 1, 2, 3, 4]
        assert bus.subscriber_count("x") == 1
    finally:
        await bus.stop()
