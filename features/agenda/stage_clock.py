"""Moves the "now" marker with the clock when the moderators have not chosen an item.

One task per process. A clock change is the same in every process, so each process tells only
its own clients (dispatch, not publish) and nothing crosses the bus.
"""

from __future__ import annotations

import asyncio
import logging

from core.bus import AGENDA_NOW, Signal, bus
from core.tasks import cancel_and_wait
from features.agenda.service import load_programme, running_item_id, utcnow

log = logging.getLogger(__name__)


class StageClock:
    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._last: dict[int, int | None] = {}
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe = bus().subscribe(AGENDA_NOW, self._remember)

    def _remember(self, event: Signal) -> None:
        self._last[event.event_id] = event.ids.get("item_id")

    async def tick(self) -> None:
        programme = await load_programme()
        if programme is None:
            return
        running = running_item_id(programme, utcnow())
        event_id = programme.event.id
        if event_id in self._last and self._last[event_id] == running:
            return
        first_look = event_id not in self._last
        self._last[event_id] = running
        if not first_look:
            await bus().dispatch(Signal(AGENDA_NOW, event_id, {"item_id": running}))

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("stage clock tick failed")
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="stage-clock")

    async def stop(self) -> None:
        self._unsubscribe()
        await cancel_and_wait(self._task)
        self._task = None
