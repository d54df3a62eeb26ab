"""The wall's programme is read once per process for a few seconds, and dropped on every change."""

from __future__ import annotations

import asyncio

from core.bus import AGENDA_NOW, EVENT_SETTINGS, Signal, bus
from features.agenda import service as events
from features.agenda.service import shared_programme
from models.event import AgendaItem, Event
from tests.support.factories import make_event


async def test_page_builds_share_one_read_until_it_is_old(db, monkeypatch) -> None:
    await make_event()
    reads = 0
    load = events.load_programme

    async def counted() -> events.Programme | None:
        nonlocal reads
        reads += 1
        return await load()

    monkeypatch.setattr(events, "load_programme", counted)
    first, *others = await asyncio.gather(*(shared_programme() for _ in range(20)))
    assert reads == 1 and all(other is first for other in others)
    assert await shared_programme() is first
    monkeypatch.setattr(events, "PROGRAMME_CACHE_SECONDS", 0.0)
    assert await shared_programme() is not first and reads == 2


async def test_a_change_in_this_process_shows_at_once(db) -> None:
    event, items = await make_event()
    assert (await shared_programme()).event.title == "Stadtkonferenz"
    event.title = "Neuer Titel"
    await event.save()
    assert (await shared_programme()).event.title == "Neuer Titel"
    await (await AgendaItem.get(id=items[3].id)).delete()
    assert [item.title for item in (await shared_programme()).items] == ["Punkt 1", "Punkt 2", "Punkt 3"]


async def test_a_change_announced_by_another_process_shows_at_once(db) -> None:
    event, _ = await make_event()
    first = await shared_programme()
    await Event.filter(id=event.id).update(title="Anderswo geändert")  # no signal in this process
    assert await shared_programme() is first
    for kind in (AGENDA_NOW, EVENT_SETTINGS):
        await bus().dispatch(Signal(kind, event.id, {}))
        fresh = await shared_programme()
        assert fresh is not first and fresh.event.title == "Anderswo geändert"
        first = fresh


async def test_another_database_starts_without_the_old_programme(db) -> None:
    await make_event("Alte Datenbank")
    assert (await shared_programme()).event.title == "Alte Datenbank"
    events._shared.database = object()  # as if the next test (or a restart) opened another database
    await Event.filter(title="Alte Datenbank").update(title="Andere Datenbank")
    assert (await shared_programme()).event.title == "Andere Datenbank"
