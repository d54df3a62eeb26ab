"""The clock moves the marker by itself, once per change, in this process only."""

from __future__ import annotations

from datetime import timedelta

from core.bus import AGENDA_NOW, Signal, bus
from features.agenda import stage_clock
from tests.support.factories import START, make_event


async def test_clock_tells_clients_when_the_next_item_begins(db, monkeypatch) -> None:
    event, items = await make_event()
    moment = {"now": START + timedelta(minutes=10)}
    monkeypatch.setattr(stage_clock, "utcnow", lambda: moment["now"])
    heard: list[Signal] = []
    unsubscribe = bus().subscribe(AGENDA_NOW, heard.append)
    clock = stage_clock.StageClock()
    try:
        await clock.tick()  # first look: nothing changed yet
        await clock.tick()
        assert heard == []
        moment["now"] = START + timedelta(minutes=31)
        await clock.tick()
        await clock.tick()
        assert heard == [Signal(AGENDA_NOW, event.id, {"item_id": items[1].id})]
        moment["now"] = START + timedelta(hours=3)
        await clock.tick()
        assert heard[-1] == Signal(AGENDA_NOW, event.id, {"item_id": None})
    finally:
        unsubscribe()
        await clock.stop()
