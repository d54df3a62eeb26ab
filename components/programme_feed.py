"""Pages that show the programme reload it when organisers change it (AGENDA_NOW with
AGENDA_CHANGED set), not when only the "now" marker moves.

The programme is read once per change and process, however many tabs show it: the bus hands
one event object to every tab's handler in turn, so the first handler starts the read and the
others wait for the same task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from nicegui import background_tasks, ui

from components.live import on_live, tab_is_open
from core.bus import AGENDA_CHANGED, AGENDA_NOW, Signal
from features.agenda.service import Programme, load_programme

_reading: dict[int, tuple[Signal, asyncio.Task[Programme | None]]] = {}


def _programme_after(event: Signal) -> asyncio.Task[Programme | None]:
    """The (shared) read of the programme as it is after `event`."""
    reading = _reading.get(event.event_id)
    if reading is not None and reading[0] is event:
        return reading[1]
    task = background_tasks.create(load_programme(event.event_id), name="programme-reload")
    _reading[event.event_id] = (event, task)

    def forget(_task: asyncio.Task[Programme | None]) -> None:
        if _reading.get(event.event_id, (None,))[0] is event:
            del _reading[event.event_id]

    task.add_done_callback(forget)
    return task


def on_programme_change(event_id: int, show: Callable[[Programme, int | None], None]) -> None:
    """Call `show(programme, running_item_id)` in this tab whenever the programme was edited."""
    client = ui.context.client

    def changed(event: Signal) -> None:
        if not event.ids.get(AGENDA_CHANGED):
            return
        reading = _programme_after(event)

        async def apply() -> None:
            programme = await reading
            if programme is not None and tab_is_open(client):
                with client:
                    show(programme, event.ids.get("item_id"))

        background_tasks.create(apply(), name="programme-show")

    on_live(AGENDA_NOW, event_id, changed)
