"""The one event bus: services publish what changed, pages hear it and update their clients.

Events carry a kind and ids only; whoever shows the thing loads or already holds what it needs.
The in-process backend serves SQLite (one process). One dispatcher task per process hands every
event to the subscribed handlers, so a publisher never waits for the fan-out to its viewers.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

AGENDA_NOW = "agenda.now"
CONTRIBUTION = "contribution"  # a contribution was posted or changed (ids: contribution_id)


@dataclass(frozen=True)
class LiveEvent:
    kind: str
    event_id: int
    ids: dict[str, int | None] = field(default_factory=dict)


Handler = Callable[[LiveEvent], Awaitable[None] | None]


class InProcessBus:
    """Delivers events to handlers of this process, in the order they were published."""

    backend = "in-process"

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._queue: asyncio.Queue[LiveEvent] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def subscribe(self, kind: str, handler: Handler) -> Callable[[], None]:
        """Register a handler; the returned function unregisters it."""
        self._handlers[kind].append(handler)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._handlers[kind].remove(handler)

        return unsubscribe

    def subscriber_count(self, kind: str) -> int:
        return len(self._handlers[kind])

    async def publish(self, event: LiveEvent) -> None:
        """Call after the transaction that made the change has committed."""
        self._queue.put_nowait(event)

    async def start(self) -> None:
        if self._task is None or self._task.done():
            self._queue = asyncio.Queue()
            self._task = asyncio.create_task(self._run(), name="live-bus-dispatcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            event = await self._queue.get()
            await self.dispatch(event)

    async def dispatch(self, event: LiveEvent) -> None:
        """Hand one event to this process's handlers; a failing handler never stops the others."""
        for handler in list(self._handlers[event.kind]):
            try:
                result = handler(event)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("live handler for %s failed", event.kind)


_bus = InProcessBus()


def bus() -> InProcessBus:
    return _bus
