"""The event and what is on stage now: read the programme, move the "now" marker."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.signals import Signals

from core.bus import AGENDA_CHANGED, AGENDA_NOW, EVENT_SETTINGS, Bus, Signal, bus
from core.clock import utcnow
from core.errors import NotFound
from core.phase import EventPhase, event_phase
from core.signals import register_kind
from models.event import AgendaItem, Event

# How long the wall's shared programme may be reused without a change being heard of (see
# `shared_programme`); changes made through this process or announced on the bus drop it at once.
PROGRAMME_CACHE_SECONDS = 3.0


@dataclass(frozen=True)
class Programme:
    """An event with its agenda in order, loaded once per page."""

    event: Event
    items: list[AgendaItem]

    def item(self, item_id: int | None) -> AgendaItem | None:
        return next((item for item in self.items if item.id == item_id), None)


async def current_event() -> Event | None:
    """The event the site shows: the one with the latest start."""
    return await Event.all().order_by("-starts_at", "-id").first()


async def load_programme(event_id: int | None = None) -> Programme | None:
    event = await (Event.get_or_none(id=event_id) if event_id is not None else current_event())
    if event is None:
        return None
    items = await AgendaItem.filter(event_id=event.id).order_by("starts_at", "position", "id")
    return Programme(event=event, items=list(items))


class _SharedProgramme:
    """One programme per process for pages every visitor gets alike, re-read at most every
    PROGRAMME_CACHE_SECONDS: when the whole hall opens the wall at once, each page build would
    otherwise read the event and its agenda again and keep its own copy for as long as the tab is
    open (docs/performance.md).

    Dropped at once when another database is opened, when this process saves or deletes an event
    or agenda item (Tortoise signals) and when any process announces AGENDA_NOW or EVENT_SETTINGS
    on the bus; a change another process makes without an announcement (or through a bulk
    `update()`, which sends no signal) shows within PROGRAMME_CACHE_SECONDS.
    """

    def __init__(self) -> None:
        self.read_at = -1e9
        self.programme: Programme | None = None
        self.generation = 0  # counts the drops, so a read that overlapped a change is not kept
        self.reading: asyncio.Future[Programme | None] | None = None
        self.listening_to: Bus | None = None
        self.database: object | None = None  # a newly opened database (e.g. the next test's) starts empty

    def drop(self, *_: Any) -> None:
        self.generation += 1
        self.read_at = -1e9
        self.reading = None

    async def get(self) -> Programme | None:
        if self.listening_to is not bus():
            self.listening_to = bus()
            for kind in (AGENDA_NOW, EVENT_SETTINGS):
                bus().subscribe(kind, self.drop)
        if (database := connections.get("default")) is not self.database:
            self.database = database
            self.drop()
        if time.monotonic() - self.read_at < PROGRAMME_CACHE_SECONDS:
            return self.programme
        if self.reading is not None:  # many page builds at once share one read
            return await asyncio.shield(self.reading)
        generation, started = self.generation, time.monotonic()
        self.reading = reading = asyncio.get_running_loop().create_future()
        try:
            programme = await load_programme()
        except BaseException as error:
            reading.set_exception(error)
            reading.exception()  # retrieved: a waiter may or may not exist
            raise
        finally:
            if self.reading is reading:
                self.reading = None
        if generation == self.generation:
            self.programme, self.read_at = programme, started
        reading.set_result(programme)
        return programme


_shared = _SharedProgramme()


async def _changed(*_: Any) -> None:
    _shared.drop()


for _model in (Event, AgendaItem):
    for _signal in (Signals.post_save, Signals.post_delete):
        _model.register_listener(_signal, _changed)


async def shared_programme() -> Programme | None:
    """The current event's programme, shared by every page build of this process for a few seconds.

    READ ONLY: the returned objects are the same for all tabs; a page that changes anything must
    use `load_programme`. Used where every visitor sees the same (the wall)."""
    return await _shared.get()


def running_item_id(programme: Programme, now: datetime) -> int | None:
    """What is on stage: the moderators' choice, otherwise the item whose slot contains `now`.

    Only while the conference is live: before its start and after its end nothing runs, whatever
    the moderators last chose (their choice expires with the event's end, and a choice made ahead
    of time counts from the start)."""
    if event_phase(programme.event, now) is not EventPhase.LIVE:
        return None
    chosen = programme.event.current_agenda_item_id
    if chosen is not None and programme.item(chosen) is not None:
        return chosen
    running = [item for item in programme.items if item.is_running_at(now)]
    return running[-1].id if running else None


async def set_current_agenda_item(event_id: int, item_id: int | None) -> int | None:
    """Moderators say what is on stage (None: follow the clock again). Returns the running item."""
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        if item_id is not None and not await AgendaItem.exists(id=item_id, event_id=event_id):
            raise NotFound("agenda_item_not_found")
        event.current_agenda_item_id = item_id
        await event.save(update_fields=["current_agenda_item_id", "updated_at"])
        programme = await load_programme(event_id)
        assert programme is not None
        running = running_item_id(programme, utcnow())
        await publication.publish(Signal(AGENDA_NOW, event_id, {"item_id": running}))
    return running


# --- after a gap on the bus (core.signals) ----------------------------------------------------
async def programme_since(_since: datetime) -> list[Signal]:
    """What runs now, with the programme to reload: agenda items carry no timestamp, and the
    marker may have moved with the clock meanwhile, so the current event is announced always."""
    programme = await load_programme()
    if programme is None:
        return []
    running = running_item_id(programme, utcnow())
    return [Signal(AGENDA_NOW, programme.event.id, {"item_id": running, AGENDA_CHANGED: 1})]


async def event_settings_since(since: datetime) -> list[Signal]:
    """Events whose settings (moderation mode, screen mode, blocked words...) changed since: every
    such change saves the event with updated_at."""
    changed = await Event.filter(updated_at__gte=since).order_by("id").values_list("id", flat=True)
    return [Signal(EVENT_SETTINGS, int(pk), {}) for pk in changed]  # type: ignore[call-overload]


register_kind(AGENDA_NOW, catch_up=programme_since)
register_kind(EVENT_SETTINGS, catch_up=event_settings_since)
