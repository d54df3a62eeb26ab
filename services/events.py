"""The event and what is on stage now: read the programme, move the "now" marker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from models.event import AgendaItem, Event
from services.errors import NotFound
from services.live import AGENDA_NOW, LiveEvent, bus


def utcnow() -> datetime:
    return datetime.now(UTC)


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


def running_item_id(programme: Programme, now: datetime) -> int | None:
    """What is on stage: the moderators' choice, otherwise the item whose slot contains `now`."""
    chosen = programme.event.current_agenda_item_id  # type: ignore[attr-defined]
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
        event.current_agenda_item_id = item_id  # type: ignore[attr-defined]
        await event.save(update_fields=["current_agenda_item_id", "updated_at"])
        programme = await load_programme(event_id)
        assert programme is not None
        running = running_item_id(programme, utcnow())
        await publication.publish(LiveEvent(AGENDA_NOW, event_id, {"item_id": running}))
    return running
