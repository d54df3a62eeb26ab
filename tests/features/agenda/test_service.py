"""What is on stage: the moderators' choice wins, otherwise the clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.bus import AGENDA_NOW, Signal, bus
from core.clock import frozen_at
from core.errors import NotFound
from features.agenda.service import load_programme, running_item_id, set_current_agenda_item
from models.event import Event
from tests.support.factories import START, make_event


async def test_clock_decides_when_nobody_chose(db) -> None:
    event, items = await make_event()
    programme = await load_programme(event.id)
    assert running_item_id(programme, START - timedelta(seconds=1)) is None
    assert running_item_id(programme, START) == items[0].id
    assert running_item_id(programme, START + timedelta(minutes=30)) == items[1].id  # end is exclusive
    assert running_item_id(programme, START + timedelta(hours=2)) is None


async def test_moderators_choice_wins_over_the_clock_until_reset(db) -> None:
    event, items = await make_event()
    with frozen_at(START + timedelta(minutes=5)):
        assert await set_current_agenda_item(event.id, items[3].id) == items[3].id
    programme = await load_programme(event.id)
    assert running_item_id(programme, START) == items[3].id
    assert running_item_id(programme, START + timedelta(minutes=119)) == items[3].id
    with frozen_at(START + timedelta(minutes=5)):
        await set_current_agenda_item(event.id, None)
    programme = await load_programme(event.id)
    assert running_item_id(programme, START) == items[0].id


async def test_the_moderators_choice_counts_only_while_the_event_is_live(db) -> None:
    """Two weeks after the conference nothing is "on stage", whatever was chosen last; a choice
    made ahead of time counts from the start."""
    event, items = await make_event()
    with frozen_at(START - timedelta(days=1)):
        assert await set_current_agenda_item(event.id, items[2].id) is None  # stored, not running yet
    programme = await load_programme(event.id)
    assert programme.event.current_agenda_item_id == items[2].id
    assert running_item_id(programme, START - timedelta(seconds=1)) is None
    assert running_item_id(programme, START) == items[2].id
    assert running_item_id(programme, START + timedelta(hours=2) - timedelta(seconds=1)) == items[2].id
    assert running_item_id(programme, START + timedelta(hours=2)) is None  # the end: it expires
    assert running_item_id(programme, START + timedelta(days=14)) is None


async def test_the_stage_clock_announces_that_nothing_runs_once_the_event_has_ended(db) -> None:
    """Open pages hear it: the stage clock moves the marker to nothing at the event's end, even
    when the moderators had chosen an item."""
    from features.agenda.stage_clock import StageClock

    event, items = await make_event()
    heard: list[Signal] = []
    unsubscribe = bus().subscribe(AGENDA_NOW, heard.append)
    clock = StageClock()
    try:
        with frozen_at(START + timedelta(minutes=100)):
            await set_current_agenda_item(event.id, items[1].id)
            await clock.tick()
        with frozen_at(START + timedelta(hours=2)):
            await clock.tick()
        for _ in range(50):
            if heard and heard[-1].ids == {"item_id": None}:
                break
            await asyncio.sleep(0.01)
    finally:
        unsubscribe()
        await clock.stop()
    assert heard[-1] == Signal(AGENDA_NOW, event.id, {"item_id": None})


async def test_setting_the_item_publishes_one_event_after_commit(db) -> None:
    event, items = await make_event()
    heard: list[Signal] = []

    async def listener(live_event: Signal) -> None:
        # the change is committed before anyone hears of it
        stored = await Event.get(id=live_event.event_id)
        heard.append(live_event)
        assert stored.current_agenda_item_id == live_event.ids["item_id"]

    unsubscribe = bus().subscribe(AGENDA_NOW, listener)
    try:
        with frozen_at(START + timedelta(minutes=5)):  # while the event is live
            await set_current_agenda_item(event.id, items[2].id)
        for _ in range(50):
            if heard:
                break
            await asyncio.sleep(0.01)
    finally:
        unsubscribe()
    assert heard == [Signal(AGENDA_NOW, event.id, {"item_id": items[2].id})]


async def test_unknown_ids_are_refused_and_change_nothing(db) -> None:
    event, items = await make_event()
    _other, other_items = await make_event("Andere", START + timedelta(days=7))
    await set_current_agenda_item(event.id, items[1].id)
    with pytest.raises(NotFound):
        await set_current_agenda_item(event.id, 99999)
    with pytest.raises(NotFound):
        await set_current_agenda_item(event.id, other_items[0].id)  # an item of another event
    with pytest.raises(NotFound):
        await set_current_agenda_item(99999, items[0].id)
    assert (await Event.get(id=event.id)).current_agenda_item_id == items[1].id


async def test_site_shows_the_event_with_the_latest_start(db) -> None:
    await make_event("Erste Konferenz", START)
    await make_event("Zweite Konferenz", START + timedelta(days=90))
    programme = await load_programme()
    assert programme.event.title == "Zweite Konferenz"
    assert [item.title for item in programme.items] == ["Punkt 1", "Punkt 2", "Punkt 3", "Punkt 4"]
