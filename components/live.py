"""Connect browser tabs to the event bus for as long as they are open."""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable
from typing import Generic, Protocol, TypeVar

from nicegui import Client, ui

from core.bus import Signal, bus


def tab_is_open(client: Client) -> bool:
    """Still a tab NiceGUI serves: not deleted, and not dropped from its registry (a test reset
    clears it without deleting), so handlers that read the database skip tabs nobody sees."""
    return not client.is_deleted and Client.instances.get(client.id) is client


def on_live(kind: str, event_id: int, handler: Callable[[Signal], None]) -> None:
    """Run `handler` in this tab's context for every `kind` event of `event_id`; stop when the tab goes."""
    client = ui.context.client

    def deliver(event: Signal) -> None:
        if event.event_id != event_id or not tab_is_open(client):
            return
        with client:
            handler(event)

    client.on_delete(bus().subscribe(kind, deliver))


class InTab(Protocol):
    client: Client


F = TypeVar("F", bound=InTab)


class EventFollowers(Generic[F]):
    """The components of this process's open tabs that follow one kind of bus event, per event.

    One bus subscription serves them all, so a handler can read the database once per event and
    hand the answer to every follower (a hundred screens cost one query, not a hundred). Closed
    tabs drop out by themselves.
    """

    def __init__(self, kinds: tuple[str, ...], handler: Callable[[Signal, list[F]], Awaitable[None]]) -> None:
        self.kinds = kinds
        self._handler = handler
        self._by_event: dict[int, weakref.WeakSet[F]] = {}
        self._subscribed = False

    def add(self, event_id: int, follower: F) -> None:
        """Keep `follower` informed until its tab closes."""
        if not self._subscribed:
            for kind in self.kinds:
                bus().subscribe(kind, self._deliver)
            self._subscribed = True
        followers = self._by_event.setdefault(event_id, weakref.WeakSet())
        followers.add(follower)
        follower.client.on_delete(lambda: followers.discard(follower))

    def count(self, event_id: int) -> int:
        return len(self._by_event.get(event_id, ()))

    async def _deliver(self, event: Signal) -> None:
        open_ones = [item for item in self._by_event.get(event.event_id, ()) if tab_is_open(item.client)]
        if open_ones:
            await self._handler(event, open_ones)
